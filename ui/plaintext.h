// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QLabel;

namespace pw {

// Text from a case, an import or a server shown in widgets as text, never as markup. Qt guesses rich text
// for labels (AutoText) and tooltips from the first tag it sees, so "<b>Acme</b>" in a carrier's name
// would be rendered and an <img src="file:///dev/zero"> loaded. Labels that show such text are set to
// Qt::PlainText; tooltips holding it go through plainToolTip(); our own rich text escapes the data it
// embeds (QString::toHtmlEscaped). Server strings also go through serverText(), which shows control and
// bidirectional formatting characters as escapes (util/displaytext.h).

// The label shows its text as plain text, whatever it contains.
QLabel *plainTextLabel(QLabel *label);
// A tooltip that shows `text` literally: rich text holding the escaped text (line breaks kept), so Qt
// never guesses; empty stays empty.
QString plainToolTip(const QString &text);
// A server string as it may be shown: control and bidirectional characters as visible escapes.
QString serverText(const QString &text);

// How many graphemes of case text a chart legend, axis or chart label shows before "…".
constexpr int kChartLabelGraphemes = 40;
// Case text for a Qt Charts label (legend, axis, title): cut on grapheme boundaries to `maxGraphemes`
// (then "…") and HTML-escaped, since Qt Charts draws these labels as rich text and lays them out again
// for every truncation it tries — a label of tens of thousands of characters costs gigabytes.
QString chartLabel(const QString &text, int maxGraphemes = kChartLabelGraphemes);
// How many graphemes of case text a tooltip shows before "…".
constexpr int kToolTipGraphemes = 400;

} // namespace pw
