// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QString>

namespace pw {

// The "why" line: one plain sentence about one solution of a run object (engine.md §10; local and remote
// runs alike), built only from the run's own numbers and codes, for the window above the ranking and for
// the reports. For the first solution it reads
//   "Harborview for all three lines: closes all 5 gaps, +$2,632 a year against today;
//    Keystone/Harborview/Keystone saves $680 but opens a gap (umbrella below net worth) and is weaker on
//    financial strength, placement and service"
// and for any other solution it says its rank and what it gives up against the first:
//   "Keystone/Harborview/Keystone, best value, ranked 2nd of 48: closes all 5 gaps but opens one (umbrella
//    below net worth), +$1,952 a year against today; against Harborview for all three lines it saves $680
//    but is weaker on financial strength, placement and service"
// Parts whose data the run lacks are left out: no gap part without a gap analysis, "$6,620 a year"
// without a current premium, no comparison when the run has one solution.
//
// `run` is the object `rank --format json` prints; `solutionIndex` indexes its `solutions[]` (ordered by
// rank). An index outside the array gives the run's `output.message` when it has one ("No complete
// package: …"), else "". Money is whole dollars ("$2,632"); carrier names are the case's own text with
// corporate words dropped (plainwords.h), cut to at most 40 graphemes (at a space when one is near, then
// "…"), and are not escaped: escape the result as untrusted text.
QString whyLine(const JsonValue &run, int solutionIndex);

// A package named for people: "Harborview for all three lines", "Harborview for both lines",
// "Harborview for home", or the carriers per line in line order, "Keystone/Harborview/Keystone".
QString packageName(const JsonValue &solution);

} // namespace pw
