// SPDX-License-Identifier: MIT
// Pass 1 of stage RANK: the package counts and the pricing reference of engine.md §5.1 (see bounds.h).
#include "engine/bounds.h"
#include "engine/boundsdetail.h"

#include <algorithm>
#include <numeric>

namespace pw {

using namespace bounds_detail;

bool computeReference(PreparedCase &pc, Search search, const std::atomic<bool> *cancel) {
    const int n = int(pc.lines.size());
    pc.packageCount = 0;
    pc.qualifiedCount = 0;
    if (n == 0 || !pc.missingLines.isEmpty()) return true;
    computeCostFloors(pc);

    double best = kInf;      // the lowest cost_mid found, in dollars (PackageNumbers::mid)
    double bestCents = kInf; // the same in cents (a whole or half cent, exact)
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
        setReference(pc, qualified > 0 ? best : bestAny);
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

    // Depth first over the slots. Each slot's candidates (the unflagged ones when searching the
    // qualified) in order of their floor once the slots before it are chosen (ScoreBounds::floorAfter:
    // the whole premium when those break its group); the members of the groups the choice keeps open
    // (whose floor is their share) first. Once a candidate's floor plus the least the later slots add
    // reaches the best mid found, every later candidate's does too.
    const ScoreBounds bounds(pc, Weights{});
    std::array<std::vector<int>, kMaxLines> order;
    std::array<std::vector<char>, kMaxLines> candidate;
    for (int s = 0; s < n; ++s) {
        auto &o = order[size_t(s)];
        if (wantQualified) {
            o = unflagged[size_t(s)];
        } else {
            o.resize(pc.packed[size_t(s)].size());
            std::iota(o.begin(), o.end(), 0);
        }
        candidate[size_t(s)].assign(pc.packed[size_t(s)].size(), 0);
        std::vector<double> floor(pc.packed[size_t(s)].size());
        for (int i : o) {
            floor[size_t(i)] = bounds.floorAfter(s, i, (1u << s) - 1);
            candidate[size_t(s)][size_t(i)] = 1;
        }
        std::stable_sort(o.begin(), o.end(),
                         [&](int a, int b) { return floor[size_t(a)] < floor[size_t(b)]; });
    }
    const double slack = lowSlack(pc);
    PackagePositions pos{0, 0, 0};
    // Searching the qualified with an umbrella: a choice can lead to a qualified package only when some
    // requirement row is left that its umbrella, auto and home (chosen, or some unflagged one) meet.
    auto mayQualify = [&](int depth) { // slots 0..depth of pos chosen
        return pc.umbrellaSlot < 0 || bounds.rowsMayQualify(pos, (2u << depth) - 1);
    };
    std::array<PartialChoice, kMaxLines + 1> choice{};
    // Every mid of a subtree is a whole or half cent at least this: none below the best, none matters.
    auto cannotBeat = [&](double floorCents) {
        return ceilHalf(floorCents - slack - kCostMargin) >= bestCents;
    };
    bool stopped = false;
    auto visit = [&](auto &&self, int depth) -> void {
        if (depth + 1 < n && cancel && cancel->load(std::memory_order_relaxed)) stopped = true;
        if (stopped) return;
        const auto &slot = pc.packed[size_t(depth)];
        const PartialChoice &c = choice[size_t(depth)];
        auto child = [&](int i) {
            pos[size_t(depth)] = i;
            if (wantQualified && (completesFiringPair(pc, depth, pos) || !mayQualify(depth))) return;
            const PartialChoice next = bounds.extend(c, depth, i, pos, false);
            if (cannotBeat(next.costFloor + bounds.restFloor(next, depth + 1))) return;
            if (depth + 1 < n) {
                choice[size_t(depth + 1)] = next;
                self(self, depth + 1);
                return;
            }
            evaluateCost(pc, pos, num);
            if ((!wantQualified || num.qualified) && num.mid < best) {
                best = num.mid;
                bestCents = double(num.lowCents + num.highCents) / 2;
            }
        };
        auto open = [&](int group) {
            for (int t = 0; t < depth; ++t)
                if (group >= 0 && c.openGroup[size_t(t)] == group) return true;
            return false;
        };
        for (int t = 0; t < depth && !stopped; ++t) {
            const int g = c.openGroup[size_t(t)];
            const int member = g >= 0 ? bounds.groupMember(g, depth) : -1;
            bool first = true; // each open group once
            for (int u = 0; u < t; ++u)
                first = first && c.openGroup[size_t(u)] != g;
            if (member >= 0 && first && candidate[size_t(depth)][size_t(member)]) child(member);
        }
        // Whatever the choice here, the later slots add at least this.
        const double rest = c.costFloor + bounds.restFloor(c, depth + 1);
        for (int i : order[size_t(depth)]) {
            if (stopped) return;
            if (cannotBeat(rest + bounds.floorAfter(depth, i, (1u << depth) - 1))) break;
            if (open(slot[size_t(i)].group)) continue; // visited above
            child(i);
        }
    };
    visit(visit, 0);
    if (stopped) return false;
    setReference(pc, best);
    return true;
}

} // namespace pw
