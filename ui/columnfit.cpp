// SPDX-License-Identifier: MIT
#include "columnfit.h"
#include "plaintext.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHeaderView>
#include <QHelpEvent>
#include <QResizeEvent>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTextBoundaryFinder>
#include <QToolTip>

#include <algorithm>
#include <climits>
#include <cmath>
#include <functional>
#include <vector>

namespace pw {

namespace {
constexpr int kCellPadding = 12; // the style's text margins on both sides, with a little air
}

ColumnFitter::ColumnFitter(QTableView *view, QSet<int> keepWhole, int minimumWidth)
    : QObject(view)
    , m_view(view)
    , m_keepWhole(std::move(keepWhole))
    , m_minimum(minimumWidth) {
    view->setTextElideMode(Qt::ElideMiddle);
    view->viewport()->installEventFilter(this);
    // Sorting moves the rows: their heights follow their text.
    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::layoutChanged, this, &ColumnFitter::fitRows);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ColumnFitter::fitRows);
    }
}

void ColumnFitter::setWrapping(const QSet<int> &columns) {
    // Set again with every run: the rows are sized once per fit, not again for the same columns.
    if (m_wrappingSet && columns == m_wrapping) return;
    m_wrappingSet = true;
    m_wrapping = columns;
    m_view->setWordWrap(!columns.isEmpty());
    m_view->verticalHeader()->setMinimumSectionSize(m_view->verticalHeader()->defaultSectionSize());
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    fitRows();
}

void ColumnFitter::fitRows() {
    QAbstractItemModel *model = m_view->model();
    QHeaderView *rows = m_view->verticalHeader();
    if (!model) return;
    const int oneLine = rows->defaultSectionSize();
    const int margins = textMargins();
    for (int r = 0; r < model->rowCount(); ++r) {
        // A row whose wrapping cells all fit on one line is one line; a row with one that wraps is
        // sized as the header's ResizeToContents sized it (every cell, the grid line).
        bool wraps = false;
        for (int c : m_wrapping) {
            if (wraps || m_view->isColumnHidden(c) || c >= model->columnCount()) continue;
            const QModelIndex index = model->index(r, c);
            QFont font = m_view->font();
            const QVariant f = index.data(Qt::FontRole);
            if (f.canConvert<QFont>()) font = f.value<QFont>();
            wraps = std::ceil(QFontMetricsF(font).horizontalAdvance(index.data(Qt::DisplayRole).toString())) +
                        margins >
                    m_view->columnWidth(c);
        }
        const int height =
            wraps ? std::max(oneLine, static_cast<const QAbstractItemView *>(m_view)->sizeHintForRow(r))
                  : oneLine;
        if (rows->sectionSize(r) != height) rows->resizeSection(r, height);
    }
}

int ColumnFitter::wrappedWidth(int column) const {
    QAbstractItemModel *model = m_view->model();
    int widest = m_view->horizontalHeader()->sectionSizeHint(column);
    const int margins = textMargins();
    for (int r : sampleRows(column)) {
        const QModelIndex index = model->index(r, column);
        QFont font = m_view->font();
        const QVariant f = index.data(Qt::FontRole);
        if (f.canConvert<QFont>()) font = f.value<QFont>();
        widest = std::max(widest, twoLineWidth(index.data(Qt::DisplayRole).toString(), font) + margins);
    }
    return widest;
}

int ColumnFitter::textWidth(int column) const {
    QAbstractItemModel *model = m_view->model();
    int widest = m_minimum;
    for (int r : sampleRows(column)) {
        const QModelIndex index = model->index(r, column);
        QFont font = m_view->font();
        const QVariant f = index.data(Qt::FontRole);
        if (f.canConvert<QFont>()) font = f.value<QFont>();
        widest = std::max(
            widest,
            int(std::ceil(QFontMetricsF(font).horizontalAdvance(index.data(Qt::DisplayRole).toString()))) +
                textMargins());
    }
    return widest;
}

std::vector<int> ColumnFitter::sampleRows(int column) const {
    QAbstractItemModel *model = m_view->model();
    const int rows = model->rowCount();
    std::vector<int> sample;
    if (rows <= kSampleRows) {
        for (int r = 0; r < rows; ++r)
            sample.push_back(r);
        return sample;
    }
    std::vector<std::pair<qsizetype, int>> lengths; // text length, row
    lengths.reserve(size_t(rows));
    for (int r = 0; r < rows; ++r)
        lengths.emplace_back(model->index(r, column).data(Qt::DisplayRole).toString().size(), r);
    std::partial_sort(lengths.begin(), lengths.begin() + kSampleRows, lengths.end(),
                      [](const auto &a, const auto &b) { return a.first > b.first; });
    for (int i = 0; i < kSampleRows; ++i)
        sample.push_back(lengths[size_t(i)].second);
    const int top = std::max(0, m_view->rowAt(0));
    int bottom = m_view->rowAt(m_view->viewport()->height() - 1);
    if (bottom < 0) bottom = std::min(rows - 1, top + kSampleRows);
    for (int r = top; r <= bottom; ++r)
        if (std::find(sample.begin(), sample.end(), r) == sample.end()) sample.push_back(r);
    return sample;
}

int ColumnFitter::sampledWidth(int column) const {
    int widest = 0;
    for (int r : sampleRows(column))
        widest = std::max(widest, m_view->sizeHintForIndex(m_view->model()->index(r, column)).width());
    return m_view->showGrid() ? widest + 1 : widest;
}

int ColumnFitter::textMargins() const {
    // As the delegate lays text out: the style's text margin on both sides, and a pixel for rounding.
    return 2 * (m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view) + 1) + 1;
}

int ColumnFitter::readableCap() const {
    return std::max(m_minimum, m_view->viewport()->width() / 3);
}

void ColumnFitter::fit() {
    QAbstractItemModel *model = m_view->model();
    if (!model || m_fitting) return;
    m_fitting = true;
    const int n = model->columnCount();
    std::vector<int> want(size_t(n), 0);
    int total = 0;
    for (int c = 0; c < n; ++c) {
        if (m_view->isColumnHidden(c)) continue;
        want[size_t(c)] = std::max(sampledWidth(c), m_view->horizontalHeader()->sectionSizeHint(c));
        if (m_maximum.contains(c)) want[size_t(c)] = std::min(want[size_t(c)], m_maximum.value(c));
        total += want[size_t(c)];
    }
    const int available = m_view->viewport()->width();
    // A name is read whole up to a third of the pane; only a longer one is cut (the last resort).
    for (int c : m_readable)
        if (c < n && !m_view->isColumnHidden(c) && want[size_t(c)] > readableCap()) {
            total -= want[size_t(c)] - readableCap();
            want[size_t(c)] = readableCap();
        }
    // While the columns are wider than the pane, those of `columns` give way, each in proportion to what
    // it can give (down to `floor`).
    const auto giveWay = [&](const QSet<int> &columns, const std::function<int(int)> &floor) {
        if (total <= available || available <= 0) return;
        std::vector<int> slack(size_t(n), 0);
        int allSlack = 0;
        for (int c = 0; c < n; ++c) {
            if (m_view->isColumnHidden(c) || !columns.contains(c)) continue;
            slack[size_t(c)] = std::max(0, want[size_t(c)] - floor(c));
            allSlack += slack[size_t(c)];
        }
        const int excess = total - available;
        for (int c = 0; c < n && allSlack > 0; ++c) {
            const int give = excess >= allSlack
                                 ? slack[size_t(c)]
                                 : int((qint64(slack[size_t(c)]) * excess + allSlack - 1) / allSlack);
            want[size_t(c)] -= give;
            total -= give;
        }
    };
    // Wrapping columns give way first (down to two lines), then names down to their bare text.
    giveWay(m_wrapping, [this](int c) { return wrappedWidth(c); });
    giveWay(m_readable, [this](int c) { return std::min(readableCap(), textWidth(c)); });
    int cap = INT_MAX;
    if (total > available && available > 0) {
        // The largest cap at which the flexible columns, each min(want, cap), fit beside the kept ones.
        int fixed = 0;
        std::vector<int> flexible;
        for (int c = 0; c < n; ++c) {
            if (m_view->isColumnHidden(c)) continue;
            if (m_keepWhole.contains(c) || m_wrapping.contains(c) || m_readable.contains(c))
                fixed += want[size_t(c)];
            else
                flexible.push_back(want[size_t(c)]);
        }
        std::sort(flexible.begin(), flexible.end());
        int room = available - fixed;
        cap = m_minimum;
        for (size_t i = 0; i < flexible.size(); ++i) {
            const int left = int(flexible.size() - i);
            const int level = room / left;
            if (level <= flexible[i]) {
                cap = std::max(m_minimum, level);
                break;
            }
            room -= flexible[i];
            cap = INT_MAX;
        }
    }
    for (int c = 0; c < n; ++c) {
        if (m_view->isColumnHidden(c)) continue;
        const bool kept = m_keepWhole.contains(c) || m_wrapping.contains(c) || m_readable.contains(c);
        const int w = kept ? want[size_t(c)] : std::min(want[size_t(c)], cap);
        m_view->setColumnWidth(c, w);
    }
    fitRows();
    m_fitting = false;
}

bool ColumnFitter::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_view->viewport()) {
        if (event->type() == QEvent::Resize) {
            // Only the width decides the columns (a banner or the why-line above changes the height).
            auto *resize = static_cast<QResizeEvent *>(event);
            if (resize->size().width() != resize->oldSize().width()) fit();
        } else if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            const QModelIndex index = m_view->indexAt(help->pos());
            if (index.isValid() && cellTextIsCut(m_view, index.row(), index.column())) {
                const QString whole = index.data(Qt::DisplayRole).toString();
                const QString own = index.data(Qt::ToolTipRole).toString();
                // The model's tooltip is rich text already made safe (plainToolTip) or our own words.
                const QString text = own.isEmpty() ? plainToolTip(whole)
                                     : own.contains(whole)
                                         ? own
                                         : plainToolTip(whole) + QStringLiteral("<hr>") + own;
                QToolTip::showText(help->globalPos(), text, m_view->viewport(), m_view->visualRect(index));
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

void fitWholeValues(QTableView *view, const QHash<int, int> &minimumWidths) {
    QAbstractItemModel *model = view->model();
    if (!model) return;
    const int rows = model->rowCount();
    for (auto it = minimumWidths.begin(); it != minimumWidths.end(); ++it) {
        const int column = it.key();
        if (column >= model->columnCount()) continue;
        // Ten thousand rows are read once; only the longest texts are measured (digits share one width,
        // so a number two characters shorter is the narrower one).
        std::vector<QString> texts(static_cast<size_t>(rows));
        qsizetype longest = 0;
        for (int r = 0; r < rows; ++r) {
            texts[size_t(r)] = model->index(r, column).data(Qt::DisplayRole).toString();
            longest = std::max(longest, texts[size_t(r)].size());
        }
        int widest = std::max(it.value(), view->horizontalHeader()->sectionSizeHint(column));
        for (int r = 0; r < rows; ++r) {
            if (texts[size_t(r)].size() + 1 < longest) continue;
            QFont font = view->font();
            const QVariant f = model->index(r, column).data(Qt::FontRole);
            if (f.canConvert<QFont>()) font = f.value<QFont>();
            widest = std::max(widest, QFontMetrics(font).horizontalAdvance(texts[size_t(r)]) + kCellPadding);
        }
        view->setColumnWidth(column, widest);
    }
}

bool cellTextIsCut(const QTableView *view, int row, int column) {
    const QModelIndex index = view->model()->index(row, column);
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty()) return false;
    QFont font = view->font();
    const QVariant f = index.data(Qt::FontRole);
    if (f.canConvert<QFont>()) font = f.value<QFont>();
    return QFontMetrics(font).horizontalAdvance(text) + kCellPadding > view->columnWidth(column);
}

int twoLineWidth(const QString &text, const QFont &font) {
    // Fractional advances, as QTextLayout wraps: a word of 96.3 px does not fit a 96 px line.
    const QFontMetricsF fm(font);
    double best = fm.horizontalAdvance(text);
    QTextBoundaryFinder finder(QTextBoundaryFinder::Line, text);
    while (finder.toNextBoundary() >= 0) {
        const qsizetype at = finder.position();
        if (at <= 0 || at >= text.size()) continue;
        // A line's trailing spaces hang past its end; the second line starts after them.
        QString first = text.left(at);
        while (!first.isEmpty() && first.back().isSpace())
            first.chop(1);
        best = std::min(best, std::max(fm.horizontalAdvance(first), fm.horizontalAdvance(text.mid(at))));
    }
    return int(std::ceil(best));
}

} // namespace pw
