// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace pw::bench {

// The event loop's gaps, measured by a 10 ms precise timer: each tick records the milliseconds since the
// previous one (10 when nothing blocks the loop; more while work on the GUI thread holds it). Used by the
// window's responsiveness test (the longest gap) and by bench_eventloop (max, p99, median).
class GapMeter : public QObject {
public:
    GapMeter() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double ms = double(m_clock.nsecsElapsed()) / 1e6;
            m_clock.start();
            m_gaps.push_back(ms);
        });
        m_clock.start();
        m_timer.start();
    }
    // Stops measuring; the gap in progress counts (a stall that is still going on is not missed).
    void stop() {
        if (!m_timer.isActive()) return;
        m_timer.stop();
        m_gaps.push_back(double(m_clock.nsecsElapsed()) / 1e6);
    }
    double maxGap() const { return m_gaps.empty() ? 0 : *std::max_element(m_gaps.begin(), m_gaps.end()); }
    // The q-quantile of the gaps (0.5 median, 0.99 p99), in milliseconds.
    double quantile(double q) const {
        if (m_gaps.empty()) return 0;
        std::vector<double> g = m_gaps;
        std::sort(g.begin(), g.end());
        return g[std::min(g.size() - 1, size_t(q * double(g.size())))];
    }
    size_t count() const { return m_gaps.size(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<double> m_gaps;
};

} // namespace pw::bench
