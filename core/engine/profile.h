// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QString>
#include <QStringList>

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace pw {

// The six scorecard dimensions, in the order the run object writes them.
enum class Dimension { Pricing, Coverage, Financial, Appetite, Placement, Service };
constexpr std::array<Dimension, 6> kDimensions = {Dimension::Pricing,   Dimension::Coverage,
                                                  Dimension::Financial, Dimension::Appetite,
                                                  Dimension::Placement, Dimension::Service};
QString dimensionName(Dimension d);

using Weights = std::array<double, 6>; // indexed by Dimension

struct GradeEntry {
    double score = 0;
    bool blocks = false;
};

// Every number of engine.md §2–§9: weights per appetite bucket, thresholds, penalties, uplifts and grade
// tables. Loaded from resources/engine-profile.json, with an optional user profile deep-merged over it;
// code reads thresholds only from here. Penalties are stored as signed points (negative subtracts).
struct EngineProfile {
    QString defaultBucket;
    double levelL1 = 85, levelL2 = 65, levelL3 = 40;
    double blockedCap = 39;
    std::map<QString, Weights> weights; // bucket -> weights
    QStringList bucketOrder;

    double defaultTermMonths = 12;
    double bundleBreakUplift = 0.10, indicativeUplift = 0.05, pricingSlope = 200;

    double lineStart = 100;
    std::map<QString, double> tierFallback;               // premium, standard, economy, basic, other
    std::vector<std::pair<double, double>> dwellingTiers; // (min ratio, points), descending
    double dwellingBelowPoints = -60, dwellingNotStated = -15;
    double settlementAcvPoints = -25, settlementNotStated = -10;
    double homeLiabilityMinimum = 300000, homeLiabilityPoints = -15, homeLiabilityNotStated = -8;
    double waterBackupPoints = -10;
    double deductibleMaxPct = 1, deductiblePoints = -5, deductibleNotStated = 0;
    double biFullPerPerson = 250000, biFullPerAccident = 500000, biFullCsl = 500000;
    double biMidPerPerson = 100000, biMidPerAccident = 300000, biMidCsl = 300000;
    double biMidPoints = -15, biLowPoints = -40, biNotStated = -20;
    double umPoints = -10, umNotStated = -5;
    double physicalRecentYears = 7, physicalPoints = -20, physicalNotStated = 0;
    double umbrellaMinimum = 1000000, umbrellaPoints = -20, umbrellaNotStated = -10;
    double underlyingAutoPerPerson = 250000, underlyingAutoPerAccident = 500000,
           underlyingHomeLiability = 300000;
    std::optional<double> underlyingAutoCsl;
    double underlyingNotStated = -20;

    std::map<QString, GradeEntry> amBest, demotech;
    double notRated = 50;

    double appetiteStart = 100, avoidedNaics = -30, premiumAutoIncidents = -20, notBindable = -25,
           staleQuote = -10;
    double staleQuoteDays = 30, nonRenewalYears = 5;

    std::vector<double> placementByCarriers; // [1 carrier, 2, 3, …]; more carriers use the last
    double bundleLineBonus = 10, placementCap = 100;

    double serviceBase = 60, serviceRatingFactor = 20, serviceIncumbent = 20, serviceCap = 100,
           renewalPenalty = -10;
    double serviceRatingMax = 5; // service_rating is on a 0–max scale; outside it: warning, clamped

    double gapDwellingCriticalRatio = 0.8, gapHomeLiabilityMinimum = 300000;
    double gapAutoBiPerPersonMinimum = 100000, gapAutoBiPerAccidentMinimum = 300000,
           gapAutoCslMinimum = 300000;
    double gapUmbrellaNetWorthTrigger = 500000, gapUmbrellaDriverAgeUnder = 21,
           gapUmbrellaMinimumLimit = 1000000;
    double gapUmbrellaLimitStep = 1000000; // recommended umbrella limits are whole multiples of this
    double gapLapseYears = 3;

    JsonValue source; // the merged profile JSON

    QString levelFor(double score) const;
    bool hasBucket(const QString &b) const { return weights.count(b) > 0; }
};

struct ProfileResult {
    std::optional<EngineProfile> profile;
    QStringList errors; // "path: message"
};

// The bundled profile (resources/engine-profile.json), loaded once.
const EngineProfile &defaultProfile();
// The bundled profile with a user profile merged over it. Unknown keys, wrong types and weights that do
// not sum to 1 (±0.001) are errors.
ProfileResult loadProfile(const JsonValue &userProfile);
ProfileResult loadProfileFile(const QString &fileName);
// Deep merge: objects merge member by member, anything else replaces.
JsonValue deepMerge(const JsonValue &base, const JsonValue &over);

} // namespace pw
