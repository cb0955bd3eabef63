// SPDX-License-Identifier: MIT
#pragma once

#include "io/problem.h"
#include "model/case.h"

namespace pw {

// Builds the typed Case from a case file's JSON tree. Every value of the wrong type is reported as an
// error at its JSON path and read as not stated, so a damaged file still yields as much of the case as
// can be trusted. Exceptions the engine spec makes (engine.md §9, §11.6): a non-boolean
// `attributes.bindable` or non-numeric `attributes.service_rating` is a warning (read as not stated), and
// a `current_portfolio` that is not an object is ignored with a warning. Split-limit strings ("100/300/100",
// in thousands) are normalised into their numbers; keys stated beside a split string win over its parts.
// Without `readOfferings`, the offerings are neither read nor checked (a gap-only run never looks at
// them): the case has none, and no problem is reported under "offerings".
Case readCase(const JsonValue &root, Problems *problems, bool readOfferings = true);

// Reads one coverage detail object (offering.coverage or a current-coverage line) at `path`.
CoverageDetail readCoverageDetail(const JsonValue &obj, const QString &path, Problems *problems);
Offering readOffering(const JsonValue &obj, const QString &path, Problems *problems);

// "100/300/100" -> {100000, 300000, 100000}; 2 or 3 parts, decimals allowed; empty on anything else.
std::vector<double> parseSplitLimit(const QString &text);

} // namespace pw
