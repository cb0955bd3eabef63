// SPDX-License-Identifier: MIT
// Counts in every human-readable place read like the amounts beside them: US grouping ("3,176,523,000,000
// packages", as "$6,620"), whatever the system's locale (the tests run under German, whose grouping mark is
// a dot), in the underwriter report's run facts, the proposal's options sentence and the command line's
// words; the machine fields of the CSV and JSON exports keep plain numbers.
#include "engine/plainwords.h"
#include "report/proposal.h"
#include "report/reportexport.h"
#include "report/underwriterreport.h"
#include "testsupport.h"
#include "util/numbers.h"

#include <QLocale>
#include <QTest>

using namespace pw;
using namespace pw::test;

namespace {

ReportInputs brooklynInputs(int top) {
    EngineOptions o;
    o.now = fixedNow();
    o.top = top;
    ReportPreparation p =
        prepareReport(readJsonFile(samplePath(QStringLiteral("brooklyn-household.json"))), o);
    if (!p.inputs) qFatal("Brooklyn did not rank");
    return std::move(*p.inputs);
}

// The run's output with its counts replaced, as a very large case's run states them.
void setCounts(ReportInputs &in, qint64 packages, qint64 qualified, qint64 pool) {
    JsonValue out = in.run[u"output"];
    out.insert(QStringLiteral("solution_count"), JsonValue(packages));
    out.insert(QStringLiteral("qualified_count"), JsonValue(qualified));
    out.insert(QStringLiteral("pool_size"), JsonValue(pool));
    in.run.insert(QStringLiteral("output"), out);
}

} // namespace

class TestReportCounts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); }
    void cleanupTestCase() { QLocale::setDefault(QLocale::c()); }

    void countWords_data() {
        QTest::addColumn<double>("count");
        QTest::addColumn<QString>("expected");
        QTest::newRow("0") << 0.0 << QStringLiteral("0");
        QTest::newRow("999") << 999.0 << QStringLiteral("999");
        QTest::newRow("1,000") << 1000.0 << QStringLiteral("1,000");
        QTest::newRow("over 2^32") << 4298942376.0 << QStringLiteral("4,298,942,376");
        QTest::newRow("10^12") << 1e12 << QStringLiteral("1,000,000,000,000");
        QTest::newRow("3,176,523,000,000") << 3176523000000.0 << QStringLiteral("3,176,523,000,000");
        QTest::newRow("2^53 - 1") << 9007199254740991.0 << QStringLiteral("9,007,199,254,740,991");
    }
    void countWords() {
        QFETCH(double, count);
        QFETCH(QString, expected);
        QCOMPARE(formatCount(qint64(count)), expected);
        QCOMPARE(countValueText(JsonValue(count)), expected);
        QCOMPARE(countText(qint64(count), QStringLiteral("package")), expected + QStringLiteral(" packages"));
    }

    // A number that is not a whole count is never rounded into one: it is shown as the run states it.
    void notACountIsShownAsStated_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fraction") << QByteArray("12.5") << QStringLiteral("12.5");
        QTest::newRow("beyond 2^53") << QByteArray("1e300") << QStringLiteral("1e300");
        QTest::newRow("text") << QByteArray("\"48\"") << QStringLiteral("—");
        QTest::newRow("null") << QByteArray("null") << QStringLiteral("—");
    }
    void notACountIsShownAsStated() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto v = parseJson(json);
        QVERIFY(v);
        QCOMPARE(countValueText(*v), expected);
    }

    void documentsGroupCounts_data() {
        QTest::addColumn<qint64>("packages");
        QTest::addColumn<qint64>("qualified");
        QTest::addColumn<QString>("packagesText");
        QTest::addColumn<QString>("qualifiedText");
        QTest::newRow("3,176,523,000,000")
            << qint64(3176523000000) << qint64(1234567890123) << QStringLiteral("3,176,523,000,000")
            << QStringLiteral("1,234,567,890,123");
        QTest::newRow("1,000,000,000,000") << qint64(1000000000000) << qint64(6)
                                           << QStringLiteral("1,000,000,000,000") << QStringLiteral("6");
        QTest::newRow("2,151,685,171") << qint64(2151685171) << qint64(10000)
                                       << QStringLiteral("2,151,685,171") << QStringLiteral("10,000");
    }
    void documentsGroupCounts() {
        QFETCH(qint64, packages);
        QFETCH(qint64, qualified);
        QFETCH(QString, packagesText);
        QFETCH(QString, qualifiedText);
        ReportInputs in = brooklynInputs(10); // 6 of the top 10 qualify
        setCounts(in, packages, qualified, 12345);

        const QString uw = buildUnderwriterReport(in).allText().join(u'\n');
        const QString facts =
            QStringLiteral("%1 ranked, %2 qualified; 10 returned (top 10)").arg(packagesText, qualifiedText);
        QVERIFY2(uw.contains(facts), qPrintable(uw));
        QVERIFY2(uw.contains(QStringLiteral("12,345 (")), qPrintable(uw));

        const QString shortfall = proposalOptionsShortfall(in);
        QCOMPARE(shortfall,
                 QStringLiteral("Up to 10 options were asked for; 6 options are shown, as only 6 of the "
                                "%1 packages quoted meet every eligibility rule.")
                     .arg(packagesText));
        QVERIFY(buildProposal(in, {}, {}).allText().join(u'\n').contains(shortfall));

        // Machine fields: plain numbers.
        const auto json = parseJson(runJson(in, ReportKind::Underwriter));
        QVERIFY(json);
        QCOMPARE((*json)[u"output"][u"solution_count"].numberText(), QByteArray::number(packages));
        QCOMPARE((*json)[u"output"][u"qualified_count"].numberText(), QByteArray::number(qualified));
    }
};

QTEST_GUILESS_MAIN(TestReportCounts)
#include "tst_reportcounts.moc"
