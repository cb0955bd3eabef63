// SPDX-License-Identifier: MIT
#pragma once

#include "engine/prepared.h"

#include <QByteArray>

#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>

namespace pw {

// A package: for each slot of coverage_types, a position in PreparedCase::bySlot[slot].
using PackagePositions = std::array<int, kMaxLines>;

// The numbers of one package (engine.md §4–§5): costs, the six rounded dimension scores and whether
// each is blocked. Weight-independent; the overall score is computed for given weights.
struct PackageNumbers {
    // Costs are kept in cents (§4, §11.1): low and high are whole cents, mid a whole or half cent
    // (unrounded for pricing), midCents the mid rounded half away from zero.
    double low = 0, high = 0, mid = 0;
    long long lowCents = 0, highCents = 0, midCents = 0;
    std::array<double, 6> dims{}; // rounded to 2 decimals, indexed by Dimension
    std::array<bool, 6> blocked{};
    bool qualified = true;
    int carriers = 0;
};

// The facts of a package's offerings, by slot.
inline const OfferingFacts &factAt(const PreparedCase &pc, const PackagePositions &pos, int slot) {
    return pc.facts[size_t(pc.packed[size_t(slot)][size_t(pos[size_t(slot)])].fact)];
}

// §5.1's r = cost_mid ÷ reference with both in cents, as the Conventions keep costs ("computed in doubles
// (costs in cents, §4)"): the ratio of their half-cent counts, the same double as cents ÷ cents (halving
// both is exact). From dollars (each already divided by 100 and rounded to a double) an exact
// half-hundredth score such as 100 − 200·(2036.65 ÷ 2000 − 1) = 96.335 came out as 96.33499… and rounded
// to 96.33, where cents give 96.33500…01 and 96.34: which way §11.1's rounding went was left to chance.
// The score, its bound (engine/bounds.cpp) and its reason (engine/explain.cpp) all use this one ratio.
inline double pricingRatio(double midHalfCents, const PreparedCase &pc) {
    return midHalfCents / pc.referenceHalfCents;
}
// Sets the reference (engine/reference.cpp) from the lowest mid in dollars, a whole or half cent.
inline void setReference(PreparedCase &pc, double mid) {
    pc.referenceMid = mid;
    pc.referenceHalfCents = std::round(mid * 200);
}

// Costs and qualification only (pass 1: the pricing reference).
void evaluateCost(const PreparedCase &pc, const PackagePositions &pos, PackageNumbers &out);
// Everything (pass 2); needs pc.referenceMid.
void evaluatePackage(const PreparedCase &pc, const PackagePositions &pos, PackageNumbers &out);
double overallScore(const PackageNumbers &n, const Weights &w);
// The offering ids joined with "," in coverage_types order, as UTF-8 (the last tie-break).
QByteArray packageKey(const PreparedCase &pc, const PackagePositions &pos);

// Calls fn(pos) for every package, slot 0 outermost.
template <typename Fn> void forEachPackage(const PreparedCase &pc, Fn &&fn) {
    const int n = int(pc.lines.size());
    if (n == 0) return;
    for (int s = 0; s < n; ++s)
        if (pc.bySlot[size_t(s)].empty()) return;
    PackagePositions pos{0, 0, 0};
    while (true) {
        fn(pos);
        int s = n - 1;
        while (s >= 0) {
            if (++pos[size_t(s)] < int(pc.bySlot[size_t(s)].size())) break;
            pos[size_t(s)] = 0;
            --s;
        }
        if (s < 0) return;
    }
}

// The umbrella's underlying rule for a package: Fire when the auto or home choice is unmet, else
// NotStated when either is not stated, else Pass (Pass also without an umbrella).
inline Outcome underlyingOutcome(const PreparedCase &pc, const PackagePositions &pos) {
    if (pc.umbrellaSlot < 0) return Outcome::Pass;
    const size_t row = size_t(pc.umbrellaRow[size_t(pos[size_t(pc.umbrellaSlot)])]);
    Outcome a = Outcome::Pass, h = Outcome::Pass;
    if (pc.autoSlot >= 0)
        a = Outcome(
            pc.underAuto[row * pc.packed[size_t(pc.autoSlot)].size() + size_t(pos[size_t(pc.autoSlot)])]);
    if (pc.homeSlot >= 0)
        h = Outcome(
            pc.underHome[row * pc.packed[size_t(pc.homeSlot)].size() + size_t(pos[size_t(pc.homeSlot)])]);
    if (a == Outcome::Fire || h == Outcome::Fire) return Outcome::Fire;
    if (a == Outcome::NotStated || h == Outcome::NotStated) return Outcome::NotStated;
    return Outcome::Pass;
}

// The decimal-string rounding (util/numbers.h roundHalfAway) for the rare values the inline fast paths
// below cannot decide.
double round2Slow(double v);
long long roundCentsSlow(double cents);

// Fast, exact rounding half away from zero to 2 decimals (falls back to the decimal-string method of
// roundHalfAway when the value sits on a half-cent boundary). Inline: the ranking loops call it for every
// dimension of every package.
inline double round2(double v) {
    const double y = std::fabs(v) * 100.0;
    const double fl = std::floor(y);
    const double frac = y - fl;
    if (std::fabs(frac - 0.5) < 1e-6 || y > 1e13) return round2Slow(v);
    const double r = frac > 0.5 ? fl + 1 : fl;
    return std::copysign(r / 100.0, v);
}

// Costs are kept in cents (§4, §11.1). A figure in dollars as cents: exact whole cents when its
// shortest decimal form has at most two decimals (so that sums of such figures are exact), else the
// fractional cents as they are.
double dollarsToCents(double dollars);
// Cents rounded to whole cents, half away from zero on the shortest decimal form (fast path when not
// near a half; whole cents, the common case, return at once).
inline long long roundCents(double cents) {
    const double a = std::fabs(cents);
    const double fl = std::floor(a);
    const double frac = a - fl;
    if (std::fabs(frac - 0.5) < 1e-6 || a > 1e15) return roundCentsSlow(cents);
    const long long r = (long long)(frac > 0.5 ? fl + 1 : fl);
    return cents < 0 ? -r : r;
}
// Sets low, high and mid from low and the sum of the rounded uplift amounts, all in whole cents.
void setCosts(PackageNumbers &out, long long lowCents, long long upliftCents);

// Helpers shared by FILTER/PRICE and gap analysis.
OptDouble linePremiumOf(const Offering &o, const EngineProfile &p);
std::optional<double> currentPremiumOf(const CaseInput &in);
void buildPrepared(PreparedCase &pc);

} // namespace pw
