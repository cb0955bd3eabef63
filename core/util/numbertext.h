// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace pw {

// Number text as agents type it and spreadsheets export it, read strictly under one convention. The
// window's fields (always a decimal point, as US agents write) and every import (a convention decided
// once per file) read numbers through these functions, so the same text never means two numbers.
//
// Grammar: an optional sign ("-", "−" or parentheses), an optional "$", digits, then an optional
// percent sign. Under a convention one mark is the decimal mark and the other groups thousands; spaces
// (also no-break spaces) group thousands in both. Grouping marks must sit between groups of exactly three
// digits ("1,790", "1,234,567"; not "1,79", "17,90" or "0,125"), and at most one decimal mark follows them.
// Only ASCII digits count. Anything else is not a number: a wrong reading is never produced.

enum class DecimalMark {
    Point, // 1,234.56 (US, UK)
    Comma  // 1.234,56 (most of continental Europe and Latin America)
};

// What a piece of text can mean before a convention is chosen.
enum class NumberShape {
    NotNumber, // no reading in either convention
    Plain,     // both conventions read the same value: "1790", "1 790", "-5"
    PointOnly, // only a decimal point reads it: "0.13", "1,234.56", "1,234,567"
    CommaOnly, // only a decimal comma reads it: "0,5", "1790,50", "3.240,50", "1.234.567"
    Either     // both read it, to different values: "1,790" (1790 or 1.79), "1.790"
};

// "1,234.56" for Point, "1.234,56" for Comma: how summaries and messages show a convention.
QString decimalMarkExample(DecimalMark mark);
QString decimalMarkName(DecimalMark mark); // "decimal point" / "decimal comma"

NumberShape numberShape(const QString &text);

// Reads `text` under `mark`. Percent text gives the fraction (13% -> 0.13) and sets *wasPercent.
// Empty text, "n/a" and anything outside the grammar give nullopt.
std::optional<double> parseNumberText(const QString &text, DecimalMark mark, bool *wasPercent = nullptr);

// Split auto limits as agents write them, in dollars: "100/300/100" and "250/500" (thousands),
// "$100,000/$300,000/$50,000" and "100000/300000" (dollars). Parts all below 1,000 are thousands, parts
// all at 1,000 or more are dollars; a mix, a "$" on a part below 1,000, or anything but 2 or 3 readable
// parts gives nullopt and a reason in *error.
std::optional<std::vector<double>> parseSplitLimitText(const QString &text, DecimalMark mark,
                                                       QString *error = nullptr);
// A combined single limit in dollars: "500 CSL", "$500,000 CSL", "1,000 CSL" (below 10,000: thousands).
// nullopt when the text does not end in "CSL" or its amount cannot be read (*error says why).
std::optional<double> parseCombinedSingleLimitText(const QString &text, DecimalMark mark,
                                                   QString *error = nullptr);
// The split-limit form the case reader understands: dollars -> "100/300/50" (thousands).
QString splitLimitInThousands(const std::vector<double> &dollars);

} // namespace pw
