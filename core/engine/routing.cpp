// SPDX-License-Identifier: MIT
#include "routing.h"

namespace pw {

Routing routeCase(const CaseInput &input) {
    Routing r;
    const auto &qm = input.requestConfig.quoteMatching;
    const auto &ca = input.requestConfig.coverageAnalysis;
    if (!qm && !ca) {
        r.gapAnalysis = input.currentPortfolioIsObject;
        r.quoteMatching = !r.gapAnalysis;
        return r;
    }
    r.quoteMatching = !(qm && !*qm);
    r.gapAnalysis = ca && *ca;
    if (!r.quoteMatching && !r.gapAnalysis) r.quoteMatching = true;
    return r;
}

} // namespace pw
