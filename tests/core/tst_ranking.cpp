// SPDX-License-Identifier: MIT
// The engine on whole cases: the Brooklyn and seed samples, and hand-built cases that pin each rule.
#include "testsupport.h"

#include "engine/engine.h"
#include "util/numbers.h"

#include <QTest>

using namespace pw;

namespace {

EngineOptions opts(const QString &appetite = {}) {
    EngineOptions o;
    o.now = test::fixedNow();
    o.appetite = appetite;
    o.top = 100;
    return o;
}

JsonValue run(const JsonValue &root, const QString &appetite = {}) {
    const EngineRun r = runEngine(root, opts(appetite));
    if (!r.ok()) {
        for (const auto &p : r.problems)
            qWarning("%s: %s", qPrintable(p.path), qPrintable(p.message));
        qFatal("case did not validate");
    }
    return *r.run;
}

QStringList ids(const JsonValue &solution) {
    QStringList out;
    for (const auto &o : solution[u"offerings"].arrayItems())
        out << o[u"id"].toString();
    return out;
}

const JsonValue &dim(const JsonValue &solution, const char *name) {
    return solution[u"scorecard"][u"dimensions"][QString::fromLatin1(name)];
}

// A one-household case in NY with the given coverage types and offerings (JSON text of the array).
JsonValue makeCase(const QByteArray &coverageTypes, const QByteArray &offerings,
                   const QByteArray &extraInput = {}) {
    QByteArray text =
        "{\"input\":{\"address\":{\"state\":\"NY\",\"zip_code\":\"11231\"},\"coverage_types\":" +
        coverageTypes + ",\"residence\":{\"replacement_cost\":1000000}" +
        (extraInput.contains("vehicles_detail") ? QByteArray()
                                                : QByteArray(",\"vehicles_detail\":[{\"year\":2015}]")) +
        extraInput + "},\"offerings\":" + offerings + "}";
    JsonParseError e;
    auto v = parseJson(text, &e);
    if (!v) qFatal("bad test JSON: %s in %s", qPrintable(e.toString()), text.constData());
    return *v;
}

QByteArray homeOffering(const QByteArray &id, const QByteArray &coverage, const QByteArray &extra = {}) {
    return "{\"id\":\"" + id + "\",\"provider_id\":\"p_" + id + "\",\"provider_name\":\"Carrier " + id +
           "\",\"category\":\"home\",\"quality_rating\":\"A+\",\"coverage\":" + coverage +
           ",\"attributes\":{\"line_premium_annual\":1000}" + extra + "}";
}

} // namespace

class TestRanking : public QObject {
    Q_OBJECT

private slots:
    void brooklyn() {
        const JsonValue r =
            run(test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json"))));
        const JsonValue &out = r[u"output"];
        QCOMPARE(r[u"status"].toString(), QStringLiteral("completed"));
        QCOMPARE(r[u"environment"].toString(), QStringLiteral("local"));
        QCOMPARE(out[u"solution_count"].toDouble(), 48.0);
        QCOMPARE(out[u"qualified_count"].toDouble(), 6.0);
        QCOMPARE(out[u"pool_size"].toDouble(), 14.0);
        QCOMPARE(out[u"ignored_offerings"].at(0)[u"id"].toString(),
                 QStringLiteral("quote_line_harborview_renters_001"));
        QCOMPARE(out[u"filtered_offerings"].size(), 2);
        QCOMPARE(out[u"filtered_offerings"].at(0)[u"id"].toString(),
                 QStringLiteral("quote_line_granite_home_001"));
        QCOMPARE(out[u"filtered_offerings"].at(0)[u"reason"].toString(), QStringLiteral("state_excluded"));
        QCOMPARE(out[u"filtered_offerings"].at(1)[u"id"].toString(),
                 QStringLiteral("quote_line_northpoint_auto_002"));
        QCOMPARE(out[u"filtered_offerings"].at(1)[u"reason"].toString(), QStringLiteral("quote_expired"));
        QCOMPARE(out[u"current_premium"].toDouble(), 3988.23);

        const auto &s = r[u"solutions"].arrayItems();
        QCOMPARE(ids(s[0]), (QStringList{QStringLiteral("quote_line_harborview_home_001"),
                                         QStringLiteral("quote_line_harborview_auto_001"),
                                         QStringLiteral("quote_line_harborview_umbrella_001")}));
        QCOMPARE(s[0][u"est_cost_low"].toDouble(), 6620.0);
        QCOMPARE(s[0][u"est_cost_high"].toDouble(), 6620.0);
        QCOMPARE(s[0][u"cluster_label"].toString(), QStringLiteral("recommended"));
        QVERIFY(s[0][u"label_winner"].toBool());
        QCOMPARE(s[0][u"change_vs_current"].toDouble(), 2631.77);

        QCOMPARE(ids(s[1]), (QStringList{QStringLiteral("quote_line_keystone_home_001"),
                                         QStringLiteral("quote_line_harborview_auto_001"),
                                         QStringLiteral("quote_line_keystone_umbrella_001")}));
        QCOMPARE(s[1][u"est_cost_low"].toDouble(), 5940.0);
        QCOMPARE(s[1][u"est_cost_high"].toDouble(), 6534.0);
        QCOMPARE(s[1][u"cluster_label"].toString(), QStringLiteral("best_value"));
        // Two broken bundles: Keystone (home + umbrella of its three) and Harborview (auto of its three).
        QCOMPARE(s[1][u"cost_breakdown"][u"uplifts"].size(), 2);

        QCOMPARE(ids(s[2]).join(u','),
                 QStringLiteral("quote_line_keystone_home_001,quote_line_harborview_auto_001,"
                                "quote_line_harborview_umbrella_001"));
        QCOMPARE(s[2][u"cluster_label"].toString(), QStringLiteral("simplest"));
        QCOMPARE(ids(s[3]).join(u','),
                 QStringLiteral("quote_line_keystone_home_001,quote_line_harborview_auto_001,"
                                "quote_line_northpoint_umbrella_001"));
        QCOMPARE(s[3][u"cluster_label"].toString(), QStringLiteral("best_coverage"));

        // Every package with Granite is disqualified (grade B), and so is every one whose auto or home falls
        // short of the umbrella's underlying limits (Keystone auto 100/300, Bayside home 100 000 liability).
        for (const auto &sol : s) {
            const QString joined = ids(sol).join(u',');
            const bool granite = joined.contains(QStringLiteral("granite"));
            const bool shortUnderlying = joined.contains(QStringLiteral("keystone_auto")) ||
                                         joined.contains(QStringLiteral("bayside"));
            QCOMPARE(sol[u"scorecard"][u"qualified"].toBool(), !granite && !shortUnderlying);
            if (granite) QVERIFY(dim(sol, "financial")[u"blocked"].toBool());
        }
        // Ranks are consecutive and qualified come first.
        for (size_t i = 0; i < s.size(); ++i)
            QCOMPARE(s[i][u"rank"].toDouble(), double(i + 1));
        // Scores add up as the inspector shows them.
        for (const auto &sol : s) {
            double sum = 0;
            for (const char *d : {"pricing", "coverage", "financial", "appetite", "placement", "service"})
                sum += dim(sol, d)[u"weight"].toDouble() * dim(sol, d)[u"score"].toDouble();
            QCOMPARE(roundHalfAway(sum, 2), sol[u"scorecard"][u"overall_score"].toDouble());
        }
    }

    void brooklynOutputIsReproducible() {
        const JsonValue root =
            test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        const JsonValue a = run(root), b = run(root);
        QCOMPARE(writeJson(a[u"output"]), writeJson(b[u"output"]));
        QCOMPARE(writeJson(a[u"solutions"]), writeJson(b[u"solutions"]));
        QVERIFY(a[u"run_id"].toString() != b[u"run_id"].toString());
    }

    void seedHasNoCompletePackage() {
        const JsonValue r = run(test::readJsonFile(test::samplePath(QStringLiteral("seed-job.json"))));
        QCOMPARE(r[u"status"].toString(), QStringLiteral("completed"));
        QCOMPARE(r[u"solutions"].size(), 0);
        QCOMPARE(r[u"output"][u"missing_lines"].at(0).toString(), QStringLiteral("auto"));
        QCOMPARE(r[u"output"][u"missing_lines"].at(1).toString(), QStringLiteral("umbrella"));
        QCOMPARE(r[u"output"][u"message"].toString(),
                 QStringLiteral("No complete package: no eligible offering for auto, umbrella."));
    }

    void appetiteChangesOrder() {
        const JsonValue root =
            test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        EngineOptions o = opts();
        const Preparation prep = prepareCase(root, o);
        QVERIFY(prep.prepared);
        o.appetite = QStringLiteral("cost_sensitive");
        const JsonValue cost = rankPrepared(*prep.prepared, o);
        o.appetite = QStringLiteral("coverage_first");
        const JsonValue cov = rankPrepared(*prep.prepared, o);
        o.appetite = QStringLiteral("simplicity");
        const JsonValue simple = rankPrepared(*prep.prepared, o);
        // Cost sensitive narrows the all-Harborview lead over the cheaper Keystone/Harborview/Keystone mix.
        const auto overall = [](const JsonValue &r, int i) {
            return r[u"solutions"].at(i)[u"scorecard"][u"overall_score"].toDouble();
        };
        QCOMPARE(overall(cost, 0), 88.47);
        QCOMPARE(overall(cost, 1), 87.0);
        // Coverage first lifts the all-A rated Harborview/Harborview/Northpoint mix to rank 2.
        QCOMPARE(ids(cov[u"solutions"].at(1)).join(u','),
                 QStringLiteral("quote_line_harborview_home_001,quote_line_harborview_auto_001,quote_line_"
                                "northpoint_umbrella_001"));
        QCOMPARE(cov[u"solutions"].at(1)[u"cluster_label"].toString(), QStringLiteral("simplest"));
        // Simplicity rewards the one-carrier bundle most.
        QCOMPARE(overall(simple, 0), 92.16);
        QCOMPARE(ids(simple[u"solutions"].at(0)).at(2), QStringLiteral("quote_line_harborview_umbrella_001"));
        QCOMPARE(dim(cost[u"solutions"].at(0), "pricing")[u"weight"].toDouble(), 0.45);
    }

    void dwellingRatio_data() {
        QTest::addColumn<QByteArray>("coverage");
        QTest::addColumn<double>("score");
        QTest::addColumn<bool>("qualified");
        const QByteArray rest =
            ",\"liability_limit\":300000,\"water_backup_limit\":10000,\"deductible\":1000";
        QTest::newRow("exactly 100%")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"replacement_cost\"" + rest + "}")
            << 100.0 << true;
        QTest::newRow("just under 100%")
            << QByteArray("{\"dwelling_limit\":999999,\"settlement\":\"replacement_cost\"" + rest + "}")
            << 85.0 << true;
        QTest::newRow("exactly 90%")
            << QByteArray("{\"dwelling_limit\":900000,\"settlement\":\"replacement_cost\"" + rest + "}")
            << 85.0 << true;
        QTest::newRow("just under 90%")
            << QByteArray("{\"dwelling_limit\":899999,\"settlement\":\"replacement_cost\"" + rest + "}")
            << 65.0 << true;
        QTest::newRow("exactly 80%")
            << QByteArray("{\"dwelling_limit\":800000,\"settlement\":\"replacement_cost\"" + rest + "}")
            << 65.0 << true;
        QTest::newRow("just under 80% blocks")
            << QByteArray("{\"dwelling_limit\":799999,\"settlement\":\"replacement_cost\"" + rest + "}")
            << 39.0 << false;
        QTest::newRow("extended 25% lifts 800k to 100%")
            << QByteArray("{\"dwelling_limit\":800000,\"settlement\":\"extended_replacement_cost\","
                          "\"extended_replacement_pct\":25" +
                          rest + "}")
            << 100.0 << true;
        QTest::newRow("extended without pct counts 0%")
            << QByteArray("{\"dwelling_limit\":800000,\"settlement\":\"extended_replacement_cost\"" + rest +
                          "}")
            << 65.0 << true;
        QTest::newRow("guaranteed without limit")
            << QByteArray("{\"settlement\":\"guaranteed_replacement_cost\"" + rest + "}") << 100.0 << true;
        QTest::newRow("dwelling not stated")
            << QByteArray("{\"settlement\":\"replacement_cost\"" + rest + "}") << 85.0 << true;
        QTest::newRow("acv")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"actual_cash_value\"" + rest + "}")
            << 75.0 << true;
        QTest::newRow("settlement not stated")
            << QByteArray("{\"dwelling_limit\":1000000,\"liability_limit\":300000,\"water_backup_limit\":1,"
                          "\"deductible\":1000}")
            << 90.0 << true;
        QTest::newRow("liability just under 300k")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"replacement_cost\",\"liability_"
                          "limit\":299999,\"water_backup_limit\":1,\"deductible\":1000}")
            << 85.0 << true;
        QTest::newRow("liability not stated")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"replacement_cost\",\"water_backup_"
                          "limit\":1,\"deductible\":1000}")
            << 92.0 << true;
        QTest::newRow("water backup 0 is none")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"replacement_cost\",\"liability_"
                          "limit\":300000,\"water_backup_limit\":0,\"deductible\":1000}")
            << 90.0 << true;
        QTest::newRow("deductible 2% of dwelling")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"replacement_cost\",\"liability_"
                          "limit\":300000,\"water_backup_limit\":1,\"deductible\":\"2%\"}")
            << 95.0 << true;
        QTest::newRow("deductible exactly 1%")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"replacement_cost\",\"liability_"
                          "limit\":300000,\"water_backup_limit\":1,\"deductible\":10000}")
            << 100.0 << true;
        QTest::newRow("deductible just over 1%")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"replacement_cost\",\"liability_"
                          "limit\":300000,\"water_backup_limit\":1,\"deductible\":10001}")
            << 95.0 << true;
        QTest::newRow("no keys: premium tier fallback")
            << QByteArray("{\"product_name\":\"x\"}") << 55.0 << true;
    }

    void dwellingRatio() {
        QFETCH(QByteArray, coverage);
        QFETCH(double, score);
        QFETCH(bool, qualified);
        const JsonValue r = run(makeCase("[\"home\"]", "[" + homeOffering("h1", coverage) + "]"));
        const JsonValue &s = r[u"solutions"].at(0);
        QCOMPARE(dim(s, "coverage")[u"score"].toDouble(), score);
        QCOMPARE(s[u"scorecard"][u"qualified"].toBool(), qualified);
        QCOMPARE(s[u"scorecard"][u"overall_level"].toString() == u"L4",
                 !qualified || s[u"scorecard"][u"overall_score"].toDouble() < 40);
    }

    void autoRules_data() {
        QTest::addColumn<QByteArray>("coverage");
        QTest::addColumn<double>("score");
        QTest::newRow("250/500 full")
            << QByteArray(
                   "{\"bi_per_person\":250000,\"bi_per_accident\":500000,\"um_per_person\":250000,\"um_per_"
                   "accident\":500000,\"collision_deductible\":500,\"comprehensive_deductible\":500}")
            << 100.0;
        QTest::newRow("split string 250/500/100")
            << QByteArray("{\"bi_per_person\":\"250/500/100\",\"um_per_person\":\"250/"
                          "500\",\"collision_deductible\":500,\"comprehensive_deductible\":500}")
            << 100.0;
        QTest::newRow("exactly 100/300")
            << QByteArray(
                   "{\"bi_per_person\":100000,\"bi_per_accident\":300000,\"um_per_person\":100000,\"um_per_"
                   "accident\":300000,\"collision_deductible\":500,\"comprehensive_deductible\":500}")
            << 85.0;
        QTest::newRow("just under 100/300")
            << QByteArray(
                   "{\"bi_per_person\":99999,\"bi_per_accident\":300000,\"um_per_person\":99999,\"um_per_"
                   "accident\":300000,\"collision_deductible\":500,\"comprehensive_deductible\":500}")
            << 60.0;
        QTest::newRow("CSL 500k") << QByteArray(
                                         "{\"limit_combined_single\":500000,\"um_per_accident\":500000,"
                                         "\"collision_deductible\":500,\"comprehensive_deductible\":500}")
                                  << 100.0;
        QTest::newRow("CSL 300k, UM below")
            << QByteArray("{\"limit_combined_single\":300000,\"um_per_accident\":100000,\"collision_"
                          "deductible\":500,\"comprehensive_deductible\":500}")
            << 75.0;
        QTest::newRow("BI not stated")
            << QByteArray(
                   "{\"um_per_person\":100000,\"collision_deductible\":500,\"comprehensive_deductible\":500}")
            << 75.0;
        QTest::newRow("UM not stated")
            << QByteArray("{\"bi_per_person\":250000,\"bi_per_accident\":500000,\"collision_deductible\":500,"
                          "\"comprehensive_deductible\":500}")
            << 95.0;
        QTest::newRow("no collision on a recent car")
            << QByteArray(
                   "{\"bi_per_person\":250000,\"bi_per_accident\":500000,\"um_per_person\":250000,\"um_per_"
                   "accident\":500000,\"collision_deductible\":\"none\",\"comprehensive_deductible\":500}")
            << 80.0;
    }

    void autoRules() {
        QFETCH(QByteArray, coverage);
        QFETCH(double, score);
        const QByteArray off = "[{\"id\":\"a1\",\"provider_id\":\"pa\",\"category\":\"auto\",\"quality_"
                               "rating\":\"A\",\"coverage\":" +
                               coverage + ",\"attributes\":{\"line_premium_annual\":900}}]";
        // One car from 2022: recent at the 2026 clock (2026 − 7 = 2019).
        const JsonValue r =
            run(makeCase("[\"auto\"]", off, ",\"vehicles\":1,\"vehicles_detail\":[{\"year\":2022}]"));
        QCOMPARE(dim(r[u"solutions"].at(0), "coverage")[u"score"].toDouble(), score);
    }

    void umbrellaUnderlying_data() {
        QTest::addColumn<QByteArray>("autoCoverage");
        QTest::addColumn<bool>("qualified");
        QTest::addColumn<double>("coverage");
        QTest::newRow("met") << QByteArray("{\"bi_per_person\":250000,\"bi_per_accident\":500000,\"um_per_"
                                           "person\":250000,\"um_per_accident\":500000}")
                             << true << 100.0;
        QTest::newRow("per accident short blocks")
            << QByteArray("{\"bi_per_person\":250000,\"bi_per_accident\":499999,\"um_per_person\":250000,"
                          "\"um_per_accident\":499999}")
            << false << 39.0;
        QTest::newRow("lone part below blocks")
            << QByteArray("{\"bi_per_person\":100000,\"um_per_person\":100000}") << false << 39.0;
        // Auto: BI −20, UM not comparable −5 → 75; umbrella: underlying −20 → 80; (75 + 80 + 75) ÷ 3.
        QTest::newRow("not stated") << QByteArray("{\"um_per_person\":250000}") << true << 76.67;
        QTest::newRow("CSL meets per-accident figure")
            << QByteArray("{\"limit_combined_single\":500000,\"um_per_accident\":500000}") << true << 100.0;
    }

    void umbrellaUnderlying() {
        QFETCH(QByteArray, autoCoverage);
        QFETCH(bool, qualified);
        QFETCH(double, coverage);
        const QByteArray offs = "[{\"id\":\"a1\",\"provider_id\":\"pa\",\"category\":\"auto\",\"quality_"
                                "rating\":\"A\",\"coverage\":" +
                                autoCoverage +
                                ",\"attributes\":{\"line_premium_annual\":900}},"
                                "{\"id\":\"u1\",\"provider_id\":\"pu\",\"category\":\"umbrella\",\"quality_"
                                "rating\":\"A\",\"coverage\":"
                                "{\"umbrella_limit\":1000000},\"attributes\":{\"line_premium_annual\":300}}]";
        const JsonValue r = run(makeCase("[\"auto\",\"umbrella\"]", offs));
        const JsonValue &s = r[u"solutions"].at(0);
        QCOMPARE(s[u"scorecard"][u"qualified"].toBool(), qualified);
        QCOMPARE(dim(s, "coverage")[u"score"].toDouble(), coverage);
        QCOMPARE(dim(s, "coverage")[u"blocked"].toBool(), !qualified);
    }

    void financialGrades_data() {
        QTest::addColumn<QByteArray>("rating");
        QTest::addColumn<double>("score");
        QTest::addColumn<bool>("blocked");
        QTest::newRow("A++") << QByteArray("\"quality_rating\":\"A++\"") << 100.0 << false;
        QTest::newRow("A- with modifier") << QByteArray("\"quality_rating\":\" a- u\"") << 80.0 << false;
        QTest::newRow("B+ (g)") << QByteArray("\"quality_rating\":\"B+ (g)\"") << 55.0 << false;
        QTest::newRow("B blocks") << QByteArray("\"quality_rating\":\"B\"") << 20.0 << true;
        QTest::newRow("C++ blocks") << QByteArray("\"quality_rating\":\"C++\"") << 0.0 << true;
        QTest::newRow("not rated") << QByteArray("\"quality_rating\":\"NR\"") << 50.0 << false;
        QTest::newRow("not stated") << QByteArray("\"pricing_tier\":\"standard\"") << 50.0 << false;
        QTest::newRow("Demotech A''")
            << QByteArray("\"quality_rating\":\"A''\",\"quality_rating_agency\":\"Demotech\"") << 100.0
            << false;
        QTest::newRow("Demotech A'")
            << QByteArray("\"quality_rating\":\"A\u2032\",\"quality_rating_agency\":\"demotech\"") << 90.0
            << false;
        QTest::newRow("Demotech M blocks")
            << QByteArray("\"quality_rating\":\"M\",\"quality_rating_agency\":\"demotech\"") << 20.0 << true;
    }

    void financialGrades() {
        QFETCH(QByteArray, rating);
        QFETCH(double, score);
        QFETCH(bool, blocked);
        const QByteArray offs = "[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\"," + rating +
                                ",\"attributes\":{\"line_premium_annual\":900}}]";
        const JsonValue r = run(makeCase("[\"home\"]", offs));
        const JsonValue &s = r[u"solutions"].at(0);
        QCOMPARE(dim(s, "financial")[u"score"].toDouble(), blocked ? std::min(score, 39.0) : score);
        QCOMPARE(dim(s, "financial")[u"blocked"].toBool(), blocked);
        QCOMPARE(s[u"scorecard"][u"qualified"].toBool(), !blocked);
    }

    void appetiteRules() {
        const QByteArray offs = "[{\"id\":\"h1\",\"provider_id\":\"ph\",\"provider_name\":\"Acme Insurance "
                                "Co.\",\"category\":\"home\","
                                "\"constraints\":{\"avoided_naics\":[\"5413\"]},"
                                "\"attributes\":{\"line_premium_annual\":900,\"bindable\":false,\"quote_"
                                "generated_at\":\"2026-10-28T11:59:59Z\"}}]";
        // 100 − 30 (avoided NAICS 541310 by prefix 5413) − 25 (not bindable) − 10 (31 days old) = 35.
        const JsonValue r = run(makeCase("[\"home\"]", offs, ",\"naics\":\"541310\""));
        QCOMPARE(dim(r[u"solutions"].at(0), "appetite")[u"score"].toDouble(), 35.0);
        // A non-renewal by the same carrier (name normalised) within five years blocks it.
        const JsonValue r2 = run(makeCase(
            "[\"home\"]", offs,
            ",\"insurance_history\":{\"non_renewals\":[{\"carrier\":\"ACME\",\"date\":\"2022-01-01\"}]}"));
        QVERIFY(dim(r2[u"solutions"].at(0), "appetite")[u"blocked"].toBool());
        QVERIFY(!r2[u"solutions"].at(0)[u"scorecard"][u"qualified"].toBool());
        // More than five years ago: no longer blocks.
        const JsonValue r3 = run(makeCase(
            "[\"home\"]", offs,
            ",\"insurance_history\":{\"non_renewals\":[{\"carrier\":\"ACME\",\"date\":\"2021-11-27\"}]}"));
        QVERIFY(!dim(r3[u"solutions"].at(0), "appetite")[u"blocked"].toBool());
    }

    void filters_data() {
        QTest::addColumn<QByteArray>("offering");
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("reason");
        QTest::newRow("state excluded (trimmed, any case)")
            << QByteArray("\"constraints\":{\"excluded_states\":[\" ny "
                          "\"]},\"attributes\":{\"line_premium_annual\":900}")
            << QByteArray() << QStringLiteral("state_excluded");
        QTest::newRow("naics prohibited by prefix")
            << QByteArray("\"constraints\":{\"prohibited_naics\":[\"54\"]},\"attributes\":{\"line_premium_"
                          "annual\":900}")
            << QByteArray(",\"applicant\":{\"naics\":[\"541310\"]}") << QStringLiteral("naics_prohibited");
        QTest::newRow("expired one second ago")
            << QByteArray("\"attributes\":{\"line_premium_annual\":900,\"quote_expires_at\":\"2026-11-28T11:"
                          "59:59Z\"}")
            << QByteArray() << QStringLiteral("quote_expired");
        QTest::newRow("no premium") << QByteArray("\"attributes\":{\"line_premium_annual\":0}")
                                    << QByteArray() << QStringLiteral("no_premium");
    }

    void filters() {
        QFETCH(QByteArray, offering);
        QFETCH(QByteArray, extra);
        QFETCH(QString, reason);
        const QByteArray offs =
            "[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\"," + offering +
            "},{\"id\":\"h2\",\"provider_id\":\"ph2\",\"category\":\"home\",\"attributes\":{"
            "\"line_premium\":100,\"term_months\":6}}]";
        const JsonValue r = run(makeCase("[\"home\"]", offs, extra));
        QCOMPARE(r[u"output"][u"filtered_offerings"].at(0)[u"reason"].toString(), reason);
        // The monthly-priced one is annualised: 100 × 12 ÷ 6.
        QCOMPARE(r[u"solutions"].at(0)[u"est_cost_low"].toDouble(), 200.0);
    }

    void bundlesAndTies() {
        // Carrier X bundles home+auto by price (no package id); Y quotes the same lines unbundled and
        // indicative.
        const QByteArray offs = "[{\"id\":\"xh\",\"provider_id\":\"x\",\"category\":\"home\",\"attributes\":{"
                                "\"line_premium_annual\":1000,\"package_premium_annual\":1500}},"
                                "{\"id\":\"xa\",\"provider_id\":\"x\",\"category\":\"auto\",\"attributes\":{"
                                "\"line_premium_annual\":800,\"package_premium_annual\":1500}},"
                                "{\"id\":\"yh\",\"provider_id\":\"y\",\"category\":\"home\",\"attributes\":{"
                                "\"line_premium_annual\":700,\"rate_type\":\"Indicative\"}},"
                                "{\"id\":\"ya\",\"provider_id\":\"y\",\"category\":\"auto\",\"attributes\":{"
                                "\"line_premium_annual\":800}}]";
        const JsonValue r = run(makeCase("[\"home\",\"auto\"]", offs, ",\"vehicles\":1"));
        QCOMPARE(r[u"output"][u"solution_count"].toDouble(), 4.0);
        QHash<QString, JsonValue> byIds;
        for (const auto &s : r[u"solutions"].arrayItems())
            byIds[ids(s).join(u',')] = s;
        const JsonValue &xx = byIds[QStringLiteral("xh,xa")];
        QCOMPARE(xx[u"est_cost_low"].toDouble(), 1500.0);
        QCOMPARE(xx[u"est_cost_high"].toDouble(), 1500.0);
        QCOMPARE(dim(xx, "placement")[u"score"].toDouble(), 100.0); // 1 carrier, capped
        QCOMPARE(xx[u"cost_breakdown"][u"bundles"].at(0)[u"package_id"].isNull(), true);
        const JsonValue &yx = byIds[QStringLiteral("yh,xa")];
        // 700 + 800 = 1500; broken X bundle +10 % of 800; indicative +5 % of 700.
        QCOMPARE(yx[u"est_cost_low"].toDouble(), 1500.0);
        QCOMPARE(yx[u"est_cost_high"].toDouble(), 1615.0);
        QCOMPARE(yx[u"cost_mid"].toDouble(), 1557.5);
        QCOMPARE(dim(yx, "placement")[u"score"].toDouble(), 70.0);
        QCOMPARE(dim(yx, "service")[u"score"].toDouble(), 50.0); // 60, two renewals
        const JsonValue &yy = byIds[QStringLiteral("yh,ya")];
        QCOMPARE(yy[u"est_cost_high"].toDouble(), 1535.0);
        // Labels are distinct among winners.
        QSet<QString> winners;
        for (const auto &s : r[u"solutions"].arrayItems())
            if (s[u"label_winner"].toBool()) {
                QVERIFY(!winners.contains(s[u"cluster_label"].toString()));
                winners.insert(s[u"cluster_label"].toString());
            }
        QVERIFY(winners.contains(QStringLiteral("recommended")));
    }

    void identicalOfferingsTieOnIds() {
        const QByteArray offs = "[" + homeOffering("hb", "{\"product_name\":\"x\"}") + "," +
                                homeOffering("ha", "{\"product_name\":\"x\"}") + "]";
        const JsonValue r = run(makeCase("[\"home\"]", offs));
        QCOMPARE(ids(r[u"solutions"].at(0)).first(), QStringLiteral("ha"));
        QCOMPARE(ids(r[u"solutions"].at(1)).first(), QStringLiteral("hb"));
    }
};

QTEST_GUILESS_MAIN(TestRanking)
#include "tst_ranking.moc"
