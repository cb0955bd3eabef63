// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include "io/json.h"
#include "io/jsonpath.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace pw;

namespace {

const QString kNow = QStringLiteral("2026-11-28T12:00:00Z");

QString sample(const char *name) {
    return test::samplePath(QString::fromLatin1(name));
}

QStringList outLines(const test::ProcessResult &r) {
    return QString::fromUtf8(r.out).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class TestCliValidate : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void seedIsClean();
    void brooklynWarningsOnly();
    void errorsExitOne();
    void unreadableExitTwo();
    void severalFiles();
    void jsonFormatMatchesText();
    void nowChangesExpiry();
    void badArguments_data();
    void badArguments();
    void help();
    void version();

private:
    QTemporaryDir m_dir;
    QString m_errorsFile;
};

void TestCliValidate::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(PW_BINARY)), PW_BINARY);
    JsonValue root = test::readJsonFile(sample("brooklyn-household.json"));
    QVERIFY(setJsonValueAt(root, QStringLiteral("offerings[0].commission"), JsonValue(1.3)));
    QVERIFY(setJsonValueAt(root, QStringLiteral("input.address.state"), JsonValue(QStringLiteral("ZZ"))));
    m_errorsFile = m_dir.filePath(QStringLiteral("errors.json"));
    QFile f(m_errorsFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(writeJson(root));
}

void TestCliValidate::seedIsClean() {
    const auto r = test::runWorkbench(
        {QStringLiteral("validate"), sample("seed-job.json"), QStringLiteral("--now"), kNow});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray());
}

void TestCliValidate::brooklynWarningsOnly() {
    const QString file = sample("brooklyn-household.json");
    const auto r = test::runWorkbench({QStringLiteral("validate"), file, QStringLiteral("--now"), kNow});
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = outLines(r);
    QCOMPARE(
        lines,
        (QStringList{file + u": offerings[12].attributes.quote_expires_at: warning: quote "
                            u"quote_line_northpoint_auto_002 expired 2026-10-31T23:59:59Z, before it was "
                            u"generated (2026-11-20T15:04:00Z)",
                     file + u": offerings[13].category: warning: offering quote_line_harborview_renters_001 "
                            u"is for renters, which was not requested; it will be ignored"}));
    // Every line has the documented shape FILE: PATH: severity: message.
    static const QRegularExpression shape(
        QStringLiteral("^(.+): ([^ :]+|\\(file\\)): (error|warning): (.+)$"));
    for (const QString &l : lines)
        QVERIFY2(shape.match(l).hasMatch(), qPrintable(l));
}

void TestCliValidate::errorsExitOne() {
    const auto r =
        test::runWorkbench({QStringLiteral("validate"), m_errorsFile, QStringLiteral("--now"), kNow});
    QCOMPARE(r.exitCode, 1);
    const QStringList lines = outLines(r);
    QVERIFY(
        lines.contains(m_errorsFile + u": input.address.state: error: \"ZZ\" is not a US state or DC code"));
    QVERIFY(lines.contains(
        m_errorsFile +
        u": offerings[0].commission: error: commission 1.3 is outside 0–1 (write 13% as 0.13)"));
    QCOMPARE(lines.size(), 4); // the two errors and the sample's two warnings
}

void TestCliValidate::unreadableExitTwo() {
    const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
    const auto r = test::runWorkbench({QStringLiteral("validate"), missing});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(outLines(r).size(), 1);
    QVERIFY2(outLines(r).first().startsWith(missing + u": (file): error: cannot be read: "),
             r.out.constData());

    // A malformed file cannot be parsed: exit 2, so scripts tell it from a case with validation errors.
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"input\": {,\n}");
    f.close();
    const auto rb = test::runWorkbench({QStringLiteral("validate"), bad});
    QCOMPARE(rb.exitCode, 2);
    QCOMPARE(
        outLines(rb),
        QStringList{bad +
                    u": (file): error: malformed JSON at line 2, column 13: expected a member name in double "
                    u"quotes but found ','"});
}

void TestCliValidate::severalFiles() {
    const QString seed = sample("seed-job.json");
    const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
    // Every file is checked; the worst outcome decides the exit code (unreadable over errors).
    auto r =
        test::runWorkbench({QStringLiteral("validate"), seed, m_errorsFile, QStringLiteral("--now"), kNow});
    QCOMPARE(r.exitCode, 1);
    r = test::runWorkbench(
        {QStringLiteral("validate"), m_errorsFile, missing, seed, QStringLiteral("--now"), kNow});
    QCOMPARE(r.exitCode, 2);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY(out.contains(m_errorsFile + u": offerings[0].commission: error: "));
    QVERIFY(out.contains(missing + u": (file): error: cannot be read"));
    r = test::runWorkbench(
        {QStringLiteral("validate"), missing, m_errorsFile, QStringLiteral("--now"), kNow});
    QCOMPARE(r.exitCode, 2);
    r = test::runWorkbench(
        {QStringLiteral("validate"), seed, sample("brooklyn-household.json"), QStringLiteral("--now"), kNow});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(outLines(r).size(), 2);
}

void TestCliValidate::jsonFormatMatchesText() {
    const QString missing = m_dir.filePath(QStringLiteral("missing.json"));
    const QStringList files{sample("brooklyn-household.json"), m_errorsFile, sample("seed-job.json"),
                            missing};
    const auto text = test::runWorkbench(QStringList{QStringLiteral("validate")} + files +
                                         QStringList{QStringLiteral("--now"), kNow});
    const auto json = test::runWorkbench(
        QStringList{QStringLiteral("validate")} + files +
        QStringList{QStringLiteral("--now"), kNow, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 2);
    QCOMPARE(text.exitCode, json.exitCode);
    JsonParseError e;
    const auto report = parseJson(json.out, &e);
    QVERIFY2(report, qPrintable(e.toString() + u"\n" + QString::fromUtf8(json.out)));
    QVERIFY(report->isArray());
    QCOMPARE(report->size(), files.size());
    QStringList fromJson;
    for (int i = 0; i < report->size(); ++i) {
        const JsonValue &entry = report->at(i);
        QCOMPARE(entry[u"file"].toString(), files[i]);
        QVERIFY(entry[u"problems"].isArray());
        for (const JsonValue &p : entry[u"problems"].arrayItems()) {
            QVERIFY(p[u"severity"].toString() == u"error" || p[u"severity"].toString() == u"warning");
            QVERIFY(p[u"path"].isString());
            const QString path = p[u"path"].toString();
            fromJson << files[i] + u": " + (path.isEmpty() ? QStringLiteral("(file)") : path) + u": " +
                            p[u"severity"].toString() + u": " + p[u"message"].toString();
        }
    }
    QCOMPARE(fromJson, outLines(text));
    QCOMPARE(report->at(0)[u"problems"].size(), 2);
    QCOMPARE(report->at(2)[u"problems"].size(), 0);
    QCOMPARE(report->at(3)[u"problems"].at(0)[u"path"].toString(), QString());
}

void TestCliValidate::nowChangesExpiry() {
    const QString file = sample("brooklyn-household.json");
    const QString expiry = file + u": offerings[12].attributes.quote_expires_at: warning: ";
    const QString expired = expiry + u"quote quote_line_northpoint_auto_002 expired 2026-10-31T23:59:59Z";
    auto r = test::runWorkbench(
        {QStringLiteral("validate"), file, QStringLiteral("--now"), QStringLiteral("2026-10-01T00:00:00Z")});
    QCOMPARE(r.exitCode, 0);
    // Not expired on 1 October; what remains is that the quote expires before it was generated.
    QCOMPARE(outLines(r),
             (QStringList{expiry + u"the quote expires (2026-10-31T23:59:59Z) before it was generated "
                                   u"(2026-11-20T15:04:00Z)",
                          file + u": offerings[13].category: warning: offering "
                                 u"quote_line_harborview_renters_001 is for renters, which was not "
                                 u"requested; it will be ignored"}));
    // At the expiry instant the quote has not expired; one second later it has.
    r = test::runWorkbench(
        {QStringLiteral("validate"), file, QStringLiteral("--now"), QStringLiteral("2026-10-31T23:59:59Z")});
    QVERIFY(!QString::fromUtf8(r.out).contains(expired));
    r = test::runWorkbench(
        {QStringLiteral("validate"), file, QStringLiteral("--now"), QStringLiteral("2026-11-01T00:00:00Z")});
    QVERIFY(QString::fromUtf8(r.out).contains(expired));
    // A time with an offset means the same instant in UTC.
    r = test::runWorkbench({QStringLiteral("validate"), file, QStringLiteral("--now"),
                            QStringLiteral("2026-10-31T19:59:59-04:00")});
    QVERIFY(!QString::fromUtf8(r.out).contains(expired));
    r = test::runWorkbench({QStringLiteral("validate"), file, QStringLiteral("--now"),
                            QStringLiteral("2026-10-31T20:00:00-04:00")});
    QVERIFY(QString::fromUtf8(r.out).contains(expired));
    // Without --now the wall clock (after 2026-10-31) is used in this test run.
    if (QDateTime::currentDateTimeUtc() > QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc())) {
        r = test::runWorkbench({QStringLiteral("validate"), file});
        QVERIFY(QString::fromUtf8(r.out).contains(expired));
    }
}

void TestCliValidate::badArguments_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("stderrPart");
    const QString seed = sample("seed-job.json");
    QTest::newRow("no files") << QStringList{QStringLiteral("validate")}
                              << QStringLiteral("validate: name at least one case file (see --help)");
    QTest::newRow("bad --now") << QStringList{QStringLiteral("validate"), seed, QStringLiteral("--now"),
                                              QStringLiteral("yesterday")}
                               << QStringLiteral("--now: \"yesterday\" is not an RFC 3339 time");
    QTest::newRow("bad --format") << QStringList{QStringLiteral("validate"), seed, QStringLiteral("--format"),
                                                 QStringLiteral("xml")}
                                  << QStringLiteral("validate: --format must be text or json");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("validate"), seed,
                                                   QStringLiteral("--frobnicate")}
                                    << QStringLiteral("frobnicate");
    QTest::newRow("--now without value")
        << QStringList{QStringLiteral("validate"), seed, QStringLiteral("--now")} << QStringLiteral("now");
}

void TestCliValidate::badArguments() {
    QFETCH(QStringList, args);
    QFETCH(QString, stderrPart);
    const auto r = test::runWorkbench(args);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrPart), r.err.constData());
    QCOMPARE(r.out, QByteArray());
}

void TestCliValidate::help() {
    const auto r = test::runWorkbench({QStringLiteral("validate"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(u"FILE: PATH: severity: message"), qPrintable(out));
    QVERIFY(out.contains(u"--now <TIME>"));
    QVERIFY(out.contains(u"--format <FORMAT>"));
    QVERIFY(out.contains(u"FILE..."));

    const auto top = test::runWorkbench({QStringLiteral("--help")});
    QCOMPARE(top.exitCode, 0);
    const QString topOut = QString::fromUtf8(top.out);
    QVERIFY2(topOut.contains(QRegularExpression(QStringLiteral("\\n  validate +\\S"))), qPrintable(topOut));
    QVERIFY(topOut.contains(u"--version"));
}

void TestCliValidate::version() {
    const auto r = test::runWorkbench({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("placement-workbench " PW_VERSION "\n"));
    QVERIFY(QRegularExpression(QStringLiteral("^placement-workbench \\d+\\.\\d+\\.\\d+\\n$"))
                .match(QString::fromUtf8(r.out))
                .hasMatch());
}

QTEST_GUILESS_MAIN(TestCliValidate)
#include "tst_clivalidate.moc"
