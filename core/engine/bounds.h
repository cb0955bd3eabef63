// SPDX-License-Identifier: MIT
#pragma once

#include "engine/packages.h"

#include <array>
#include <atomic>

namespace pw {

// Bounds on what the packages that extend a partial choice (offerings chosen for the first slots of
// coverage_types) can score, so that the searches of computeReference and rankPackages skip whole
// subtrees of packages that provably cannot change the result. Exactness argument (engine.md references):
//
//  * Cost (§4, §11.1). A package's low is roundCents(Σ contributions): an intact bundle group adds its
//    package price once, every other offering its line premium. Give each member of a group the share
//    price × premium ÷ Σ premiums of the group's eligible members; an intact group's shares add up to its
//    price, so every offering contributes at least min(premium, share) whatever the package. Rounding to
//    whole cents lowers low by at most half a cent. The uplift amounts are never negative when the
//    profile's uplift rates are not (each is a rounded non-negative product), and an indicative offering's
//    own uplift is in every package it is in. So cost_mid = low + Σ uplifts ÷ 2 ≥ Σ over the package's
//    offerings of costFloorCents − ½ cent, where costFloorCents = min(premium, share) + indicative ÷ 2.
//    With a negative uplift rate (a user profile) nothing is pruned on cost.
//  * Pricing (§5.1): 100 − slope·(mid ÷ reference − 1), clamped, falls as mid rises (slope ≥ 0), so the
//    lowest possible mid gives its highest score (a negative slope: bounded by 100).
//  * Coverage (§5.2): (Σ line scores + lowest) ÷ (lines + 1) rises with every line score; a line scores at
//    most the higher of its two clamped values (the umbrella's depends on `underlying`); the ⛔ cap only
//    lowers it. Financial (§5.3): the lowest grade, at most the lowest of the slots' best grades.
//    Appetite (§5.4): start + Σ points, clamped, at most start + Σ each slot's highest points.
//  * Placement (§5.5): at least as many carriers as the chosen offerings have; the bonus is at most
//    bundle_line_bonus × (lines − 1); capped. Service (§5.6): the mean rating is at most the highest rating
//    that any offering of the package can have (or the base when none states one), the incumbent bonus at
//    most one per slot that has an incumbent offering, the renewal penalty never adds when it is ≤ 0.
//  * Overall (§5.6, §11.1): Σ weight × round2(dimension), rounded. round2 adds at most 0.005 to a value,
//    a negative weight times a dimension (0–100) is at most 0, so Σ_{w>0} w·(bound + 0.005) + 0.005 (and
//    a margin for the floating sums) bounds the overall score from above.
//  * Qualification (§5): a chosen offering with a ⛔ flag, or an umbrella whose chosen auto or home fails
//    its underlying requirement, disqualifies every package that extends the choice.
// A bound only decides whether a subtree is visited: the packages that are visited are priced and scored
// by evaluatePackage exactly as before, so results do not depend on the bounds as long as they hold.

enum class Search {
    Pruned,    // skip subtrees the bounds rule out (the engine)
    Exhaustive // visit every package (tests compare the two)
};

// Sets every PackedFact::costFloorCents and pc.costFloorsHold (see above).
void computeCostFloors(PreparedCase &pc);

// The aggregate of the best values that a set of still unchosen slots can add.
struct SlotsBest {
    double covSum = 0, covMin = 1e300, finMin = 1e300, appSum = 0, costFloor = 0, ratingMax = -1e300;
    int incumbentSlots = 0;
    void add(const SlotsBest &o);
};

// The offerings chosen so far (the first `depth` slots), as the bounds need them.
struct PartialChoice {
    double costFloor = 0, covSum = 0, covMin = 1e300, finMin = 1e300, appSum = 0, ratingMax = -1e300;
    int incumbents = 0;
    std::array<int, kMaxLines> carriers{};
    int carrierCount = 0;
    bool mayQualify = true;
};

// Upper bounds (and the cost lower bound) over every package that extends a partial choice.
struct ChoiceBound {
    double overall = 0;  // ≥ the package's overall score
    double coverage = 0; // ≥ its rounded coverage score
    double midCents = 0; // ≤ its unrounded cost_mid in cents
    int carriers = 0;    // ≤ its carrier count
    bool mayQualify = true;
};

class ScoreBounds {
public:
    ScoreBounds(const PreparedCase &pc, const Weights &weights);
    // `pos` holds the choices of the earlier slots; returns the choice extended by pos[slot] = position
    // (with `pairs`, an umbrella pair that this choice completes and that fails disqualifies).
    PartialChoice extend(const PartialChoice &c, int slot, int position, const PackagePositions &pos,
                         bool pairs = true) const;
    // The bound over the packages extending `c`, the first `depth` slots chosen and the others free.
    ChoiceBound bound(const PartialChoice &c, int depth) const;
    // The bound over every package that contains the offering at `position` of `slot` (search order).
    ChoiceBound offeringBound(int slot, int position) const;

private:
    ChoiceBound boundWith(const PartialChoice &c, const SlotsBest &rest) const;

    const PreparedCase &m_pc;
    Weights m_weights;
    int m_lines = 0;
    std::array<SlotsBest, kMaxLines + 1> m_suffix{}; // best of slots k.. (m_suffix[lines] is empty)
    std::array<SlotsBest, kMaxLines> m_others{};     // best of every slot but s
    std::array<double, kMaxLines + 1> m_placement{}; // placement bound by carriers already chosen
    bool m_pricingBounded = false;
};

// Pass 1: the package and qualified counts (counted, not enumerated: qualification is a per-offering flag
// and the umbrella's pairs with the auto and home choices) and the pricing reference of §5.1, the lowest
// cost_mid over the qualified packages (all when none qualifies), found by a search that skips the
// subtrees whose cost floor is not below the best found. Returns false, leaving the reference unset,
// when `cancel` was set before it finished.
bool computeReference(PreparedCase &pc, Search search = Search::Pruned,
                      const std::atomic<bool> *cancel = nullptr);

} // namespace pw
