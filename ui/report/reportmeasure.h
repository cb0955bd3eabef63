// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportpagination.h"

#include <QString>

class QTextDocument;

namespace pw {

// Measures a report's laid-out QTextDocument block by block for paginateReport (report/reportpagination.h).
// `text` must hold the TextDocument HTML of `doc` (reporthtml.h: each block's first text carries the mark
// blockAnchor(i)) and be laid out as one long page (QTextDocument::setTextWidth), so no page break moves
// anything. Lengths are layout pixels. A block whose mark is not found is reported as not found.
// With `detail` false only where each block starts and ends is measured (no lines, no rows).
MeasuredReport measureReport(QTextDocument &text, const ReportDocument &doc, bool detail = true);

// The first table row of `text` (laid out in pages of `pageHeight`) that starts on one page and ends on
// another although it is shorter than a page, as "table 3, row 12: page 4 to page 5"; empty when every such
// row is on one page.
QString splitTableRow(QTextDocument &text, double pageHeight);

} // namespace pw
