// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include "io/casefile.h"
#include "io/jsonpath.h"
#include "io/offeringimport.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

class TestOfferingImport : public QObject {
    Q_OBJECT
private slots:
    void delimitedParsing();
    void columnLetters();
    void friendlySpreadsheet();
    void dottedPathsSample();
    void pastedRowsWithoutHeader();
    void badCellsReportedByColumn_data();
    void badCellsReportedByColumn();
    void idsAvoidExisting();
    void jsonImport();
    void jsonPathEdits();
    void cliImport();
    void cliImportNeverTouchesCase();
    void cliImportExitCodes_data();
    void cliImportExitCodes();
    void idsStayLinear();
    void headerlessPasteKeepsItsOrder();
};

void TestOfferingImport::delimitedParsing() {
    std::vector<int> rows;
    const auto r =
        parseDelimitedText(QStringLiteral("a,\"b,c\",\"d \"\"q\"\"\"\r\n\r\n1,\"x\ny\",3\n"), u',', &rows);
    QCOMPARE(r.size(), size_t(2));
    QCOMPARE(r[0], QStringList({QStringLiteral("a"), QStringLiteral("b,c"), QStringLiteral("d \"q\"")}));
    QCOMPARE(r[1][1], QStringLiteral("x\ny"));
    QCOMPARE(rows, std::vector<int>({1, 3}));
    QCOMPARE(guessDelimiter(QStringLiteral("a\tb\n")), QChar(u'\t'));
    QCOMPARE(guessDelimiter(QStringLiteral("a,b\n")), QChar(u','));
}

void TestOfferingImport::columnLetters() {
    QCOMPARE(columnLetter(0), QStringLiteral("A"));
    QCOMPARE(columnLetter(3), QStringLiteral("D"));
    QCOMPARE(columnLetter(26), QStringLiteral("AA"));
}

void TestOfferingImport::friendlySpreadsheet() {
    const OfferingImport imp =
        importOfferingFile(test::samplePath(QStringLiteral("spreadsheet-quotes.csv")), {});
    QCOMPARE(imp.headerKind, OfferingImport::HeaderKind::Friendly);
    QCOMPARE(int(imp.rows.size()), 4);
    QCOMPARE(imp.acceptedCount(), 3);
    const JsonValue first = imp.rows[0].offering;
    QCOMPARE(first[u"provider_name"].toString(), QStringLiteral("Lakeshore Mutual"));
    QCOMPARE(first[u"provider_id"].toString(), QStringLiteral("prov_lakeshore_mutual"));
    QCOMPARE(first[u"category"].toString(), QStringLiteral("home"));
    QCOMPARE(first[u"coverage"][u"product_name"].toString(), QStringLiteral("Lakeshore HO-3"));
    QCOMPARE(first[u"attributes"][u"line_premium_annual"].toDouble(), 3240.0);
    QCOMPARE(first[u"attributes"][u"package_premium_annual"].toDouble(), 5610.0);
    QCOMPARE(first[u"commission"].toDouble(), 0.13);
    QCOMPARE(first[u"quality_rating"].toString(), QStringLiteral("A"));
    QCOMPARE(first[u"attributes"][u"quote_expires_at"].toString(), QStringLiteral("2027-01-15T23:59:59Z"));
    QCOMPARE(imp.rows[1].offering[u"attributes"][u"line_premium_annual"].toDouble(), 1790.0);
    QCOMPARE(imp.rows[2].offering[u"attributes"][u"line_premium_annual"].toDouble(), 580.0);
    QCOMPARE(first[u"id"].toString(), QStringLiteral("quote_line_lakeshore_mutual_home_001"));

    // The last row's premium is "n/a": reported with its spreadsheet row and column, not imported.
    const ImportedRow &bad = imp.rows[3];
    QVERIFY(!bad.accepted());
    QCOMPARE(bad.row, 5);
    QCOMPARE(bad.issues.size(), size_t(1));
    QCOMPARE(bad.issues[0].column, 3);
    QCOMPARE(bad.issues[0].columnName, QStringLiteral("Premium"));
    QCOMPARE(bad.issues[0].toString(), QStringLiteral("row 5, column D (Premium): \"n/a\" is not an amount"));
    QCOMPARE(imp.acceptedOfferings().size(), 3);
}

void TestOfferingImport::dottedPathsSample() {
    const JsonValue sample = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    const OfferingImport imp =
        importOfferingFile(test::samplePath(QStringLiteral("brooklyn-offerings.csv")), {});
    QCOMPARE(imp.headerKind, OfferingImport::HeaderKind::JsonPaths);
    QCOMPARE(imp.rejectedCount(), 0);
    QCOMPARE(int(imp.rows.size()), 13);
    QVERIFY(imp.fileIssues.empty());
    // Every imported offering carries the same values as the sample case's (the CSV drops only the renters
    // row).
    for (const ImportedRow &row : imp.rows) {
        const QString id = row.offering[u"id"].toString();
        const JsonValue *orig = nullptr;
        for (const auto &o : sample[u"offerings"].arrayItems())
            if (o[u"id"].toString() == id) orig = &o;
        QVERIFY2(orig, qPrintable(id));
        for (const char *path :
             {"provider_id", "category", "quality_rating", "pricing_tier", "commission",
              "attributes.line_premium_annual", "attributes.package_premium_annual",
              "attributes.quote_expires_at", "coverage.dwelling_limit", "coverage.wind_hail_deductible",
              "coverage.settlement", "coverage.bi_per_person", "coverage.umbrella_limit",
              "coverage.required_underlying.home_liability", "constraints.excluded_states"}) {
            const QString p = QString::fromLatin1(path);
            // An empty cell is "not stated"; the case file writes an empty list there.
            if (jsonValueAt(*orig, p).isArray() && jsonValueAt(*orig, p).size() == 0 &&
                jsonValueAt(row.offering, p).isNull())
                continue;
            QVERIFY2(jsonValueAt(row.offering, p) == jsonValueAt(*orig, p), qPrintable(id + u' ' + p));
        }
    }
    QCOMPARE(imp.rows[8].offering[u"constraints"][u"excluded_states"].size(), 2);
}

void TestOfferingImport::pastedRowsWithoutHeader() {
    const QString tsv = QStringLiteral("Acme Mutual\thome\tAcme HO-3\t$2,100.00\tA\tstandard\t12%\n"
                                       "Acme Mutual\tauto\tAcme Auto\t1,450\tA\tstandard\t0.11\n");
    const OfferingImport imp = importOfferingTable(tsv, {});
    QCOMPARE(imp.headerKind, OfferingImport::HeaderKind::None);
    QCOMPARE(imp.acceptedCount(), 2);
    QCOMPARE(imp.rows[0].row, 1);
    QCOMPARE(imp.rows[1].offering[u"attributes"][u"line_premium_annual"].toDouble(), 1450.0);
    QCOMPARE(imp.rows[1].offering[u"commission"].toDouble(), 0.11);
}

void TestOfferingImport::badCellsReportedByColumn_data() {
    QTest::addColumn<QString>("row");
    QTest::addColumn<QString>("expected");
    QTest::newRow("premium text") << QStringLiteral("Acme,home,P,call me,A,standard,12%")
                                  << QStringLiteral(
                                         "row 2, column D (Premium): \"call me\" is not an amount");
    QTest::newRow("commission") << QStringLiteral("Acme,home,P,100,A,standard,130%")
                                << QStringLiteral(
                                       "row 2, column G (Commission %): commission 130% is outside 0–100 %");
    QTest::newRow("no carrier") << QStringLiteral(",home,P,100,A,standard,12%")
                                << QStringLiteral("row 2: no carrier: the row names no Carrier");
    QTest::newRow("no premium") << QStringLiteral("Acme,home,P,,A,standard,12%")
                                << QStringLiteral("row 2: no premium: the row states no Premium");
    QTest::newRow("date")
        << QStringLiteral("Acme,home,P,100,A,standard,12%,,,,January 31")
        << QStringLiteral("row 2, column K (Expires): \"January 31\" is not a date (write YYYY-MM-DD)");
}

void TestOfferingImport::badCellsReportedByColumn() {
    QFETCH(QString, row);
    QFETCH(QString, expected);
    const QString csv =
        QStringLiteral("Carrier,Line,Product,Premium,AM Best,Tier,Commission %,Package ID,Package "
                       "Premium,Quote ID,Expires\n") +
        row + u'\n';
    const OfferingImport imp = importOfferingTable(csv, {});
    QCOMPARE(int(imp.rows.size()), 1);
    QVERIFY(!imp.rows[0].accepted());
    QStringList texts;
    for (const auto &i : imp.rows[0].issues)
        texts << i.toString();
    QVERIFY2(texts.contains(expected), qPrintable(texts.join(u'|')));
}

void TestOfferingImport::idsAvoidExisting() {
    const OfferingImport imp = importOfferingFile(test::samplePath(QStringLiteral("brooklyn-offerings.csv")),
                                                  {QStringLiteral("quote_line_harborview_home_001")});
    QCOMPARE(imp.rows[0].offering[u"id"].toString(), QStringLiteral("quote_line_harborview_home_001_2"));
    QVERIFY(imp.rows[0].accepted());
    QCOMPARE(imp.rows[0].issues.size(), size_t(1));
    QVERIFY(!imp.rows[0].issues[0].error);
}

void TestOfferingImport::jsonImport() {
    const QByteArray json = R"({"offerings":[{"id":"x","provider_name":"P","category":"auto",
        "attributes":{"line_premium_annual":100}}, 5, {"provider_name":"Q","category":"home","attributes":{"line_premium_annual":"n/a"}}]})";
    const OfferingImport imp = importOfferingBytes(json, {});
    QCOMPARE(int(imp.rows.size()), 3);
    QVERIFY(imp.rows[0].accepted());
    QVERIFY(!imp.rows[1].accepted());
    QVERIFY(!imp.rows[2].accepted());
    QCOMPARE(imp.rows[0].offering[u"provider_id"].toString(), QStringLiteral("prov_p"));
}

void TestOfferingImport::jsonPathEdits() {
    JsonValue root = JsonValue::object();
    QVERIFY(setJsonValueAt(root, QStringLiteral("input.drivers[1].first_name"),
                           JsonValue(QStringLiteral("Sam"))));
    QCOMPARE(root[u"input"][u"drivers"].size(), 2);
    QVERIFY(root[u"input"][u"drivers"].at(0).isNull());
    QCOMPARE(jsonValueAt(root, QStringLiteral("input.drivers[1].first_name")).toString(),
             QStringLiteral("Sam"));
    QVERIFY(jsonPathExists(root, QStringLiteral("input.drivers[1]")));
    QVERIFY(!setJsonValueAt(root, QStringLiteral("input.drivers.x"), JsonValue(1)));
    QVERIFY(removeJsonValueAt(root, QStringLiteral("input.drivers[0]")));
    QCOMPARE(jsonValueAt(root, QStringLiteral("input.drivers[0].first_name")).toString(),
             QStringLiteral("Sam"));
    QCOMPARE(joinJsonPath(parseJsonPath(QStringLiteral("offerings[3].attributes.x"))),
             QStringLiteral("offerings[3].attributes.x"));
}

void TestOfferingImport::cliImport() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.json"));
    const auto r = test::runWorkbench(
        {QStringLiteral("import"), test::samplePath(QStringLiteral("brooklyn-household.json")),
         test::samplePath(QStringLiteral("spreadsheet-quotes.csv")), QStringLiteral("-o"), out});
    QCOMPARE(r.exitCode, 1);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(QStringLiteral(
                 "spreadsheet-quotes.csv: row 5, column D (Premium): \"n/a\" is not an amount")),
             qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("3 of 4 rows imported")), qPrintable(err));
    const JsonValue written = test::readJsonFile(out);
    QCOMPARE(written[u"offerings"].size(), 14 + 3);
    QCOMPARE(written[u"offerings"].at(16)[u"category"].toString(), QStringLiteral("umbrella"));
    QCOMPARE(written[u"workbench"][u"format_version"].toDouble(), 1.0); // unknown fields kept
}

void TestOfferingImport::cliImportNeverTouchesCase() {
    QTemporaryDir dir;
    const QString caseCopy = dir.filePath(QStringLiteral("case.json"));
    QVERIFY(QFile::copy(test::samplePath(QStringLiteral("brooklyn-household.json")), caseCopy));
    const QByteArray before = test::readFileBytes(caseCopy);
    const auto r = test::runWorkbench(
        {QStringLiteral("import"), caseCopy, test::samplePath(QStringLiteral("brooklyn-offerings.csv"))});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(test::readFileBytes(caseCopy), before);
    const auto parsed = parseJson(r.out);
    QVERIFY(parsed);
    QCOMPARE((*parsed)[u"offerings"].size(), 14 + 13);
    const auto missing =
        test::runWorkbench({QStringLiteral("import"), caseCopy, dir.filePath(QStringLiteral("nope.csv"))});
    QCOMPARE(missing.exitCode, 2);
}

void TestOfferingImport::cliImportExitCodes_data() {
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrPart");
    // 2: the table cannot be read or parsed; 1: it was read but refused or rows were rejected.
    QTest::newRow("UTF-16 without BOM") << QStringLiteral("utf16le-without-bom.txt") << 2
                                        << QStringLiteral("row 1: the file holds NUL bytes");
    QTest::newRow("unterminated quote")
        << QStringLiteral("unterminated-quote.csv") << 2
        << QStringLiteral("row 3, column A: a quote opens here and never closes");
    QTest::newRow("malformed JSON") << QStringLiteral("json-malformed.json") << 2
                                    << QStringLiteral("not valid JSON: line 1, column 39");
    QTest::newRow("two columns for one field")
        << QStringLiteral("two-premium-columns.csv") << 1
        << QStringLiteral("columns D (Premium) and F (Annual Premium) both fill");
    QTest::newRow("numbers two ways") << QStringLiteral("numbers-written-two-ways.csv") << 1
                                      << QStringLiteral("numbers are written two ways");
    QTest::newRow("Windows-1252 stated") << QStringLiteral("windows-1252.csv") << 0
                                         << QStringLiteral("windows-1252.csv: note: read as Windows-1252");
    QTest::newRow("title rows stated")
        << QStringLiteral("title-rows.csv") << 0 << QStringLiteral("title-rows.csv: note: header: row 3");
    QTest::newRow("decimal comma stated") << QStringLiteral("decimal-comma.csv") << 0
                                          << QStringLiteral("note: numbers: decimal comma (1.234,56)");
}

void TestOfferingImport::cliImportExitCodes() {
    QFETCH(QString, fixture);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrPart);
    QTemporaryDir dir;
    const auto r = test::runWorkbench({QStringLiteral("import"),
                                       test::samplePath(QStringLiteral("brooklyn-household.json")),
                                       test::fixturePath(QStringLiteral("import/") + fixture),
                                       QStringLiteral("-o"), dir.filePath(QStringLiteral("out.json"))});
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrPart), r.err.constData());
    QCOMPARE(QFile::exists(dir.filePath(QStringLiteral("out.json"))), exitCode == 0);
}

void TestOfferingImport::idsStayLinear() {
    // One carrier and line many times, with ids of the existing case in the way: numbering continues
    // where it stopped and skips taken ids, and every id is distinct.
    QString csv = QStringLiteral("Carrier,Line,Premium\n");
    for (int i = 0; i < 3000; ++i)
        csv += QStringLiteral("Acme,home,100\n");
    const QStringList existing = {QStringLiteral("quote_line_acme_home_002"),
                                  QStringLiteral("quote_line_acme_home_1000")};
    const OfferingImport imp = importOfferingTable(csv, existing);
    QCOMPARE(imp.acceptedCount(), 3000);
    QSet<QString> ids;
    for (const auto &o : imp.acceptedOfferings().arrayItems())
        ids.insert(o[u"id"].toString());
    QCOMPARE(ids.size(), 3000);
    QCOMPARE(imp.rows[0].offering[u"id"].toString(), QStringLiteral("quote_line_acme_home_001"));
    QCOMPARE(imp.rows[1].offering[u"id"].toString(), QStringLiteral("quote_line_acme_home_003"));
    QCOMPARE(imp.rows[2999].offering[u"id"].toString(), QStringLiteral("quote_line_acme_home_3002"));
    QVERIFY(!ids.contains(existing[0]) && !ids.contains(existing[1]));
}

void TestOfferingImport::headerlessPasteKeepsItsOrder() {
    // Limits and deductible headers are understood, but a table without a header is still read in the
    // eleven-column order; a twelfth value does not fit it, so the row is refused (its cells may have
    // shifted), not placed.
    const OfferingImport imp =
        importOfferingText(QStringLiteral("Acme\thome\tP\t100\tA\tstandard\t12%\t\t\t\t\t250/500\n"), {});
    QCOMPARE(imp.headerKind, OfferingImport::HeaderKind::None);
    QCOMPARE(imp.acceptedCount(), 0);
    QVERIFY(imp.rows[0].offering[u"coverage"][u"bi_per_person"].isNull());
    QCOMPARE(imp.rows[0].issues.size(), size_t(1));
    QCOMPARE(
        imp.rows[0].issues[0].toString(),
        QStringLiteral("row 1: the row has 12 cells but the table without a header row has 11 columns: a tab "
                       "inside a value "
                       "without quotes (such as $3,240.00) splits it in two and shifts every cell after it; "
                       "quote the value or remove the tab"));
}

QTEST_GUILESS_MAIN(TestOfferingImport)
#include "tst_offeringimport.moc"
