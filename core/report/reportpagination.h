// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportdocument.h"

#include <QString>

#include <map>
#include <vector>

namespace pw {

// A report document laid out page by page (product.md §6, reports on paper; ui.md, print and export).
// The renderer lays a report out once as one long page and measures it (ui/report/reportmeasure.h);
// paginateReport then places the document model's blocks onto pages of a given height, as the printed
// layout will, and returns the model with its page breaks made explicit:
//  - a table that does not fit on the rest of a page is cut between rows into one table per page, each
//    with the header row repeated (a PageBreak before each further part), so no row is ever cut by the
//    printer's page break; a group row ("Home") is kept with the row below it;
//  - a row taller than a whole page (and only such a row) is cut between two of its lines: the rest goes
//    on the next page as a row marked `continued`, whose cell in the measured `continuedColumn` starts with
//    "(continued)" (facts: the part whose first item is such a rest `continues`, its label so marked);
//    every word of the row is printed, none broken;
//  - a heading that would stand within `keepWithNext` of a page's foot, or whose following table row or
//    line would not fit below it, starts the next page;
//  - a small table (facts, callout, panel) that does not fit on the rest of a page starts the next one;
//    facts longer than a page are cut between their rows.
// Prose (paragraphs, notes, bullets) runs on from page to page line by line, as QTextDocument lays it.
// Lengths are layout pixels (1/96 inch) along the page, all measured in one layout.

// One line of a table cell: its extent, relative to the top of its row's text, and where its text starts
// in the cell's text as laid out.
struct MeasuredLine {
    double top = 0;
    double bottom = 0;
    qsizetype start = 0;
};

// A table cell as laid out: its text (as shown: escaped, white space collapsed) and its lines. A cell whose
// text is more than one paragraph cannot be cut between lines (`splittable` false).
struct MeasuredCell {
    QString text;
    std::vector<MeasuredLine> lines;
    bool splittable = true;
};

// A table row: the height of its text (the tallest cell's lines) and its cells, one per column (a group
// row has one).
struct MeasuredRow {
    double height = 0;
    std::vector<MeasuredCell> cells;
};

// One block of the document model as laid out. `top`/`bottom` are the extent of its text (for a table its
// frame); `topMargin` is the room the layout keeps above it when it starts a page.
struct MeasuredBlock {
    bool found = false; // false: the block was not found in the layout (it is placed as it is)
    double top = 0;
    double bottom = 0;
    double topMargin = 0;
    std::vector<MeasuredLine> lines; // prose: each line, relative to `top` (start unused)
    // Tables (Table, Facts): from the frame's top to the first body row's text, from one row's text to the
    // next row's, from the last row's text to the frame's bottom; the body rows (Facts: its items).
    double headerHeight = 0;
    double rowGap = 0;
    double tailHeight = 0;
    // Tables: the empty paragraph the layout puts after a table that another table follows (it stays on the
    // table's page, so it must fit there).
    double after = 0;
    std::vector<MeasuredRow> rows;
    // Tables: the first column wide enough for "(continued)" on one line (the widest when none is), where
    // the rest of a cut row says so.
    int continuedColumn = 0;
};

struct MeasuredReport {
    double coverBottom = 0;            // the foot of the cover's text (0 without a cover)
    double separatorHeight = 0;        // of the empty paragraph between two tables
    std::vector<MeasuredBlock> blocks; // one per block of the document model, in order
};

struct PageFrame {
    double height = 0;       // of the page body
    double keepWithNext = 0; // a heading this close to the foot starts the next page
    double slack = 2;        // room left at every page's foot for rounding between layouts
    // Where a block that starts a page begins, below the page's top, by kind; a kind not listed: its top
    // margin for prose, the top margin and 6.5 for a table (its rule and padding), the most QTextDocument
    // 6.4 leaves there (it drops a heading's margin at some page tops). The renderer raises it where the
    // layout leaves more.
    std::map<ReportBlock::Kind, double> startInset;
    // How much taller than measured a block left whole (a callout or a panel taller than a page) comes out
    // when the layout runs it on over pages, by its index in the document: the layout leaves room at each
    // page's foot and top inside it. Learnt from the paged layout by the renderer.
    std::map<size_t, double> runOnGrowth;
};

struct PaginatedReport {
    ReportDocument document;
    int pages = 0;                   // as planned (the printed count is read from the layout)
    std::vector<double> plannedTops; // where each block of `document` is expected to start (unused: -1)
    std::vector<bool> startsPage;    // whether it was placed at the top of a page
    std::vector<int> source;         // the index of the block of the input it comes from (-1: a page break)
};

// The document with explicit page breaks, cut tables and cut rows, for pages of `frame.height`. `measured`
// must have been taken from `doc` (one MeasuredBlock per block); a block it lacks is placed as it is.
PaginatedReport paginateReport(const ReportDocument &doc, const MeasuredReport &measured,
                               const PageFrame &frame);

} // namespace pw
