// SPDX-License-Identifier: MIT
// The "why" line (core/engine/whyline.h) on the Brooklyn sample and on run objects that lack parts of it,
// and the plain words of codes it and the window use (core/engine/plainwords.h).
#include "testsupport.h"

#include "engine/engine.h"
#include "engine/plainwords.h"
#include "engine/whyline.h"

#include <QTest>

using namespace pw;

namespace {

JsonValue brooklynRun() {
    EngineOptions o;
    o.now = test::fixedNow();
    o.top = 100;
    const EngineRun r =
        runEngine(test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json"))), o);
    if (!r.ok()) qFatal("Brooklyn sample did not validate");
    return *r.run;
}

JsonValue parse(const QByteArray &text) {
    JsonParseError e;
    auto v = parseJson(text, &e);
    if (!v) qFatal("bad test JSON: %s", qPrintable(e.toString()));
    return *v;
}

// A solution of a hand-built run: carriers per line ("home:Acme Mutual"), costs, change, gap lists and
// dimension scores (pricing, coverage, financial, appetite, placement, service; weights as balanced).
QByteArray solution(int rank, const QByteArray &offerings, double low, const QByteArray &change,
                    const QByteArray &closed, const QByteArray &open, const QByteArray &added,
                    const QList<double> &scores, bool qualified = true, const QByteArray &blockedDim = {}) {
    static const char *dims[] = {"pricing", "coverage", "financial", "appetite", "placement", "service"};
    static const double weights[] = {.25, .25, .15, .15, .10, .10};
    QByteArray d;
    for (int i = 0; i < 6; ++i)
        d += (i ? "," : "") + QByteArray("\"") + dims[i] + "\":{\"score\":" + QByteArray::number(scores[i]) +
             ",\"weight\":" + QByteArray::number(weights[i]) +
             ",\"blocked\":" + (blockedDim == dims[i] ? "true" : "false") + "}";
    return "{\"rank\":" + QByteArray::number(rank) +
           ",\"cluster_label\":\"best_value\",\"label_winner\":" + (rank == 2 ? "true" : "false") +
           ",\"offerings\":" + offerings + ",\"est_cost_low\":" + QByteArray::number(low) +
           ",\"est_cost_high\":" + QByteArray::number(low) + ",\"change_vs_current\":" + change +
           ",\"gaps_closed\":" + closed + ",\"gaps_open\":" + open + ",\"gaps_new\":" + added +
           ",\"scorecard\":{\"qualified\":" + (qualified ? "true" : "false") + ",\"dimensions\":{" + d +
           "}}}";
}

QByteArray offerings(const QByteArray &homeCarrier, const QByteArray &autoCarrier) {
    QByteArray out = "[{\"category\":\"home\",\"provider_name\":\"" + homeCarrier + "\"}";
    if (!autoCarrier.isEmpty()) out += ",{\"category\":\"auto\",\"provider_name\":\"" + autoCarrier + "\"}";
    return out + "]";
}

const QByteArray kAnalysis =
    "\"coverage_analysis\":{\"gaps\":[{\"rule_id\":\"home.no_water_backup\"},{\"rule_id\":\"auto.bi_low\"},"
    "{\"rule_id\":\"deductible.above_cash_reserve\",\"line\":\"home\"},"
    "{\"rule_id\":\"deductible.above_cash_reserve\",\"line\":\"auto\"}]}";

} // namespace

class TestWhyLine : public QObject {
    Q_OBJECT
private slots:
    void brooklyn_data();
    void brooklyn();
    void handBuilt_data();
    void handBuilt();
    void longNamesAreCutAtAGrapheme_data();
    void longNamesAreCutAtAGrapheme();
    void filterReasons_data();
    void filterReasons();
    void words_data();
    void words();
};

void TestWhyLine::brooklyn_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("expected");
    // Every figure is the run's: $2,632 = change_vs_current 2631.77, $680 = 6620 - 5940 (est_cost_low),
    // 5 = today's gaps, "umbrella below net worth" = the runner-up's gaps_new, and the dimensions where
    // the runner-up scores lower (financial 80 < 100, placement 70 < 100, service 40 < 60).
    QTest::newRow("first")
        << 0
        << QStringLiteral("Harborview for all three lines: closes all 5 gaps, +$2,632 a year against "
                          "today; Keystone/Harborview/Keystone saves $86 – $680 but opens a gap (umbrella "
                          "below net worth) and is weaker on financial strength, placement and service");
    QTest::newRow("second")
        << 1
        << QStringLiteral("Keystone/Harborview/Keystone, best value, ranked 2nd of 48: closes all 5 "
                          "gaps but opens one (umbrella below net worth), +$1,952 a year against "
                          "today; against Harborview for all three lines it saves $86 – $680 but is weaker "
                          "on financial strength, placement and service");
    QTest::newRow("past the end") << 100 << QString();
}

void TestWhyLine::brooklyn() {
    QFETCH(int, index);
    QFETCH(QString, expected);
    QCOMPARE(whyLine(brooklynRun(), index), expected);
}

void TestWhyLine::handBuilt_data() {
    QTest::addColumn<QByteArray>("run");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("expected");
    const QList<double> good = {90, 100, 100, 100, 100, 60};
    const QByteArray acme = offerings("Acme Mutual", "Acme Mutual");
    const QByteArray mixed = offerings("Beta Insurance Company", "Gamma Casualty");

    QTest::newRow("no analysis, no current premium, one solution")
        << "{\"output\":{},\"solutions\":[" + solution(1, acme, 6620, "null", "[]", "[]", "[]", good) + "]}"
        << 0 << QStringLiteral("Acme for both lines: $6,620 a year");
    QTest::newRow("a name past 40 characters is cut")
        << "{\"output\":{},\"solutions\":[" +
               solution(1, offerings(QByteArray(60, 'W') + " Mutual", {}), 100, "null", "[]", "[]", "[]",
                        good) +
               "]}"
        << 0 << QString(QString(40, u'W') + QStringLiteral("… for home: $100 a year"));
    QTest::newRow("one line") << "{\"output\":{},\"solutions\":[" +
                                     solution(1, offerings("Acme Mutual", {}), 1890.5, "null", "[]", "[]",
                                              "[]", good) +
                                     "]}"
                              << 0 << QStringLiteral("Acme for home: $1,891 a year");
    const QByteArray partly =
        "{\"output\":{" + kAnalysis + "},\"solutions\":[" +
        solution(1, acme, 5000, "-410.4", "[\"home.no_water_backup\"]",
                 "[\"auto.bi_low\",\"deductible.above_cash_reserve\"]", "[]", good) +
        "," +
        solution(2, mixed, 5120, "-290.4", "[]",
                 "[\"home.no_water_backup\",\"auto.bi_low\",\"deductible.above_cash_reserve\"]", "[]",
                 {90, 80, 100, 100, 100, 60}) +
        "]}";
    QTest::newRow("closes some, cheaper than today, runner-up dearer")
        << partly << 0
        << QStringLiteral(
               "Acme for both lines: closes 1 of 3 gaps (leaves low auto liability and deductible above cash "
               "reserve open), $410 a year less than today; Beta/Gamma costs $120 more, leaves water backup "
               "open and is weaker on coverage");
    QTest::newRow("second, dearer than the first")
        << partly << 1
        << QStringLiteral(
               "Beta/Gamma, best value, ranked 2nd of 2: closes none of today's 3 gaps, $290 a year "
               "less than today; against Acme for both lines it costs $120 more and is weaker on "
               "coverage");
    QTest::newRow("runner-up disqualified")
        << "{\"output\":{\"coverage_analysis\":{\"gaps\":[]}},\"solutions\":[" +
               solution(1, acme, 5000, "0.3", "[]", "[]", "[]", good) + "," +
               solution(2, mixed, 4500, "-499.7", "[]", "[]", "[]", {100, 100, 20, 100, 70, 60}, false,
                        "financial") +
               "]}"
        << 0
        << QStringLiteral("Acme for both lines: no gaps today, the same cost as today; Beta/Gamma saves $500 "
                          "but is disqualified on financial strength and is weaker on placement");
    QTest::newRow("no complete package")
        << QByteArray("{\"output\":{\"message\":\"No complete package: no eligible offering for auto.\"},"
                      "\"solutions\":[]}")
        << 0 << QStringLiteral("No complete package: no eligible offering for auto.");
    QTest::newRow("negative index") << QByteArray("{\"output\":{},\"solutions\":[]}") << -1 << QString();
}

void TestWhyLine::handBuilt() {
    QFETCH(QByteArray, run);
    QFETCH(int, index);
    QFETCH(QString, expected);
    QCOMPARE(whyLine(parse(run), index), expected);
}

void TestWhyLine::longNamesAreCutAtAGrapheme_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("shown");
    const QString accented = QStringLiteral("e\u0301"); // é as e + combining acute
    const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467"); // one ZWJ emoji
    const QString flag = QStringLiteral("\U0001F1FA\U0001F1F8"); // one flag, two code points
    // At most 40 graphemes: a name under that is whole, however many code units it takes.
    QTest::newRow("30 accented letters, 60 code units, whole")
        << accented.repeated(30) << accented.repeated(30);
    QTest::newRow("12 family emoji, 96 code units, whole") << family.repeated(12) << family.repeated(12);
    QTest::newRow("40 flags, whole") << flag.repeated(40) << flag.repeated(40);
    // 500 characters: cut after the 40th grapheme, never between a letter and its mark or inside an emoji.
    QTest::newRow("500 accented letters") << accented.repeated(500) << accented.repeated(40) + u'…';
    QTest::newRow("500 emoji families") << family.repeated(500) << family.repeated(40) + u'…';
    QTest::newRow("500 flags") << flag.repeated(250) << flag.repeated(40) + u'…';
    QTest::newRow("500 letters, no space") << QString(500, u'W') << QString(40, u'W') + u'…';
    QTest::newRow("mixed, no space") << QString(QStringLiteral("Zu") + accented + family).repeated(100)
                                     << QString(QStringLiteral("Zu") + accented + family).repeated(10) + u'…';
    // A space in the second half of the cut: before it, and no separator dangles before the "…".
    QTest::newRow("cut at a space")
        << QStringLiteral("Harborview Mutual of Greater Brooklyn and Queens Underwriters Exchange")
        << QStringLiteral("Harborview Mutual of Greater Brooklyn…");
    QTest::newRow("no dangling comma")
        << QStringLiteral("Keystone Harborview Granite Northpoint, Bayside Carriers of New York")
        << QStringLiteral("Keystone Harborview Granite Northpoint…");
}

void TestWhyLine::longNamesAreCutAtAGrapheme() {
    QFETCH(QString, name);
    QFETCH(QString, shown);
    const QList<double> good = {90, 100, 100, 100, 100, 60};
    const QByteArray run = "{\"output\":{},\"solutions\":[" +
                           solution(1, offerings(name.toUtf8(), {}), 100, "null", "[]", "[]", "[]", good) +
                           "]}";
    QCOMPARE(whyLine(parse(run), 0), shown + QStringLiteral(" for home: $100 a year"));
}

void TestWhyLine::filterReasons_data() {
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("expiresAt");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QString>("expected");
    const QDate nov20(2026, 11, 20);
    QTest::newRow("state") << "state_excluded" << QString() << " ny " << nov20 << "Not written in NY";
    QTest::newRow("state unknown") << "state_excluded" << QString() << "" << nov20
                                   << "Not written in this state";
    QTest::newRow("expired this year") << "quote_expired"
                                       << "2026-10-31T23:59:59Z"
                                       << "NY" << nov20 << "Quote expired Oct 31";
    QTest::newRow("expired last year") << "quote_expired"
                                       << "2026-10-31T23:59:59Z"
                                       << "NY" << QDate(2027, 1, 5) << "Quote expired Oct 31, 2026";
    QTest::newRow("expired, date unreadable") << "quote_expired"
                                              << "soon"
                                              << "NY" << nov20 << "Quote expired";
    QTest::newRow("no premium") << "no_premium" << QString() << "NY" << nov20 << "No usable premium";
    QTest::newRow("naics") << "naics_prohibited" << QString() << "NY" << nov20
                           << "Business type not accepted";
    QTest::newRow("vehicles") << "vehicle_count_short" << QString() << "NY" << nov20
                              << "Quotes fewer vehicles than the household has";
    QTest::newRow("a newer code") << "carrier_moratorium" << QString() << "NY" << nov20
                                  << "Carrier moratorium";
}

void TestWhyLine::filterReasons() {
    QFETCH(QString, reason);
    QFETCH(QString, expiresAt);
    QFETCH(QString, state);
    QFETCH(QDate, today);
    QFETCH(QString, expected);
    JsonValue offering = JsonValue::object();
    JsonValue attributes = JsonValue::object();
    attributes.insert(QStringLiteral("quote_expires_at"), expiresAt);
    offering.insert(QStringLiteral("attributes"), attributes);
    QCOMPARE(filterReasonText(reason, offering, state, today), expected);
}

void TestWhyLine::words_data() {
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    QTest::newRow("1 error") << countText(1, QStringLiteral("error")) << "1 error";
    QTest::newRow("2 warnings") << countText(2, QStringLiteral("warning")) << "2 warnings";
    QTest::newRow("0 errors") << countText(0, QStringLiteral("error")) << "0 errors";
    QTest::newRow("thousands") << countText(1234, QStringLiteral("package")) << "1,234 packages";
    QTest::newRow("irregular") << countText(3, QStringLiteral("policy"), QStringLiteral("policies"))
                               << "3 policies";
    QTest::newRow("1st") << ordinalText(1) << "1st";
    QTest::newRow("2nd") << ordinalText(2) << "2nd";
    QTest::newRow("3rd") << ordinalText(3) << "3rd";
    QTest::newRow("4th") << ordinalText(4) << "4th";
    QTest::newRow("11th") << ordinalText(11) << "11th";
    QTest::newRow("12th") << ordinalText(12) << "12th";
    QTest::newRow("13th") << ordinalText(13) << "13th";
    QTest::newRow("21st") << ordinalText(21) << "21st";
    QTest::newRow("112th") << ordinalText(112) << "112th";
    QTest::newRow("join one") << joinWords({QStringLiteral("a")}) << "a";
    QTest::newRow("join two") << joinWords({QStringLiteral("a"), QStringLiteral("b")}) << "a and b";
    QTest::newRow("join three") << joinWords({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
                                << "a, b and c";
    QTest::newRow("carrier mutual") << shortCarrierName(QStringLiteral("Harborview Mutual")) << "Harborview";
    QTest::newRow("carrier two words")
        << shortCarrierName(QStringLiteral("Granite State Casualty")) << "Granite State";
    QTest::newRow("carrier many") << shortCarrierName(QStringLiteral("Liberty Mutual Insurance Co."))
                                  << "Liberty";
    QTest::newRow("carrier corporate only")
        << shortCarrierName(QStringLiteral("Insurance Company")) << "Insurance";
    QTest::newRow("enum") << codeWords(QStringLiteral("domestic_partner")) << "domestic partner";
    QTest::newRow("label") << labelWords(QStringLiteral("best_coverage")) << "best coverage";
    QTest::newRow("gap title") << gapTitle(QStringLiteral("home.no_water_backup"))
                               << "No water backup coverage";
    QTest::newRow("gap title unknown") << gapTitle(QStringLiteral("home.roof_age")) << "Home roof age";
    QTest::newRow("gap phrase unknown") << gapPhrase(QStringLiteral("home.roof_age")) << "roof age";
    QTest::newRow("dimension") << dimensionHeading(QStringLiteral("financial")) << "Financial strength";
    QTest::newRow("ignored") << ignoredReasonText(QStringLiteral("renters")) << "Not requested: renters";
}

void TestWhyLine::words() {
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestWhyLine)
#include "tst_whyline.moc"
