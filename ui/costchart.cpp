// SPDX-License-Identifier: MIT
#include "costchart.h"

#include "engine/plainwords.h"
#include "engine/whyline.h"
#include "plaintext.h"
#include "util/displaytext.h"

#include "solutionutil.h"
#include "util/displaytext.h"
#include "util/numbers.h"

#include <QCategoryAxis>
#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QPolarChart>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace pw {

namespace {

struct Point {
    double cost, coverage;
    bool qualified;
    QString key, carriers;
};

QString pointText(const std::vector<Point> &pts, const QPointF &p) {
    for (const Point &q : pts)
        if (std::abs(q.cost - p.x()) < 0.5 && std::abs(q.coverage - p.y()) < 0.01)
            return QObject::tr("%1\ncost %2 · coverage %3")
                .arg(q.carriers, formatMoney(q.cost), formatNumber(q.coverage, 2));
    return {};
}

} // namespace

CostChart::CostChart(QWidget *parent)
    : QChartView(parent) {
    setObjectName(QStringLiteral("costChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    chart()->legend()->setAlignment(Qt::AlignRight);
    chart()->setMargins(QMargins(4, 4, 4, 4));
}

void CostChart::setRun(const JsonValue &run, const QStringList &lines) {
    m_run = run;
    m_lines = lines;
    rebuild();
}

void CostChart::setSelectedKey(const QString &key) {
    if (key == m_selected) return;
    m_selected = key;
    rebuild();
}

void CostChart::rebuild() {
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *a : c->axes())
        c->removeAxis(a);
    auto pts = std::make_shared<std::vector<Point>>();
    for (const auto &s : m_run[u"solutions"].arrayItems())
        pts->push_back({s[u"cost_mid"].toDouble(),
                        s[u"scorecard"][u"dimensions"][u"coverage"][u"score"].toDouble(),
                        s[u"scorecard"][u"qualified"].toBool(true), solutionKey(s),
                        QStringLiteral("#%1 ").arg(s[u"rank"].toDouble()) + carrierSummary(s, m_lines)});
    auto *qual = new QScatterSeries;
    qual->setName(tr("qualified"));
    qual->setMarkerSize(9);
    qual->setColor(QColor(0x1e, 0x88, 0xe5));
    qual->setBorderColor(QColor(0x1e, 0x88, 0xe5));
    auto *disq = new QScatterSeries;
    disq->setName(tr("disqualified"));
    disq->setMarkerSize(9);
    disq->setColor(Qt::transparent);
    disq->setBorderColor(QColor(0x9e, 0x9e, 0x9e));
    auto *sel = new QScatterSeries;
    sel->setName(tr("selected"));
    sel->setMarkerSize(15);
    sel->setColor(QColor(0xff, 0x8f, 0x00));
    sel->setBorderColor(Qt::black);
    auto *front = new QLineSeries;
    front->setName(tr("Pareto front"));
    front->setColor(QColor(0x2e, 0x7d, 0x32));
    front->setPointsVisible(true); // a front of one package is a point, not a line
    QPen frontPen = front->pen();
    frontPen.setWidth(3);
    front->setPen(frontPen);
    double minX = 1e300, maxX = -1e300;
    for (const Point &p : *pts) {
        (p.qualified ? qual : disq)->append(p.cost, p.coverage);
        if (p.key == m_selected) sel->append(p.cost, p.coverage);
        minX = std::min(minX, p.cost);
        maxX = std::max(maxX, p.cost);
    }
    // Pareto front over the qualified packages (all when none qualifies): cheaper first, keep a point
    // when it covers strictly better than every cheaper one.
    std::vector<Point> cand;
    for (const Point &p : *pts)
        if (p.qualified) cand.push_back(p);
    if (cand.empty()) cand = *pts;
    std::sort(cand.begin(), cand.end(), [](const Point &a, const Point &b) {
        return a.cost != b.cost ? a.cost < b.cost : a.coverage > b.coverage;
    });
    double best = -1;
    m_paretoCount = 0;
    for (const Point &p : cand)
        if (p.coverage > best) {
            front->append(p.cost, p.coverage);
            best = p.coverage;
            ++m_paretoCount;
        }
    // Drawn in this order, so the front shows over the other packages and the selection over all.
    c->addSeries(disq);
    c->addSeries(qual);
    c->addSeries(front);
    c->addSeries(sel);
    // Round steps ($250, $500, $1,000…) labelled as agents write money ("$4,500").
    auto *x = new QCategoryAxis;
    x->setTitleText(tr("Annual cost, mid estimate"));
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const std::vector<double> ticks = pts->empty() ? roundTicks(0, 1000, 6) : roundTicks(minX, maxX, 6);
    x->setStartValue(ticks.front());
    for (double t : ticks)
        x->append(formatMoney(t), t);
    x->setRange(ticks.front(), ticks.back());
    auto *y = new QValueAxis;
    y->setTitleText(tr("Coverage"));
    y->setRange(0, 105); // room above 100 so top markers are not clipped
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(20);
    y->setLabelFormat(QStringLiteral("%.0f"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : c->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    for (QScatterSeries *s : {qual, disq, sel}) {
        connect(s, &QScatterSeries::hovered, this, [this, pts](const QPointF &p, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(),
                                   plainToolTip(elideGraphemes(pointText(*pts, p), kToolTipGraphemes)), this);
            else
                QToolTip::hideText();
        });
        connect(s, &QScatterSeries::clicked, this, [this, pts](const QPointF &p) {
            for (const Point &q : *pts)
                if (std::abs(q.cost - p.x()) < 0.5 && std::abs(q.coverage - p.y()) < 0.01) {
                    emit solutionClicked(q.key);
                    return;
                }
        });
    }
    c->setTitle(tr("Cost vs coverage — %1 packages, %2 on the Pareto front")
                    .arg(formatCount(qint64(pts->size())), formatCount(m_paretoCount)));
}

std::vector<double> roundTicks(double min, double max, int target) {
    if (!(max > min)) {
        min -= 50;
        max += 50;
    }
    const double raw = (max - min) / std::max(1, target);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (f * magnitude >= raw) {
            step = f * magnitude;
            break;
        }
    std::vector<double> ticks;
    const double first = std::floor(min / step) * step;
    for (double t = first; t < max + step * 0.999; t += step)
        ticks.push_back(std::round(t * 100) / 100);
    if (ticks.size() < 2) ticks.push_back(ticks.back() + step);
    return ticks;
}

ProfileChart::ProfileChart(QWidget *parent)
    : QChartView(new QPolarChart, parent) {
    setObjectName(QStringLiteral("profileChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    // The legend below the radar leaves it the chart's whole width.
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(2, 2, 2, 2));
}

void ProfileChart::setSolutions(const std::vector<JsonValue> &solutions) {
    auto *polar = static_cast<QPolarChart *>(chart());
    polar->removeAllSeries();
    for (QAbstractAxis *a : polar->axes())
        polar->removeAxis(a);
    const QStringList dims = dimensionKeys();
    auto *angular = new QCategoryAxis;
    angular->setRange(0, 360);
    angular->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (int i = 0; i < dims.size(); ++i)
        angular->append(dimensionHeading(dims[i]), 360.0 * i / dims.size());
    // Rings at 25, 50, 75 and 100 without figures, which would sit on the lines (the title says what the
    // rings are; hovering a package's scores is in the Compare table above).
    auto *radial = new QValueAxis;
    radial->setRange(0, 100);
    radial->setTickCount(5);
    radial->setLabelsVisible(false);
    polar->addAxis(angular, QPolarChart::PolarOrientationAngular);
    polar->addAxis(radial, QPolarChart::PolarOrientationRadial);
    static const QColor colors[] = {QColor(0x1e, 0x88, 0xe5), QColor(0xe5, 0x39, 0x35),
                                    QColor(0x43, 0xa0, 0x47), QColor(0x8e, 0x24, 0xaa)};
    int i = 0;
    for (const JsonValue &s : solutions) {
        auto *series = new QLineSeries;
        // Qt Charts draws legend labels as HTML, and lays them out again for every width it tries: the
        // package's name is cut short and escaped.
        series->setName(QStringLiteral("#%1 %2")
                            .arg(s[u"rank"].toDouble())
                            .arg(chartLabel(escapeControls(packageName(s)))));
        QPen pen(colors[i % 4]);
        pen.setWidth(2);
        series->setPen(pen);
        for (int d = 0; d <= dims.size(); ++d)
            series->append(360.0 * d / dims.size(),
                           s[u"scorecard"][u"dimensions"][dims[d % dims.size()]][u"score"].toDouble());
        polar->addSeries(series);
        series->attachAxis(angular);
        series->attachAxis(radial);
        ++i;
    }
    // No title over a drawn radar: its height goes to the plot; what the rings mean is in the tooltip.
    polar->setTitle(solutions.empty() ? tr("Tick 2–4 packages in the ranking to compare their profiles")
                                      : QString());
    setToolTip(tr("Dimension profile of the compared packages: the centre is 0, the outer ring 100, rings "
                  "every 25"));
}

} // namespace pw
