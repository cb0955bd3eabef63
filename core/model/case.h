// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <array>
#include <map>
#include <optional>
#include <vector>

namespace pw {

// The typed view of a case (`input` + `offerings`). Every field the specs read is optional: "not stated"
// (absent or null) is kept apart from zero or "none". Money is in US dollars as doubles. The JSON tree
// the view was read from stays the source of truth for writing the file back (see CaseDocument); the
// view is rebuilt from it after every edit.

enum class Line { Home, Auto, Umbrella };
constexpr std::array<Line, 3> kAllLines = {Line::Home, Line::Auto, Line::Umbrella};
QString lineName(Line l);
std::optional<Line> lineFromName(const QString &name);

using OptDouble = std::optional<double>;

// An amount or a percentage of the dwelling limit ("1%", "2%"), as home deductibles are written.
struct AmountOrPercent {
    bool stated = false;
    bool percent = false;
    double value = 0; // dollars, or percent points when `percent`
    // Dollars, given the dwelling limit for percentages; nullopt when not decidable.
    OptDouble resolve(OptDouble dwellingLimit) const;
    bool operator==(const AmountOrPercent &) const = default;
};

// A physical-damage deductible: a number, or "none" for coverage not carried.
struct PhysicalDeductible {
    bool stated = false;
    bool none = false;
    double amount = 0;
    bool operator==(const PhysicalDeductible &) const = default;
};

enum class Settlement {
    ActualCashValue,
    ReplacementCost,
    ExtendedReplacementCost,
    GuaranteedReplacementCost
};
QString settlementName(Settlement s);

struct RequiredUnderlying {
    OptDouble autoBiPerPerson, autoBiPerAccident, autoCsl, homeLiability;
    bool operator==(const RequiredUnderlying &) const = default;
};

// The coverage detail keys of engine.md §8, for one line (offering.coverage or a current line).
struct CoverageDetail {
    // home
    OptDouble dwellingLimit, otherStructuresLimit, personalPropertyLimit, lossOfUseLimit, liabilityLimit,
        medicalPaymentsLimit;
    AmountOrPercent deductible, windHailDeductible;
    std::optional<Settlement> settlement;
    OptDouble extendedReplacementPct, waterBackupLimit, floodLimit;
    // auto
    OptDouble biPerPerson, biPerAccident, pdPerAccident, limitCombinedSingle, umPerPerson, umPerAccident,
        medicalPayments, pip;
    PhysicalDeductible comprehensiveDeductible, collisionDeductible;
    OptDouble deductibleDefault;
    // umbrella
    OptDouble umbrellaLimit, retainedLimit;
    std::optional<RequiredUnderlying> requiredUnderlying;
    // descriptive
    QString productName;
    // current lines only
    QString carrier, policyNumber, expirationDate;
    OptDouble annualPremium;
    bool operator==(const CoverageDetail &) const = default;
};

struct Address {
    QString line1, city, state, zipCode;
    bool operator==(const Address &) const = default;
};

struct Applicant {
    QString firstName, lastName, dateOfBirth, maritalStatus, occupation;
    OptDouble netWorth, cashReserve, rentalProperties;
    QStringList naics;
    bool operator==(const Applicant &) const = default;
};

struct Driver {
    QString driverId, firstName, lastName, dateOfBirth;
    OptDouble yearsLicensed, violations5yr, accidents5yr;
    bool operator==(const Driver &) const = default;
};

struct Vehicle {
    OptDouble year;
    QString make, model, vin, garagingZip, primaryDriverId;
    bool operator==(const Vehicle &) const = default;
};

struct Residence {
    QString construction, floodZone;
    bool floodZoneStated = false; // flood_zone present and not null ("" is stated)
    OptDouble squareFeet, yearBuilt, roofYear, replacementCost, rentalUnits;
    std::optional<bool> pool, trampoline;
    bool operator==(const Residence &) const = default;
};

struct Lapse {
    QString start, end;
    bool startStated = false, endStated = false; // present and not null ("" is stated, and not a date)
    bool operator==(const Lapse &) const = default;
};

struct NonRenewal {
    QString carrier, line, date;
    bool operator==(const NonRenewal &) const = default;
};

struct InsuranceHistory {
    OptDouble continuousCoverageYears;
    std::vector<Lapse> lapses;
    std::vector<NonRenewal> nonRenewals;
    int claimCount = 0;
    bool operator==(const InsuranceHistory &) const = default;
};

struct RequestConfig {
    std::optional<bool> quoteMatching, coverageAnalysis;
    bool operator==(const RequestConfig &) const = default;
};

// A set of current lines keyed by line name (home, auto, umbrella, flood, or anything else stated).
using CoverageLines = std::map<QString, CoverageDetail>;

struct CaseInput {
    Address address;
    Applicant applicant;
    QStringList naics; // input.naics
    std::vector<Driver> drivers;
    OptDouble vehicles;          // input.vehicles (a number, or an array's length)
    OptDouble householdVehicles; // input.household.vehicles
    std::vector<Vehicle> vehiclesDetail;
    bool vehiclesDetailStated = false;
    Residence residence;
    CoverageLines currentCoverage;
    bool currentCoverageStated = false;    // input.current_coverage is an object (`{}` included)
    bool currentPortfolioIsObject = false; // any other type of current_portfolio is ignored (§9)
    CoverageLines currentPortfolio;
    InsuranceHistory history;
    bool driversStated = false;         // input.drivers is an array (an empty one included)
    bool lapsesStated = false;          // input.insurance_history.lapses is an array (an empty one included)
    QStringList coverageTypes;          // the string items as written (validated separately)
    bool coverageTypesWellTyped = true; // absent/null, or an array of strings only
    QString appetiteBucket;
    RequestConfig requestConfig;
    OptDouble premium;
    bool operator==(const CaseInput &) const = default;
};

struct Constraints {
    QStringList excludedStates, prohibitedNaics, avoidedNaics;
    bool operator==(const Constraints &) const = default;
};

struct OfferingAttributes {
    QString quoteId, packageId, quoteGeneratedAt, quoteExpiresAt, rateType;
    OptDouble linePremiumAnnual, linePremium, termMonths, packagePremiumAnnual, quotedVehicleCount,
        serviceRating;
    std::optional<bool> bindable;
    bool operator==(const OfferingAttributes &) const = default;
};

// One carrier's quote for one line. `raw` is the original object, written back into solutions.
struct Offering {
    QString id, providerId, providerName, category, qualityRating, qualityRatingAgency, pricingTier;
    OptDouble commission;
    Constraints constraints;
    CoverageDetail coverage;
    OfferingAttributes attributes;
    JsonValue raw;
    int sourceIndex = -1; // position in the file's offerings array
    // Carrier key: provider_id, else provider_name.
    QString carrierKey() const { return providerId.isEmpty() ? providerName : providerId; }
    // A text member as the case states it: the string (an empty one too), or null when absent or not a
    // string. Run objects echo provider_id and provider_name this way.
    JsonValue statedText(QStringView key) const { return raw[key].isString() ? raw[key] : JsonValue(); }
    bool operator==(const Offering &) const = default;
};

struct Case {
    CaseInput input;
    std::vector<Offering> offerings;
    bool operator==(const Case &) const = default;
};

} // namespace pw
