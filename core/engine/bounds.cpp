// SPDX-License-Identifier: MIT
// Bounds for the searches over packages (engine.md §4, §5; see bounds.h).
#include "bounds.h"

#include "engine/boundsdetail.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace pw {

namespace {

constexpr double kScoreMargin = 1e-7; // far above the floating error of a score, far below a hundredth
// An amount of cents this close to whole counts as whole in brokenExtra: the few members of a package add
// at most a few times this, far below kCostMargin.
constexpr double kWholeCent = 1e-6;

inline double clamp100(double v) {
    return v < 0 ? 0 : (v > 100 ? 100 : v);
}

inline double coverageMax(const PackedFact &x) {
    return std::max(x.coverageLine, x.coverageLineUnderlyingNS);
}

} // namespace

using namespace bounds_detail;

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

void OfferingsBest::add(const PackedFact &x, double coverage) {
    cov = std::max(cov, coverage);
    fin = std::max(fin, x.financial);
    app = std::max(app, x.appetitePoints);
    costFloor = std::min(costFloor, x.costFloorCents);
    if (x.flags & PackedFact::HasRating)
        ratingMax = std::max(ratingMax, x.rating);
    else
        allRated = false;
    incumbent = incumbent || (x.flags & PackedFact::Incumbent);
    mayQualify = mayQualify || !(x.flags & kBlocks);
}

unsigned long long ScoreBounds::rowsMet(int slot, int position) const {
    const PreparedCase &pc = m_pc;
    if (m_rowUmbrella.empty()) return ~0ull;
    if (pc.packed[size_t(slot)][size_t(position)].flags & kBlocks) return 0;
    if (slot == pc.umbrellaSlot) return 1ull << pc.umbrellaRow[size_t(position)];
    const std::vector<unsigned char> *table =
        slot == pc.autoSlot ? &pc.underAuto : (slot == pc.homeSlot ? &pc.underHome : nullptr);
    if (!table) return ~0ull;
    const size_t width = pc.packed[size_t(slot)].size();
    unsigned long long met = 0;
    for (size_t r = 0; r < m_rowUmbrella.size(); ++r)
        if (Outcome((*table)[r * width + size_t(position)]) != Outcome::Fire) met |= 1ull << r;
    return met;
}

long long ChoiceBound::midCentsRounded() const {
    // The mid is a whole or half cent rounded half away from zero (up: costs are not negative), so the
    // rounded mid is at least ⌈mid⌉ ≥ ⌈midCents⌉.
    if (midCents < -1e15) return std::numeric_limits<long long>::min();
    if (midCents > 1e15) return std::numeric_limits<long long>::max();
    return (long long)std::ceil(midCents);
}

void SlotsBest::add(const SlotsBest &o) {
    covSum += o.covSum;
    covMin = std::min(covMin, o.covMin);
    finMin = std::min(finMin, o.finMin);
    appSum += o.appSum;
    costFloor += o.costFloor;
    incumbentSlots += o.incumbentSlots;
    ratedSlots += o.ratedSlots;
    ratedSum += o.ratedSum;
    optionalSlots += o.optionalSlots;
    optionalMax = std::max(optionalMax, o.optionalMax);
}

SlotsBest SlotsBest::of(const OfferingsBest &o) {
    SlotsBest b;
    b.covSum = o.cov;
    b.covMin = o.cov;
    b.finMin = o.fin;
    b.appSum = o.app;
    b.costFloor = o.costFloor;
    b.incumbentSlots = o.incumbent ? 1 : 0;
    if (o.allRated) {
        b.ratedSlots = 1;
        b.ratedSum = o.ratingMax;
    } else if (o.ratingMax > -kInf) {
        b.optionalSlots = 1;
        b.optionalMax = o.ratingMax;
    }
    return b;
}

double ScoreBounds::brokenExtra(const PackedFact &y) const {
    // premium − min(premium, share), and half its part of the group's bundle_break amount: a broken group
    // adds A = round(rate × Σ premiums of its members in the package) ≥ Σ max(0, rate × premium − δ) (the
    // rate is not negative when the floors hold). Write each member's rate × premium as q + f, q its
    // rounding (a whole cent) and |f| ≤ ½. When every f of the package's members is 0 the sum is whole
    // and A = Σ q: δ = 0. Otherwise A ≥ Σ q + Σ f − ½ and the members with f ≠ 0 take δ = ½ (at least
    // one of them is there). A whole amount (the usual case: a premium in whole dollars or cents and a
    // rate in tenths) then bounds as tightly as it is, so that packages that tie on cost are told apart.
    const double amount = m_pc.profile->bundleBreakUplift * y.premiumCents;
    const double delta = std::fabs(amount - std::round(amount)) < kWholeCent ? 0.0 : 0.5;
    return std::max(0.0, y.premiumCents + double(y.indicativeCents) / 2 - y.costFloorCents) +
           std::max(0.0, amount - delta) / 2;
}

double ScoreBounds::floorAfter(int slot, int position, unsigned chosen) const {
    const PackedFact &x = m_pc.packed[size_t(slot)][size_t(position)];
    const bool broken = x.group >= 0 && (!m_groupMayBeIntact[size_t(x.group)] ||
                                         (m_groupSlots[size_t(x.group)] & chosen & ~(1u << slot)));
    return broken ? x.costFloorCents + brokenExtra(x) : x.costFloorCents;
}

double ScoreBounds::openFloor(const PartialChoice &c, int slot) const {
    double f = kInf;
    for (int t = 0; t < m_lines; ++t) {
        const int g = c.openGroup[size_t(t)];
        if (g < 0) continue;
        const int member = m_groupMember[size_t(g)][size_t(slot)];
        if (member >= 0) f = std::min(f, m_pc.packed[size_t(slot)][size_t(member)].costFloorCents);
    }
    return f;
}

double ScoreBounds::restFloor(const PartialChoice &c, int from) const {
    double sum = 0;
    for (int t = from; t < m_lines; ++t)
        sum += std::min(m_slotFloor[size_t(t)][c.chosen & 7u], openFloor(c, t));
    return sum;
}

ScoreBounds::ScoreBounds(const PreparedCase &pc, const Weights &weights)
    : m_pc(pc)
    , m_weights(weights)
    , m_lines(int(pc.lines.size())) {
    const EngineProfile &p = *pc.profile;
    std::array<SlotsBest, kMaxLines> slotBest{};
    // The umbrella's line: `underlying` not stated costs it points, unless its requirement row is met
    // (Pass) or unmet (Fire) by some auto and home; the higher of the two values it can take.
    for (int s = 0; s < m_lines; ++s) {
        auto &cov = m_covMax[size_t(s)];
        cov.resize(pc.packed[size_t(s)].size());
        for (size_t i = 0; i < cov.size(); ++i)
            cov[i] = ::pw::coverageMax(pc.packed[size_t(s)][i]);
    }
    if (pc.umbrellaSlot >= 0) {
        const int rows =
            pc.umbrellaRow.empty() ? 0 : *std::max_element(pc.umbrellaRow.begin(), pc.umbrellaRow.end()) + 1;
        // Per row: which outcomes the auto (home) choices give (bit = Outcome value).
        auto outcomes = [&](int slot, const std::vector<unsigned char> &table) {
            std::vector<unsigned> seen(size_t(rows), slot < 0 ? 1u << unsigned(Outcome::Pass) : 0u);
            if (slot < 0) return seen;
            const size_t width = pc.packed[size_t(slot)].size();
            for (int r = 0; r < rows; ++r)
                for (size_t i = 0; i < width; ++i)
                    seen[size_t(r)] |= 1u << unsigned(table[size_t(r) * width + i]);
            return seen;
        };
        const std::vector<unsigned> autos = outcomes(pc.autoSlot, pc.underAuto);
        const std::vector<unsigned> homes = outcomes(pc.homeSlot, pc.underHome);
        const unsigned pass = 1u << unsigned(Outcome::Pass), notStated = 1u << unsigned(Outcome::NotStated),
                       fire = 1u << unsigned(Outcome::Fire);
        auto &cov = m_covMax[size_t(pc.umbrellaSlot)];
        for (size_t i = 0; i < cov.size(); ++i) {
            const size_t r = size_t(pc.umbrellaRow[i]);
            const unsigned a = autos[r], h = homes[r];
            const bool lineAsIs = ((a & fire) || (h & fire)) || ((a & pass) && (h & pass));
            const bool lineNotStated = ((a & notStated) && (h & (pass | notStated))) ||
                                       ((h & notStated) && (a & (pass | notStated)));
            const PackedFact &x = pc.packed[size_t(pc.umbrellaSlot)][i];
            if (lineAsIs != lineNotStated) cov[i] = lineAsIs ? x.coverageLine : x.coverageLineUnderlyingNS;
        }
    }
    if (pc.umbrellaSlot >= 0 && !pc.umbrellaRow.empty()) {
        const int rows = *std::max_element(pc.umbrellaRow.begin(), pc.umbrellaRow.end()) + 1;
        if (rows <= 64) {
            auto meets = [&](int slot, const std::vector<unsigned char> &table, std::vector<char> &out) {
                out.assign(size_t(rows), slot < 0);
                if (slot < 0) return;
                const size_t width = pc.packed[size_t(slot)].size();
                for (int r = 0; r < rows; ++r)
                    for (size_t i = 0; i < width && !out[size_t(r)]; ++i)
                        out[size_t(r)] = !(pc.packed[size_t(slot)][i].flags & kBlocks) &&
                                         Outcome(table[size_t(r) * width + i]) != Outcome::Fire;
            };
            meets(pc.autoSlot, pc.underAuto, m_rowAuto);
            meets(pc.homeSlot, pc.underHome, m_rowHome);
            m_rowUmbrella.assign(size_t(rows), 0);
            const auto &umbrellas = pc.packed[size_t(pc.umbrellaSlot)];
            for (size_t i = 0; i < umbrellas.size(); ++i)
                if (!(umbrellas[i].flags & kBlocks)) m_rowUmbrella[size_t(pc.umbrellaRow[i])] = 1;
        }
    }
    m_carrierSlots.assign(size_t(pc.carriers.size()), 0u);
    m_groupSlots.assign(pc.groupMemberCount.size(), 0u);
    m_groupMayBeIntact.assign(pc.groupMemberCount.size(), 1);
    std::vector<int> eligibleMembers(pc.groupMemberCount.size(), 0);
    for (int s = 0; s < m_lines; ++s)
        for (const PackedFact &x : pc.packed[size_t(s)]) {
            if (x.group < 0) continue;
            const size_t g = size_t(x.group);
            if (m_groupSlots[g] & (1u << s)) m_groupMayBeIntact[g] = 0; // two members in one slot
            m_groupSlots[g] |= 1u << s;
            ++eligibleMembers[g];
        }
    for (size_t g = 0; g < eligibleMembers.size(); ++g)
        if (eligibleMembers[g] != pc.groupMemberCount[g]) m_groupMayBeIntact[g] = 0;
    m_groupMember.assign(pc.groupMemberCount.size(), {-1, -1, -1});
    for (int s = 0; s < m_lines; ++s)
        for (int i = 0; i < int(pc.packed[size_t(s)].size()); ++i) {
            const int g = pc.packed[size_t(s)][size_t(i)].group;
            if (g >= 0 && m_groupMayBeIntact[size_t(g)]) m_groupMember[size_t(g)][size_t(s)] = i;
        }
    // Per slot and set of chosen slots: the lowest floor of an offering whose group is not yet broken
    // by the chosen ones (a group broken by them adds the whole premium); an open group's own members
    // are added by openFloor.
    for (int s = 0; s < m_lines; ++s)
        for (unsigned chosen = 0; chosen < 8; ++chosen) {
            double f = kInf;
            for (int i = 0; i < int(pc.packed[size_t(s)].size()); ++i)
                f = std::min(f, floorAfter(s, i, chosen & ~(1u << s)));
            m_slotFloor[size_t(s)][chosen] = f;
        }
    for (int s = 0; s < m_lines; ++s) {
        OfferingsBest o;
        for (size_t i = 0; i < pc.packed[size_t(s)].size(); ++i) {
            const PackedFact &x = pc.packed[size_t(s)][i];
            o.add(x, m_covMax[size_t(s)][i]);
            if (x.carrier >= 0) m_carrierSlots[size_t(x.carrier)] |= 1u << s;
        }
        slotBest[size_t(s)] = SlotsBest::of(o);
    }
    for (int k = m_lines - 1; k >= 0; --k) {
        m_suffix[size_t(k)] = m_suffix[size_t(k + 1)];
        m_suffix[size_t(k)].add(slotBest[size_t(k)]);
    }
    for (int s = 0; s < m_lines; ++s)
        for (int t = 0; t < m_lines; ++t)
            if (t != s) m_others[size_t(s)].add(slotBest[size_t(t)]);
    // Placement: the best over every carrier count from the chosen ones up. An intact bundle group is one
    // carrier's, so with k carriers the lines beyond each carrier's first are lines − k: the bonus is at
    // most bundle_line_bonus × (lines − k), and nothing when no group can be intact.
    const auto &byCarriers = p.placementByCarriers;
    const bool anyIntact =
        std::find(m_groupMayBeIntact.begin(), m_groupMayBeIntact.end(), 1) != m_groupMayBeIntact.end();
    for (int c = 0; c <= m_lines; ++c) {
        double best = -kInf;
        for (int k = std::max(c, 1); k <= std::max(m_lines, 1); ++k) {
            const double bonus = anyIntact ? std::max(0.0, p.bundleLineBonus * (m_lines - k)) : 0.0;
            best = std::max(best,
                            std::min(byCarriers[size_t(std::min<int>(k, int(byCarriers.size())) - 1)] + bonus,
                                     p.placementCap));
        }
        m_placement[size_t(c)] = clamp100(best);
    }
    m_pricingBounded = pc.costFloorsHold && p.pricingSlope >= 0 && pc.referenceMid > 0;
    m_lowSlack = lowSlack(pc);
}

PartialChoice ScoreBounds::extend(const PartialChoice &c, int slot, int position, const PackagePositions &pos,
                                  bool pairs) const {
    const PackedFact &x = m_pc.packed[size_t(slot)][size_t(position)];
    PartialChoice n = c;
    n.costFloor += x.costFloorCents;
    bool open = x.group >= 0 && m_groupMayBeIntact[size_t(x.group)];
    for (int t = 0; t < m_lines; ++t) {
        if (t == slot || !(c.chosen & (1u << t))) continue;
        const int other = m_pc.packed[size_t(t)][size_t(pos[size_t(t)])].group;
        // Slot t holds another offering where x's group has a member: x's group is broken.
        if (open && other != x.group && (m_groupSlots[size_t(x.group)] & (1u << t))) open = false;
        // x is not the member of slot t's group in this slot: that group is broken.
        const int g = c.openGroup[size_t(t)];
        if (g >= 0 && g != x.group && (m_groupSlots[size_t(g)] & (1u << slot))) {
            n.openGroup[size_t(t)] = -1;
            n.costFloor += brokenExtra(m_pc.packed[size_t(t)][size_t(pos[size_t(t)])]);
        }
    }
    n.chosen |= 1u << slot;
    n.pos[size_t(slot)] = position;
    if (open) {
        n.openGroup[size_t(slot)] = x.group;
        n.openExtra[size_t(slot)] = brokenExtra(x);
    } else if (x.group >= 0)
        n.costFloor += brokenExtra(x);
    const double cov = coverageMax(slot, position);
    n.covSum += cov;
    n.covMin = std::min(n.covMin, cov);
    n.finMin = std::min(n.finMin, x.financial);
    n.appSum += x.appetitePoints;
    if (x.flags & PackedFact::HasRating) {
        n.ratingSum += x.rating;
        ++n.ratingCount;
    }
    n.incumbents += (x.flags & PackedFact::Incumbent) ? 1 : 0;
    if (std::find(n.carriers.begin(), n.carriers.begin() + n.carrierCount, x.carrier) ==
        n.carriers.begin() + n.carrierCount) {
        n.carriers[size_t(n.carrierCount++)] = x.carrier;
        if (x.carrier >= 0) n.carrierSlots |= m_carrierSlots[size_t(x.carrier)];
    }
    if (x.flags & kBlocks) n.mayQualify = false;
    if (!pairs || m_pc.umbrellaSlot < 0) return n;
    PackagePositions p = pos;
    p[size_t(slot)] = position;
    if (n.mayQualify && completesFiringPair(m_pc, slot, p)) n.mayQualify = false;
    // Pairs still open: some requirement row must remain that the chosen offerings can all meet.
    if (n.mayQualify && !rowsMayQualify(p, n.chosen)) n.mayQualify = false;
    // The umbrella, auto and home all chosen: the umbrella's line score is known (§5.2 underlying).
    unsigned need = 1u << m_pc.umbrellaSlot;
    if (m_pc.autoSlot >= 0) need |= 1u << m_pc.autoSlot;
    if (m_pc.homeSlot >= 0) need |= 1u << m_pc.homeSlot;
    if ((n.chosen & need) == need && (c.chosen & need) != need) {
        const PackedFact &u = m_pc.packed[size_t(m_pc.umbrellaSlot)][size_t(p[size_t(m_pc.umbrellaSlot)])];
        const double line =
            underlyingOutcome(m_pc, p) == Outcome::NotStated ? u.coverageLineUnderlyingNS : u.coverageLine;
        n.covSum += line - coverageMax(m_pc.umbrellaSlot, p[size_t(m_pc.umbrellaSlot)]);
        n.covMin = 1e300;
        for (int t = 0; t < m_lines; ++t)
            if (n.chosen & (1u << t))
                n.covMin = std::min(n.covMin, t == m_pc.umbrellaSlot ? line : coverageMax(t, p[size_t(t)]));
    }
    return n;
}

bool ScoreBounds::rowsMayQualify(const PackagePositions &pos, unsigned chosen, int overSlot,
                                 unsigned long long overRows) const {
    if (m_rowUmbrella.empty()) return true;
    const PreparedCase &pc = m_pc;
    auto isChosen = [&](int slot) { return slot >= 0 && (chosen & (1u << slot)); };
    auto meets = [&](int slot, const std::vector<unsigned char> &table, int r) {
        return Outcome(table[size_t(r) * pc.packed[size_t(slot)].size() + size_t(pos[size_t(slot)])]) !=
               Outcome::Fire;
    };
    for (int r = 0; r < int(m_rowUmbrella.size()); ++r) {
        if (overSlot >= 0 && !((overRows >> r) & 1u)) continue;
        if (pc.umbrellaSlot != overSlot &&
            (isChosen(pc.umbrellaSlot) ? pc.umbrellaRow[size_t(pos[size_t(pc.umbrellaSlot)])] != r
                                       : !m_rowUmbrella[size_t(r)]))
            continue;
        if (pc.autoSlot != overSlot &&
            (isChosen(pc.autoSlot) ? !meets(pc.autoSlot, pc.underAuto, r) : !m_rowAuto[size_t(r)]))
            continue;
        if (pc.homeSlot != overSlot &&
            (isChosen(pc.homeSlot) ? !meets(pc.homeSlot, pc.underHome, r) : !m_rowHome[size_t(r)]))
            continue;
        return true;
    }
    return false;
}

int ScoreBounds::carriersAtLeast(const PartialChoice &c, int depth) const {
    const unsigned freeSlots = ((1u << m_lines) - 1) & ~((1u << depth) - 1);
    return c.carrierCount + ((freeSlots & ~c.carrierSlots) ? 1 : 0);
}

ChoiceBound ScoreBounds::bound(const PartialChoice &c, int depth) const {
    return boundWith(c, m_suffix[size_t(depth)], carriersAtLeast(c, depth), restFloor(c, depth));
}

ChoiceBound ScoreBounds::boundOver(const PartialChoice &c, int slot, const OfferingsBest &best,
                                   int newCarriers) const {
    PartialChoice n = c;
    if (newCarriers > 0) {
        // None of the offerings is of a chosen carrier, so each is one more renewal (outside every group
        // of c, and a group of its own is not yet counted), and none is the member in `slot` of an open group
        // whose member there is of a chosen carrier (a group's members share its carrier): such a group
        // is broken in every package here, each of its chosen offerings adding its whole premium and its
        // part of the break uplift (as extend adds it). The later slots still see the floors of
        // m_slotFloor for the slots chosen before `slot` (an offering here may open a group of its own).
        for (int t = 0; t < m_lines; ++t) {
            const int g = c.openGroup[size_t(t)];
            if (g < 0 || !(m_groupSlots[size_t(g)] & (1u << slot))) continue;
            const int member = m_groupMember[size_t(g)][size_t(slot)];
            if (member < 0) continue;
            const int carrier = m_pc.packed[size_t(slot)][size_t(member)].carrier;
            if (carrier < 0 || std::find(c.carriers.begin(), c.carriers.begin() + c.carrierCount, carrier) ==
                                   c.carriers.begin() + c.carrierCount)
                continue;
            n.openGroup[size_t(t)] = -1;
            n.costFloor += c.openExtra[size_t(t)];
        }
    }
    n.costFloor += std::min(best.costFloor, openFloor(n, slot));
    SlotsBest rest = SlotsBest::of(best);
    rest.add(m_suffix[size_t(slot + 1)]);
    n.mayQualify = n.mayQualify && best.mayQualify && rowsMayQualify(c.pos, c.chosen, slot, best.rows);
    // The offering of `slot` may be of a new carrier (covering later slots) or a chosen one: only a slot
    // from `slot` on that no chosen carrier serves is sure to need a new one.
    const int carriers = std::max(c.carrierCount + newCarriers, carriersAtLeast(c, slot));
    ChoiceBound b =
        boundWith(n, rest, std::min(carriers, m_lines), restFloor(n, slot + 1), newCarriers > 0 ? 1 : 0);
    b.overall = std::min(b.overall, best.overall);
    b.coverage = std::min(b.coverage, best.coverage);
    return b;
}

ChoiceBound ScoreBounds::offeringBound(int slot, int position) const {
    // Alone: the umbrella's pairs are not complete, so they do not disqualify.
    const PartialChoice c = extend(PartialChoice{}, slot, position, PackagePositions{0, 0, 0}, false);
    return boundWith(c, m_others[size_t(slot)], carriersAtLeast(c, 0), m_others[size_t(slot)].costFloor);
}

bool ScoreBounds::unjoinableSlot(const PartialChoice &c) const {
    for (int f = 0; f < m_lines; ++f) {
        if (c.chosen & (1u << f)) continue;
        bool joinable = false;
        for (int t = 0; t < m_lines && !joinable; ++t) {
            const int g = (c.chosen & (1u << t)) ? c.openGroup[size_t(t)] : -1;
            joinable = g >= 0 && m_groupMember[size_t(g)][size_t(f)] >= 0;
        }
        if (!joinable) return true;
    }
    return false;
}

double ScoreBounds::serviceMean(const PartialChoice &c, const SlotsBest &rest) const {
    // The chosen ratings, one rating (at most its highest) from each slot all of whose offerings state one,
    // and from the other slots none or one each: adding ratings of the same value moves the mean towards
    // it, so the highest mean takes all of the optional ones (at optionalMax) or none. With no rating at
    // all the service starts from the base.
    const double sum = c.ratingSum + rest.ratedSum;
    const int count = c.ratingCount + rest.ratedSlots;
    double best = count > 0 ? sum / count : m_pc.profile->serviceBase;
    if (rest.optionalSlots > 0)
        best = std::max(best, (sum + rest.optionalSlots * rest.optionalMax) / (count + rest.optionalSlots));
    return best;
}

ChoiceBound ScoreBounds::boundWith(const PartialChoice &c, const SlotsBest &rest, int carriers,
                                   double restFloor, int moreRenewals) const {
    const EngineProfile &p = *m_pc.profile;
    ChoiceBound b;
    b.mayQualify = c.mayQualify;
    b.carriers = carriers;
    b.midCents = m_pc.costFloorsHold ? ceilHalf(c.costFloor + restFloor - m_lowSlack - kCostMargin) : -kInf;
    std::array<double, 6> ub{};
    ub[size_t(Dimension::Pricing)] =
        m_pricingBounded ? clamp100(100 - p.pricingSlope * (pricingRatio(b.midCents * 2, m_pc) - 1)) : 100;
    const double lowest = std::min({100.0, c.covMin, rest.covMin});
    ub[size_t(Dimension::Coverage)] = clamp100((c.covSum + rest.covSum + lowest) / (m_lines + 1));
    ub[size_t(Dimension::Financial)] = clamp100(std::min(c.finMin, rest.finMin));
    ub[size_t(Dimension::Appetite)] = clamp100(p.appetiteStart + c.appSum + rest.appSum);
    ub[size_t(Dimension::Placement)] = m_placement[size_t(carriers)];
    const double mean = serviceMean(c, rest);
    const double incumbents = std::max(0.0, p.serviceIncumbent) * (c.incumbents + rest.incumbentSlots);
    // Renewals: at least one per chosen offering outside an open group and one per open group; then the
    // slots not chosen: one more when one of them has no member of an open group (its offering is outside
    // every intact group, or in a group of unchosen slots only, a renewal of its own either way), unless
    // `moreRenewals` already counts it (an offering there may form such a group with it).
    int renewals = 0;
    for (int t = 0; t < m_lines; ++t) {
        if (!(c.chosen & (1u << t))) continue;
        const int g = c.openGroup[size_t(t)];
        bool counted = false;
        for (int u = 0; u < t && g >= 0; ++u)
            counted = counted || ((c.chosen & (1u << u)) && c.openGroup[size_t(u)] == g);
        renewals += counted ? 0 : 1;
    }
    renewals += std::max(moreRenewals, unjoinableSlot(c) ? 1 : 0);
    const double penalty = p.renewalPenalty >= 0 ? p.renewalPenalty * (m_lines - 1)
                                                 : p.renewalPenalty * std::max(0, renewals - 1);
    ub[size_t(Dimension::Service)] = clamp100(std::min(mean + incumbents, p.serviceCap) + penalty);
    // Each dimension rounds to at most the rounded bound (round2 is monotone; the margin covers the
    // floating difference between the bound and the package's own sum). The overall score sums the
    // same terms in the same order (overallScore), each at most the bound's term (a weight ≤ 0 adds at
    // most 0), so its floating sum is at most the bound's, and so is its rounding. Bounds on the grid
    // of hundredths let a subtree whose best package ties with the worst kept one be told from one that
    // could beat it.
    double overall = 0;
    for (Dimension d : kDimensions)
        overall +=
            m_weights[size_t(d)] > 0 ? m_weights[size_t(d)] * round2(ub[size_t(d)] + kScoreMargin) : 0.0;
    b.overall = round2(overall + kScoreMargin) + kScoreMargin;
    b.coverage = round2(ub[size_t(Dimension::Coverage)] + kScoreMargin) + kScoreMargin;
    return b;
}

} // namespace pw
