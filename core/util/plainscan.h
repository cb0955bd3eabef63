// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

namespace pw {

// Plain scanners for the short texts a case states (a percentage, a split limit, a carrier name), in
// place of regular expressions: compiling a QRegularExpression on first use costs more than a whole
// typical ranking. Each accepts exactly what the pattern it replaces accepted (tests/core/tst_plainscan
// compares them on edge cases and on every BMP character):
//  * whitespace is the patterns' `\s` without Unicode properties: space, \t, \n, \v, \f, \r only;
//  * a digit is the patterns' `\d`: ASCII 0–9 only;
//  * a number is `\d+(?:\.\d+)?` (no sign, no exponent, no leading or trailing dot).

// `^\s*(\d+(?:\.\d+)?)\s*%\s*$`: "2%", " 12.5 % ". The number before the percent sign, else nullopt.
std::optional<double> scanPercent(QStringView text);

// `^\s*N\s*/\s*N(?:\s*/\s*N)?\s*$` with N a number as above: the 2 or 3 numbers as written, else empty.
std::vector<double> scanSplitNumbers(QStringView text);

// The carrier-name key of engine.md's carrier matching: lower-cased, every character that is not a letter
// or a number (Unicode categories L*, N*) separates words, the filler words (insurance, ins, company,
// co, inc, corp, corporation, group, the) are dropped and the rest joined without spaces:
// "The Hartford Insurance Co." -> "hartford".
QString carrierNameKey(const QString &name);

} // namespace pw
