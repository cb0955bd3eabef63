// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportdocument.h"
#include "report/reportinputs.h"

namespace pw {

// The underwriter scorecard report (product.md §6): what was run (run id, engine version, clock, input
// hash, appetite and weights, the engine profile's hash and its differences from the bundled one, and the
// `rank` command that reproduces the ranking); the ranking; every returned solution's six dimensions with
// score, level, weight, contribution (weight × score) and every reason with its points, ⛔ on blockers;
// the filtered and ignored offerings with their reasons; the coverage gaps today and the run's warnings.
// Numbers are printed as the run object writes them.
ReportDocument buildUnderwriterReport(const ReportInputs &inputs);

} // namespace pw
