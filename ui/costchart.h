// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QChartView>
#include <QStringList>

namespace pw {

// Cost (cost_mid) against the coverage score, one point per returned package: qualified in colour,
// disqualified hollow grey, the Pareto front (no other package is both cheaper and better covered) as a
// line, the selected package highlighted. Hovering a point names its carriers.
class CostChart : public QChartView {
    Q_OBJECT
public:
    explicit CostChart(QWidget *parent = nullptr);
    void setRun(const JsonValue &run, const QStringList &lines);
    void setSelectedKey(const QString &key);
    int paretoCount() const { return m_paretoCount; }

signals:
    void solutionClicked(const QString &key);

private:
    void rebuild();
    JsonValue m_run;
    QStringList m_lines;
    QString m_selected;
    int m_paretoCount = 0;
};

// The six dimension scores of the compared solutions on a polar ("radar") chart.
class ProfileChart : public QChartView {
    Q_OBJECT
public:
    explicit ProfileChart(QWidget *parent = nullptr);
    void setSolutions(const std::vector<JsonValue> &solutions, const QStringList &lines);
};

} // namespace pw
