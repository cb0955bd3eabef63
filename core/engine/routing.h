// SPDX-License-Identifier: MIT
#pragma once

#include "model/case.h"

namespace pw {

// Which pipelines run for a case, exactly as the API routes (engine.md §1).
struct Routing {
    bool quoteMatching = true;
    bool gapAnalysis = false;
    bool dual() const { return quoteMatching && gapAnalysis; }
};

Routing routeCase(const CaseInput &input);

} // namespace pw
