// SPDX-License-Identifier: MIT
// A ranked package as the run object's solution (engine.md §7), with every reason behind its numbers.
#include "explain.h"

#include "util/numbers.h"

#include <cmath>

namespace pw {

namespace {

JsonValue money(double v) {
    return JsonValue(round2(v));
}

JsonValue cents(long long c) {
    return JsonValue(double(c) / 100);
}

JsonValue reasonJson(const Reason &r) {
    JsonValue o = JsonValue::object();
    o.appendMember(QStringLiteral("code"), r.code);
    o.appendMember(QStringLiteral("text"), r.text);
    o.appendMember(QStringLiteral("points"), JsonValue(round2(r.points)));
    if (r.blocker) o.appendMember(QStringLiteral("blocker"), true);
    return o;
}

struct Explainer {
    const PreparedCase &pc;
    const RankedPackage &pkg;
    const Weights &weights;
    int n = 0;
    std::vector<const OfferingFacts *> f;
    std::vector<bool> intact;
    std::vector<int> intactGroups, brokenGroups; // group indices in first-slot order

    Explainer(const PreparedCase &c, const RankedPackage &p, const Weights &w)
        : pc(c)
        , pkg(p)
        , weights(w) {
        n = int(pc.lines.size());
        for (int s = 0; s < n; ++s)
            f.push_back(&factAt(pc, pkg.pos, s));
        for (int s = 0; s < n; ++s) {
            const int g = f[size_t(s)]->group;
            bool in = false;
            if (g >= 0) {
                int count = 0;
                for (int t = 0; t < n; ++t)
                    count += f[size_t(t)]->group == g ? 1 : 0;
                in = count == pc.groups[size_t(g)].memberCount;
                auto &list = in ? intactGroups : brokenGroups;
                if (std::find(list.begin(), list.end(), g) == list.end()) list.push_back(g);
            }
            intact.push_back(in);
        }
    }

    const Offering &off(int s) const { return pc.cs.offerings[size_t(f[size_t(s)]->offering)]; }

    JsonValue idsOfGroup(int g) const {
        JsonValue ids = JsonValue::array();
        for (int s = 0; s < n; ++s)
            if (f[size_t(s)]->group == g) ids.append(off(s).id);
        return ids;
    }

    // The line premiums of a group's offerings in the package, in cents, summed as evaluatePackage does.
    double groupCents(int g) const {
        double sum = 0;
        for (int s = 0; s < n; ++s)
            if (f[size_t(s)]->group == g) sum += f[size_t(s)]->premiumCents;
        return sum;
    }
    double groupLinePremiums(int g) const { return groupCents(g) / 100; }

    // The uplift amounts, rounded to cents as written (§4): the same figures evaluatePackage adds.
    long long breakCents(int g) const { return roundCents(pc.profile->bundleBreakUplift * groupCents(g)); }
    long long indicativeCents(int s) const {
        return roundCents(pc.profile->indicativeUplift * f[size_t(s)]->premiumCents);
    }

    JsonValue breakdown() const {
        JsonValue lines = JsonValue::array();
        for (int s = 0; s < n; ++s) {
            JsonValue l = JsonValue::object();
            l.appendMember(QStringLiteral("id"), off(s).id);
            l.appendMember(QStringLiteral("line_premium_annual"), money(f[size_t(s)]->linePremium));
            lines.append(l);
        }
        JsonValue bundles = JsonValue::array();
        for (int g : intactGroups) {
            const BundleGroup &bg = pc.groups[size_t(g)];
            JsonValue b = JsonValue::object();
            // The carrier key: provider_id, else provider_name (§4).
            b.appendMember(QStringLiteral("provider_id"),
                           bg.providerId.isEmpty() ? JsonValue(bg.providerName) : JsonValue(bg.providerId));
            b.appendMember(QStringLiteral("package_id"),
                           bg.packageId.isEmpty() ? JsonValue() : JsonValue(bg.packageId));
            b.appendMember(QStringLiteral("package_premium_annual"), money(bg.price));
            b.appendMember(QStringLiteral("ids"), idsOfGroup(g));
            bundles.append(b);
        }
        JsonValue uplifts = JsonValue::array();
        for (int g : brokenGroups) {
            const double base = groupLinePremiums(g);
            JsonValue u = JsonValue::object();
            u.appendMember(QStringLiteral("kind"), QStringLiteral("bundle_break"));
            u.appendMember(QStringLiteral("ids"), idsOfGroup(g));
            u.appendMember(QStringLiteral("base"), money(base));
            u.appendMember(QStringLiteral("amount"), cents(breakCents(g)));
            uplifts.append(u);
        }
        for (int s = 0; s < n; ++s) {
            if (!f[size_t(s)]->indicative) continue;
            JsonValue u = JsonValue::object();
            u.appendMember(QStringLiteral("kind"), QStringLiteral("indicative"));
            JsonValue ids = JsonValue::array();
            ids.append(off(s).id);
            u.appendMember(QStringLiteral("ids"), ids);
            u.appendMember(QStringLiteral("base"), money(f[size_t(s)]->linePremium));
            u.appendMember(QStringLiteral("amount"), cents(indicativeCents(s)));
            uplifts.append(u);
        }
        JsonValue out = JsonValue::object();
        out.appendMember(QStringLiteral("lines"), lines);
        out.appendMember(QStringLiteral("bundles"), bundles);
        out.appendMember(QStringLiteral("uplifts"), uplifts);
        return out;
    }

    double commissionAnnual() const {
        double total = 0;
        for (int s = 0; s < n; ++s) {
            const OfferingFacts &x = *f[size_t(s)];
            double share = x.linePremium;
            if (x.group >= 0 && intact[size_t(s)])
                share = pc.groups[size_t(x.group)].price * x.linePremium / groupLinePremiums(x.group);
            total += x.commission * share;
        }
        return total;
    }

    std::vector<Reason> pricingReasons() const {
        const EngineProfile &p = *pc.profile;
        std::vector<Reason> rs;
        const auto &nm = pkg.nums;
        rs.push_back({QStringLiteral("cost"),
                      QStringLiteral("Annual cost %1 to %2, mid %3.")
                          .arg(formatMoney(nm.low), formatMoney(nm.high), formatMoney(nm.mid)),
                      0, false});
        rs.push_back({QStringLiteral("reference"),
                      QStringLiteral("Reference: the lowest mid cost among %1 packages, %2.")
                          .arg(pc.qualifiedCount > 0 ? QStringLiteral("qualified") : QStringLiteral("all"),
                               formatMoney(pc.referenceMid)),
                      0, false});
        const double r = pricingRatio(double(nm.lowCents + nm.highCents), pc);
        rs.push_back({QStringLiteral("gap"),
                      QStringLiteral("%1% above the reference (%2 points per 1%).")
                          .arg(formatNumber(roundHalfAway((r - 1) * 100, 2), 2),
                               formatNumber(p.pricingSlope / 100, 0)),
                      -p.pricingSlope * (r - 1), false});
        if (pc.currentPremium) {
            const double change = nm.low - *pc.currentPremium;
            rs.push_back({QStringLiteral("change_vs_current"),
                          QStringLiteral("%1 against the current premium of %2.")
                              .arg(formatSignedMoney(change), formatMoney(*pc.currentPremium)),
                          0, false});
        }
        for (int g : intactGroups) {
            const BundleGroup &bg = pc.groups[size_t(g)];
            rs.push_back({QStringLiteral("bundle"),
                          QStringLiteral("%1 bundle %2 at %3 instead of %4 line by line.")
                              .arg(bg.providerName,
                                   bg.packageId.isEmpty() ? QStringLiteral("(by price)") : bg.packageId,
                                   formatMoney(bg.price), formatMoney(groupLinePremiums(g))),
                          0, false});
        }
        for (int g : brokenGroups) {
            const BundleGroup &bg = pc.groups[size_t(g)];
            const double base = groupLinePremiums(g);
            rs.push_back({QStringLiteral("uplift"),
                          QStringLiteral("%1 bundle broken: up to %2 (%3% of %4) more.")
                              .arg(bg.providerName, formatMoney(double(breakCents(g)) / 100),
                                   formatNumber(p.bundleBreakUplift * 100), formatMoney(base)),
                          0, false});
        }
        for (int s = 0; s < n; ++s) {
            if (!f[size_t(s)]->indicative) continue;
            rs.push_back(
                {QStringLiteral("uplift"),
                 QStringLiteral("%1 %2 rate is indicative: up to %3 (%4%) more.")
                     .arg(off(s).providerName, off(s).category, formatMoney(double(indicativeCents(s)) / 100),
                          formatNumber(p.indicativeUplift * 100)),
                 0, false});
        }
        return rs;
    }

    std::vector<Reason> coverageReasons() const {
        std::vector<Reason> rs;
        for (int s = 0; s < n; ++s) {
            // The prepared case keeps a line's points only; its reasons are assessed again here, with
            // the same offering, case, time and profile, so they add up to the points ranked on.
            const OfferingFacts &x = *f[size_t(s)];
            for (auto &r : assessLine(x.line, off(s), pc.cs.input, pc.now, *pc.profile).reasons)
                rs.push_back(std::move(r));
            if (s == pc.umbrellaSlot) {
                const CoverageDetail *a = pc.autoSlot >= 0 ? &off(pc.autoSlot).coverage : nullptr;
                const CoverageDetail *h = pc.homeSlot >= 0 ? &off(pc.homeSlot).coverage : nullptr;
                rs.push_back(judgeUnderlying(off(s).coverage, a, h, *pc.profile).reason);
            }
        }
        return rs;
    }

    std::vector<Reason> financialReasons() const {
        std::vector<Reason> rs;
        double lowest = 1e300;
        QString lowestName;
        for (int s = 0; s < n; ++s) {
            const OfferingFacts &x = *f[size_t(s)];
            rs.push_back(
                {QStringLiteral("grade"),
                 QStringLiteral("%1 (%2): %3 %4 scores %5%6.")
                     .arg(off(s).providerName, off(s).category,
                          off(s).qualityRatingAgency.trimmed().compare(u"demotech", Qt::CaseInsensitive) == 0
                              ? QStringLiteral("Demotech")
                              : QStringLiteral("AM Best"),
                          x.grade == u"NR" ? QStringLiteral("not rated") : x.grade,
                          formatNumber(x.financialScore),
                          x.financialBlocks ? QStringLiteral(" (vulnerable)") : QString()),
                 0, x.financialBlocks});
            if (x.financialScore < lowest) {
                lowest = x.financialScore;
                lowestName = off(s).providerName;
            }
        }
        rs.push_back({QStringLiteral("lowest_grade"),
                      QStringLiteral("The lowest grade in the package (%1) sets the score.").arg(lowestName),
                      lowest, false});
        return rs;
    }

    std::vector<Reason> appetiteReasons() const {
        std::vector<Reason> rs;
        for (int s = 0; s < n; ++s)
            for (const auto &r : f[size_t(s)]->appetiteReasons)
                rs.push_back(r);
        return rs;
    }

    std::vector<Reason> placementReasons() const {
        const EngineProfile &p = *pc.profile;
        std::vector<Reason> rs;
        const int carriers = pkg.nums.carriers;
        const double base =
            p.placementByCarriers[size_t(std::min<int>(carriers, int(p.placementByCarriers.size())) - 1)];
        rs.push_back({QStringLiteral("carriers"),
                      QStringLiteral("%1 carrier%2.").arg(carriers).arg(carriers == 1 ? "" : "s"), base,
                      false});
        double total = base;
        for (int g : intactGroups) {
            int lines = 0;
            for (int s = 0; s < n; ++s)
                lines += f[size_t(s)]->group == g ? 1 : 0;
            const double bonus = p.bundleLineBonus * (lines - 1);
            total += bonus;
            rs.push_back({QStringLiteral("bundle"),
                          QStringLiteral("%1 bundle covers %2 lines.")
                              .arg(pc.groups[size_t(g)].providerName)
                              .arg(lines),
                          bonus, false});
        }
        if (total > p.placementCap)
            rs.push_back({QStringLiteral("cap"),
                          QStringLiteral("Capped at %1.").arg(formatNumber(p.placementCap)),
                          p.placementCap - total, false});
        return rs;
    }

    std::vector<Reason> serviceReasons() const {
        const EngineProfile &p = *pc.profile;
        std::vector<Reason> rs;
        double sum = 0;
        int count = 0;
        QStringList rated;
        for (int s = 0; s < n; ++s) {
            if (f[size_t(s)]->hasServiceRating) {
                sum += p.serviceRatingFactor * f[size_t(s)]->serviceRating;
                ++count;
                rated << QStringLiteral("%1 %2").arg(off(s).providerName,
                                                     formatNumber(f[size_t(s)]->serviceRating, 1));
            }
        }
        double total = 0;
        if (count > 0) {
            total = sum / count;
            rs.push_back({QStringLiteral("service_rating"),
                          QStringLiteral("Mean service rating × %1: %2.")
                              .arg(formatNumber(p.serviceRatingFactor), rated.join(QStringLiteral(", "))),
                          total, false});
        } else {
            total = p.serviceBase;
            rs.push_back(
                {QStringLiteral("base"),
                 QStringLiteral("No service ratings stated: base %1.").arg(formatNumber(p.serviceBase)),
                 total, false});
        }
        for (int s = 0; s < n; ++s) {
            if (!f[size_t(s)]->incumbent) continue;
            total += p.serviceIncumbent;
            rs.push_back(
                {QStringLiteral("incumbent"),
                 QStringLiteral("%1 already writes the %2 line.").arg(off(s).providerName, off(s).category),
                 p.serviceIncumbent, false});
        }
        if (total > p.serviceCap) {
            rs.push_back({QStringLiteral("cap"),
                          QStringLiteral("Capped at %1.").arg(formatNumber(p.serviceCap)),
                          p.serviceCap - total, false});
            total = p.serviceCap;
        }
        const int renewals = int(intactGroups.size()) + [&] {
            int k = 0;
            for (int s = 0; s < n; ++s)
                k += intact[size_t(s)] ? 0 : 1;
            return k;
        }();
        if (renewals > 1)
            rs.push_back({QStringLiteral("renewals"),
                          QStringLiteral("%1 separate renewals to manage.").arg(renewals),
                          p.renewalPenalty * (renewals - 1), false});
        return rs;
    }

    JsonValue dimension(Dimension d, const std::vector<Reason> &reasons) const {
        const double score = pkg.nums.dims[size_t(d)];
        JsonValue o = JsonValue::object();
        o.appendMember(QStringLiteral("score"), JsonValue(score));
        o.appendMember(QStringLiteral("level"), pc.profile->levelFor(score));
        o.appendMember(QStringLiteral("weight"), JsonValue(weights[size_t(d)]));
        o.appendMember(QStringLiteral("blocked"), pkg.nums.blocked[size_t(d)]);
        JsonValue arr = JsonValue::array();
        // Blockers first, so the reason that disqualifies is read first.
        for (const auto &r : reasons)
            if (r.blocker) arr.append(reasonJson(r));
        for (const auto &r : reasons)
            if (!r.blocker) arr.append(reasonJson(r));
        o.appendMember(QStringLiteral("reasons"), arr);
        return o;
    }
};

} // namespace

JsonValue solutionJson(const PreparedCase &pc, const RankedPackage &pkg, const Weights &weights, int rank,
                       const QString &label, bool winner, const GapLists &gaps) {
    Explainer e(pc, pkg, weights);
    JsonValue s = JsonValue::object();
    s.appendMember(QStringLiteral("rank"), rank);
    s.appendMember(QStringLiteral("cluster_label"), label);
    s.appendMember(QStringLiteral("label_winner"), winner);
    s.appendMember(QStringLiteral("provider_count"), pkg.nums.carriers);
    JsonValue providers = JsonValue::array();
    QStringList seen;
    JsonValue offerings = JsonValue::array();
    for (int i = 0; i < e.n; ++i) {
        const Offering &o = e.off(i);
        offerings.append(o.raw);
        if (seen.contains(o.carrierKey())) continue;
        seen << o.carrierKey();
        JsonValue p = JsonValue::object();
        p.appendMember(QStringLiteral("provider_id"), o.statedText(u"provider_id"));
        p.appendMember(QStringLiteral("provider_name"), o.statedText(u"provider_name"));
        providers.append(p);
    }
    s.appendMember(QStringLiteral("providers"), providers);
    s.appendMember(QStringLiteral("offerings"), offerings);
    s.appendMember(QStringLiteral("est_cost_low"), cents(pkg.nums.lowCents));
    s.appendMember(QStringLiteral("est_cost_high"), cents(pkg.nums.highCents));
    s.appendMember(QStringLiteral("cost_mid"), cents(pkg.nums.midCents));
    s.appendMember(QStringLiteral("cost_breakdown"), e.breakdown());
    if (pc.currentPremium) {
        const double change = pkg.nums.low - *pc.currentPremium;
        s.appendMember(QStringLiteral("change_vs_current"), money(change));
        s.appendMember(QStringLiteral("change_vs_current_pct"),
                       *pc.currentPremium != 0 ? JsonValue(round2(100 * change / *pc.currentPremium))
                                               : JsonValue());
    } else {
        s.appendMember(QStringLiteral("change_vs_current"), JsonValue());
        s.appendMember(QStringLiteral("change_vs_current_pct"), JsonValue());
    }
    const double commission = e.commissionAnnual();
    s.appendMember(QStringLiteral("commission_annual"), money(commission));
    s.appendMember(QStringLiteral("commission_pct"),
                   pkg.nums.low > 0 ? JsonValue(round2(100 * commission / pkg.nums.low)) : JsonValue());
    JsonValue dims = JsonValue::object();
    dims.appendMember(QStringLiteral("pricing"), e.dimension(Dimension::Pricing, e.pricingReasons()));
    dims.appendMember(QStringLiteral("coverage"), e.dimension(Dimension::Coverage, e.coverageReasons()));
    dims.appendMember(QStringLiteral("financial"), e.dimension(Dimension::Financial, e.financialReasons()));
    dims.appendMember(QStringLiteral("appetite"), e.dimension(Dimension::Appetite, e.appetiteReasons()));
    dims.appendMember(QStringLiteral("placement"), e.dimension(Dimension::Placement, e.placementReasons()));
    dims.appendMember(QStringLiteral("service"), e.dimension(Dimension::Service, e.serviceReasons()));
    JsonValue card = JsonValue::object();
    card.appendMember(QStringLiteral("overall_score"), JsonValue(pkg.overall));
    card.appendMember(QStringLiteral("overall_level"),
                      pkg.nums.qualified ? pc.profile->levelFor(pkg.overall) : QStringLiteral("L4"));
    card.appendMember(QStringLiteral("qualified"), pkg.nums.qualified);
    card.appendMember(QStringLiteral("dimensions"), dims);
    s.appendMember(QStringLiteral("scorecard"), card);
    auto list = [](const QStringList &l) {
        JsonValue a = JsonValue::array();
        for (const auto &x : l)
            a.append(x);
        return a;
    };
    s.appendMember(QStringLiteral("gaps_closed"), list(gaps.closed));
    s.appendMember(QStringLiteral("gaps_open"), list(gaps.open));
    s.appendMember(QStringLiteral("gaps_new"), list(gaps.added));
    return s;
}

} // namespace pw
