// SPDX-License-Identifier: MIT
#pragma once

#include "engine/coverage.h"
#include "engine/engine.h"
#include "engine/profile.h"
#include "model/case.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <array>
#include <vector>

namespace pw {

constexpr int kMaxLines = 3;

// A filtered offering, with the reason code and a sentence for people.
struct FilteredOffering {
    int offering = -1;
    QString reason, detail;
};

// A bundle group (engine.md §4): offerings of one carrier sharing a package id or a package price.
struct BundleGroup {
    QString providerId, providerName, packageId; // packageId empty for price-keyed groups
    double price = 0;                            // the first usable package price in case order
    std::vector<int> members;                    // offering indices (eligible and filtered), case order
    int memberCount = 0;
};

// Everything about one eligible offering that a package's numbers need, computed once per case.
struct OfferingFacts {
    int offering = -1; // index into Case::offerings
    int slot = -1;     // position of its line in coverage_types
    Line line = Line::Home;
    double linePremium = 0;  // dollars
    double premiumCents = 0; // the same in cents (dollarsToCents)
    int group = -1;          // bundle group with a package price, or -1
    bool indicative = false;
    double commission = 0;
    int carrier = -1; // index into PreparedCase::carriers
    // coverage (without the umbrella's package-dependent `underlying` rule): points only, no reasons
    // (explaining a solution assesses its lines again with their texts)
    LineAssessment coverage;
    // financial
    double financialScore = 0;
    bool financialBlocks = false;
    QString grade;
    // appetite
    double appetitePoints = 0;
    bool appetiteBlocks = false;
    std::vector<Reason> appetiteReasons;
    // service
    bool hasServiceRating = false;
    double serviceRating = 0;
    bool incumbent = false;
};

// The numbers of one eligible offering that a package needs, packed for the ranking loops (millions of
// packages read these; OfferingFacts keeps the reasons and is read only to explain a solution).
struct PackedFact {
    enum Flag : unsigned {
        Indicative = 1,
        CoverageBlocks = 2,
        FinancialBlocks = 4,
        AppetiteBlocks = 8,
        HasRating = 16,
        Incumbent = 32
    };
    double premiumCents = 0;             // line premium in cents
    double coverageLine = 0;             // clamped line score
    double coverageLineUnderlyingNS = 0; // umbrella only: clamped with the underlying "not stated" points
    double financial = 0;
    double appetitePoints = 0;
    double rating = 0;             // service rating × factor
    long long indicativeCents = 0; // the rounded indicative uplift amount, 0 when not indicative
    long long breakAloneCents = 0; // the rounded bundle_break amount when it is its group's only member
    // A lower bound, in cents, of what this offering adds to any package's cost_mid (engine/bounds.h).
    double costFloorCents = 0;
    int group = -1;
    int carrier = -1;
    unsigned flags = 0;
    int fact = -1; // index into PreparedCase::facts
};

// A case after FILTER, with the facts per eligible offering and the pricing reference: everything ranking
// needs that does not depend on the appetite weights. Immutable once built; shared across threads.
struct PreparedCase {
    Case cs;
    JsonValue root;
    QDateTime now;
    const EngineProfile *profile = nullptr;
    QString inputBucket; // input.appetite_bucket (validated)
    Routing routing;
    Problems warnings;

    std::vector<Line> lines;  // coverage_types, in order
    std::vector<int> ignored; // offering indices
    std::vector<FilteredOffering> filtered;
    std::vector<BundleGroup> groups;
    QStringList carriers;              // carrier keys
    std::vector<QString> carrierNames; // provider_name per carrier index (first seen)
    std::vector<OfferingFacts> facts;
    std::array<std::vector<int>, kMaxLines> bySlot; // fact indices per slot
    QStringList missingLines;

    int umbrellaSlot = -1, autoSlot = -1, homeSlot = -1;
    // Packed per slot (same positions as bySlot).
    std::array<std::vector<PackedFact>, kMaxLines> packed;
    // Umbrella underlying (Outcome values): umbrellas with the same effective requirement share a row, so
    // the tables grow with the distinct requirements, not with every umbrella offering.
    // underAuto[umbrellaRow[umbrella position] × auto count + auto position], likewise underHome.
    std::vector<int> umbrellaRow;
    std::vector<unsigned char> underAuto, underHome;
    std::vector<int> groupMemberCount;
    std::vector<double> groupPrice; // package price in cents

    std::optional<double> currentPremium;
    // §5.1's reference: the lowest unrounded cost_mid in dollars (a whole or half cent), and the same in
    // half cents (a whole number), which pricingRatio() divides by. Set together (engine/reference.cpp).
    double referenceMid = 0;
    double referenceHalfCents = 0;
    // False when the profile's uplifts are negative: the cost floors then bound nothing and the searches
    // of engine/bounds.h do not prune on cost.
    bool costFloorsHold = true;
    long long packageCount = 0;
    long long qualifiedCount = 0;
};

} // namespace pw
