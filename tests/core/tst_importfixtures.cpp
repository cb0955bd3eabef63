// SPDX-License-Identifier: MIT
// Every file of tests/fixtures/import/ (tables as Excel and agency systems write them: encodings,
// dialects, number conventions, split limits, broken files) read through the code File → Import and the
// `import` command use (importOfferingFile) and, as text, through the code paste from a spreadsheet uses
// (importOfferingText). Each file either imports exactly the expected values or is refused with the
// expected message naming the row, the column and the reason (NAME.expected.json beside it).
#include "testsupport.h"

#include "io/jsonpath.h"
#include "io/offeringimport.h"

#include <QDir>
#include <QTest>

using namespace pw;

namespace {

QStringList errorTexts(const OfferingImport &imp) {
    QStringList out;
    for (const ImportIssue &i : imp.allIssues())
        if (i.error) out << i.toString();
    return out;
}

// The accepted offerings' values at the paths the expectation names, in row order.
void compareOfferings(const OfferingImport &imp, const JsonValue &expected) {
    const JsonValue accepted = imp.acceptedOfferings();
    QCOMPARE(accepted.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i) {
        for (const auto &[path, value] : expected.at(i).objectMembers()) {
            const JsonValue got = jsonValueAt(accepted.at(i), path);
            QVERIFY2(got == value, qPrintable(QStringLiteral("offering %1, %2: expected %3, got %4")
                                                  .arg(i)
                                                  .arg(path, QString::fromUtf8(writeJson(value, -1)),
                                                       QString::fromUtf8(writeJson(got, -1)))));
        }
    }
}

} // namespace

class TestImportFixtures : public QObject {
    Q_OBJECT
private slots:
    void fixture_data();
    void fixture();
    void everyCaseOfTheIssueHasAFixture();
};

void TestImportFixtures::fixture_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expectedFile");
    const QDir dir(test::fixturePath(QStringLiteral("import")));
    const QStringList expectations =
        dir.entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name);
    QVERIFY(expectations.size() >= 25);
    for (const QString &e : expectations) {
        const QString base = e.chopped(int(qstrlen(".expected.json")));
        const QStringList files = dir.entryList({base + QStringLiteral(".*")}, QDir::Files);
        QString data;
        for (const QString &f : files)
            if (f != e) data = f;
        QVERIFY2(!data.isEmpty(), qPrintable(e));
        QTest::newRow(qPrintable(data)) << dir.filePath(data) << dir.filePath(e);
    }
}

void TestImportFixtures::fixture() {
    QFETCH(QString, file);
    QFETCH(QString, expectedFile);
    const JsonValue expected = test::readJsonFile(expectedFile);

    // File → Import and `import`.
    const OfferingImport imp = importOfferingFile(file, {});
    QStringList expectedErrors;
    for (const auto &e : expected[u"errors"].arrayItems())
        expectedErrors << e.toString();
    QCOMPARE(errorTexts(imp), expectedErrors);
    QCOMPARE(imp.fatal, expected[u"fatal"].toBool(false));
    QCOMPARE(imp.unreadable, expected[u"unreadable"].toBool(false));
    compareOfferings(imp, expected[u"offerings"]);
    for (const auto &n : expected[u"notes"].arrayItems()) {
        const QString note = n.toString();
        QVERIFY2(std::any_of(imp.notes.begin(), imp.notes.end(),
                             [&](const QString &s) { return s.contains(note); }),
                 qPrintable(note + QStringLiteral(" not in: ") + imp.notes.join(QStringLiteral(" | "))));
    }
    // Every refusal of a table names its row (and the cell's column where a cell is at fault).
    if (!file.endsWith(QStringLiteral(".json")))
        for (const ImportIssue &i : imp.allIssues())
            if (i.error) QVERIFY2(i.row > 0, qPrintable(i.toString()));

    // Paste from a spreadsheet: the same text, already decoded, gives the same offerings and errors.
    if (!expected[u"paste"].toBool(true)) return;
    const DecodedText decoded = decodeTableBytes(test::readFileBytes(file));
    QVERIFY(!decoded.error);
    const OfferingImport pasted = importOfferingText(decoded.text, {});
    QCOMPARE(errorTexts(pasted), expectedErrors);
    QCOMPARE(pasted.acceptedOfferings(), imp.acceptedOfferings());
}

void TestImportFixtures::everyCaseOfTheIssueHasAFixture() {
    const QDir dir(test::fixturePath(QStringLiteral("import")));
    for (const char *name :
         {"utf8-plain.csv", "utf8-bom.csv", "utf8-bom-offerings.json", "utf16le-unicode-text.txt",
          "utf16be.txt", "windows-1252.csv", "sep-line.csv", "title-rows.csv", "cr-only.csv", "pipe.txt",
          "unterminated-quote.csv", "two-premium-columns.csv", "decimal-comma.csv", "decimal-point.csv",
          "numbers-written-two-ways.csv", "ambiguous-number.txt", "split-limits.csv",
          "json-duplicate-member.json", "json-malformed.json"})
        QVERIFY2(dir.exists(QString::fromLatin1(name)), name);
    // The kinds of fault an outside test of the import found, one file each at least.
    for (const char *name : {"json-duplicate-top-level.json",
                             "json-duplicate-offerings-list.json",
                             "unquoted-thousands-comma.csv",
                             "unquoted-thousands-comma-unnamed-column.csv",
                             "mixed-utf8-and-windows-1252.csv",
                             "utf8-overlong.csv",
                             "mac-roman-cr.csv",
                             "mac-roman-lf.csv",
                             "cr-only-two-readings.csv",
                             "decimal-comma-cell-in-comma-file.csv",
                             "decimal-comma-commission-and-dwelling.csv",
                             "decimal-point-witness-in-semicolon-file.csv",
                             "header-below-row-ten.csv",
                             "header-after-twelve-note-rows.csv",
                             "csl-plain-number.csv",
                             "json-control-and-replacement.json",
                             "invisible-characters.csv",
                             "nfd-accents.csv",
                             "nfd-accents-json.json",
                             "table-starting-with-bracket.csv",
                             "implausible-amounts.csv",
                             "implausible-limits.csv",
                             "implausible-amounts-json.json",
                             "multi-line-cells.csv",
                             "line-synonyms.csv",
                             "json-ids-without-spaces.json",
                             "us-dates.csv",
                             "ambiguous-dates.csv",
                             "constraints-comma-list.csv"})
        QVERIFY2(dir.exists(QString::fromLatin1(name)), name);
}

QTEST_GUILESS_MAIN(TestImportFixtures)
#include "tst_importfixtures.moc"
