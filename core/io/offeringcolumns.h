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

// Whether cells of this kind are numbers (and so take part in the file's number convention).
bool isNumberKind(CellKind kind);

// The spec of a header cell; nullopt for a header that names no field. A header in one pair of brackets
// ("[Carrier]", "{attributes.quote_id}", as database tools export them) names the field inside.
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

// The order of day and month in the file's slash dates ("01/15/2027"), decided once per file from dates
// only one order reads (a part above 12); ambiguous dates ("03/04/2027") are refused while it is unknown.
enum class DateOrder { Unknown, MonthFirst, DayFirst };

// A date written D/M/YYYY or M/D/YYYY (a four-digit year only).
struct SlashDate {
    int first = 0, second = 0, year = 0;
    QString iso(bool monthFirst) const; // "2027-01-15"
};
std::optional<SlashDate> slashDateOf(const QString &text);

// "home", "auto" or "umbrella" for a line as agents write it ("Homeowners", "HO-3", "Personal Auto",
// "Personal Umbrella"); empty for any other text.
QString lineForText(const QString &text);

struct CellContext {
    DecimalMark mark = DecimalMark::Point;
    bool markDecided = true; // false: a number that reads two ways is refused as ambiguous
    QString markEvidence;    // what decided the mark, for messages: "as row 2, column D: "2,5%" shows"
    DateOrder dateOrder = DateOrder::Unknown;
    QChar delimiter; // the table's delimiter (null for JSON): a multi-line cell holding it is refused
    PercentScale scale;
};

struct CellValues {
    std::vector<std::pair<QString, JsonValue>> values; // offering paths and their values
    QString error;                                     // set when the cell cannot be read
    QString warning;
};
// Text is normalised to NFC first ("Ge\u0301ne\u0301rale" and "Générale" are one name).
CellValues convertCell(const QString &raw, const ColumnSpec &spec, const CellContext &context);

// Why a text value cannot be stored as it is, or empty: a replacement character (U+FFFD) left by an
// earlier failed conversion, a control character, an invisible formatting character (zero-width space,
// bidirectional override) or a lone surrogate. Tables and JSON files are checked alike.
QString textProblem(const QString &text);

// The texts in a cell that are numbers and so take part in deciding the file's number convention:
// the cell itself, the parts of a split limit, the amount of "500 CSL". Empty for text columns.
QStringList numberTextsOf(const QString &raw, const ColumnSpec &spec);

// Lower-case ASCII words joined by "_" ("Lakeshore Mutual" -> "lakeshore_mutual", "Générale" ->
// "generale").
QString slug(const QString &s);

} // namespace pw
