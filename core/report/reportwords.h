// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "model/case.h"

#include <QDate>
#include <QString>

namespace pw {

// The words the reports print, for people who do not read engine codes: grades with their rating
// agency's meaning, lines, severities, settlement bases, limits as agents write them. Plain text; the
// renderers escape it.

// "A+ (Superior)", "A (Excellent)", "A″ (Unsurpassed, Demotech)", "Not rated" (not stated or NR);
// a grade the tables do not know is returned as written.
QString gradeInWords(const QString &qualityRating, const QString &agency);
QString lineTitle(const QString &line);         // "home" -> "Home"; unknown lines capitalised
QString severityTitle(const QString &severity); // "critical" -> "Critical"
QString settlementWords(Settlement s);          // "Extended replacement cost"
QString longDate(const QDate &date);            // "November 28, 2026"
QString shortDate(const QDate &date);           // "Nov 28, 2026"
// A split limit in thousands, as agents write it: (250000, 500000, 100000) -> "250/500/100"; parts not
// stated are "?"; empty when none is stated.
QString splitLimitText(std::initializer_list<OptDouble> parts);
// A cost range "$5,940 – $6,534", or one amount when low and high are equal.
QString costRangeText(double low, double high);
// "+$2,631.77 (+66%)" against the current premium; empty when the change is not stated.
QString changeWords(const JsonValue &change, const JsonValue &changePct);

} // namespace pw
