// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QChartView>
#include <QStringList>

#include <vector>

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

// Axis ticks at a round step (1, 2, 2.5 or 5 × a power of ten) giving about `target` intervals, from a
// multiple of the step at or below `min` to one at or above `max`: 4400–7300 gives 4000, 4500 … 7500.
std::vector<double> roundTicks(double min, double max, int target);

// The six dimension scores of the compared solutions on a polar ("radar") chart.
class ProfileChart : public QChartView {
    Q_OBJECT
public:
    explicit ProfileChart(QWidget *parent = nullptr);
    void setSolutions(const std::vector<JsonValue> &solutions);
};

} // namespace pw
