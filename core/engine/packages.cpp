// SPDX-License-Identifier: MIT
// The numbers of one package (engine.md §4 PRICE and §5 SCORE), kept cheap: ranking a large case calls
// this for every one of millions of packages.
#include "packages.h"

#include "util/numbers.h"

#include <algorithm>
#include <cmath>

namespace pw {

double round2(double v)
{
    const double y = std::fabs(v) * 100.0;
    const double fl = std::floor(y);
    const double frac = y - fl;
    if (std::fabs(frac - 0.5) < 1e-6 || y > 1e13)
        return roundHalfAway(v, 2);
    const double r = frac > 0.5 ? fl + 1 : fl;
    return std::copysign(r / 100.0, v);
}

namespace {

double clamp100(double v)
{
    return std::clamp(v, 0.0, 100.0);
}

struct GroupState
{
    int count = 0;   // slots of the package in the group
    bool intact = false;
};

// Per slot: the group's state within this package (intact when all its members are in the package).
void groupStates(const PreparedCase &pc, const PackagePositions &pos, int n, std::array<GroupState, kMaxLines> &st)
{
    for (int s = 0; s < n; ++s) {
        const int g = factAt(pc, pos, s).group;
        st[size_t(s)] = {};
        if (g < 0)
            continue;
        int count = 0;
        for (int t = 0; t < n; ++t)
            if (factAt(pc, pos, t).group == g)
                ++count;
        st[size_t(s)].count = count;
        st[size_t(s)].intact = count == pc.groups[size_t(g)].memberCount;
    }
}

void costs(const PreparedCase &pc, const PackagePositions &pos, int n, const std::array<GroupState, kMaxLines> &st,
           PackageNumbers &out)
{
    const EngineProfile &p = *pc.profile;
    double low = 0, broken = 0, indicative = 0;
    for (int s = 0; s < n; ++s) {
        const OfferingFacts &f = factAt(pc, pos, s);
        if (f.group >= 0 && st[size_t(s)].intact) {
            // The bundle price counts once, at the group's first slot.
            bool first = true;
            for (int t = 0; t < s; ++t)
                first = first && factAt(pc, pos, t).group != f.group;
            if (first)
                low += pc.groups[size_t(f.group)].price;
        } else {
            low += f.linePremium;
            if (f.group >= 0)
                broken += f.linePremium;
        }
        if (f.indicative)
            indicative += f.linePremium;
    }
    out.low = low;
    out.high = low + p.bundleBreakUplift * broken + p.indicativeUplift * indicative;
    out.mid = (out.low + out.high) / 2;
    out.midCents = std::llround(round2(out.mid) * 100);
}

bool coverageBlocked(const PreparedCase &pc, const PackagePositions &pos, int n, Outcome *underlying)
{
    bool blocked = false;
    *underlying = Outcome::Pass;
    for (int s = 0; s < n; ++s)
        blocked = blocked || factAt(pc, pos, s).coverage.blocked;
    if (pc.umbrellaSlot >= 0) {
        const int u = pos[size_t(pc.umbrellaSlot)];
        Outcome a = Outcome::Pass, h = Outcome::Pass;
        if (pc.autoSlot >= 0)
            a = pc.umbrellaVsAuto[size_t(u)][size_t(pos[size_t(pc.autoSlot)])];
        if (pc.homeSlot >= 0)
            h = pc.umbrellaVsHome[size_t(u)][size_t(pos[size_t(pc.homeSlot)])];
        if (a == Outcome::Fire || h == Outcome::Fire)
            *underlying = Outcome::Fire;
        else if (a == Outcome::NotStated || h == Outcome::NotStated)
            *underlying = Outcome::NotStated;
        blocked = blocked || *underlying == Outcome::Fire;
    }
    return blocked;
}

} // namespace

void evaluateCost(const PreparedCase &pc, const PackagePositions &pos, PackageNumbers &out)
{
    const int n = int(pc.lines.size());
    std::array<GroupState, kMaxLines> st;
    groupStates(pc, pos, n, st);
    costs(pc, pos, n, st, out);
    Outcome underlying;
    bool q = !coverageBlocked(pc, pos, n, &underlying);
    for (int s = 0; s < n && q; ++s) {
        const OfferingFacts &f = factAt(pc, pos, s);
        q = !f.financialBlocks && !f.appetiteBlocks;
    }
    out.qualified = q;
}

void evaluatePackage(const PreparedCase &pc, const PackagePositions &pos, PackageNumbers &out)
{
    const EngineProfile &p = *pc.profile;
    const int n = int(pc.lines.size());
    std::array<GroupState, kMaxLines> st;
    groupStates(pc, pos, n, st);
    costs(pc, pos, n, st, out);

    // pricing
    const double r = out.mid / pc.referenceMid;
    out.dims[size_t(Dimension::Pricing)] = round2(clamp100(100 - p.pricingSlope * (r - 1)));
    out.blocked[size_t(Dimension::Pricing)] = false;

    // coverage
    Outcome underlying;
    const bool covBlocked = coverageBlocked(pc, pos, n, &underlying);
    double sum = 0, lowest = 100;
    for (int s = 0; s < n; ++s) {
        const OfferingFacts &f = factAt(pc, pos, s);
        double pts = f.coverage.points;
        if (s == pc.umbrellaSlot && underlying == Outcome::NotStated)
            pts += p.underlyingNotStated;
        const double line = clamp100(p.lineStart + pts);
        sum += line;
        lowest = std::min(lowest, line);
    }
    double coverage = (sum + lowest) / (n + 1);
    if (covBlocked)
        coverage = std::min(coverage, p.blockedCap);
    out.dims[size_t(Dimension::Coverage)] = round2(clamp100(coverage));
    out.blocked[size_t(Dimension::Coverage)] = covBlocked;

    // financial: the lowest grade
    double fin = 1e300;
    bool finBlocked = false, appBlocked = false;
    double app = p.appetiteStart;
    double ratingSum = 0;
    int ratingCount = 0, incumbents = 0;
    unsigned carrierMask = 0;
    int carriers = 0;
    std::array<int, kMaxLines> seen{-1, -1, -1};
    for (int s = 0; s < n; ++s) {
        const OfferingFacts &f = factAt(pc, pos, s);
        fin = std::min(fin, f.financialScore);
        finBlocked = finBlocked || f.financialBlocks;
        app += f.appetitePoints;
        appBlocked = appBlocked || f.appetiteBlocks;
        if (f.hasServiceRating) {
            ratingSum += p.serviceRatingFactor * f.serviceRating;
            ++ratingCount;
        }
        incumbents += f.incumbent ? 1 : 0;
        bool isNew = true;
        for (int t = 0; t < carriers; ++t)
            isNew = isNew && seen[size_t(t)] != f.carrier;
        if (isNew)
            seen[size_t(carriers++)] = f.carrier;
    }
    (void)carrierMask;
    if (finBlocked)
        fin = std::min(fin, p.blockedCap);
    out.dims[size_t(Dimension::Financial)] = round2(clamp100(fin));
    out.blocked[size_t(Dimension::Financial)] = finBlocked;
    app = clamp100(app);
    if (appBlocked)
        app = std::min(app, p.blockedCap);
    out.dims[size_t(Dimension::Appetite)] = round2(app);
    out.blocked[size_t(Dimension::Appetite)] = appBlocked;

    // placement and renewals
    out.carriers = carriers;
    double placement = p.placementByCarriers[size_t(std::min<int>(carriers, int(p.placementByCarriers.size())) - 1)];
    int renewals = 0;
    for (int s = 0; s < n; ++s) {
        const OfferingFacts &f = factAt(pc, pos, s);
        if (f.group >= 0 && st[size_t(s)].intact) {
            bool first = true;
            for (int t = 0; t < s; ++t)
                first = first && factAt(pc, pos, t).group != f.group;
            if (first) {
                ++renewals;
                placement += p.bundleLineBonus * (st[size_t(s)].count - 1);
            }
        } else {
            ++renewals;
        }
    }
    out.dims[size_t(Dimension::Placement)] = round2(clamp100(std::min(placement, p.placementCap)));
    out.blocked[size_t(Dimension::Placement)] = false;

    // service
    double service = ratingCount > 0 ? ratingSum / ratingCount : p.serviceBase;
    service += p.serviceIncumbent * incumbents;
    service = std::min(service, p.serviceCap);
    service += p.renewalPenalty * std::max(0, renewals - 1);
    out.dims[size_t(Dimension::Service)] = round2(clamp100(service));
    out.blocked[size_t(Dimension::Service)] = false;

    out.qualified = !covBlocked && !finBlocked && !appBlocked;
}

double overallScore(const PackageNumbers &n, const Weights &w)
{
    double s = 0;
    for (Dimension d : kDimensions)
        s += w[size_t(d)] * n.dims[size_t(d)];
    return round2(s);
}

QByteArray packageKey(const PreparedCase &pc, const PackagePositions &pos)
{
    QByteArray key;
    for (int s = 0; s < int(pc.lines.size()); ++s) {
        if (s)
            key.append(',');
        key.append(pc.cs.offerings[size_t(factAt(pc, pos, s).offering)].id.toUtf8());
    }
    return key;
}

void computeReference(PreparedCase &pc)
{
    double bestQualified = 0, bestAny = 0;
    bool anyQualified = false, any = false;
    long long count = 0, qualified = 0;
    PackageNumbers n;
    forEachPackage(pc, [&](const PackagePositions &pos) {
        evaluateCost(pc, pos, n);
        ++count;
        if (!any || n.mid < bestAny)
            bestAny = n.mid;
        any = true;
        if (n.qualified) {
            ++qualified;
            if (!anyQualified || n.mid < bestQualified)
                bestQualified = n.mid;
            anyQualified = true;
        }
    });
    pc.packageCount = count;
    pc.qualifiedCount = qualified;
    pc.referenceMid = anyQualified ? bestQualified : bestAny;
}

} // namespace pw
