// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "io/problem.h"
#include "model/case.h"

#include <QDateTime>

namespace pw {

struct EngineProfile;

// Validates a case file's JSON tree: type errors found while reading, then the rules of the foundation
// issue and engine.md §1 and §11.6 (routing requirements, states, coverage types, ids, premiums,
// commission, grades, buckets) as errors, and data-quality findings (ZIP/state, VIN check digit,
// ignored offerings, expired quotes, impossible dates and counts, service ratings off the scale) as
// warnings. Gap-only runs check no offering and proceed without valid coverage types (warnings there);
// `current_coverage: {}` is a current-coverage source; term_months ≤ 0 is the engine's no_premium filter,
// not an error. `now` is the clock the date rules use. Every problem is reported, not the first.
struct ValidationResult {
    Case parsed;
    Problems problems;
};

// Which offerings validateCase reads: always (the window shows a gap-only case's offerings too), or only
// when the case asks for quote matching (`gaps` and the engine: a gap-only run never reads them, and the
// problems reported are the same, since a gap-only run's offering problems are dropped).
enum class OfferingsRead { Always, ForQuoteMatching };
ValidationResult validateCase(const JsonValue &root, const QDateTime &now, const EngineProfile &profile,
                              OfferingsRead offerings = OfferingsRead::Always);
// The same rules over an already typed case (used after edits in the window).
Problems validateTyped(const Case &cs, const QDateTime &now, const EngineProfile &profile);

// Normalised state code when valid (trimmed, upper case), else empty.
QString normalisedState(const QString &state);

} // namespace pw
