// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include "io/casereader.h"
#include "io/json.h"
#include "io/jsonpath.h"

#include <QTest>

#include <cmath>

using namespace pw;

namespace {

JsonValue mustParse(const QByteArray &text) {
    JsonParseError e;
    auto v = parseJson(text, &e);
    if (!v) qFatal("unexpected parse error: %s", qPrintable(e.toString()));
    return *v;
}

QStringList keysOf(const JsonValue &obj) {
    QStringList keys;
    for (const auto &m : obj.objectMembers())
        keys << m.first;
    return keys;
}

} // namespace

class TestJson : public QObject {
    Q_OBJECT
private slots:
    void sampleRoundTrip_data();
    void sampleRoundTrip();
    void unknownFieldsSurvive();
    void unknownFieldsInRawText();
    void keyOrderFollowsOriginal();
    void duplicateKeysKept();
    void numbersKeepTheirText_data();
    void numbersKeepTheirText();
    void numberValues();
    void constructedNumbersWriteShortest();
    void stringEscapesAndNonAscii();
    void writerEscapes();
    void writerEscapesTerminalControls_data();
    void writerEscapesTerminalControls();
    void compactAndIndentedOutput();
    void copyOnWrite();
    void parseErrors_data();
    void parseErrors();
    void deepNesting();
    void depthLimitIsExact();
    void bomAccepted();
    void errorToString();
};

void TestJson::sampleRoundTrip_data() {
    QTest::addColumn<QString>("sample");
    QTest::newRow("seed-job") << QStringLiteral("seed-job.json");
    QTest::newRow("brooklyn-household") << QStringLiteral("brooklyn-household.json");
}

void TestJson::sampleRoundTrip() {
    QFETCH(QString, sample);
    const QByteArray original = test::readFileBytes(test::samplePath(sample));
    const JsonValue first = mustParse(original);
    QVERIFY(first.isObject());
    QVERIFY(first.contains(u"input"));
    QVERIFY(first[u"offerings"].size() > 0);

    const QByteArray written = writeJson(first);
    const JsonValue second = mustParse(written);
    QVERIFY(first == second);
    // Writing is stable: a second round gives the same bytes.
    QCOMPARE(writeJson(second), written);
    // Compact output parses to the same tree too.
    QVERIFY(mustParse(writeJson(first, -1)) == first);
    // The samples are written in the writer's own style, so the bytes come back unchanged (the writer ends
    // the file with a newline).
    const QByteArray expected = original.endsWith('\n') ? original : original + '\n';
    QCOMPARE(QString::fromUtf8(written), QString::fromUtf8(expected));
}

void TestJson::unknownFieldsSurvive() {
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    const QStringList topKeysBefore = keysOf(root);
    QVERIFY(setJsonValueAt(root, QStringLiteral("x_top"), JsonValue(QStringLiteral("top"))));
    QVERIFY(setJsonValueAt(root, QStringLiteral("input.x_input"),
                           mustParse("{\"nested\": [1, 2.50, {\"k\": null}]}")));
    QVERIFY(
        setJsonValueAt(root, QStringLiteral("offerings[3].coverage.x_cov"), mustParse("{\"limit\": 1e400}")));
    QVERIFY(setJsonValueAt(root, QStringLiteral("input.vehicles_detail[1].x_elem"), JsonValue(true)));
    QVERIFY(
        setJsonValueAt(root, QStringLiteral("input.drivers[0].x_deep.a.b"), JsonValue(QStringLiteral("é"))));

    const JsonValue back = mustParse(writeJson(root));
    QVERIFY(back == root);
    QCOMPARE(back[u"x_top"].toString(), QStringLiteral("top"));
    QCOMPARE(back[u"input"][u"x_input"][u"nested"].at(1).numberText(), QByteArray("2.50"));
    QVERIFY(back[u"input"][u"x_input"][u"nested"].at(2).contains(u"k"));
    QCOMPARE(back[u"offerings"].at(3)[u"coverage"][u"x_cov"][u"limit"].numberText(), QByteArray("1e400"));
    QCOMPARE(back[u"input"][u"vehicles_detail"].at(1)[u"x_elem"].toBool(), true);
    QCOMPARE(jsonValueAt(back, QStringLiteral("input.drivers[0].x_deep.a.b")).toString(),
             QStringLiteral("é"));
    // New members go last; the original members keep their places.
    QCOMPARE(keysOf(back), topKeysBefore + QStringList{QStringLiteral("x_top")});
    QCOMPARE(keysOf(back[u"input"]).last(), QStringLiteral("x_input"));
    QCOMPARE(keysOf(back[u"input"]).first(), QStringLiteral("request_config"));

    // Reading the typed case keeps the raw offering (unknown members included).
    Problems problems;
    const Case cs = readCase(back, &problems);
    QCOMPARE(int(cs.offerings.size()), 14);
    QCOMPARE(cs.offerings[3].raw[u"coverage"][u"x_cov"][u"limit"].numberText(), QByteArray("1e400"));
    // Unknown keys are not validated: only the known members are read.
    for (const Problem &p : problems)
        QVERIFY2(!p.path.contains(u"x_"), qPrintable(p.path + u": " + p.message));
}

void TestJson::unknownFieldsInRawText() {
    const QByteArray text =
        "{\"zeta\": 1, \"input\": {\"q_unknown\": {\"a\": [1, {\"b\": \"c\"}]}, \"address\": "
        "{\"state\": \"NY\", \"x\": 0.10}}, \"offerings\": [{\"id\": \"o1\", \"coverage\": "
        "{\"x_cov\": [], \"dwelling_limit\": 100}, \"z_elem\": {}}], \"alpha\": null}";
    const JsonValue v = mustParse(text);
    const QByteArray compact = writeJson(v, -1);
    QCOMPARE(compact, QByteArray(text).replace(": ", ":").replace(", ", ","));
    const JsonValue back = mustParse(writeJson(v));
    QVERIFY(back == v);
    QCOMPARE(keysOf(back), (QStringList{QStringLiteral("zeta"), QStringLiteral("input"),
                                        QStringLiteral("offerings"), QStringLiteral("alpha")}));
    QVERIFY(back[u"alpha"].isNull());
    QVERIFY(back.contains(u"alpha"));
    QCOMPARE(back[u"input"][u"address"][u"x"].numberText(), QByteArray("0.10"));
    QCOMPARE(keysOf(back[u"offerings"].at(0)),
             (QStringList{QStringLiteral("id"), QStringLiteral("coverage"), QStringLiteral("z_elem")}));
    QVERIFY(back[u"offerings"].at(0)[u"coverage"][u"x_cov"].isArray());
}

void TestJson::keyOrderFollowsOriginal() {
    const JsonValue v = mustParse("{\"z\": 1, \"a\": 2, \"m\": {\"b\": 1, \"a\": 2}, \"b\": 3}");
    QCOMPARE(keysOf(v), (QStringList{QStringLiteral("z"), QStringLiteral("a"), QStringLiteral("m"),
                                     QStringLiteral("b")}));
    QCOMPARE(writeJson(v, -1), QByteArray("{\"z\":1,\"a\":2,\"m\":{\"b\":1,\"a\":2},\"b\":3}"));

    // The sample offering keeps its order through a round trip.
    const JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    const JsonValue back = mustParse(writeJson(root));
    const QStringList expected{
        QStringLiteral("id"),         QStringLiteral("provider_id"),    QStringLiteral("provider_name"),
        QStringLiteral("category"),   QStringLiteral("quality_rating"), QStringLiteral("pricing_tier"),
        QStringLiteral("commission"), QStringLiteral("constraints"),    QStringLiteral("coverage"),
        QStringLiteral("attributes")};
    QCOMPARE(keysOf(back[u"offerings"].at(0)), expected);
    QCOMPARE(keysOf(back), (QStringList{QStringLiteral("input"), QStringLiteral("offerings"),
                                        QStringLiteral("workbench")}));

    // Replacing a value keeps its place; removing and re-adding moves it last.
    JsonValue edited = v;
    edited.insert(QStringLiteral("a"), JsonValue(20));
    QCOMPARE(writeJson(edited, -1), QByteArray("{\"z\":1,\"a\":20,\"m\":{\"b\":1,\"a\":2},\"b\":3}"));
    QVERIFY(edited.remove(u"z"));
    edited.insert(QStringLiteral("z"), JsonValue(1));
    QCOMPARE(keysOf(edited), (QStringList{QStringLiteral("a"), QStringLiteral("m"), QStringLiteral("b"),
                                          QStringLiteral("z")}));
}

void TestJson::duplicateKeysKept() {
    const JsonValue v = mustParse("{\"a\": 1, \"a\": 2}");
    QCOMPARE(v.size(), 2);
    QCOMPARE(v[u"a"].toDouble(), 1.0); // lookups take the first
    QCOMPARE(writeJson(v, -1), QByteArray("{\"a\":1,\"a\":2}"));
}

void TestJson::numbersKeepTheirText_data() {
    QTest::addColumn<QByteArray>("literal");
    QTest::newRow("trailing zero") << QByteArray("12840.10");
    QTest::newRow("overflow") << QByteArray("1e400");
    QTest::newRow("negative overflow") << QByteArray("-1e400");
    QTest::newRow("underflow") << QByteArray("1e-400");
    QTest::newRow("0.1") << QByteArray("0.1");
    QTest::newRow("negative zero") << QByteArray("-0");
    QTest::newRow("big integer") << QByteArray("123456789012345678901234567890");
    QTest::newRow("exponent E+") << QByteArray("6.02E+23");
    QTest::newRow("zero point zero") << QByteArray("0.0");
    QTest::newRow("integer") << QByteArray("6620");
    QTest::newRow("2^53+1") << QByteArray("9007199254740993");
}

void TestJson::numbersKeepTheirText() {
    QFETCH(QByteArray, literal);
    const JsonValue v = mustParse("{\"n\": " + literal + ", \"a\": [" + literal + "]}");
    QCOMPARE(v[u"n"].numberText(), literal);
    QCOMPARE(writeJson(v, -1), "{\"n\":" + literal + ",\"a\":[" + literal + "]}");
    const JsonValue back = mustParse(writeJson(v));
    QCOMPARE(back[u"a"].at(0).numberText(), literal);
    QVERIFY(back == v);
}

void TestJson::numberValues() {
    const JsonValue v =
        mustParse("[12840.10, 1e400, 0.1, -0, 123456789012345678901234567890, -1e400, 1e-400, -12]");
    QCOMPARE(v.at(0).toDouble(), 12840.1);
    QVERIFY(std::isinf(v.at(1).toDouble()) && v.at(1).toDouble() > 0);
    QCOMPARE(v.at(2).toDouble(), 0.1);
    QCOMPARE(v.at(3).toDouble(), 0.0);
    QVERIFY(std::signbit(v.at(3).toDouble()));
    QCOMPARE(v.at(4).toDouble(), 1.2345678901234568e29);
    QVERIFY(std::isinf(v.at(5).toDouble()) && v.at(5).toDouble() < 0);
    QCOMPARE(v.at(6).toDouble(), 0.0);
    QCOMPARE(v.at(7).toDouble(), -12.0);
    // Equality is by value for finite numbers, by literal for non-finite ones.
    QVERIFY(mustParse("1.0") == mustParse("1"));
    QVERIFY(mustParse("1e400") == mustParse("1e400"));
    QVERIFY(mustParse("1e400") != mustParse("-1e400"));
}

void TestJson::constructedNumbersWriteShortest() {
    QCOMPARE(JsonValue(0.1).numberText(), QByteArray("0.1"));
    QCOMPARE(JsonValue(6620.0).numberText(), QByteArray("6620"));
    QCOMPARE(JsonValue(58.18).numberText(), QByteArray("58.18"));
    QCOMPARE(JsonValue(-3).numberText(), QByteArray("-3"));
    QCOMPARE(JsonValue(qint64(9007199254740991)).numberText(), QByteArray("9007199254740991"));
    QCOMPARE(JsonValue(0.0).numberText(), QByteArray("0"));
    QCOMPARE(JsonValue(1e21).numberText(), QByteArray("1e+21"));
    QCOMPARE(shortestNumberText(HUGE_VAL), QByteArray("null"));
    QCOMPARE(shortestNumberText(std::nan("")), QByteArray("null"));
    // A shortest literal parses back to the same double.
    for (double d : {0.1, 1.0 / 3.0, 12840.1, 5e-324, 1.7976931348623157e308, -2.5e-7}) {
        const QByteArray t = shortestNumberText(d);
        QCOMPARE(mustParse(t).toDouble(), d);
    }
}

void TestJson::stringEscapesAndNonAscii() {
    const QByteArray text =
        "[\"q\\\"b\\\\s\\/f\\bf\\ff\\nn\\rr\\tt\", \"\\u0001\\u001f\\u0000x\", \"caf\\u00e9 "
        "caf\xC3\xA9\", \"\\ud83d\\ude00 \xF0\x9F\x98\x80\", \"\xE2\x80\xAE rtl\"]";
    const JsonValue v = mustParse(text);
    QCOMPARE(v.at(0).toString(), QStringLiteral("q\"b\\s/f\bf\ff\nn\rr\tt"));
    QCOMPARE(v.at(1).toString(), QString(QChar(1)) + QChar(0x1f) + QChar(0) + u'x');
    QCOMPARE(v.at(1).toString().size(), 4);
    QCOMPARE(v.at(2).toString(), QStringLiteral("café café"));
    QCOMPARE(v.at(3).toString(), QStringLiteral("😀 😀"));
    QCOMPARE(v.at(3).toString().size(), 5); // two surrogate pairs and a space
    QCOMPARE(v.at(4).toString(), QString(QChar(0x202E)) + QStringLiteral(" rtl"));

    const QByteArray written = writeJson(v);
    const JsonValue back = mustParse(written);
    QVERIFY(back == v);
    // Non-ASCII is written as UTF-8, control characters as escapes.
    QVERIFY(written.contains("caf\xC3\xA9 caf\xC3\xA9"));
    QVERIFY(written.contains("\xF0\x9F\x98\x80 \xF0\x9F\x98\x80"));
    QVERIFY(written.contains("\\u0001\\u001f\\u0000x"));
    QVERIFY(written.contains("\"q\\\"b\\\\s/f\\bf\\ff\\nn\\rr\\tt\""));
}

void TestJson::writerEscapes() {
    JsonValue o = JsonValue::object();
    o.insert(QStringLiteral("k\"ey\n"), JsonValue(QStringLiteral("é😀<script>\u007f")));
    QCOMPARE(writeJson(o, -1), QByteArray("{\"k\\\"ey\\n\":\"\xC3\xA9\xF0\x9F\x98\x80<script>\\u007f\"}"));
    QVERIFY(mustParse(writeJson(o)) == o);
}

void TestJson::writerEscapesTerminalControls_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("DEL") << QStringLiteral("a\u007fb") << QByteArray("\"a\\u007fb\"");
    QTest::newRow("C1 CSI") << QStringLiteral("a\u009b31mb") << QByteArray("\"a\\u009b31mb\"");
    QTest::newRow("C1 NEL") << QStringLiteral("a\u0085b") << QByteArray("\"a\\u0085b\"");
    QTest::newRow("C1 first and last") << QStringLiteral("\u0080\u009f") << QByteArray("\"\\u0080\\u009f\"");
    QTest::newRow("right-to-left override") << QStringLiteral("x\u202ey") << QByteArray("\"x\\u202ey\"");
    QTest::newRow("embeddings") << QStringLiteral("\u202a\u202b\u202c\u202d")
                                << QByteArray("\"\\u202a\\u202b\\u202c\\u202d\"");
    QTest::newRow("isolates") << QStringLiteral("\u2066\u2067\u2068\u2069")
                              << QByteArray("\"\\u2066\\u2067\\u2068\\u2069\"");
    QTest::newRow("marks") << QStringLiteral("\u200e\u200f\u061c") << QByteArray("\"\\u200e\\u200f\\u061c\"");
    QTest::newRow("separators") << QStringLiteral("\u2028\u2029") << QByteArray("\"\\u2028\\u2029\"");
    // Neighbours of the escaped characters stay UTF-8.
    QTest::newRow("kept")
        << QStringLiteral("\u00a0\u00e9\u2027\u202f\u2065\u206a\u061b\u2030\u200d")
        << (QByteArray("\"") +
            QStringLiteral("\u00a0\u00e9\u2027\u202f\u2065\u206a\u061b\u2030\u200d").toUtf8() +
            QByteArray("\""));
}

void TestJson::writerEscapesTerminalControls() {
    QFETCH(QString, text);
    QFETCH(QByteArray, written);
    QCOMPARE(writeJson(JsonValue(text), -1), written);
    QCOMPARE(parseJson(written)->toString(), text); // the same string once read
}

void TestJson::compactAndIndentedOutput() {
    const JsonValue v = mustParse("{\"a\":[1,{\"b\":[]}],\"c\":{}}");
    QCOMPARE(writeJson(v, -1), QByteArray("{\"a\":[1,{\"b\":[]}],\"c\":{}}"));
    QCOMPARE(writeJson(v),
             QByteArray("{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n  \"c\": {}\n}\n"));
    QCOMPARE(writeJson(JsonValue(), -1), QByteArray("null"));
    QCOMPARE(writeJson(JsonValue(true)), QByteArray("true\n"));
}

void TestJson::copyOnWrite() {
    const JsonValue original = mustParse("{\"a\": {\"b\": [1, 2]}}");
    JsonValue copy = original;
    QVERIFY(setJsonValueAt(copy, QStringLiteral("a.b[1]"), JsonValue(3)));
    QCOMPARE(original[u"a"][u"b"].at(1).toDouble(), 2.0);
    QCOMPARE(copy[u"a"][u"b"].at(1).toDouble(), 3.0);
    QVERIFY(copy != original);
}

void TestJson::parseErrors_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QByteArray() << 1 << 1
                           << QStringLiteral("unexpected end of file: the document is truncated");
    QTest::newRow("whitespace only") << QByteArray("  \n   ") << 2 << 4
                                     << QStringLiteral("unexpected end of file: the document is truncated");
    QTest::newRow("truncated array") << QByteArray("{\n  \"a\": [1, 2") << 2 << 13
                                     << QStringLiteral(
                                            "unexpected end of file inside an array (missing ']')");
    QTest::newRow("truncated object")
        << QByteArray("{\n  \"a\": 1") << 2 << 9
        << QStringLiteral("unexpected end of file inside an object (missing '}')");
    QTest::newRow("truncated after colon")
        << QByteArray("{\"a\":") << 1 << 6
        << QStringLiteral("unexpected end of file: the document is truncated");
    QTest::newRow("truncated literal")
        << QByteArray("[tru") << 1 << 2 << QStringLiteral("expected a value but found 't'");
    QTest::newRow("trailing comma in object")
        << QByteArray("{\n  \"a\": 1,\n}") << 3 << 1 << QStringLiteral("trailing comma before '}'");
    QTest::newRow("trailing comma in array")
        << QByteArray("[1,2,]") << 1 << 6 << QStringLiteral("trailing comma before ']'");
    QTest::newRow("missing closing quote")
        << QByteArray("{\"a\": \"abc}") << 1 << 7
        << QStringLiteral("unexpected end of file inside a string (missing closing quote)");
    QTest::newRow("unquoted key") << QByteArray("{a: 1}") << 1 << 2
                                  << QStringLiteral("expected a member name in double quotes but found 'a'");
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << 1 << 6
                                   << QStringLiteral("expected ':' after member name \"a\" but found '1'");
    QTest::newRow("missing comma") << QByteArray("[1 2]") << 1 << 4
                                   << QStringLiteral("expected ',' or ']' but found '2'");
    QTest::newRow("bad escape") << QByteArray("[\"ab\\x\"]") << 1 << 5
                                << QStringLiteral("invalid escape '\\x' in a string");
    QTest::newRow("bad unicode escape") << QByteArray("[\"\\u12G4\"]") << 1 << 7
                                        << QStringLiteral("invalid \\u escape: expected four hex digits");
    QTest::newRow("leading zeros") << QByteArray("[01]") << 1 << 3
                                   << QStringLiteral("invalid number: leading zeros are not allowed");
    QTest::newRow("negative leading zeros")
        << QByteArray("[-007]") << 1 << 4 << QStringLiteral("invalid number: leading zeros are not allowed");
    QTest::newRow("bare minus") << QByteArray("[-]") << 1 << 3
                                << QStringLiteral("invalid number: expected a digit");
    QTest::newRow("bare decimal point")
        << QByteArray("[1.]") << 1 << 4
        << QStringLiteral("invalid number: expected a digit after the decimal point");
    QTest::newRow("bare exponent") << QByteArray("[1e+]") << 1 << 5
                                   << QStringLiteral("invalid number: expected a digit in the exponent");
    QTest::newRow("plus sign") << QByteArray("[+1]") << 1 << 2
                               << QStringLiteral("expected a value but found '+'");
    QTest::newRow("NaN") << QByteArray("[NaN]") << 1 << 2 << QStringLiteral("expected a value but found 'N'");
    QTest::newRow("invalid UTF-8 C3 28")
        << QByteArray("[\"\xC3\x28\"]") << 1 << 3 << QStringLiteral("invalid UTF-8 (byte 0xc3)");
    QTest::newRow("invalid UTF-8 FF")
        << QByteArray("{\n \"k\": \"ab\xFF\"}") << 2 << 10 << QStringLiteral("invalid UTF-8 (byte 0xff)");
    QTest::newRow("overlong UTF-8") << QByteArray("[\"\xC0\xAF\"]") << 1 << 3
                                    << QStringLiteral("invalid UTF-8 (byte 0xc0)");
    QTest::newRow("UTF-8 surrogate") << QByteArray("[\"\xED\xA0\x80\"]") << 1 << 3
                                     << QStringLiteral("invalid UTF-8 sequence");
    QTest::newRow("truncated UTF-8") << QByteArray("[\"\xE2\x82") << 1 << 3
                                     << QStringLiteral("invalid UTF-8: truncated sequence");
    QTest::newRow("UTF-8 byte outside a string")
        << QByteArray("[\xFF]") << 1 << 2 << QStringLiteral("expected a value but found byte 0xff");
    // Columns count characters: "é" is one column though it takes two bytes.
    QTest::newRow("column counts characters") << QByteArray("[\"\xC3\xA9\xC3\xA9\", x]") << 1 << 8
                                              << QStringLiteral("expected a value but found 'x'");
    QTest::newRow("lone high surrogate")
        << QByteArray("[\"\\ud83d\"]") << 1 << 3 << QStringLiteral("lone UTF-16 surrogate in a \\u escape");
    QTest::newRow("high surrogate then letter")
        << QByteArray("[\"\\ud83dx\"]") << 1 << 3 << QStringLiteral("lone UTF-16 surrogate in a \\u escape");
    QTest::newRow("two high surrogates") << QByteArray("[\"\\ud83d\\ud83d\"]") << 1 << 3
                                         << QStringLiteral("lone UTF-16 surrogate in a \\u escape");
    QTest::newRow("lone low surrogate") << QByteArray("[\"ok\",\n\"\\ude00\"]") << 2 << 2
                                        << QStringLiteral("lone UTF-16 surrogate in a \\u escape");
    QTest::newRow("raw tab in string")
        << QByteArray("[\"a\tb\"]") << 1 << 4
        << QStringLiteral("control character (0x09) inside a string; write it as an escape");
    QTest::newRow("raw newline in string")
        << QByteArray("[\"a\nb\"]") << 1 << 4
        << QStringLiteral("control character (0x0a) inside a string; write it as an escape");
    QTest::newRow("raw NUL in string")
        << QByteArray("[\"a\0b\"]", 7) << 1 << 4
        << QStringLiteral("control character (0x00) inside a string; write it as an escape");
    QTest::newRow("trailing garbage")
        << QByteArray("{} x") << 1 << 4 << QStringLiteral("unexpected text after the end of the document");
    QTest::newRow("two documents") << QByteArray("{}\n{}") << 2 << 1
                                   << QStringLiteral("unexpected text after the end of the document");
    QTest::newRow("single quotes") << QByteArray("['a']") << 1 << 2
                                   << QStringLiteral("expected a value but found '''");
    QTest::newRow("comment") << QByteArray("{\n// no\n}") << 2 << 1
                             << QStringLiteral("expected a member name in double quotes but found '/'");
    QTest::newRow("error after BOM") << QByteArray("\xEF\xBB\xBF[1,]") << 1 << 4
                                     << QStringLiteral("trailing comma before ']'");
    QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << 1 << 1
                              << QStringLiteral("unexpected end of file: the document is truncated");
    QTest::newRow("CRLF lines") << QByteArray("{\r\n\"a\": 1,\r\n}") << 3 << 1
                                << QStringLiteral("trailing comma before '}'");
}

void TestJson::parseErrors() {
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    JsonParseError e;
    const auto v = parseJson(input, &e);
    QVERIFY(!v.has_value());
    QCOMPARE(e.message, message);
    QCOMPARE(e.line, line);
    QCOMPARE(e.column, column);
    QVERIFY(e.offset >= 0 && e.offset <= input.size());
    // Without an error object the parser still just fails.
    QVERIFY(!parseJson(input).has_value());
}

void TestJson::deepNesting() {
    for (const char open : {'[', '{'}) {
        QByteArray deep;
        if (open == '[')
            deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        else
            deep = QByteArray("{\"a\":").repeated(100000) + "1" + QByteArray(100000, '}');
        JsonParseError e;
        const auto v = parseJson(deep, &e);
        QVERIFY(!v.has_value());
        QCOMPARE(e.message, QStringLiteral("nesting deeper than 256 levels"));
        QCOMPARE(e.line, 1);
        // The 257th opening bracket is the offending byte.
        QCOMPARE(e.column, open == '[' ? 257 : 256 * 5 + 1);
    }
    // Only opening brackets, never closed: same clear message, no crash.
    JsonParseError e;
    QVERIFY(!parseJson(QByteArray(100000, '['), &e));
    QCOMPARE(e.message, QStringLiteral("nesting deeper than 256 levels"));
}

void TestJson::depthLimitIsExact() {
    const QByteArray ok = QByteArray(256, '[') + QByteArray(256, ']');
    QVERIFY(parseJson(ok).has_value());
    const QByteArray over = QByteArray(257, '[') + QByteArray(257, ']');
    QVERIFY(!parseJson(over).has_value());

    JsonParseOptions opt;
    opt.maxDepth = 3;
    QVERIFY(parseJson("[[{\"a\":1}]]", nullptr, opt).has_value());
    JsonParseError e;
    QVERIFY(!parseJson("[[[[1]]]]", &e, opt).has_value());
    QCOMPARE(e.message, QStringLiteral("nesting deeper than 3 levels"));
    QCOMPARE(e.column, 4);
}

void TestJson::bomAccepted() {
    const auto v = parseJson("\xEF\xBB\xBF{\"a\": \"\xC3\xA9\"}");
    QVERIFY(v.has_value());
    QCOMPARE((*v)[u"a"].toString(), QStringLiteral("é"));
    // The writer does not add a BOM.
    QVERIFY(!writeJson(*v).startsWith("\xEF\xBB\xBF"));
    // A BOM anywhere else is not whitespace.
    QVERIFY(!parseJson("{}\xEF\xBB\xBF").has_value());
}

void TestJson::errorToString() {
    JsonParseError e;
    QVERIFY(!parseJson("[1,2,]", &e));
    QCOMPARE(e.toString(), QStringLiteral("line 1, column 6: trailing comma before ']'"));
}

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
