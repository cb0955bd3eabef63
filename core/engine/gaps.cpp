// SPDX-License-Identifier: MIT
// The rules of engine.md §9, run over a current-coverage source (or it with a package's lines in place).
#include "gaps.h"

#include "engine/coverage.h"
#include "engine/gapmemo.h"
#include "io/validation.h"
#include "util/dates.h"
#include "util/numbers.h"

#include <QFile>

#include <algorithm>
#include <cmath>
#include <map>

namespace pw {

namespace {

const QString kHome = QStringLiteral("home");
const QString kAuto = QStringLiteral("auto");
const QString kUmbrella = QStringLiteral("umbrella");
const QString kFlood = QStringLiteral("flood");

JsonValue money(double v) {
    return JsonValue(roundHalfAway(v, 2));
}

QString pct(double ratio) {
    return formatNumber(roundHalfAway(ratio * 100, 1), 1) + u'%';
}

// The next whole multiple of the profile's step at or above `v`, never below the minimum limit.
double umbrellaTarget(OptDouble netWorth, const EngineProfile &p) {
    double target = p.gapUmbrellaMinimumLimit;
    if (netWorth && *netWorth > 0) {
        const double step = p.gapUmbrellaLimitStep > 0 ? p.gapUmbrellaLimitStep : 1;
        target = std::max(target, std::ceil(*netWorth / step) * step);
    }
    return target;
}

QString personName(const Driver &d, int index) {
    const QString name = QString(d.firstName + u' ' + d.lastName).trimmed();
    if (!name.isEmpty()) return name;
    if (!d.driverId.isEmpty()) return QStringLiteral("driver %1").arg(d.driverId);
    return QStringLiteral("driver %1").arg(index + 1);
}

// One gap or not-assessed entry while the rules run, with its sort keys.
struct Pending {
    int severity = 0;
    int rule = 0;
    int line = 0;
    Gap gap;
};

struct PendingNa {
    int rule = 0;
    int line = 0;
    NotAssessed entry;
};

class GapRules {
public:
    GapRules(const CaseInput &in, const CoverageLines &lines, const QStringList &requested,
             const QString &state, const QDateTime &now, const EngineProfile &p, bool rulesOnly = false)
        : m_rulesOnly(rulesOnly)
        , m_in(in)
        , m_lines(lines)
        , m_requested(requested)
        , m_state(state)
        , m_now(now.toUTC())
        , m_p(p) {}

    GapAnalysis run(bool withMemo) {
        if (const CoverageDetail *h = line(kHome)) {
            dwelling(*h);
            settlement(*h);
            homeLiability(*h);
            waterBackup(*h);
            floodZone(*h);
        }
        if (const CoverageDetail *a = line(kAuto)) {
            bodilyInjury(*a);
            umBelowBi(*a);
            physicalDamage(*a);
        }
        const bool umbrellaMissingFired = umbrellaMissing();
        if (const CoverageDetail *u = line(kUmbrella)) {
            underlying(*u);
            limitBelowNetWorth(*u);
        }
        for (const QString &l : linesByOrder())
            deductible(l);
        lapse();
        for (const QString &r : m_requested)
            if (!line(r) && !(r == kUmbrella && umbrellaMissingFired)) notInForce(r);

        std::stable_sort(m_gaps.begin(), m_gaps.end(), [](const Pending &a, const Pending &b) {
            return std::tie(a.severity, a.rule, a.line) < std::tie(b.severity, b.rule, b.line);
        });
        std::stable_sort(m_notAssessed.begin(), m_notAssessed.end(),
                         [](const PendingNa &a, const PendingNa &b) {
                             return std::tie(a.rule, a.line) < std::tie(b.rule, b.line);
                         });
        GapAnalysis out;
        for (auto &pg : m_gaps)
            out.gaps.push_back(std::move(pg.gap));
        for (auto &na : m_notAssessed)
            out.notAssessed.push_back(std::move(na.entry));
        if (withMemo) out.memo = gapMemo(out, m_in, m_lines, m_requested, m_now);
        return out;
    }

private:
    // A package's analysis, only compared: a gap that fires keeps its rule, line and severity alone.
    bool m_rulesOnly;
    const CaseInput &m_in;
    const CoverageLines &m_lines;
    const QStringList &m_requested;
    QString m_state;
    QDateTime m_now;
    const EngineProfile &m_p;
    std::vector<Pending> m_gaps;
    std::vector<PendingNa> m_notAssessed;

    const CoverageDetail *line(const QString &name) const {
        const auto it = m_lines.find(name);
        return it == m_lines.end() ? nullptr : &it->second;
    }
    bool inForce(const QString &name) const { return line(name) != nullptr; }

    // coverage_types order, then the lines not requested in the order of §1 (home, auto, umbrella).
    // Reading: the spec orders by coverage_types only; lines in force but not requested follow them.
    int lineRank(const QString &name) const {
        if (name.isEmpty()) return -1;
        const int i = int(m_requested.indexOf(name));
        if (i >= 0) return i;
        const auto l = lineFromName(name);
        return int(m_requested.size()) + (l ? int(*l) : 3);
    }

    QStringList linesByOrder() const {
        QStringList out;
        for (Line l : kAllLines)
            if (inForce(lineName(l))) out << lineName(l);
        std::stable_sort(out.begin(), out.end(),
                         [this](const QString &a, const QString &b) { return lineRank(a) < lineRank(b); });
        return out;
    }

    void fire(const QString &ruleId, const QString &lineName, const QString &severity, const QString &title,
              const QString &detail, const JsonValue &current, const JsonValue &recommended,
              const QString &recommendation) {
        Pending pg;
        pg.severity = int(gapSeverityOrder().indexOf(severity));
        pg.rule = int(gapRuleOrder().indexOf(ruleId));
        pg.line = lineRank(lineName);
        pg.gap = {ruleId, lineName, severity, title, detail, recommendation, current, recommended};
        m_gaps.push_back(std::move(pg));
    }

    // In a rules-only analysis, records that the rule fires (no texts or amounts are built) and returns
    // true; the rule then returns before writing them. Otherwise false.
    bool firedWithoutText(const QString &ruleId, const QString &lineName, const QString &severity) {
        if (!m_rulesOnly) return false;
        fire(ruleId, lineName, severity, QString(), QString(), JsonValue(), JsonValue(), QString());
        return true;
    }

    void notAssessed(const QString &ruleId, const QString &lineName, const QStringList &missing) {
        m_notAssessed.push_back(
            {int(gapRuleOrder().indexOf(ruleId)), lineRank(lineName), {ruleId, lineName, missing}});
    }

    // ---- home ----

    void dwelling(const CoverageDetail &c) {
        const QString id = QStringLiteral("home.dwelling_under_replacement");
        const auto d = rules::dwelling(c, m_in.residence.replacementCost);
        if (d.outcome == Outcome::NotStated) {
            notAssessed(id, kHome, d.missing);
            return;
        }
        if (d.outcome != Outcome::Fire) return;
        const double rc = *m_in.residence.replacementCost;
        const QString sev =
            d.ratio < m_p.gapDwellingCriticalRatio ? QStringLiteral("critical") : QStringLiteral("high");
        if (firedWithoutText(id, kHome, sev)) return;
        // Reading: `current` is the effective dwelling limit (the figure compared with the replacement
        // cost); it equals dwelling_limit unless extended replacement cost adds a percentage.
        QString from = formatMoney(*c.dwellingLimit);
        if (d.effective != *c.dwellingLimit)
            from += QStringLiteral(" (%1 with %2% extended replacement)")
                        .arg(formatMoney(d.effective), formatNumber(c.extendedReplacementPct.value_or(0), 0));
        fire(id, kHome, sev, QStringLiteral("Dwelling coverage below replacement cost"),
             QStringLiteral(
                 "The dwelling limit of %1 covers %2 of the estimated %3 replacement cost; a total loss "
                 "would leave %4 to pay.")
                 .arg(from, pct(d.ratio), formatMoney(rc), formatMoney(rc - d.effective)),
             money(d.effective), money(rc),
             QStringLiteral("Raise dwelling coverage from %1 to at least %2, the estimated replacement cost.")
                 .arg(formatMoney(d.effective), formatMoney(rc)));
    }

    void settlement(const CoverageDetail &c) {
        const QString id = QStringLiteral("home.acv_settlement");
        if (!c.settlement) {
            notAssessed(id, kHome, {QStringLiteral("settlement")});
            return;
        }
        if (*c.settlement != Settlement::ActualCashValue) return;
        if (firedWithoutText(id, kHome, QStringLiteral("high"))) return;
        fire(id, kHome, QStringLiteral("high"), QStringLiteral("Home losses settled at actual cash value"),
             QStringLiteral(
                 "Claims are paid at actual cash value: depreciation is deducted, so an old roof or "
                 "kitchen is paid at a fraction of what replacing it costs."),
             settlementName(Settlement::ActualCashValue), settlementName(Settlement::ReplacementCost),
             QStringLiteral("Move the home policy from actual cash value to replacement cost settlement."));
    }

    void homeLiability(const CoverageDetail &c) {
        const QString id = QStringLiteral("home.liability_low");
        if (!c.liabilityLimit) {
            notAssessed(id, kHome, {QStringLiteral("liability_limit")});
            return;
        }
        const double min = m_p.gapHomeLiabilityMinimum;
        if (*c.liabilityLimit >= min) return;
        const bool umbrella = inForce(kUmbrella) || m_requested.contains(kUmbrella);
        if (firedWithoutText(id, kHome, umbrella ? QStringLiteral("high") : QStringLiteral("medium"))) return;
        fire(id, kHome, umbrella ? QStringLiteral("high") : QStringLiteral("medium"),
             QStringLiteral("Home liability below %1").arg(formatMoney(min)),
             QStringLiteral(
                 "Personal liability on the home policy is %1, below the %2 most households need%3.")
                 .arg(formatMoney(*c.liabilityLimit), formatMoney(min),
                      umbrella ? QStringLiteral(" and umbrella carriers ask for underneath") : QString()),
             money(*c.liabilityLimit), money(min),
             QStringLiteral("Raise home liability from %1 to at least %2.")
                 .arg(formatMoney(*c.liabilityLimit), formatMoney(min)));
    }

    void waterBackup(const CoverageDetail &c) {
        // An endorsement: absent means none (engine.md §9), so this rule is always assessed.
        if (c.waterBackupLimit && *c.waterBackupLimit > 0) return;
        if (firedWithoutText(QStringLiteral("home.no_water_backup"), kHome, QStringLiteral("medium"))) return;
        fire(QStringLiteral("home.no_water_backup"), kHome, QStringLiteral("medium"),
             QStringLiteral("No water backup coverage"),
             QStringLiteral("The home policy pays $0 for water that backs up through drains or a sump pump; "
                            "standard home policies exclude it unless endorsed."),
             money(0), JsonValue(),
             QStringLiteral(
                 "Add a water backup endorsement; the policy pays $0 for sewer and drain backup today."));
    }

    void floodZone(const CoverageDetail &c) {
        const QString id = QStringLiteral("home.flood_zone_uninsured");
        // Not stated (absent or null): not assessed; "" is stated and is no flood zone (§9). Read as
        // written: the zone starts with A or V, in any case.
        if (!m_in.residence.floodZoneStated) {
            notAssessed(id, kHome, {QStringLiteral("residence.flood_zone")});
            return;
        }
        const QString zone = m_in.residence.floodZone;
        if (zone.isEmpty()) return;
        const QChar z = zone.at(0).toUpper();
        if (z != u'A' && z != u'V') return;
        // Flood is endorsement-type coverage too: a limit not stated is no flood coverage.
        const auto hasFlood = [](const CoverageDetail *d) {
            return d && d->floodLimit && *d->floodLimit > 0;
        };
        if (hasFlood(&c) || hasFlood(line(kFlood))) return;
        if (firedWithoutText(id, kHome, QStringLiteral("critical"))) return;
        // Reading: the rule belongs to the home line (it runs when home is in force); `recommended` is null
        // because §9 names no flood amount.
        fire(id, kHome, QStringLiteral("critical"), QStringLiteral("Flood zone without flood insurance"),
             QStringLiteral(
                 "The home is in flood zone %1, a special flood hazard area, and no flood policy or "
                 "flood limit is in force; home policies exclude flood.")
                 .arg(zone.toUpper()),
             money(0), JsonValue(),
             QStringLiteral("Buy flood insurance for the home in zone %1; it has $0 of flood coverage today.")
                 .arg(zone.toUpper()));
    }

    // ---- auto ----

    static QString thousands(double v) {
        return QString::fromLatin1(shortestNumberText(roundHalfAway(v / 1000, 3)));
    }
    // "50/100" (thousands); a part not stated is written "?".
    static QString split(const OptDouble &a, const OptDouble &b) {
        return (a ? thousands(*a) : QStringLiteral("?")) + u'/' + (b ? thousands(*b) : QStringLiteral("?"));
    }
    static QString limitsText(const JsonValue &v) {
        return v.isNumber() ? formatMoney(v.toDouble()) + QStringLiteral(" combined single limit")
                            : v.toString();
    }

    void bodilyInjury(const CoverageDetail &c) {
        const QString id = QStringLiteral("auto.bi_low");
        const rules::BiTier tier = rules::bodilyInjury(c, m_p);
        if (tier == rules::BiTier::NotStated) {
            notAssessed(id, kAuto,
                        {QStringLiteral("bi_per_person"), QStringLiteral("bi_per_accident"),
                         QStringLiteral("limit_combined_single")});
            return;
        }
        // §11.5: fires exactly in the −40 tier of §5.2 bodily_injury.
        if (tier != rules::BiTier::Low) return;
        bool critical = false;
        QString minText;
        if (const auto min = stateMinimum(m_state)) {
            const bool splitAtMin = c.biPerPerson && c.biPerAccident && *c.biPerPerson <= min->biPerPerson &&
                                    *c.biPerAccident <= min->biPerAccident;
            const bool cslAtMin = c.limitCombinedSingle && *c.limitCombinedSingle <= min->biPerAccident;
            critical = splitAtMin || cslAtMin;
            if (!m_rulesOnly)
                minText = QStringLiteral(" (the %1 state minimum is %2)")
                              .arg(m_state, split(min->biPerPerson, min->biPerAccident));
        }
        if (firedWithoutText(id, kAuto, critical ? QStringLiteral("critical") : QStringLiteral("high")))
            return;
        // Reading: a split (even a lone stated part) is written as "pp/pa" with "?" for the part not stated;
        // a CSL alone is an amount.
        const bool hasSplit = c.biPerPerson || c.biPerAccident;
        const JsonValue current =
            hasSplit ? JsonValue(split(c.biPerPerson, c.biPerAccident)) : money(*c.limitCombinedSingle);
        const JsonValue recommended =
            hasSplit ? JsonValue(split(m_p.gapAutoBiPerPersonMinimum, m_p.gapAutoBiPerAccidentMinimum))
                     : money(m_p.gapAutoCslMinimum);
        QString rec = QStringLiteral("Raise auto bodily injury limits from %1 to at least %2")
                          .arg(limitsText(current), limitsText(recommended));
        if (inForce(kUmbrella) || m_requested.contains(kUmbrella))
            rec += QStringLiteral("; an umbrella usually requires %1 underneath")
                       .arg(split(m_p.underlyingAutoPerPerson, m_p.underlyingAutoPerAccident));
        rec += u'.';
        fire(id, kAuto, critical ? QStringLiteral("critical") : QStringLiteral("high"),
             critical ? QStringLiteral("Auto liability at the state minimum")
                      : QStringLiteral("Auto bodily injury limits are low"),
             QStringLiteral(
                 "Bodily injury liability of %1%2 is below %3; a serious accident can exceed it and reach "
                 "the household's savings and future earnings.")
                 .arg(limitsText(current), minText, limitsText(recommended)),
             current, recommended, rec);
    }

    void umBelowBi(const CoverageDetail &c) {
        const QString id = QStringLiteral("auto.um_below_bi");
        QStringList missing;
        const Outcome o = rules::umBelowBi(c, &missing);
        if (o == Outcome::NotStated) {
            notAssessed(id, kAuto, missing);
            return;
        }
        if (o != Outcome::Fire) return;
        if (firedWithoutText(id, kAuto, QStringLiteral("medium"))) return;
        // §9: when a split pair is below, the UM split string → the BI split string; else (only
        // um_per_accident below the CSL) um_per_accident → the CSL.
        const bool splitBelow = (c.umPerPerson && c.biPerPerson && *c.umPerPerson < *c.biPerPerson) ||
                                (c.umPerAccident && c.biPerAccident && *c.umPerAccident < *c.biPerAccident);
        JsonValue current, recommended;
        QString detail, recommendation;
        const QString why = QStringLiteral(
            ": the household is better protected when it injures others than when an uninsured driver "
            "injures it.");
        if (splitBelow) {
            const QString um = split(c.umPerPerson, c.umPerAccident),
                          bi = split(c.biPerPerson, c.biPerAccident);
            current = JsonValue(um);
            recommended = JsonValue(bi);
            detail =
                QStringLiteral("Uninsured motorist limits of %1 are below the bodily injury limits of %2")
                    .arg(um, bi);
            recommendation =
                QStringLiteral("Raise uninsured motorist limits from %1 to %2, matching bodily injury.")
                    .arg(um, bi);
        } else {
            current = money(*c.umPerAccident);
            recommended = money(*c.limitCombinedSingle);
            const QString um = formatMoney(*c.umPerAccident), csl = formatMoney(*c.limitCombinedSingle);
            detail = QStringLiteral("Uninsured motorist coverage of %1 per accident is below the %2 bodily "
                                    "injury combined single limit")
                         .arg(um, csl);
            recommendation = QStringLiteral("Raise uninsured motorist coverage from %1 to %2 per accident, "
                                            "matching the bodily injury combined single limit.")
                                 .arg(um, csl);
        }
        fire(id, kAuto, QStringLiteral("medium"),
             QStringLiteral("Uninsured motorist limits below bodily injury"), detail + why, current,
             recommended, recommendation);
    }

    void physicalDamage(const CoverageDetail &c) {
        const QString id = QStringLiteral("auto.no_physical_damage_recent_vehicle");
        QStringList missing;
        const Outcome o = rules::physicalDamage(c, m_in, m_now, m_p, &missing);
        if (o == Outcome::NotStated) {
            notAssessed(id, kAuto, missing);
            return;
        }
        if (o != Outcome::Fire) return;
        if (firedWithoutText(id, kAuto, QStringLiteral("high"))) return;
        const int from = m_now.date().year() - int(m_p.physicalRecentYears);
        QStringList recent;
        for (const Vehicle &v : m_in.vehiclesDetail)
            if (v.year && *v.year >= from)
                recent << QStringLiteral("%1 %2 %3")
                              .arg(QString::number(int(*v.year)), v.make, v.model)
                              .simplified();
        QStringList notCarried;
        if (c.collisionDeductible.none) notCarried << QStringLiteral("collision");
        if (c.comprehensiveDeductible.none) notCarried << QStringLiteral("comprehensive");
        fire(id, kAuto, QStringLiteral("high"),
             QStringLiteral("No physical damage coverage on a recent vehicle"),
             QStringLiteral(
                 "The auto policy carries no %1 coverage while the %2 (model year %3 or later) would be "
                 "costly to repair or replace out of pocket.")
                 .arg(notCarried.join(QStringLiteral(" or ")), recent.join(QStringLiteral(", ")))
                 .arg(from),
             JsonValue(QStringLiteral("none")), JsonValue(),
             QStringLiteral("Add %1 coverage for the %2 (model year %3 or later).")
                 .arg(notCarried.join(QStringLiteral(" and ")), recent.join(QStringLiteral(", ")))
                 .arg(from));
    }

    // ---- umbrella ----

    // Returns whether umbrella.missing fired.
    bool umbrellaMissing() {
        if (inForce(kUmbrella)) return false;
        const QString id = QStringLiteral("umbrella.missing");
        QStringList reasons, short_, missing;
        const auto &a = m_in.applicant;
        const auto &r = m_in.residence;
        if (!a.netWorth)
            missing << QStringLiteral("applicant.net_worth");
        else if (*a.netWorth > m_p.gapUmbrellaNetWorthTrigger) {
            reasons << QStringLiteral("net worth of %1 is above %2")
                           .arg(formatMoney(*a.netWorth), formatMoney(m_p.gapUmbrellaNetWorthTrigger));
            short_ << QStringLiteral("net worth of %1").arg(formatMoney(*a.netWorth));
        }
        // No drivers key: the driver trigger is not stated; an empty list states that there are none.
        QStringList young, undated;
        if (!m_in.driversStated) undated << QStringLiteral("drivers");
        for (int i = 0; i < int(m_in.drivers.size()); ++i) {
            const Driver &d = m_in.drivers[size_t(i)];
            const auto dob = d.dateOfBirth.isEmpty() ? std::nullopt : parseDate(d.dateOfBirth);
            if (!dob) {
                undated << QStringLiteral("drivers[%1].date_of_birth").arg(i);
                continue;
            }
            const int age = ageOn(*dob, m_now.date());
            if (age < m_p.gapUmbrellaDriverAgeUnder) {
                young << QStringLiteral("%1 is %2").arg(personName(d, i)).arg(age);
                short_ << QStringLiteral("a %1-year-old driver (%2)").arg(age).arg(personName(d, i));
            }
        }
        if (!young.isEmpty())
            reasons << QStringLiteral("%1, under %2")
                           .arg(young.join(QStringLiteral(", ")))
                           .arg(formatNumber(m_p.gapUmbrellaDriverAgeUnder, 0));
        else
            missing << undated;
        // One trigger each: pool or trampoline; rental units or rental properties.
        const auto either = [&](const std::optional<bool> &x, const std::optional<bool> &y, const QString &xn,
                                const QString &yn, const QString &reason) {
            if ((x && *x) || (y && *y)) {
                reasons << reason;
                short_ << reason;
            } else {
                if (!x) missing << xn;
                if (!y) missing << yn;
            }
        };
        const auto positive = [](const OptDouble &v) -> std::optional<bool> {
            return v ? std::optional<bool>(*v > 0) : std::nullopt;
        };
        QString attraction;
        if (r.pool && *r.pool) attraction = QStringLiteral("a pool");
        if (r.trampoline && *r.trampoline)
            attraction +=
                (attraction.isEmpty() ? QString() : QStringLiteral(" and ")) + QStringLiteral("a trampoline");
        either(r.pool, r.trampoline, QStringLiteral("residence.pool"), QStringLiteral("residence.trampoline"),
               QStringLiteral("%1 at the home").arg(attraction));
        const OptDouble units = r.rentalUnits, props = a.rentalProperties;
        either(positive(units), positive(props), QStringLiteral("residence.rental_units"),
               QStringLiteral("applicant.rental_properties"),
               QStringLiteral("rental property (tenants can sue)"));
        if (reasons.isEmpty()) {
            if (!missing.isEmpty()) notAssessed(id, kUmbrella, missing);
            return false;
        }
        if (firedWithoutText(id, kUmbrella, QStringLiteral("high"))) return true;
        const double target = umbrellaTarget(a.netWorth, m_p);
        QString because = short_.size() > 1 ? short_.mid(0, short_.size() - 1).join(QStringLiteral(", ")) +
                                                  QStringLiteral(" and ") + short_.last()
                                            : short_.first();
        fire(id, kUmbrella, QStringLiteral("high"), QStringLiteral("No umbrella policy"),
             QStringLiteral(
                 "No umbrella is in force, yet %1. A large liability claim beyond the home and auto "
                 "limits would fall on the household's own assets.")
                 .arg(reasons.join(QStringLiteral("; "))),
             JsonValue(), money(target),
             QStringLiteral(
                 "Add a personal umbrella of at least %1: %2 put more at stake than the home and auto "
                 "liability limits cover.")
                 .arg(formatMoney(target), because));
        return true;
    }

    void underlying(const CoverageDetail &u) {
        const QString id = QStringLiteral("umbrella.underlying_unmet");
        const RequiredUnderlying req = rules::requirement(u, m_p);
        QStringList missing;
        // One gap per short component, auto before home, in the form of the current evidence (§9, §11.8).
        struct Unmet {
            JsonValue current, needed;
            QString title, fromText, toText, what;
        };
        std::vector<Unmet> unmet;
        // §11.5: a component naming a line that is not in force is skipped.
        if (const CoverageDetail *a = line(kAuto)) {
            const rules::AutoUnderlying j = rules::autoUnderlying(*a, req);
            missing << j.missing;
            if (j.outcome == Outcome::Fire) {
                if (j.judgedOnCsl)
                    unmet.push_back({money(*a->limitCombinedSingle), money(*j.cslNeed),
                                     QStringLiteral("Auto limit below the umbrella's requirement"),
                                     formatMoney(*a->limitCombinedSingle), formatMoney(*j.cslNeed),
                                     QStringLiteral("auto combined single limit")});
                else {
                    const QString cur = split(a->biPerPerson, a->biPerAccident);
                    const QString need = split(req.autoBiPerPerson, req.autoBiPerAccident);
                    unmet.push_back({JsonValue(cur), JsonValue(need),
                                     QStringLiteral("Auto limits below the umbrella's requirement"), cur,
                                     need, QStringLiteral("auto bodily injury limits")});
                }
            }
        }
        if (const CoverageDetail *h = line(kHome)) {
            if (rules::homeMeets(*h, req, &missing) == Outcome::Fire)
                unmet.push_back({money(*h->liabilityLimit), money(*req.homeLiability),
                                 QStringLiteral("Home liability below the umbrella's requirement"),
                                 formatMoney(*h->liabilityLimit), formatMoney(*req.homeLiability),
                                 QStringLiteral("home liability limit")});
        }
        if (unmet.empty()) {
            if (!missing.isEmpty()) notAssessed(id, kUmbrella, missing);
            return;
        }
        for (const Unmet &x : unmet)
            if (!firedWithoutText(id, kUmbrella, QStringLiteral("critical")))
                fire(
                    id, kUmbrella, QStringLiteral("critical"), x.title,
                    QStringLiteral(
                        "The umbrella pays only above the limits it requires underneath: the %1 is "
                        "%2, the umbrella requires %3. The difference would be uninsured.")
                        .arg(x.what, x.fromText, x.toText),
                    x.current, x.needed,
                    QStringLiteral("Raise the %1 from %2 to at least %3.").arg(x.what, x.fromText, x.toText));
    }

    void limitBelowNetWorth(const CoverageDetail &u) {
        const QString id = QStringLiteral("umbrella.limit_below_net_worth");
        QStringList missing;
        if (!u.umbrellaLimit) missing << QStringLiteral("umbrella_limit");
        if (!m_in.applicant.netWorth) missing << QStringLiteral("applicant.net_worth");
        if (!missing.isEmpty()) {
            notAssessed(id, kUmbrella, missing);
            return;
        }
        const double limit = *u.umbrellaLimit, worth = *m_in.applicant.netWorth;
        if (limit >= worth) return;
        if (firedWithoutText(id, kUmbrella, QStringLiteral("medium"))) return;
        const double target = umbrellaTarget(worth, m_p);
        fire(id, kUmbrella, QStringLiteral("medium"), QStringLiteral("Umbrella limit below net worth"),
             QStringLiteral("The umbrella limit of %1 is below the household's net worth of %2.")
                 .arg(formatMoney(limit), formatMoney(worth)),
             money(limit), money(target),
             QStringLiteral("Raise the umbrella limit from %1 to at least %2, covering the %3 net worth.")
                 .arg(formatMoney(limit), formatMoney(target), formatMoney(worth)));
    }

    // ---- all lines ----

    void deductible(const QString &name) {
        const QString id = QStringLiteral("deductible.above_cash_reserve");
        const CoverageDetail &c = *line(name);
        // §11.3: an absent deductible is no deductible; the largest stated one counts.
        double largest = 0;
        QString which;
        QStringList missing;
        const auto consider = [&](double v, const QString &label) {
            if (v > largest) {
                largest = v;
                which = label;
            }
        };
        if (name == kHome) {
            const auto pctOf = [&](const AmountOrPercent &d, const QString &label) {
                if (!d.stated) return;
                if (const auto v = d.resolve(c.dwellingLimit))
                    consider(*v, d.percent ? QStringLiteral("%1 (%2% of the dwelling limit)")
                                                 .arg(label, QString::fromLatin1(shortestNumberText(d.value)))
                                           : label);
                else if (!missing.contains(QStringLiteral("dwelling_limit")))
                    missing << QStringLiteral("dwelling_limit");
            };
            pctOf(c.deductible, QStringLiteral("all-peril deductible"));
            pctOf(c.windHailDeductible, QStringLiteral("wind/hail deductible"));
        } else if (name == kAuto) {
            if (c.collisionDeductible.stated && !c.collisionDeductible.none)
                consider(c.collisionDeductible.amount, QStringLiteral("collision deductible"));
            if (c.comprehensiveDeductible.stated && !c.comprehensiveDeductible.none)
                consider(c.comprehensiveDeductible.amount, QStringLiteral("comprehensive deductible"));
            if (c.deductibleDefault) consider(*c.deductibleDefault, QStringLiteral("deductible"));
        } else if (name == kUmbrella) {
            if (c.retainedLimit) consider(*c.retainedLimit, QStringLiteral("retained limit"));
        }
        const OptDouble cash = m_in.applicant.cashReserve;
        if (cash && largest > *cash) {
            if (firedWithoutText(id, name, QStringLiteral("medium"))) return;
            const QString L = name.at(0).toUpper() + name.mid(1);
            fire(id, name, QStringLiteral("medium"),
                 QStringLiteral("%1 deductible above the cash reserve").arg(L),
                 QStringLiteral("The %1 %2 of %3 is more than the household's %4 cash reserve; a claim would "
                                "strain its savings.")
                     .arg(name, which, formatMoney(largest), formatMoney(*cash)),
                 money(largest), money(*cash),
                 QStringLiteral("Lower the %1 %2 from %3 to at most %4, the cash reserve.")
                     .arg(name, which, formatMoney(largest), formatMoney(*cash)));
            return;
        }
        // Undecided: the cash reserve is needed once any deductible is stated, and a percentage that
        // cannot be resolved could still be the largest.
        if (!cash && (largest > 0 || !missing.isEmpty()))
            missing.prepend(QStringLiteral("applicant.cash_reserve"));
        if (!missing.isEmpty()) notAssessed(id, name, missing);
    }

    // ---- history ----

    void lapse() {
        const QString id = QStringLiteral("history.lapse");
        // `lapses` not stated: not assessed; an empty list is assessed and does not fire (§9).
        if (!m_in.lapsesStated) {
            notAssessed(id, QString(), {QStringLiteral("insurance_history.lapses")});
            return;
        }
        const QDate from = m_now.date().addYears(-int(m_p.gapLapseYears));
        std::optional<QDate> latest;
        QStringList missing;
        for (int i = 0; i < int(m_in.history.lapses.size()); ++i) {
            const Lapse &l = m_in.history.lapses[size_t(i)];
            // The end decides, else the start; an unparseable one (an empty string included: it is
            // stated) is not replaced by the other.
            const bool useEnd = l.endStated;
            const QString text = useEnd ? l.end : l.start;
            const auto d = useEnd || l.startStated ? parseDate(text) : std::nullopt;
            if (!d) {
                // An undated lapse or an unparseable date: not assessed (§11.7).
                const QString field =
                    useEnd || !l.startStated ? QStringLiteral("end") : QStringLiteral("start");
                missing << QStringLiteral("insurance_history.lapses[%1].%2").arg(i).arg(field);
                continue;
            }
            // Windows are calendar years in UTC and include future dates (§11.7).
            if (*d >= from && (!latest || *d > *latest)) latest = d;
        }
        if (!latest) {
            if (!missing.isEmpty()) notAssessed(id, QString(), missing);
            return;
        }
        if (firedWithoutText(id, QString(), QStringLiteral("low"))) return;
        const QString date = latest->toString(Qt::ISODate);
        const QString clean = latest->addYears(int(m_p.gapLapseYears)).toString(Qt::ISODate);
        fire(id, QString(), QStringLiteral("low"), QStringLiteral("Recent lapse in coverage"),
             QStringLiteral(
                 "Coverage lapsed until %1, within the last %2 years; carriers may surcharge or decline "
                 "until the record is clean.")
                 .arg(date, formatNumber(m_p.gapLapseYears, 0)),
             JsonValue(date), JsonValue(),
             QStringLiteral("Keep coverage continuous: the lapse that ended %1 stops counting on %2.")
                 .arg(date, clean));
    }

    void notInForce(const QString &name) {
        if (firedWithoutText(QStringLiteral("line.not_in_force"), name, QStringLiteral("info"))) return;
        fire(QStringLiteral("line.not_in_force"), name, QStringLiteral("info"),
             QStringLiteral("No current %1 policy").arg(name),
             QStringLiteral("%1 coverage is requested but no current %1 policy is in force.")
                 .arg(name.at(0).toUpper() + name.mid(1)),
             JsonValue(), JsonValue(),
             QStringLiteral("Place new %1 coverage; there is no current policy to compare against.")
                 .arg(name));
    }
};

} // namespace

const QStringList &gapRuleOrder() {
    static const QStringList order = {
        QStringLiteral("home.dwelling_under_replacement"),
        QStringLiteral("home.acv_settlement"),
        QStringLiteral("home.liability_low"),
        QStringLiteral("home.no_water_backup"),
        QStringLiteral("home.flood_zone_uninsured"),
        QStringLiteral("auto.bi_low"),
        QStringLiteral("auto.um_below_bi"),
        QStringLiteral("auto.no_physical_damage_recent_vehicle"),
        QStringLiteral("umbrella.missing"),
        QStringLiteral("umbrella.underlying_unmet"),
        QStringLiteral("umbrella.limit_below_net_worth"),
        QStringLiteral("deductible.above_cash_reserve"),
        QStringLiteral("history.lapse"),
        QStringLiteral("line.not_in_force"),
    };
    return order;
}

const QStringList &gapSeverityOrder() {
    static const QStringList order = {QStringLiteral("critical"), QStringLiteral("high"),
                                      QStringLiteral("medium"), QStringLiteral("low"),
                                      QStringLiteral("info")};
    return order;
}

std::optional<StateMinimum> stateMinimum(const QString &state) {
    static const std::map<QString, StateMinimum> table = [] {
        std::map<QString, StateMinimum> t;
        QFile f(QStringLiteral(":/state-minimum-liability.json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("The state minimum liability table is missing from the resources");
        const auto root = parseJson(f.readAll());
        if (!root) qFatal("The state minimum liability table is not valid JSON");
        for (const auto &[code, entry] : (*root)[u"states"].objectMembers()) {
            const JsonValue &pp = entry[u"bi_per_person"];
            const JsonValue &pa = entry[u"bi_per_accident"];
            if (pp.isNumber() && pa.isNumber()) t[code.trimmed().toUpper()] = {pp.toDouble(), pa.toDouble()};
        }
        return t;
    }();
    const auto it = table.find(state.trimmed().toUpper());
    if (it == table.end()) return std::nullopt;
    return it->second;
}

const CoverageLines &currentSource(const CaseInput &input) {
    return input.currentPortfolioIsObject ? input.currentPortfolio : input.currentCoverage;
}

QStringList gapRequestedLines(const CaseInput &input) {
    if (!input.coverageTypesWellTyped || input.coverageTypes.isEmpty()) return {};
    QStringList out;
    for (const QString &t : input.coverageTypes) {
        // Reading: coverage_types is valid or not as a whole; one unknown or repeated entry makes it
        // invalid, and then no line counts as requested.
        if (!lineFromName(t) || out.contains(t)) return {};
        out << t;
    }
    return out;
}

GapAnalysis analyseCurrentCoverage(const CaseInput &input, const QDateTime &now,
                                   const EngineProfile &profile) {
    return analyseGaps(input, currentSource(input), gapRequestedLines(input),
                       normalisedState(input.address.state), now, profile);
}

GapAnalysis analyseGaps(const CaseInput &input, const CoverageLines &lines, const QStringList &requested,
                        const QString &state, const QDateTime &now, const EngineProfile &profile,
                        bool withMemo) {
    return GapRules(input, lines, requested, state, now, profile).run(withMemo);
}

GapAnalysis analysePackageGaps(const CaseInput &input, const CoverageLines &lines,
                               const QStringList &requested, const QString &state, const QDateTime &now,
                               const EngineProfile &profile) {
    return GapRules(input, lines, requested, state, now, profile, true).run(false);
}

CoverageLines withPackageLines(const CoverageLines &current, const std::vector<const Offering *> &package) {
    CoverageLines out = current;
    for (const Offering *o : package) {
        if (!o) continue;
        CoverageDetail d = o->coverage;
        d.carrier = o->providerName.isEmpty() ? o->providerId : o->providerName;
        d.annualPremium = o->attributes.linePremiumAnnual;
        out[o->category] = std::move(d);
    }
    return out;
}

} // namespace pw
