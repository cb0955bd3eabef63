// SPDX-License-Identifier: MIT
// The numbers of one package (engine.md §4 PRICE and §5 SCORE), kept cheap: ranking a large case calls
// this for every one of millions of packages.
#include "packages.h"

#include "util/numbers.h"

#include <algorithm>
#include <cmath>

namespace pw {

double round2Slow(double v) {
    return roundHalfAway(v, 2);
}

double dollarsToCents(double dollars) {
    const double cents = dollars * 100;
    return roundHalfAway(dollars, 2) == dollars ? std::round(cents) : cents;
}

long long roundCentsSlow(double cents) {
    return std::llround(roundHalfAway(cents, 0));
}

void setCosts(PackageNumbers &out, long long lowCents, long long upliftCents) {
    out.lowCents = lowCents;
    out.highCents = lowCents + upliftCents;
    out.low = double(out.lowCents) / 100;
    out.high = double(out.highCents) / 100;
    // The mid is a whole or half cent: unrounded for §5.1, rounded half away from zero for the rest.
    const long long halfCents = out.lowCents + out.highCents;
    out.mid = double(halfCents) / 200;
    out.midCents = halfCents >= 0 ? (halfCents + 1) / 2 : -((-halfCents + 1) / 2);
}

namespace {

inline double clamp100(double v) {
    return v < 0 ? 0 : (v > 100 ? 100 : v);
}

// One evaluation for both passes: `Full` adds the scores; the cost part alone serves the reference pass.
// The loops of ranking call this for every package, so it reads only the packed facts.
template <bool Full>
inline void evaluate(const PreparedCase &pc, const PackagePositions &pos, PackageNumbers &out) {
    const EngineProfile &p = *pc.profile;
    const int n = int(pc.lines.size());
    const PackedFact *f[kMaxLines];
    for (int s = 0; s < n; ++s)
        f[s] = &pc.packed[size_t(s)][size_t(pos[size_t(s)])];

    // Bundle state per slot: intact when every member of its group is in the package.
    bool intact[kMaxLines] = {false, false, false};
    bool firstOfGroup[kMaxLines] = {false, false, false};
    int groupLines[kMaxLines] = {0, 0, 0};
    for (int s = 0; s < n; ++s) {
        const int g = f[s]->group;
        if (g < 0) continue;
        int count = 0;
        bool first = true;
        for (int t = 0; t < n; ++t) {
            if (f[t]->group == g) {
                ++count;
                if (t < s) first = false;
            }
        }
        intact[s] = count == pc.groupMemberCount[size_t(g)];
        firstOfGroup[s] = first;
        groupLines[s] = count;
    }
    // Costs in cents (§4, §11.1): low rounded, each uplift amount rounded, high = low + the amounts.
    double low = 0;
    long long uplifts = 0;
    for (int s = 0; s < n; ++s) {
        if (intact[s]) {
            if (firstOfGroup[s]) low += pc.groupPrice[size_t(f[s]->group)];
        } else {
            low += f[s]->premiumCents;
            // One bundle_break amount per broken group, on the group's line premiums in the package.
            if (f[s]->group >= 0 && firstOfGroup[s]) {
                if (groupLines[s] == 1) {
                    uplifts += f[s]->breakAloneCents;
                } else {
                    double base = 0;
                    for (int t = s; t < n; ++t)
                        if (f[t]->group == f[s]->group) base += f[t]->premiumCents;
                    uplifts += roundCents(p.bundleBreakUplift * base);
                }
            }
        }
        uplifts += f[s]->indicativeCents;
    }
    setCosts(out, roundCents(low), uplifts);

    // Umbrella underlying: unmet blocks coverage; not stated costs the umbrella line points.
    const Outcome underlying = underlyingOutcome(pc, pos);
    unsigned flags = 0;
    for (int s = 0; s < n; ++s)
        flags |= f[s]->flags;
    const bool covBlocked = (flags & PackedFact::CoverageBlocks) || underlying == Outcome::Fire;
    const bool finBlocked = flags & PackedFact::FinancialBlocks;
    const bool appBlocked = flags & PackedFact::AppetiteBlocks;
    out.qualified = !covBlocked && !finBlocked && !appBlocked;
    if constexpr (!Full) return;

    const double r = pricingRatio(double(out.lowCents + out.highCents), pc);
    out.dims[size_t(Dimension::Pricing)] = round2(clamp100(100 - p.pricingSlope * (r - 1)));
    out.blocked[size_t(Dimension::Pricing)] = false;

    double sum = 0, lowest = 100, fin = 1e300, app = p.appetiteStart, ratingSum = 0;
    int ratingCount = 0, incumbents = 0, carriers = 0, renewals = 0;
    int seen[kMaxLines] = {-1, -1, -1};
    double placementBonus = 0;
    for (int s = 0; s < n; ++s) {
        const PackedFact &x = *f[s];
        const double line = (s == pc.umbrellaSlot && underlying == Outcome::NotStated)
                                ? x.coverageLineUnderlyingNS
                                : x.coverageLine;
        sum += line;
        lowest = line < lowest ? line : lowest;
        fin = x.financial < fin ? x.financial : fin;
        app += x.appetitePoints;
        if (x.flags & PackedFact::HasRating) {
            ratingSum += x.rating;
            ++ratingCount;
        }
        incumbents += (x.flags & PackedFact::Incumbent) ? 1 : 0;
        bool isNew = true;
        for (int t = 0; t < carriers; ++t)
            isNew = isNew && seen[t] != x.carrier;
        if (isNew) seen[carriers++] = x.carrier;
        if (intact[s]) {
            if (firstOfGroup[s]) {
                ++renewals;
                placementBonus += p.bundleLineBonus * (groupLines[s] - 1);
            }
        } else {
            ++renewals;
        }
    }
    double coverage = (sum + lowest) / (n + 1);
    if (covBlocked) coverage = std::min(coverage, p.blockedCap);
    out.dims[size_t(Dimension::Coverage)] = round2(clamp100(coverage));
    out.blocked[size_t(Dimension::Coverage)] = covBlocked;

    if (finBlocked) fin = std::min(fin, p.blockedCap);
    out.dims[size_t(Dimension::Financial)] = round2(clamp100(fin));
    out.blocked[size_t(Dimension::Financial)] = finBlocked;

    app = clamp100(app);
    if (appBlocked) app = std::min(app, p.blockedCap);
    out.dims[size_t(Dimension::Appetite)] = round2(app);
    out.blocked[size_t(Dimension::Appetite)] = appBlocked;

    out.carriers = carriers;
    const double placement =
        p.placementByCarriers[size_t(std::min<int>(carriers, int(p.placementByCarriers.size())) - 1)] +
        placementBonus;
    out.dims[size_t(Dimension::Placement)] = round2(clamp100(std::min(placement, p.placementCap)));
    out.blocked[size_t(Dimension::Placement)] = false;

    double service = ratingCount > 0 ? ratingSum / ratingCount : p.serviceBase;
    service += p.serviceIncumbent * incumbents;
    service = std::min(service, p.serviceCap);
    service += p.renewalPenalty * std::max(0, renewals - 1);
    out.dims[size_t(Dimension::Service)] = round2(clamp100(service));
    out.blocked[size_t(Dimension::Service)] = false;
}

} // namespace

void evaluateCost(const PreparedCase &pc, const PackagePositions &pos, PackageNumbers &out) {
    evaluate<false>(pc, pos, out);
}

void evaluatePackage(const PreparedCase &pc, const PackagePositions &pos, PackageNumbers &out) {
    evaluate<true>(pc, pos, out);
}

double overallScore(const PackageNumbers &n, const Weights &w) {
    double s = 0;
    for (Dimension d : kDimensions)
        s += w[size_t(d)] * n.dims[size_t(d)];
    return round2(s);
}

QByteArray packageKey(const PreparedCase &pc, const PackagePositions &pos) {
    QByteArray key;
    for (int s = 0; s < int(pc.lines.size()); ++s) {
        if (s) key.append(',');
        key.append(pc.cs.offerings[size_t(factAt(pc, pos, s).offering)].id.toUtf8());
    }
    return key;
}

} // namespace pw
