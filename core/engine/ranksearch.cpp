// SPDX-License-Identifier: MIT
// Keys and visiting orders of the searches of stage RANK (engine.md §7; see ranksearch.h).
#include "ranksearch.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>
#include <tuple>

namespace pw::rank {

namespace {

// memcmp over the common length, then the shorter first.
int compareBytes(std::string_view a, std::string_view b) {
    const size_t m = std::min(a.size(), b.size());
    if (m > 0)
        if (const int c = std::memcmp(a.data(), b.data(), m)) return c;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// Of two positions of slot `s` (a may be -1), the one with the byte-smaller id (`a` on a tie).
int smallerId(const Walk &walk, int s, int a, int b) {
    return a >= 0 && compareBytes(walk.keys.id(s, a), walk.keys.id(s, b)) <= 0 ? a : b;
}

// From this many offerings in a slot, with at most kMaxClasses classes, a slot is visited by class.
constexpr size_t kClassesFrom = 32;
constexpr size_t kMaxClasses = 64;

// Per position of slot `s`, its class: offerings with equal line score bound, financial score, appetite
// points, rating, incumbency, ⛔ flags and requirement rows met (ScoreBounds::rowsMet) share one, so a class
// differs only in cost floor, carrier, bundle group and id. Empty when the slot is small or has many.
std::vector<int> classes(const Walk &walk, int s, const std::vector<unsigned long long> &rowsMet) {
    const PreparedCase &pc = walk.pc;
    const auto &packed = pc.packed[size_t(s)];
    if (packed.size() < kClassesFrom) return {};
    using Key = std::tuple<double, double, double, double, unsigned, unsigned long long>;
    std::map<Key, int> ids;
    std::vector<int> out(packed.size());
    for (size_t i = 0; i < packed.size(); ++i) {
        const PackedFact &x = packed[i];
        const Key k{walk.bounds.coverageMax(s, int(i)),
                    x.financial,
                    x.appetitePoints,
                    (x.flags & PackedFact::HasRating) ? x.rating : -1e300,
                    x.flags & ~unsigned(PackedFact::Indicative),
                    rowsMet[i]};
        const auto it = ids.emplace(k, int(ids.size())).first;
        if (ids.size() > kMaxClasses) return {};
        out[i] = it->second;
    }
    return out;
}

} // namespace

Keys::Keys(const PreparedCase &pc)
    : m_lines(int(pc.lines.size())) {
    for (int s = 0; s < m_lines; ++s) {
        auto &ids = m_ids[size_t(s)];
        ids.reserve(pc.packed[size_t(s)].size());
        for (const PackedFact &x : pc.packed[size_t(s)])
            ids.push_back(pc.cs.offerings[size_t(pc.facts[size_t(x.fact)].offering)].id.toStdString());
    }
}

std::string Keys::key(const PackagePositions &pos) const {
    std::string k;
    for (int s = 0; s < m_lines; ++s) {
        if (s) k.push_back(',');
        k.append(id(s, pos[size_t(s)]));
    }
    return k;
}

int Keys::compare(const PackagePositions &a, const PackagePositions &b) const {
    for (int s = 0; s < m_lines; ++s) {
        const std::string_view x = id(s, a[size_t(s)]), y = id(s, b[size_t(s)]);
        if (x == y) continue;
        const size_t m = std::min(x.size(), y.size());
        if (m > 0)
            if (const int c = std::memcmp(x.data(), y.data(), m)) return c;
        // One id is a proper prefix of the other: what follows it (a comma or the end) decides, and an
        // id with a comma can make the rest decide; compare the keys whole.
        return compareBytes(key(a), key(b));
    }
    return 0;
}

int compare(const KeyBound &bound, std::string_view key) {
    size_t at = 0;
    for (std::string_view part :
         {bound.a, bound.b, bound.comma ? std::string_view(",") : std::string_view()}) {
        const size_t m = std::min(part.size(), key.size() - at);
        if (m > 0)
            if (const int c = std::memcmp(part.data(), key.data() + at, m)) return c;
        if (m < part.size()) return 1; // the key ends first: it is a proper prefix of the bound
        at += m;
    }
    return at < key.size() ? -1 : 0;
}

Order Order::make(const Walk &walk, Kind kind) {
    const PreparedCase &pc = walk.pc;
    Order o;
    for (int s = 0; s < int(pc.lines.size()); ++s) {
        const auto &packed = pc.packed[size_t(s)];
        const size_t m = packed.size();
        Slot &slot = o.bySlot[size_t(s)];
        std::vector<ChoiceBound> alone(m);
        for (size_t i = 0; i < m; ++i)
            alone[i] = walk.bounds.offeringBound(s, int(i));
        auto overallFirst = [&](int a, int b) {
            if (alone[size_t(a)].overall != alone[size_t(b)].overall)
                return alone[size_t(a)].overall > alone[size_t(b)].overall ? -1 : 1;
            return 0;
        };
        auto costFirst = [&](int a, int b) {
            const double fa = packed[size_t(a)].costFloorCents, fb = packed[size_t(b)].costFloorCents;
            return fa != fb ? (fa < fb ? -1 : 1) : 0;
        };
        auto coverageFirst = [&](int a, int b) {
            if (alone[size_t(a)].coverage != alone[size_t(b)].coverage)
                return alone[size_t(a)].coverage > alone[size_t(b)].coverage ? -1 : 1;
            return 0;
        };
        slot.order.resize(m);
        std::iota(slot.order.begin(), slot.order.end(), 0);
        std::sort(slot.order.begin(), slot.order.end(), [&](int a, int b) {
            int c = 0;
            switch (kind) {
            case ByOverall:
                c = overallFirst(a, b);
                if (!c) c = costFirst(a, b);
                break;
            case ByCost:
                c = costFirst(a, b);
                if (!c) c = overallFirst(a, b);
                break;
            case ByCoverage:
                c = coverageFirst(a, b);
                if (!c) c = costFirst(a, b);
                if (!c) c = overallFirst(a, b);
                break;
            }
            if (!c) c = compareBytes(walk.keys.id(s, a), walk.keys.id(s, b));
            return c ? c < 0 : a < b;
        });
        // Offerings visited after the earlier slots are chosen: their floor given that (an open group's
        // own member is added back by ScoreBounds::boundOver).
        std::vector<double> floor(m);
        for (size_t i = 0; i < m; ++i)
            floor[i] = walk.bounds.floorAfter(s, int(i), (1u << s) - 1);
        std::vector<unsigned long long> rowsMet(m);
        for (size_t i = 0; i < m; ++i)
            rowsMet[i] = walk.bounds.rowsMet(s, int(i));
        const std::vector<int> cls = classes(walk, s, rowsMet);
        if (!cls.empty()) {
            // Class by class, in the order of each class's first offering in the kind's order; each
            // class by floor, then id, then position.
            std::vector<int> rank(m, -1);
            int ranked = 0;
            std::vector<int> classRank(m, -1);
            for (int position : slot.order)
                if (classRank[size_t(cls[size_t(position)])] < 0)
                    classRank[size_t(cls[size_t(position)])] = ranked++;
            for (size_t i = 0; i < m; ++i)
                rank[i] = classRank[size_t(cls[i])];
            std::sort(slot.order.begin(), slot.order.end(), [&](int a, int b) {
                if (rank[size_t(a)] != rank[size_t(b)]) return rank[size_t(a)] < rank[size_t(b)];
                if (floor[size_t(a)] != floor[size_t(b)]) return floor[size_t(a)] < floor[size_t(b)];
                const int c = compareBytes(walk.keys.id(s, a), walk.keys.id(s, b));
                return c ? c < 0 : a < b;
            });
        }
        OfferingsBest none;
        none.overall = none.coverage = -1e300;
        none.rows = 0;
        slot.best.assign(m + 1, none);
        slot.minId.assign(m + 1, -1);
        for (size_t j = m; j-- > 0;) {
            const int position = slot.order[j];
            slot.best[j] = slot.best[j + 1];
            slot.best[j].add(packed[size_t(position)], walk.bounds.coverageMax(s, position));
            slot.best[j].overall = std::max(slot.best[j + 1].overall, alone[size_t(position)].overall);
            slot.best[j].coverage = std::max(slot.best[j + 1].coverage, alone[size_t(position)].coverage);
            slot.best[j].costFloor = std::min(slot.best[j + 1].costFloor, floor[size_t(position)]);
            slot.best[j].rows |= rowsMet[size_t(position)];
            slot.minId[j] = smallerId(walk, s, slot.minId[j + 1], position);
        }
        if (cls.empty()) continue;
        slot.classEnd.assign(m, int(m));
        slot.classBest.assign(m, none);
        slot.classMinId.assign(m, -1);
        for (size_t j = m; j-- > 0;) {
            const int position = slot.order[j];
            const bool last = j + 1 == m || cls[size_t(slot.order[j + 1])] != cls[size_t(position)];
            OfferingsBest b = last ? none : slot.classBest[j + 1];
            b.add(packed[size_t(position)], walk.bounds.coverageMax(s, position));
            b.overall = std::max(b.overall, alone[size_t(position)].overall);
            b.coverage = std::max(b.coverage, alone[size_t(position)].coverage);
            b.costFloor = std::min(b.costFloor, floor[size_t(position)]);
            b.rows |= rowsMet[size_t(position)];
            slot.classBest[j] = b;
            slot.classEnd[j] = last ? int(j + 1) : slot.classEnd[j + 1];
            slot.classMinId[j] = smallerId(walk, s, last ? -1 : slot.classMinId[j + 1], position);
        }
    }
    return o;
}

ByCarrier byCarrier(const PreparedCase &pc, const Order &order) {
    ByCarrier out;
    for (int s = 0; s < int(pc.lines.size()); ++s) {
        auto &slot = out[size_t(s)];
        slot.resize(size_t(pc.carriers.size()));
        for (int position : order.bySlot[size_t(s)].order) {
            const int carrier = pc.packed[size_t(s)][size_t(position)].carrier;
            if (carrier >= 0 && carrier < int(slot.size())) slot[size_t(carrier)].push_back(position);
        }
    }
    return out;
}

} // namespace pw::rank
