// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "report/reportwords.h" // lineTitle

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace pw {

// How a case field is shown and edited. Money shows as "$850,000"; a fraction as "13%"; percentages of
// the dwelling limit ("2%") and "none" deductibles stay strings as the case file writes them.
enum class FieldKind {
    Text,
    Integer,
    Number,
    Money,
    MoneyOrPercent, // home deductibles: an amount or "1%"
    MoneyOrNone,    // auto physical-damage deductibles: an amount or "none"
    SplitOrMoney,   // bi_per_person / um_per_person: an amount or "100/300/100"
    Fraction,       // commission: 0.13 shown as 13%
    Date,           // YYYY-MM-DD (typed also as MM/DD/YYYY)
    Timestamp,      // RFC 3339 (quote dates)
    Choice,
    Bool,
    StringList // comma separated in the editor, an array in the file
};

struct FieldSpec {
    QString key;   // path relative to the form's or row's base
    QString label; // shown in forms and headers
    FieldKind kind = FieldKind::Text;
    QString tooltip;
    std::vector<std::pair<QString, QString>> choices; // value, label (Choice)
    QString unit;                                     // "sq ft", "years"
};

// The value as shown ("" when not stated).
QString displayValue(const JsonValue &v, FieldKind kind);
// The value as put in an editor (no thousands separators for numbers).
QString editText(const JsonValue &v, FieldKind kind);
// Parses editor text. Empty text gives a null value (not stated); text that cannot be read gives
// nullopt and an error sentence.
std::optional<JsonValue> parseFieldText(const QString &text, FieldKind kind, QString *error);

// A date as agents type it: ISO "1985-06-15" or "2021-4-15" (a full timestamp is accepted too) or US
// "06/15/1985" / "6/15/1985" with a four-digit year; nullopt otherwise (two-digit years are refused, not
// guessed: the field's message asks for a 4-digit year).
std::optional<QDate> parseTypedDate(const QString &text);

// The 50 states and DC.
const QStringList &usStateCodes();
// Ordinal suffix free helpers for the views.
QString levelColorName(const QString &level); // L1..L4 -> background colour

} // namespace pw
