// SPDX-License-Identifier: MIT
// What a client is handed: the proposal in every format carries no score, level, commission or note (also
// notes an agent keeps in members the workbench does not know); today's premium stated twice and
// disagreeing is flagged with both figures; fewer options than asked for is said, never a silent cap;
// the agency on the cover can be set on the command line, and a logo that cannot be read stops the report.
#include "engine/engine.h"
#include "engine/whyline.h"
#include "testsupport.h"
#include "util/numbers.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;
using namespace pw::test;

namespace {

const QString kNow = QStringLiteral("2026-11-28T12:00:00Z");

QString brooklyn() {
    return samplePath(QStringLiteral("brooklyn-household.json"));
}

QString pdfText(const QString &pdf) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

ProcessResult report(const QString &caseFile, const QString &format, const QString &out,
                     const QStringList &more = {}) {
    return runWorkbenchLimited(QStringList{QStringLiteral("report"), caseFile, QStringLiteral("--kind"),
                                           QStringLiteral("proposal"), QStringLiteral("--format"), format,
                                           QStringLiteral("-o"), out, QStringLiteral("--now"), kNow} +
                                   more,
                               0);
}

QString reportText(const QString &format, const QString &file) {
    return format == u"pdf" ? pdfText(file) : QString::fromUtf8(readFileBytes(file));
}

void writeCase(const QString &path, const JsonValue &root) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(writeJson(root));
}

// The Brooklyn case with an agent's notes in members of its own on every offering and the input.
JsonValue notedCase() {
    JsonValue root = readJsonFile(brooklyn());
    JsonValue offerings = root[u"offerings"];
    for (JsonValue &o : offerings.arrayItemsMut()) {
        o.insert(QStringLiteral("notes"), QStringLiteral("AGENTONLY offering remark"));
        JsonValue a = o[u"attributes"];
        a.insert(QStringLiteral("internal_memo"), QStringLiteral("AGENTONLY bonus 2 points"));
        o.insert(QStringLiteral("attributes"), a);
        JsonValue c = o[u"coverage"];
        c.insert(QStringLiteral("underwriter_notes"), QStringLiteral("AGENTONLY check roof"));
        o.insert(QStringLiteral("coverage"), c);
    }
    root.insert(QStringLiteral("offerings"), offerings);
    return root;
}

// The Brooklyn case with today's premium stated as `stated` beside its per-line premiums.
JsonValue premiumCase(double stated) {
    JsonValue root = readJsonFile(brooklyn());
    JsonValue input = root[u"input"];
    input.insert(QStringLiteral("premium"), stated);
    root.insert(QStringLiteral("input"), input);
    return root;
}

double lineSum(const JsonValue &root) {
    const JsonValue &in = root[u"input"];
    const JsonValue &lines =
        in[u"current_portfolio"].isObject() ? in[u"current_portfolio"] : in[u"current_coverage"];
    double sum = 0;
    for (const auto &[name, line] : lines.objectMembers())
        sum += line[u"annual_premium"].toDouble();
    return sum;
}

} // namespace

class TestProposalClient : public QObject {
    Q_OBJECT
private slots:
    void noScoreCommissionOrNote_data();
    void noScoreCommissionOrNote();
    void premiumDisagreementNamesBothFigures_data();
    void premiumDisagreementNamesBothFigures();
    void fewerOptionsThanAskedIsSaid_data();
    void fewerOptionsThanAskedIsSaid();
    void agencyFromTheCommandLine_data();
    void agencyFromTheCommandLine();
    void unreadableLogoStopsTheReport_data();
    void unreadableLogoStopsTheReport();
};

void TestProposalClient::noScoreCommissionOrNote_data() {
    QTest::addColumn<QString>("format");
    for (const char *f : {"pdf", "html", "csv", "json"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestProposalClient::noScoreCommissionOrNote() {
    QFETCH(QString, format);
    QTemporaryDir dir;
    const QString casePath = dir.filePath(QStringLiteral("noted.json"));
    writeCase(casePath, notedCase());
    const QString out = dir.filePath(QStringLiteral("proposal.") + format);
    const ProcessResult r = report(casePath, format, out, {QStringLiteral("--top"), QStringLiteral("10")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QString text = reportText(format, out);
    QVERIFY(text.size() > 500);
    if (format == u"html") { // what a reader sees: no style sheet, no markup
        text.remove(QRegularExpression(QStringLiteral("<style[^>]*>.*</style>"),
                                       QRegularExpression::DotMatchesEverythingOption));
        text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    }
    QVERIFY2(!text.contains(QStringLiteral("AGENTONLY")), qPrintable(format));
    QVERIFY2(!text.contains(QStringLiteral("commission"), Qt::CaseInsensitive), qPrintable(format));
    for (const char *word : {"score", "overall", "level", "weight", "scorecard", "reasons"})
        QVERIFY2(!text.contains(QLatin1StringView(word), Qt::CaseInsensitive), word);
    // No level chip either ("L1" … "L4" as a word).
    QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("\\bL[1-4]\\b"))), qPrintable(format));
    if (format == u"json") {
        const JsonValue run = *parseJson(readFileBytes(out));
        QVERIFY(run[u"solutions"].size() > 0);
        for (const auto &s : run[u"solutions"].arrayItems()) {
            QVERIFY(!s.contains(u"scorecard"));
            QVERIFY(s[u"est_cost_low"].isNumber()); // what the client reads stays
        }
    }
}

void TestProposalClient::premiumDisagreementNamesBothFigures_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<double>("stated");
    QTest::newRow("pdf, more") << QStringLiteral("pdf") << 4500.0;
    QTest::newRow("html, less") << QStringLiteral("html") << 3000.5;
    QTest::newRow("html, a cent") << QStringLiteral("html") << -0.01; // relative to the lines' sum
    QTest::newRow("html, agreeing") << QStringLiteral("html") << 0.0;
}

void TestProposalClient::premiumDisagreementNamesBothFigures() {
    QFETCH(QString, format);
    QFETCH(double, stated);
    QTemporaryDir dir;
    const double sum = lineSum(readJsonFile(brooklyn()));
    QVERIFY(sum > 1000);
    const double premium = stated <= 0 ? sum + stated : stated;
    const QString casePath = dir.filePath(QStringLiteral("premium.json"));
    writeCase(casePath, premiumCase(premium));
    const QString out = dir.filePath(QStringLiteral("proposal.") + format);
    const ProcessResult r = report(casePath, format, out);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString text = reportText(format, out);
    const QString warning =
        QStringLiteral("Today's premium is stated as %1, but today's").arg(formatMoney(premium, true));
    if (premium == sum) {
        QVERIFY(!text.contains(QStringLiteral("Today&#39;s premium is stated as")));
        QVERIFY(!text.contains(QStringLiteral("Today's premium is stated as")));
        return;
    }
    QString flat = text;
    flat.replace(QStringLiteral("&#39;"), QStringLiteral("'"));
    QVERIFY2(flat.contains(warning), qPrintable(warning));
    QVERIFY2(flat.contains(QStringLiteral("add up to %1").arg(formatMoney(sum, true))),
             qPrintable(flat.left(3000)));
}

void TestProposalClient::fewerOptionsThanAskedIsSaid_data() {
    QTest::addColumn<int>("top");
    QTest::addColumn<QString>("said"); // empty: nothing to say
    // Brooklyn: 48 packages, 6 qualified.
    QTest::newRow("3 of 6") << 3 << QString();
    QTest::newRow("6 of 6") << 6 << QString();
    QTest::newRow("20") << 20
                        << QStringLiteral(
                               "Up to 20 options were asked for; 6 options are shown, as only 6 of the 48 "
                               "packages quoted meet every eligibility rule.");
    QTest::newRow("60, more than there are")
        << 60
        << QStringLiteral(
               "Up to 60 options were asked for; 6 options are shown, as only 6 of the 48 packages "
               "quoted meet every eligibility rule.");
}

void TestProposalClient::fewerOptionsThanAskedIsSaid() {
    QFETCH(int, top);
    QFETCH(QString, said);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("proposal.html"));
    const ProcessResult r =
        report(brooklyn(), QStringLiteral("html"), out, {QStringLiteral("--top"), QString::number(top)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString err = QString::fromUtf8(r.err), html = QString::fromUtf8(readFileBytes(out));
    if (said.isEmpty()) {
        QVERIFY2(!err.contains(QStringLiteral("were asked for")), qPrintable(err));
        QVERIFY(!html.contains(QStringLiteral("were asked for")));
    } else {
        QVERIFY2(err.contains(said), qPrintable(err));
        QVERIFY(html.contains(said));
    }
    // The packages not offered are counted among those there are, never "the top 60" of 48.
    QVERIFY2(!html.contains(QStringLiteral("among the top %1").arg(top)) || top <= 48,
             qPrintable(html.right(4000)));
}

void TestProposalClient::agencyFromTheCommandLine_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::newRow("agency") << QStringLiteral("--agency")
                            << QStringLiteral("Okafor & Lee Insurance <Brooklyn>");
    QTest::newRow("agent") << QStringLiteral("--agent") << QStringLiteral("Pat Lee, CIC");
    QTest::newRow("contact") << QStringLiteral("--contact")
                             << QStringLiteral("(718) 555-0100 · pat@example.com");
}

void TestProposalClient::agencyFromTheCommandLine() {
    QFETCH(QString, option);
    QFETCH(QString, value);
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("p.html")), pdf = dir.filePath(QStringLiteral("p.pdf"));
    QCOMPARE(report(brooklyn(), QStringLiteral("html"), html, {option, value}).exitCode, 0);
    QVERIFY2(QString::fromUtf8(readFileBytes(html)).contains(value.toHtmlEscaped()), qPrintable(value));
    QCOMPARE(report(brooklyn(), QStringLiteral("pdf"), pdf, {option, value}).exitCode, 0);
    QVERIFY2(pdfText(pdf).contains(value), qPrintable(value));
    // A logo that can be read goes on the cover as an image.
    // A 1×1 PNG.
    const QByteArray png = QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    const QString logoFile = dir.filePath(QStringLiteral("logo.png"));
    {
        QFile f(logoFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(png);
    }
    const ProcessResult r =
        report(brooklyn(), QStringLiteral("html"), html, {QStringLiteral("--logo"), logoFile});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QString::fromUtf8(readFileBytes(html)).contains(QStringLiteral("data:image/png;base64,")));
}

void TestProposalClient::unreadableLogoStopsTheReport_data() {
    QTest::addColumn<QString>("logo"); // file name in the temporary folder; its bytes below
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing") << QStringLiteral("missing.png") << QByteArray()
                             << QStringLiteral("no such file");
    QTest::newRow("not an image") << QStringLiteral("logo.png") << QByteArray("GIF? no, text") << QString();
    QTest::newRow("empty") << QStringLiteral("empty.png") << QByteArray("") << QString();
    QTest::newRow("a folder") << QStringLiteral("folder") << QByteArray() << QStringLiteral("not a file");
}

void TestProposalClient::unreadableLogoStopsTheReport() {
    QFETCH(QString, logo);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(logo);
    if (logo == u"folder")
        QVERIFY(QDir(dir.path()).mkdir(logo));
    else if (logo != u"missing.png") {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    for (const QString &format : {QStringLiteral("pdf"), QStringLiteral("html")}) {
        const QString out = dir.filePath(QStringLiteral("p.") + format);
        const ProcessResult r = report(brooklyn(), format, out, {QStringLiteral("--logo"), path});
        QCOMPARE(r.exitCode, 2);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(QStringLiteral("the logo %1 cannot be read").arg(path)), qPrintable(err));
        if (!reason.isEmpty()) QVERIFY2(err.contains(reason), qPrintable(err));
        QVERIFY(!QFile::exists(out));
    }
}

QTEST_GUILESS_MAIN(TestProposalClient)
#include "tst_proposalclient.moc"
