// SPDX-License-Identifier: MIT
#pragma once

#include "engine/packages.h"

#include <array>
#include <atomic>
#include <vector>

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
//    When every premium and package price is a whole number of cents, low is their exact sum and the
//    ½ cent goes. Low and the uplifts are whole cents, so the mid is a whole or half cent: the bound
//    rounds up to the next half cent, and the rounded mid (half away from zero) is at least its ceiling.
//    With a negative uplift rate (a user profile) nothing is pruned on cost. A group is intact only when
//    the package holds all its members: once a chosen slot holds another offering where the group has a
//    member (or a member is filtered out, or two share a slot) the group is broken in every package of the
//    subtree, and each of its chosen offerings adds its whole premium, not min(premium, share), and half
//    its part of the break uplift (rate × premium, less ½ cent unless that is a whole cent: see
//    ScoreBounds::brokenExtra). So does an offering of a slot still to choose whose group has a member
//    in a chosen slot other than the chosen offering.
//  * Pricing (§5.1): 100 − slope·(mid ÷ reference − 1), clamped, falls as mid rises (slope ≥ 0), so the
//    lowest possible mid gives its highest score (a negative slope: bounded by 100).
//  * Coverage (§5.2): (Σ line scores + lowest) ÷ (lines + 1) rises with every line score; a line scores at
//    most the higher of its two clamped values (the umbrella's depends on `underlying`, known exactly once
//    the umbrella, auto and home are all chosen); the ⛔ cap only
//    lowers it. Financial (§5.3): the lowest grade, at most the lowest of the slots' best grades.
//    Appetite (§5.4): start + Σ points, clamped, at most start + Σ each slot's highest points.
//  * Placement (§5.5): at least as many carriers as the chosen offerings have, and one more when a slot
//    still to choose has no offering of a chosen carrier (its offering's carrier is new); an intact group
//    is one carrier's, so with k carriers the bonus is at most bundle_line_bonus × (lines − k) (none when
//    no group can be intact); capped. Service (§5.6): the mean rating is at most that of the chosen
//    ratings with, from each slot still to choose, its highest rating when all its offerings state one,
//    and the highest of the others' or none when only some do (ratings of one value move a mean towards
//    it, so all of those or none gives the highest); the base when the package may have no rating. The
//    incumbent bonus is at most one per slot that has an incumbent offering; a renewal penalty > 0 adds at
//    most (lines − 1) times, one < 0 takes at least its rate × (renewals − 1), with renewals at least one
//    per chosen offering outside a group that may be intact, one per such group, and one more when a slot
//    still to choose has no member of such a group (every carrier different: one per offering).
//  * Overall (§5.6, §11.1): Σ weight × round2(dimension), rounded. round2 is monotone, so a dimension
//    rounds to at most round2(bound); a negative weight times a dimension (0–100) is at most 0; summed in
//    overallScore's order the floating sum is at most the bound's term by term, so round2(Σ_{w>0}
//    w·round2(bound)) (with a margin far below a hundredth) bounds the overall score from above, on the
//    grid of hundredths: a subtree whose best can only tie with a kept package is told apart from one
//    that could beat it. The coverage bound likewise is round2(bound).
//  * Qualification (§5): a chosen offering with a ⛔ flag, or an umbrella whose chosen auto or home fails
//    its underlying requirement, disqualifies every package that extends the choice; so does a choice
//    that leaves no requirement row both pairs can meet (rowsMayQualify), before the pairs are complete.
// A bound only decides whether a subtree is visited: the packages that are visited are priced and scored
// by evaluatePackage exactly as before, so results do not depend on the bounds as long as they hold.

enum class Search {
    Pruned,     // skip subtrees the bounds rule out (the engine); rankPackages picks one of the two below
    Exhaustive, // visit every package (tests compare the others with it)
    // rankPackages only (computeReference treats them as Pruned):
    PrunedTogether, // one search for the top N and every label list, skipping what matters to none
    PrunedPerList   // one search per list, each in the order that finds that list's best soonest
};

// Sets every PackedFact::costFloorCents and pc.costFloorsHold (see above).
void computeCostFloors(PreparedCase &pc);

struct OfferingsBest;

// The aggregate of the best values that a set of still unchosen slots can add.
struct SlotsBest {
    double covSum = 0, covMin = 1e300, finMin = 1e300, appSum = 0, costFloor = 0;
    int incumbentSlots = 0;
    // Service ratings: the slots all of whose offerings state one (each adds one rating, at most its
    // slot's highest: Σ of those highest in ratedSum), and the slots where some do and some do not (each
    // adds at most one rating, at most optionalMax).
    int ratedSlots = 0, optionalSlots = 0;
    double ratedSum = 0, optionalMax = -1e300;
    void add(const SlotsBest &o);
    // One slot whose offering is one of those summarised by `o`.
    static SlotsBest of(const OfferingsBest &o);
};

// The offerings chosen so far (the first `depth` slots), as the bounds need them.
struct PartialChoice {
    double costFloor = 0, covSum = 0, covMin = 1e300, finMin = 1e300, appSum = 0;
    double ratingSum = 0; // the chosen offerings' service ratings (× factor), in slot order
    int ratingCount = 0, incumbents = 0;
    std::array<int, kMaxLines> carriers{};
    int carrierCount = 0;
    unsigned carrierSlots = 0; // the slots (bit s) in which a chosen carrier has an offering
    // Bundle groups: per chosen slot, the group of its offering while the group may still be intact
    // (else -1: the offering is known to add its whole premium, and costFloor says so).
    std::array<int, kMaxLines> openGroup{-1, -1, -1};
    // Per chosen slot with an open group: what its offering adds once the group breaks (brokenExtra).
    std::array<double, kMaxLines> openExtra{};
    unsigned chosen = 0;           // the chosen slots (bit s)
    PackagePositions pos{0, 0, 0}; // the chosen positions (the slots in `chosen`)
    bool mayQualify = true;
};

// The best values that any one of a set of offerings of a slot can add (a sorted slot's suffix in the
// searches): a package that takes one of them is bounded as if it took this best-of-all offering.
struct OfferingsBest {
    double cov = -1e300, fin = -1e300, app = -1e300, costFloor = 1e300, ratingMax = -1e300;
    bool incumbent = false;
    bool allRated = true;    // every one of them states a service rating
    bool mayQualify = false; // one of them has no ⛔ flag
    // The umbrella's requirement rows (bit r) that one of them without a ⛔ flag meets (an umbrella: its
    // row; an auto or home: the rows it does not fail); all bits when not known (ScoreBounds::rowsMet).
    unsigned long long rows = ~0ull;
    // The highest of their ScoreBounds::offeringBound scores (a package with one of them scores at most
    // that whatever else it holds); +∞ when not known.
    double overall = 1e300, coverage = 1e300;
    void add(const PackedFact &x, double coverage); // coverage: ScoreBounds::coverageMax
};

// Upper bounds (and the cost lower bound) over every package that extends a partial choice.
struct ChoiceBound {
    double overall = 0;  // ≥ the package's overall score
    double coverage = 0; // ≥ its rounded coverage score
    double midCents = 0; // ≤ its unrounded cost_mid in cents
    int carriers = 0;    // ≤ its carrier count
    bool mayQualify = true;
    // ≤ its cost_mid in cents rounded half away from zero (the §7 key): ⌈midCents − ½⌉.
    long long midCentsRounded() const;
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
    // The bound over the packages extending `c` (the first `slot` slots chosen) whose offering for `slot`
    // is one of those summarised by `best`; `newCarriers` more carriers than `c` has are known to come.
    // With newCarriers > 0 those offerings are known to be of carriers that `c` has not chosen: an open
    // group whose member in `slot` is of a chosen carrier is then broken, and `best.costFloor` must bound
    // their floorAfter(slot, ·, slots before `slot`).
    ChoiceBound boundOver(const PartialChoice &c, int slot, const OfferingsBest &best,
                          int newCarriers = 0) const;
    // The bound over every package that contains the offering at `position` of `slot` (search order).
    ChoiceBound offeringBound(int slot, int position) const;
    // The carrier count of every package extending `c` with the slots from `depth` on free is at least
    // this: the chosen carriers, and one more when some free slot has no offering of a chosen carrier.
    int carriersAtLeast(const PartialChoice &c, int depth) const;
    // The offering's cost floor when the slots in `chosen` are chosen and its group (if any) is not one
    // of theirs: with its whole premium (and break uplift) when a chosen slot breaks its group. Each
    // search chooses the slots in order, so a slot's offerings are visited with chosen = slots before it.
    double floorAfter(int slot, int position, unsigned chosen) const;
    // The highest line score the offering can have in a package (the umbrella's depends on `underlying`).
    double coverageMax(int slot, int position) const { return m_covMax[size_t(slot)][size_t(position)]; }
    // Σ over the slots from `from` on of the lowest floor an offering there can have after `c` (cents).
    double restFloor(const PartialChoice &c, int from) const;
    // The position of a bundle group's member in `slot`, or -1 (also when the group can never be intact).
    int groupMember(int group, int slot) const { return m_groupMember[size_t(group)][size_t(slot)]; }
    // Bit s set when the carrier has an offering in slot s.
    unsigned carrierSlots(int carrier) const { return m_carrierSlots[size_t(carrier)]; }
    // False when no package extending the choice (the slots in `chosen` of `pos`) meets the umbrella's
    // underlying requirement with both its pairs: no requirement row has an umbrella (the chosen one, or
    // some unflagged one) that the auto and the home (chosen, or some unflagged one each) both meet
    // (§5.2 underlying). True when the rows are too many to check (over 64) or there is no umbrella.
    // With `overSlot` ≥ 0 (not in `chosen`): its offering is one of a set that meets the rows `overRows`.
    bool rowsMayQualify(const PackagePositions &pos, unsigned chosen, int overSlot = -1,
                        unsigned long long overRows = 0) const;
    // The rows (bit r) the offering meets, for OfferingsBest::rows.
    unsigned long long rowsMet(int slot, int position) const;

private:
    // `moreRenewals`: renewals known to come beyond those of c's chosen offerings.
    ChoiceBound boundWith(const PartialChoice &c, const SlotsBest &rest, int carriers, double restFloor,
                          int moreRenewals = 0) const;
    double brokenExtra(const PackedFact &y) const;
    // True when a slot that `c` leaves unchosen has no member of a group that `c` keeps open.
    bool unjoinableSlot(const PartialChoice &c) const;
    // The highest mean service rating (or the base) of a package extending `c` with `rest` for the others.
    double serviceMean(const PartialChoice &c, const SlotsBest &rest) const;
    // The lowest floor of the open groups' members in `slot` (+∞ when none).
    double openFloor(const PartialChoice &c, int slot) const;

    const PreparedCase &m_pc;
    Weights m_weights;
    int m_lines = 0;
    std::array<SlotsBest, kMaxLines + 1> m_suffix{}; // best of slots k.. (m_suffix[lines] is empty)
    std::array<SlotsBest, kMaxLines> m_others{};     // best of every slot but s
    std::array<double, kMaxLines + 1> m_placement{}; // placement bound by carriers already chosen
    std::vector<unsigned> m_carrierSlots;            // per carrier index: bit s = an offering in slot s
    std::vector<unsigned> m_groupSlots;              // per bundle group: bit s = a member in slot s
    std::vector<char> m_groupMayBeIntact;            // every member eligible, each in its own slot
    std::vector<std::array<int, kMaxLines>>
        m_groupMember; // per group that may be intact: its member per slot
    std::array<std::array<double, 8>, kMaxLines> m_slotFloor{}; // per slot and chosen slots (bits)
    std::array<std::vector<double>, kMaxLines> m_covMax;        // coverageMax per slot and position
    // Per requirement row: an unflagged umbrella has it, some unflagged auto (home) meets it.
    std::vector<char> m_rowUmbrella, m_rowAuto, m_rowHome;
    bool m_pricingBounded = false;
    double m_lowSlack = 0.5; // lowSlack in bounds.cpp
};

// Pass 1: the package and qualified counts (counted, not enumerated: qualification is a per-offering flag
// and the umbrella's pairs with the auto and home choices) and the pricing reference of §5.1, the lowest
// cost_mid over the qualified packages (all when none qualifies), found by a search that skips the
// subtrees whose cost floor is not below the best found. Returns false, leaving the reference unset,
// when `cancel` was set before it finished.
bool computeReference(PreparedCase &pc, Search search = Search::Pruned,
                      const std::atomic<bool> *cancel = nullptr);

} // namespace pw
