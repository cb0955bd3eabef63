// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace pw {

// The words an agent reads for the engine's codes (engine.md §2, §5, §7, §9). The window and the reports
// show these; the JSON and CSV outputs keep the codes. Every function accepts codes it does not know and
// falls back on the code with its underscores and dots read as spaces, so a newer engine or a remote run
// never shows an empty cell. All returned text is our own wording except where a parameter says it
// copies case text (carrier names, states): callers escape that as any untrusted text.

// A gap's title as a heading, for a rule id of §9: "home.no_water_backup" -> "No water backup coverage".
// The run object's own `gaps[].title` is preferred where it has one (it may name amounts); this covers
// rule ids that only appear in a solution's gaps_new/gaps_open lists.
QString gapTitle(const QString &ruleId);
// The gap as a short noun for a sentence: "home.no_water_backup" -> "water backup",
// "umbrella.missing" -> "no umbrella".
QString gapPhrase(const QString &ruleId);

// Why the filter stage dropped an offering (§2), in words: "state_excluded" -> "Not written in NY",
// "quote_expired" -> "Quote expired Oct 31" (the year is added when it differs from today's),
// "no_premium" -> "No usable premium". `offering` is the offering object (its expiry date is read) and
// `state` the insured's state as the case states it (trimmed and upper-cased here; empty: "this state").
QString filterReasonText(const QString &reason, const JsonValue &offering, const QString &state,
                         const QDate &today = QDate::currentDate());
// An ignored offering (§2): "Not requested: renters" for its category.
QString ignoredReasonText(const QString &category);

// A cluster label (§7) in words: "best_value" -> "best value".
QString labelWords(const QString &clusterLabel);
// Whether a solution is shown with its cluster label: not when it is disqualified (a ⛔ reason blocks it;
// "best value" or "recommended" would commend a package that cannot be placed). The run object keeps the
// engine's label (engine.md §7); the window and the reports show labels through these two functions.
bool showsLabel(const JsonValue &solution);
// The label in words ("best value"), or empty when the solution shows no label.
QString solutionLabelWords(const JsonValue &solution);
// A dimension (§5) as a heading ("Financial strength") and inside a sentence ("financial strength").
QString dimensionHeading(const QString &dimension);
QString dimensionWords(const QString &dimension);
// A coverage line (§8) in words: "home" -> "home", "umbrella" -> "umbrella"; unknown codes as words.
QString lineWords(const QString &line);

// Any enumerated value of a case (marital status, settlement, construction…) in words:
// "domestic_partner" -> "domestic partner", "actual_cash_value" -> "actual cash value".
QString codeWords(const QString &code);

// English counts: countText(1, "error") -> "1 error", countText(2, "error") -> "2 errors";
// countText(2, "package", "packages") for irregular plurals.
QString countText(qint64 n, const QString &singular, const QString &plural = QString());
// A count read from engine output (solution_count, pool_size…) as formatCount writes it (util/numbers.h:
// "3,176,523,000,000"); a number that is not a whole count is written as its JSON text (never rounded into
// a wrong count), and a value that is not a number as "—".
QString countValueText(const JsonValue &v);
// "2nd", "3rd", "11th", "21st".
QString ordinalText(qint64 n);
// "a", "a and b", "a, b and c".
QString joinWords(const QStringList &items);

// A carrier's name without its corporate words: "Harborview Mutual" -> "Harborview",
// "Granite State Casualty" -> "Granite State", "Liberty Mutual Insurance Company" -> "Liberty". A name
// of corporate words only is kept whole. Copies case text.
QString shortCarrierName(const QString &name);

// A gap's `current` or `recommended` value as people read it, in every place that shows one (the `gaps`
// command's table, the window's gap list, the underwriter report): every number a gap carries is an amount
// of money (§9, §11.8: limits, replacement cost, net worth, deductibles, cash reserve), written as
// "$620,000"; a string is shown as the engine wrote it (a split limit "50/100" in thousands as agents
// write it, a settlement, "none", a lapse date); null (nothing to state: no umbrella today, an
// endorsement to add) is `none`. Reading: §9 has no gap value that is a count or a ratio, so no number
// is written without the dollar sign.
QString gapValueText(const JsonValue &v, const QString &none);

} // namespace pw
