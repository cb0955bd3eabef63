// SPDX-License-Identifier: MIT
// What goes into the reports (core/report): grades in words, what the proposal says and leaves out, the
// options it offers, the underwriter report's run facts and profile differences.
#include "engine/plainwords.h"
#include "report/proposal.h"
#include "report/reportwords.h"
#include "report/underwriterreport.h"
#include "testsupport.h"
#include "util/numbers.h"

#include <QTest>

using namespace pw;
using namespace pw::test;

namespace {

ReportInputs brooklynInputs(int top, const EngineProfile *profile = nullptr) {
    EngineOptions o;
    o.now = fixedNow();
    o.top = top;
    o.profile = profile;
    ReportPreparation p =
        prepareReport(readJsonFile(samplePath(QStringLiteral("brooklyn-household.json"))), o);
    if (!p.inputs) qFatal("Brooklyn did not rank");
    return std::move(*p.inputs);
}

QString joined(const ReportDocument &d) {
    return d.allText().join(u'\n');
}

} // namespace

class TestReportDocument : public QObject {
    Q_OBJECT
private slots:
    void gradesInWords_data();
    void gradesInWords();
    void proposalLeavesOutWhatTheClientMustNotSee();
    void proposalOffersOnlyQualifiedPackages();
    void proposalSectionsSwitchOff();
    void underwriterStatesTheRunAndProfile();
    void underwriterGapValuesReadAsAmounts_data();
    void underwriterGapValuesReadAsAmounts();
    void gapValueText_data();
    void ignoredOfferingNamesItsCarrier_data();
    void ignoredOfferingNamesItsCarrier();
    void gapValueText();
};

void TestReportDocument::gradesInWords_data() {
    QTest::addColumn<QString>("rating");
    QTest::addColumn<QString>("agency");
    QTest::addColumn<QString>("words");
    QTest::newRow("A++") << "A++"
                         << ""
                         << "A++ (Superior)";
    QTest::newRow("A+ lower case, suffix") << " a+ (g)"
                                           << ""
                                           << "A+ (Superior)";
    QTest::newRow("A-") << "A-"
                        << ""
                        << "A- (Excellent)";
    QTest::newRow("minus sign") << "A\u2212"
                                << ""
                                << "A- (Excellent)";
    QTest::newRow("B++") << "B++"
                         << ""
                         << "B++ (Good)";
    QTest::newRow("B") << "B"
                       << ""
                       << "B (Fair)";
    QTest::newRow("C++") << "C++"
                         << ""
                         << "C++ (Marginal)";
    QTest::newRow("F") << "F"
                       << ""
                       << "F (In liquidation)";
    QTest::newRow("NR") << "NR"
                        << ""
                        << "Not rated";
    QTest::newRow("not stated") << ""
                                << ""
                                << "Not rated";
    QTest::newRow("Demotech A double prime") << "A''"
                                             << "Demotech"
                                             << "A″ (Unsurpassed, Demotech)";
    QTest::newRow("Demotech S") << "S"
                                << "demotech"
                                << "S (Substantial, Demotech)";
    QTest::newRow("unknown kept") << "Q7"
                                  << ""
                                  << "Q7";
}

void TestReportDocument::gradesInWords() {
    QFETCH(QString, rating);
    QFETCH(QString, agency);
    QFETCH(QString, words);
    QCOMPARE(gradeInWords(rating, agency), words);
}

void TestReportDocument::proposalLeavesOutWhatTheClientMustNotSee() {
    const ReportInputs in = brooklynInputs(10);
    const QString text = joined(buildProposal(in, {}, {}));
    QVERIFY(!text.contains(QStringLiteral("commission"), Qt::CaseInsensitive));
    for (const QString &level :
         {QStringLiteral("L1"), QStringLiteral("L2"), QStringLiteral("L3"), QStringLiteral("L4")})
        QVERIFY2(!text.contains(level), qPrintable(level));
    for (const auto &s : in.run[u"solutions"].arrayItems()) {
        QVERIFY(!text.contains(formatMoney(s[u"commission_annual"].toDouble())));
        QVERIFY(!text.contains(QString::fromLatin1(s[u"scorecard"][u"overall_score"].numberText()) + u' '));
    }
    // The case's internal notes (the workbench object) never reach the proposal.
    JsonValue root = in.caseRoot;
    JsonValue wb = JsonValue::object();
    wb.insert(QStringLiteral("notes"), QStringLiteral("client is price shopping, push Harborview"));
    root.insert(QStringLiteral("workbench"), wb);
    EngineOptions o;
    o.now = fixedNow();
    const ReportPreparation p = prepareReport(root, o);
    QVERIFY(p.inputs);
    QVERIFY(!joined(buildProposal(*p.inputs, {}, {})).contains(QStringLiteral("price shopping")));
}

void TestReportDocument::proposalOffersOnlyQualifiedPackages() {
    const ReportInputs in = brooklynInputs(10); // 6 of the top 10 qualify
    const QString text = joined(buildProposal(in, {}, {}));
    QVERIFY(text.contains(QStringLiteral("Option 6 · ")));
    QVERIFY(!text.contains(QStringLiteral("Option 7")));
    QVERIFY(text.contains(QStringLiteral("4 other packages ranked among the top 10 are not offered here")));
}

void TestReportDocument::proposalSectionsSwitchOff() {
    const ReportInputs in = brooklynInputs(3);
    ProposalSections none;
    none.gaps = false;
    none.allOptions = false;
    auto headings = [](const ReportDocument &d) {
        QStringList out;
        for (const ReportBlock &b : d.blocks)
            if (b.kind == ReportBlock::Kind::Heading) out << b.text;
        return out;
    };
    QCOMPARE(headings(buildProposal(in, {}, {})),
             (QStringList{"1. Our recommendation", "2. All options at a glance",
                          "3. Your coverage today and the options", "4. Coverage gaps today",
                          "5. Assumptions", "6. Important information"}));
    QCOMPARE(headings(buildProposal(in, {}, none)),
             (QStringList{"1. Our recommendation", "2. Your coverage today and the options", "3. Assumptions",
                          "4. Important information"}));
    const ReportDocument d = buildProposal(in,
                                           {QStringLiteral("Red Hook Agency"), QStringLiteral("Maria Lopez"),
                                            QStringLiteral("718 555 0142"), QString()},
                                           {});
    QCOMPARE(d.cover.insured, QStringLiteral("Dana Okafor"));
    QCOMPARE(d.cover.address, (QStringList{"214 Van Brunt St", "Brooklyn, NY 11231"}));
    QCOMPARE(d.cover.date, QStringLiteral("November 28, 2026"));
    QCOMPARE(d.cover.agent, QStringLiteral("Maria Lopez"));
}

void TestReportDocument::underwriterStatesTheRunAndProfile() {
    JsonValue over = JsonValue::object();
    JsonValue pricing = JsonValue::object();
    pricing.insert(QStringLiteral("bundle_break_uplift"), 0.2);
    over.insert(QStringLiteral("pricing"), pricing);
    const ProfileResult pr = loadProfile(over);
    QVERIFY(pr.profile);
    QCOMPARE(profileDifferences(defaultProfile()), QStringList());
    QCOMPARE(profileDifferences(*pr.profile),
             QStringList{QStringLiteral("pricing.bundle_break_uplift: 0.10 → 0.2")});
    QVERIFY(profileHash(*pr.profile) != profileHash(defaultProfile()));
    const ReportInputs in = brooklynInputs(5, &*pr.profile);
    const QString text = joined(buildUnderwriterReport(in));
    QVERIFY(text.contains(QStringLiteral("Run id\t") + in.run[u"run_id"].toString()));
    QVERIFY(text.contains(QStringLiteral("Clock\t2026-11-28T12:00:00Z")));
    QVERIFY(text.contains(QStringLiteral("Input hash (SHA-256)\t") + caseInputHash(in.caseRoot)));
    QCOMPARE(in.inputHash.size(), 64);
    QVERIFY(text.contains(QStringLiteral("pricing.bundle_break_uplift: 0.10 → 0.2")));
    QVERIFY(text.contains(
        QStringLiteral("--now 2026-11-28T12:00:00Z --appetite balanced --top 5 --profile PROFILE")));
    // Every solution returned has its six dimensions.
    int dimensionRows = 0;
    for (const ReportBlock &b : buildUnderwriterReport(in).blocks)
        if (b.kind == ReportBlock::Kind::Table && b.table.header.first() == u"Dimension / reason")
            for (const ReportRow &r : b.table.rows)
                dimensionRows += r.cells.size() == 6 && !r.cells[2].text.isEmpty() ? 1 : 0;
    QCOMPARE(dimensionRows, 5 * 6);
}

void TestReportDocument::underwriterGapValuesReadAsAmounts_data() {
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("shown");
    // As `placement-workbench gaps` prints Brooklyn's gaps: money with its sign and thousands separators,
    // split limits as stated, "—" where there is nothing to state.
    QTest::newRow("dwelling") << "home.dwelling_under_replacement" << QStringLiteral("$620,000 → $850,000");
    QTest::newRow("split limits") << "auto.bi_low" << QStringLiteral("50/100 → 100/300");
    QTest::newRow("none today") << "umbrella.missing" << QStringLiteral("— → $2,000,000");
    QTest::newRow("zero, none to add") << "home.no_water_backup" << QStringLiteral("$0 → —");
    QTest::newRow("um split") << "auto.um_below_bi" << QStringLiteral("25/50 → 50/100");
}

void TestReportDocument::underwriterGapValuesReadAsAmounts() {
    QFETCH(QString, rule);
    QFETCH(QString, shown);
    const ReportDocument d = buildUnderwriterReport(brooklynInputs(3));
    QStringList found;
    for (const ReportBlock &b : d.blocks)
        if (b.kind == ReportBlock::Kind::Table && b.table.header.last() == u"Current → recommended")
            for (const ReportRow &r : b.table.rows)
                if (r.cells[1].text == rule) found << r.cells.back().text;
    QCOMPARE(found, QStringList{shown});
}

void TestReportDocument::gapValueText_data() {
    QTest::addColumn<QByteArray>("json"); // the gap value as the run's JSON holds it
    QTest::addColumn<QString>("shown");
    QTest::newRow("millions") << QByteArray("2000000") << QStringLiteral("$2,000,000");
    QTest::newRow("cents") << QByteArray("1234.5") << QStringLiteral("$1,234.50");
    QTest::newRow("zero") << QByteArray("0") << QStringLiteral("$0");
    QTest::newRow("split") << QByteArray("\"?/300\"") << QStringLiteral("?/300");
    QTest::newRow("word") << QByteArray("\"none\"") << QStringLiteral("none");
    QTest::newRow("null") << QByteArray("null") << QStringLiteral("n/a");
}

void TestReportDocument::gapValueText() {
    QFETCH(QByteArray, json);
    QFETCH(QString, shown);
    const auto value = parseJson(json);
    QVERIFY(value);
    QCOMPARE(pw::gapValueText(*value, QStringLiteral("n/a")), shown);
}

void TestReportDocument::ignoredOfferingNamesItsCarrier_data() {
    QTest::addColumn<QByteArray>("providerName"); // JSON; empty: the member is left out
    QTest::addColumn<QString>("providerId");
    QTest::addColumn<QString>("shown");
    QTest::newRow("name stated") << QByteArray("\"Harborview Mutual\"") << "prov_harborview"
                                 << "Harborview Mutual";
    QTest::newRow("name padded") << QByteArray("\"  Harborview Mutual \"") << "prov_harborview"
                                 << "Harborview Mutual";
    QTest::newRow("name blank") << QByteArray("\"  \"") << "prov_harborview"
                                << "prov_harborview";
    QTest::newRow("name absent") << QByteArray() << "prov_harborview"
                                 << "prov_harborview";
    QTest::newRow("name null") << QByteArray("null") << "prov_harborview"
                               << "prov_harborview";
    QTest::newRow("id only, name given") << QByteArray("\"Granite State\"") << ""
                                         << "Granite State";
}

// Brooklyn's renters offering is ignored (renters is not requested); its carrier is named as the filtered
// offerings' are: provider_name, else provider_id.
void TestReportDocument::ignoredOfferingNamesItsCarrier() {
    QFETCH(QByteArray, providerName);
    QFETCH(QString, providerId);
    QFETCH(QString, shown);
    JsonValue root = readJsonFile(samplePath(QStringLiteral("brooklyn-household.json")));
    JsonValue offerings = root[u"offerings"];
    const QString id = QStringLiteral("quote_line_harborview_renters_001");
    bool changed = false;
    for (JsonValue &o : offerings.arrayItemsMut()) {
        if (o[u"id"].toString() != id) continue;
        o.remove(u"provider_name");
        if (!providerName.isEmpty()) o.insert(QStringLiteral("provider_name"), *parseJson(providerName));
        o.insert(QStringLiteral("provider_id"), JsonValue(providerId));
        changed = true;
    }
    QVERIFY(changed);
    root.insert(QStringLiteral("offerings"), offerings);
    EngineOptions opts;
    opts.now = fixedNow();
    opts.top = 3;
    const ReportPreparation p = prepareReport(root, opts);
    QVERIFY(p.inputs);
    QStringList carriers;
    for (const ReportBlock &b : buildUnderwriterReport(*p.inputs).blocks)
        if (b.kind == ReportBlock::Kind::Table && b.table.header.value(1) == u"Carrier" &&
            b.table.header.value(3) == u"Reason")
            for (const ReportRow &r : b.table.rows)
                if (r.cells[0].text == id) carriers << r.cells[1].text;
    QCOMPARE(carriers, QStringList{shown});
}

QTEST_GUILESS_MAIN(TestReportDocument)
#include "tst_reportdocument.moc"
