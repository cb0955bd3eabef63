// SPDX-License-Identifier: MIT
#include "ranking.h"

#include <algorithm>
#include <cmath>

namespace pw {

QString labelName(Label l) {
    switch (l) {
    case Label::Recommended:
        return QStringLiteral("recommended");
    case Label::BestValue:
        return QStringLiteral("best_value");
    case Label::BestCoverage:
        return QStringLiteral("best_coverage");
    case Label::Simplest:
        return QStringLiteral("simplest");
    }
    return {};
}

bool rankedBefore(const PreparedCase &pc, const RankedPackage &a, const RankedPackage &b) {
    if (a.nums.qualified != b.nums.qualified) return a.nums.qualified;
    if (a.overall != b.overall) return a.overall > b.overall;
    if (a.nums.midCents != b.nums.midCents) return a.nums.midCents < b.nums.midCents;
    if (a.nums.carriers != b.nums.carriers) return a.nums.carriers < b.nums.carriers;
    return packageKey(pc, a.pos) < packageKey(pc, b.pos);
}

Label ownLabel(const PackageNumbers &n) {
    const double pr = n.dims[size_t(Dimension::Pricing)];
    const double cv = n.dims[size_t(Dimension::Coverage)];
    const double pl = n.dims[size_t(Dimension::Placement)];
    if (pr >= cv && pr >= pl) return Label::BestValue;
    if (cv >= pl) return Label::BestCoverage;
    return Label::Simplest;
}

namespace {

// Keeps the best k items under `better`, best first (k is tiny: at most 4).
template <typename Better> struct BestK {
    size_t k;
    Better better;
    std::vector<RankedPackage> items;

    void offer(const RankedPackage &p) {
        if (items.size() == k && !better(p, items.back())) return;
        auto it =
            std::find_if(items.begin(), items.end(), [&](const RankedPackage &q) { return better(p, q); });
        items.insert(it, p);
        if (items.size() > k) items.pop_back();
    }
};

bool samePackage(const RankedPackage &a, const RankedPackage &b) {
    return a.pos == b.pos;
}

} // namespace

RankResult rankPackages(const PreparedCase &pc, const Weights &weights, int top,
                        const std::atomic<bool> *cancel) {
    RankResult result;
    const EngineProfile &p = *pc.profile;
    const bool qualifiedOnly = pc.qualifiedCount > 0;
    auto before = [&](const RankedPackage &a, const RankedPackage &b) { return rankedBefore(pc, a, b); };
    // Heap of the best `top`, worst at the front.
    std::vector<RankedPackage> heap;
    heap.reserve(size_t(top) + 1);

    // Label candidates: each label's best few (three earlier winners can be excluded at most).
    auto valueBetter = [&](const RankedPackage &a, const RankedPackage &b) {
        if (a.nums.midCents != b.nums.midCents) return a.nums.midCents < b.nums.midCents;
        return before(a, b);
    };
    auto coverageBetter = [&](const RankedPackage &a, const RankedPackage &b) {
        const double ca = a.nums.dims[size_t(Dimension::Coverage)],
                     cb = b.nums.dims[size_t(Dimension::Coverage)];
        if (ca != cb) return ca > cb;
        if (a.nums.midCents != b.nums.midCents) return a.nums.midCents < b.nums.midCents;
        return before(a, b);
    };
    auto simplestBetter = [&](const RankedPackage &a, const RankedPackage &b) {
        if (a.nums.carriers != b.nums.carriers) return a.nums.carriers < b.nums.carriers;
        return before(a, b);
    };
    BestK<decltype(before)> rankBest{1, before, {}};
    BestK<decltype(valueBetter)> valueBest{4, valueBetter, {}};
    BestK<decltype(coverageBetter)> coverageBest{4, coverageBetter, {}};
    BestK<decltype(simplestBetter)> simplestBest{4, simplestBetter, {}};

    RankedPackage cur;
    auto consider = [&](const PackagePositions &pos) {
        cur.pos = pos;
        evaluatePackage(pc, pos, cur.nums);
        cur.overall = overallScore(cur.nums, weights);
        if (int(heap.size()) < top) {
            heap.push_back(cur);
            std::push_heap(heap.begin(), heap.end(), before);
        } else if (before(cur, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), before);
            heap.back() = cur;
            std::push_heap(heap.begin(), heap.end(), before);
        }
        if (qualifiedOnly && !cur.nums.qualified) return;
        rankBest.offer(cur);
        // Coverage level L1 or L2 (the profile's L2 threshold; no level string per package).
        if (cur.nums.dims[size_t(Dimension::Coverage)] >= p.levelL2) valueBest.offer(cur);
        coverageBest.offer(cur);
        simplestBest.offer(cur);
    };

    const int n = int(pc.lines.size());
    if (n == 0 || !pc.missingLines.isEmpty()) return result;
    const int last = n - 1;
    const auto &lastSlot = pc.packed[size_t(last)];
    // Upper bounds of what the last slot can add (line scores, grades and appetite only ever lower a
    // package's dimension when they fall, so per-line maxima bound the package from above).
    double lastCoverage = 0, lastFinancial = 0, lastAppetite = -1e300;
    for (const auto &x : lastSlot) {
        lastCoverage = std::max({lastCoverage, x.coverageLine, x.coverageLineUnderlyingNS});
        lastFinancial = std::max(lastFinancial, x.financial);
        lastAppetite = std::max(lastAppetite, x.appetitePoints);
    }
    double weightSum = 0;
    for (double w : weights)
        weightSum += std::fabs(w);
    // Rounding can lift each dimension by half a cent and the overall by another: the bound's slack.
    const double slack = 0.005 * weightSum + 0.005 + 1e-9;
    auto clamp100 = [](double v) { return std::clamp(v, 0.0, 100.0); };

    // Can any package of this prefix matter? Conservative: false only when provably not.
    auto prefixMatters = [&](const PackagePositions &pos, size_t prefix) {
        if (int(heap.size()) < top) return true;
        const PreparedCase::PrefixStats st = pc.prefixes.empty() ? scanPrefix(pc, pos) : pc.prefixes[prefix];
        double sum = lastCoverage, lowest = lastCoverage, fin = lastFinancial,
               app = p.appetiteStart + lastAppetite;
        int carriers = 0;
        std::array<int, kMaxLines> seen{-1, -1, -1};
        for (int s = 0; s < last; ++s) {
            const PackedFact &x = pc.packed[size_t(s)][size_t(pos[size_t(s)])];
            const double c = std::max(x.coverageLine, x.coverageLineUnderlyingNS);
            sum += c;
            lowest = std::min(lowest, c);
            fin = std::min(fin, x.financial);
            app += x.appetitePoints;
            if (std::find(seen.begin(), seen.begin() + carriers, x.carrier) == seen.begin() + carriers)
                seen[size_t(carriers++)] = x.carrier;
        }
        std::array<double, 6> ub{};
        ub[size_t(Dimension::Pricing)] = clamp100(100 - p.pricingSlope * (st.minMid / pc.referenceMid - 1));
        ub[size_t(Dimension::Coverage)] = clamp100((sum + lowest) / (n + 1));
        ub[size_t(Dimension::Financial)] = clamp100(fin);
        ub[size_t(Dimension::Appetite)] = clamp100(app);
        ub[size_t(Dimension::Placement)] = 100;
        ub[size_t(Dimension::Service)] = 100;
        double overall = 0;
        for (Dimension d : kDimensions)
            overall += weights[size_t(d)] * ub[size_t(d)];
        overall += slack;
        const bool hasQualified = st.qualified > 0;
        // The top N: can a package of this prefix rank before the current worst?
        const RankedPackage &worst = heap.front();
        if (worst.nums.qualified ? (hasQualified && overall >= worst.overall)
                                 : (hasQualified || overall >= worst.overall))
            return true;
        // The labels: only candidates count (qualified ones when any package qualifies).
        if (qualifiedOnly && !hasQualified) return false;
        const double minMid = qualifiedOnly ? st.minMidQualified : st.minMid;
        if (valueBest.items.size() < valueBest.k || minMid <= valueBest.items.back().nums.mid + 0.01)
            return true;
        if (coverageBest.items.size() < coverageBest.k ||
            ub[size_t(Dimension::Coverage)] + 0.005 >=
                coverageBest.items.back().nums.dims[size_t(Dimension::Coverage)])
            return true;
        if (simplestBest.items.size() < simplestBest.k) return true;
        const RankedPackage &simple = simplestBest.items.back();
        if (carriers < simple.nums.carriers ||
            (carriers == simple.nums.carriers && overall >= simple.overall))
            return true;
        return false;
    };

    PackagePositions pos{0, 0, 0};
    while (true) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            return result;
        }
        const size_t prefix = prefixIndex(pc, pos);
        if (prefixMatters(pos, prefix)) {
            for (int i = 0; i < int(lastSlot.size()); ++i) {
                pos[size_t(last)] = i;
                consider(pos);
            }
        }
        if (!nextPrefix(pc, pos)) break;
    }
    std::sort_heap(heap.begin(), heap.end(), before);
    result.top = std::move(heap);

    auto pick = [&](Label label, const std::vector<RankedPackage> &candidates) {
        for (const auto &c : candidates) {
            const bool taken = std::any_of(result.winners.begin(), result.winners.end(),
                                           [&](const LabelWinner &w) { return samePackage(w.package, c); });
            if (!taken) {
                result.winners.push_back({label, c});
                return;
            }
        }
    };
    pick(Label::Recommended, rankBest.items);
    pick(Label::BestValue, valueBest.items);
    pick(Label::BestCoverage, coverageBest.items);
    pick(Label::Simplest, simplestBest.items);
    return result;
}

} // namespace pw
