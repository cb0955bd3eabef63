// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <vector>

class QFont;
class QTableView;

namespace pw {

// Sizes a table's columns to their contents within the width of its pane. When the contents are wider
// than the viewport, first the wrapping columns give way, down to the width at which each of their cells
// still takes at most two lines ("$5,940 –" over "$6,534"); the view wraps words and its rows grow to their
// contents, so a row is two lines tall only where it has to be. Only when that is not enough are the
// widest other columns (those not kept whole) narrowed to a common cap, never below `minimumWidth`, so
// every column stays on screen. Readable columns (names) are never narrowed below their whole text up to
// a third of the pane: rather than cut a name, the table scrolls sideways; only a name wider than that is
// cut, the last resort. Cut text is elided in the middle ("Harb…utual"), and
// hovering a cut cell shows its whole text above the model's own tooltip. Refits when the model resets
// or changes its layout, and when the viewport is resized; a column the user drags keeps its width until
// the next reset.
class ColumnFitter : public QObject {
    Q_OBJECT
public:
    // `keepWhole`: columns never narrowed (check boxes, ranks, level chips).
    ColumnFitter(QTableView *view, QSet<int> keepWhole = {}, int minimumWidth = 48);
    // How many rows of the longest text per column a fit measures besides those on screen.
    static constexpr int kSampleRows = 24;
    void fit();
    void setKeepWhole(const QSet<int> &columns) { m_keepWhole = columns; }
    // Columns of names a person must read whole (carriers): kept at their whole text, at most
    // readableCap() wide; when the pane is too narrow for them and the others, the table scrolls sideways.
    void setReadable(const QSet<int> &columns) { m_readable = columns; }
    // The widest a readable column is made: a third of the viewport, at least `minimumWidth`.
    int readableCap() const;
    // Columns whose words wrap onto a second line before any other column is cut (labels, ranges, counts).
    // Turns on word wrap in the view and sizes its rows to their contents (fitRows); the view's delegate
    // keeps the other columns to one line (ChipDelegate::setWrappingColumns).
    void setWrapping(const QSet<int> &columns);
    // A column never wider than `width` (chips whose header word is longer than the chip).
    void setMaximumWidth(int column, int width) { m_maximum.insert(column, width); }
    void clearMaximumWidths() { m_maximum.clear(); }
    // Each row one line (the vertical header's default size) unless a wrapping cell's text is wider than
    // its column, then as tall as its cells ask (QTableView::sizeHintForRow, as ResizeToContents). Once
    // per fit: the header's own ResizeToContents asked the delegate for every cell of every row at each
    // layout, five times per fit, 40 ms and more on the GUI thread for a ranking of 200 rows. Done by
    // fit(), and when the rows are re-sorted.
    void fitRows();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The narrowest a wrapping column can be: its header, and each cell in at most two lines.
    int wrappedWidth(int column) const;
    // The width a column's contents ask for (as QTableView::sizeHintForColumn), from a sample of its
    // rows: those on screen and the kSampleRows with the longest text (a 200-row ranking asked the
    // delegate for all 2,800 cells at every fit). Its widest text is among the longest in practice; a
    // cell the sample missed that is cut shows whole in its tooltip.
    int sampledWidth(int column) const;
    // The widest text of a column on one line with the style's text margins (what the view shows uncut),
    // from the same sample; at least `minimumWidth`.
    int textWidth(int column) const;
    // The style's text margin on both sides, as the item view lays text out, and a pixel for rounding.
    int textMargins() const;
    // The rows a column is measured on: all of them up to kSampleRows, else the sample above.
    std::vector<int> sampleRows(int column) const;

    QTableView *m_view;
    QSet<int> m_keepWhole;
    QSet<int> m_wrapping;
    QSet<int> m_readable;
    bool m_wrappingSet = false; // setWrapping was called (an empty set turns word wrap off)
    QHash<int, int> m_maximum;
    int m_minimum;
    bool m_fitting = false;
};

// Sizes each column of `minimumWidths` (column → its designed width) of `view` to its widest text on one
// line — every row is weighed, not a sample — and its header, never narrower than the designed width. For
// columns of numbers (counts, amounts): a count cut to "616,…" reads as 616, so they are never elided.
// Call after the model's rows change; a column the user dragged is sized again then.
void fitWholeValues(QTableView *view, const QHash<int, int> &minimumWidths);

// Whether the text of `index` is wider than its cell (what the view elides).
bool cellTextIsCut(const QTableView *view, int row, int column);

// The narrowest width, in pixels of `font`, at which `text` takes at most two lines when wrapped at its line
// break opportunities (UAX #14, as QTextLayout wraps): the wider of the two halves at the best break, or
// the whole width when it has no break.
int twoLineWidth(const QString &text, const QFont &font);

} // namespace pw
