// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QString>
#include <QStringList>

namespace pw {

// Small readers over the run object's solutions (engine.md §7, §10), shared by the result views.
// A solution's key is its offering ids joined with ","; it identifies a package across re-ranks.
QString solutionKey(const JsonValue &solution);
// The offering of a solution for a line ("" offering when the package has none for it).
JsonValue solutionOffering(const JsonValue &solution, const QString &line);
QString carrierName(const JsonValue &offering);
// "Harborview / Keystone / Harborview" in the given line order.
QString carrierSummary(const JsonValue &solution, const QStringList &lines);
QString costRange(const JsonValue &solution);   // "$5,940 – $6,534" or "$6,620"
QString changeText(const JsonValue &solution);  // "+$2,632 (+66 %)" or ""
QString labelText(const QString &clusterLabel); // "best_value" -> "best value"
QString dimensionTitle(const QString &dim);     // "pricing" -> "Pricing"
QString dimensionTooltip(const QString &dim);
const QStringList &dimensionKeys(); // pricing, coverage, financial, appetite, placement, service
QString levelTooltip(const QString &level);

} // namespace pw
