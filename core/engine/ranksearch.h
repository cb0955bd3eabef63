// SPDX-License-Identifier: MIT
#pragma once

// The depth-first search of stage RANK (engine.md §7; rankPackages in ranking.h): the packages' keys, the
// orders in which each slot's offerings are visited, and the search that skips the subtrees (and the rest
// of a slot's offerings) that the caller's test, fed with the bounds of bounds.h, rules out.

#include "engine/bounds.h"
#include "engine/packages.h"

#include <string>
#include <string_view>
#include <vector>

namespace pw::rank {

// The last key of §7: the offering ids (UTF-8) joined with "," in coverage_types order, compared byte by
// byte. Holds each offering's id once per case, so keys are compared without building them.
class Keys {
public:
    explicit Keys(const PreparedCase &pc);
    std::string_view id(int slot, int position) const { return m_ids[size_t(slot)][size_t(position)]; }
    std::string key(const PackagePositions &pos) const;
    // <0, 0 or >0 as the key of `a` compares with that of `b`.
    int compare(const PackagePositions &a, const PackagePositions &b) const;

private:
    int m_lines = 0;
    std::array<std::vector<std::string>, kMaxLines> m_ids;
};

// A string that is ≤ the key of every package in a subtree: `a` + `b`, then "," when `comma`. For a
// subtree whose first slots are chosen it is their ids joined, each followed by ",": every key of the
// subtree starts with it. For a complete package it is its key.
struct KeyBound {
    std::string_view a, b;
    bool comma = false;
};
// <0, 0 or >0 as the bound's string compares with `key` byte by byte (a proper prefix comes first).
int compare(const KeyBound &bound, std::string_view key);

// What every search of one ranking shares.
struct Walk {
    const PreparedCase &pc;
    const ScoreBounds &bounds;
    const Keys &keys;
    // False when no package qualifies: every subtree's mayQualify is then false.
    bool qualifiedOnly = true;
    const std::atomic<bool> *cancel = nullptr;
};

// Each slot's offerings in the order a search visits them, with the best that any offering from each
// position on can add (so the rest of a slot is skipped at once when that cannot matter).
struct Order {
    enum Kind {
        ByOverall,  // the best overall score a package with it can reach desc, then cost floor, then id
        ByCost,     // cost floor asc, then the best overall desc, then id
        ByCoverage, // the best coverage score desc, then cost floor, then the best overall desc, then id
    };
    struct Slot {
        std::vector<int> order;          // positions in visiting order
        std::vector<OfferingsBest> best; // best[j]: over order[j..]
        std::vector<int> minId;          // minId[j]: the position with the byte-smallest id in order[j..]
        // When the slot's offerings fall into few classes (equal in everything the bounds use but the
        // cost floor), the order visits them class by class, each by cost floor: classEnd[j] is the end
        // of order[j]'s class, classBest[j] and classMinId[j] are over order[j..classEnd[j]). The rest
        // of a class is then bounded as tightly as its next offering. Empty otherwise.
        std::vector<int> classEnd;
        std::vector<OfferingsBest> classBest;
        std::vector<int> classMinId;
    };
    std::array<Slot, kMaxLines> bySlot;
    // Ties on the kind's keys go to the id (byte order), then to the position (case order).
    static Order make(const Walk &walk, Kind kind);
};

// The positions of each slot's offerings by carrier, in the order of `order` (for carriersFirst).
using ByCarrier = std::array<std::vector<std::vector<int>>, kMaxLines>;
ByCarrier byCarrier(const PreparedCase &pc, const Order &order);

// Depth first over the slots in coverage_types order, each slot in `order`: a choice is followed only
// when matters(bound, keyBound) says that a package extending it can matter, and a slot's remaining
// offerings are skipped together when their joint bound does not matter. `matters` must be monotone:
// false for a bound stays false for any tighter bound (each component no better). leaf(pos) gets the
// packages that are left. With `carriers` (a ByCarrier of `order`), each slot after the first is visited
// by the chosen carriers' offerings first, then the others, which are known to add a carrier. Returns
// false when `cancel` was set before it finished.
template <typename Matters, typename Leaf> class Search {
public:
    static constexpr int kDiveWidth = 256;

    Search(const Walk &walk, const Order &order, const ByCarrier *carriers, Matters &matters, Leaf &leaf)
        : m_walk(walk)
        , m_order(order)
        , m_carriers(carriers)
        , m_matters(matters)
        , m_leaf(leaf)
        , m_lines(int(walk.pc.lines.size())) {}

    // Dives first (see search()), then the search proper.
    template <typename Prefer> bool run(int dives, Prefer &&prefer) {
        if (m_lines == 0) return true;
        for (int j = 0; j < std::min(dives, int(m_order.bySlot[0].order.size())); ++j)
            dive(m_order.bySlot[0].order[size_t(j)], prefer);
        visit(0);
        return !m_stopped;
    }

private:
    ChoiceBound known(ChoiceBound b) const {
        b.mayQualify = b.mayQualify && m_walk.qualifiedOnly;
        return b;
    }

    // From the offering at `position` of slot 0, the child whose bound `prefer` ranks first at each later
    // slot, to the package it ends in (once per package). A slot of more than kDiveWidth offerings offers
    // the first kDiveWidth of its order and the chosen carriers' offerings (a dive only finds good packages
    // early; which ones does not change the result).
    template <typename Prefer> void dive(int position, Prefer &prefer) {
        PackagePositions pos{position, 0, 0};
        PartialChoice c = m_walk.bounds.extend(PartialChoice{}, 0, position, pos);
        std::vector<int> &candidates = m_diveCandidates;
        for (int depth = 1; depth < m_lines; ++depth) {
            const int m = int(m_walk.pc.packed[size_t(depth)].size());
            candidates.clear();
            if (m <= kDiveWidth) {
                for (int i = 0; i < m; ++i)
                    candidates.push_back(i);
            } else {
                const std::vector<int> &order = m_order.bySlot[size_t(depth)].order;
                candidates.assign(order.begin(), order.begin() + kDiveWidth);
                for (int k = 0; m_carriers && k < c.carrierCount; ++k)
                    if (c.carriers[size_t(k)] >= 0)
                        for (int i : (*m_carriers)[size_t(depth)][size_t(c.carriers[size_t(k)])])
                            candidates.push_back(i);
            }
            PartialChoice best;
            ChoiceBound bestBound;
            int bestPosition = -1;
            for (int i : candidates) {
                pos[size_t(depth)] = i;
                const PartialChoice next = m_walk.bounds.extend(c, depth, i, pos);
                const ChoiceBound b = known(m_walk.bounds.bound(next, depth + 1));
                if (bestPosition < 0 || prefer(b, bestBound)) {
                    best = next;
                    bestBound = b;
                    bestPosition = i;
                }
            }
            if (bestPosition < 0) return;
            pos[size_t(depth)] = bestPosition;
            c = best;
        }
        if (dived(pos)) return;
        m_dived.push_back(pos);
        m_leaf(pos);
    }

    bool dived(const PackagePositions &pos) const {
        return std::find(m_dived.begin(), m_dived.end(), pos) != m_dived.end();
    }

    // Follows the offering at `position` of slot `depth` when it matters; returns whether it did.
    bool child(int depth, int position) {
        m_pos[size_t(depth)] = position;
        const PartialChoice c = m_walk.bounds.extend(m_choice[size_t(depth)], depth, position, m_pos);
        const bool last = depth + 1 == m_lines;
        const std::string_view id = m_walk.keys.id(depth, position);
        if (!m_matters(known(m_walk.bounds.bound(c, depth + 1)),
                       KeyBound{m_prefix[size_t(depth)], id, !last}))
            return false;
        if (last) {
            if (m_dived.empty() || !dived(m_pos)) m_leaf(m_pos);
            return true;
        }
        m_choice[size_t(depth + 1)] = c;
        std::string &next = m_prefix[size_t(depth + 1)];
        next.assign(m_prefix[size_t(depth)]);
        next.append(id);
        next.push_back(',');
        visit(depth + 1);
        return true;
    }

    // Can a package whose offering of slot `depth` is one of order[j..] (with `inClass`, one of
    // order[j..classEnd[j])) matter?
    bool restMatters(int depth, int j, int newCarriers, bool inClass = false) {
        const Order::Slot &slot = m_order.bySlot[size_t(depth)];
        const ChoiceBound b = m_walk.bounds.boundOver(
            m_choice[size_t(depth)], depth, (inClass ? slot.classBest : slot.best)[size_t(j)], newCarriers);
        const int minId = (inClass ? slot.classMinId : slot.minId)[size_t(j)];
        return m_matters(known(b), KeyBound{m_prefix[size_t(depth)], m_walk.keys.id(depth, minId), false});
    }

    bool chosenCarrier(const PartialChoice &c, int carrier) const {
        return std::find(c.carriers.begin(), c.carriers.begin() + c.carrierCount, carrier) !=
               c.carriers.begin() + c.carrierCount;
    }

    void visit(int depth) {
        if (depth + 1 < m_lines && m_walk.cancel && m_walk.cancel->load(std::memory_order_relaxed))
            m_stopped = true;
        if (m_stopped) return;
        const Order::Slot &slot = m_order.bySlot[size_t(depth)];
        const auto &packed = m_walk.pc.packed[size_t(depth)];
        const PartialChoice &c = m_choice[size_t(depth)];
        int newCarriers = 0;
        if (m_carriers && c.carrierCount > 0) {
            for (int k = 0; k < c.carrierCount; ++k) {
                if (c.carriers[size_t(k)] < 0) continue;
                for (int position : (*m_carriers)[size_t(depth)][size_t(c.carriers[size_t(k)])]) {
                    child(depth, position);
                    if (m_stopped) return;
                }
            }
            // Every other offering of the slot adds a carrier.
            newCarriers = 1;
            if (slot.order.empty() || !restMatters(depth, 0, newCarriers)) return;
        }
        const int m = int(slot.order.size());
        unsigned skipped = 0;
        for (int j = 0; j < m; ++j) {
            const int position = slot.order[size_t(j)];
            if (newCarriers && chosenCarrier(c, packed[size_t(position)].carrier)) continue;
            if (child(depth, position)) {
                if (m_stopped) return;
                continue;
            }
            if (!slot.classEnd.empty()) {
                // Could a later offering of its class matter? If not, on to the next class (if any
                // later one could matter).
                const int end = slot.classEnd[size_t(j)];
                if (j + 1 < end && restMatters(depth, j + 1, newCarriers, true)) continue;
                j = end - 1;
                if (end < m && !restMatters(depth, end, newCarriers)) break;
                continue;
            }
            // Every few skipped offerings: could any later one matter?
            if ((skipped++ & 3) == 0 && j + 1 < m && !restMatters(depth, j + 1, newCarriers)) break;
        }
    }

    const Walk &m_walk;
    const Order &m_order;
    const ByCarrier *m_carriers;
    Matters &m_matters;
    Leaf &m_leaf;
    int m_lines = 0;
    bool m_stopped = false;
    PackagePositions m_pos{0, 0, 0};
    std::array<PartialChoice, kMaxLines + 1> m_choice{};
    std::array<std::string, kMaxLines + 1> m_prefix; // the chosen ids, each followed by ","
    std::vector<PackagePositions> m_dived;           // the packages the dives gave (a few)
    std::vector<int> m_diveCandidates;
};

// Runs a Search. First `dives` greedy descents from the first offerings of slot 0, each taking at every
// later slot the child whose bound prefer(a, b) ranks before the others' (the list's own preference; in a
// slot of more than Search::kDiveWidth offerings, among the first of `order` and the chosen carriers'):
// packages that good found early let `matters` rule out more, whatever order the ties put them in. The
// search proper does not give those packages to `leaf` again.
template <typename Matters, typename Leaf, typename Prefer>
bool search(const Walk &walk, const Order &order, const ByCarrier *carriers, Matters &&matters, Leaf &&leaf,
            int dives, Prefer &&prefer) {
    return Search<std::remove_reference_t<Matters>, std::remove_reference_t<Leaf>>(walk, order, carriers,
                                                                                   matters, leaf)
        .run(dives, prefer);
}

} // namespace pw::rank
