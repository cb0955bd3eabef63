// SPDX-License-Identifier: MIT
#pragma once

#include "engine/profile.h"
#include "model/case.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace pw {

// One reason behind a dimension score: a code of engine.md §11.2, a sentence with the numbers used,
// and the points it moved the score by (0 for information). A blocker is a ⛔ reason.
struct Reason {
    QString code;
    QString text;
    double points = 0;
    bool blocker = false;
    bool operator==(const Reason &) const = default;
};

// The outcome of a rule that may lack its inputs: it fires, it does not, or it cannot be decided.
enum class Outcome { Pass, Fire, NotStated };

// The coverage rules of engine.md §5.2 as reusable judgements; gap analysis (§9) asks the same questions.
namespace rules {

struct DwellingJudgement {
    Outcome outcome = Outcome::NotStated;
    double ratio = 0;     // effective dwelling ÷ replacement cost (1 for guaranteed replacement)
    double effective = 0; // effective dwelling limit in dollars (0 when guaranteed without a limit)
    bool guaranteed = false;
    QStringList missing;
};
DwellingJudgement dwelling(const CoverageDetail &c, OptDouble replacementCost);

enum class BiTier { Full, Mid, Low, NotStated };
BiTier bodilyInjury(const CoverageDetail &c, const EngineProfile &p);

// um_below_bi on the comparable pairs; Fire when any pair has UM below BI.
Outcome umBelowBi(const CoverageDetail &c, QStringList *missing = nullptr);
// physical_damage: "none" on collision or comprehensive while a vehicle is recent (model years from
// input.vehicles_detail; without it they are not stated).
Outcome physicalDamage(const CoverageDetail &c, const CaseInput &input, const QDateTime &now,
                       const EngineProfile &p, QStringList *missing = nullptr);

// The effective underlying requirement of an umbrella: its required_underlying over the profile default.
RequiredUnderlying requirement(const CoverageDetail &umbrella, const EngineProfile &p);
// The auto part of a requirement: met by the split (both parts) or the CSL. Fire (unmet) when every
// stated form falls short; NotStated when a partly stated split could still meet it or nothing is stated.
struct AutoUnderlying {
    Outcome outcome = Outcome::NotStated;
    bool judgedOnCsl = false; // unmet on a CSL alone (no split part stated)
    OptDouble cslNeed;        // the figure a CSL must reach: auto_csl, else the per-accident figure
    QStringList missing;
};
AutoUnderlying autoUnderlying(const CoverageDetail &autoLine, const RequiredUnderlying &req);
// Whether an auto line meets the auto part of a requirement (Pass = met, Fire = unmet).
Outcome autoMeets(const CoverageDetail &autoLine, const RequiredUnderlying &req,
                  QStringList *missing = nullptr);
Outcome homeMeets(const CoverageDetail &homeLine, const RequiredUnderlying &req,
                  QStringList *missing = nullptr);

// Whether a line states none of the keys its rules read (engine.md §11.4): it then falls back on its tier.
bool usesTierFallback(Line line, const CoverageDetail &c);
double tierScore(const QString &pricingTier, const EngineProfile &p, QString *tierName = nullptr);

} // namespace rules

// A line's coverage score without the package-dependent umbrella `underlying` rule (engine.md §5.2).
// Invariant: points, blocked and fallback are the same whether the reasons are kept or not; `reasons`
// is empty unless withReasons (their texts are built only for the solutions a run explains).
struct LineAssessment {
    double points = 0; // Σ reason points (the line starts at the profile's line_start)
    bool blocked = false;
    bool fallback = false;
    bool withReasons = true;
    std::vector<Reason> reasons; // in rule order, each with its sentence; empty without withReasons
};

enum class LineReasons { Kept, PointsOnly };
LineAssessment assessLine(Line line, const Offering &o, const CaseInput &input, const QDateTime &now,
                          const EngineProfile &p, LineReasons reasons = LineReasons::Kept);

// The umbrella's `underlying` rule for one package: the auto and home lines present (nullptr: absent).
struct UnderlyingJudgement {
    Outcome outcome = Outcome::Pass; // Fire = unmet (⛔)
    double points = 0;
    Reason reason;
};
UnderlyingJudgement judgeUnderlying(const CoverageDetail &umbrella, const CoverageDetail *autoLine,
                                    const CoverageDetail *homeLine, const EngineProfile &p);

// Names compared as §5.6 says: lower case, punctuation to spaces, filler words removed, spaces removed.
QString normaliseCarrierName(const QString &name);
// Whether an offering's carrier is the named carrier (by normalised name, or provider_id equal to it).
bool carrierMatches(const Offering &o, const QString &carrierName);
// The same with both names already normalised (a case normalises each name once, not per offering).
bool carrierMatchesNormalised(const Offering &o, const QString &normalisedProviderName,
                              const QString &normalisedCarrier);

} // namespace pw
