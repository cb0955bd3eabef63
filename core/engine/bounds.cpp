// SPDX-License-Identifier: MIT
// Bounds for the searches over packages and the pricing reference (engine.md §4, §5; see bounds.h).
#include "bounds.h"

#include <algorithm>
#include <numeric>

namespace pw {

namespace {

constexpr double kInf = 1e300;
// Margins for floating sums: far above their error (values are at most ~1e11 cents or 100 points),
// far below a cent or a hundredth of a point.
constexpr double kCostMargin = 1e-3;
constexpr double kScoreMargin = 1e-7;
constexpr unsigned kBlocks =
    PackedFact::CoverageBlocks | PackedFact::FinancialBlocks | PackedFact::AppetiteBlocks;

inline double clamp100(double v) {
    return v < 0 ? 0 : (v > 100 ? 100 : v);
}

inline double coverageMax(const PackedFact &x) {
    return std::max(x.coverageLine, x.coverageLineUnderlyingNS);
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

} // namespace

void computeCostFloors(PreparedCase &pc) {
    const EngineProfile &p = *pc.profile;
    pc.costFloorsHold = p.bundleBreakUplift >= 0 && p.indicativeUplift >= 0;
    std::vector<double> groupPremiums(pc.groupPrice.size(), 0.0);
    for (const auto &slot : pc.packed)
        for (const PackedFact &x : slot)
            if (x.group >= 0) groupPremiums[size_t(x.group)] += x.premiumCents;
    for (auto &slot : pc.packed) {
        for (PackedFact &x : slot) {
            double floor = x.premiumCents;
            if (x.group >= 0 && groupPremiums[size_t(x.group)] > 0)
                floor = std::min(floor, pc.groupPrice[size_t(x.group)] * x.premiumCents /
                                            groupPremiums[size_t(x.group)]);
            x.costFloorCents = floor + double(x.indicativeCents) / 2;
        }
    }
}

void SlotsBest::add(const SlotsBest &o) {
    covSum += o.covSum;
    covMin = std::min(covMin, o.covMin);
    finMin = std::min(finMin, o.finMin);
    appSum += o.appSum;
    costFloor += o.costFloor;
    ratingMax = std::max(ratingMax, o.ratingMax);
    incumbentSlots += o.incumbentSlots;
}

ScoreBounds::ScoreBounds(const PreparedCase &pc, const Weights &weights)
    : m_pc(pc)
    , m_weights(weights)
    , m_lines(int(pc.lines.size())) {
    const EngineProfile &p = *pc.profile;
    std::array<SlotsBest, kMaxLines> slotBest{};
    for (int s = 0; s < m_lines; ++s) {
        SlotsBest b;
        double cov = -kInf, fin = -kInf, app = -kInf, cost = kInf;
        bool incumbent = false;
        for (const PackedFact &x : pc.packed[size_t(s)]) {
            cov = std::max(cov, coverageMax(x));
            fin = std::max(fin, x.financial);
            app = std::max(app, x.appetitePoints);
            cost = std::min(cost, x.costFloorCents);
            if (x.flags & PackedFact::HasRating) b.ratingMax = std::max(b.ratingMax, x.rating);
            incumbent = incumbent || (x.flags & PackedFact::Incumbent);
        }
        b.covSum = cov;
        b.covMin = cov;
        b.finMin = fin;
        b.appSum = app;
        b.costFloor = cost;
        b.incumbentSlots = incumbent ? 1 : 0;
        slotBest[size_t(s)] = b;
    }
    for (int k = m_lines - 1; k >= 0; --k) {
        m_suffix[size_t(k)] = m_suffix[size_t(k + 1)];
        m_suffix[size_t(k)].add(slotBest[size_t(k)]);
    }
    for (int s = 0; s < m_lines; ++s)
        for (int t = 0; t < m_lines; ++t)
            if (t != s) m_others[size_t(s)].add(slotBest[size_t(t)]);
    // Placement: the best over every carrier count from the chosen ones up, with the largest bonus.
    const auto &byCarriers = p.placementByCarriers;
    const double bonus = std::max(0.0, p.bundleLineBonus * (m_lines - 1));
    for (int c = 0; c <= m_lines; ++c) {
        double best = -kInf;
        for (int k = std::max(c, 1); k <= std::max(m_lines, 1); ++k)
            best = std::max(best, byCarriers[size_t(std::min<int>(k, int(byCarriers.size())) - 1)]);
        m_placement[size_t(c)] = clamp100(std::min(best + bonus, p.placementCap));
    }
    m_pricingBounded = pc.costFloorsHold && p.pricingSlope >= 0 && pc.referenceMid > 0;
}

PartialChoice ScoreBounds::extend(const PartialChoice &c, int slot, int position, const PackagePositions &pos,
                                  bool pairs) const {
    const PackedFact &x = m_pc.packed[size_t(slot)][size_t(position)];
    PartialChoice n = c;
    n.costFloor += x.costFloorCents;
    const double cov = coverageMax(x);
    n.covSum += cov;
    n.covMin = std::min(n.covMin, cov);
    n.finMin = std::min(n.finMin, x.financial);
    n.appSum += x.appetitePoints;
    if (x.flags & PackedFact::HasRating) n.ratingMax = std::max(n.ratingMax, x.rating);
    n.incumbents += (x.flags & PackedFact::Incumbent) ? 1 : 0;
    if (std::find(n.carriers.begin(), n.carriers.begin() + n.carrierCount, x.carrier) ==
        n.carriers.begin() + n.carrierCount)
        n.carriers[size_t(n.carrierCount++)] = x.carrier;
    if (x.flags & kBlocks) n.mayQualify = false;
    if (n.mayQualify && pairs) {
        PackagePositions p = pos;
        p[size_t(slot)] = position;
        if (completesFiringPair(m_pc, slot, p)) n.mayQualify = false;
    }
    return n;
}

ChoiceBound ScoreBounds::bound(const PartialChoice &c, int depth) const {
    return boundWith(c, m_suffix[size_t(depth)]);
}

ChoiceBound ScoreBounds::offeringBound(int slot, int position) const {
    // Alone: the umbrella's pairs are not complete, so they do not disqualify.
    return boundWith(extend(PartialChoice{}, slot, position, PackagePositions{0, 0, 0}, false),
                     m_others[size_t(slot)]);
}

ChoiceBound ScoreBounds::boundWith(const PartialChoice &c, const SlotsBest &rest) const {
    const EngineProfile &p = *m_pc.profile;
    ChoiceBound b;
    b.mayQualify = c.mayQualify;
    b.carriers = c.carrierCount;
    b.midCents = m_pc.costFloorsHold ? c.costFloor + rest.costFloor - 0.5 - kCostMargin : -kInf;
    std::array<double, 6> ub{};
    ub[size_t(Dimension::Pricing)] =
        m_pricingBounded ? clamp100(100 - p.pricingSlope * ((b.midCents / 100) / m_pc.referenceMid - 1))
                         : 100;
    const double lowest = std::min({100.0, c.covMin, rest.covMin});
    ub[size_t(Dimension::Coverage)] = clamp100((c.covSum + rest.covSum + lowest) / (m_lines + 1));
    ub[size_t(Dimension::Financial)] = clamp100(std::min(c.finMin, rest.finMin));
    ub[size_t(Dimension::Appetite)] = clamp100(p.appetiteStart + c.appSum + rest.appSum);
    ub[size_t(Dimension::Placement)] = m_placement[size_t(c.carrierCount)];
    const double mean = std::max(p.serviceBase, std::max(c.ratingMax, rest.ratingMax));
    const double incumbents = std::max(0.0, p.serviceIncumbent) * (c.incumbents + rest.incumbentSlots);
    ub[size_t(Dimension::Service)] =
        clamp100(std::min(mean + incumbents, p.serviceCap) + std::max(0.0, p.renewalPenalty) * (m_lines - 1));
    double overall = 0.005 + kScoreMargin;
    for (Dimension d : kDimensions)
        if (m_weights[size_t(d)] > 0) overall += m_weights[size_t(d)] * (ub[size_t(d)] + 0.005);
    b.overall = overall;
    b.coverage = ub[size_t(Dimension::Coverage)] + 0.005 + kScoreMargin;
    return b;
}

bool computeReference(PreparedCase &pc, Search search, const std::atomic<bool> *cancel) {
    const int n = int(pc.lines.size());
    pc.packageCount = 0;
    pc.qualifiedCount = 0;
    if (n == 0 || !pc.missingLines.isEmpty()) return true;
    computeCostFloors(pc);

    double best = kInf; // the lowest cost_mid found, in dollars (PackageNumbers::mid)
    PackageNumbers num;
    // Every package priced: the reference of §5.1 as written (tests compare the search with it, and a
    // profile with negative uplifts, whose cost floors bound nothing, takes this path).
    auto enumerate = [&](bool count) {
        double bestAny = kInf;
        long long packages = 0, qualified = 0;
        bool stopped = false;
        forEachPackage(pc, [&](const PackagePositions &pos) {
            if (stopped || ((packages & 0xffff) == 0 && cancel && cancel->load(std::memory_order_relaxed))) {
                stopped = true;
                return;
            }
            ++packages;
            evaluateCost(pc, pos, num);
            bestAny = std::min(bestAny, num.mid);
            if (num.qualified) {
                ++qualified;
                best = std::min(best, num.mid);
            }
        });
        if (stopped) return false;
        if (count) {
            pc.packageCount = packages;
            pc.qualifiedCount = qualified;
        }
        pc.referenceMid = qualified > 0 ? best : bestAny;
        return true;
    };
    if (search == Search::Exhaustive) return enumerate(true);

    // Counts: qualified = no ⛔ flag on any offering and the umbrella's requirement met by both pairs.
    long long packages = 1;
    std::array<std::vector<int>, kMaxLines> unflagged;
    for (int s = 0; s < n; ++s) {
        packages *= (long long)pc.packed[size_t(s)].size();
        for (int i = 0; i < int(pc.packed[size_t(s)].size()); ++i)
            if (!(pc.packed[size_t(s)][size_t(i)].flags & kBlocks)) unflagged[size_t(s)].push_back(i);
    }
    long long qualified = 0;
    if (pc.umbrellaSlot < 0) {
        qualified = 1;
        for (int s = 0; s < n; ++s)
            qualified *= (long long)unflagged[size_t(s)].size();
    } else {
        // Per requirement row: how many unflagged autos and homes meet it (not Fire).
        const int rows = *std::max_element(pc.umbrellaRow.begin(), pc.umbrellaRow.end()) + 1;
        auto meeting = [&](int slot, const std::vector<unsigned char> &table) {
            std::vector<long long> count(size_t(rows), 1);
            if (slot < 0) return count;
            const size_t width = pc.packed[size_t(slot)].size();
            for (int r = 0; r < rows; ++r) {
                count[size_t(r)] = 0;
                for (int i : unflagged[size_t(slot)])
                    count[size_t(r)] += Outcome(table[size_t(r) * width + size_t(i)]) != Outcome::Fire;
            }
            return count;
        };
        const std::vector<long long> autos = meeting(pc.autoSlot, pc.underAuto);
        const std::vector<long long> homes = meeting(pc.homeSlot, pc.underHome);
        for (int u : unflagged[size_t(pc.umbrellaSlot)]) {
            const size_t r = size_t(pc.umbrellaRow[size_t(u)]);
            qualified += autos[r] * homes[r];
        }
    }
    pc.packageCount = packages;
    pc.qualifiedCount = qualified;
    if (!pc.costFloorsHold) return enumerate(false);
    const bool wantQualified = qualified > 0;

    // Depth first over the slots, each slot's candidates (the unflagged ones when searching the qualified)
    // in order of cost floor: once a child's floor plus the best of the slots after it reaches the best
    // mid found, every later child does too.
    std::array<std::vector<int>, kMaxLines> order;
    std::array<double, kMaxLines + 1> restFloor{};
    for (int s = 0; s < n; ++s) {
        auto &o = order[size_t(s)];
        if (wantQualified) {
            o = unflagged[size_t(s)];
        } else {
            o.resize(pc.packed[size_t(s)].size());
            std::iota(o.begin(), o.end(), 0);
        }
        const auto &slot = pc.packed[size_t(s)];
        std::stable_sort(o.begin(), o.end(), [&](int a, int b) {
            return slot[size_t(a)].costFloorCents < slot[size_t(b)].costFloorCents;
        });
    }
    for (int s = n - 1; s >= 0; --s)
        restFloor[size_t(s)] =
            restFloor[size_t(s + 1)] + pc.packed[size_t(s)][size_t(order[size_t(s)].front())].costFloorCents;
    PackagePositions pos{0, 0, 0};
    bool stopped = false;
    auto visit = [&](auto &&self, int depth, double floor) -> void {
        if (depth + 1 < n && cancel && cancel->load(std::memory_order_relaxed)) stopped = true;
        if (stopped) return;
        const auto &slot = pc.packed[size_t(depth)];
        for (int i : order[size_t(depth)]) {
            const double f = floor + slot[size_t(i)].costFloorCents;
            if (f + restFloor[size_t(depth + 1)] - 0.5 - kCostMargin >= best * 100) break;
            pos[size_t(depth)] = i;
            if (wantQualified && completesFiringPair(pc, depth, pos)) continue;
            if (depth + 1 < n) {
                self(self, depth + 1, f);
                if (stopped) return;
                continue;
            }
            evaluateCost(pc, pos, num);
            if ((!wantQualified || num.qualified) && num.mid < best) best = num.mid;
        }
    };
    visit(visit, 0, 0.0);
    if (stopped) return false;
    pc.referenceMid = best;
    return true;
}

} // namespace pw
