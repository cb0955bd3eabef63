// SPDX-License-Identifier: MIT
// Counts in the case library's tables are never cut: the Qual. column of the library list and of a case's
// versions grows to its widest value ("616,612,602,168", not "616,…"), as do the other columns of numbers
// (cost, versions, runs); a library of small counts keeps the designed widths.
#include "testsupport.h"

#include "columnfit.h"
#include "io/jsonpath.h"
#include "library/librarymodel.h"
#include "library/librarypage.h"
#include "store/caselibrary.h"
#include "util/numbers.h"

#include <QHeaderView>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

QByteArray household(const QString &last) {
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), last);
    return writeJson(root);
}

// The column of `view` whose header says `title`.
int columnTitled(const QTableView *view, const QString &title) {
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (view->model()->headerData(c, Qt::Horizontal).toString() == title) return c;
    return -1;
}

// Every cell of `column` shows its whole text: what the view would elide, listed.
QStringList cutCells(const QTableView *view, int column) {
    QStringList cut;
    for (int r = 0; r < view->model()->rowCount(); ++r)
        if (cellTextIsCut(view, r, column))
            cut << view->model()->index(r, column).data().toString() +
                       QStringLiteral(" in %1 px").arg(view->columnWidth(column));
    return cut;
}

} // namespace

class TestLibraryCounts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsAreNeverCut_data() {
        QTest::addColumn<QList<qint64>>("qualified");
        QTest::addColumn<double>("cost");
        QTest::addColumn<bool>("designedWidth"); // small values: the column is no wider than designed
        QTest::newRow("50 MB case: 616,612,602,168 qualified")
            << QList<qint64>{616612602168, 7} << 5940.0 << false;
        QTest::newRow("3.2 trillion") << QList<qint64>{3176523000000} << 5940.0 << false;
        QTest::newRow("a million") << QList<qint64>{1000000, 12} << 5940.0 << false;
        QTest::newRow("large cost") << QList<qint64>{3} << 12345678.0 << false;
        QTest::newRow("small counts") << QList<qint64>{6, 0} << 5940.0 << true;
    }
    void countsAreNeverCut() {
        QFETCH(QList<qint64>, qualified);
        QFETCH(double, cost);
        QFETCH(bool, designedWidth);
        QTemporaryDir dir;
        auto lib = openCaseLibrary(dir.filePath(QStringLiteral("library.sqlite")));
        QVERIFY(lib->isOpen());
        for (int i = 0; i < qualified.size(); ++i) {
            SaveOptions o;
            o.author = QStringLiteral("seed");
            o.ranking.hasRun = true;
            o.ranking.qualifiedCount = qualified[i];
            o.ranking.solutionCount = qualified[i] * 5 + 1;
            o.ranking.packages.push_back({1, QStringLiteral("k"), QStringLiteral("Harbor Mutual"), cost,
                                          cost + 480.0, QString(), true});
            QVERIFY2(lib->addCase(household(QStringLiteral("Case%1").arg(i)), o),
                     qPrintable(lib->lastError()));
        }

        LibraryPage page(lib.get());
        page.resize(1366, 700);
        page.show();
        page.refresh();
        QTRY_VERIFY(!page.isLoading());
        auto *table = page.findChild<QTableView *>(QStringLiteral("libraryTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), int(qualified.size()));
        const int qual = columnTitled(table, QStringLiteral("Qual."));
        QVERIFY(qual >= 0);
        // The whole count is what the cell holds, and what it shows.
        QStringList shown;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            shown << table->model()->index(r, qual).data().toString();
        for (qint64 q : qualified)
            QVERIFY2(shown.contains(formatCount(q)), qPrintable(shown.join(u' ')));
        for (const QString &title : {QStringLiteral("Qual."), QStringLiteral("Cost"), QStringLiteral("Ver."),
                                     QStringLiteral("Runs")}) {
            const int c = columnTitled(table, title);
            QVERIFY(c >= 0);
            const QStringList cut = cutCells(table, c);
            QVERIFY2(cut.isEmpty(), qPrintable(title + u": " + cut.join(QStringLiteral(", "))));
        }
        // Small counts: no wider than the designed width or the header's own words.
        if (designedWidth)
            QCOMPARE(table->columnWidth(qual),
                     std::max(42, table->horizontalHeader()->sectionSizeHint(qual)));

        // The versions of the selected case: its Qual. column as well.
        auto *versions = page.findChild<QTableWidget *>(QStringLiteral("versionsTable"));
        QVERIFY(versions);
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            table->setCurrentIndex(table->model()->index(r, 0));
            QTRY_COMPARE(versions->rowCount(), 1);
            QTRY_COMPARE(versions->item(0, 5)->text(), table->model()->index(r, qual).data().toString());
            const QStringList cut = cutCells(versions, 5);
            QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral(", "))));
        }
    }
};

QTEST_MAIN(TestLibraryCounts)
#include "tst_librarycounts.moc"
