// SPDX-License-Identifier: MIT
#pragma once

#include "store/casefacts.h" // caseInputHash

#include "engine/engine.h"
#include "engine/profile.h"
#include "io/json.h"
#include "io/problem.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace pw {

// What a report is asked to be (product.md §6). The kind names the audience: a client proposal never
// carries commission, internal notes or raw scores, in any format; the underwriter scorecard carries
// every number of the run.
enum class ReportKind { Proposal, Underwriter };
enum class ReportFormat { Pdf, Html, Csv, Json };
std::optional<ReportKind> reportKindFromName(const QString &name);     // "proposal", "underwriter"
std::optional<ReportFormat> reportFormatFromName(const QString &name); // "pdf", "html", "csv", "json"
QString reportFormatSuffix(ReportFormat format);                       // "pdf", "html", …

// The agency on the proposal's cover. Kept in the application's settings (QSettings group "agency"), so
// the window's Export dialog and the `report` command print the same cover. `logoFile` is a PNG, JPEG or
// SVG file; empty: no logo.
struct AgencyInfo {
    QString name, agent, contact, logoFile;
    static AgencyInfo fromSettings();
    void saveToSettings() const;
    bool operator==(const AgencyInfo &) const = default;
};

// The proposal's optional sections; the cover, the recommendation, the side-by-side comparison, the
// assumptions and the disclosure are always included (a firm's required sections cannot be switched
// off).
struct ProposalSections {
    bool gaps = true;       // coverage gaps today and which option closes each (the gap memo)
    bool allOptions = true; // every option at a glance, one row each
    bool operator==(const ProposalSections &) const = default;
};

// Everything a report is built from: the case, the run the engine made of it and how it was asked
// (clock, appetite, weights, profile, top). A report never recomputes a figure: costs, scores, reasons
// and gaps are read from `run`, exactly as `rank --format json` prints it.
struct ReportInputs {
    JsonValue caseRoot;
    JsonValue run;
    QDateTime clock;   // the run's clock (UTC)
    QString appetite;  // the bucket in effect
    Weights weights{}; // the weights the ranking used (normalised)
    bool customWeights = false;
    const EngineProfile *profile = nullptr; // never null once prepared
    int top = 0;
    QString inputHash; // caseInputHash(caseRoot)
};

struct ReportPreparation {
    Problems problems; // validation errors and warnings
    std::optional<ReportInputs> inputs;
};

// Validates and ranks the case for a report. `options.now` must be valid (the report states its clock);
// errors leave `inputs` empty.
ReportPreparation prepareReport(const JsonValue &caseRoot, const EngineOptions &options);

// SHA-256 (hex) of a profile's merged JSON, compact.
QString profileHash(const EngineProfile &profile);
// Where a profile differs from the bundled one: "weights.balanced.pricing: 0.25 → 0.3", one line per
// changed leaf, in the profile's order; empty for the bundled profile.
QStringList profileDifferences(const EngineProfile &profile);

} // namespace pw
