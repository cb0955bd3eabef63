// SPDX-License-Identifier: MIT
// Keys and visiting orders of the searches of stage RANK (engine.md §7; see ranksearch.h).
#include "ranksearch.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace pw::rank {

namespace {

// memcmp over the common length, then the shorter first.
int compareBytes(std::string_view a, std::string_view b) {
    const size_t m = std::min(a.size(), b.size());
    if (m > 0)
        if (const int c = std::memcmp(a.data(), b.data(), m)) return c;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
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
        OfferingsBest none;
        none.overall = none.coverage = -1e300;
        slot.best.assign(m + 1, none);
        slot.minId.assign(m + 1, -1);
        for (size_t j = m; j-- > 0;) {
            const int position = slot.order[j];
            slot.best[j] = slot.best[j + 1];
            slot.best[j].add(packed[size_t(position)], walk.bounds.coverageMax(s, position));
            slot.best[j].overall = std::max(slot.best[j + 1].overall, alone[size_t(position)].overall);
            slot.best[j].coverage = std::max(slot.best[j + 1].coverage, alone[size_t(position)].coverage);
            // Visited after the slots before it are chosen: its floor given that (an open group's own
            // member is added back by ScoreBounds::boundOver).
            slot.best[j].costFloor =
                std::min(slot.best[j + 1].costFloor, walk.bounds.floorAfter(s, position, (1u << s) - 1));
            const int next = slot.minId[j + 1];
            slot.minId[j] = next >= 0 && compareBytes(walk.keys.id(s, next), walk.keys.id(s, position)) <= 0
                                ? next
                                : position;
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
