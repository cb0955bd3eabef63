// SPDX-License-Identifier: MIT
#pragma once

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

// Stage RANK: the best `top` packages in order and the label winners, found in one pass over all
// packages without storing them (pc.referenceMid must be set).
struct RankResult {
    std::vector<RankedPackage> top;
    std::vector<LabelWinner> winners;
    bool cancelled = false; // `cancel` was set before the pass finished: the result is incomplete
};
RankResult rankPackages(const PreparedCase &pc, const Weights &weights, int top,
                        const std::atomic<bool> *cancel = nullptr);

// The label a non-winner gets: its highest of pricing, coverage and placement (ties in that order).
Label ownLabel(const PackageNumbers &n);

} // namespace pw
