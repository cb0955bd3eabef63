// SPDX-License-Identifier: MIT
#include "coverage.h"

#include "util/numbers.h"
#include "util/plainscan.h"

#include <algorithm>

namespace pw {

namespace {

QString money(double v) {
    return formatMoney(v);
}

QString pct(double ratio) {
    return formatNumber(roundHalfAway(ratio * 100, 1), 1) + u'%';
}

} // namespace

namespace rules {

DwellingJudgement dwelling(const CoverageDetail &c, OptDouble replacementCost) {
    DwellingJudgement j;
    if (c.settlement == Settlement::GuaranteedReplacementCost) {
        // Guaranteed replacement cost counts as ratio 1 even when limits are not stated (§11.3).
        j.guaranteed = true;
        j.ratio = 1;
        j.effective = c.dwellingLimit.value_or(0);
        j.outcome = Outcome::Pass;
        return j;
    }
    if (!c.dwellingLimit) j.missing << QStringLiteral("dwelling_limit");
    if (!replacementCost || *replacementCost <= 0) j.missing << QStringLiteral("residence.replacement_cost");
    // Without a settlement, guaranteed replacement (ratio 1) is still possible (§11.3).
    if (!j.missing.isEmpty()) {
        if (!c.settlement) j.missing << QStringLiteral("settlement");
        return j;
    }
    double effective = *c.dwellingLimit;
    if (c.settlement == Settlement::ExtendedReplacementCost)
        effective *= 1 + c.extendedReplacementPct.value_or(0) / 100.0;
    j.effective = effective;
    j.ratio = effective / *replacementCost;
    j.outcome = j.ratio >= 1.0 ? Outcome::Pass : Outcome::Fire;
    // Not stated settlement: a ratio of 1 or more is decided (every settlement gives at least it); below 1,
    // a guaranteed replacement settlement would count as 1, so the rule is not stated (§11.3).
    if (!c.settlement && j.outcome == Outcome::Fire) {
        j.outcome = Outcome::NotStated;
        j.missing << QStringLiteral("settlement");
    }
    return j;
}

BiTier bodilyInjury(const CoverageDetail &c, const EngineProfile &p) {
    const auto &pp = c.biPerPerson;
    const auto &pa = c.biPerAccident;
    const auto &csl = c.limitCombinedSingle;
    if (!pp && !pa && !csl) return BiTier::NotStated;
    // A split meets a tier when its stated parts do (a lone stated part is judged alone).
    auto splitMeets = [&](double perPerson, double perAccident) {
        if (!pp && !pa) return false;
        return (!pp || *pp >= perPerson) && (!pa || *pa >= perAccident);
    };
    if (splitMeets(p.biFullPerPerson, p.biFullPerAccident) || (csl && *csl >= p.biFullCsl))
        return BiTier::Full;
    if (splitMeets(p.biMidPerPerson, p.biMidPerAccident) || (csl && *csl >= p.biMidCsl)) return BiTier::Mid;
    return BiTier::Low;
}

Outcome umBelowBi(const CoverageDetail &c, QStringList *missing) {
    bool comparable = false;
    bool below = false;
    auto pair = [&](const OptDouble &um, const OptDouble &bi) {
        if (um && bi) {
            comparable = true;
            below = below || *um < *bi;
        }
    };
    pair(c.umPerPerson, c.biPerPerson);
    pair(c.umPerAccident, c.biPerAccident);
    pair(c.umPerAccident, c.limitCombinedSingle);
    if (!comparable) {
        if (missing) {
            if (!c.umPerPerson && !c.umPerAccident)
                *missing << QStringLiteral("um_per_person") << QStringLiteral("um_per_accident");
            if (!c.biPerPerson && !c.biPerAccident && !c.limitCombinedSingle)
                *missing << QStringLiteral("bi_per_person") << QStringLiteral("bi_per_accident");
            if (missing->isEmpty()) *missing << QStringLiteral("um_per_accident");
        }
        return Outcome::NotStated;
    }
    return below ? Outcome::Fire : Outcome::Pass;
}

Outcome physicalDamage(const CoverageDetail &c, const CaseInput &in, const QDateTime &now,
                       const EngineProfile &p, QStringList *missing) {
    const double recentFrom = now.toUTC().date().year() - p.physicalRecentYears;
    bool anyRecent = false;
    // No vehicles_detail: the model years are not stated (§9); an empty array states that there are none.
    bool anyUnknownYear = !in.vehiclesDetailStated;
    for (const auto &v : in.vehiclesDetail) {
        if (!v.year)
            anyUnknownYear = true;
        else if (*v.year >= recentFrom)
            anyRecent = true;
    }
    const bool anyNone = c.collisionDeductible.none || c.comprehensiveDeductible.none;
    const bool anyAbsent = !c.collisionDeductible.stated || !c.comprehensiveDeductible.stated;
    if (anyRecent && anyNone) return Outcome::Fire;
    // Decided only when no "none" is possible or no recent vehicle is possible; otherwise an absent
    // deductible (or an unknown model year) could still make it fire.
    const bool noneImpossible = !anyNone && !anyAbsent;
    const bool recentImpossible = !anyRecent && !anyUnknownYear;
    if (!noneImpossible && !recentImpossible) {
        if (missing) {
            if (!c.collisionDeductible.stated) *missing << QStringLiteral("collision_deductible");
            if (!c.comprehensiveDeductible.stated) *missing << QStringLiteral("comprehensive_deductible");
            if (!anyRecent && anyUnknownYear)
                *missing << (in.vehiclesDetailStated ? QStringLiteral("vehicles_detail[].year")
                                                     : QStringLiteral("vehicles_detail"));
        }
        return Outcome::NotStated;
    }
    return Outcome::Pass;
}

RequiredUnderlying requirement(const CoverageDetail &umbrella, const EngineProfile &p) {
    RequiredUnderlying r;
    r.autoBiPerPerson = p.underlyingAutoPerPerson;
    r.autoBiPerAccident = p.underlyingAutoPerAccident;
    r.autoCsl = p.underlyingAutoCsl;
    r.homeLiability = p.underlyingHomeLiability;
    if (umbrella.requiredUnderlying) {
        const auto &o = *umbrella.requiredUnderlying;
        if (o.autoBiPerPerson) r.autoBiPerPerson = o.autoBiPerPerson;
        if (o.autoBiPerAccident) r.autoBiPerAccident = o.autoBiPerAccident;
        if (o.autoCsl) r.autoCsl = o.autoCsl;
        if (o.homeLiability) r.homeLiability = o.homeLiability;
    }
    return r;
}

AutoUnderlying autoUnderlying(const CoverageDetail &a, const RequiredUnderlying &req) {
    AutoUnderlying j;
    // The split: both parts must meet; a part below its figure is unmet (a lone stated part included,
    // §11.5); one part stated and meeting leaves the split open (the other part could still fail).
    const bool splitStated = a.biPerPerson || a.biPerAccident;
    std::optional<Outcome> split;
    if (splitStated) {
        const bool ppBelow = a.biPerPerson && req.autoBiPerPerson && *a.biPerPerson < *req.autoBiPerPerson;
        const bool paBelow =
            a.biPerAccident && req.autoBiPerAccident && *a.biPerAccident < *req.autoBiPerAccident;
        if (ppBelow || paBelow)
            split = Outcome::Fire;
        else if (a.biPerPerson && a.biPerAccident)
            split = Outcome::Pass;
        else
            split = Outcome::NotStated;
    }
    // The CSL: at least auto_csl when the requirement names one, else at least the per-accident figure.
    std::optional<Outcome> csl;
    j.cslNeed = req.autoCsl ? req.autoCsl : req.autoBiPerAccident;
    if (a.limitCombinedSingle && j.cslNeed)
        csl = *a.limitCombinedSingle >= *j.cslNeed ? Outcome::Pass : Outcome::Fire;
    // Met by either form; unmet only when every stated form is unmet; otherwise a form that is partly
    // stated could still meet it: not stated. A form not stated at all is not assumed (an auto line
    // stating only a CSL is judged on it alone).
    if (split == Outcome::Pass || csl == Outcome::Pass)
        j.outcome = Outcome::Pass;
    else if (split == Outcome::NotStated || (!split && !csl))
        j.outcome = Outcome::NotStated;
    else
        j.outcome = Outcome::Fire;
    j.judgedOnCsl = j.outcome == Outcome::Fire && !split;
    if (j.outcome == Outcome::NotStated) {
        if (!a.biPerPerson) j.missing << QStringLiteral("auto.bi_per_person");
        if (!a.biPerAccident) j.missing << QStringLiteral("auto.bi_per_accident");
    }
    return j;
}

Outcome autoMeets(const CoverageDetail &a, const RequiredUnderlying &req, QStringList *missing) {
    AutoUnderlying j = autoUnderlying(a, req);
    if (missing) *missing << j.missing;
    return j.outcome;
}

Outcome homeMeets(const CoverageDetail &h, const RequiredUnderlying &req, QStringList *missing) {
    if (!req.homeLiability) return Outcome::Pass;
    if (!h.liabilityLimit) {
        if (missing) *missing << QStringLiteral("home.liability_limit");
        return Outcome::NotStated;
    }
    return *h.liabilityLimit >= *req.homeLiability ? Outcome::Pass : Outcome::Fire;
}

bool usesTierFallback(Line line, const CoverageDetail &c) {
    switch (line) {
    case Line::Home:
        return !c.dwellingLimit && !c.extendedReplacementPct && !c.settlement && !c.liabilityLimit &&
               !c.waterBackupLimit && !c.deductible.stated;
    case Line::Auto:
        return !c.biPerPerson && !c.biPerAccident && !c.limitCombinedSingle && !c.umPerPerson &&
               !c.umPerAccident && !c.collisionDeductible.stated && !c.comprehensiveDeductible.stated;
    case Line::Umbrella:
        return !c.umbrellaLimit && !c.requiredUnderlying;
    }
    return false;
}

double tierScore(const QString &pricingTier, const EngineProfile &p, QString *tierName) {
    const QString t = pricingTier.trimmed().toLower();
    const auto it = p.tierFallback.find(t);
    if (it != p.tierFallback.end() && t != u"other") {
        if (tierName) *tierName = t;
        return it->second;
    }
    if (tierName) *tierName = t.isEmpty() ? QStringLiteral("not stated") : t;
    return p.tierFallback.at(QStringLiteral("other"));
}

} // namespace rules

namespace {

// Adds a reason's points; its code and sentence (built by `text`) only when the assessment keeps reasons.
template <typename Text>
void add(LineAssessment &a, const QString &code, double points, bool blocker, Text &&text) {
    a.points += points;
    a.blocked = a.blocked || blocker;
    if (a.withReasons) a.reasons.push_back({code, text(), points, blocker});
}

template <typename Text> void add(LineAssessment &a, const QString &code, double points, Text &&text) {
    add(a, code, points, false, std::forward<Text>(text));
}

void assessHome(LineAssessment &a, const CoverageDetail &c, const CaseInput &in, const EngineProfile &p) {
    const auto d = rules::dwelling(c, in.residence.replacementCost);
    const QString dw = QStringLiteral("dwelling_ratio");
    if (d.outcome == Outcome::NotStated) {
        add(a, dw, p.dwellingNotStated, [&] {
            return QStringLiteral("Home: dwelling ratio not stated (%1 missing).")
                .arg(d.missing.join(QStringLiteral(", ")));
        });
    } else if (d.guaranteed) {
        add(a, dw, 0, [&] {
            return QStringLiteral(
                "Home: guaranteed replacement cost counts as 100% of the replacement cost.");
        });
    } else {
        double pts = p.dwellingBelowPoints;
        bool blocks = true;
        for (const auto &[minRatio, points] : p.dwellingTiers) {
            if (d.ratio >= minRatio) {
                pts = points;
                blocks = false;
                break;
            }
        }
        add(a, dw, pts, blocks, [&] {
            return QStringLiteral("Home: effective dwelling %1 is %2 of the %3 replacement cost.")
                .arg(money(d.effective), pct(d.ratio), money(*in.residence.replacementCost));
        });
    }
    if (!c.settlement)
        add(a, QStringLiteral("settlement"), p.settlementNotStated,
            [&] { return QStringLiteral("Home: settlement basis not stated."); });
    else if (*c.settlement == Settlement::ActualCashValue)
        add(a, QStringLiteral("settlement"), p.settlementAcvPoints,
            [&] { return QStringLiteral("Home: losses settled at actual cash value (depreciated)."); });
    else
        add(a, QStringLiteral("settlement"), 0,
            [&] { return QStringLiteral("Home: settlement %1.").arg(settlementName(*c.settlement)); });
    if (!c.liabilityLimit)
        add(a, QStringLiteral("home_liability"), p.homeLiabilityNotStated,
            [&] { return QStringLiteral("Home: liability limit not stated."); });
    else
        add(a, QStringLiteral("home_liability"),
            *c.liabilityLimit < p.homeLiabilityMinimum ? p.homeLiabilityPoints : 0, [&] {
                return QStringLiteral("Home: liability %1 (minimum %2).")
                    .arg(money(*c.liabilityLimit), money(p.homeLiabilityMinimum));
            });
    if (!c.waterBackupLimit || *c.waterBackupLimit == 0)
        add(a, QStringLiteral("water_backup"), p.waterBackupPoints,
            [&] { return QStringLiteral("Home: no water backup endorsement."); });
    else
        add(a, QStringLiteral("water_backup"), 0,
            [&] { return QStringLiteral("Home: water backup %1.").arg(money(*c.waterBackupLimit)); });
    if (c.deductible.stated) {
        const QString code = QStringLiteral("deductible");
        if (c.deductible.percent) {
            // A percentage of the dwelling limit against a percentage of it: decided without the limit;
            // with it, compared as the amounts the percentages resolve to.
            const bool above = c.dwellingLimit ? *c.deductible.resolve(c.dwellingLimit) >
                                                     *c.dwellingLimit * p.deductibleMaxPct / 100.0
                                               : c.deductible.value > p.deductibleMaxPct;
            add(a, code, above ? p.deductiblePoints : 0, [&] {
                return QStringLiteral("Home: all-peril deductible %1% of the dwelling limit (limit %2%).")
                    .arg(formatNumber(c.deductible.value, 2), formatNumber(p.deductibleMaxPct, 2));
            });
        } else if (c.deductible.value == 0) {
            // No amount is above a share of any dwelling limit: decided without the limit (§11.3).
            add(a, code, 0, [&] { return QStringLiteral("Home: no all-peril deductible."); });
        } else if (c.dwellingLimit) {
            const double limit = *c.dwellingLimit * p.deductibleMaxPct / 100.0;
            add(a, code, c.deductible.value > limit ? p.deductiblePoints : 0, [&] {
                return QStringLiteral("Home: all-peril deductible %1 against %2 (%3% of the dwelling limit).")
                    .arg(money(c.deductible.value), money(limit), formatNumber(p.deductibleMaxPct, 0));
            });
        } else {
            add(a, code, p.deductibleNotStated, [&] {
                return QStringLiteral(
                    "Home: deductible against the dwelling limit not stated (dwelling_limit "
                    "missing).");
            });
        }
    } else {
        add(a, QStringLiteral("deductible"), p.deductibleNotStated,
            [&] { return QStringLiteral("Home: all-peril deductible not stated."); });
    }
}

QString splitText(const CoverageDetail &c) {
    QStringList parts;
    if (c.biPerPerson || c.biPerAccident)
        parts << QStringLiteral("%1/%2").arg(
            c.biPerPerson ? formatNumber(*c.biPerPerson / 1000) : QStringLiteral("?"),
            c.biPerAccident ? formatNumber(*c.biPerAccident / 1000) : QStringLiteral("?"));
    if (c.limitCombinedSingle) parts << QStringLiteral("CSL %1").arg(money(*c.limitCombinedSingle));
    return parts.join(QStringLiteral(", "));
}

void assessAuto(LineAssessment &a, const CoverageDetail &c, const CaseInput &in, const QDateTime &now,
                const EngineProfile &p) {
    switch (rules::bodilyInjury(c, p)) {
    case rules::BiTier::NotStated:
        add(a, QStringLiteral("bodily_injury"), p.biNotStated,
            [&] { return QStringLiteral("Auto: bodily injury limits not stated."); });
        break;
    case rules::BiTier::Full:
        add(a, QStringLiteral("bodily_injury"), 0, [&] {
            return QStringLiteral("Auto: bodily injury %1 meets %2/%3.")
                .arg(splitText(c), formatNumber(p.biFullPerPerson / 1000),
                     formatNumber(p.biFullPerAccident / 1000));
        });
        break;
    case rules::BiTier::Mid:
        add(a, QStringLiteral("bodily_injury"), p.biMidPoints, [&] {
            return QStringLiteral("Auto: bodily injury %1 is below %2/%3.")
                .arg(splitText(c), formatNumber(p.biFullPerPerson / 1000),
                     formatNumber(p.biFullPerAccident / 1000));
        });
        break;
    case rules::BiTier::Low:
        add(a, QStringLiteral("bodily_injury"), p.biLowPoints, [&] {
            return QStringLiteral("Auto: bodily injury %1 is below %2/%3.")
                .arg(splitText(c), formatNumber(p.biMidPerPerson / 1000),
                     formatNumber(p.biMidPerAccident / 1000));
        });
        break;
    }
    switch (rules::umBelowBi(c)) {
    case Outcome::NotStated:
        add(a, QStringLiteral("um_below_bi"), p.umNotStated,
            [&] { return QStringLiteral("Auto: uninsured motorist limits not stated."); });
        break;
    case Outcome::Fire:
        add(a, QStringLiteral("um_below_bi"), p.umPoints,
            [&] { return QStringLiteral("Auto: uninsured motorist limits are below bodily injury."); });
        break;
    case Outcome::Pass:
        add(a, QStringLiteral("um_below_bi"), 0,
            [&] { return QStringLiteral("Auto: uninsured motorist limits match bodily injury."); });
        break;
    }
    switch (rules::physicalDamage(c, in, now, p)) {
    case Outcome::NotStated:
        add(a, QStringLiteral("physical_damage"), p.physicalNotStated,
            [&] { return QStringLiteral("Auto: physical damage on recent vehicles not stated."); });
        break;
    case Outcome::Fire:
        add(a, QStringLiteral("physical_damage"), p.physicalPoints, [&] {
            return QStringLiteral("Auto: no collision or comprehensive on a vehicle from %1 or later.")
                .arg(now.toUTC().date().year() - int(p.physicalRecentYears));
        });
        break;
    case Outcome::Pass:
        break;
    }
}

void assessUmbrella(LineAssessment &a, const CoverageDetail &c, const EngineProfile &p) {
    if (!c.umbrellaLimit)
        add(a, QStringLiteral("umbrella_limit"), p.umbrellaNotStated,
            [&] { return QStringLiteral("Umbrella: limit not stated."); });
    else
        add(a, QStringLiteral("umbrella_limit"), *c.umbrellaLimit < p.umbrellaMinimum ? p.umbrellaPoints : 0,
            [&] {
                return QStringLiteral("Umbrella: limit %1 (minimum %2).")
                    .arg(money(*c.umbrellaLimit), money(p.umbrellaMinimum));
            });
}

} // namespace

LineAssessment assessLine(Line line, const Offering &o, const CaseInput &input, const QDateTime &now,
                          const EngineProfile &p, LineReasons reasons) {
    LineAssessment a;
    a.withReasons = reasons == LineReasons::Kept;
    const CoverageDetail &c = o.coverage;
    if (rules::usesTierFallback(line, c)) {
        QString tier;
        const double score = rules::tierScore(o.pricingTier, p, &tier);
        a.fallback = true;
        add(a, QStringLiteral("tier_fallback"), score - p.lineStart, [&] {
            return QStringLiteral("%1: no coverage details stated; scored on pricing tier %2 (%3).")
                .arg(lineName(line).at(0).toUpper() + lineName(line).mid(1), tier, formatNumber(score));
        });
        return a;
    }
    switch (line) {
    case Line::Home:
        assessHome(a, c, input, p);
        break;
    case Line::Auto:
        assessAuto(a, c, input, now, p);
        break;
    case Line::Umbrella:
        assessUmbrella(a, c, p);
        break;
    }
    return a;
}

UnderlyingJudgement judgeUnderlying(const CoverageDetail &umbrella, const CoverageDetail *autoLine,
                                    const CoverageDetail *homeLine, const EngineProfile &p) {
    UnderlyingJudgement j;
    const RequiredUnderlying req = rules::requirement(umbrella, p);
    QStringList missing, unmet, met;
    auto fold = [&](Outcome o, const QString &what) {
        if (o == Outcome::Fire)
            unmet << what;
        else if (o == Outcome::NotStated)
            missing << what;
        else
            met << what;
    };
    const QString autoNeed =
        QStringLiteral("auto %1/%2")
            .arg(req.autoBiPerPerson ? formatNumber(*req.autoBiPerPerson / 1000) : QStringLiteral("-"),
                 req.autoBiPerAccident ? formatNumber(*req.autoBiPerAccident / 1000) : QStringLiteral("-"));
    if (autoLine) fold(rules::autoMeets(*autoLine, req), autoNeed);
    if (homeLine)
        fold(rules::homeMeets(*homeLine, req),
             QStringLiteral("home liability %1")
                 .arg(req.homeLiability ? money(*req.homeLiability) : QStringLiteral("-")));
    j.reason.code = QStringLiteral("underlying");
    if (!unmet.isEmpty()) {
        j.outcome = Outcome::Fire;
        j.points = 0;
        j.reason.blocker = true;
        j.reason.text = QStringLiteral("Umbrella: underlying requirement not met (%1).")
                            .arg(unmet.join(QStringLiteral(", ")));
    } else if (!missing.isEmpty()) {
        j.outcome = Outcome::NotStated;
        j.points = p.underlyingNotStated;
        j.reason.text = QStringLiteral("Umbrella: underlying limits not stated (%1).")
                            .arg(missing.join(QStringLiteral(", ")));
    } else {
        j.outcome = Outcome::Pass;
        j.reason.text = met.isEmpty() ? QStringLiteral("Umbrella: no underlying line in this package.")
                                      : QStringLiteral("Umbrella: underlying requirement met (%1).")
                                            .arg(met.join(QStringLiteral(", ")));
    }
    j.reason.points = j.points;
    return j;
}

QString normaliseCarrierName(const QString &name) {
    return carrierNameKey(name); // plain code: a regular expression's first use costs more than a ranking
}

bool carrierMatches(const Offering &o, const QString &carrierName) {
    return carrierMatchesNormalised(o, normaliseCarrierName(o.providerName),
                                    normaliseCarrierName(carrierName));
}

bool carrierMatchesNormalised(const Offering &o, const QString &normalisedProviderName,
                              const QString &normalisedCarrier) {
    if (normalisedCarrier.isEmpty()) return false;
    return normalisedProviderName == normalisedCarrier || o.providerId == normalisedCarrier;
}

} // namespace pw
