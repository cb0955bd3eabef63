// SPDX-License-Identifier: MIT
// Stage RANK (engine.md §7): the top N and the label winners by depth-first searches over the packages
// that skip the subtrees whose bounds (bounds.h) rule them out; see ranking.h.
#include "ranking.h"

#include "engine/ranksearch.h"

#include <algorithm>

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
    const QByteArray ka = packageKey(pc, a.pos), kb = packageKey(pc, b.pos);
    if (ka != kb) return ka < kb;
    // Ids that contain commas can join to the same key: the package the enumeration meets first
    // (coverage_types order, each slot in case order) ranks first, as a plain enumeration keeps it.
    return a.pos < b.pos;
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

using rank::KeyBound;
using rank::Keys;

// From this many packages on, Search::Pruned runs one search per list.
constexpr long long kPerListFrom = 200000;

// Greedy descents before each search (ranksearch.h).
constexpr int kDives = 16;

// Below a hundredth, above the floating error of a score rounded to hundredths.
constexpr double kGridMargin = 1e-6;

// How a key's bound over a subtree compares with the worst kept package's value of that key.
enum class Could { Better, Tie, Worse };

// A score on the grid of hundredths, higher first: a higher one is at least a hundredth higher.
Could higherScore(double bound, double worst) {
    if (bound >= worst + 0.01 - kGridMargin) return Could::Better;
    return bound >= worst - kGridMargin ? Could::Tie : Could::Worse;
}

// A whole number, lower first, against its lower bound.
Could lowerCount(long long low, long long worst) {
    return low < worst ? Could::Better : (low == worst ? Could::Tie : Could::Worse);
}

// A subtree's bounds as the orders need them.
struct Subtree {
    ChoiceBound b;
    long long midCents = 0; // ≤ every package's rounded cost_mid in cents
    KeyBound key;           // ≤ every package's key
};

// A list's worst kept package with its key (computed again only when the worst changes).
struct Worst {
    bool valid = false;
    PackagePositions pos{};
    std::string key;
};

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
    const int n = int(pc.lines.size());
    if (n == 0 || !pc.missingLines.isEmpty()) return result;
    for (int s = 0; s < n; ++s)
        if (pc.packed[size_t(s)].empty()) return result; // no package
    const Keys keys(pc);

    auto before = [&](const RankedPackage &a, const RankedPackage &b) {
        if (a.nums.qualified != b.nums.qualified) return a.nums.qualified;
        if (a.overall != b.overall) return a.overall > b.overall;
        if (a.nums.midCents != b.nums.midCents) return a.nums.midCents < b.nums.midCents;
        if (a.nums.carriers != b.nums.carriers) return a.nums.carriers < b.nums.carriers;
        const int c = keys.compare(a.pos, b.pos);
        return c != 0 ? c < 0 : a.pos < b.pos; // as rankedBefore
    };
    // Heap of the best `top`, worst at the front.
    std::vector<RankedPackage> heap;
    heap.reserve(size_t(top) + 1);

    // Label candidates: each label's best few (three earlier winners can be excluded at most). Each
    // list's order ends with the rank order, so it is strict and total like the rank order.
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
    auto evaluate = [&](const PackagePositions &pos) {
        cur.pos = pos;
        ++result.evaluated;
        evaluatePackage(pc, pos, cur.nums);
        cur.overall = overallScore(cur.nums, weights);
    };
    // Label lists take the qualified packages only (all when none qualifies).
    auto labelCandidate = [&] { return !qualifiedOnly || cur.nums.qualified; };
    // Coverage level L1 or L2 (the profile's L2 threshold; no level string per package).
    auto valueCandidate = [&] { return cur.nums.dims[size_t(Dimension::Coverage)] >= p.levelL2; };
    auto offerTop = [&] {
        if (int(heap.size()) < top) {
            heap.push_back(cur);
            std::push_heap(heap.begin(), heap.end(), before);
        } else if (before(cur, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), before);
            heap.back() = cur;
            std::push_heap(heap.begin(), heap.end(), before);
        }
        if (labelCandidate()) rankBest.offer(cur);
    };
    auto offerValue = [&] {
        if (labelCandidate() && valueCandidate()) valueBest.offer(cur);
    };
    auto offerCoverage = [&] {
        if (labelCandidate()) coverageBest.offer(cur);
    };
    auto offerSimplest = [&] {
        if (labelCandidate()) simplestBest.offer(cur);
    };

    std::array<Worst, 4> worsts; // the worst kept package's key, per list

    // Could a package of the subtree rank before `w` (§7)? Each key in turn: a key on which the subtree
    // can do better decides "could", one on which it can only do worse decides "cannot", a tie passes on.
    // Over the subtree each key's best value is reachable by some package for all that the bounds know,
    // so this is the comparison of the best corner of the bounds with `w`.
    auto rankCould = [&](const Subtree &s, const RankedPackage &w, const std::string &wkey) {
        if (w.nums.qualified) {
            if (!s.b.mayQualify) return false;
        } else if (s.b.mayQualify) {
            return true;
        }
        for (Could c : {higherScore(s.b.overall, w.overall), lowerCount(s.midCents, w.nums.midCents),
                        lowerCount(s.b.carriers, w.nums.carriers)}) {
            if (c != Could::Tie) return c == Could::Better;
        }
        // Equal keys go on to the positions, which the bounds do not follow: "could".
        return rank::compare(s.key, wkey) <= 0;
    };
    auto keyOf = [&](size_t list, const RankedPackage &w) -> const std::string & {
        Worst &c = worsts[list];
        if (!c.valid || c.pos != w.pos) {
            c.valid = true;
            c.pos = w.pos;
            c.key = keys.key(w.pos);
        }
        return c.key;
    };
    auto topMatters = [&](const Subtree &s) {
        return int(heap.size()) < top || rankCould(s, heap.front(), keyOf(0, heap.front()));
    };
    auto valueMatters = [&](const Subtree &s) {
        if ((qualifiedOnly && !s.b.mayQualify) || s.b.coverage < p.levelL2) return false;
        if (valueBest.items.size() < valueBest.k) return true;
        const RankedPackage &w = valueBest.items.back();
        const Could c = lowerCount(s.midCents, w.nums.midCents);
        return c != Could::Tie ? c == Could::Better : rankCould(s, w, keyOf(1, w));
    };
    auto coverageMatters = [&](const Subtree &s) {
        if (qualifiedOnly && !s.b.mayQualify) return false;
        if (coverageBest.items.size() < coverageBest.k) return true;
        const RankedPackage &w = coverageBest.items.back();
        for (Could c : {higherScore(s.b.coverage, w.nums.dims[size_t(Dimension::Coverage)]),
                        lowerCount(s.midCents, w.nums.midCents)}) {
            if (c != Could::Tie) return c == Could::Better;
        }
        return rankCould(s, w, keyOf(2, w));
    };
    auto simplestMatters = [&](const Subtree &s) {
        if (qualifiedOnly && !s.b.mayQualify) return false;
        if (simplestBest.items.size() < simplestBest.k) return true;
        const RankedPackage &w = simplestBest.items.back();
        const Could c = lowerCount(s.b.carriers, w.nums.carriers);
        return c != Could::Tie ? c == Could::Better : rankCould(s, w, keyOf(3, w));
    };

    bool stopped = false;
    if (search == Search::Exhaustive) {
        forEachPackage(pc, [&](const PackagePositions &pos) {
            if (stopped ||
                ((result.evaluated & 0xffff) == 0 && cancel && cancel->load(std::memory_order_relaxed))) {
                stopped = true;
                return;
            }
            evaluate(pos);
            offerTop();
            offerValue();
            offerCoverage();
            offerSimplest();
        });
    } else {
        const ScoreBounds bounds(pc, weights);
        const rank::Walk walk{pc, bounds, keys, qualifiedOnly, cancel};
        auto subtree = [](const ChoiceBound &b, const KeyBound &key) {
            return Subtree{b, b.midCentsRounded(), key};
        };
        // Each search starts with a few dives (ranksearch.h), each list preferring at every slot the child
        // whose bounds look best under its own order.
        auto preferTop = [](const ChoiceBound &a, const ChoiceBound &b) {
            if (a.mayQualify != b.mayQualify) return a.mayQualify;
            if (a.overall != b.overall) return a.overall > b.overall;
            if (a.midCents != b.midCents) return a.midCents < b.midCents;
            return a.carriers < b.carriers;
        };
        auto preferValue = [&](const ChoiceBound &a, const ChoiceBound &b) {
            if (a.mayQualify != b.mayQualify) return a.mayQualify;
            if ((a.coverage >= p.levelL2) != (b.coverage >= p.levelL2)) return a.coverage >= p.levelL2;
            if (a.midCents != b.midCents) return a.midCents < b.midCents;
            return a.overall > b.overall;
        };
        auto preferCoverage = [](const ChoiceBound &a, const ChoiceBound &b) {
            if (a.mayQualify != b.mayQualify) return a.mayQualify;
            if (a.coverage != b.coverage) return a.coverage > b.coverage;
            if (a.midCents != b.midCents) return a.midCents < b.midCents;
            return a.overall > b.overall;
        };
        auto preferSimplest = [](const ChoiceBound &a, const ChoiceBound &b) {
            if (a.mayQualify != b.mayQualify) return a.mayQualify;
            if (a.carriers != b.carriers) return a.carriers < b.carriers;
            if (a.overall != b.overall) return a.overall > b.overall;
            return a.midCents < b.midCents;
        };
        // Small cases: one search; large ones: one per list, each ordered for its own list (the lists do
        // not depend on each other, so the union of the searches finds exactly the same packages).
        const bool perList =
            search == Search::PrunedPerList || (search == Search::Pruned && pc.packageCount > kPerListFrom);
        if (!perList) {
            const rank::Order order = rank::Order::make(walk, rank::Order::ByOverall);
            const rank::ByCarrier carriers = rank::byCarrier(pc, order);
            stopped = !rank::search(
                walk, order, &carriers,
                [&](const ChoiceBound &b, const KeyBound &key) {
                    const Subtree s = subtree(b, key);
                    return topMatters(s) || valueMatters(s) || coverageMatters(s) || simplestMatters(s);
                },
                [&](const PackagePositions &pos) {
                    evaluate(pos);
                    offerTop();
                    offerValue();
                    offerCoverage();
                    offerSimplest();
                },
                kDives, preferTop);
        } else {
            const rank::Order byOverall = rank::Order::make(walk, rank::Order::ByOverall);
            auto run = [&](const rank::Order &order, const rank::ByCarrier *carriers, auto &&matters,
                           auto &&offer, auto &&prefer) {
                if (stopped) return;
                stopped = !rank::search(
                    walk, order, carriers,
                    [&](const ChoiceBound &b, const KeyBound &key) { return matters(subtree(b, key)); },
                    [&](const PackagePositions &pos) {
                        evaluate(pos);
                        offer();
                    },
                    kDives, prefer);
            };
            // Each slot after the first: the chosen carriers' offerings first, then the others, which add
            // a carrier (fewer carriers score higher on placement and come first for simplest).
            const rank::ByCarrier byOverallCarriers = rank::byCarrier(pc, byOverall);
            run(byOverall, &byOverallCarriers, topMatters, offerTop, preferTop);
            const rank::Order byCost = rank::Order::make(walk, rank::Order::ByCost);
            const rank::ByCarrier byCostCarriers = rank::byCarrier(pc, byCost);
            run(byCost, &byCostCarriers, valueMatters, offerValue, preferValue);
            const rank::Order byCoverage = rank::Order::make(walk, rank::Order::ByCoverage);
            const rank::ByCarrier byCoverageCarriers = rank::byCarrier(pc, byCoverage);
            run(byCoverage, &byCoverageCarriers, coverageMatters, offerCoverage, preferCoverage);
            run(byOverall, &byOverallCarriers, simplestMatters, offerSimplest, preferSimplest);
        }
    }
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
