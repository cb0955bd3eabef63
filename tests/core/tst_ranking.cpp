// SPDX-License-Identifier: MIT
// The engine on whole cases: the Brooklyn and seed samples, and hand-built cases that pin each rule.
#include "testsupport.h"

#include "engine/engine.h"
#include "io/jsonpath.h"
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

// The value an expectation names in a run: "sol(h1,a1).est_cost_high" is a member of the solution with
// those offering ids, "warning(offerings[0].attributes.bindable)" whether output.warnings has that path,
// anything else a path from the run object.
JsonValue expectationValue(const JsonValue &run, const QString &path) {
    if (path.startsWith(u"warning(")) {
        const QString wanted = path.mid(8, path.size() - 9);
        for (const auto &w : run[u"output"][u"warnings"].arrayItems())
            if (w[u"path"].toString() == wanted) return JsonValue(true);
        return JsonValue(false);
    }
    if (path.startsWith(u"sol(")) {
        const qsizetype close = path.indexOf(u')');
        const QString wanted = path.mid(4, close - 4);
        for (const auto &s : run[u"solutions"].arrayItems())
            if (ids(s).join(u',') == wanted) return jsonValueAt(s, path.mid(close + 2));
        return JsonValue(QStringLiteral("<no solution %1>").arg(wanted));
    }
    return jsonValueAt(run, path);
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
        // No settlement: guaranteed replacement (ratio 1) is still possible, so a dwelling below the
        // replacement cost leaves dwelling_ratio not stated (−15, never ⛔); at 1 or more it is decided
        // (§11.3). Settlement not stated −10.
        QTest::newRow("85% without settlement: not stated")
            << QByteArray("{\"dwelling_limit\":850000" + rest + "}") << 75.0 << true;
        QTest::newRow("75% without settlement: not stated, not blocked")
            << QByteArray("{\"dwelling_limit\":750000" + rest + "}") << 75.0 << true;
        QTest::newRow("100% without settlement: decided")
            << QByteArray("{\"dwelling_limit\":1000000" + rest + "}") << 90.0 << true;
        QTest::newRow("dwelling and settlement not stated")
            << QByteArray("{" + rest.mid(1) + "}") << 75.0 << true;
        QTest::newRow("extended pct without settlement, below 1")
            << QByteArray("{\"dwelling_limit\":850000,\"extended_replacement_pct\":25" + rest + "}") << 75.0
            << true;
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
        // Per accident 500 000 alone meets its figure; the per-person part could still complete the split,
        // so the short CSL does not make it unmet: not stated (−20, no ⛔). Auto: a lone part judged alone
        // (full), UM not below either pair: 100; umbrella 80; (100 + 80 + 80) ÷ 3.
        QTest::newRow("per accident only, CSL short: not stated")
            << QByteArray("{\"bi_per_accident\":500000,\"limit_combined_single\":100000,\"um_per_"
                          "accident\":500000,\"collision_deductible\":500,\"comprehensive_deductible\":500}")
            << true << 86.67;
        QTest::newRow("CSL alone short: unmet")
            << QByteArray("{\"limit_combined_single\":300000,\"um_per_accident\":300000}") << false << 39.0;
        QTest::newRow("lone part below, CSL short: unmet")
            << QByteArray("{\"bi_per_accident\":400000,\"limit_combined_single\":100000}") << false << 39.0;
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
        QTest::newRow("derived premium rounds to 0") << QByteArray("\"attributes\":{\"line_premium\":0.004}")
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

    // The departures of engine.md v1.2 the issue lists, each checked exactly (money to the cent, no
    // tolerance). Each row is a case that runs (no validation error) and "path=JSON" expectations.
    void varied_data() {
        QTest::addColumn<QByteArray>("types");
        QTest::addColumn<QByteArray>("offerings");
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QStringList>("expect");
        const QByteArray auto1 = "{\"id\":\"a1\",\"provider_id\":\"pa\",\"category\":\"auto\",\"quality_"
                                 "rating\":\"A\",\"coverage\":{\"bi_per_person\":250000},\"attributes\":{";
        // 1 003.30 in a broken group with an indicative rate: 100.33 + 50.17 (50.165 rounded as written).
        QTest::newRow("uplifts rounded as written")
            << QByteArray("[\"home\"]")
            << QByteArray(
                   "[{\"id\":\"h1\",\"provider_id\":\"x\",\"category\":\"home\",\"attributes\":{"
                   "\"line_premium_annual\":1003.30,\"rate_type\":\"indicative\",\"package_id\":\"P\","
                   "\"package_premium_annual\":1800}},{\"id\":\"h2\",\"provider_id\":\"x\",\"category\":"
                   "\"home\",\"attributes\":{\"line_premium_annual\":900,\"package_id\":\"P\","
                   "\"package_premium_annual\":1800}}]")
            << QByteArray()
            << QStringList{QStringLiteral("sol(h1).est_cost_low=1003.3"),
                           QStringLiteral("sol(h1).est_cost_high=1153.8"),
                           QStringLiteral("sol(h1).cost_mid=1078.55"),
                           QStringLiteral("sol(h1).cost_breakdown.uplifts[0].amount=100.33"),
                           QStringLiteral("sol(h1).cost_breakdown.uplifts[1].amount=50.17"),
                           QStringLiteral("sol(h1).cost_breakdown.uplifts[1].base=1003.3"),
                           QStringLiteral("sol(h2).est_cost_high=990")};
        // §5.1's r = cost_mid ÷ reference with costs in cents: 100 − 200·(203665 ÷ 200000 − 1) is
        // 96.33500000000001 and rounds to 96.34; from dollars it was 96.33499999999997 and 96.33 (§11.1).
        QTest::newRow("pricing score at an exact half-hundredth, 96.335")
            << QByteArray("[\"home\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"p1\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium_annual\":2000}},{\"id\":\"h2\",\"provider_id\":\"p2\",\"category\":"
                          "\"home\",\"attributes\":{\"line_premium_annual\":2036.65}}]")
            << QByteArray()
            << QStringList{QStringLiteral("sol(h2).cost_mid=2036.65"),
                           QStringLiteral("sol(h2).scorecard.dimensions.pricing.score=96.34"),
                           QStringLiteral("sol(h1).scorecard.dimensions.pricing.score=100")};
        // The same at 76.785: a mid of 3125.01 against a reference of 2800.
        QTest::newRow("pricing score at an exact half-hundredth, 76.785")
            << QByteArray("[\"home\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"p1\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium_annual\":2800}},{\"id\":\"h2\",\"provider_id\":\"p2\",\"category\":"
                          "\"home\",\"attributes\":{\"line_premium_annual\":3125.01}}]")
            << QByteArray()
            << QStringList{QStringLiteral("sol(h2).scorecard.dimensions.pricing.score=76.79")};
        // Derived premiums are rounded to cents where they arise, then added: 85.71 + 17.14.
        QTest::newRow("derived premiums rounded before adding")
            << QByteArray("[\"home\",\"auto\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium\":50,\"term_months\":7}}," +
                          auto1 + "\"line_premium\":10,\"term_months\":7}}]")
            << QByteArray(",\"vehicles\":1")
            << QStringList{QStringLiteral("sol(h1,a1).est_cost_low=102.85"),
                           QStringLiteral("sol(h1,a1).cost_breakdown.lines[0].line_premium_annual=85.71"),
                           QStringLiteral("sol(h1,a1).cost_breakdown.lines[1].line_premium_annual=17.14")};
        // term_months 0 or below: no usable premium, filtered (not a validation error).
        QTest::newRow("term 0 is no_premium")
            << QByteArray("[\"home\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium\":600,\"term_months\":0}},{\"id\":\"h2\",\"provider_id\":\"p2\","
                          "\"category\":\"home\",\"attributes\":{\"line_premium_annual\":700}}]")
            << QByteArray()
            << QStringList{QStringLiteral("output.filtered_offerings[0].id=\"h1\""),
                           QStringLiteral("output.filtered_offerings[0].reason=\"no_premium\""),
                           QStringLiteral("output.solution_count=1")};
        QTest::newRow("negative term is no_premium")
            << QByteArray("[\"home\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium\":600,\"term_months\":-12}},{\"id\":\"h2\",\"provider_id\":\"p2\","
                          "\"category\":\"home\",\"attributes\":{\"line_premium_annual\":700}}]")
            << QByteArray()
            << QStringList{QStringLiteral("output.filtered_offerings[0].reason=\"no_premium\""),
                           QStringLiteral("output.filtered=1")};
        // The bundle's provider_id is the carrier key: provider_name when there is no provider_id.
        QTest::newRow("bundle provider_id is the carrier key")
            << QByteArray("[\"home\",\"auto\"]")
            << QByteArray(
                   "[{\"id\":\"h1\",\"provider_name\":\"Acme Mutual\",\"category\":\"home\","
                   "\"attributes\":{\"line_premium_annual\":1000,\"package_id\":\"K\",\"package_"
                   "premium_annual\":1500}},{\"id\":\"a1\",\"provider_name\":\"Acme Mutual\",\"category\":"
                   "\"auto\",\"attributes\":{\"line_premium_annual\":800,\"package_id\":\"K\",\"package_"
                   "premium_annual\":1500}}]")
            << QByteArray(",\"vehicles\":1")
            << QStringList{QStringLiteral("sol(h1,a1).cost_breakdown.bundles[0].provider_id=\"Acme Mutual\""),
                           QStringLiteral("sol(h1,a1).providers[0].provider_id=null"),
                           QStringLiteral("sol(h1,a1).est_cost_low=1500")};
        // A string bindable: a warning, read as not stated (no −25).
        QTest::newRow("bindable string is a warning")
            << QByteArray("[\"home\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium_annual\":700,\"bindable\":\"false\"}}]")
            << QByteArray()
            << QStringList{QStringLiteral("sol(h1).scorecard.dimensions.appetite.score=100"),
                           QStringLiteral("warning(offerings[0].attributes.bindable)=true")};
        QTest::newRow("bindable false still counts")
            << QByteArray("[\"home\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium_annual\":700,\"bindable\":false}}]")
            << QByteArray()
            << QStringList{QStringLiteral("sol(h1).scorecard.dimensions.appetite.score=75"),
                           QStringLiteral("warning(offerings[0].attributes.bindable)=false")};
        // A non-numeric service rating: a warning, not stated (base 60).
        QTest::newRow("service rating string is a warning")
            << QByteArray("[\"home\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium_annual\":700,\"service_rating\":\"4.5\"}}]")
            << QByteArray()
            << QStringList{QStringLiteral("sol(h1).scorecard.dimensions.service.score=60"),
                           QStringLiteral("warning(offerings[0].attributes.service_rating)=true")};
        // Ratings outside 0–5 are clamped: (20 × 5 + 20 × 1) ÷ 2 − 10 (two renewals) = 50.
        QTest::newRow("service rating above the scale is clamped")
            << QByteArray("[\"home\",\"auto\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium_annual\":700,\"service_rating\":7}}," +
                          auto1 + "\"line_premium_annual\":500,\"service_rating\":1}}]")
            << QByteArray(",\"vehicles\":1")
            << QStringList{QStringLiteral("sol(h1,a1).scorecard.dimensions.service.score=50"),
                           QStringLiteral("warning(offerings[0].attributes.service_rating)=true")};
        // (0 + 20 × 5) ÷ 2 − 10 = 40.
        QTest::newRow("service rating below the scale is clamped")
            << QByteArray("[\"home\",\"auto\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"attributes\":{"
                          "\"line_premium_annual\":700,\"service_rating\":-2}}," +
                          auto1 + "\"line_premium_annual\":500,\"service_rating\":5}}]")
            << QByteArray(",\"vehicles\":1")
            << QStringList{QStringLiteral("sol(h1,a1).scorecard.dimensions.service.score=40")};
        // A dwelling of 85% without settlement is not stated (−15), not −35: 100 − 15 − 10 (settlement)
        // − 8 (liability) − 10 (water backup) = 57 for the home line alone.
        QTest::newRow("dwelling without settlement in a dual run")
            << QByteArray("[\"home\"]")
            << QByteArray("[{\"id\":\"h1\",\"provider_id\":\"ph\",\"category\":\"home\",\"coverage\":{"
                          "\"dwelling_limit\":850000},\"attributes\":{\"line_premium_annual\":700}}]")
            << QByteArray(",\"request_config\":{\"coverage_analysis\":true},\"current_coverage\":{}")
            << QStringList{QStringLiteral("sol(h1).scorecard.dimensions.coverage.score=57"),
                           QStringLiteral("sol(h1).scorecard.qualified=true"),
                           QStringLiteral("output.coverage_analysis.gaps[0].rule_id=\"line.not_in_force\""),
                           QStringLiteral("sol(h1).gaps_closed=[\"line.not_in_force\"]"),
                           QStringLiteral("sol(h1).gaps_new=[\"home.no_water_backup\"]")};
    }

    void varied() {
        QFETCH(QByteArray, types);
        QFETCH(QByteArray, offerings);
        QFETCH(QByteArray, extra);
        QFETCH(QStringList, expect);
        const EngineRun r = runEngine(makeCase(types, offerings, extra), opts());
        QStringList problems;
        for (const auto &p : r.problems)
            problems << p.path + u": " + p.severityName() + u": " + p.message;
        QVERIFY2(r.ok(), qPrintable(problems.join(u'\n')));
        for (const QString &e : expect) {
            const qsizetype eq = e.lastIndexOf(u'=');
            const JsonValue got = expectationValue(*r.run, e.left(eq));
            const auto want = parseJson(e.mid(eq + 1).toUtf8());
            QVERIFY2(want, qPrintable(e));
            QVERIFY2(got == *want,
                     qPrintable(QStringLiteral("%1: got %2").arg(e, QString::fromUtf8(writeJson(got, -1)))));
        }
    }

    // Every coverage rule whose input is not stated gives a reason saying so, even at 0 points (§5.2);
    // a rule its stated inputs decide does not.
    void notStatedReasons_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("coverage");
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<QString>("code");
        QTest::addColumn<double>("points");
        QTest::addColumn<bool>("notStated");
        const QByteArray home = "\"liability_limit\":300000,\"water_backup_limit\":1,\"deductible\":1000";
        const QByteArray car = "\"bi_per_person\":250000,\"bi_per_accident\":500000,\"um_per_person\":250000,"
                               "\"um_per_accident\":500000";
        QTest::newRow("dwelling 85%, no settlement")
            << QByteArray("home") << QByteArray("{\"dwelling_limit\":850000," + home + "}") << QByteArray()
            << QStringLiteral("dwelling_ratio") << -15.0 << true;
        QTest::newRow("dwelling 100%, no settlement")
            << QByteArray("home") << QByteArray("{\"dwelling_limit\":1000000," + home + "}") << QByteArray()
            << QStringLiteral("dwelling_ratio") << 0.0 << false;
        QTest::newRow("settlement") << QByteArray("home")
                                    << QByteArray("{\"dwelling_limit\":1000000," + home + "}") << QByteArray()
                                    << QStringLiteral("settlement") << -10.0 << true;
        QTest::newRow("home liability")
            << QByteArray("home")
            << QByteArray("{\"dwelling_limit\":1000000,\"settlement\":\"replacement_cost\"}") << QByteArray()
            << QStringLiteral("home_liability") << -8.0 << true;
        QTest::newRow("deductible amount without dwelling limit")
            << QByteArray("home") << QByteArray("{\"settlement\":\"replacement_cost\"," + home + "}")
            << QByteArray() << QStringLiteral("deductible") << 0.0 << true;
        QTest::newRow("deductible 0 without dwelling limit is decided")
            << QByteArray("home")
            << QByteArray("{\"settlement\":\"replacement_cost\",\"liability_limit\":300000,\"deductible\":0}")
            << QByteArray() << QStringLiteral("deductible") << 0.0 << false;
        QTest::newRow("deductible percent without dwelling limit is decided")
            << QByteArray("home")
            << QByteArray("{\"settlement\":\"replacement_cost\",\"liability_limit\":300000,\"deductible\":"
                          "\"2%\"}")
            << QByteArray() << QStringLiteral("deductible") << -5.0 << false;
        QTest::newRow("deductible not stated")
            << QByteArray("home") << QByteArray("{\"dwelling_limit\":1000000,\"liability_limit\":300000}")
            << QByteArray() << QStringLiteral("deductible") << 0.0 << true;
        QTest::newRow("bodily injury") << QByteArray("auto") << QByteArray("{\"um_per_person\":100000}")
                                       << QByteArray() << QStringLiteral("bodily_injury") << -20.0 << true;
        QTest::newRow("um without a comparable pair")
            << QByteArray("auto") << QByteArray("{\"bi_per_person\":250000,\"um_per_accident\":500000}")
            << QByteArray() << QStringLiteral("um_below_bi") << -5.0 << true;
        QTest::newRow("physical damage, no vehicles_detail")
            << QByteArray("auto") << QByteArray("{" + car + ",\"collision_deductible\":\"none\"}")
            << QByteArray(",\"vehicles\":1,\"vehicles_detail\":null") << QStringLiteral("physical_damage")
            << 0.0 << true;
        QTest::newRow("physical damage, model year missing")
            << QByteArray("auto") << QByteArray("{" + car + ",\"comprehensive_deductible\":\"none\"}")
            << QByteArray(",\"vehicles_detail\":[{\"make\":\"Kia\"}]") << QStringLiteral("physical_damage")
            << 0.0 << true;
        QTest::newRow("physical damage, collision absent on a recent car")
            << QByteArray("auto") << QByteArray("{" + car + ",\"comprehensive_deductible\":500}")
            << QByteArray(",\"vehicles_detail\":[{\"year\":2024}]") << QStringLiteral("physical_damage")
            << 0.0 << true;
        QTest::newRow("physical damage none on a recent car")
            << QByteArray("auto") << QByteArray("{" + car + ",\"collision_deductible\":\"none\"}")
            << QByteArray(",\"vehicles_detail\":[{\"year\":2024}]") << QStringLiteral("physical_damage")
            << -20.0 << false;
        QTest::newRow("umbrella limit")
            << QByteArray("umbrella") << QByteArray("{\"required_underlying\":{\"home_liability\":300000}}")
            << QByteArray() << QStringLiteral("umbrella_limit") << -10.0 << true;
    }

    void notStatedReasons() {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, coverage);
        QFETCH(QByteArray, extra);
        QFETCH(QString, code);
        QFETCH(double, points);
        QFETCH(bool, notStated);
        const QByteArray offs = "[{\"id\":\"x1\",\"provider_id\":\"px\",\"category\":\"" + line +
                                "\",\"coverage\":" + coverage +
                                ",\"attributes\":{\"line_premium_annual\":900}}]";
        const JsonValue r = run(makeCase("[\"" + line + "\"]", offs, extra));
        std::vector<JsonValue> found;
        for (const auto &reason : dim(r[u"solutions"].at(0), "coverage")[u"reasons"].arrayItems())
            if (reason[u"code"].toString() == code) found.push_back(reason);
        QCOMPARE(int(found.size()), 1);
        QCOMPARE(found[0][u"points"].toDouble(), points);
        const QString text = found[0][u"text"].toString();
        QVERIFY2(text.contains(QStringLiteral("not stated")) == notStated, qPrintable(text));
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
