// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportdocument.h"

#include <QFont>

namespace pw {

// Column widths of a report's tables that give every word its room: a table column narrower than the
// longest unbreakable piece of text in it (a word, as the line breaker sees it: "Umbrella", "$12,345",
// "A+ (Superior)" breaks only at its space) would have QTextDocument break that word mid-way ("Umbrel|la").
// Such a column is widened to the word, in whole percent of the page body, and the width is taken from
// the other columns in proportion to the room they have beyond their own longest word; no column goes
// below its own longest word. Columns are served from the shortest need up, so when the room runs out it
// is the longest word that breaks, never a header or an amount. A word longer than `maxWordShare` of the body
// (a damaged or hostile name hundreds of characters long) cannot have its room and is left to break anywhere.
//
// `bodyWidth` is in layout pixels (1/96 inch); `font` the document's default font (headers are measured
// bold, compact tables at 8 pt). Tables without stated widths are left to QTextDocument.
void fitColumnsToWords(ReportDocument &doc, const QFont &font, double bodyWidth, double maxWordShare = 0.4);

// The widest unbreakable piece of `text` in `font`, in layout pixels (96 dpi).
double widestWord(const QString &text, const QFont &font);

} // namespace pw
