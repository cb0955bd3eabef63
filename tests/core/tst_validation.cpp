// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include "engine/profile.h"
#include "io/json.h"
#include "io/jsonpath.h"
#include "io/validation.h"

#include <QTest>

#include <algorithm>

using namespace pw;

namespace {

// One edit of the sample case: "path=JSON" sets the value at a dotted path, "-path" removes it.
using Edits = QStringList;

JsonValue brooklyn() {
    return test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
}

JsonValue applyEdits(JsonValue root, const Edits &edits) {
    for (const QString &edit : edits) {
        if (edit.startsWith(u'-')) {
            if (!removeJsonValueAt(root, edit.mid(1)))
                qFatal("test edit removes nothing: %s", qPrintable(edit));
            continue;
        }
        const int eq = int(edit.indexOf(u'='));
        if (eq <= 0) qFatal("malformed test edit: %s", qPrintable(edit));
        JsonParseError e;
        const auto value = parseJson(edit.mid(eq + 1).toUtf8(), &e);
        if (!value)
            qFatal("test edit value is not JSON: %s (%s)", qPrintable(edit), qPrintable(e.toString()));
        if (!setJsonValueAt(root, edit.left(eq), *value))
            qFatal("test edit cannot be applied: %s", qPrintable(edit));
    }
    return root;
}

Problems validate(const JsonValue &root) {
    return validateCase(root, test::fixedNow(), defaultProfile()).problems;
}

QString describe(const Problems &problems) {
    QStringList lines;
    for (const Problem &p : problems)
        lines << p.path + u": " + p.severityName() + u": " + p.message;
    return lines.join(u'\n');
}

const Problem *findProblem(const Problems &problems, const QString &path) {
    for (const Problem &p : problems)
        if (p.path == path) return &p;
    return nullptr;
}

// The two warnings the unmodified sample has (see sampleBrooklyn()).
bool isBaselineWarning(const Problem &p) {
    return !p.isError() &&
           (p.path == u"offerings[13].category" || p.path == u"offerings[12].attributes.quote_expires_at");
}

} // namespace

class TestValidation : public QObject {
    Q_OBJECT
private slots:
    void sampleSeed();
    void sampleBrooklyn();
    void rules_data();
    void rules();
    void everyProblemReported();
    void gapOnlySkipsOfferings();
    void gapOnlyStillChecksInput();
    void typedValidationMatches();
    void normalisedStateCodes();
};

void TestValidation::sampleSeed() {
    const Problems problems = validate(test::readJsonFile(test::samplePath(QStringLiteral("seed-job.json"))));
    QVERIFY2(problems.empty(), qPrintable(describe(problems)));
}

void TestValidation::sampleBrooklyn() {
    const Problems problems = validate(brooklyn());
    QCOMPARE(int(problems.size()), 2);
    QVERIFY2(!hasErrors(problems), qPrintable(describe(problems)));
    const Problem *renters = findProblem(problems, QStringLiteral("offerings[13].category"));
    QVERIFY(renters);
    QCOMPARE(renters->severity, Problem::Severity::Warning);
    QCOMPARE(renters->message,
             QStringLiteral("offering quote_line_harborview_renters_001 is for renters, which was "
                            "not requested; it will be ignored"));
    const Problem *expired =
        findProblem(problems, QStringLiteral("offerings[12].attributes.quote_expires_at"));
    QVERIFY(expired);
    QCOMPARE(expired->severity, Problem::Severity::Warning);
    QCOMPARE(expired->message,
             QStringLiteral("quote quote_line_northpoint_auto_002 expired 2026-10-31T23:59:59Z, before it "
                            "was generated (2026-11-20T15:04:00Z)"));
}

void TestValidation::rules_data() {
    QTest::addColumn<Edits>("edits");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("severity"); // "error", "warning" or "none" (no problem at the path, no error)
    QTest::addColumn<QString>("message");  // a part of the message that must appear

    const QString e = QStringLiteral("error"), w = QStringLiteral("warning"), ok = QStringLiteral("none");
    auto row = [](const char *name, const Edits &edits, const char *path, const QString &sev,
                  const QString &msg) {
        QTest::newRow(name) << edits << QString::fromUtf8(path) << sev << msg;
    };

    // ---- wrong types: read as not stated, reported at their JSON path
    row("type: premium string", {"offerings[0].attributes.line_premium_annual=\"abc\""},
        "offerings[0].attributes.line_premium_annual", e, QStringLiteral("must be a number, not a string"));
    row("type: premium string (last offering)", {"offerings[12].attributes.line_premium_annual=\"2050\""},
        "offerings[12].attributes.line_premium_annual", e, QStringLiteral("must be a number, not a string"));
    row("type: commission string", {"offerings[1].commission=\"0.12\""}, "offerings[1].commission", e,
        QStringLiteral("must be a number, not a string"));
    row("type: id number", {"offerings[2].id=17"}, "offerings[2].id", e,
        QStringLiteral("must be a string, not a number"));
    row("type: coverage array", {"offerings[0].coverage=[]"}, "offerings[0].coverage", e,
        QStringLiteral("must be an object, not an array"));
    row("type: attributes string", {"offerings[0].attributes=\"none\""}, "offerings[0].attributes", e,
        QStringLiteral("must be an object, not a string"));
    row("type: dwelling limit boolean", {"offerings[0].coverage.dwelling_limit=true"},
        "offerings[0].coverage.dwelling_limit", e, QStringLiteral("must be a number, not a boolean"));
    row("type: excluded_states string item", {"offerings[0].constraints.excluded_states=[\"CA\", 5]"},
        "offerings[0].constraints.excluded_states[1]", e, QStringLiteral("must be a string, not a number"));
    row("type: state number", {"input.address.state=36"}, "input.address.state", e,
        QStringLiteral("must be a string, not a number"));
    row("type: address array", {"input.address=[]"}, "input.address", e,
        QStringLiteral("must be an object, not an array"));
    row("type: drivers object", {"input.drivers={}"}, "input.drivers", e,
        QStringLiteral("must be an array, not an object"));
    row("type: driver element", {"input.drivers[1]=\"Sam\""}, "input.drivers[1]", e,
        QStringLiteral("must be an object, not a string"));
    row("type: years licensed", {"input.drivers[0].years_licensed=\"23\""}, "input.drivers[0].years_licensed",
        e, QStringLiteral("must be a number, not a string"));
    row("type: vehicles string", {"input.vehicles=\"two\""}, "input.vehicles", e,
        QStringLiteral("must be a number, not a string"));
    row("type: net worth", {"input.applicant.net_worth=\"1.4M\""}, "input.applicant.net_worth", e,
        QStringLiteral("must be a number, not a string"));
    row("type: current premium", {"input.current_coverage.auto.annual_premium=\"1507\""},
        "input.current_coverage.auto.annual_premium", e, QStringLiteral("must be a number, not a string"));
    row("type: current line not object", {"input.current_coverage.home=5"}, "input.current_coverage.home", e,
        QStringLiteral("must be an object, not a number"));
    row("type: residence pool", {"input.residence.pool=\"no\""}, "input.residence.pool", e,
        QStringLiteral("must be true or false, not a string"));
    row("type: premium null ok", {"offerings[0].attributes.line_premium_annual=null"},
        "offerings[0].attributes.line_premium_annual", ok, QString());

    // ---- state (quote matching runs in the sample)
    row("state missing", {"-input.address.state"}, "input.address.state", e,
        QStringLiteral("the state is missing"));
    row("state empty", {"input.address.state=\"  \""}, "input.address.state", e,
        QStringLiteral("the state is missing"));
    row("state unknown", {"input.address.state=\"ZZ\""}, "input.address.state", e,
        QStringLiteral("\"ZZ\" is not a US state or DC code"));
    row("state name", {"input.address.state=\"New York\""}, "input.address.state", e,
        QStringLiteral("\"New York\" is not a US state or DC code"));
    row("state lower case", {"input.address.state=\"ny\""}, "input.address.state", w,
        QStringLiteral("state \"ny\" is written in lower case; read as NY"));
    row("state padded ok", {"input.address.state=\" NY \""}, "input.address.state", ok, QString());
    row("state DC ok", {"input.address.state=\"DC\"", "input.address.zip_code=\"20001\""},
        "input.address.state", ok, QString());
    row("state missing gap-only ok",
        {"-input.address.state",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.address.state", ok, QString());

    // ---- coverage types
    row("coverage_types empty", {"input.coverage_types=[]"}, "input.coverage_types", e,
        QStringLiteral("no coverage types requested"));
    row("coverage_types missing", {"-input.coverage_types"}, "input.coverage_types", e,
        QStringLiteral("no coverage types requested"));
    row("coverage_types unknown", {"input.coverage_types=[\"home\", \"boat\"]"}, "input.coverage_types[1]", e,
        QStringLiteral("unknown coverage type \"boat\" (expected home, auto or umbrella)"));
    row("coverage_types upper case", {"input.coverage_types=[\"HOME\", \"auto\", \"umbrella\"]"},
        "input.coverage_types[0]", e, QStringLiteral("unknown coverage type \"HOME\""));
    row("coverage_types duplicate", {"input.coverage_types=[\"home\", \"auto\", \"home\"]"},
        "input.coverage_types[2]", e, QStringLiteral("coverage type \"home\" is listed twice"));
    row("coverage_types not array", {"input.coverage_types=\"home\""}, "input.coverage_types", e,
        QStringLiteral("must be an array of strings, not a string"));
    row("coverage_types item number", {"input.coverage_types=[\"home\", 3]"}, "input.coverage_types[1]", e,
        QStringLiteral("must be a string, not a number"));

    // ---- offerings: ids, category, carrier
    row("duplicate offering id", {"offerings[5].id=\"quote_line_harborview_home_001\""}, "offerings[5].id", e,
        QStringLiteral("duplicate offering id \"quote_line_harborview_home_001\""));
    row("missing id", {"-offerings[3].id"}, "offerings[3].id", e, QStringLiteral("the offering has no id"));
    row("null id", {"offerings[3].id=null"}, "offerings[3].id", e, QStringLiteral("the offering has no id"));
    row("empty id", {"offerings[3].id=\"  \""}, "offerings[3].id", e,
        QStringLiteral("the offering id is empty"));
    row("missing category", {"-offerings[4].category"}, "offerings[4].category", e,
        QStringLiteral("the offering has no category"));
    row("missing provider", {"-offerings[6].provider_id", "-offerings[6].provider_name"},
        "offerings[6].provider_id", e,
        QStringLiteral("the offering names no carrier (provider_id or provider_name)"));
    row("provider name only ok", {"-offerings[6].provider_id"}, "offerings[6].provider_id", ok, QString());
    row("provider id only ok", {"-offerings[6].provider_name"}, "offerings[6].provider_id", ok, QString());
    row("no offerings", {"offerings=[]"}, "offerings", e,
        QStringLiteral("quote matching needs at least one offering"));
    row("offerings missing", {"-offerings"}, "offerings", e,
        QStringLiteral("quote matching needs at least one offering"));
    row("offering not an object", {"offerings[3]=42"}, "offerings[3]", e,
        QStringLiteral("must be an object, not a number"));

    // ---- premiums and money
    row("negative premium", {"offerings[0].attributes.line_premium_annual=-5"},
        "offerings[0].attributes.line_premium_annual", e, QStringLiteral("must not be negative (found -5)"));
    row("negative package premium", {"offerings[0].attributes.package_premium_annual=-6620"},
        "offerings[0].attributes.package_premium_annual", e, QStringLiteral("must not be negative"));
    row("negative input premium", {"input.premium=-1"}, "input.premium", e,
        QStringLiteral("must not be negative"));
    row("zero premium ok", {"offerings[0].attributes.line_premium_annual=0"},
        "offerings[0].attributes.line_premium_annual", ok, QString());
    row("negative limit", {"offerings[0].coverage.liability_limit=-300000"},
        "offerings[0].coverage.liability_limit", e, QStringLiteral("must not be negative"));
    row("premium 1e400", {"offerings[0].attributes.line_premium_annual=1e400"},
        "offerings[0].attributes.line_premium_annual", e, QStringLiteral("number 1e400 is out of range"));
    row("premium -1e400", {"offerings[0].attributes.line_premium_annual=-1e400"},
        "offerings[0].attributes.line_premium_annual", e, QStringLiteral("number -1e400 is out of range"));
    row("dwelling 1e400", {"offerings[0].coverage.dwelling_limit=1e400"},
        "offerings[0].coverage.dwelling_limit", e, QStringLiteral("number 1e400 is out of range"));
    row("current premium 1e400", {"input.current_coverage.home.annual_premium=1e400"},
        "input.current_coverage.home.annual_premium", e, QStringLiteral("number 1e400 is out of range"));
    row("deductible 1e400", {"offerings[0].coverage.deductible=1e400"}, "offerings[0].coverage.deductible", e,
        QStringLiteral("out of range"));
    row("big finite premium ok", {"offerings[0].attributes.line_premium_annual=1e300"},
        "offerings[0].attributes.line_premium_annual", ok, QString());
    row("deductible percent ok", {"offerings[0].coverage.deductible=\"1%\""},
        "offerings[0].coverage.deductible", ok, QString());
    row("deductible words", {"offerings[0].coverage.deductible=\"one thousand\""},
        "offerings[0].coverage.deductible", e,
        QStringLiteral("must be an amount or a percentage such as \"2%\", not \"one thousand\""));
    row("collision none ok", {"offerings[1].coverage.collision_deductible=\"none\""},
        "offerings[1].coverage.collision_deductible", ok, QString());
    row("collision words", {"offerings[1].coverage.collision_deductible=\"lots\""},
        "offerings[1].coverage.collision_deductible", e,
        QStringLiteral("must be an amount or \"none\", not \"lots\""));
    row("split limit ok", {"offerings[1].coverage.bi_per_person=\"100/300/100\""},
        "offerings[1].coverage.bi_per_person", ok, QString());
    row("split limit bad", {"offerings[1].coverage.bi_per_person=\"100-300\""},
        "offerings[1].coverage.bi_per_person", e,
        QStringLiteral("must be a number or a split limit such as \"100/300/100\", not \"100-300\""));
    // term_months ≤ 0 makes line_premium unusable: the no_premium filter, not an error (§2, §11.6).
    row("term zero", {"offerings[0].attributes.term_months=0"}, "offerings[0].attributes.term_months", ok,
        QString());
    row("line premium with term zero",
        {"-offerings[0].attributes.line_premium_annual", "offerings[0].attributes.line_premium=600",
         "offerings[0].attributes.term_months=0"},
        "offerings[0].attributes.term_months", ok, QString());
    row("line premium with negative term",
        {"-offerings[0].attributes.line_premium_annual", "offerings[0].attributes.line_premium=600",
         "offerings[0].attributes.term_months=-6"},
        "offerings[0].attributes.term_months", ok, QString());
    row("term not a number", {"offerings[0].attributes.term_months=\"12\""},
        "offerings[0].attributes.term_months", e, QStringLiteral("must be a number, not a string"));
    row("line premium negative", {"offerings[0].attributes.line_premium=-5"},
        "offerings[0].attributes.line_premium", e, QStringLiteral("must not be negative"));

    // ---- commission
    row("commission 1.3", {"offerings[0].commission=1.3"}, "offerings[0].commission", e,
        QStringLiteral("commission 1.3 is outside 0–1 (write 13% as 0.13)"));
    row("commission -0.1", {"offerings[0].commission=-0.1"}, "offerings[0].commission", e,
        QStringLiteral("commission -0.1 is outside 0–1"));
    row("commission 13", {"offerings[0].commission=13"}, "offerings[0].commission", e,
        QStringLiteral("outside 0–1"));
    row("commission 0 ok", {"offerings[0].commission=0"}, "offerings[0].commission", ok, QString());
    row("commission 1 ok", {"offerings[0].commission=1"}, "offerings[0].commission", ok, QString());

    // ---- grades
    row("AM Best Z", {"offerings[0].quality_rating=\"Z\""}, "offerings[0].quality_rating", e,
        QStringLiteral("unknown AM Best financial-strength grade \"Z\""));
    row("AM Best A+++", {"offerings[0].quality_rating=\"A+++\""}, "offerings[0].quality_rating", e,
        QStringLiteral("unknown AM Best financial-strength grade \"A+++\""));
    row("Demotech B",
        {"offerings[0].quality_rating=\"B\"", "offerings[0].quality_rating_agency=\"Demotech\""},
        "offerings[0].quality_rating", e, QStringLiteral("unknown Demotech financial-strength grade \"B\""));
    row("Demotech A++",
        {"offerings[0].quality_rating=\"A++\"", "offerings[0].quality_rating_agency=\" demotech \""},
        "offerings[0].quality_rating", e, QStringLiteral("unknown Demotech financial-strength grade"));
    row("grade A+ u ok", {"offerings[0].quality_rating=\"A+ u\""}, "offerings[0].quality_rating", ok,
        QString());
    row("grade A (g) ok", {"offerings[0].quality_rating=\"A (g)\""}, "offerings[0].quality_rating", ok,
        QString());
    row("grade A minus sign ok", {"offerings[0].quality_rating=\"A\u2212\""}, "offerings[0].quality_rating",
        ok, QString());
    row("grade lower case ok", {"offerings[0].quality_rating=\" b++ \""}, "offerings[0].quality_rating", ok,
        QString());
    row("grade NR ok", {"offerings[0].quality_rating=\"NR\""}, "offerings[0].quality_rating", ok, QString());
    row("grade missing ok", {"-offerings[0].quality_rating"}, "offerings[0].quality_rating", ok, QString());
    row("Demotech A double prime ok",
        {"offerings[0].quality_rating=\"A\u2033\"", "offerings[0].quality_rating_agency=\"Demotech\""},
        "offerings[0].quality_rating", ok, QString());
    row("Demotech A'' ok",
        {"offerings[0].quality_rating=\"A''\"", "offerings[0].quality_rating_agency=\"DEMOTECH\""},
        "offerings[0].quality_rating", ok, QString());
    row("Demotech S ok",
        {"offerings[0].quality_rating=\"S\"", "offerings[0].quality_rating_agency=\"Demotech\""},
        "offerings[0].quality_rating", ok, QString());

    // ---- appetite bucket, request_config, settlement
    row("bucket unknown", {"input.appetite_bucket=\"aggressive\""}, "input.appetite_bucket", e,
        QStringLiteral("unknown appetite bucket \"aggressive\" (expected balanced, coverage_first, "
                       "cost_sensitive, simplicity)"));
    row("bucket wrong type", {"input.appetite_bucket=2"}, "input.appetite_bucket", e,
        QStringLiteral("must be a string, not a number"));
    row("bucket cost_sensitive ok", {"input.appetite_bucket=\"cost_sensitive\""}, "input.appetite_bucket", ok,
        QString());
    row("request_config string", {"input.request_config=\"dual\""}, "input.request_config", e,
        QStringLiteral("must be an object, not a string"));
    row("request_config array", {"input.request_config=[true]"}, "input.request_config", e,
        QStringLiteral("must be an object, not an array"));
    row("quote_matching string", {"input.request_config.quote_matching=\"true\""},
        "input.request_config.quote_matching", e, QStringLiteral("must be true or false, not a string"));
    row("coverage_analysis number", {"input.request_config.coverage_analysis=1"},
        "input.request_config.coverage_analysis", e, QStringLiteral("must be true or false, not a number"));
    row("request_config null ok", {"input.request_config=null"}, "input.request_config", ok, QString());
    row("settlement unknown", {"offerings[0].coverage.settlement=\"full_value\""},
        "offerings[0].coverage.settlement", e, QStringLiteral("unknown settlement \"full_value\""));
    row("settlement number", {"offerings[0].coverage.settlement=3"}, "offerings[0].coverage.settlement", e,
        QStringLiteral("must be a string, not a number"));
    row("current settlement unknown", {"input.current_coverage.home.settlement=\"cash\""},
        "input.current_coverage.home.settlement", e, QStringLiteral("unknown settlement \"cash\""));
    row("settlement guaranteed ok", {"offerings[0].coverage.settlement=\"guaranteed_replacement_cost\""},
        "offerings[0].coverage.settlement", ok, QString());
    row("gap analysis without current coverage",
        {"-input.current_coverage",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.current_coverage", e, QStringLiteral("gap analysis needs the current coverage"));
    row("gap analysis without current coverage, null",
        {"input.current_coverage=null",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.current_coverage", e, QStringLiteral("gap analysis needs the current coverage"));
    // `{}` is a source with nothing in force (§9, §11.6), as current_portfolio {} already was.
    row("gap analysis with empty current coverage",
        {"input.current_coverage={}",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.current_coverage", ok, QString());
    row("dual run with empty current coverage", {"input.current_coverage={}"}, "input.current_coverage", ok,
        QString());
    row("gap analysis with empty current portfolio",
        {"-input.current_coverage", "input.current_portfolio={}",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.current_coverage", ok, QString());
    // A current_portfolio of another type is ignored (a warning): current_coverage is the source (§9).
    row("current portfolio array beside current coverage", {"input.current_portfolio=[]"},
        "input.current_portfolio", w, QStringLiteral("is an array, not an object; it is ignored"));
    row("current portfolio string, gap only",
        {"input.current_portfolio=\"none\"",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.current_portfolio", w, QStringLiteral("it is ignored and current_coverage is read instead"));
    row("current portfolio array without current coverage, gap only",
        {"input.current_portfolio=[]", "-input.current_coverage",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.current_coverage", e, QStringLiteral("gap analysis needs the current coverage"));
    // Gap-only runs proceed without valid coverage types (§11.6); quote matching needs them.
    row("unknown coverage type, gap only",
        {"input.coverage_types=[\"boat\"]",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.coverage_types[0]", w, QStringLiteral("unknown coverage type \"boat\""));
    row("repeated coverage type, gap only",
        {"input.coverage_types=[\"home\", \"home\"]",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.coverage_types[1]", w, QStringLiteral("is listed twice"));
    row("coverage types not an array, gap only",
        {"input.coverage_types=\"home\"",
         "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}"},
        "input.coverage_types", w, QStringLiteral("must be an array of strings, not a string"));
    row("unknown coverage type, dual", {"input.coverage_types=[\"boat\"]"}, "input.coverage_types[0]", e,
        QStringLiteral("unknown coverage type \"boat\""));

    // ---- warnings
    row("ZIP in another state", {"input.address.zip_code=\"90210\""}, "input.address.zip_code", w,
        QStringLiteral("ZIP code 90210 belongs to CA, not NY"));
    row("ZIP unknown", {"input.address.zip_code=\"ABCDE\""}, "input.address.zip_code", w,
        QStringLiteral("ZIP code \"ABCDE\" is not a known US ZIP code"));
    row("ZIP+4 ok", {"input.address.zip_code=\"11231-1234\""}, "input.address.zip_code", ok, QString());
    row("VIN check digit", {"input.vehicles_detail[0].vin=\"4S4BTGND1N3123457\""},
        "input.vehicles_detail[0].vin", w,
        QStringLiteral(
            "VIN 4S4BTGND1N3123457 fails its check digit (ninth character); it is probably mistyped"));
    row("VIN check digit changed", {"input.vehicles_detail[0].vin=\"4S4BTGND2N3123456\""},
        "input.vehicles_detail[0].vin", w, QStringLiteral("fails its check digit"));
    row("VIN with O", {"input.vehicles_detail[1].vin=\"19XFB2F57EE12345O\""}, "input.vehicles_detail[1].vin",
        w, QStringLiteral("is not 17 valid characters (I, O and Q are never used)"));
    row("VIN short", {"input.vehicles_detail[1].vin=\"19XFB2F57\""}, "input.vehicles_detail[1].vin", w,
        QStringLiteral("is not 17 valid characters"));
    row("VIN lower case ok", {"input.vehicles_detail[0].vin=\"4s4btgnd1n3123456\""},
        "input.vehicles_detail[0].vin", ok, QString());
    // Only ASCII digits and VIN letters: other scripts' digits and letters that upper-case to ASCII are not.
    row("VIN example ok", {"input.vehicles_detail[0].vin=\"1M8GDM9AXKP042788\""},
        "input.vehicles_detail[0].vin", ok, QString());
    row("VIN fullwidth digit", {"input.vehicles_detail[0].vin=\"1M8GDM9AXKP04278\uFF18\""},
        "input.vehicles_detail[0].vin", w, QStringLiteral("is not 17 valid characters"));
    row("VIN Arabic-Indic digit", {"input.vehicles_detail[0].vin=\"1M8GDM9AXKP04278\u0668\""},
        "input.vehicles_detail[0].vin", w, QStringLiteral("is not 17 valid characters"));
    row("VIN Devanagari digit", {"input.vehicles_detail[0].vin=\"1M8GDM9AXKP04278\u096E\""},
        "input.vehicles_detail[0].vin", w, QStringLiteral("is not 17 valid characters"));
    row("VIN long s", {"input.vehicles_detail[0].vin=\"4\u017F4BTGND1N3123456\""},
        "input.vehicles_detail[0].vin", w, QStringLiteral("is not 17 valid characters"));
    row("line not requested", {"input.coverage_types=[\"home\", \"auto\"]"}, "offerings[2].category", w,
        QStringLiteral("offering quote_line_harborview_umbrella_001 is for umbrella, which was not "
                       "requested; it will be "
                       "ignored"));
    row("expired quote", {"offerings[0].attributes.quote_expires_at=\"2026-11-28T11:59:59Z\""},
        "offerings[0].attributes.quote_expires_at", w,
        QStringLiteral("quote quote_line_harborview_home_001 expired 2026-11-28T11:59:59Z"));
    row("quote expiring now ok", {"offerings[0].attributes.quote_expires_at=\"2026-11-28T12:00:00Z\""},
        "offerings[0].attributes.quote_expires_at", ok, QString());
    row("expired before generated",
        {"offerings[0].attributes.quote_expires_at=\"2026-11-01T00:00:00Z\"",
         "offerings[0].attributes.quote_generated_at=\"2026-11-20T15:04:00Z\""},
        "offerings[0].attributes.quote_expires_at", w,
        QStringLiteral("expired 2026-11-01T00:00:00Z, before it was generated (2026-11-20T15:04:00Z)"));
    row("expires before generated",
        {"offerings[0].attributes.quote_expires_at=\"2027-01-01T00:00:00Z\"",
         "offerings[0].attributes.quote_generated_at=\"2027-02-01T00:00:00Z\""},
        "offerings[0].attributes.quote_expires_at", w,
        QStringLiteral(
            "the quote expires (2027-01-01T00:00:00Z) before it was generated (2027-02-01T00:00:00Z)"));
    row("expiry not a timestamp", {"offerings[0].attributes.quote_expires_at=\"next week\""},
        "offerings[0].attributes.quote_expires_at", w,
        QStringLiteral("\"next week\" is not an RFC 3339 timestamp; read as not stated"));
    row("generated not a timestamp", {"offerings[0].attributes.quote_generated_at=\"2026-13-01\""},
        "offerings[0].attributes.quote_generated_at", w, QStringLiteral("is not an RFC 3339 timestamp"));
    row("birth in the future", {"input.applicant.date_of_birth=\"2030-01-01\""},
        "input.applicant.date_of_birth", e, QStringLiteral("date of birth 2030-01-01 is in the future"));
    row("driver birth in the future", {"input.drivers[1].date_of_birth=\"2026-11-29\""},
        "input.drivers[1].date_of_birth", e, QStringLiteral("date of birth 2026-11-29 is in the future"));
    row("birth today ok", {"input.applicant.date_of_birth=\"2026-11-28\""}, "input.applicant.date_of_birth",
        ok, QString());
    row("birth not a date", {"input.applicant.date_of_birth=\"04/12/1979\""}, "input.applicant.date_of_birth",
        w, QStringLiteral("\"04/12/1979\" is not a date (expected YYYY-MM-DD)"));
    // Sam (born 2009-02-03) is 17 on the test clock: at most 3 years licensed.
    row("too many years licensed", {"input.drivers[1].years_licensed=5"}, "input.drivers[1].years_licensed",
        w, QStringLiteral("5 years licensed is more than a driver aged 17 can have"));
    row("years licensed at the limit ok", {"input.drivers[1].years_licensed=3"},
        "input.drivers[1].years_licensed", ok, QString());
    row("years licensed 4 over", {"input.drivers[1].years_licensed=4"}, "input.drivers[1].years_licensed", w,
        QStringLiteral("4 years licensed is more than a driver aged 17 can have"));
    row("vehicle count differs", {"input.vehicles=3"}, "input.vehicles", w,
        QStringLiteral("the household has 3 vehicles but vehicles_detail lists 2"));
    row("household vehicle count differs", {"-input.vehicles", "input.household={\"vehicles\": 1}"},
        "input.household.vehicles", w,
        QStringLiteral("the household has 1 vehicles but vehicles_detail lists 2"));
    row("vehicles as array ok", {"input.vehicles=[{}, {}]"}, "input.vehicles", ok, QString());
    row("model year implausible", {"input.vehicles_detail[1].year=1850"}, "input.vehicles_detail[1].year", w,
        QStringLiteral("model year 1850 is not plausible"));
    row("model year not whole", {"input.vehicles_detail[1].year=2014.5"}, "input.vehicles_detail[1].year", w,
        QStringLiteral("model year 2014.5 is not plausible"));
    row("next model year ok", {"input.vehicles_detail[1].year=2027"}, "input.vehicles_detail[1].year", ok,
        QString());
    row("garaging ZIP unknown", {"input.vehicles_detail[0].garaging_zip=\"1123\""},
        "input.vehicles_detail[0].garaging_zip", w,
        QStringLiteral("garaging ZIP \"1123\" is not a known US ZIP code"));
    row("lapse start not a date",
        {"input.insurance_history.lapses=[{\"start\": \"spring\", \"end\": \"2020-05-01\"}]"},
        "input.insurance_history.lapses[0].start", w, QStringLiteral("\"spring\" is not a date"));
    row("non-renewal not a date",
        {"input.insurance_history.non_renewals=[{\"carrier\": \"X\", \"line\": \"home\", \"date\": \"last "
         "year\"}]"},
        "input.insurance_history.non_renewals[0].date", w,
        QStringLiteral("\"last year\" is not a date; the non-renewal counts as undated"));
    row("package price differs", {"offerings[1].attributes.package_premium_annual=7000"},
        "offerings[1].attributes.package_premium_annual", w,
        QStringLiteral("package pkg_harborview_01 is priced"));
    row("service rating out of range", {"offerings[0].attributes.service_rating=7"},
        "offerings[0].attributes.service_rating", w,
        QStringLiteral("service rating 7 is outside 0–5; read as 5"));
    row("service rating below range", {"offerings[0].attributes.service_rating=-1.5"},
        "offerings[0].attributes.service_rating", w,
        QStringLiteral("service rating -1.5 is outside 0–5; read as 0"));
    // Non-boolean bindable and non-numeric service_rating: warnings, read as not stated (§5.4, §5.6).
    row("bindable string", {"offerings[0].attributes.bindable=\"false\""}, "offerings[0].attributes.bindable",
        w, QStringLiteral("should be true or false, not \"false\"; read as not stated"));
    row("bindable number", {"offerings[0].attributes.bindable=0"}, "offerings[0].attributes.bindable", w,
        QStringLiteral("should be true or false, not a number"));
    row("service rating string", {"offerings[0].attributes.service_rating=\"4.5\""},
        "offerings[0].attributes.service_rating", w,
        QStringLiteral("should be a number, not \"4.5\"; read as not stated"));
    // Ignored offerings are never bundle members, so their package price is not compared (§4).
    row("package price differs on an ignored offering",
        {"offerings[13].attributes.package_id=\"pkg_harborview_01\"",
         "offerings[13].attributes.package_premium_annual=7000"},
        "offerings[13].attributes.package_premium_annual", ok, QString());
}

void TestValidation::rules() {
    QFETCH(Edits, edits);
    QFETCH(QString, path);
    QFETCH(QString, severity);
    QFETCH(QString, message);

    const Problems problems = validate(applyEdits(brooklyn(), edits));
    const QString all = describe(problems);
    if (severity == u"none") {
        QVERIFY2(!findProblem(problems, path), qPrintable(all));
        QVERIFY2(!hasErrors(problems), qPrintable(all));
        return;
    }
    // Several problems may share a path (a wrong type, then the rule that needed the value).
    const bool found = std::any_of(problems.begin(), problems.end(), [&](const Problem &p) {
        return p.path == path && p.severityName() == severity && p.message.contains(message);
    });
    QVERIFY2(found, qPrintable(u"no " + severity + u" at " + path + u" saying \"" + message +
                               u"\"; problems:\n" + all));
    // A warning row introduces no error.
    if (severity == u"warning") QVERIFY2(!hasErrors(problems), qPrintable(all));
}

void TestValidation::everyProblemReported() {
    const JsonValue root = applyEdits(brooklyn(), {"input.address.state=\"ZZ\"", "input.coverage_types=[]",
                                                   "offerings[0].commission=2", "offerings[1].commission=-1",
                                                   "offerings[2].quality_rating=\"Q\"", "input.vehicles=5"});
    const Problems problems = validate(root);
    QVERIFY(findProblem(problems, QStringLiteral("input.address.state")));
    QVERIFY(findProblem(problems, QStringLiteral("input.coverage_types")));
    QVERIFY(findProblem(problems, QStringLiteral("offerings[0].commission")));
    QVERIFY(findProblem(problems, QStringLiteral("offerings[1].commission")));
    QVERIFY(findProblem(problems, QStringLiteral("offerings[2].quality_rating")));
    QVERIFY(findProblem(problems, QStringLiteral("input.vehicles")));
    // With nothing requested, every categorised offering is "not requested" (the renters one too).
    int ignored = 0;
    for (const Problem &p : problems)
        if (p.path.endsWith(u".category") && !p.isError()) ++ignored;
    QCOMPARE(ignored, 14);
}

void TestValidation::gapOnlySkipsOfferings() {
    const Edits broken{"offerings[0].attributes.line_premium_annual=\"abc\"",
                       "offerings[1].commission=1.3",
                       "offerings[2].id=\"quote_line_harborview_home_001\"",
                       "offerings[3].quality_rating=\"Z\"",
                       "offerings[4].coverage.settlement=\"whatever\"",
                       "-offerings[5].category",
                       "offerings[6]=\"not an offering\""};
    // Dual mode (the sample's own request_config) validates the offerings ...
    const Problems dual = validate(applyEdits(brooklyn(), broken));
    for (const char *p : {"offerings[0].attributes.line_premium_annual", "offerings[1].commission",
                          "offerings[2].id", "offerings[3].quality_rating",
                          "offerings[4].coverage.settlement", "offerings[5].category", "offerings[6]"})
        QVERIFY2(findProblem(dual, QString::fromLatin1(p)), p);

    // ... gap-only routing does not.
    Edits gapOnly = broken;
    gapOnly << QStringLiteral(
        "input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}");
    const Problems gaps = validate(applyEdits(brooklyn(), gapOnly));
    for (const Problem &p : gaps)
        QVERIFY2(!p.path.startsWith(u"offerings"), qPrintable(describe(gaps)));
    QVERIFY2(gaps.empty(), qPrintable(describe(gaps)));

    // Neither flag given + a current_portfolio object routes to gap analysis only as well.
    Edits byPortfolio = broken;
    byPortfolio << QStringLiteral("-input.request_config")
                << QStringLiteral("input.current_portfolio={\"home\": {\"dwelling_limit\": 620000}}");
    const Problems portfolio = validate(applyEdits(brooklyn(), byPortfolio));
    QVERIFY2(portfolio.empty(), qPrintable(describe(portfolio)));

    // Both flags false: quote matching runs, so the offerings count again.
    Edits bothFalse = broken;
    bothFalse << QStringLiteral(
        "input.request_config={\"quote_matching\": false, \"coverage_analysis\": false}");
    QVERIFY(
        findProblem(validate(applyEdits(brooklyn(), bothFalse)), QStringLiteral("offerings[1].commission")));
}

void TestValidation::gapOnlyStillChecksInput() {
    const Problems problems = validate(applyEdits(
        brooklyn(), {"input.request_config={\"quote_matching\": false, \"coverage_analysis\": true}",
                     "input.address.state=\"ZZ\"", "input.coverage_types=[]", "offerings=[]",
                     "input.current_coverage.home.dwelling_limit=\"lots\"", "input.appetite_bucket=\"x\""}));
    // A bad state is only a warning when quote matching does not run; no offerings and no coverage types
    // are fine; current coverage and the bucket are still checked.
    const Problem *state = findProblem(problems, QStringLiteral("input.address.state"));
    QVERIFY(state);
    QCOMPARE(state->severity, Problem::Severity::Warning);
    QVERIFY(!findProblem(problems, QStringLiteral("input.coverage_types")));
    QVERIFY(!findProblem(problems, QStringLiteral("offerings")));
    const Problem *limit =
        findProblem(problems, QStringLiteral("input.current_coverage.home.dwelling_limit"));
    QVERIFY(limit);
    QVERIFY(limit->isError());
    const Problem *bucket = findProblem(problems, QStringLiteral("input.appetite_bucket"));
    QVERIFY(bucket);
    QVERIFY(bucket->isError());
    QCOMPARE(int(problems.size()), 3);
}

void TestValidation::typedValidationMatches() {
    // validateTyped over the parsed case gives the rule findings (without the reader's type errors).
    const JsonValue root = applyEdits(brooklyn(), {"offerings[0].commission=1.3", "input.vehicles=3"});
    const ValidationResult full = validateCase(root, test::fixedNow(), defaultProfile());
    const Problems typed = validateTyped(full.parsed, test::fixedNow(), defaultProfile());
    QCOMPARE(typed.size(), full.problems.size());
    for (const Problem &p : typed)
        QVERIFY(std::find(full.problems.begin(), full.problems.end(), p) != full.problems.end());
    QCOMPARE(int(full.parsed.offerings.size()), 14);
    QCOMPARE(full.parsed.input.address.state, QStringLiteral("NY"));
    for (const Problem &p : full.problems)
        QVERIFY(isBaselineWarning(p) || p.path == u"offerings[0].commission" || p.path == u"input.vehicles");
}

void TestValidation::normalisedStateCodes() {
    QCOMPARE(normalisedState(QStringLiteral(" ny ")), QStringLiteral("NY"));
    QCOMPARE(normalisedState(QStringLiteral("DC")), QStringLiteral("DC"));
    QCOMPARE(normalisedState(QStringLiteral("PR")), QString());
    QCOMPARE(normalisedState(QStringLiteral("ZZ")), QString());
    QCOMPARE(normalisedState(QString()), QString());
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
