// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>

class QTableView;

namespace pw {

// Sizes a table's columns to their contents within the width of its pane: when the contents are wider
// than the viewport, the widest columns (those not kept whole) are narrowed to a common cap, never below
// `minimumWidth`, so every column stays on screen. Cut text is elided in the middle ("Harb…utual"), and
// hovering a cut cell shows its whole text above the model's own tooltip. Refits when the model resets
// or changes its layout, and when the viewport is resized; a column the user drags keeps its width until
// the next reset.
class ColumnFitter : public QObject {
    Q_OBJECT
public:
    // `keepWhole`: columns never narrowed (check boxes, ranks, level chips).
    ColumnFitter(QTableView *view, QSet<int> keepWhole = {}, int minimumWidth = 48);
    void fit();
    void setKeepWhole(const QSet<int> &columns) { m_keepWhole = columns; }
    // A column never wider than `width` (chips whose header word is longer than the chip).
    void setMaximumWidth(int column, int width) { m_maximum.insert(column, width); }
    void clearMaximumWidths() { m_maximum.clear(); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTableView *m_view;
    QSet<int> m_keepWhole;
    QHash<int, int> m_maximum;
    int m_minimum;
    bool m_fitting = false;
};

// Whether the text of `index` is wider than its cell (what the view elides).
bool cellTextIsCut(const QTableView *view, int row, int column);

} // namespace pw
