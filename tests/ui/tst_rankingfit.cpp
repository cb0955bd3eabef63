// SPDX-License-Identifier: MIT
// The ranking table as the window first opens on a 1366×768 and a 1920×1080 screen (ui.md, "Layout (fits
// 1366×768)"), on the bundled Brooklyn sample: every carrier name is read in full on one line, the label,
// cost range and gap count wrap onto at most two lines without cutting a word, every level chip is whole,
// and the table needs no horizontal scrolling. On a 1060×800 screen the pane cannot hold every column: the
// carrier names are still read in full, on screen without scrolling, and the table scrolls sideways
// instead of cutting them.
#include "windowfixture.h"

#include "rankingmodel.h"
#include "windowfit.h"

#include <QScrollBar>
#include <QStyle>
#include <QTableView>
#include <QTextBoundaryFinder>
#include <QTextLayout>

#include <algorithm>
#include <memory>

using namespace pw;

namespace {

// The text of a cell laid out as the view wraps it (QTextLayout, word boundary or anywhere) in `width`
// pixels: its lines and whether any line breaks inside a word.
struct Wrapped {
    int lines = 0;
    double widest = 0;
    bool brokeInsideWord = false;
};

Wrapped wrap(const QString &text, const QFont &font, double width) {
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    Wrapped w;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Line, text);
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        ++w.lines;
        w.widest = std::max(w.widest, line.naturalTextWidth());
        const int end = line.textStart() + line.textLength();
        if (end < text.size()) {
            finder.setPosition(end);
            if (!finder.isAtBoundary()) w.brokeInsideWord = true;
        }
    }
    layout.endLayout();
    return w;
}

} // namespace

class TestRankingFit : public QObject {
    Q_OBJECT
private slots:
    void init() {
        m_w.reset(test::openWindowOnSample());
        QVERIFY(m_w);
        m_w->showResultTab(QStringLiteral("Ranking"));
    }
    void cleanup() { m_w.reset(); }
    void everyCarrierIsReadInFull_data();
    void everyCarrierIsReadInFull();

private:
    std::unique_ptr<MainWindow> m_w;
};

void TestRankingFit::everyCarrierIsReadInFull_data() {
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<bool>("fitsThePane"); // every column on screen, no sideways scrolling
    QTest::newRow("1060x800") << QSize(1060, 800) << false;
    QTest::newRow("1366x768") << QSize(1366, 768) << true;
    QTest::newRow("1920x1080") << QSize(1920, 1080) << true;
}

void TestRankingFit::everyCarrierIsReadInFull() {
    QFETCH(QSize, screen);
    QFETCH(bool, fitsThePane);
    // The window as it first opens on that screen (mainwindow.cpp: nine tenths of a large screen, at
    // least 1366×768, fitted to the screen with a common frame).
    const QSize preferred(std::max(1366, screen.width() * 9 / 10), std::max(768, screen.height() * 9 / 10));
    m_w->resize(fitWindowGeometry(QRect(QPoint(0, 0), screen), preferred, QMargins(4, 32, 4, 4)).size());
    auto *view = m_w->findChild<QTableView *>(QStringLiteral("rankingTable"));
    auto *model = m_w->findChild<RankingModel *>();
    QVERIFY(view && model);
    QVERIFY(model->rowCount() >= 6);
    // The fitter refits on the viewport's resize; rows grow to their contents after the columns.
    QTest::qWait(100);

    if (fitsThePane) {
        QVERIFY2(!view->horizontalScrollBar()->isVisible(), "the ranking table scrolls sideways");
        int total = 0;
        for (int c = 0; c < model->columnCount(); ++c)
            total += view->columnWidth(c);
        QVERIFY2(
            total <= view->viewport()->width(),
            qPrintable(
                QStringLiteral("columns %1 px in a %2 px pane").arg(total).arg(view->viewport()->width())));
    }

    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    const QSet<int> wrapping{RankingModel::Label, model->costColumn(), model->gapsColumn()};
    int carriers = 0;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        for (int c = RankingModel::Label; c < model->columnCount(); ++c) {
            const QModelIndex index = view->model()->index(row, c);
            const QString text = index.data().toString();
            if (text.isEmpty()) continue;
            QFont font = view->font();
            if (index.data(Qt::FontRole).canConvert<QFont>()) font = index.data(Qt::FontRole).value<QFont>();
            const QRect cell = view->visualRect(index);
            const QString where = QStringLiteral("row %1, column %2 (%3): \"%4\" in %5 px")
                                      .arg(row)
                                      .arg(c)
                                      .arg(model->headerData(c, Qt::Horizontal).toString(), text)
                                      .arg(cell.width());
            if (c >= model->firstDimensionColumn() || c == model->overallColumn()) {
                // A level chip: its bold text and the chip's own padding (ChipDelegate).
                font.setBold(true);
                QVERIFY2(QFontMetrics(font).horizontalAdvance(text) + 10 <= cell.width() - 4,
                         qPrintable(where));
            } else if (wrapping.contains(c)) {
                const Wrapped w = wrap(text, font, cell.width() - 2 * margin);
                QVERIFY2(w.lines <= 2 && !w.brokeInsideWord && w.widest <= cell.width() - 2 * margin,
                         qPrintable(where + QStringLiteral(", %1 lines").arg(w.lines)));
                QVERIFY2(w.lines * QFontMetrics(font).lineSpacing() <= cell.height(), qPrintable(where));
            } else {
                // Carriers and the change: one line, whole.
                QVERIFY2(QFontMetrics(font).horizontalAdvance(text) + 2 * margin <= cell.width(),
                         qPrintable(where));
                if (c >= RankingModel::FirstLine && c < model->costColumn()) {
                    // On screen as the table opens, not scrolled out of the pane.
                    QVERIFY2(cell.left() >= 0 && cell.right() < view->viewport()->width(), qPrintable(where));
                    ++carriers;
                }
            }
        }
    }
    QVERIFY(carriers >= 3 * 6);
}

QTEST_MAIN(TestRankingFit)
#include "tst_rankingfit.moc"
