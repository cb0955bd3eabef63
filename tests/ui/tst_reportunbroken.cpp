// SPDX-License-Identifier: MIT
// What the underwriter report's PDF (ui/report) never breaks across lines, read back with pdftotext: the
// input hash and the engine profile's SHA-256 (an underwriter copies them to compare with a case file)
// and the words of the ranking table's header ("Commission"), also beside carrier names long enough that
// not every word of the table can have its room.
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

// The sample household with Harborview's and Keystone's names replaced (empty: kept).
QString writeCase(const QString &folder, const QString &harborview, const QString &keystone) {
    QFile in(pw::test::samplePath(QStringLiteral("brooklyn-household.json")));
    if (!in.open(QIODevice::ReadOnly)) return {};
    QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
    QJsonArray offerings = root.value(QStringLiteral("offerings")).toArray();
    for (qsizetype i = 0; i < offerings.size(); ++i) {
        QJsonObject o = offerings[i].toObject();
        const QString provider = o.value(QStringLiteral("provider_id")).toString();
        if (provider == QStringLiteral("prov_harborview") && !harborview.isEmpty())
            o[QStringLiteral("provider_name")] = harborview;
        if (provider == QStringLiteral("prov_keystone") && !keystone.isEmpty())
            o[QStringLiteral("provider_name")] = keystone;
        offerings[i] = o;
    }
    root[QStringLiteral("offerings")] = offerings;
    const QString file = QDir(folder).filePath(QStringLiteral("case.json"));
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly)) return {};
    out.write(QJsonDocument(root).toJson());
    return file;
}

QString pdfText(const QString &pdf) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(120000) || p.exitCode() != 0) return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestReportUnbroken : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is needed to read the PDF back");
    }

    void hashesAndHeadersStayWhole_data() {
        QTest::addColumn<QString>("harborview");
        QTest::addColumn<QString>("keystone");
        QTest::newRow("sample") << QString() << QString();
        QTest::newRow("long carrier names")
            << QStringLiteral("<script>alert(1)</script><b>Harbor</b> & \"view\" 'Mutual'")
            << QStringLiteral("=1+2 Keystone Indemnity Very Long Carrier Name Holdings Reinsurance");
        QTest::newRow("long words in names") << QStringLiteral("Harborviewmutualinsurancecompanyofnewyork")
                                             << QStringLiteral("Keystoneindemnityreinsuranceholdings");
    }

    void hashesAndHeadersStayWhole() {
        QFETCH(QString, harborview);
        QFETCH(QString, keystone);
        QTemporaryDir dir;
        const QString caseFile = writeCase(dir.path(), harborview, keystone);
        QVERIFY(!caseFile.isEmpty());
        const QString pdf = dir.filePath(QStringLiteral("uw.pdf")),
                      html = dir.filePath(QStringLiteral("uw.html"));
        for (const QString &out : {pdf, html}) {
            const pw::test::ProcessResult r = pw::test::runWorkbenchLimited(
                {QStringLiteral("report"), caseFile, QStringLiteral("--kind"), QStringLiteral("underwriter"),
                 QStringLiteral("--format"), QFileInfo(out).suffix(), QStringLiteral("-o"), out,
                 QStringLiteral("--now"), QStringLiteral("2026-12-01T00:00:00Z"), QStringLiteral("--top"),
                 QStringLiteral("10")},
                0);
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString source = QString::fromUtf8(f.readAll());
        const QString text = pdfText(pdf);
        QVERIFY(!text.isEmpty());

        // The two digests the HTML states, each whole on one line of the PDF's text.
        static const QRegularExpression digest(QStringLiteral("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])"));
        QStringList digests;
        for (auto it = digest.globalMatch(source); it.hasNext();)
            digests << it.next().captured();
        digests.removeDuplicates();
        QCOMPARE(digests.size(), 2); // input hash, engine profile
        for (const QString &d : digests)
            QVERIFY2(text.contains(d), qPrintable(QStringLiteral("%1 is broken in the PDF").arg(d)));

        // The ranking header on every page the table spans, "Commission" whole each time.
        QCOMPARE(int(text.count(QRegularExpression(QStringLiteral("\\bCommission\\b")))),
                 int(text.count(QRegularExpression(QStringLiteral("\\bCommissio")))));
        QVERIFY(text.count(QRegularExpression(QStringLiteral("\\bCommission\\b"))) >= 1);
    }
};

QTEST_MAIN(TestReportUnbroken)
#include "tst_reportunbroken.moc"
