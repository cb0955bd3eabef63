// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "util/numbertext.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace pw {

// How the columns of an agent's quote table map to offering fields, and how one cell becomes JSON
// values. Two header shapes are understood: dotted JSON paths (`attributes.line_premium_annual`) and the
// friendly headers of spreadsheets (Carrier, Line, Premium, AM Best, Commission %, Limits…). Numbers are
// read under the file's convention (util/numbertext.h); a cell that cannot be read safely is an error,
// never a guess. Used by offeringimport.cpp only.

enum class CellKind {
    Text,
    Line,
    Grade,
    Tier,
    Fraction,       // commission: 0.13 or 13%
    Money,          // dollars, at least zero
    MoneyOrPercent, // a deductible: dollars or a percentage of the dwelling limit ("2%")
    MoneyOrNone,    // a physical-damage deductible: dollars or "none"
    SplitLimit,     // auto BI or UM: "100/300/100", "$100,000/$300,000", "500 CSL" or dollars
    Number,
    Timestamp,
    ExpiryDate,
    StringArray,
    Bool,
    Settlement,
    Auto // an unknown dotted path: a number when it reads as one, else text
};

struct ColumnSpec {
    QString path; // the offering field the column fills
    CellKind kind = CellKind::Auto;
    bool friendly = false;
    bool percentHeader = false; // "Commission %": a bare 13 means 13 %
};

// The spec of a header cell; nullopt for a header that names no field.
std::optional<ColumnSpec> specForHeader(const QString &header);
// Whether a header cell names a field the import knows (a friendly name or a known or dotted path).
bool isRecognisedHeader(const QString &header);
// The columns of a table without a header row, in the friendly order, and their names.
const std::vector<ColumnSpec> &defaultFriendlyColumns();
QStringList defaultFriendlyHeaders();

// How a percent column ("Commission %") writes plain numbers, decided once per column: as percentages
// when any plain number is above 1 ("12,5" -> 12.5 %), else as fractions ("0.12" -> 12 %). Reading: a
// column of fractions alone ("0,5") stays a fraction (50 %), as headerless pastes always read it, and the
// summary says so; below 1 in a column of percentages is refused as ambiguous (0.5 % or 50 %).
struct PercentScale {
    bool points = false;
    QString witness; // the cell that decided it: "12,5 in row 3"
};

struct CellContext {
    DecimalMark mark = DecimalMark::Point;
    bool markDecided = true; // false: a number that reads two ways is refused as ambiguous
    PercentScale scale;
};

struct CellValues {
    std::vector<std::pair<QString, JsonValue>> values; // offering paths and their values
    QString error;                                     // set when the cell cannot be read
    QString warning;
};
CellValues convertCell(const QString &raw, const ColumnSpec &spec, const CellContext &context);

// The texts in a cell that are numbers and so take part in deciding the file's number convention:
// the cell itself, the parts of a split limit, the amount of "500 CSL". Empty for text columns.
QStringList numberTextsOf(const QString &raw, const ColumnSpec &spec);

// Lower-case ASCII words joined by "_" ("Lakeshore Mutual" -> "lakeshore_mutual", "Générale" ->
// "generale").
QString slug(const QString &s);

} // namespace pw
