// SPDX-License-Identifier: MIT
#pragma once

// Helpers shared by the bounds of bounds.cpp and the pricing reference search of reference.cpp (internal
// to the engine's searches; engine.md §4, §5.2).

#include "engine/packages.h"

#include <cmath>
#include <vector>

namespace pw::bounds_detail {

constexpr double kInf = 1e300;
// A margin for floating sums of cents: far above their error (at most ~1e11 cents), far below a cent.
constexpr double kCostMargin = 1e-3;
constexpr unsigned kBlocks =
    PackedFact::CoverageBlocks | PackedFact::FinancialBlocks | PackedFact::AppetiteBlocks;

// The smallest whole or half cent ≥ v.
inline double ceilHalf(double v) {
    return std::ceil(v * 2) / 2;
}

// How far low may fall below the sum of its contributions: nothing when every line premium and package
// price is a whole number of cents (the sum is then whole and low is not rounded), else half a cent.
inline double lowSlack(const PreparedCase &pc) {
    bool whole = true;
    for (const auto &slot : pc.packed)
        for (const PackedFact &x : slot)
            whole = whole && x.premiumCents == std::floor(x.premiumCents);
    for (double price : pc.groupPrice)
        whole = whole && price == std::floor(price);
    return whole ? 0.0 : 0.5;
}

// The umbrella's underlying outcome for one of its pairs, once both are chosen.
inline bool pairFires(const PreparedCase &pc, int otherSlot, const std::vector<unsigned char> &table,
                      const PackagePositions &pos) {
    const size_t row = size_t(pc.umbrellaRow[size_t(pos[size_t(pc.umbrellaSlot)])]);
    return Outcome(table[row * pc.packed[size_t(otherSlot)].size() + size_t(pos[size_t(otherSlot)])]) ==
           Outcome::Fire;
}

// True when choosing pos[slot] completes an umbrella pair whose requirement is unmet (§5.2 underlying).
inline bool completesFiringPair(const PreparedCase &pc, int slot, const PackagePositions &pos) {
    if (pc.umbrellaSlot < 0) return false;
    if (pc.autoSlot >= 0 && slot == std::max(pc.umbrellaSlot, pc.autoSlot) &&
        pairFires(pc, pc.autoSlot, pc.underAuto, pos))
        return true;
    return pc.homeSlot >= 0 && slot == std::max(pc.umbrellaSlot, pc.homeSlot) &&
           pairFires(pc, pc.homeSlot, pc.underHome, pos);
}

} // namespace pw::bounds_detail
