// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QTreeWidget>

namespace pw {

// The scorecard of one solution as a tree: each dimension with score, level, weight and contribution
// (weight × score; the contributions add up to the overall score shown in the last row), its reasons
// under it with their points, ⛔ blockers first. A last group lists the offerings the run filtered out,
// with their reasons.
class ScorecardInspector : public QTreeWidget {
    Q_OBJECT
public:
    explicit ScorecardInspector(QWidget *parent = nullptr);
    void setSolution(const JsonValue &solution, const JsonValue &output);
    // The sum of the displayed contributions (what the inspector shows as "Σ").
    double contributionSum() const { return m_sum; }

private:
    double m_sum = 0;
};

} // namespace pw
