// SPDX-License-Identifier: MIT
#include "profile.h"

#include "io/casefile.h"

#include <QFile>

#include <cmath>

namespace pw {

QString dimensionName(Dimension d) {
    switch (d) {
    case Dimension::Pricing:
        return QStringLiteral("pricing");
    case Dimension::Coverage:
        return QStringLiteral("coverage");
    case Dimension::Financial:
        return QStringLiteral("financial");
    case Dimension::Appetite:
        return QStringLiteral("appetite");
    case Dimension::Placement:
        return QStringLiteral("placement");
    case Dimension::Service:
        return QStringLiteral("service");
    }
    return {};
}

QString EngineProfile::levelFor(double score) const {
    if (score >= levelL1) return QStringLiteral("L1");
    if (score >= levelL2) return QStringLiteral("L2");
    if (score >= levelL3) return QStringLiteral("L3");
    return QStringLiteral("L4");
}

JsonValue deepMerge(const JsonValue &base, const JsonValue &over) {
    if (!base.isObject() || !over.isObject()) return over;
    JsonValue out = base;
    for (const auto &[k, v] : over.objectMembers()) {
        const JsonValue *b = base.find(k);
        out.insert(k, b ? deepMerge(*b, v) : v);
    }
    return out;
}

namespace {

void checkKnownKeys(const JsonValue &base, const JsonValue &over, const QString &path, QStringList &errors) {
    if (!over.isObject()) return;
    for (const auto &[k, v] : over.objectMembers()) {
        const QString p = path.isEmpty() ? k : path + u'.' + k;
        const JsonValue *b = base.find(k);
        if (!b) {
            errors << QStringLiteral("%1: unknown key").arg(p);
            continue;
        }
        if (b->type() != v.type())
            errors << QStringLiteral("%1: must be %2, not %3").arg(p, b->typeName(), v.typeName());
        else if (b->isObject())
            checkKnownKeys(*b, v, p, errors);
    }
}

class ProfileReader {
public:
    ProfileReader(const JsonValue &root, QStringList &errors)
        : m_root(root)
        , m_errors(errors) {}

    const JsonValue &node(const QString &dotted) const {
        static const JsonValue none;
        const JsonValue *v = &m_root;
        for (const auto &part : dotted.split(u'.')) {
            v = v->find(part);
            if (!v) return none;
        }
        return *v;
    }

    double num(const QString &dotted) {
        const JsonValue &v = node(dotted);
        if (!v.isNumber() || !std::isfinite(v.toDouble())) {
            m_errors << QStringLiteral("%1: must be a number").arg(dotted);
            return 0;
        }
        return v.toDouble();
    }

    std::map<QString, GradeEntry> grades(const QString &dotted) {
        std::map<QString, GradeEntry> out;
        for (const auto &[k, v] : node(dotted).objectMembers()) {
            GradeEntry e;
            e.score = num(dotted + u'.' + k + QStringLiteral(".score"));
            e.blocks = v[u"blocks"].toBool(false);
            out[k] = e;
        }
        return out;
    }

private:
    const JsonValue &m_root;
    QStringList &m_errors;
};

std::optional<EngineProfile> buildProfile(const JsonValue &root, QStringList &errors) {
    ProfileReader r(root, errors);
    EngineProfile p;
    p.source = root;
    p.defaultBucket = r.node(QStringLiteral("default_bucket")).toString();
    p.levelL1 = r.num(QStringLiteral("levels.L1"));
    p.levelL2 = r.num(QStringLiteral("levels.L2"));
    p.levelL3 = r.num(QStringLiteral("levels.L3"));
    p.blockedCap = r.num(QStringLiteral("blocked_cap"));
    for (const auto &[bucket, w] : r.node(QStringLiteral("weights")).objectMembers()) {
        Weights ws{};
        double sum = 0;
        for (Dimension d : kDimensions) {
            const QString key = QStringLiteral("weights.") + bucket + u'.' + dimensionName(d);
            ws[size_t(d)] = r.num(key);
            sum += ws[size_t(d)];
        }
        if (w.size() != 6)
            errors << QStringLiteral("weights.%1: must name exactly the six dimensions").arg(bucket);
        if (std::fabs(sum - 1.0) > 0.001)
            errors << QStringLiteral("weights.%1: weights sum to %2, not 1").arg(bucket).arg(sum);
        p.weights[bucket] = ws;
        p.bucketOrder << bucket;
    }
    if (!p.hasBucket(p.defaultBucket))
        errors
            << QStringLiteral("default_bucket: \"%1\" is not one of the weight buckets").arg(p.defaultBucket);

    p.defaultTermMonths = r.num(QStringLiteral("filter.default_term_months"));
    p.bundleBreakUplift = r.num(QStringLiteral("pricing.bundle_break_uplift"));
    p.indicativeUplift = r.num(QStringLiteral("pricing.indicative_uplift"));
    p.pricingSlope = r.num(QStringLiteral("pricing.score_slope"));

    p.lineStart = r.num(QStringLiteral("coverage.line_start"));
    for (const auto &[k, v] : r.node(QStringLiteral("coverage.tier_fallback")).objectMembers())
        p.tierFallback[k] = r.num(QStringLiteral("coverage.tier_fallback.") + k);
    if (!p.tierFallback.count(QStringLiteral("other")))
        errors << QStringLiteral("coverage.tier_fallback.other: is required");
    const JsonValue &tiers = r.node(QStringLiteral("coverage.dwelling_ratio.tiers"));
    for (int i = 0; i < tiers.size(); ++i) {
        const JsonValue &t = tiers.at(i);
        if (!t[u"min_ratio"].isNumber() || !t[u"points"].isNumber()) {
            errors << QStringLiteral("coverage.dwelling_ratio.tiers[%1]: needs min_ratio and points").arg(i);
            continue;
        }
        p.dwellingTiers.emplace_back(t[u"min_ratio"].toDouble(), t[u"points"].toDouble());
    }
    p.dwellingBelowPoints = r.num(QStringLiteral("coverage.dwelling_ratio.below_points"));
    p.dwellingNotStated = r.num(QStringLiteral("coverage.dwelling_ratio.not_stated"));
    p.settlementAcvPoints = r.num(QStringLiteral("coverage.settlement.acv_points"));
    p.settlementNotStated = r.num(QStringLiteral("coverage.settlement.not_stated"));
    p.homeLiabilityMinimum = r.num(QStringLiteral("coverage.home_liability.minimum"));
    p.homeLiabilityPoints = r.num(QStringLiteral("coverage.home_liability.points"));
    p.homeLiabilityNotStated = r.num(QStringLiteral("coverage.home_liability.not_stated"));
    p.waterBackupPoints = r.num(QStringLiteral("coverage.water_backup.points"));
    p.deductibleMaxPct = r.num(QStringLiteral("coverage.deductible.max_pct_of_dwelling"));
    p.deductiblePoints = r.num(QStringLiteral("coverage.deductible.points"));
    p.deductibleNotStated = r.num(QStringLiteral("coverage.deductible.not_stated"));
    p.biFullPerPerson = r.num(QStringLiteral("coverage.bodily_injury.full.per_person"));
    p.biFullPerAccident = r.num(QStringLiteral("coverage.bodily_injury.full.per_accident"));
    p.biFullCsl = r.num(QStringLiteral("coverage.bodily_injury.full.csl"));
    p.biMidPerPerson = r.num(QStringLiteral("coverage.bodily_injury.mid.per_person"));
    p.biMidPerAccident = r.num(QStringLiteral("coverage.bodily_injury.mid.per_accident"));
    p.biMidCsl = r.num(QStringLiteral("coverage.bodily_injury.mid.csl"));
    p.biMidPoints = r.num(QStringLiteral("coverage.bodily_injury.mid_points"));
    p.biLowPoints = r.num(QStringLiteral("coverage.bodily_injury.low_points"));
    p.biNotStated = r.num(QStringLiteral("coverage.bodily_injury.not_stated"));
    p.umPoints = r.num(QStringLiteral("coverage.um_below_bi.points"));
    p.umNotStated = r.num(QStringLiteral("coverage.um_below_bi.not_stated"));
    p.physicalRecentYears = r.num(QStringLiteral("coverage.physical_damage.recent_vehicle_years"));
    p.physicalPoints = r.num(QStringLiteral("coverage.physical_damage.points"));
    p.physicalNotStated = r.num(QStringLiteral("coverage.physical_damage.not_stated"));
    p.umbrellaMinimum = r.num(QStringLiteral("coverage.umbrella_limit.minimum"));
    p.umbrellaPoints = r.num(QStringLiteral("coverage.umbrella_limit.points"));
    p.umbrellaNotStated = r.num(QStringLiteral("coverage.umbrella_limit.not_stated"));
    p.underlyingAutoPerPerson = r.num(QStringLiteral("coverage.underlying.default.auto_bi_per_person"));
    p.underlyingAutoPerAccident = r.num(QStringLiteral("coverage.underlying.default.auto_bi_per_accident"));
    p.underlyingHomeLiability = r.num(QStringLiteral("coverage.underlying.default.home_liability"));
    if (r.node(QStringLiteral("coverage.underlying.default.auto_csl")).isNumber())
        p.underlyingAutoCsl = r.num(QStringLiteral("coverage.underlying.default.auto_csl"));
    p.underlyingNotStated = r.num(QStringLiteral("coverage.underlying.not_stated"));

    p.amBest = r.grades(QStringLiteral("financial.am_best"));
    p.demotech = r.grades(QStringLiteral("financial.demotech"));
    p.notRated = r.num(QStringLiteral("financial.not_rated"));

    p.appetiteStart = r.num(QStringLiteral("appetite.start"));
    p.avoidedNaics = r.num(QStringLiteral("appetite.avoided_naics"));
    p.premiumAutoIncidents = r.num(QStringLiteral("appetite.premium_auto_incidents"));
    p.notBindable = r.num(QStringLiteral("appetite.not_bindable"));
    p.staleQuote = r.num(QStringLiteral("appetite.stale_quote"));
    p.staleQuoteDays = r.num(QStringLiteral("appetite.stale_quote_days"));
    p.nonRenewalYears = r.num(QStringLiteral("appetite.non_renewal_years"));

    const JsonValue &carriers = r.node(QStringLiteral("placement.carriers"));
    for (const auto &c : carriers.arrayItems())
        p.placementByCarriers.push_back(c.toDouble());
    if (p.placementByCarriers.empty())
        errors << QStringLiteral("placement.carriers: must list at least one score");
    p.bundleLineBonus = r.num(QStringLiteral("placement.bundle_line_bonus"));
    p.placementCap = r.num(QStringLiteral("placement.cap"));

    p.serviceBase = r.num(QStringLiteral("service.base"));
    p.serviceRatingFactor = r.num(QStringLiteral("service.rating_factor"));
    p.serviceRatingMax = r.num(QStringLiteral("service.rating_max"));
    p.serviceIncumbent = r.num(QStringLiteral("service.incumbent"));
    p.serviceCap = r.num(QStringLiteral("service.cap"));
    p.renewalPenalty = r.num(QStringLiteral("service.renewal_penalty"));

    p.gapDwellingCriticalRatio = r.num(QStringLiteral("gaps.dwelling_critical_ratio"));
    p.gapHomeLiabilityMinimum = r.num(QStringLiteral("gaps.home_liability_minimum"));
    p.gapAutoBiPerPersonMinimum = r.num(QStringLiteral("gaps.auto_bi_per_person_minimum"));
    p.gapAutoBiPerAccidentMinimum = r.num(QStringLiteral("gaps.auto_bi_per_accident_minimum"));
    p.gapAutoCslMinimum = r.num(QStringLiteral("gaps.auto_csl_minimum"));
    p.gapUmbrellaNetWorthTrigger = r.num(QStringLiteral("gaps.umbrella_net_worth_trigger"));
    p.gapUmbrellaDriverAgeUnder = r.num(QStringLiteral("gaps.umbrella_driver_age_under"));
    p.gapUmbrellaMinimumLimit = r.num(QStringLiteral("gaps.umbrella_minimum_limit"));
    p.gapUmbrellaLimitStep = r.num(QStringLiteral("gaps.umbrella_limit_step"));
    p.gapLapseYears = r.num(QStringLiteral("gaps.lapse_years"));
    if (!errors.isEmpty()) return std::nullopt;
    return p;
}

JsonValue bundledProfileJson() {
    QFile f(QStringLiteral(":/engine-profile.json"));
    if (!f.open(QIODevice::ReadOnly)) qFatal("The bundled engine profile is missing from the resources");
    auto v = parseJson(f.readAll());
    if (!v) qFatal("The bundled engine profile is not valid JSON");
    return *v;
}

} // namespace

const EngineProfile &defaultProfile() {
    static const EngineProfile p = [] {
        QStringList errors;
        auto prof = buildProfile(bundledProfileJson(), errors);
        if (!prof)
            qFatal("The bundled engine profile is invalid: %s",
                   qPrintable(errors.join(QStringLiteral("; "))));
        return *prof;
    }();
    return p;
}

ProfileResult loadProfile(const JsonValue &userProfile) {
    ProfileResult out;
    if (!userProfile.isObject()) {
        out.errors << QStringLiteral("the profile must be a JSON object");
        return out;
    }
    const JsonValue base = defaultProfile().source;
    checkKnownKeys(base, userProfile, QString(), out.errors);
    if (!out.errors.isEmpty()) return out;
    out.profile = buildProfile(deepMerge(base, userProfile), out.errors);
    return out;
}

ProfileResult loadProfileFile(const QString &fileName) {
    const CaseFileResult f = readCaseFile(fileName, 16 * 1024 * 1024);
    if (!f.root) {
        ProfileResult out;
        out.errors << QStringLiteral("%1: %2").arg(fileName, f.problem.message);
        return out;
    }
    return loadProfile(*f.root);
}

} // namespace pw
