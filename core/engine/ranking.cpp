// SPDX-License-Identifier: MIT
#include "ranking.h"

#include <algorithm>
#include <cmath>
#include <numeric>

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

// Below a hundredth, above the floating error of a score rounded to hundredths.
constexpr double kGridMargin = 1e-6;

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
                        const std::atomic<bool> *cancel, Search search) {
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
        ++result.evaluated;
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

    // Could a package with these bounds rank before `worst` (§7: qualified first, then the overall score;
    // equal scores go on to the later keys, so they count as "could")?
    auto couldRankBefore = [](const ChoiceBound &b, const RankedPackage &worst) {
        return worst.nums.qualified ? (b.mayQualify && b.overall >= worst.overall)
                                    : (b.mayQualify || b.overall >= worst.overall);
    };
    // Can any package within these bounds enter the top N or a label's candidates? False only when
    // provably not (bounds.h); the packages it lets through are evaluated exactly.
    auto matters = [&](const ChoiceBound &b) {
        if (int(heap.size()) < top || couldRankBefore(b, heap.front())) return true;
        if (qualifiedOnly && !b.mayQualify) return false;
        // The rounded cost_mid in cents is at least the unrounded lower bound less half a cent.
        auto mayCostAtMost = [&](const RankedPackage &w) {
            return b.midCents - 0.5 <= double(w.nums.midCents);
        };
        if (b.coverage >= p.levelL2 &&
            (valueBest.items.size() < valueBest.k || mayCostAtMost(valueBest.items.back())))
            return true;
        if (coverageBest.items.size() < coverageBest.k) return true;
        const RankedPackage &cov = coverageBest.items.back();
        const double worstCoverage = cov.nums.dims[size_t(Dimension::Coverage)];
        // Scores are on the grid of hundredths: a higher one is at least a hundredth higher.
        if (b.coverage >= worstCoverage + 0.01 - kGridMargin ||
            (b.coverage >= worstCoverage - kGridMargin && mayCostAtMost(cov)))
            return true;
        if (simplestBest.items.size() < simplestBest.k) return true;
        const RankedPackage &simple = simplestBest.items.back();
        return b.carriers < simple.nums.carriers ||
               (b.carriers == simple.nums.carriers && couldRankBefore(b, simple));
    };

    // Depth first over the slots in coverage_types order. Pruned: each slot's offerings in order of the
    // best overall score a package with them can reach (good packages early, so the bounds bite sooner),
    // and a choice is followed only while its bounds say it matters. The order of visits changes nothing
    // else: the top N and every label list are kept under strict total orders.
    const bool pruned = search == Search::Pruned;
    const ScoreBounds bounds(pc, weights);
    std::array<std::vector<int>, kMaxLines> order;
    for (int s = 0; s < n; ++s) {
        auto &o = order[size_t(s)];
        o.resize(pc.packed[size_t(s)].size());
        std::iota(o.begin(), o.end(), 0);
        if (!pruned) continue;
        std::vector<double> potential(o.size());
        for (int i : o)
            potential[size_t(i)] = bounds.offeringBound(s, i).overall;
        std::stable_sort(o.begin(), o.end(),
                         [&](int a, int b) { return potential[size_t(a)] > potential[size_t(b)]; });
    }
    PackagePositions pos{0, 0, 0};
    std::array<PartialChoice, kMaxLines + 1> choice{};
    bool stopped = false;
    auto visit = [&](auto &&self, int depth) -> void {
        if (depth + 1 < n && cancel && cancel->load(std::memory_order_relaxed)) stopped = true;
        if (stopped) return;
        for (int i : order[size_t(depth)]) {
            pos[size_t(depth)] = i;
            if (pruned) {
                choice[size_t(depth + 1)] = bounds.extend(choice[size_t(depth)], depth, i, pos);
                if (!matters(bounds.bound(choice[size_t(depth + 1)], depth + 1))) continue;
            }
            if (depth + 1 < n) {
                self(self, depth + 1);
                if (stopped) return;
            } else {
                consider(pos);
            }
        }
    };
    visit(visit, 0);
    if (stopped) {
        result.cancelled = true;
        return result;
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
