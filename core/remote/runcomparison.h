// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace pw {

// A local run and a remote run of the same case, compared plainly and without knowing either engine:
// packages are identified by their offering ids (in the order the run lists them; two packages with the
// same ids in another order are the same package). Costs are est_cost_low / est_cost_high in dollars;
// differences are remote − local.
struct RunComparison {
    struct Package {
        QStringList offeringIds;
        int rank = 0;
        QString clusterLabel;
        bool labelWinner = false;
        std::optional<double> costLow, costHigh;
        QString overallLevel;
    };
    struct LabelAgreement {
        QString label;                // recommended, best_value, best_coverage, simplest (or another)
        std::optional<Package> local; // that label's winner on each side, if any
        std::optional<Package> remote;
        bool same = false; // both sides have a winner and it is the same package
    };
    struct CostDifference {
        QStringList offeringIds;
        int localRank = 0, remoteRank = 0;
        std::optional<double> localLow, localHigh, remoteLow, remoteHigh;
        std::optional<double> lowDelta, highDelta; // remote − local, when both sides state the cost
        QString localLevel, remoteLevel;
    };

    int localCount = 0, remoteCount = 0;
    std::optional<Package> localTop, remoteTop; // rank 1 (or the first listed)
    bool sameTopPackage = false;
    std::vector<LabelAgreement> labels;
    std::vector<CostDifference> costs; // every package present on both sides, in local rank order
    int localOnly = 0, remoteOnly = 0;

    // One sentence: "Same top package; 3 of 4 labels agree; …".
    QString summary() const;
};

RunComparison compareRuns(const JsonValue &localRun, const JsonValue &remoteRun);
// A plain-text report: the summary, a label table and a cost table (fixed-width columns).
QString renderComparisonTable(const RunComparison &comparison);

} // namespace pw
