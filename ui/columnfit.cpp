// SPDX-License-Identifier: MIT
#include "columnfit.h"
#include "plaintext.h"

#include <QEvent>
#include <QHeaderView>
#include <QHelpEvent>
#include <QTableView>
#include <QToolTip>

#include <algorithm>
#include <climits>
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
        want[size_t(c)] = std::max(static_cast<const QAbstractItemView *>(m_view)->sizeHintForColumn(c),
                                   m_view->horizontalHeader()->sectionSizeHint(c));
        if (m_maximum.contains(c)) want[size_t(c)] = std::min(want[size_t(c)], m_maximum.value(c));
        total += want[size_t(c)];
    }
    const int available = m_view->viewport()->width();
    int cap = INT_MAX;
    if (total > available && available > 0) {
        // The largest cap at which the flexible columns, each min(want, cap), fit beside the kept ones.
        int fixed = 0;
        std::vector<int> flexible;
        for (int c = 0; c < n; ++c) {
            if (m_view->isColumnHidden(c)) continue;
            if (m_keepWhole.contains(c))
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
        const int w = m_keepWhole.contains(c) ? want[size_t(c)] : std::min(want[size_t(c)], cap);
        m_view->setColumnWidth(c, w);
    }
    m_fitting = false;
}

bool ColumnFitter::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_view->viewport()) {
        if (event->type() == QEvent::Resize) {
            fit();
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

bool cellTextIsCut(const QTableView *view, int row, int column) {
    const QModelIndex index = view->model()->index(row, column);
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty()) return false;
    QFont font = view->font();
    const QVariant f = index.data(Qt::FontRole);
    if (f.canConvert<QFont>()) font = f.value<QFont>();
    return QFontMetrics(font).horizontalAdvance(text) + kCellPadding > view->columnWidth(column);
}

} // namespace pw
