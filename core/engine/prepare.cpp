// SPDX-License-Identifier: MIT
// Stage FILTER and the per-offering facts of ASSEMBLE, PRICE and SCORE (engine.md §2–§5).
#include "packages.h"

#include "engine/gaps.h"
#include "engine/grades.h"
#include "util/dates.h"
#include "util/numbers.h"

#include <QHash>
#include <QSet>

#include <algorithm>

#include <cmath>
#include <map>

namespace pw {

namespace {

QStringList insuredNaics(const CaseInput &in) {
    QStringList codes;
    for (const auto &c : in.naics + in.applicant.naics) {
        const QString t = c.trimmed();
        if (!t.isEmpty() && !codes.contains(t)) codes << t;
    }
    return codes;
}

// A code matches an entry equal to it or a prefix of it.
bool naicsMatches(const QString &code, const QStringList &entries) {
    for (const auto &e : entries) {
        const QString t = e.trimmed();
        if (!t.isEmpty() && code.startsWith(t)) return true;
    }
    return false;
}

OptDouble householdVehicles(const CaseInput &in) {
    if (in.vehicles) return in.vehicles;
    if (in.householdVehicles) return in.householdVehicles;
    if (in.vehiclesDetailStated) return double(in.vehiclesDetail.size());
    return std::nullopt;
}

bool usable(const OptDouble &v) {
    return v && std::isfinite(*v) && *v > 0;
}

// The filter rules in order; returns the first that applies (empty code: eligible).
FilteredOffering filterOffering(const Offering &o, const CaseInput &in, const QStringList &naics,
                                const QDateTime &now, const EngineProfile &p) {
    FilteredOffering f;
    const QString state = in.address.state.trimmed().toUpper();
    for (const auto &s : o.constraints.excludedStates) {
        if (s.trimmed().toUpper() == state) {
            f.reason = QStringLiteral("state_excluded");
            f.detail = QStringLiteral("%1 does not write %2 in %3.").arg(o.providerName, o.category, state);
            return f;
        }
    }
    for (const auto &code : naics) {
        if (naicsMatches(code, o.constraints.prohibitedNaics)) {
            f.reason = QStringLiteral("naics_prohibited");
            f.detail = QStringLiteral("%1 prohibits NAICS %2.").arg(o.providerName, code);
            return f;
        }
    }
    if (o.category == u"auto" && o.attributes.quotedVehicleCount) {
        const OptDouble count = householdVehicles(in);
        if (count && *o.attributes.quotedVehicleCount < *count) {
            f.reason = QStringLiteral("vehicle_count_short");
            f.detail = QStringLiteral("Quoted for %1 vehicles; the household has %2.")
                           .arg(formatNumber(*o.attributes.quotedVehicleCount), formatNumber(*count));
            return f;
        }
    }
    if (const auto expires = parseTimestampMs(o.attributes.quoteExpiresAt);
        expires && *expires < now.toMSecsSinceEpoch()) {
        f.reason = QStringLiteral("quote_expired");
        f.detail = QStringLiteral("The quote expired %1.").arg(formatTimestamp(utcFromMs(*expires)));
        return f;
    }
    if (!linePremiumOf(o, p)) {
        f.reason = QStringLiteral("no_premium");
        f.detail = o.attributes.linePremium && o.attributes.termMonths && *o.attributes.termMonths <= 0
                       ? QStringLiteral("No usable premium: term_months %1 cannot annualise line_premium.")
                             .arg(formatNumber(*o.attributes.termMonths))
                       : QStringLiteral("No usable premium (line_premium_annual or line_premium).");
        return f;
    }
    return f;
}

// Carrier names normalised once per case (§5.6): offerings of one carrier share the work, and the
// incumbents and non-renewed carriers are normalised once, not per offering.
class NormalisedNames {
public:
    const QString &of(const QString &name) {
        auto it = m_names.find(name);
        if (it == m_names.end()) it = m_names.insert(name, normaliseCarrierName(name));
        return *it;
    }

private:
    QHash<QString, QString> m_names;
};

void appetiteFacts(OfferingFacts &f, const Offering &o, const CaseInput &in, const QStringList &naics,
                   const QDateTime &now, const EngineProfile &p, NormalisedNames &names) {
    auto add = [&](const QString &code, const QString &text, double points, bool blocker = false) {
        f.appetitePoints += points;
        f.appetiteBlocks = f.appetiteBlocks || blocker;
        f.appetiteReasons.push_back({code, text, points, blocker});
    };
    for (const auto &code : naics)
        if (naicsMatches(code, o.constraints.avoidedNaics))
            add(QStringLiteral("avoided_naics"),
                QStringLiteral("%1 avoids NAICS %2.").arg(o.providerName, code), p.avoidedNaics);
    if (f.line == Line::Auto && o.pricingTier.trimmed().toLower() == u"premium") {
        bool incidents = false;
        for (const auto &d : in.drivers)
            incidents = incidents || d.violations5yr.value_or(0) > 0 || d.accidents5yr.value_or(0) > 0;
        if (incidents)
            add(QStringLiteral("premium_auto_incidents"),
                QStringLiteral(
                    "%1 premium-tier auto with a driver who has violations or accidents in 5 years.")
                    .arg(o.providerName),
                p.premiumAutoIncidents);
    }
    if (o.attributes.bindable && !*o.attributes.bindable)
        add(QStringLiteral("not_bindable"),
            QStringLiteral("%1 %2 quote is not bindable.").arg(o.providerName, o.category), p.notBindable);
    if (const auto gen = parseTimestampMs(o.attributes.quoteGeneratedAt)) {
        const qint64 ageMs = now.toMSecsSinceEpoch() - *gen;
        if (double(ageMs) > p.staleQuoteDays * 24.0 * 3600.0 * 1000.0)
            add(QStringLiteral("stale_quote"),
                QStringLiteral("%1 %2 quote generated %3, more than %4 days ago.")
                    .arg(o.providerName, o.category, formatTimestamp(utcFromMs(*gen)),
                         formatNumber(p.staleQuoteDays)),
                p.staleQuote);
    }
    const QDate windowStart = now.toUTC().date().addYears(-int(p.nonRenewalYears));
    for (const auto &nr : in.history.nonRenewals) {
        if (!carrierMatchesNormalised(o, names.of(o.providerName), names.of(nr.carrier))) continue;
        const auto d = parseDate(nr.date);
        if (!d || *d >= windowStart) {
            add(QStringLiteral("non_renewal"),
                QStringLiteral("%1 non-renewed this insured%2.")
                    .arg(o.providerName,
                         d ? QStringLiteral(" on %1").arg(d->toString(Qt::ISODate)) : QString()),
                0, true);
            break;
        }
    }
}

// The packed copy of the facts the ranking loops read.
void packFacts(PreparedCase &pc) {
    const EngineProfile &p = *pc.profile;
    for (size_t s = 0; s < pc.lines.size(); ++s) {
        for (int fi : pc.bySlot[s]) {
            const OfferingFacts &f = pc.facts[size_t(fi)];
            PackedFact k;
            k.premiumCents = f.premiumCents;
            k.coverageLine = std::clamp(p.lineStart + f.coverage.points, 0.0, 100.0);
            k.coverageLineUnderlyingNS =
                std::clamp(p.lineStart + f.coverage.points + p.underlyingNotStated, 0.0, 100.0);
            k.financial = f.financialScore;
            k.appetitePoints = f.appetitePoints;
            k.rating = p.serviceRatingFactor * f.serviceRating;
            k.indicativeCents = f.indicative ? roundCents(p.indicativeUplift * f.premiumCents) : 0;
            k.breakAloneCents = f.group >= 0 ? roundCents(p.bundleBreakUplift * f.premiumCents) : 0;
            k.group = f.group;
            k.carrier = f.carrier;
            k.fact = fi;
            auto flag = [](bool on, PackedFact::Flag fl) { return on ? unsigned(fl) : 0u; };
            k.flags = flag(f.indicative, PackedFact::Indicative) |
                      flag(f.coverage.blocked, PackedFact::CoverageBlocks) |
                      flag(f.financialBlocks, PackedFact::FinancialBlocks) |
                      flag(f.appetiteBlocks, PackedFact::AppetiteBlocks) |
                      flag(f.hasServiceRating, PackedFact::HasRating) |
                      flag(f.incumbent, PackedFact::Incumbent);
            pc.packed[s].push_back(k);
        }
    }
    for (const auto &g : pc.groups) {
        pc.groupMemberCount.push_back(g.memberCount);
        pc.groupPrice.push_back(dollarsToCents(g.price));
    }
}

} // namespace

OptDouble linePremiumOf(const Offering &o, const EngineProfile &p) {
    if (usable(o.attributes.linePremiumAnnual)) return o.attributes.linePremiumAnnual;
    if (usable(o.attributes.linePremium)) {
        const double term = o.attributes.termMonths.value_or(p.defaultTermMonths);
        // term_months 0 or below: unusable, not an error (§2).
        if (!(term > 0)) return std::nullopt;
        // A derived premium is a cost that arises here: computed in cents and rounded to whole cents
        // (§2, §4, §11.1).
        const double annual =
            double(roundCents(dollarsToCents(*o.attributes.linePremium) * 12.0 / term)) / 100;
        if (std::isfinite(annual) && annual > 0) return annual;
    }
    return std::nullopt;
}

std::optional<double> currentPremiumOf(const CaseInput &in) {
    if (in.premium) return in.premium;
    const CoverageLines &src = currentSource(in);
    if (src.empty()) return std::nullopt;
    double sum = 0;
    for (const auto &[name, line] : src) {
        if (!line.annualPremium) return std::nullopt;
        sum += *line.annualPremium;
    }
    return sum;
}

void buildPrepared(PreparedCase &pc) {
    const EngineProfile &p = *pc.profile;
    const CaseInput &in = pc.cs.input;
    const QStringList naics = insuredNaics(in);
    for (const auto &t : in.coverageTypes)
        if (auto l = lineFromName(t)) pc.lines.push_back(*l);
    for (size_t s = 0; s < pc.lines.size(); ++s) {
        if (pc.lines[s] == Line::Umbrella) pc.umbrellaSlot = int(s);
        if (pc.lines[s] == Line::Auto) pc.autoSlot = int(s);
        if (pc.lines[s] == Line::Home) pc.homeSlot = int(s);
    }
    QSet<QString> requested(in.coverageTypes.begin(), in.coverageTypes.end());
    std::vector<bool> member(pc.cs.offerings.size(), false);
    std::vector<int> eligible;
    for (size_t i = 0; i < pc.cs.offerings.size(); ++i) {
        const Offering &o = pc.cs.offerings[i];
        if (!requested.contains(o.category)) {
            pc.ignored.push_back(int(i));
            continue;
        }
        member[i] = true;
        FilteredOffering f = filterOffering(o, in, naics, pc.now, p);
        if (!f.reason.isEmpty()) {
            f.offering = int(i);
            pc.filtered.push_back(f);
        } else {
            eligible.push_back(int(i));
        }
    }

    // Bundle groups over eligible and filtered offerings, in case order.
    std::map<std::pair<QString, QString>, int> groupIndex;
    std::vector<int> groupOf(pc.cs.offerings.size(), -1);
    std::vector<BundleGroup> groups;
    for (size_t i = 0; i < pc.cs.offerings.size(); ++i) {
        if (!member[i]) continue;
        const Offering &o = pc.cs.offerings[i];
        QString key;
        if (!o.attributes.packageId.isEmpty())
            key = QStringLiteral("id:") + o.attributes.packageId;
        else if (usable(o.attributes.packagePremiumAnnual))
            key = QStringLiteral("price:") +
                  QString::number(std::llround(*o.attributes.packagePremiumAnnual * 100));
        else
            continue;
        const auto k = std::make_pair(o.carrierKey(), key);
        auto it = groupIndex.find(k);
        if (it == groupIndex.end()) {
            it = groupIndex.emplace(k, int(groups.size())).first;
            BundleGroup g;
            g.providerId = o.providerId;
            g.providerName = o.providerName;
            g.packageId = o.attributes.packageId;
            groups.push_back(g);
        }
        BundleGroup &g = groups[size_t(it->second)];
        if (g.price <= 0 && usable(o.attributes.packagePremiumAnnual))
            g.price = *o.attributes.packagePremiumAnnual;
        g.members.push_back(int(i));
        groupOf[i] = it->second;
    }
    // Only groups with a package price and at least two members bundle anything.
    std::vector<int> remap(groups.size(), -1);
    for (size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].price > 0 && groups[g].members.size() >= 2) {
            remap[g] = int(pc.groups.size());
            groups[g].memberCount = int(groups[g].members.size());
            pc.groups.push_back(groups[g]);
        }
    }

    const CoverageLines &source = currentSource(in);
    NormalisedNames names;
    QHash<QString, int> carrierIndex;
    for (int i : eligible) {
        const Offering &o = pc.cs.offerings[size_t(i)];
        OfferingFacts f;
        f.offering = i;
        f.line = *lineFromName(o.category);
        for (size_t s = 0; s < pc.lines.size(); ++s)
            if (pc.lines[s] == f.line) f.slot = int(s);
        f.linePremium = *linePremiumOf(o, p);
        f.premiumCents = dollarsToCents(f.linePremium);
        f.group = groupOf[size_t(i)] >= 0 ? remap[size_t(groupOf[size_t(i)])] : -1;
        f.indicative = o.attributes.rateType.trimmed().compare(u"indicative", Qt::CaseInsensitive) == 0;
        f.commission = o.commission.value_or(0);
        const QString ck = o.carrierKey();
        auto known = carrierIndex.constFind(ck);
        if (known == carrierIndex.cend()) {
            known = carrierIndex.insert(ck, int(pc.carriers.size()));
            pc.carriers << ck;
            pc.carrierNames.push_back(o.providerName);
        }
        f.carrier = *known;
        // Points only: the reasons' texts are built when a solution is explained (explain.cpp).
        f.coverage = assessLine(f.line, o, in, pc.now, p, LineReasons::PointsOnly);
        const Grade g = normaliseGrade(o.qualityRating, o.qualityRatingAgency);
        const GradeEntry ge = gradeEntry(p, g).value_or(GradeEntry{p.notRated, false});
        f.financialScore = ge.score;
        f.financialBlocks = ge.blocks;
        f.grade = g.grade.isEmpty() ? QStringLiteral("NR") : g.grade;
        appetiteFacts(f, o, in, naics, pc.now, p, names);
        if (o.attributes.serviceRating) {
            // Outside the scale: a validation warning, clamped for scoring (§5.6).
            f.hasServiceRating = true;
            f.serviceRating = std::clamp(*o.attributes.serviceRating, 0.0, p.serviceRatingMax);
        }
        const auto cur = source.find(lineName(f.line));
        f.incumbent = cur != source.end() &&
                      carrierMatchesNormalised(o, names.of(o.providerName), names.of(cur->second.carrier));
        pc.bySlot[size_t(f.slot)].push_back(int(pc.facts.size()));
        pc.facts.push_back(std::move(f));
    }
    for (size_t s = 0; s < pc.lines.size(); ++s)
        if (pc.bySlot[s].empty()) pc.missingLines << lineName(pc.lines[s]);

    if (pc.umbrellaSlot >= 0) {
        // One row per distinct effective requirement, in order of first appearance.
        std::vector<RequiredUnderlying> rows;
        for (int u : pc.bySlot[size_t(pc.umbrellaSlot)]) {
            const auto req =
                rules::requirement(pc.cs.offerings[size_t(pc.facts[size_t(u)].offering)].coverage, p);
            auto it = std::find(rows.begin(), rows.end(), req);
            if (it == rows.end()) it = rows.insert(rows.end(), req);
            pc.umbrellaRow.push_back(int(it - rows.begin()));
        }
        auto table = [&](int slot, std::vector<unsigned char> &out, bool isAuto) {
            if (slot < 0) return;
            out.reserve(rows.size() * pc.bySlot[size_t(slot)].size());
            for (const auto &req : rows) {
                for (int other : pc.bySlot[size_t(slot)]) {
                    const auto &c = pc.cs.offerings[size_t(pc.facts[size_t(other)].offering)].coverage;
                    out.push_back(
                        (unsigned char)(isAuto ? rules::autoMeets(c, req) : rules::homeMeets(c, req)));
                }
            }
        };
        table(pc.autoSlot, pc.underAuto, true);
        table(pc.homeSlot, pc.underHome, false);
    }
    packFacts(pc);
    pc.currentPremium = currentPremiumOf(in);
}

} // namespace pw
