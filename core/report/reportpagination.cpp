// SPDX-License-Identifier: MIT
#include "reportpagination.h"

#include <algorithm>
#include <cmath>

namespace pw {

namespace {

using Kind = ReportBlock::Kind;

bool isHeading(Kind k) {
    return k == Kind::Heading || k == Kind::Subheading;
}

bool isProse(Kind k) {
    return isHeading(k) || k == Kind::Paragraph || k == Kind::Note || k == Kind::Bullets;
}

// Tables cut between rows when they run past a page: grid tables with stated column widths (so every part
// has the same columns, and rows keep the heights they were measured at) and facts. Other tables (a
// callout, a panel) move to the next page whole.
bool cutBetweenRows(const ReportBlock &b, const MeasuredBlock &m) {
    if (b.kind == Kind::Facts) return m.rows.size() == size_t(b.items.size());
    return b.kind == Kind::Table && !b.table.header.isEmpty() &&
           b.table.widths.size() == size_t(b.table.header.size()) && m.rows.size() == b.table.rows.size();
}

double height(const MeasuredBlock &m) {
    return m.bottom - m.top;
}

double lastBottom(const std::vector<MeasuredLine> &lines) {
    return lines.empty() ? 0 : lines.back().bottom;
}

// Places blocks page by page; see reportpagination.h for the rules. Positions are along one strip of
// pages: page p spans [p * height, (p + 1) * height).
class Paginator {
public:
    Paginator(const ReportDocument &doc, const MeasuredReport &measured, const PageFrame &frame)
        : m_doc(doc)
        , m_measured(measured)
        , m_frame(frame) {
        m_out.document = doc;
        m_out.document.blocks.clear();
        m_cur = m_prevBottom = measured.coverBottom;
        m_empty = !doc.cover.present;
    }

    PaginatedReport run() {
        for (size_t i = 0; i < m_doc.blocks.size(); ++i) {
            const ReportBlock &b = m_doc.blocks[i];
            const MeasuredBlock *m = i < m_measured.blocks.size() ? &m_measured.blocks[i] : nullptr;
            m_source = int(i);
            if (b.kind == Kind::PageBreak) {
                if (!m_empty) breakPage(); // a page already begun by a cut needs no second break
                continue;
            }
            if (!m || !m->found) {
                place(b, -1);
                continue;
            }
            if (isProse(b.kind))
                prose(i, *m);
            else if (cutBetweenRows(b, *m))
                cutTable(b, *m);
            else
                whole(b, *m, i);
            m_prevBottom = m->bottom + m->after;
        }
        m_out.pages = m_page + 1;
        return std::move(m_out);
    }

private:
    double pageTop() const { return m_page * m_frame.height; }
    double pageFoot() const { return (m_page + 1) * m_frame.height - m_frame.slack; }
    // The room for a block that starts a page.
    double pageRoom(const ReportBlock &b, const MeasuredBlock &m) const {
        return m_frame.height - m_frame.slack - inset(b, m);
    }
    int pageOf(double y) const { return int(std::floor(y / m_frame.height)); }

    void place(ReportBlock b, double top) {
        m_out.document.blocks.push_back(std::move(b));
        m_out.plannedTops.push_back(top);
        m_out.startsPage.push_back(m_empty && m_page > 0);
        m_out.source.push_back(m_source);
        m_empty = false;
    }

    void breakPage() {
        m_out.document.blocks.push_back({Kind::PageBreak, {}, {}, {}});
        m_out.plannedTops.push_back(-1);
        m_out.startsPage.push_back(false);
        m_out.source.push_back(-1);
        ++m_page;
        m_empty = true;
    }

    // Where a block starts: below the one before it, or at the top of a page it starts.
    double topOf(const ReportBlock &b, const MeasuredBlock &m) const {
        return m_empty && m_page > 0 ? pageTop() + inset(b, m) : m_cur + (m.top - m_prevBottom);
    }

    double inset(const ReportBlock &b, const MeasuredBlock &m) const {
        const auto it = m_frame.startInset.find(b.kind);
        if (it != m_frame.startInset.end()) return it->second;
        return isProse(b.kind) ? m.topMargin : m.topMargin + 6.5;
    }

    // Has been placed down to `bottom`.
    void placedTo(double bottom) {
        m_cur = bottom;
        m_page = std::max(m_page, pageOf(bottom - 0.01));
    }

    // The least that must follow a heading on its page: the next block's first line or first table row
    // (with the header row and a group row's first row), or a heading's own and its next block's.
    double firstPiece(size_t j, int depth = 0) const {
        if (j >= m_doc.blocks.size() || j >= m_measured.blocks.size() || j == 0) return 0;
        const ReportBlock &b = m_doc.blocks[j];
        const MeasuredBlock &m = m_measured.blocks[j];
        if (b.kind == Kind::PageBreak || !m.found) return 0;
        const MeasuredBlock &before = m_measured.blocks[j - 1];
        const double gap = std::max(0.0, m.top - (before.bottom + before.after));
        if (isHeading(b.kind)) return gap + height(m) + (depth < 2 ? firstPiece(j + 1, depth + 1) : 0);
        if (isProse(b.kind)) return gap + (m.lines.empty() ? height(m) : m.lines.front().bottom);
        if (cutBetweenRows(b, m) && !m.rows.empty()) {
            // A first row taller than a page starts here when a quarter of a page's room is left.
            double rows = std::min(m.rows.front().height, rowRoom(b, m) / 4);
            if (b.kind == Kind::Table && b.table.rows.front().group && m.rows.size() > 1)
                rows += m.rowGap + m.rows[1].height;
            return gap + m.headerHeight + rows + partFoot(m);
        }
        return gap + height(m);
    }

    void prose(size_t i, const MeasuredBlock &m) {
        const ReportBlock &b = m_doc.blocks[i];
        double top = topOf(b, m);
        if (isHeading(b.kind) && !m_empty) {
            const double need = height(m) + firstPiece(i + 1);
            const bool nearFoot = top - pageTop() > m_frame.height - m_frame.keepWithNext;
            if (nearFoot || (top + need > pageFoot() && need <= pageRoom(b, m))) {
                breakPage();
                top = topOf(b, m);
            }
        }
        // A line that would cross a page's foot starts the next page, as the layout does.
        double push = 0;
        for (const MeasuredLine &line : m.lines) {
            const double lineTop = top + line.top + push, lineBottom = top + line.bottom + push;
            const int page = pageOf(lineTop);
            if (lineBottom > (page + 1) * m_frame.height) push += (page + 1) * m_frame.height - lineTop;
        }
        place(b, top);
        placedTo(top + height(m) + push);
    }

    // A callout, a panel or a table without stated widths: on the next page when it does not fit here. One
    // taller than a page is left where it is, for the layout to run on over the page (a panel or callout is
    // one row that cannot be cut between lines here; a table without widths would change its columns if
    // cut, so its rows could not be measured for the parts).
    void whole(const ReportBlock &b, const MeasuredBlock &m, size_t i) {
        double top = topOf(b, m);
        if (!m_empty && top + height(m) + m.after > pageFoot() && height(m) + m.after <= pageRoom(b, m)) {
            breakPage();
            top = topOf(b, m);
        }
        const auto grown = m_frame.runOnGrowth.find(i);
        place(b, top);
        placedTo(top + height(m) + m.after + (grown == m_frame.runOnGrowth.end() ? 0 : grown->second));
    }

    // The foot of the text of rows [a, k) of a part of a table whose frame starts at `top`.
    double rowsBottom(const MeasuredBlock &m, const std::vector<MeasuredRow> &rows, size_t a, size_t k,
                      double top) const {
        double y = top + m.headerHeight;
        for (size_t r = a; r < k; ++r)
            y += (r > a ? m.rowGap : 0) + rows[r].height;
        return y;
    }

    // What follows a part of a table on its page at the most: the table's foot and the empty paragraph
    // before the next part (or what follows the table).
    double partFoot(const MeasuredBlock &m) const {
        return m.tailHeight + std::max(m.after, m_measured.separatorHeight);
    }

    // The foot of a part of a table holding rows [a, k) whose frame starts at `top`, with what follows it on
    // its page: the last part what follows the table, another the empty paragraph before the next part.
    double partBottom(const MeasuredBlock &m, const std::vector<MeasuredRow> &rows, size_t a, size_t k,
                      double top) const {
        return rowsBottom(m, rows, a, k, top) + m.tailHeight +
               (k == rows.size() ? m.after : m_measured.separatorHeight);
    }

    // The room for rows on a page of their own; a row taller than that is cut between its lines.
    double rowRoom(const ReportBlock &b, const MeasuredBlock &m) const {
        return pageRoom(b, m) - m.headerHeight - partFoot(m);
    }

    void cutTable(const ReportBlock &b, const MeasuredBlock &m) {
        // Facts are cut like a table's rows: their items are carried as rows of a label and a value.
        std::vector<ReportRow> rows;
        if (b.kind == Kind::Facts) {
            for (const QString &item : b.items)
                rows.push_back({{ReportCell(item.section(u'\t', 0, 0)), ReportCell(item.section(u'\t', 1))}});
        } else {
            rows = b.table.rows;
        }
        std::vector<MeasuredRow> measured = m.rows;
        const double room = rowRoom(b, m);
        double top = topOf(b, m);
        size_t a = 0;
        while (a < rows.size()) {
            size_t k = a;
            while (k < rows.size() && partBottom(m, measured, a, k + 1, top) <= pageFoot())
                ++k;
            if (k < rows.size() && measured[k].height > room) {
                // A row taller than a page is cut between its lines: on this page when a quarter of a
                // page's room is left here, else from the top of the next.
                const double used =
                    k > a ? rowsBottom(m, measured, a, k, top) + m.rowGap : top + m.headerHeight;
                const double here = pageFoot() - partFoot(m) - used;
                if ((here >= room / 4 || (m_empty && k == a)) &&
                    cutRow(rows, measured, k, here, m.continuedColumn))
                    ++k;
            } else {
                // A group row is never the last row of a page when a row of its group follows.
                while (k < rows.size() && k > a + 1 && rows[k - 1].group)
                    --k;
            }
            if (k == a) {
                if (!m_empty) {
                    breakPage();
                    top = topOf(b, m);
                    continue;
                }
                k = a + 1; // cannot be cut: printed as it is
            }
            ReportBlock part = b;
            if (b.kind == Kind::Facts) {
                part.items.clear();
                for (size_t r = a; r < k; ++r)
                    part.items << rows[r].cells[0].text + u'\t' + rows[r].cells[1].text;
                // A fact's rest is marked as a table row's is ("(continued)" above the text of the label's
                // column, which is wide enough), its label not repeated: the label stands at the foot of the
                // page before, and a label printed twice would read as a second fact.
                part.continues = rows[a].continued;
            } else {
                part.table.rows.assign(rows.begin() + qsizetype(a), rows.begin() + qsizetype(k));
            }
            place(std::move(part), top);
            placedTo(partBottom(m, measured, a, k, top));
            a = k;
            if (a < rows.size()) {
                breakPage();
                top = topOf(b, m);
            }
        }
    }

    // Cuts row `r` after the lines that end within `room` of its top: the rest becomes the next row, marked
    // continued ("(continued)" on a line of its own above the text of its cell in column `mark`). False when
    // no line fits or a cell cannot be cut.
    static bool cutRow(std::vector<ReportRow> &rows, std::vector<MeasuredRow> &measured, size_t r,
                       double room, int mark) {
        const MeasuredRow &m = measured[r];
        if (rows[r].group || m.cells.empty()) return false;
        mark = std::clamp(mark, 0, int(m.cells.size()) - 1);
        ReportRow first = rows[r], rest = rows[r];
        rest.continued = true;
        rest.continuedColumn = mark;
        first.cells.resize(m.cells.size());
        rest.cells.resize(m.cells.size());
        MeasuredRow firstM, restM;
        double lineHeight = 0;
        for (const MeasuredCell &cell : m.cells)
            if (!cell.lines.empty() && lineHeight == 0)
                lineHeight = cell.lines.front().bottom - cell.lines.front().top;
        for (size_t c = 0; c < m.cells.size(); ++c) {
            const MeasuredCell &cell = m.cells[c];
            size_t cut = 0;
            while (cut < cell.lines.size() && cell.lines[cut].bottom <= room)
                ++cut;
            if (cut < cell.lines.size() && !cell.splittable) return false;
            MeasuredCell head = cell, tail;
            head.lines.resize(cut);
            tail.splittable = cell.splittable;
            if (cut < cell.lines.size()) {
                const qsizetype at = cell.lines[cut].start;
                head.text = cell.text.left(at).trimmed();
                tail.text = cell.text.mid(at);
                const double shift = cell.lines[cut].top;
                for (size_t l = cut; l < cell.lines.size(); ++l)
                    tail.lines.push_back(
                        {cell.lines[l].top - shift, cell.lines[l].bottom - shift, cell.lines[l].start - at});
            }
            if (int(c) == mark) {
                const double h =
                    cell.lines.empty() ? lineHeight : cell.lines.front().bottom - cell.lines.front().top;
                for (MeasuredLine &l : tail.lines) {
                    l.top += h;
                    l.bottom += h;
                }
                tail.lines.insert(tail.lines.begin(), MeasuredLine{0, h, 0});
            }
            // A cell that fits keeps its text as the model has it; a cut one is cut in its text as laid out
            // (escaped, as the renderer shows it, so cutting it again escapes nothing twice).
            if (cut < cell.lines.size()) first.cells[c].text = head.text;
            rest.cells[c].text = tail.text;
            firstM.height = std::max(firstM.height, lastBottom(head.lines));
            restM.height = std::max(restM.height, lastBottom(tail.lines));
            firstM.cells.push_back(std::move(head));
            restM.cells.push_back(std::move(tail));
        }
        if (firstM.height <= 0) return false;
        rows[r] = std::move(first);
        measured[r] = std::move(firstM);
        rows.insert(rows.begin() + qsizetype(r) + 1, std::move(rest));
        measured.insert(measured.begin() + qsizetype(r) + 1, std::move(restM));
        return true;
    }

    const ReportDocument &m_doc;
    const MeasuredReport &m_measured;
    const PageFrame m_frame;
    PaginatedReport m_out;
    int m_page = 0;          // the page being filled
    double m_cur = 0;        // the foot of what is placed, along the strip of pages
    double m_prevBottom = 0; // the foot of the block before, as measured
    bool m_empty = true;     // nothing placed on the page yet
    int m_source = -1;       // the block of the input being placed
};

} // namespace

PaginatedReport paginateReport(const ReportDocument &doc, const MeasuredReport &measured,
                               const PageFrame &frame) {
    return Paginator(doc, measured, frame).run();
}

} // namespace pw
