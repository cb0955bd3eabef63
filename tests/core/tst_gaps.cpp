// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include "engine/engine.h"
#include "engine/gaps.h"
#include "engine/routing.h"
#include "io/casefile.h"
#include "io/casereader.h"
#include "io/jsonpath.h"
#include "io/validation.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

// A household whose current home and auto lines pass every rule of §9 and state every input the rules
// read; each data row patches it ("path=json; -path" removes).
const char *kBase = R"({
  "coverage_types": ["home", "auto"],
  "address": {"line1": "1 Main St", "city": "Albany", "state": "NY", "zip_code": "12207"},
  "applicant": {"first_name": "Ann", "last_name": "Lee", "net_worth": 400000, "cash_reserve": 1000000,
                "rental_properties": 0},
  "drivers": [{"first_name": "Ann", "last_name": "Lee", "date_of_birth": "1980-01-01"}],
  "vehicles_detail": [{"year": 2015, "make": "Honda", "model": "Civic"}],
  "residence": {"replacement_cost": 500000, "flood_zone": "X", "pool": false, "trampoline": false, "rental_units": 0},
  "insurance_history": {"lapses": []},
  "current_coverage": {
    "home": {"carrier": "Acme", "dwelling_limit": 500000, "settlement": "replacement_cost", "liability_limit": 300000,
             "water_backup_limit": 10000, "deductible": 1000},
    "auto": {"carrier": "Acme", "bi_per_person": 250000, "bi_per_accident": 500000, "um_per_person": 250000,
             "um_per_accident": 500000, "collision_deductible": 500, "comprehensive_deductible": 500}
  }
})";

JsonValue parse(const QString &text) {
    JsonParseError e;
    const auto v = parseJson(text.toUtf8(), &e);
    if (!v) qFatal("bad JSON in test: %s: %s", qPrintable(text), qPrintable(e.toString()));
    return *v;
}

JsonValue patched(const QString &patch) {
    JsonValue input = parse(QString::fromUtf8(kBase));
    for (const QString &part : patch.split(u';', Qt::SkipEmptyParts)) {
        const QString p = part.trimmed();
        if (p.isEmpty()) continue;
        if (p.startsWith(u'-')) {
            removeJsonValueAt(input, p.mid(1));
            continue;
        }
        const int eq = int(p.indexOf(u'='));
        if (!setJsonValueAt(input, p.left(eq).trimmed(), parse(p.mid(eq + 1).trimmed())))
            qFatal("bad patch %s", qPrintable(p));
    }
    return input;
}

CaseInput readInput(const JsonValue &input) {
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("input"), input);
    root.insert(QStringLiteral("offerings"), JsonValue::array());
    Problems problems;
    const Case cs = readCase(root, &problems);
    for (const Problem &p : problems)
        if (p.isError()) qFatal("case error in test: %s: %s", qPrintable(p.path), qPrintable(p.message));
    return cs.input;
}

// `state` "-" means the case's own (validated) state.
GapAnalysis analyse(const QString &patch, const QString &state = QStringLiteral("-")) {
    const CaseInput in = readInput(patched(patch));
    return analyseGaps(in, currentSource(in), gapRequestedLines(in),
                       state == u"-" ? normalisedState(in.address.state) : state, test::fixedNow(),
                       defaultProfile());
}

QStringList gapIds(const GapAnalysis &a) {
    QStringList out;
    for (const Gap &g : a.gaps)
        out << g.ruleId + u'@' + (g.line.isEmpty() ? QStringLiteral("-") : g.line) + u':' + g.severity;
    return out;
}

const Gap *findGap(const GapAnalysis &a, const QString &rule, const QString &line) {
    for (const Gap &g : a.gaps)
        if (g.ruleId == rule && g.line == line) return &g;
    return nullptr;
}

const NotAssessed *findNa(const GapAnalysis &a, const QString &rule, const QString &line) {
    for (const NotAssessed &n : a.notAssessed)
        if (n.ruleId == rule && n.line == line) return &n;
    return nullptr;
}

JsonValue solutionWith(const JsonValue &run, const QStringList &offeringIds) {
    for (const JsonValue &s : run[u"solutions"].arrayItems()) {
        QStringList got;
        for (const JsonValue &o : s[u"offerings"].arrayItems())
            got << o[u"id"].toString();
        if (got == offeringIds) return s;
    }
    return {};
}

QStringList strings(const JsonValue &arr) {
    QStringList out;
    for (const JsonValue &v : arr.arrayItems())
        out << v.toString();
    return out;
}

} // namespace

class TestGaps : public QObject {
    Q_OBJECT
private slots:
    void baseHouseholdHasNoGaps();
    void rules_data();
    void rules();
    void packageAnalysisKeepsRules_data();
    void packageAnalysisKeepsRules();
    void orderingAndJson();
    void deductiblePerLineInCoverageTypesOrder();
    void underlyingOneGapPerComponent();
    void umBelowCslWording();
    void emptySourceAndIgnoredPortfolio_data();
    void emptySourceAndIgnoredPortfolio();
    void notInForceAndUmbrella();
    void comparison();
    void packageLines();
    void routing_data();
    void routing();
    void routingThroughEngine_data();
    void routingThroughEngine();
    void brooklynAnalysis();
    void brooklynPackages();
    void cliFormats();
    void cliErrors();
};

void TestGaps::baseHouseholdHasNoGaps() {
    const GapAnalysis a = analyse(QString());
    QCOMPARE(gapIds(a), QStringList());
    QCOMPARE(int(a.notAssessed.size()), 0);
    QVERIFY(a.memo.contains(QStringLiteral("The review found no coverage gaps")));
}

void TestGaps::rules_data() {
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("outcome"); // a severity, "pass" or "na"
    QTest::addColumn<QString>("current"); // JSON text, "" = not checked
    QTest::addColumn<QString>("recommended");
    QTest::addColumn<QStringList>("missing");

    const QString dw = QStringLiteral("home.dwelling_under_replacement");
    const QString none;
    const QString ny = QStringLiteral("-");
    auto row = [](const char *name, const QString &patch, const QString &state, const QString &rule,
                  const char *line, const char *outcome, const char *cur = "", const char *rec = "",
                  const QStringList &missing = {}) {
        QTest::newRow(name) << patch << state << rule << QString::fromUtf8(line) << QString::fromUtf8(outcome)
                            << QString::fromUtf8(cur) << QString::fromUtf8(rec) << missing;
    };

    // home.dwelling_under_replacement: < 0.8 critical, else high; ratio 1 passes.
    row("dwelling exactly 80%", "current_coverage.home.dwelling_limit=400000", ny, dw, "home", "high",
        "400000", "500000");
    row("dwelling just under 80%", "current_coverage.home.dwelling_limit=399999", ny, dw, "home", "critical",
        "399999", "500000");
    row("dwelling exactly 100%", "current_coverage.home.dwelling_limit=500000", ny, dw, "home", "pass");
    row("dwelling just under 100%", "current_coverage.home.dwelling_limit=499999", ny, dw, "home", "high",
        "499999");
    row("dwelling extended 10%",
        "current_coverage.home.dwelling_limit=400000; "
        "current_coverage.home.settlement=\"extended_replacement_cost\"; "
        "current_coverage.home.extended_replacement_pct=10",
        ny, dw, "home", "high", "440000", "500000");
    row("dwelling extended 25% reaches 100%",
        "current_coverage.home.dwelling_limit=400000; "
        "current_coverage.home.settlement=\"extended_replacement_cost\"; "
        "current_coverage.home.extended_replacement_pct=25",
        ny, dw, "home", "pass");
    row("dwelling extended without pct counts 0%",
        "current_coverage.home.dwelling_limit=399999; "
        "current_coverage.home.settlement=\"extended_replacement_cost\"",
        ny, dw, "home", "critical", "399999");
    row("dwelling guaranteed without limits",
        "-current_coverage.home.dwelling_limit; -residence.replacement_cost; "
        "current_coverage.home.settlement=\"guaranteed_replacement_cost\"",
        ny, dw, "home", "pass");
    row("dwelling limit missing", "-current_coverage.home.dwelling_limit", ny, dw, "home", "na", "", "",
        {QStringLiteral("dwelling_limit")});
    row("dwelling replacement cost missing", "-residence.replacement_cost", ny, dw, "home", "na", "", "",
        {QStringLiteral("residence.replacement_cost")});
    // No settlement: guaranteed replacement would count as ratio 1, so below 1 the rule is not assessed;
    // at 1 or more every settlement decides it (§11.3).
    row("dwelling 85% without settlement",
        "-current_coverage.home.settlement; current_coverage.home.dwelling_limit=425000", ny, dw, "home",
        "na", "", "", {QStringLiteral("settlement")});
    row("dwelling 70% without settlement",
        "-current_coverage.home.settlement; current_coverage.home.dwelling_limit=350000", ny, dw, "home",
        "na", "", "", {QStringLiteral("settlement")});
    row("dwelling 100% without settlement", "-current_coverage.home.settlement", ny, dw, "home", "pass");
    row("dwelling and settlement missing",
        "-current_coverage.home.settlement; -current_coverage.home.dwelling_limit", ny, dw, "home", "na", "",
        "", {QStringLiteral("dwelling_limit"), QStringLiteral("settlement")});

    const QString acv = QStringLiteral("home.acv_settlement");
    row("acv", "current_coverage.home.settlement=\"actual_cash_value\"", ny, acv, "home", "high",
        "\"actual_cash_value\"", "\"replacement_cost\"");
    row("acv replacement cost", "", ny, acv, "home", "pass");
    row("acv not stated", "-current_coverage.home.settlement", ny, acv, "home", "na", "", "",
        {QStringLiteral("settlement")});

    const QString liab = QStringLiteral("home.liability_low");
    row("liability exactly 300k", "", ny, liab, "home", "pass");
    row("liability just under", "current_coverage.home.liability_limit=299999", ny, liab, "home", "medium",
        "299999", "300000");
    row("liability low, umbrella requested",
        "current_coverage.home.liability_limit=100000; coverage_types=[\"home\",\"auto\",\"umbrella\"]; "
        "applicant.net_worth=600000",
        ny, liab, "home", "high", "100000", "300000");
    row("liability low, umbrella in force",
        "current_coverage.home.liability_limit=100000; "
        "current_coverage.umbrella={\"umbrella_limit\":1000000}",
        ny, liab, "home", "high");
    row("liability not stated", "-current_coverage.home.liability_limit", ny, liab, "home", "na", "", "",
        {QStringLiteral("liability_limit")});

    const QString wb = QStringLiteral("home.no_water_backup");
    row("water backup absent means none", "-current_coverage.home.water_backup_limit", ny, wb, "home",
        "medium", "0", "null");
    row("water backup 0 means none", "current_coverage.home.water_backup_limit=0", ny, wb, "home", "medium",
        "0");
    row("water backup stated", "current_coverage.home.water_backup_limit=5000", ny, wb, "home", "pass");

    const QString fl = QStringLiteral("home.flood_zone_uninsured");
    row("flood zone AE uninsured", "residence.flood_zone=\"AE\"", ny, fl, "home", "critical", "0", "null");
    row("flood zone v lower case", "residence.flood_zone=\"ve\"", ny, fl, "home", "critical");
    row("flood zone X", "", ny, fl, "home", "pass");
    row("flood zone with flood line",
        "residence.flood_zone=\"AE\"; current_coverage.flood={\"carrier\":\"NFIP\",\"flood_limit\":250000}",
        ny, fl, "home", "pass");
    row("flood zone with flood line limit absent",
        "residence.flood_zone=\"A\"; current_coverage.flood={\"carrier\":\"NFIP\"}", ny, fl, "home",
        "critical");
    row("flood zone with home flood limit",
        "residence.flood_zone=\"A\"; current_coverage.home.flood_limit=100000", ny, fl, "home", "pass");
    row("flood zone home flood limit 0", "residence.flood_zone=\"A\"; current_coverage.home.flood_limit=0",
        ny, fl, "home", "critical");
    row("flood zone not stated", "-residence.flood_zone", ny, fl, "home", "na", "", "",
        {QStringLiteral("residence.flood_zone")});
    row("flood zone null is not stated", "residence.flood_zone=null", ny, fl, "home", "na", "", "",
        {QStringLiteral("residence.flood_zone")});
    // "" is stated: assessed, and not a flood zone (§9).
    row("flood zone empty string is stated", "residence.flood_zone=\"\"", ny, fl, "home", "pass");

    const QString bi = QStringLiteral("auto.bi_low");
    row("bi exactly 100/300",
        "current_coverage.auto.bi_per_person=100000; current_coverage.auto.bi_per_accident=300000", ny, bi,
        "auto", "pass");
    row("bi per person just under",
        "current_coverage.auto.bi_per_person=99999; current_coverage.auto.bi_per_accident=300000", ny, bi,
        "auto", "high", "\"99.999/300\"", "\"100/300\"");
    row("bi per accident just under",
        "current_coverage.auto.bi_per_person=100000; current_coverage.auto.bi_per_accident=299999", ny, bi,
        "auto", "high");
    row("bi csl exactly 300k",
        "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
        "current_coverage.auto.limit_combined_single=300000",
        ny, bi, "auto", "pass");
    row("bi csl just under",
        "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
        "current_coverage.auto.limit_combined_single=299999",
        ny, bi, "auto", "high", "299999", "300000");
    row("bi at NY minimum is critical",
        "current_coverage.auto.bi_per_person=25000; current_coverage.auto.bi_per_accident=50000", ny, bi,
        "auto", "critical", "\"25/50\"", "\"100/300\"");
    row("bi per accident above NY minimum is high",
        "current_coverage.auto.bi_per_person=25000; current_coverage.auto.bi_per_accident=60000", ny, bi,
        "auto", "high");
    row("bi split string at minimum",
        "-current_coverage.auto.bi_per_accident; current_coverage.auto.bi_per_person=\"25/50/10\"", ny, bi,
        "auto", "critical", "\"25/50\"");
    row("bi csl at NY per accident minimum",
        "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
        "current_coverage.auto.limit_combined_single=50000",
        ny, bi, "auto", "critical", "50000", "300000");
    row("bi csl above NY per accident minimum",
        "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
        "current_coverage.auto.limit_combined_single=50001",
        ny, bi, "auto", "high");
    row("bi at minimum, state missing from table",
        "current_coverage.auto.bi_per_person=25000; current_coverage.auto.bi_per_accident=50000",
        QStringLiteral("ZZ"), bi, "auto", "high");
    row("bi at minimum, no valid state",
        "current_coverage.auto.bi_per_person=25000; current_coverage.auto.bi_per_accident=50000", none, bi,
        "auto", "high");
    row("bi lone part at minimum is high",
        "current_coverage.auto.bi_per_person=25000; -current_coverage.auto.bi_per_accident", ny, bi, "auto",
        "high", "\"25/?\"");
    row("bi not stated", "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident", ny,
        bi, "auto", "na", "", "",
        {QStringLiteral("bi_per_person"), QStringLiteral("bi_per_accident"),
         QStringLiteral("limit_combined_single")});

    const QString um = QStringLiteral("auto.um_below_bi");
    row("um equal to bi", "", ny, um, "auto", "pass");
    row("um below bi",
        "current_coverage.auto.um_per_person=100000; current_coverage.auto.um_per_accident=300000", ny, um,
        "auto", "medium", "\"100/300\"", "\"250/500\"");
    row("um per accident just under", "current_coverage.auto.um_per_accident=499999", ny, um, "auto",
        "medium");
    row("um against csl",
        "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
        "current_coverage.auto.limit_combined_single=500000; -current_coverage.auto.um_per_person; "
        "current_coverage.auto.um_per_accident=300000",
        ny, um, "auto", "medium", "300000", "500000");
    row("um not stated", "-current_coverage.auto.um_per_person; -current_coverage.auto.um_per_accident", ny,
        um, "auto", "na", "", "", {QStringLiteral("um_per_person"), QStringLiteral("um_per_accident")});
    // Only um_per_accident below the CSL: um_per_accident → the CSL, as numbers; a split UM is no CSL.
    row("um split under csl bi",
        "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
        "current_coverage.auto.limit_combined_single=300000; current_coverage.auto.um_per_person=\"25/50\"; "
        "-current_coverage.auto.um_per_accident",
        ny, um, "auto", "medium", "50000", "300000");
    row("um split equal to split bi, below csl",
        "current_coverage.auto.bi_per_person=25000; current_coverage.auto.bi_per_accident=50000; "
        "current_coverage.auto.limit_combined_single=300000; current_coverage.auto.um_per_person=25000; "
        "current_coverage.auto.um_per_accident=50000",
        ny, um, "auto", "medium", "50000", "300000");
    row("um per accident only below split bi",
        "-current_coverage.auto.um_per_person; current_coverage.auto.um_per_accident=300000", ny, um, "auto",
        "medium", "\"?/300\"", "\"250/500\"");
    row("um split below split bi beside a csl",
        "current_coverage.auto.limit_combined_single=500000; current_coverage.auto.um_per_person=100000; "
        "current_coverage.auto.um_per_accident=500000",
        ny, um, "auto", "medium", "\"100/500\"", "\"250/500\"");

    const QString pd = QStringLiteral("auto.no_physical_damage_recent_vehicle");
    row("no collision on 2019 vehicle",
        "current_coverage.auto.collision_deductible=\"none\"; vehicles_detail[0].year=2019", ny, pd, "auto",
        "high", "\"none\"", "null");
    row("no collision on 2018 vehicle",
        "current_coverage.auto.collision_deductible=\"none\"; vehicles_detail[0].year=2018", ny, pd, "auto",
        "pass");
    row("collision absent on recent vehicle",
        "-current_coverage.auto.collision_deductible; vehicles_detail[0].year=2024", ny, pd, "auto", "na", "",
        "", {QStringLiteral("collision_deductible")});
    row("no comprehensive, vehicle year unknown",
        "current_coverage.auto.comprehensive_deductible=\"none\"; -vehicles_detail[0].year", ny, pd, "auto",
        "na", "", "", {QStringLiteral("vehicles_detail[].year")});
    // No vehicles_detail: model years not stated (§9), whatever input.vehicles says.
    row("no collision, no vehicles_detail",
        "current_coverage.auto.collision_deductible=\"none\"; -vehicles_detail; vehicles=1", ny, pd, "auto",
        "na", "", "", {QStringLiteral("vehicles_detail")});
    row("no collision, vehicles_detail empty",
        "current_coverage.auto.collision_deductible=\"none\"; vehicles_detail=[]", ny, pd, "auto", "pass");
    row("deductibles carried, no vehicles_detail", "-vehicles_detail", ny, pd, "auto", "pass");

    const QString um2 = QStringLiteral("umbrella.missing");
    row("umbrella no trigger", "", ny, um2, "umbrella", "pass");
    row("umbrella net worth exactly 500k", "applicant.net_worth=500000", ny, um2, "umbrella", "pass");
    row("umbrella net worth just above", "applicant.net_worth=500001", ny, um2, "umbrella", "high", "null",
        "1000000");
    row("umbrella net worth 1.4M", "applicant.net_worth=1400000", ny, um2, "umbrella", "high", "null",
        "2000000");
    row("umbrella net worth exactly 2M", "applicant.net_worth=2000000", ny, um2, "umbrella", "high", "null",
        "2000000");
    row("umbrella driver 20", "drivers[1]={\"first_name\":\"Kid\",\"date_of_birth\":\"2005-11-29\"}", ny, um2,
        "umbrella", "high", "null", "1000000");
    row("umbrella driver turns 21 today",
        "drivers[1]={\"first_name\":\"Kid\",\"date_of_birth\":\"2005-11-28\"}", ny, um2, "umbrella", "pass");
    row("umbrella pool", "residence.pool=true", ny, um2, "umbrella", "high");
    row("umbrella trampoline", "residence.trampoline=true", ny, um2, "umbrella", "high");
    row("umbrella rental units", "residence.rental_units=1", ny, um2, "umbrella", "high");
    row("umbrella rental properties", "applicant.rental_properties=2", ny, um2, "umbrella", "high");
    row("umbrella in force: rule does not apply",
        "applicant.net_worth=900000; current_coverage.umbrella={\"umbrella_limit\":1000000}", ny, um2,
        "umbrella", "pass");
    row("umbrella no trigger, net worth not stated", "-applicant.net_worth", ny, um2, "umbrella", "na", "",
        "", {QStringLiteral("applicant.net_worth")});
    row("umbrella no trigger, several not stated",
        "-residence.trampoline; -applicant.rental_properties; -drivers[0].date_of_birth", ny, um2, "umbrella",
        "na", "", "",
        {QStringLiteral("drivers[0].date_of_birth"), QStringLiteral("residence.trampoline"),
         QStringLiteral("applicant.rental_properties")});
    row("umbrella one trigger true, others not stated",
        "-applicant.net_worth; -residence.trampoline; residence.pool=true", ny, um2, "umbrella", "high",
        "null", "1000000");
    // No drivers key: the under-21 trigger is not stated (§9, §11.6); an empty list decides it.
    row("umbrella no trigger, drivers absent", "-drivers", ny, um2, "umbrella", "na", "", "",
        {QStringLiteral("drivers")});
    row("umbrella no trigger, drivers null", "drivers=null", ny, um2, "umbrella", "na", "", "",
        {QStringLiteral("drivers")});
    row("umbrella no trigger, drivers empty", "drivers=[]", ny, um2, "umbrella", "pass");
    row("umbrella drivers absent, net worth trigger", "-drivers; applicant.net_worth=600000", ny, um2,
        "umbrella", "high", "null", "1000000");

    const QString ul = QStringLiteral("umbrella.underlying_unmet");
    const QString withUmbrella = QStringLiteral("current_coverage.umbrella={\"umbrella_limit\":1000000}; ");
    row("underlying met", withUmbrella, ny, ul, "umbrella", "pass");
    row("underlying auto unmet",
        withUmbrella +
            "current_coverage.auto.bi_per_person=100000; current_coverage.auto.bi_per_accident=300000",
        ny, ul, "umbrella", "critical", "\"100/300\"", "\"250/500\"");
    row("underlying home just under", withUmbrella + "current_coverage.home.liability_limit=299999", ny, ul,
        "umbrella", "critical", "299999", "300000");
    row("underlying offering requirement",
        "current_coverage.umbrella={\"umbrella_limit\":1000000,\"required_underlying\":{\"home_liability\":"
        "500000}}",
        ny, ul, "umbrella", "critical", "300000", "500000");
    row("underlying auto not in force is skipped",
        withUmbrella + "-current_coverage.auto; current_coverage.home.liability_limit=300000", ny, ul,
        "umbrella", "pass");
    row("underlying auto csl meets per accident",
        withUmbrella + "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
                       "current_coverage.auto.limit_combined_single=500000",
        ny, ul, "umbrella", "pass");
    row("underlying auto csl just under",
        withUmbrella + "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
                       "current_coverage.auto.limit_combined_single=499999",
        ny, ul, "umbrella", "critical", "499999", "500000");
    row("underlying auto not stated",
        withUmbrella + "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident", ny, ul,
        "umbrella", "na", "", "",
        {QStringLiteral("auto.bi_per_person"), QStringLiteral("auto.bi_per_accident")});
    row("underlying one unmet, other not stated",
        withUmbrella + "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
                       "current_coverage.home.liability_limit=100000",
        ny, ul, "umbrella", "critical", "100000", "300000");
    // A per-accident part that meets the requirement could still complete the split: not assessed even
    // though the CSL is short (§11.3).
    row("underlying per accident only, csl short",
        withUmbrella + "-current_coverage.auto.bi_per_person; current_coverage.auto.bi_per_accident=500000; "
                       "current_coverage.auto.limit_combined_single=100000",
        ny, ul, "umbrella", "na", "", "", {QStringLiteral("auto.bi_per_person")});
    row("underlying lone part below, csl short",
        withUmbrella + "-current_coverage.auto.bi_per_person; current_coverage.auto.bi_per_accident=400000; "
                       "current_coverage.auto.limit_combined_single=100000",
        ny, ul, "umbrella", "critical", "\"?/400\"", "\"250/500\"");
    row("underlying split short, csl meets",
        withUmbrella +
            "current_coverage.auto.bi_per_person=100000; current_coverage.auto.bi_per_accident=300000; "
            "current_coverage.auto.limit_combined_single=500000",
        ny, ul, "umbrella", "pass");
    row("underlying csl alone against auto_csl",
        "current_coverage.umbrella={\"umbrella_limit\":1000000,\"required_underlying\":{\"auto_csl\":"
        "600000}}; -current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
        "current_coverage.auto.limit_combined_single=500000",
        ny, ul, "umbrella", "critical", "500000", "600000");

    const QString lnw = QStringLiteral("umbrella.limit_below_net_worth");
    row("umbrella limit equals net worth", withUmbrella + "applicant.net_worth=1000000", ny, lnw, "umbrella",
        "pass");
    row("umbrella limit below net worth", withUmbrella + "applicant.net_worth=1000001", ny, lnw, "umbrella",
        "medium", "1000000", "2000000");
    row("umbrella limit not stated", "current_coverage.umbrella={\"retained_limit\":0}", ny, lnw, "umbrella",
        "na", "", "", {QStringLiteral("umbrella_limit")});
    row("umbrella net worth not stated", withUmbrella + "-applicant.net_worth", ny, lnw, "umbrella", "na", "",
        "", {QStringLiteral("applicant.net_worth")});

    const QString dd = QStringLiteral("deductible.above_cash_reserve");
    row("home deductible equals cash", "applicant.cash_reserve=1000", ny, dd, "home", "pass");
    row("home deductible above cash", "applicant.cash_reserve=999", ny, dd, "home", "medium", "1000", "999");
    row("home percent deductible resolved",
        "applicant.cash_reserve=4000; current_coverage.home.deductible=\"1%\"", ny, dd, "home", "medium",
        "5000", "4000");
    row("home wind/hail 2% is the largest",
        "applicant.cash_reserve=9000; current_coverage.home.wind_hail_deductible=\"2%\"", ny, dd, "home",
        "medium", "10000", "9000");
    row("home percent without dwelling limit",
        "applicant.cash_reserve=2000; -current_coverage.home.dwelling_limit; "
        "current_coverage.home.deductible=\"1%\"",
        ny, dd, "home", "na", "", "", {QStringLiteral("dwelling_limit")});
    row("home no deductible stated", "applicant.cash_reserve=0; -current_coverage.home.deductible", ny, dd,
        "home", "pass");
    row("auto collision above cash",
        "applicant.cash_reserve=999; current_coverage.auto.collision_deductible=1500", ny, dd, "auto",
        "medium", "1500", "999");
    row("auto none is no deductible",
        "applicant.cash_reserve=700; current_coverage.auto.collision_deductible=\"none\"; "
        "current_coverage.auto.comprehensive_deductible=500",
        ny, dd, "auto", "pass");
    row("auto deductible_default", "applicant.cash_reserve=700; current_coverage.auto.deductible_default=750",
        ny, dd, "auto", "medium", "750", "700");
    row("umbrella retained limit above cash",
        "applicant.cash_reserve=5000; "
        "current_coverage.umbrella={\"umbrella_limit\":1000000,\"retained_limit\":10000}",
        ny, dd, "umbrella", "medium", "10000", "5000");
    row("umbrella retained 0 is none",
        "applicant.cash_reserve=0; "
        "current_coverage.umbrella={\"umbrella_limit\":1000000,\"retained_limit\":0}",
        ny, dd, "umbrella", "pass");
    row("cash reserve not stated", "-applicant.cash_reserve", ny, dd, "home", "na", "", "",
        {QStringLiteral("applicant.cash_reserve")});
    row("cash reserve not stated, no deductible",
        "-applicant.cash_reserve; -current_coverage.home.deductible", ny, dd, "home", "pass");

    const QString lp = QStringLiteral("history.lapse");
    row("lapse ended exactly 3 years ago",
        "insurance_history.lapses=[{\"start\":\"2023-10-01\",\"end\":\"2023-11-28\"}]", ny, lp, "", "low",
        "\"2023-11-28\"", "null");
    row("lapse ended 3 years and a day ago",
        "insurance_history.lapses=[{\"start\":\"2023-10-01\",\"end\":\"2023-11-27\"}]", ny, lp, "", "pass");
    row("lapse start only", "insurance_history.lapses=[{\"start\":\"2024-02-01\"}]", ny, lp, "", "low",
        "\"2024-02-01\"");
    row("lapse in the future counts", "insurance_history.lapses=[{\"end\":\"2027-01-15\"}]", ny, lp, "",
        "low", "\"2027-01-15\"");
    row("lapse latest end is current",
        "insurance_history.lapses=[{\"end\":\"2024-03-01\"},{\"end\":\"2025-06-30\"},{\"end\":\"2010-01-01\"}"
        "]",
        ny, lp, "", "low", "\"2025-06-30\"");
    row("lapse undated", "insurance_history.lapses=[{}]", ny, lp, "", "na", "", "",
        {QStringLiteral("insurance_history.lapses[0].end")});
    row("lapse unparseable", "insurance_history.lapses=[{\"end\":\"last spring\"}]", ny, lp, "", "na", "", "",
        {QStringLiteral("insurance_history.lapses[0].end")});
    row("lapse undated beside an old one",
        "insurance_history.lapses=[{\"end\":\"2015-01-01\"},{\"start\":null}]", ny, lp, "", "na", "", "",
        {QStringLiteral("insurance_history.lapses[1].end")});
    // "" is stated, and not a date: not assessed, and not replaced by the start (§11.7).
    row("lapse start empty beside an old one",
        "insurance_history.lapses=[{\"end\":\"2015-01-01\"},{\"start\":\"\"}]", ny, lp, "", "na", "", "",
        {QStringLiteral("insurance_history.lapses[1].start")});
    row("lapse end empty, start recent", "insurance_history.lapses=[{\"start\":\"2025-01-01\",\"end\":\"\"}]",
        ny, lp, "", "na", "", "", {QStringLiteral("insurance_history.lapses[0].end")});
    row("lapse undated beside a recent one", "insurance_history.lapses=[{},{\"end\":\"2025-01-01\"}]", ny, lp,
        "", "low");
    // lapses not stated: not assessed; an empty list is assessed and does not fire (§9).
    row("lapse history absent", "-insurance_history", ny, lp, "", "na", "", "",
        {QStringLiteral("insurance_history.lapses")});
    row("lapses absent", "insurance_history={\"non_renewals\":[]}", ny, lp, "", "na", "", "",
        {QStringLiteral("insurance_history.lapses")});
    row("lapses empty", "insurance_history.lapses=[]", ny, lp, "", "pass");

    const QString nf = QStringLiteral("line.not_in_force");
    row("requested auto not in force", "-current_coverage.auto", ny, nf, "auto", "info", "null", "null");
    row("auto in force", "", ny, nf, "auto", "pass");
    row("umbrella requested, no trigger", "coverage_types=[\"home\",\"auto\",\"umbrella\"]", ny, nf,
        "umbrella", "info");
    row("umbrella requested, umbrella.missing fired",
        "coverage_types=[\"home\",\"auto\",\"umbrella\"]; applicant.net_worth=900000", ny, nf, "umbrella",
        "pass");
    // Invalid coverage_types: no line counts as requested (§11.6).
    row("coverage types invalid: nothing requested",
        "coverage_types=[\"home\",\"auto\",\"umbrella\",\"boat\"]; -current_coverage.auto", ny, nf, "auto",
        "pass");
    row("coverage types repeated: nothing requested",
        "coverage_types=[\"home\",\"auto\",\"auto\"]; -current_coverage.auto", ny, nf, "auto", "pass");
    row("liability low, umbrella in invalid coverage types",
        "current_coverage.home.liability_limit=100000; coverage_types=[\"home\",\"umbrella\",\"boat\"]", ny,
        liab, "home", "medium");
}

void TestGaps::rules() {
    QFETCH(QString, patch);
    QFETCH(QString, state);
    QFETCH(QString, rule);
    QFETCH(QString, line);
    QFETCH(QString, outcome);
    QFETCH(QString, current);
    QFETCH(QString, recommended);
    QFETCH(QStringList, missing);

    const GapAnalysis a = analyse(patch, state);
    const Gap *g = findGap(a, rule, line);
    const NotAssessed *na = findNa(a, rule, line);
    if (outcome == u"pass") {
        QVERIFY2(!g, qPrintable(gapIds(a).join(u' ')));
        QVERIFY(!na);
        return;
    }
    if (outcome == u"na") {
        QVERIFY2(!g, qPrintable(gapIds(a).join(u' ')));
        QVERIFY(na);
        QCOMPARE(na->missing, missing);
        return;
    }
    QVERIFY2(g, qPrintable(QStringLiteral("%1 did not fire; gaps: %2").arg(rule, gapIds(a).join(u' '))));
    QVERIFY(!na);
    QCOMPARE(g->severity, outcome);
    QCOMPARE(int(std::count_if(a.gaps.begin(), a.gaps.end(),
                               [&](const Gap &x) { return x.ruleId == rule && x.line == line; })),
             1);
    if (!current.isEmpty()) QCOMPARE(writeJson(g->current, -1), writeJson(parse(current), -1));
    if (!recommended.isEmpty()) QCOMPARE(writeJson(g->recommended, -1), writeJson(parse(recommended), -1));
    QVERIFY(!g->title.isEmpty());
    QVERIFY(!g->detail.isEmpty());
    QVERIFY(!g->recommendation.isEmpty());
    // Amounts in the recommendation are written as agents read them.
    if (g->recommended.isNumber()) QVERIFY2(g->recommendation.contains(u'$'), qPrintable(g->recommendation));
}

void TestGaps::packageAnalysisKeepsRules_data() {
    rules_data();
}

// A package's analysis is only compared, so it is built without texts: every row of the rule table gives
// the same gaps (rule, line, severity, in order), the same not-assessed entries and the same
// closed / open / new lists as the full analysis, against the base household and against the row itself.
void TestGaps::packageAnalysisKeepsRules() {
    QFETCH(QString, patch);
    QFETCH(QString, state);
    const CaseInput in = readInput(patched(patch));
    const QString st = state == u"-" ? normalisedState(in.address.state) : state;
    const auto run = [&](bool rulesOnly) {
        return rulesOnly ? analysePackageGaps(in, currentSource(in), gapRequestedLines(in), st,
                                              test::fixedNow(), defaultProfile())
                         : analyseGaps(in, currentSource(in), gapRequestedLines(in), st, test::fixedNow(),
                                       defaultProfile(), false);
    };
    const GapAnalysis full = run(false), rulesOnly = run(true);
    const auto keys = [](const GapAnalysis &a) {
        QStringList out;
        for (const Gap &g : a.gaps)
            out << g.ruleId + u'|' + g.line + u'|' + g.severity;
        return out;
    };
    QCOMPARE(keys(rulesOnly), keys(full));
    QVERIFY(rulesOnly.notAssessed == full.notAssessed);
    for (const Gap &g : rulesOnly.gaps) {
        QVERIFY(g.title.isEmpty() && g.detail.isEmpty() && g.recommendation.isEmpty());
        QVERIFY(g.current.isNull() && g.recommended.isNull());
    }
    QVERIFY(rulesOnly.memo.isEmpty());
    const GapAnalysis base = analyse(QString());
    for (const GapAnalysis *before : {&base, &full}) {
        const GapLists a = comparePackageGaps(*before, full), b = comparePackageGaps(*before, rulesOnly);
        QCOMPARE(b.closed, a.closed);
        QCOMPARE(b.open, a.open);
        QCOMPARE(b.added, a.added);
    }
}

void TestGaps::orderingAndJson() {
    // Severity first, then the table order (dwelling before flood before bodily injury among the critical
    // ones), info last; the history gap has a null line.
    const GapAnalysis a = analyse(QStringLiteral(
        "coverage_types=[\"home\",\"auto\",\"umbrella\"]; current_coverage.home.dwelling_limit=300000; "
        "residence.flood_zone=\"AE\"; -current_coverage.home.water_backup_limit; "
        "current_coverage.auto.um_per_person=10000; insurance_history.lapses=[{\"end\":\"2025-01-01\"}]; "
        "current_coverage.auto.bi_per_person=25000; current_coverage.auto.bi_per_accident=50000"));
    QCOMPARE(gapIds(a), QStringList({
                            QStringLiteral("home.dwelling_under_replacement@home:critical"),
                            QStringLiteral("home.flood_zone_uninsured@home:critical"),
                            QStringLiteral("auto.bi_low@auto:critical"),
                            QStringLiteral("home.no_water_backup@home:medium"),
                            QStringLiteral("auto.um_below_bi@auto:medium"),
                            QStringLiteral("history.lapse@-:low"),
                            QStringLiteral("line.not_in_force@umbrella:info"),
                        }));
    const JsonValue j = a.toJson();
    QCOMPARE(j[u"summary"][u"critical"].toDouble(), 3.0);
    QCOMPARE(j[u"summary"][u"high"].toDouble(), 0.0);
    QCOMPARE(j[u"summary"][u"medium"].toDouble(), 2.0);
    QCOMPARE(j[u"summary"][u"low"].toDouble(), 1.0);
    QCOMPARE(j[u"summary"][u"info"].toDouble(), 1.0);
    QCOMPARE(j[u"summary"][u"not_assessed"].size(), 0);
    const JsonValue &lapse = j[u"gaps"].at(5);
    QVERIFY(lapse.contains(u"line"));
    QVERIFY(lapse[u"line"].isNull());
    QCOMPARE(lapse[u"current"].toString(), QStringLiteral("2025-01-01"));
    QStringList keys;
    for (const auto &m : j[u"gaps"].at(0).objectMembers())
        keys << m.first;
    QCOMPARE(keys, QStringList({QStringLiteral("rule_id"), QStringLiteral("line"), QStringLiteral("severity"),
                                QStringLiteral("title"), QStringLiteral("detail"), QStringLiteral("current"),
                                QStringLiteral("recommended"), QStringLiteral("recommendation")}));
    QCOMPARE(j[u"memo"].toString(), a.memo);

    // not_assessed entries: {rule_id, line, missing[]}, in table order.
    const GapAnalysis b = analyse(QStringLiteral("-residence.flood_zone; -applicant.cash_reserve; "
                                                 "insurance_history.lapses=[{}]"));
    const JsonValue nb = b.toJson()[u"summary"][u"not_assessed"];
    QCOMPARE(nb.size(), 4);
    QCOMPARE(nb.at(0)[u"rule_id"].toString(), QStringLiteral("home.flood_zone_uninsured"));
    QCOMPARE(nb.at(0)[u"line"].toString(), QStringLiteral("home"));
    QCOMPARE(strings(nb.at(0)[u"missing"]), QStringList({QStringLiteral("residence.flood_zone")}));
    QCOMPARE(nb.at(1)[u"rule_id"].toString(), QStringLiteral("deductible.above_cash_reserve"));
    QCOMPARE(nb.at(1)[u"line"].toString(), QStringLiteral("home"));
    QCOMPARE(nb.at(2)[u"line"].toString(), QStringLiteral("auto"));
    QCOMPARE(nb.at(3)[u"rule_id"].toString(), QStringLiteral("history.lapse"));
    QVERIFY(nb.at(3)[u"line"].isNull());
    QVERIFY(b.memo.contains(QStringLiteral("Not assessed for lack of information")));
    QVERIFY(b.memo.contains(QStringLiteral("residence.flood_zone")));
}

void TestGaps::underlyingOneGapPerComponent() {
    // Auto 100/300 and home liability 100 000 under an umbrella asking 250/500 and 300 000: two gaps, auto
    // first, each in the form of its evidence (§9, §11.8).
    const GapAnalysis a = analyse(QStringLiteral(
        "current_coverage.umbrella={\"umbrella_limit\":1000000}; current_coverage.auto.bi_per_person=100000; "
        "current_coverage.auto.bi_per_accident=300000; current_coverage.home.liability_limit=100000"));
    std::vector<const Gap *> ul;
    for (const Gap &g : a.gaps)
        if (g.ruleId == u"umbrella.underlying_unmet") ul.push_back(&g);
    QCOMPARE(int(ul.size()), 2);
    QCOMPARE(ul[0]->line, QStringLiteral("umbrella"));
    QCOMPARE(ul[1]->line, QStringLiteral("umbrella"));
    QCOMPARE(ul[0]->severity, QStringLiteral("critical"));
    QCOMPARE(writeJson(ul[0]->current, -1), QByteArray("\"100/300\""));
    QCOMPARE(writeJson(ul[0]->recommended, -1), QByteArray("\"250/500\""));
    QCOMPARE(writeJson(ul[1]->current, -1), QByteArray("100000"));
    QCOMPARE(writeJson(ul[1]->recommended, -1), QByteArray("300000"));
    QVERIFY2(ul[0]->title.startsWith(u"Auto"), qPrintable(ul[0]->title));
    QVERIFY2(ul[0]->detail.contains(u"auto"), qPrintable(ul[0]->detail));
    QVERIFY2(!ul[0]->detail.contains(u"home"), qPrintable(ul[0]->detail));
    QVERIFY2(ul[1]->title.startsWith(u"Home"), qPrintable(ul[1]->title));
    QVERIFY2(ul[1]->detail.contains(u"home liability"), qPrintable(ul[1]->detail));
    QVERIFY2(!ul[1]->detail.contains(u"combined single"), qPrintable(ul[1]->detail));
    QCOMPARE(a.toJson()[u"summary"][u"critical"].toDouble(), 2.0);
    // The rule id counts once in the per-package lists, and is closed only when both gaps are.
    const CaseInput in = readInput(patched(QStringLiteral(
        "current_coverage.umbrella={\"umbrella_limit\":1000000}; current_coverage.auto.bi_per_person=100000; "
        "current_coverage.auto.bi_per_accident=300000; current_coverage.home.liability_limit=100000")));
    Offering home;
    home.category = QStringLiteral("home");
    home.coverage = currentSource(in).at(QStringLiteral("home"));
    home.coverage.liabilityLimit = 500000;
    const GapAnalysis fixedHome =
        analyseGaps(in, withPackageLines(currentSource(in), {&home}), gapRequestedLines(in),
                    QStringLiteral("NY"), test::fixedNow(), defaultProfile());
    const GapLists lists = comparePackageGaps(a, fixedHome);
    QCOMPARE(lists.open.count(QStringLiteral("umbrella.underlying_unmet")), 1);
    QVERIFY(!lists.closed.contains(QStringLiteral("umbrella.underlying_unmet")));
}

void TestGaps::umBelowCslWording() {
    // A split UM under a CSL BI: um_per_accident → the CSL as numbers, and the UM is not called a
    // combined single limit.
    const GapAnalysis a = analyse(QStringLiteral(
        "-current_coverage.auto.bi_per_person; -current_coverage.auto.bi_per_accident; "
        "current_coverage.auto.limit_combined_single=300000; current_coverage.auto.um_per_person=\"25/50\"; "
        "-current_coverage.auto.um_per_accident"));
    const Gap *g = findGap(a, QStringLiteral("auto.um_below_bi"), QStringLiteral("auto"));
    QVERIFY(g);
    QCOMPARE(writeJson(g->current, -1), QByteArray("50000"));
    QCOMPARE(writeJson(g->recommended, -1), QByteArray("300000"));
    const QString text = g->detail + u' ' + g->recommendation;
    QVERIFY2(!text.contains(QStringLiteral("$50,000 combined single limit")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$50,000 per accident")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("$300,000")), qPrintable(text));
}

void TestGaps::emptySourceAndIgnoredPortfolio_data() {
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QStringList>("gaps"); // rule@line:severity, in order
    QTest::addColumn<bool>("premiumNull");
    // {} is a source with nothing in force: every requested line is "not in force" (§9, §11.6).
    QTest::newRow("current_coverage {}") << QStringLiteral("current_coverage={}")
                                         << QStringList{QStringLiteral("line.not_in_force@home:info"),
                                                        QStringLiteral("line.not_in_force@auto:info")}
                                         << true;
    QTest::newRow("current_portfolio {} beside current_coverage")
        << QStringLiteral("current_portfolio={}")
        << QStringList{QStringLiteral("line.not_in_force@home:info"),
                       QStringLiteral("line.not_in_force@auto:info")}
        << true;
    // A current_portfolio of another type is ignored: current_coverage is the source (no gaps in the base).
    QTest::newRow("current_portfolio [] beside current_coverage")
        << QStringLiteral("current_portfolio=[]") << QStringList{} << false;
    QTest::newRow("current_portfolio string beside current_coverage")
        << QStringLiteral("current_portfolio=\"see file\"") << QStringList{} << false;
}

void TestGaps::emptySourceAndIgnoredPortfolio() {
    QFETCH(QString, patch);
    QFETCH(QStringList, gaps);
    QFETCH(bool, premiumNull);
    // Through the engine, gap-only: the run completes (no validation error).
    const JsonValue input = patched(QStringLiteral("current_coverage.home.annual_premium=1000; "
                                                   "current_coverage.auto.annual_premium=500; "
                                                   "request_config={\"quote_matching\":false,"
                                                   "\"coverage_analysis\":true}; ") +
                                    patch);
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("input"), input);
    root.insert(QStringLiteral("offerings"), JsonValue::array());
    EngineOptions opts;
    opts.now = test::fixedNow();
    const EngineRun r = runEngine(root, opts);
    QStringList problems;
    for (const Problem &p : r.problems)
        if (p.isError()) problems << p.path + u": " + p.message;
    QVERIFY2(r.ok(), qPrintable(problems.join(u'\n')));
    QStringList got;
    for (const JsonValue &g : (*r.run)[u"output"][u"coverage_analysis"][u"gaps"].arrayItems())
        got << g[u"rule_id"].toString() + u'@' + g[u"line"].toString() + u':' + g[u"severity"].toString();
    QCOMPARE(got, gaps);
    const JsonValue &premium = (*r.run)[u"output"][u"current_premium"];
    QCOMPARE(premium.isNull(), premiumNull);
    if (!premiumNull) QCOMPARE(premium.toDouble(), 1500.0);
}

void TestGaps::deductiblePerLineInCoverageTypesOrder() {
    const QString patch =
        QStringLiteral("applicant.cash_reserve=400; "
                       "current_coverage.umbrella={\"umbrella_limit\":1000000,\"retained_limit\":900}");
    const GapAnalysis a = analyse(patch + QStringLiteral("; coverage_types=[\"auto\",\"home\"]"));
    QCOMPARE(gapIds(a), QStringList({QStringLiteral("deductible.above_cash_reserve@auto:medium"),
                                     QStringLiteral("deductible.above_cash_reserve@home:medium"),
                                     QStringLiteral("deductible.above_cash_reserve@umbrella:medium")}));
    const GapAnalysis b =
        analyse(patch + QStringLiteral("; coverage_types=[\"umbrella\",\"home\",\"auto\"]"));
    QCOMPARE(gapIds(b), QStringList({QStringLiteral("deductible.above_cash_reserve@umbrella:medium"),
                                     QStringLiteral("deductible.above_cash_reserve@home:medium"),
                                     QStringLiteral("deductible.above_cash_reserve@auto:medium")}));
    QCOMPARE(b.gaps[1].current.toDouble(), 1000.0);
    QCOMPARE(b.gaps[1].recommended.toDouble(), 400.0);
    QCOMPARE(
        b.gaps[1].recommendation,
        QStringLiteral("Lower the home all-peril deductible from $1,000 to at most $400, the cash reserve."));
}

void TestGaps::notInForceAndUmbrella() {
    // Nothing in force: every requested line is reported, the umbrella through umbrella.missing.
    const GapAnalysis a = analyse(QStringLiteral(
        "current_coverage={}; coverage_types=[\"auto\",\"home\",\"umbrella\"]; applicant.net_worth=1400000; "
        "drivers[1]={\"first_name\":\"Sam\",\"last_name\":\"Lee\",\"date_of_birth\":\"2009-02-03\"}"));
    QCOMPARE(gapIds(a), QStringList({QStringLiteral("umbrella.missing@umbrella:high"),
                                     QStringLiteral("line.not_in_force@auto:info"),
                                     QStringLiteral("line.not_in_force@home:info")}));
    const Gap &u = a.gaps[0];
    QVERIFY(u.detail.contains(QStringLiteral("$1,400,000")));
    QVERIFY(u.detail.contains(QStringLiteral("Sam Lee is 17")));
    QCOMPARE(u.recommendation,
             QStringLiteral("Add a personal umbrella of at least $2,000,000: net worth of $1,400,000 and a "
                            "17-year-old driver (Sam Lee) put more at stake than the home and auto liability "
                            "limits cover."));
    // Rules of lines not in force are neither gaps nor "not assessed".
    QCOMPARE(int(a.notAssessed.size()), 0);
}

void TestGaps::comparison() {
    auto gap = [](const char *rule, const char *line) {
        Gap g;
        g.ruleId = QString::fromUtf8(rule);
        g.line = QString::fromUtf8(line);
        g.severity = QStringLiteral("medium");
        return g;
    };
    GapAnalysis before;
    before.gaps = {gap("home.dwelling_under_replacement", "home"),
                   gap("deductible.above_cash_reserve", "home"), gap("deductible.above_cash_reserve", "auto"),
                   gap("auto.um_below_bi", "auto"), gap("history.lapse", "")};
    GapAnalysis after;
    // Deductible closed on home only: still open. UM not assessed now: open. Dwelling closed.
    after.gaps = {gap("home.acv_settlement", "home"), gap("deductible.above_cash_reserve", "auto"),
                  gap("history.lapse", ""), gap("home.liability_low", "home")};
    after.notAssessed = {
        {QStringLiteral("auto.um_below_bi"), QStringLiteral("auto"), {QStringLiteral("um_per_person")}}};
    GapLists l = comparePackageGaps(before, after);
    QCOMPARE(l.closed, QStringList({QStringLiteral("home.dwelling_under_replacement")}));
    QCOMPARE(l.open, QStringList({QStringLiteral("deductible.above_cash_reserve"),
                                  QStringLiteral("auto.um_below_bi"), QStringLiteral("history.lapse")}));
    QCOMPARE(l.added,
             QStringList({QStringLiteral("home.acv_settlement"), QStringLiteral("home.liability_low")}));

    // Closed only when every line is closed.
    after.gaps = {};
    after.notAssessed = {};
    l = comparePackageGaps(before, after);
    QCOMPARE(l.closed, QStringList({QStringLiteral("home.dwelling_under_replacement"),
                                    QStringLiteral("deductible.above_cash_reserve"),
                                    QStringLiteral("auto.um_below_bi"), QStringLiteral("history.lapse")}));
    QVERIFY(l.open.isEmpty());
    QVERIFY(l.added.isEmpty());

    // "New" means it fired on no line before: a rule not assessed before and firing now is new.
    GapAnalysis b2;
    b2.notAssessed = {
        {QStringLiteral("home.acv_settlement"), QStringLiteral("home"), {QStringLiteral("settlement")}}};
    GapAnalysis a2;
    a2.gaps = {gap("home.acv_settlement", "home")};
    l = comparePackageGaps(b2, a2);
    QCOMPARE(l.added, QStringList({QStringLiteral("home.acv_settlement")}));
    QVERIFY(l.closed.isEmpty() && l.open.isEmpty());
}

void TestGaps::packageLines() {
    CoverageLines current;
    current[QStringLiteral("home")].dwellingLimit = 620000;
    current[QStringLiteral("home")].carrier = QStringLiteral("21st Century");
    current[QStringLiteral("flood")].floodLimit = 250000;
    Offering home;
    home.id = QStringLiteral("h1");
    home.category = QStringLiteral("home");
    home.providerName = QStringLiteral("Harborview Mutual");
    home.providerId = QStringLiteral("prov_harborview");
    home.coverage.dwellingLimit = 875000;
    home.attributes.linePremiumAnnual = 3890;
    Offering umb;
    umb.category = QStringLiteral("umbrella");
    umb.providerId = QStringLiteral("prov_north");
    umb.coverage.umbrellaLimit = 1000000;
    const CoverageLines out = withPackageLines(current, {&home, &umb});
    QCOMPARE(int(out.size()), 3);
    QCOMPARE(out.at(QStringLiteral("home")).dwellingLimit, OptDouble(875000));
    QCOMPARE(out.at(QStringLiteral("home")).carrier, QStringLiteral("Harborview Mutual"));
    QCOMPARE(out.at(QStringLiteral("home")).annualPremium, OptDouble(3890));
    QCOMPARE(out.at(QStringLiteral("flood")).floodLimit, OptDouble(250000));
    QCOMPARE(out.at(QStringLiteral("umbrella")).umbrellaLimit, OptDouble(1000000));
    QCOMPARE(out.at(QStringLiteral("umbrella")).carrier, QStringLiteral("prov_north"));
}

void TestGaps::routing_data() {
    QTest::addColumn<QString>("patch");
    QTest::addColumn<bool>("quoteMatching");
    QTest::addColumn<bool>("gapAnalysis");
    QTest::newRow("neither given, current_coverage only") << QString() << true << false;
    QTest::newRow("neither given, portfolio object")
        << QStringLiteral("current_portfolio={}") << false << true;
    QTest::newRow("neither given, portfolio null")
        << QStringLiteral("current_portfolio=null") << true << false;
    QTest::newRow("both null, portfolio object")
        << QStringLiteral(
               "current_portfolio={}; request_config={\"quote_matching\":null,\"coverage_analysis\":null}")
        << false << true;
    QTest::newRow("qm true") << QStringLiteral("request_config={\"quote_matching\":true}") << true << false;
    QTest::newRow("qm true, portfolio object")
        << QStringLiteral("current_portfolio={}; request_config={\"quote_matching\":true}") << true << false;
    QTest::newRow("qm false alone: quote matching anyway")
        << QStringLiteral("current_portfolio={}; request_config={\"quote_matching\":false}") << true << false;
    QTest::newRow("ca true alone: dual")
        << QStringLiteral("request_config={\"coverage_analysis\":true}") << true << true;
    QTest::newRow("ca true, qm null: dual")
        << QStringLiteral("request_config={\"quote_matching\":null,\"coverage_analysis\":true}") << true
        << true;
    QTest::newRow("ca false, portfolio object")
        << QStringLiteral("current_portfolio={}; request_config={\"coverage_analysis\":false}") << true
        << false;
    QTest::newRow("both true: dual")
        << QStringLiteral("request_config={\"quote_matching\":true,\"coverage_analysis\":true}") << true
        << true;
    QTest::newRow("gap only") << QStringLiteral(
                                     "request_config={\"quote_matching\":false,\"coverage_analysis\":true}")
                              << false << true;
    QTest::newRow("both false: quote matching")
        << QStringLiteral("request_config={\"quote_matching\":false,\"coverage_analysis\":false}") << true
        << false;
}

void TestGaps::routing() {
    QFETCH(QString, patch);
    QFETCH(bool, quoteMatching);
    QFETCH(bool, gapAnalysis);
    const Routing r = routeCase(readInput(patched(patch)));
    QCOMPARE(r.quoteMatching, quoteMatching);
    QCOMPARE(r.gapAnalysis, gapAnalysis);
}

void TestGaps::routingThroughEngine_data() {
    QTest::addColumn<QString>("requestConfig"); // JSON, "" = removed
    QTest::addColumn<bool>("force");
    QTest::addColumn<QString>("mode"); // quote, dual, gap
    QTest::newRow("as the sample: dual")
        << QStringLiteral("{\"quote_matching\":true,\"coverage_analysis\":true}") << false
        << QStringLiteral("dual");
    QTest::newRow("no request_config: quote matching") << QString() << false << QStringLiteral("quote");
    QTest::newRow("ca true alone: dual")
        << QStringLiteral("{\"coverage_analysis\":true}") << false << QStringLiteral("dual");
    QTest::newRow("gap only") << QStringLiteral("{\"quote_matching\":false,\"coverage_analysis\":true}")
                              << false << QStringLiteral("gap");
    QTest::newRow("both false: quote matching")
        << QStringLiteral("{\"quote_matching\":false,\"coverage_analysis\":false}") << false
        << QStringLiteral("quote");
    QTest::newRow("forced analysis on a quote-matching case")
        << QStringLiteral("{\"quote_matching\":true}") << true << QStringLiteral("dual");
}

void TestGaps::routingThroughEngine() {
    QFETCH(QString, requestConfig);
    QFETCH(bool, force);
    QFETCH(QString, mode);
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    JsonValue input = root[u"input"];
    if (requestConfig.isEmpty())
        input.remove(u"request_config");
    else
        input.insert(QStringLiteral("request_config"), parse(requestConfig));
    root.insert(QStringLiteral("input"), input);
    EngineOptions opts;
    opts.now = test::fixedNow();
    opts.forceGapAnalysis = force;
    const EngineRun r = runEngine(root, opts);
    QVERIFY(r.ok());
    const JsonValue &out = (*r.run)[u"output"];
    const auto &solutions = (*r.run)[u"solutions"].arrayItems();
    if (mode == u"gap") {
        QStringList keys;
        for (const auto &m : out.objectMembers())
            keys << m.first;
        QCOMPARE(keys, QStringList({QStringLiteral("coverage_analysis"), QStringLiteral("current_premium")}));
        QCOMPARE(int(solutions.size()), 0);
        QCOMPARE(out[u"coverage_analysis"][u"gaps"].size(), 5);
        QCOMPARE(out[u"current_premium"].toDouble(), 3988.23);
        return;
    }
    QVERIFY(!solutions.empty());
    QCOMPARE(out.contains(u"coverage_analysis"), mode == u"dual");
    const JsonValue &first = solutions.front();
    if (mode == u"quote") {
        QCOMPARE(first[u"gaps_closed"].size(), 0);
        QCOMPARE(first[u"gaps_open"].size(), 0);
        QCOMPARE(first[u"gaps_new"].size(), 0);
        QVERIFY(first[u"gaps_closed"].isArray());
    } else {
        QCOMPARE(out[u"coverage_analysis"][u"gaps"].size(), 5);
        QCOMPARE(first[u"gaps_closed"].size() + first[u"gaps_open"].size(), 5);
    }
}

void TestGaps::brooklynAnalysis() {
    EngineOptions opts;
    opts.now = test::fixedNow();
    const EngineRun r =
        runEngine(test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json"))), opts);
    QVERIFY(r.ok());
    QVERIFY(r.routing.dual());
    const JsonValue ca = (*r.run)[u"output"][u"coverage_analysis"];
    const auto &gaps = ca[u"gaps"].arrayItems();
    QStringList got;
    for (const JsonValue &g : gaps)
        got << g[u"rule_id"].toString() + u':' + g[u"severity"].toString();
    QCOMPARE(got, QStringList({QStringLiteral("home.dwelling_under_replacement:critical"),
                               QStringLiteral("auto.bi_low:high"), QStringLiteral("umbrella.missing:high"),
                               QStringLiteral("home.no_water_backup:medium"),
                               QStringLiteral("auto.um_below_bi:medium")}));
    const JsonValue &dw = gaps[0];
    QCOMPARE(dw[u"line"].toString(), QStringLiteral("home"));
    QCOMPARE(dw[u"current"].toDouble(), 620000.0);
    QCOMPARE(dw[u"recommended"].toDouble(), 850000.0);
    QCOMPARE(
        dw[u"recommendation"].toString(),
        QStringLiteral(
            "Raise dwelling coverage from $620,000 to at least $850,000, the estimated replacement cost."));
    QCOMPARE(gaps[1][u"current"].toString(), QStringLiteral("50/100"));
    QCOMPARE(gaps[1][u"recommended"].toString(), QStringLiteral("100/300"));
    const JsonValue &um = gaps[2];
    QCOMPARE(um[u"line"].toString(), QStringLiteral("umbrella"));
    QVERIFY(um[u"current"].isNull());
    QCOMPARE(um[u"recommended"].toDouble(), 2000000.0);
    const QString why = um[u"detail"].toString() + u' ' + um[u"recommendation"].toString();
    QVERIFY2(why.contains(QStringLiteral("$1,400,000")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("17")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("Sam Okafor")), qPrintable(why));
    QCOMPARE(gaps[3][u"current"].toDouble(), 0.0);
    QVERIFY(gaps[3][u"recommended"].isNull());
    QCOMPARE(gaps[4][u"current"].toString(), QStringLiteral("25/50"));
    QCOMPARE(gaps[4][u"recommended"].toString(), QStringLiteral("50/100"));
    const JsonValue &s = ca[u"summary"];
    QCOMPARE(s[u"critical"].toDouble(), 1.0);
    QCOMPARE(s[u"high"].toDouble(), 2.0);
    QCOMPARE(s[u"medium"].toDouble(), 2.0);
    QCOMPARE(s[u"low"].toDouble(), 0.0);
    QCOMPARE(s[u"info"].toDouble(), 0.0);
    QCOMPARE(s[u"not_assessed"].size(), 0);
    const QString memo = ca[u"memo"].toString();
    QVERIFY(memo.startsWith(
        QStringLiteral("Coverage review for Dana Okafor, 214 Van Brunt St, Brooklyn, NY 11231, "
                       "as of 2026-11-28.")));
    QVERIFY(memo.contains(QStringLiteral("The review found 5 gaps: 1 critical, 2 high and 2 medium.")));
    QCOMPARE(memo.count(QStringLiteral("\n\n")), 7); // 3 opening paragraphs + 5 gaps
    QVERIFY(memo.contains(dw[u"recommendation"].toString()));
}

void TestGaps::brooklynPackages() {
    EngineOptions opts;
    opts.now = test::fixedNow();
    opts.top = 1000;
    const EngineRun r =
        runEngine(test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json"))), opts);
    QVERIFY(r.ok());
    const QStringList all = {QStringLiteral("home.dwelling_under_replacement"), QStringLiteral("auto.bi_low"),
                             QStringLiteral("umbrella.missing"), QStringLiteral("home.no_water_backup"),
                             QStringLiteral("auto.um_below_bi")};
    const JsonValue harbor = solutionWith(*r.run, {QStringLiteral("quote_line_harborview_home_001"),
                                                   QStringLiteral("quote_line_harborview_auto_001"),
                                                   QStringLiteral("quote_line_harborview_umbrella_001")});
    QVERIFY(harbor.isObject());
    QCOMPARE(strings(harbor[u"gaps_closed"]), all);
    QCOMPARE(strings(harbor[u"gaps_open"]), QStringList());
    QCOMPARE(strings(harbor[u"gaps_new"]), QStringList());

    int bayside = 0;
    for (const JsonValue &s : (*r.run)[u"solutions"].arrayItems()) {
        if (s[u"offerings"].at(0)[u"id"].toString() != u"quote_line_bayside_home_001") continue;
        ++bayside;
        const QStringList open = strings(s[u"gaps_open"]);
        const QStringList added = strings(s[u"gaps_new"]);
        const QStringList closed = strings(s[u"gaps_closed"]);
        QVERIFY(open.contains(QStringLiteral("home.dwelling_under_replacement")));
        QVERIFY(open.contains(QStringLiteral("home.no_water_backup")));
        QVERIFY(added.contains(QStringLiteral("home.acv_settlement")));
        QVERIFY(added.contains(QStringLiteral("home.liability_low")));
        // Every rule that fired before is in exactly one of closed/open, in the order of gaps[].
        QStringList both;
        for (const QString &id : all)
            if (closed.contains(id) || open.contains(id)) both << id;
        QCOMPARE(both, all);
        QCOMPARE(closed.size() + open.size(), 5);
        QVERIFY(closed.contains(QStringLiteral("umbrella.missing")));
        // gaps_new follows the package's gaps[]: the critical underlying gap first, then the high ones.
        QCOMPARE(added.mid(0, 3),
                 QStringList({QStringLiteral("umbrella.underlying_unmet"),
                              QStringLiteral("home.acv_settlement"), QStringLiteral("home.liability_low")}));
    }
    QVERIFY(bayside > 0);

    // A mixed package with the Bayside auto keeps the auto gaps open and the home ones closed.
    const JsonValue mixed = solutionWith(*r.run, {QStringLiteral("quote_line_keystone_home_001"),
                                                  QStringLiteral("quote_line_bayside_auto_001"),
                                                  QStringLiteral("quote_line_harborview_umbrella_001")});
    QVERIFY(mixed.isObject());
    QCOMPARE(strings(mixed[u"gaps_closed"]),
             QStringList({QStringLiteral("home.dwelling_under_replacement"),
                          QStringLiteral("umbrella.missing"), QStringLiteral("home.no_water_backup")}));
    QCOMPARE(strings(mixed[u"gaps_open"]),
             QStringList({QStringLiteral("auto.bi_low"), QStringLiteral("auto.um_below_bi")}));
    QCOMPARE(strings(mixed[u"gaps_new"]), QStringList({QStringLiteral("umbrella.underlying_unmet")}));
}

void TestGaps::cliFormats() {
    const QString sample = test::samplePath(QStringLiteral("brooklyn-household.json"));
    const QStringList base = {QStringLiteral("gaps"), sample, QStringLiteral("--now"),
                              QStringLiteral("2026-11-28T12:00:00Z")};
    EngineOptions opts;
    opts.now = test::fixedNow();
    const EngineRun r = runEngine(test::readJsonFile(sample), opts);
    QVERIFY(r.ok());
    const JsonValue ca = (*r.run)[u"output"][u"coverage_analysis"];

    const auto json =
        test::runWorkbench(base + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 0);
    const auto parsed = parseJson(json.out);
    QVERIFY(parsed);
    QVERIFY(*parsed == ca);
    QCOMPARE(json.out, writeJson(ca));

    const auto memo =
        test::runWorkbench(base + QStringList{QStringLiteral("--format"), QStringLiteral("memo")});
    QCOMPARE(memo.exitCode, 0);
    QCOMPARE(QString::fromUtf8(memo.out), ca[u"memo"].toString() + u'\n');

    const auto table = test::runWorkbench(base);
    QCOMPARE(table.exitCode, 0);
    const QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QStringLiteral("5 gaps: 1 critical, 2 high, 2 medium, 0 low, 0 info"));
    QVERIFY(lines.value(1).startsWith(QStringLiteral("SEVERITY")));
    QStringList rows;
    for (int i = 2; i < lines.size(); ++i)
        rows << lines[i].section(u' ', 0, 0) + u' ' + lines[i].simplified().section(u' ', 1, 1);
    QCOMPARE(rows, QStringList({QStringLiteral("critical home.dwelling_under_replacement"),
                                QStringLiteral("high auto.bi_low"), QStringLiteral("high umbrella.missing"),
                                QStringLiteral("medium home.no_water_backup"),
                                QStringLiteral("medium auto.um_below_bi")}));
    QVERIFY(lines[2].contains(QStringLiteral("$620,000")));
    QVERIFY(lines[2].contains(QStringLiteral("$850,000")));

    // Gap-only and quote-only cases alike: the command always runs the analysis.
    QTemporaryDir dir;
    JsonValue root = test::readJsonFile(sample);
    JsonValue input = root[u"input"];
    input.insert(QStringLiteral("request_config"), parse(QStringLiteral("{\"quote_matching\":true}")));
    root.insert(QStringLiteral("input"), input);
    const QString qmOnly = dir.filePath(QStringLiteral("qm.json"));
    QVERIFY(writeFileAtomically(qmOnly, writeJson(root)).isEmpty());
    const auto forced = test::runWorkbench({QStringLiteral("gaps"), qmOnly, QStringLiteral("--now"),
                                            QStringLiteral("2026-11-28T12:00:00Z"),
                                            QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(forced.exitCode, 0);
    QCOMPARE(forced.out, writeJson(ca));
}

void TestGaps::cliErrors() {
    QTemporaryDir dir;
    const QString now = QStringLiteral("2026-11-28T12:00:00Z");
    // Unreadable file: exit 2.
    const auto missing = test::runWorkbench(
        {QStringLiteral("gaps"), dir.filePath(QStringLiteral("nope.json")), QStringLiteral("--now"), now});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(!missing.err.isEmpty());

    // Validation errors: exit 1 with the problems.
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    JsonValue input = root[u"input"];
    input.insert(QStringLiteral("appetite_bucket"), JsonValue(QStringLiteral("cheapest")));
    root.insert(QStringLiteral("input"), input);
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QVERIFY(writeFileAtomically(bad, writeJson(root)).isEmpty());
    const auto invalid = test::runWorkbench({QStringLiteral("gaps"), bad, QStringLiteral("--now"), now});
    QCOMPARE(invalid.exitCode, 1);
    QVERIFY2(invalid.err.contains("input.appetite_bucket"), invalid.err.constData());
    QVERIFY(invalid.out.isEmpty());

    // Invalid coverage types do not stop the analysis (§11.6): a warning, and no line counts as requested.
    // With no umbrella trigger true, a requested umbrella is "not in force"; with "boat" in the list the
    // list is invalid and nothing is requested.
    const auto rulesFor = [&](const QString &types, QByteArray *err) {
        JsonValue in =
            test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")))[u"input"];
        in.insert(QStringLiteral("coverage_types"), parse(types));
        setJsonValueAt(in, QStringLiteral("applicant.net_worth"), JsonValue(100000));
        removeJsonValueAt(in, QStringLiteral("drivers[1]"));
        JsonValue r = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        r.insert(QStringLiteral("input"), in);
        const QString file = dir.filePath(QStringLiteral("types.json"));
        if (!writeFileAtomically(file, writeJson(r)).isEmpty()) return QStringList{QStringLiteral("?")};
        const auto res = test::runWorkbench({QStringLiteral("gaps"), file, QStringLiteral("--now"), now,
                                             QStringLiteral("--format"), QStringLiteral("json")});
        *err = res.err;
        QStringList out{QString::number(res.exitCode)};
        if (const auto analysis = parseJson(res.out))
            for (const JsonValue &g : (*analysis)[u"gaps"].arrayItems())
                out << g[u"rule_id"].toString() + u'@' + g[u"line"].toString();
        return out;
    };
    QByteArray err;
    const QStringList valid = rulesFor(QStringLiteral("[\"home\",\"auto\",\"umbrella\"]"), &err);
    QCOMPARE(valid.value(0), QStringLiteral("0"));
    QVERIFY2(valid.contains(QStringLiteral("line.not_in_force@umbrella")), qPrintable(valid.join(u' ')));
    const QStringList boat = rulesFor(QStringLiteral("[\"home\",\"auto\",\"umbrella\",\"boat\"]"), &err);
    QCOMPARE(boat.value(0), QStringLiteral("0"));
    QVERIFY2(err.contains("input.coverage_types[3]: warning"), err.constData());
    QVERIFY2(!boat.contains(QStringLiteral("line.not_in_force@umbrella")), qPrintable(boat.join(u' ')));
    QCOMPARE(boat.size(), valid.size() - 1);

    // No current-coverage source: gap analysis cannot run.
    input = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")))[u"input"];
    input.remove(u"current_coverage");
    root.insert(QStringLiteral("input"), input);
    const QString noCurrent = dir.filePath(QStringLiteral("nocurrent.json"));
    QVERIFY(writeFileAtomically(noCurrent, writeJson(root)).isEmpty());
    const auto none = test::runWorkbench({QStringLiteral("gaps"), noCurrent, QStringLiteral("--now"), now});
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("input.current_coverage"), none.err.constData());

    // A bad --format is a command-line mistake.
    const auto fmt = test::runWorkbench(
        {QStringLiteral("gaps"), noCurrent, QStringLiteral("--format"), QStringLiteral("xml")});
    QCOMPARE(fmt.exitCode, 1);
}

QTEST_GUILESS_MAIN(TestGaps)
#include "tst_gaps.moc"
