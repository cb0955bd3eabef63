// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include "engine/profile.h"
#include "io/casefile.h"
#include "io/json.h"
#include "io/jsonpath.h"
#include "io/validation.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace pw;

namespace {

JsonValue brooklyn() {
    return test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
}

QByteArray brooklynWith(const QString &path, const QByteArray &jsonValue) {
    // Text-level splice so that literals such as 1e400 reach the file exactly as written.
    JsonValue root = brooklyn();
    const QByteArray marker = "\"@@MARKER@@\"";
    setJsonValueAt(root, path, JsonValue(QStringLiteral("@@MARKER@@")));
    QByteArray text = writeJson(root);
    Q_ASSERT(text.count(marker) == 1);
    return text.replace(marker, jsonValue);
}

QString describe(const Problems &problems) {
    QStringList lines;
    for (const Problem &p : problems)
        lines << p.path + u": " + p.severityName() + u": " + p.message;
    return lines.join(u'\n');
}

bool hasProblem(const Problems &problems, const QString &path, const QString &severity,
                const QString &messagePart) {
    return std::any_of(problems.begin(), problems.end(), [&](const Problem &p) {
        return p.path == path && p.severityName() == severity && p.message.contains(messagePart);
    });
}

// The line the validate command prints for a problem, up to the message part we look for.
bool hasCliLine(const QString &out, const QString &file, const QString &path, const QString &severity,
                const QString &messagePart) {
    const QString prefix =
        file + u": " + (path.isEmpty() ? QStringLiteral("(file)") : path) + u": " + severity + u": ";
    const QStringList lines = out.split(u'\n');
    return std::any_of(lines.begin(), lines.end(),
                       [&](const QString &l) { return l.startsWith(prefix) && l.contains(messagePart); });
}

// The exit code the CLI documents for one file: 2 cannot be read or parsed, 1 errors, 0 otherwise.
int expectedExit(const CaseFileResult &f, const Problems &problems) {
    if (!f.root) return 2;
    return hasErrors(problems) ? 1 : 0;
}

} // namespace

class TestHostileFiles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void hostile_data();
    void hostile();
    void wrongTypesEverywhere();
    void offeringEveryFieldWrongType();
    void hostileStringsKeepOneLinePerProblem();
    void fiftyMegabyteOfferings();
    void fiftyMegabyteString();
    void fiftyMegabytesOfErrors();
    void sizeCap();
    void directoryInsteadOfFile();
    void missingFile();
    void unreadableFile();

private:
    QTemporaryDir m_dir;
    QString write(const QString &name, const QByteArray &bytes);
    // Runs a file through readCaseFile + validateCase and through the CLI; checks they agree on the exit.
    void runBoth(const QString &file, int exitCode, Problems *problems, QString *cliOut);
};

void TestHostileFiles::initTestCase() {
    QVERIFY(m_dir.isValid());
}

QString TestHostileFiles::write(const QString &name, const QByteArray &bytes) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestHostileFiles::runBoth(const QString &file, int exitCode, Problems *problems, QString *cliOut) {
    const CaseFileResult f = readCaseFile(file);
    Problems ps;
    if (f.root)
        ps = validateCase(*f.root, test::fixedNow(), defaultProfile()).problems;
    else
        ps.push_back(f.problem);
    QCOMPARE(expectedExit(f, ps), exitCode);

    const test::ProcessResult r = test::runWorkbench(
        {QStringLiteral("validate"), file, QStringLiteral("--now"), QStringLiteral("2026-11-28T12:00:00Z")});
    // -1 means the process crashed (a signal) or hung; anything else is the documented exit code.
    QCOMPARE(r.exitCode, exitCode);
    *problems = ps;
    *cliOut = QString::fromUtf8(r.out);
    // One printed line per problem.
    QCOMPARE(int(r.out.count('\n')), int(ps.size()));
}

void TestHostileFiles::hostile_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("exitCode");     // 2: cannot be read or parsed, 1: validation errors
    QTest::addColumn<QString>("path");     // "" = the file as a whole
    QTest::addColumn<QString>("severity"); // "error", "warning", or "none" (no error at all)
    QTest::addColumn<QString>("message");  // a part of the message

    const QByteArray sample = writeJson(brooklyn());
    auto row = [](const char *name, const QByteArray &content, int exitCode, const char *path,
                  const char *severity, const QString &message) {
        QTest::newRow(name) << content << exitCode << QString::fromUtf8(path) << QString::fromLatin1(severity)
                            << message;
    };

    row("empty file", QByteArray(), 2, "", "error",
        QStringLiteral(
            "malformed JSON at line 1, column 1: unexpected end of file: the document is truncated"));
    row("only whitespace", QByteArray("\n\n  \n"), 2, "", "error",
        QStringLiteral("malformed JSON at line 4, column 1: unexpected end of file"));
    row("truncated", QByteArray("{\n  \"input\": {\n    \"address\": {\"state\": \"NY\""), 2, "", "error",
        QStringLiteral(
            "malformed JSON at line 3, column 30: unexpected end of file inside an object (missing '}')"));
    row("truncated sample", sample.left(sample.size() / 2), 2, "", "error",
        QStringLiteral("malformed JSON at line "));
    row("trailing comma", QByteArray("{\"input\": {},\n \"offerings\": [],\n}"), 2, "", "error",
        QStringLiteral("malformed JSON at line 3, column 1: trailing comma before '}'"));
    // The case object is the first level: the 256th '[' is the 257th level.
    row("deeply nested arrays", "{\"input\": " + QByteArray(100000, '[') + QByteArray(100000, ']') + "}", 2,
        "", "error", QStringLiteral("malformed JSON at line 1, column 266: nesting deeper than 256 levels"));
    row("deeply nested objects", QByteArray("{\"a\":").repeated(50000) + "{}" + QByteArray(50000, '}'), 2, "",
        "error", QStringLiteral("nesting deeper than 256 levels"));
    row("invalid UTF-8 C3 28", QByteArray("{\"input\": {\"address\": {\"state\": \"N\xC3\x28\"}}}"), 2, "",
        "error", QStringLiteral("malformed JSON at line 1, column 35: invalid UTF-8 (byte 0xc3)"));
    row("invalid UTF-8 FF", QByteArray("{\n\"offerings\": [{\"id\": \"\xFF\"}]}"), 2, "", "error",
        QStringLiteral("malformed JSON at line 2, column 23: invalid UTF-8 (byte 0xff)"));
    row("Latin-1 file",
        QByteArray("{\"input\": {\"address\": {\"city\": \"Montr\xE9"
                   "al\"}}}"),
        2, "", "error", QStringLiteral("invalid UTF-8 (byte 0xe9)"));
    row("UTF-16 file", QByteArray("\xFF\xFE{\0}\0", 6), 2, "", "error",
        QStringLiteral("malformed JSON at line 1, column 1: expected a value but found byte 0xff"));
    row("binary garbage",
        QByteArray("\x7F"
                   "ELF\x02\x01\x01\0\0\0",
                   10),
        2, "", "error",
        QStringLiteral("malformed JSON at line 1, column 1: expected a value but found byte 0x7f"));
    row("lone surrogate", QByteArray("{\"input\": {\"address\": {\"state\": \"\\ud800\"}}}"), 2, "", "error",
        QStringLiteral("lone UTF-16 surrogate"));
    row("BOM and valid",
        "\xEF\xBB\xBF" + test::readFileBytes(test::samplePath(QStringLiteral("seed-job.json"))), 0, "",
        "none", QString());
    row("root array", QByteArray("[{\"input\": {}}]"), 1, "", "error",
        QStringLiteral("the file must hold a JSON object with \"input\" and \"offerings\", not an array"));
    row("root string", QByteArray("\"case\""), 1, "", "error",
        QStringLiteral("the file must hold a JSON object with \"input\" and \"offerings\", not a string"));
    row("root null", QByteArray("null"), 1, "", "error", QStringLiteral("not null"));
    row("root 1e400", QByteArray("1e400"), 1, "", "error", QStringLiteral("not a number"));
    row("empty object", QByteArray("{}"), 1, "input", "error",
        QStringLiteral("is missing: a case needs an \"input\" object"));
    row("input as array", QByteArray("{\"input\": [], \"offerings\": []}"), 1, "input", "error",
        QStringLiteral("must be an object, not an array"));
    row("offerings as object", brooklynWith(QStringLiteral("offerings"), "{\"0\": {\"id\": \"x\"}}"), 1,
        "offerings", "error", QStringLiteral("must be an array, not an object"));
    row("offering as string", brooklynWith(QStringLiteral("offerings[2]"), "\"umbrella\""), 1, "offerings[2]",
        "error", QStringLiteral("must be an object, not a string"));
    row("premium 1e400", brooklynWith(QStringLiteral("input.premium"), "1e400"), 1, "input.premium", "error",
        QStringLiteral("number 1e400 is out of range"));
    row("premium -1e400",
        brooklynWith(QStringLiteral("offerings[0].attributes.line_premium_annual"), "-1e400"), 1,
        "offerings[0].attributes.line_premium_annual", "error",
        QStringLiteral("number -1e400 is out of range"));
    row("net worth 1e999999", brooklynWith(QStringLiteral("input.applicant.net_worth"), "1e999999"), 1,
        "input.applicant.net_worth", "error", QStringLiteral("is out of range"));
    row("tiny number ok", brooklynWith(QStringLiteral("offerings[0].commission"), "1e-400"), 0, "", "none",
        QString());
    row("huge integer literal",
        brooklynWith(QStringLiteral("offerings[0].attributes.line_premium_annual"), QByteArray(400, '9')), 1,
        "offerings[0].attributes.line_premium_annual", "error", QStringLiteral("is out of range"));
    row("10 kB name",
        brooklynWith(QStringLiteral("input.applicant.first_name"), '"' + QByteArray(10240, 'D') + '"'), 0, "",
        "none", QString());
    row("10 kB state",
        brooklynWith(QStringLiteral("input.address.state"), '"' + QByteArray(10240, 'Z') + '"'), 1,
        "input.address.state", "error", QStringLiteral("\"ZZZZZZZZZZ"));
    row("10 kB id duplicated",
        brooklynWith(QStringLiteral("offerings[1].id"), "\"quote_line_harborview_home_001\"")
            .replace("quote_line_harborview_home_001", QByteArray("q" + QByteArray(10240, 'x'))),
        1, "offerings[1].id", "error", QStringLiteral("duplicate offering id \"qxxxx"));
    row("NUL escapes in names",
        brooklynWith(QStringLiteral("input.applicant.last_name"), "\"Oka\\u0000for\\u0000\""), 0, "", "none",
        QString());
    row("RTL override in provider",
        brooklynWith(QStringLiteral("offerings[0].provider_name"), "\"\\u202eweivrobraH\""), 0, "", "none",
        QString());
    row("HTML in id", brooklynWith(QStringLiteral("offerings[0].id"), "\"<script>alert('x')</script>\""), 0,
        "", "none", QString());
    row("SQL in bucket",
        brooklynWith(QStringLiteral("input.appetite_bucket"), "\"balanced'; DROP TABLE cases; --\""), 1,
        "input.appetite_bucket", "error",
        QStringLiteral("unknown appetite bucket \"balanced'; DROP TABLE cases; --\""));
    row("HTML in state", brooklynWith(QStringLiteral("input.address.state"), "\"<b>NY</b>\""), 1,
        "input.address.state", "error", QStringLiteral("\"<b>NY</b>\" is not a US state or DC code"));
    row("unknown members everywhere",
        brooklynWith(QStringLiteral("input.x"), "{\"y\": [1e400, null, {\"z\": \"\\u0000\"}]}"), 0, "",
        "none", QString());
}

void TestHostileFiles::hostile() {
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QFETCH(QString, path);
    QFETCH(QString, severity);
    QFETCH(QString, message);

    const QString file =
        write(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_') + u".json", content);
    Problems problems;
    QString out;
    runBoth(file, exitCode, &problems, &out);
    if (QTest::currentTestFailed()) return;
    if (severity == u"none") {
        QVERIFY2(!hasErrors(problems), qPrintable(describe(problems)));
        QVERIFY2(!out.contains(u": error: "), qPrintable(out));
        return;
    }
    QVERIFY2(hasProblem(problems, path, severity, message), qPrintable(describe(problems)));
    QVERIFY2(hasCliLine(out, file, path, severity, message), qPrintable(out.left(4000)));
    // Messages quote at most a short part of a hostile value.
    for (const Problem &p : problems)
        QVERIFY2(p.message.size() < 300, qPrintable(p.message.left(300)));
}

void TestHostileFiles::wrongTypesEverywhere() {
    const QByteArray content =
        R"({"input": {"address": "214 Van Brunt St, Brooklyn NY", "applicant": [], "drivers": {},
      "vehicles": "2", "vehicles_detail": 5, "residence": true, "current_coverage": [], "insurance_history": "none",
      "coverage_types": {"home": true}, "appetite_bucket": [], "request_config": "both", "premium": "3988"},
      "offerings": {"id": "quote_line_harborview_home_001"}})";
    const QString file = write(QStringLiteral("wrong-types.json"), content);
    Problems problems;
    QString out;
    runBoth(file, 1, &problems, &out);
    const QList<QPair<QString, QString>> expected{
        {QStringLiteral("input.address"), QStringLiteral("must be an object, not a string")},
        {QStringLiteral("input.applicant"), QStringLiteral("must be an object, not an array")},
        {QStringLiteral("input.drivers"), QStringLiteral("must be an array, not an object")},
        {QStringLiteral("input.vehicles"), QStringLiteral("must be a number, not a string")},
        {QStringLiteral("input.vehicles_detail"), QStringLiteral("must be an array, not a number")},
        {QStringLiteral("input.residence"), QStringLiteral("must be an object, not a boolean")},
        {QStringLiteral("input.current_coverage"), QStringLiteral("must be an object, not an array")},
        {QStringLiteral("input.insurance_history"), QStringLiteral("must be an object, not a string")},
        {QStringLiteral("input.coverage_types"),
         QStringLiteral("must be an array of strings, not an object")},
        {QStringLiteral("input.appetite_bucket"), QStringLiteral("must be a string, not an array")},
        {QStringLiteral("input.request_config"), QStringLiteral("must be an object, not a string")},
        {QStringLiteral("input.premium"), QStringLiteral("must be a number, not a string")},
        {QStringLiteral("offerings"), QStringLiteral("must be an array, not an object")},
        // The requirements of quote matching are reported too.
        {QStringLiteral("input.address.state"), QStringLiteral("the state is missing")},
        {QStringLiteral("input.coverage_types"), QStringLiteral("no coverage types requested")},
        {QStringLiteral("offerings"), QStringLiteral("quote matching needs at least one offering")},
    };
    for (const auto &[path, message] : expected) {
        QVERIFY2(hasProblem(problems, path, QStringLiteral("error"), message),
                 qPrintable(path + u"\n" + describe(problems)));
        QVERIFY2(hasCliLine(out, file, path, QStringLiteral("error"), message),
                 qPrintable(path + u"\n" + out));
    }
    QCOMPARE(int(problems.size()), int(expected.size()));
}

void TestHostileFiles::offeringEveryFieldWrongType() {
    JsonValue root = brooklyn();
    JsonParseError err;
    const auto offering = parseJson(R"({"id": 7, "provider_id": [], "provider_name": {}, "category": false,
        "quality_rating": 9, "quality_rating_agency": [], "pricing_tier": {}, "commission": "13%",
        "constraints": "none", "coverage": "full", "attributes": [1]})",
                                    &err);
    QVERIFY2(offering, qPrintable(err.toString()));
    QVERIFY(setJsonValueAt(root, QStringLiteral("offerings[0]"), *offering));
    const auto coverage =
        parseJson(R"({"dwelling_limit": "875k", "deductible": [], "wind_hail_deductible": "2 pct",
        "settlement": 5, "bi_per_person": {}, "um_per_person": "lots", "collision_deductible": true,
        "required_underlying": 3, "product_name": 1})",
                  &err);
    QVERIFY2(coverage, qPrintable(err.toString()));
    QVERIFY(setJsonValueAt(root, QStringLiteral("offerings[1].coverage"), *coverage));
    const auto attributes =
        parseJson(R"({"line_premium_annual": "2210", "package_id": 1, "quote_expires_at": 20270119,
        "term_months": "12", "bindable": "true", "service_rating": [], "package_premium_annual": {}})",
                  &err);
    QVERIFY2(attributes, qPrintable(err.toString()));
    QVERIFY(setJsonValueAt(root, QStringLiteral("offerings[2].attributes"), *attributes));
    QVERIFY(setJsonValueAt(
        root, QStringLiteral("offerings[3].constraints"),
        *parseJson(R"({"excluded_states": "NY", "prohibited_naics": [1, "x"], "avoided_naics": {}})")));

    const QString file = write(QStringLiteral("offering-wrong-types.json"), writeJson(root));
    Problems problems;
    QString out;
    runBoth(file, 1, &problems, &out);
    const QList<QPair<QString, QString>> expected{
        {QStringLiteral("offerings[0].id"), QStringLiteral("must be a string, not a number")},
        {QStringLiteral("offerings[0].provider_id"), QStringLiteral("must be a string, not an array")},
        {QStringLiteral("offerings[0].provider_name"), QStringLiteral("must be a string, not an object")},
        {QStringLiteral("offerings[0].category"), QStringLiteral("must be a string, not a boolean")},
        {QStringLiteral("offerings[0].quality_rating"), QStringLiteral("must be a string, not a number")},
        {QStringLiteral("offerings[0].quality_rating_agency"),
         QStringLiteral("must be a string, not an array")},
        {QStringLiteral("offerings[0].pricing_tier"), QStringLiteral("must be a string, not an object")},
        {QStringLiteral("offerings[0].commission"), QStringLiteral("must be a number, not a string")},
        {QStringLiteral("offerings[0].constraints"), QStringLiteral("must be an object, not a string")},
        {QStringLiteral("offerings[0].coverage"), QStringLiteral("must be an object, not a string")},
        {QStringLiteral("offerings[0].attributes"), QStringLiteral("must be an object, not an array")},
        {QStringLiteral("offerings[1].coverage.dwelling_limit"),
         QStringLiteral("must be a number, not a string")},
        {QStringLiteral("offerings[1].coverage.deductible"),
         QStringLiteral("must be an amount or a percentage, not an array")},
        {QStringLiteral("offerings[1].coverage.wind_hail_deductible"),
         QStringLiteral("must be an amount or a percentage such as \"2%\", not \"2 pct\"")},
        {QStringLiteral("offerings[1].coverage.settlement"),
         QStringLiteral("must be a string, not a number")},
        {QStringLiteral("offerings[1].coverage.bi_per_person"),
         QStringLiteral("must be a number, not an object")},
        {QStringLiteral("offerings[1].coverage.um_per_person"),
         QStringLiteral("must be a number or a split limit such as \"100/300/100\", not \"lots\"")},
        {QStringLiteral("offerings[1].coverage.collision_deductible"),
         QStringLiteral("must be an amount or \"none\", not a boolean")},
        {QStringLiteral("offerings[1].coverage.required_underlying"),
         QStringLiteral("must be an object, not a number")},
        {QStringLiteral("offerings[1].coverage.product_name"),
         QStringLiteral("must be a string, not a number")},
        {QStringLiteral("offerings[2].attributes.line_premium_annual"),
         QStringLiteral("must be a number, not a string")},
        {QStringLiteral("offerings[2].attributes.package_id"),
         QStringLiteral("must be a string, not a number")},
        {QStringLiteral("offerings[2].attributes.quote_expires_at"),
         QStringLiteral("must be a string, not a number")},
        {QStringLiteral("offerings[2].attributes.term_months"),
         QStringLiteral("must be a number, not a string")},
        {QStringLiteral("offerings[2].attributes.package_premium_annual"),
         QStringLiteral("must be a number, not an object")},
        {QStringLiteral("offerings[3].constraints.excluded_states"),
         QStringLiteral("must be an array of strings, not a string")},
        {QStringLiteral("offerings[3].constraints.prohibited_naics[0]"),
         QStringLiteral("must be a string, not a number")},
        {QStringLiteral("offerings[3].constraints.avoided_naics"),
         QStringLiteral("must be an array of strings, not an object")},
    };
    // A non-boolean bindable and a non-numeric service rating are warnings, read as not stated
    // (engine.md §5.4, §5.6, §11.6).
    const QList<QPair<QString, QString>> warnings{
        {QStringLiteral("offerings[2].attributes.bindable"),
         QStringLiteral("should be true or false, not \"true\"; read as not stated")},
        {QStringLiteral("offerings[2].attributes.service_rating"),
         QStringLiteral("should be a number, not an array; read as not stated")},
    };
    for (const auto &[list, severity] :
         {std::pair{&expected, QStringLiteral("error")}, std::pair{&warnings, QStringLiteral("warning")}}) {
        for (const auto &[path, message] : *list) {
            QVERIFY2(hasProblem(problems, path, severity, message),
                     qPrintable(path + u"\n" + describe(problems)));
            QVERIFY2(hasCliLine(out, file, path, severity, message), qPrintable(path + u"\n" + out));
        }
    }
    // Nothing else is an error: the wrong values are read as not stated, not guessed at.
    int errors = 0;
    for (const Problem &p : problems)
        errors += p.isError();
    QCOMPARE(errors, int(expected.size()));
}

void TestHostileFiles::hostileStringsKeepOneLinePerProblem() {
    // Values with line breaks, NUL, DEL and bidi overrides are quoted in messages; the text output must keep
    // one problem per line and not let a value reorder or hide the rest of the line.
    JsonValue root = brooklyn();
    setJsonValueAt(root, QStringLiteral("input.address.state"), JsonValue(QStringLiteral("N\nY")));
    setJsonValueAt(root, QStringLiteral("input.appetite_bucket"),
                   JsonValue(QStringLiteral("bal\r\nanced\u202e")));
    setJsonValueAt(root, QStringLiteral("offerings[0].coverage.settlement"),
                   JsonValue(QString::fromUtf16(u"a\0b\x7f", 4)));
    setJsonValueAt(root, QStringLiteral("input.current_coverage.bad\nline"), JsonValue(5));
    const QString file = write(QStringLiteral("hostile-strings.json"), writeJson(root));
    Problems problems;
    QString out;
    runBoth(file, 1, &problems, &out);
    QVERIFY(hasProblem(problems, QStringLiteral("input.address.state"), QStringLiteral("error"),
                       QStringLiteral("\"N\\nY\" is not a US state or DC code")));
    QVERIFY(hasProblem(problems, QStringLiteral("input.appetite_bucket"), QStringLiteral("error"),
                       QStringLiteral("unknown appetite bucket \"bal\\r\\nanced\\u202e\"")));
    QVERIFY(hasProblem(problems, QStringLiteral("offerings[0].coverage.settlement"), QStringLiteral("error"),
                       QStringLiteral("unknown settlement \"a\\u0000b\\u007f\"")));
    const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), int(problems.size()));
    for (const QString &l : lines) {
        QVERIFY2(l.startsWith(file + u": "), qPrintable(l));
        for (const QChar c : l)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f && c.unicode() != 0x202e, qPrintable(l));
    }
}

void TestHostileFiles::fiftyMegabyteOfferings() {
    // A valid case whose offerings array makes the file 50 MB: every offering is a copy of the first with
    // its own id. It must be read, validated and reported (nothing to report) in one piece.
    const JsonValue root = brooklyn();
    const QByteArray offering = writeJson(root[u"offerings"].at(0), -1);
    QVERIFY(offering.contains("\"quote_line_harborview_home_001\""));
    QByteArray bytes = "{\"input\": " + writeJson(root[u"input"], -1) + ",\n\"offerings\": [\n";
    const qsizetype target = 50ll * 1024 * 1024;
    int count = 0;
    bytes.reserve(target + 4096);
    while (bytes.size() < target) {
        if (count) bytes += ",\n";
        QByteArray o = offering;
        bytes += o.replace("\"quote_line_harborview_home_001\"",
                           QByteArray("\"big_" + QByteArray::number(count) + "\""));
        ++count;
    }
    bytes += "\n]}\n";
    QVERIFY(bytes.size() >= target);
    const QString file = write(QStringLiteral("fifty-mb-offerings.json"), bytes);
    bytes.clear();
    bytes.squeeze();

    const CaseFileResult f = readCaseFile(file);
    QVERIFY2(f.root, qPrintable(f.problem.message));
    const ValidationResult v = validateCase(*f.root, test::fixedNow(), defaultProfile());
    QVERIFY2(v.problems.empty(), qPrintable(describe(v.problems).left(2000)));
    QCOMPARE(int(v.parsed.offerings.size()), count);
    QCOMPARE(v.parsed.offerings.back().id, QStringLiteral("big_%1").arg(count - 1));

    const test::ProcessResult r = test::runWorkbench(
        {QStringLiteral("validate"), file, QStringLiteral("--now"), QStringLiteral("2026-11-28T12:00:00Z")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray());
}

void TestHostileFiles::fiftyMegabyteString() {
    JsonValue root = brooklyn();
    setJsonValueAt(root, QStringLiteral("workbench.notes"), JsonValue(QStringLiteral("@@NOTES@@")));
    QByteArray bytes = writeJson(root);
    bytes.replace("@@NOTES@@", QByteArray("caf\xC3\xA9 \\n  ").repeated(50 * 1024 * 1024 / 10));
    QVERIFY(bytes.size() > 50 * 1024 * 1024);
    const QString file = write(QStringLiteral("fifty-mb-string.json"), bytes);

    const CaseFileResult f = readCaseFile(file);
    QVERIFY2(f.root, qPrintable(f.problem.message));
    QCOMPARE((*f.root)[u"workbench"][u"notes"].toString().size(), 50 * 1024 * 1024 / 10 * 8);
    const Problems problems = validateCase(*f.root, test::fixedNow(), defaultProfile()).problems;
    QCOMPARE(int(problems.size()), 2); // the sample's two warnings
    QVERIFY(!hasErrors(problems));

    const test::ProcessResult r = test::runWorkbench(
        {QStringLiteral("validate"), file, QStringLiteral("--now"), QStringLiteral("2026-11-28T12:00:00Z")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.count('\n'), 2);
    QVERIFY(r.out.contains(": offerings[12].attributes.quote_expires_at: warning: "));

    // Cut inside the long string: a clear error at the end of the file.
    const QString cut = write(QStringLiteral("fifty-mb-string-cut.json"), bytes.left(bytes.size() - 300));
    bytes.clear();
    const CaseFileResult fc = readCaseFile(cut);
    QVERIFY(!fc.root);
    QVERIFY(!fc.unreadable);
    QVERIFY2(fc.problem.message.contains(u"unexpected end of file inside a string (missing closing quote)"),
             qPrintable(fc.problem.message));
    const test::ProcessResult rc = test::runWorkbench({QStringLiteral("validate"), cut});
    QCOMPARE(rc.exitCode, 2);
    QVERIFY2(rc.out.contains(": (file): error: malformed JSON at line "), rc.out.constData());
}

void TestHostileFiles::fiftyMegabytesOfErrors() {
    // 50 MB of offerings that are all wrong: every problem is reported, one line each.
    const JsonValue root = brooklyn();
    JsonValue bad = root[u"offerings"].at(1);
    bad.insert(QStringLiteral("commission"), JsonValue(1.3));
    const QByteArray offering = writeJson(bad, -1);
    QByteArray bytes = "{\"input\": " + writeJson(root[u"input"], -1) + ",\n\"offerings\": [\n";
    int count = 0;
    while (bytes.size() < 50ll * 1024 * 1024) {
        if (count) bytes += ",\n";
        QByteArray o = offering;
        bytes += o.replace("\"quote_line_harborview_auto_001\"",
                           QByteArray("\"bad_" + QByteArray::number(count) + "\""));
        ++count;
    }
    bytes += "]}";
    const QString file = write(QStringLiteral("fifty-mb-errors.json"), bytes);
    bytes.clear();

    const test::ProcessResult r = test::runWorkbench(
        {QStringLiteral("validate"), file, QStringLiteral("--now"), QStringLiteral("2026-11-28T12:00:00Z")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(int(r.out.count('\n')), count);
    QVERIFY(r.out.startsWith(
        QByteArray(file.toUtf8() + ": offerings[0].commission: error: commission 1.3 is outside 0–1")));
    const QByteArray last =
        file.toUtf8() + ": offerings[" + QByteArray::number(count - 1) + "].commission: error: ";
    QVERIFY(r.out.contains(last));
}

void TestHostileFiles::sizeCap() {
    const QByteArray seed = test::readFileBytes(test::samplePath(QStringLiteral("seed-job.json")));
    const QString file = write(QStringLiteral("padded.json"), seed + QByteArray(3 * 1024 * 1024, ' '));
    const CaseFileResult capped = readCaseFile(file, 2 * 1024 * 1024);
    QVERIFY(!capped.root);
    QVERIFY(!capped.unreadable);
    QCOMPARE(capped.problem.path, QString());
    QCOMPARE(capped.problem.message, QStringLiteral("is too large (3 MB; the limit is 2 MB)"));
    // Within the default cap the same file is fine.
    const CaseFileResult ok = readCaseFile(file);
    QVERIFY(ok.root);
    QVERIFY(validateCase(*ok.root, test::fixedNow(), defaultProfile()).problems.empty());
}

void TestHostileFiles::directoryInsteadOfFile() {
    const QString dir = m_dir.filePath(QStringLiteral("a-folder.json"));
    QVERIFY(QDir().mkpath(dir));
    const CaseFileResult f = readCaseFile(dir);
    QVERIFY(!f.root);
    QVERIFY(f.unreadable);
    QCOMPARE(f.problem.message, QStringLiteral("is a folder, not a case file"));
    const test::ProcessResult r = test::runWorkbench({QStringLiteral("validate"), dir});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(QString::fromUtf8(r.out), QString(dir + u": (file): error: is a folder, not a case file\n"));
}

void TestHostileFiles::missingFile() {
    const QString missing = m_dir.filePath(QStringLiteral("no-such-case.json"));
    const CaseFileResult f = readCaseFile(missing);
    QVERIFY(!f.root);
    QVERIFY(f.unreadable);
    QVERIFY2(f.problem.message.startsWith(u"cannot be read: "), qPrintable(f.problem.message));
    QVERIFY2(f.problem.message.contains(u"No such file or directory"), qPrintable(f.problem.message));
    const test::ProcessResult r = test::runWorkbench({QStringLiteral("validate"), missing});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.out.startsWith((missing + u": (file): error: cannot be read: ").toUtf8()), r.out.constData());
}

void TestHostileFiles::unreadableFile() {
    const QString file = write(QStringLiteral("locked.json"), "{}");
    QVERIFY(QFile::setPermissions(file, QFileDevice::WriteOwner));
    {
        QFile probe(file);
        if (probe.open(QIODevice::ReadOnly)) QSKIP("running with privileges that read any file");
    }
    const CaseFileResult f = readCaseFile(file);
    QVERIFY(f.unreadable);
    QVERIFY2(f.problem.message.contains(u"Permission denied"), qPrintable(f.problem.message));
    const test::ProcessResult r = test::runWorkbench({QStringLiteral("validate"), file});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.contains(": (file): error: cannot be read: "));
}

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostilefiles.moc"
