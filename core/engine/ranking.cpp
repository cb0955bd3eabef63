// SPDX-License-Identifier: MIT
#include "ranking.h"

#include <algorithm>

namespace pw {

QString labelName(Label l)
{
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

bool rankedBefore(const PreparedCase &pc, const RankedPackage &a, const RankedPackage &b)
{
    if (a.nums.qualified != b.nums.qualified)
        return a.nums.qualified;
    if (a.overall != b.overall)
        return a.overall > b.overall;
    if (a.nums.midCents != b.nums.midCents)
        return a.nums.midCents < b.nums.midCents;
    if (a.nums.carriers != b.nums.carriers)
        return a.nums.carriers < b.nums.carriers;
    return packageKey(pc, a.pos) < packageKey(pc, b.pos);
}

Label ownLabel(const PackageNumbers &n)
{
    const double pr = n.dims[size_t(Dimension::Pricing)];
    const double cv = n.dims[size_t(Dimension::Coverage)];
    const double pl = n.dims[size_t(Dimension::Placement)];
    if (pr >= cv && pr >= pl)
        return Label::BestValue;
    if (cv >= pl)
        return Label::BestCoverage;
    return Label::Simplest;
}

namespace {

// Keeps the best k items under `better`, best first (k is tiny: at most 4).
template <typename Better> struct BestK
{
    size_t k;
    Better better;
    std::vector<RankedPackage> items;

    void offer(const RankedPackage &p)
    {
        if (items.size() == k && !better(p, items.back()))
            return;
        auto it = std::find_if(items.begin(), items.end(), [&](const RankedPackage &q) { return better(p, q); });
        items.insert(it, p);
        if (items.size() > k)
            items.pop_back();
    }
};

bool samePackage(const RankedPackage &a, const RankedPackage &b)
{
    return a.pos == b.pos;
}

} // namespace

RankResult rankPackages(const PreparedCase &pc, const Weights &weights, int top)
{
    RankResult result;
    const EngineProfile &p = *pc.profile;
    const bool qualifiedOnly = pc.qualifiedCount > 0;
    auto before = [&](const RankedPackage &a, const RankedPackage &b) { return rankedBefore(pc, a, b); };
    // Heap of the best `top`, worst at the front.
    std::vector<RankedPackage> heap;
    heap.reserve(size_t(top) + 1);

    // Label candidates: each label's best few (three earlier winners can be excluded at most).
    auto valueBetter = [&](const RankedPackage &a, const RankedPackage &b) {
        if (a.nums.midCents != b.nums.midCents)
            return a.nums.midCents < b.nums.midCents;
        return before(a, b);
    };
    auto coverageBetter = [&](const RankedPackage &a, const RankedPackage &b) {
        const double ca = a.nums.dims[size_t(Dimension::Coverage)], cb = b.nums.dims[size_t(Dimension::Coverage)];
        if (ca != cb)
            return ca > cb;
        if (a.nums.midCents != b.nums.midCents)
            return a.nums.midCents < b.nums.midCents;
        return before(a, b);
    };
    auto simplestBetter = [&](const RankedPackage &a, const RankedPackage &b) {
        if (a.nums.carriers != b.nums.carriers)
            return a.nums.carriers < b.nums.carriers;
        return before(a, b);
    };
    BestK<decltype(before)> rankBest{1, before, {}};
    BestK<decltype(valueBetter)> valueBest{4, valueBetter, {}};
    BestK<decltype(coverageBetter)> coverageBest{4, coverageBetter, {}};
    BestK<decltype(simplestBetter)> simplestBest{4, simplestBetter, {}};

    RankedPackage cur;
    forEachPackage(pc, [&](const PackagePositions &pos) {
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
        if (qualifiedOnly && !cur.nums.qualified)
            return;
        rankBest.offer(cur);
        const QString level = p.levelFor(cur.nums.dims[size_t(Dimension::Coverage)]);
        if (level == u"L1" || level == u"L2")
            valueBest.offer(cur);
        coverageBest.offer(cur);
        simplestBest.offer(cur);
    });
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
