// SPDX-License-Identifier: MIT
#include "reportmeasure.h"

#include "reporthtml.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace pw {

namespace {

using Kind = ReportBlock::Kind;

bool isProse(Kind k) {
    return k == Kind::Heading || k == Kind::Subheading || k == Kind::Paragraph || k == Kind::Note ||
           k == Kind::Bullets;
}

// The lines of a block, in document coordinates.
void addLines(QAbstractTextDocumentLayout *layout, const QTextBlock &block, std::vector<MeasuredLine> &out) {
    const QTextLayout *lines = block.layout();
    if (!lines) return;
    const double origin = layout->blockBoundingRect(block).top() - lines->boundingRect().top();
    for (int i = 0; i < lines->lineCount(); ++i) {
        const QTextLine line = lines->lineAt(i);
        out.push_back({origin + line.y(), origin + line.y() + line.height(), line.textStart()});
    }
}

// A table row's cells and the extent of its text, in document coordinates.
struct RowExtent {
    double top = std::numeric_limits<double>::max();
    double bottom = std::numeric_limits<double>::lowest();
    std::vector<MeasuredCell> cells;
};

RowExtent rowExtent(QAbstractTextDocumentLayout *layout, QTextTable *table, int row) {
    RowExtent e;
    for (int c = 0; c < table->columns(); ++c) {
        const QTextTableCell cell = table->cellAt(row, c);
        if (cell.row() != row || cell.column() != c) continue; // spanned
        MeasuredCell m;
        int blocks = 0;
        const QTextBlock last = cell.lastCursorPosition().block();
        for (QTextBlock b = cell.firstCursorPosition().block(); b.isValid(); b = b.next()) {
            ++blocks;
            m.text = b.text();
            addLines(layout, b, m.lines);
            if (b == last) break;
        }
        m.splittable = blocks == 1;
        if (!m.lines.empty()) {
            e.top = std::min(e.top, m.lines.front().top);
            e.bottom = std::max(e.bottom, m.lines.back().bottom);
        }
        e.cells.push_back(std::move(m));
    }
    return e;
}

void measureRows(QAbstractTextDocumentLayout *layout, QTextTable *table, MeasuredBlock &m);

void measureTable(QAbstractTextDocumentLayout *layout, QTextTable *table, MeasuredBlock &m, bool rows) {
    const QRectF frame = layout->frameBoundingRect(table);
    m.top = frame.top();
    m.bottom = frame.bottom();
    m.topMargin = table->format().topMargin();
    if (!rows) return;
    measureRows(layout, table, m);
}

// The first column of `table` whose cells are wide enough for "(continued)" on one line, in the italic of
// their text; the widest when none is. Measured on the first body row that has a cell in every column.
int continuedColumn(QAbstractTextDocumentLayout *layout, QTextTable *table) {
    for (int r = table->format().headerRowCount(); r < table->rows(); ++r) {
        if (table->cellAt(r, 0).columnSpan() != 1) continue;
        int widest = 0;
        double widestWidth = -1;
        for (int c = 0; c < table->columns(); ++c) {
            const QTextBlock block = table->cellAt(r, c).firstCursorPosition().block();
            const QTextLayout *lines = block.layout();
            if (!lines || lines->lineCount() == 0) continue;
            QFont font = block.charFormat().font();
            font.setItalic(true);
            const double need =
                QFontMetricsF(font, layout->paintDevice()).horizontalAdvance(QStringLiteral("(continued)"));
            const double width = lines->lineAt(0).width();
            if (width >= need + 1) return c;
            if (width > widestWidth) {
                widestWidth = width;
                widest = c;
            }
        }
        return widest;
    }
    return 0;
}

void measureRows(QAbstractTextDocumentLayout *layout, QTextTable *table, MeasuredBlock &m) {
    m.continuedColumn = continuedColumn(layout, table);
    const int header = table->format().headerRowCount();
    std::vector<RowExtent> rows;
    for (int r = header; r < table->rows(); ++r)
        rows.push_back(rowExtent(layout, table, r));
    if (rows.empty() || rows.front().cells.empty()) return;
    m.headerHeight = rows.front().top - m.top;
    m.tailHeight = m.bottom - rows.back().bottom;
    for (size_t r = 0; r + 1 < rows.size(); ++r)
        m.rowGap = std::max(m.rowGap, rows[r + 1].top - rows[r].bottom);
    for (RowExtent &e : rows) {
        MeasuredRow row;
        row.height = e.bottom - e.top;
        for (MeasuredCell &cell : e.cells) {
            for (MeasuredLine &line : cell.lines) {
                line.top -= e.top;
                line.bottom -= e.top;
            }
            row.cells.push_back(std::move(cell));
        }
        m.rows.push_back(std::move(row));
    }
}

// The index of the block whose mark (blockAnchor, as the tooltip of its first text) `block` holds, or -1.
int anchoredBlock(const QTextBlock &block, const std::map<QString, int> &anchors) {
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QString name = it.fragment().charFormat().toolTip();
        if (name.isEmpty()) continue;
        const auto found = anchors.find(name);
        if (found != anchors.end()) return found->second;
    }
    return -1;
}

} // namespace

MeasuredReport measureReport(QTextDocument &text, const ReportDocument &doc, bool detail) {
    QAbstractTextDocumentLayout *layout = text.documentLayout();
    layout->documentSize(); // the whole document laid out
    MeasuredReport out;
    out.blocks.resize(doc.blocks.size());
    std::map<QString, int> anchors;
    for (size_t i = 0; i < doc.blocks.size(); ++i)
        anchors[blockAnchor(int(i))] = int(i);
    QTextFrame *root = text.rootFrame();
    int current = -1;
    for (QTextBlock b = text.begin(); b.isValid(); b = b.next()) {
        const int anchored = anchoredBlock(b, anchors);
        if (anchored > current) {
            current = anchored;
            MeasuredBlock &m = out.blocks[size_t(current)];
            m.found = true;
            if (!isProse(doc.blocks[size_t(current)].kind)) {
                if (QTextTable *table = QTextCursor(b).currentTable())
                    measureTable(layout, table, m, detail);
                else
                    m.found = false;
                continue;
            }
            m.top = layout->blockBoundingRect(b).top();
            m.topMargin = b.blockFormat().topMargin();
        }
        if (text.frameAt(b.position()) != root) continue; // inside a table
        if (current < 0) {
            out.coverBottom = std::max(out.coverBottom, layout->blockBoundingRect(b).bottom());
            continue;
        }
        MeasuredBlock &m = out.blocks[size_t(current)];
        if (!isProse(doc.blocks[size_t(current)].kind)) {
            // The empty paragraph after a table (before another table, or at the end).
            const double bottom = layout->blockBoundingRect(b).bottom();
            if (bottom > m.bottom + m.after) m.after = bottom - m.bottom;
            out.separatorHeight = std::max(out.separatorHeight, layout->blockBoundingRect(b).height());
            continue;
        }
        if (detail) addLines(layout, b, m.lines);
        m.bottom = layout->blockBoundingRect(b).bottom();
    }
    // No two tables in a row: the empty paragraph a cut table's parts will have between them, measured by
    // its font (its line and a pixel for rounding).
    if (out.separatorHeight == 0)
        out.separatorHeight = QFontMetricsF(text.defaultFont(), layout->paintDevice()).lineSpacing() + 1;
    for (MeasuredBlock &m : out.blocks)
        for (MeasuredLine &line : m.lines) {
            line.top -= m.top;
            line.bottom -= m.top;
        }
    return out;
}

QString splitTableRow(QTextDocument &text, double pageHeight) {
    QAbstractTextDocumentLayout *layout = text.documentLayout();
    layout->documentSize();
    int number = 0;
    for (QTextFrame *frame : text.rootFrame()->childFrames()) {
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table) continue;
        ++number;
        const QRectF extent = layout->frameBoundingRect(table);
        // A table on one page has all its rows there.
        if (std::floor(extent.top() / pageHeight) == std::floor((extent.bottom() - 0.01) / pageHeight))
            continue;
        for (int r = table->format().headerRowCount(); r < table->rows(); ++r) {
            const RowExtent e = rowExtent(layout, table, r);
            // A row taller than a page that could not be cut spreads over two pages or more, as it must.
            if (e.cells.empty() || e.bottom - e.top >= 2 * pageHeight) continue;
            const int first = int(std::floor(e.top / pageHeight)),
                      last = int(std::floor((e.bottom - 0.01) / pageHeight));
            if (first != last)
                return QStringLiteral("table %1, row %2: page %3 to page %4")
                    .arg(number)
                    .arg(r)
                    .arg(first + 1)
                    .arg(last + 1);
        }
    }
    return {};
}

} // namespace pw
