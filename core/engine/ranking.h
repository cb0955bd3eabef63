// SPDX-License-Identifier: MIT
#pragma once

#include "engine/bounds.h"
#include "engine/packages.h"

#include <vector>

namespace pw {

// A package with its numbers and overall score under given weights.
struct RankedPackage {
    PackagePositions pos{};
    PackageNumbers nums;
    double overall = 0;
};

// Rank order of engine.md §7: qualified first; overall score descending; cost_mid ascending in cents;
// fewer carriers; offering ids joined with "," compared byte by byte.
bool rankedBefore(const PreparedCase &pc, const RankedPackage &a, const RankedPackage &b);

enum class Label { Recommended, BestValue, BestCoverage, Simplest };
QString labelName(Label l);

struct LabelWinner {
    Label label;
    RankedPackage package;
};

// Stage RANK: the best `top` packages in order and the label winners, found by one depth-first search
// over the packages that skips the subtrees whose bounds (bounds.h) rule out the top and every label,
// without storing packages (pc.referenceMid must be set). Search::Exhaustive visits every package.
struct RankResult {
    std::vector<RankedPackage> top;
    std::vector<LabelWinner> winners;
    bool cancelled = false;  // `cancel` was set before the pass finished: the result is incomplete
    long long evaluated = 0; // packages priced and scored (the others were ruled out by their bounds)
};
RankResult rankPackages(const PreparedCase &pc, const Weights &weights, int top,
                        const std::atomic<bool> *cancel = nullptr, Search search = Search::Pruned);

// The label a non-winner gets: its highest of pricing, coverage and placement (ties in that order).
Label ownLabel(const PackageNumbers &n);

} // namespace pw
