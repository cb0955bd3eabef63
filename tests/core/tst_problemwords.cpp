// SPDX-License-Identifier: MIT
// Validation problems in words (core/engine/problemwords.h): where a JSON path points, named from the
// case (offering → carrier and line, driver → name, vehicle → year make model), and timestamps in
// messages as dates; the Brooklyn sample's own problems read as the Problems dock shows them.
#include "testsupport.h"

#include "engine/problemwords.h"
#include "engine/profile.h"
#include "io/validation.h"

#include <QRegularExpression>
#include <QTest>

using namespace pw;

namespace {

JsonValue parse(const QByteArray &text) {
    JsonParseError e;
    auto v = parseJson(text, &e);
    if (!v) qFatal("bad test JSON: %s", qPrintable(e.toString()));
    return *v;
}

const QByteArray kCase = R"({
  "input": {
    "drivers": [
      {"first_name": "Dana", "last_name": "Okafor"},
      {"first_name": "Sam", "last_name": "Okafor"},
      {"first_name": "", "last_name": ""}
    ],
    "vehicles_detail": [{"year": 2022, "make": "Subaru", "model": "Outback"}],
    "address": {"zip_code": "1123"},
    "insurance_history": {"lapses": [{"days": 40}], "non_renewals": [{"date": "x"}]}
  },
  "offerings": [
    {"provider_name": "Harborview Mutual", "category": "home"},
    {"provider_id": "prov_keystone", "category": "umbrella"},
    {"provider_name": "Evil\u202eCorp\nInsurance", "category": "auto"},
    {}
  ]
})";

} // namespace

class TestProblemWords : public QObject {
    Q_OBJECT
private slots:
    void place_data();
    void place();
    void dates_data();
    void dates();
    void sampleProblemsReadAsWords();
};

void TestProblemWords::place_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("words");
    QTest::newRow("file") << ""
                          << "The case file";
    QTest::newRow("offering field") << "offerings[0].attributes.quote_expires_at"
                                    << "Offering 1 (Harborview home), quote expiry";
    QTest::newRow("offering coverage field") << "offerings[0].coverage.bi_per_person"
                                             << "Offering 1 (Harborview home), bodily injury per person";
    QTest::newRow("offering by id") << "offerings[1].attributes.line_premium_annual"
                                    << "Offering 2 (prov_keystone umbrella), annual premium";
    QTest::newRow("offering hostile name") << "offerings[2].category"
                                           << "Offering 3 (Evil\\u202eCorp auto), line";
    QTest::newRow("offering without names") << "offerings[3].attributes.quote_id"
                                            << "Offering 4, quote ID";
    QTest::newRow("offering the case lacks") << "offerings[12]"
                                             << "Offering 13";
    QTest::newRow("offerings list") << "offerings"
                                    << "Offerings";
    QTest::newRow("offering list field") << "offerings[0].coverage.endorsements[2]"
                                         << "Offering 1 (Harborview home), endorsement 3";
    QTest::newRow("driver") << "input.drivers[1].date_of_birth"
                            << "Driver 2 (Sam Okafor), date of birth";
    QTest::newRow("driver without name") << "input.drivers[2].years_licensed"
                                         << "Driver 3, years licensed";
    QTest::newRow("driver the case lacks") << "input.drivers[7]"
                                           << "Driver 8";
    QTest::newRow("driver field words") << "input.drivers[0].violations_5yr"
                                        << "Driver 1 (Dana Okafor), violations in 5 years";
    QTest::newRow("vehicle") << "input.vehicles_detail[0].vin"
                             << "Vehicle 1 (2022 Subaru Outback), VIN";
    QTest::newRow("address") << "input.address.zip_code"
                             << "Address, ZIP code";
    QTest::newRow("section") << "input.applicant.date_of_birth"
                             << "Applicant, date of birth";
    QTest::newRow("lapse") << "input.insurance_history.lapses[0].days"
                           << "Insurance history, lapse 1, days";
    QTest::newRow("non-renewal") << "input.insurance_history.non_renewals[0].date"
                                 << "Insurance history, non-renewal 1, date";
    QTest::newRow("requested lines") << "input.coverage_types"
                                     << "Requested lines";
    QTest::newRow("requested line item") << "input.coverage_types[1]"
                                         << "Requested lines, item 2";
    QTest::newRow("premium") << "input.premium"
                             << "Current total premium";
    QTest::newRow("unknown section") << "input.pet_details.breed"
                                     << "Pet details, breed";
    QTest::newRow("malformed") << "offerings[x"
                               << "offerings[x";
}

void TestProblemWords::place() {
    QFETCH(QString, path);
    QFETCH(QString, words);
    QCOMPARE(problemPlace(parse(kCase), path), words);
}

void TestProblemWords::dates_data() {
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("words");
    QTest::newRow("two dates") << "quote q1 expired 2026-10-31T23:59:59Z, before it was generated "
                                  "(2026-11-20T15:04:00Z)"
                               << "quote q1 expired Oct 31, 2026, before it was generated (Nov 20, 2026)";
    QTest::newRow("date alone") << "date of birth 2031-02-03 is in the future"
                                << "date of birth Feb 3, 2031 is in the future";
    QTest::newRow("same day keeps times")
        << "expired 2026-11-20T10:00:00Z, before it was generated (2026-11-20T15:04:30Z)"
        << "expired Nov 20, 2026 10:00 UTC, before it was generated (Nov 20, 2026 15:04:30 UTC)";
    QTest::newRow("offset as stated, not converted") << "expires 2026-11-01T01:30:00+05:00"
                                                     << "expires Nov 1, 2026";
    QTest::newRow("same day with offset") << "a 2026-11-01T01:30:00+05:00 b 2026-11-01T09:00:00.250Z"
                                          << "a Nov 1, 2026 01:30 UTC+05:00 b Nov 1, 2026 09:00 UTC";
    QTest::newRow("fraction of a second") << "at 2026-03-04T05:06:07.123Z"
                                          << "at Mar 4, 2026";
    QTest::newRow("not a date") << "month 2026-13-45 and 2026-02-30"
                                << "month 2026-13-45 and 2026-02-30";
    QTest::newRow("inside an id") << "quote quote_2026-10-31_a expired"
                                  << "quote quote_2026-10-31_a expired";
    QTest::newRow("longer number") << "serial 12026-10-311"
                                   << "serial 12026-10-311";
    QTest::newRow("no dates") << "premium must be positive"
                              << "premium must be positive";
}

void TestProblemWords::dates() {
    QFETCH(QString, message);
    QFETCH(QString, words);
    QCOMPARE(readableDates(message), words);
}

void TestProblemWords::sampleProblemsReadAsWords() {
    const JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    const Problems problems = validateCase(root, test::fixedNow(), defaultProfile()).problems;
    bool expiry = false;
    for (const Problem &p : problems) {
        const QString words = problemInWords(root, p);
        QVERIFY2(!words.contains(QStringLiteral("offerings[")) && !words.contains(QStringLiteral("input.")),
                 qPrintable(words));
        QVERIFY2(!words.contains(QRegularExpression(QStringLiteral(R"(\d{4}-\d{2}-\d{2}T)"))),
                 qPrintable(words));
        if (p.path == u"offerings[12].attributes.quote_expires_at") {
            QVERIFY2(words.startsWith(QStringLiteral("Offering 13 (Northpoint auto), quote expiry: ")),
                     qPrintable(words));
            QVERIFY2(words.contains(QStringLiteral("expired Oct 31, 2026")), qPrintable(words));
            expiry = true;
        }
    }
    QVERIFY(expiry);
}

QTEST_MAIN(TestProblemWords)
#include "tst_problemwords.moc"
