// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QDate>
#include <QTreeWidget>

namespace pw {

// The scorecard of one solution as a tree: each dimension with score, level, weight and contribution
// (weight × score; the contributions add up to the overall score shown in the last row), its reasons
// under it with their points, ⛔ blockers first. A last group lists the offerings the run filtered out,
// with their reasons in words ("Not written in NY"); the reason code is in the tooltip.
class ScorecardInspector : public QTreeWidget {
    Q_OBJECT
public:
    explicit ScorecardInspector(QWidget *parent = nullptr);
    ~ScorecardInspector() override; // its copy of a large case is freed off the GUI thread
    // The case the run was made from: its state and offerings put the filter reasons in words, `today`
    // (the case's clock) decides whether an expiry date needs its year. Call before setSolution.
    void setCase(const JsonValue &caseRoot, const QDate &today);
    void setSolution(const JsonValue &solution, const JsonValue &output);
    // The sum of the displayed contributions (what the inspector shows as "Σ").
    double contributionSum() const { return m_sum; }

private:
    JsonValue offeringById(const QString &id) const;

    double m_sum = 0;
    JsonValue m_case;
    QString m_state;
    QDate m_today;
};

} // namespace pw
