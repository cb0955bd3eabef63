// SPDX-License-Identifier: MIT
// Fitting the ranking table's columns and rows to a ranking of 200 packages measures a sample of its
// cells, not all of them many times over: the rows on screen and those with the longest text per column
// (ColumnFitter::kSampleRows), and each row's height once, only where a cell wraps. Asking the
// delegate for every cell of every row (QTableView::sizeHintForColumn and a ResizeToContents header, at
// every fit and layout) held the GUI thread 40–70 ms when a ranking arrived. The cells are counted by a
// delegate that sizes like the view's own; the fit is still right (tst_rankingfit checks the words).
#include "casedocument.h"
#include "casegen.h"
#include "columnfit.h"
#include "mainwindow.h"
#include "rankingcontroller.h"
#include "windowfixture.h"

#include <QMessageBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QtTest>

using namespace pw;

namespace {

// Sizes as the view's delegate does, counting the cells it is asked about.
class CountingDelegate : public QStyledItemDelegate {
public:
    CountingDelegate(QAbstractItemDelegate *inner, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_inner(inner) {}
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override {
        ++count;
        return m_inner->sizeHint(option, index);
    }
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override {
        m_inner->paint(painter, option, index);
    }
    mutable int count = 0;

private:
    QAbstractItemDelegate *m_inner;
};

} // namespace

class TestRankingFitCost : public QObject {
    Q_OBJECT

private slots:
    void fittingARankingMeasuresASampleOfItsCells_data() {
        QTest::addColumn<int>("perLine"); // offerings per line, 3 lines
        QTest::addColumn<int>("width");   // the window's new width (from 1366 px: the table refits to it)
        QTest::newRow("200 rows, 1500 px") << 40 << 1500;
        QTest::newRow("200 rows, 1920 px") << 40 << 1920;
        QTest::newRow("200 rows of 27,000 packages") << 30 << 1600;
    }

    void fittingARankingMeasuresASampleOfItsCells() {
        QFETCH(int, perLine);
        QFETCH(int, width);
        MainWindow w;
        QVERIFY(test::showWindowWithCase(
            w,
            bench::generateCase({QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")},
                                {perLine, perLine, perLine}, 12, 3)));
        w.showResultTab(QStringLiteral("Ranking"));
        QVERIFY(w.ranking()->waitForIdle(60000));
        auto *view = w.findChild<QTableView *>(QStringLiteral("rankingTable"));
        QVERIFY(view);
        const int rows = view->model()->rowCount(), columns = view->model()->columnCount();
        QCOMPARE(rows, w.ranking()->top());

        auto *counting = new CountingDelegate(view->itemDelegate(), view);
        view->setItemDelegate(counting);
        // A new width refits the columns and the rows; then the table is laid out and painted.
        w.resize(width, 768);
        QTest::qWait(200);
        const int onScreen = view->rowAt(view->viewport()->height() - 1) - view->rowAt(0) + 1;
        QVERIFY(onScreen > 0 && onScreen < rows);
        // Per column: the sample, the rows on screen (measured again when painted), and a few the
        // view asks about itself (the current cell); and the height of each row with a wrapped cell,
        // once.
        const int bound = columns * (ColumnFitter::kSampleRows + 2 * onScreen + 4 + rows);
        qInfo("%d cells measured for %d rows × %d columns (%d rows on screen); bound %d", counting->count,
              rows, columns, onScreen, bound);
        QVERIFY2(counting->count > 0, "the table was not refitted");
        QVERIFY2(counting->count <= bound,
                 qPrintable(QStringLiteral("%1 cells measured").arg(counting->count)));
    }
};

QTEST_MAIN(TestRankingFitCost)
#include "tst_rankingfitcost.moc"
