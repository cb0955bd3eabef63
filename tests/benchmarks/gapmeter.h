// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
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
            const Sched now = sched();
            if (m_explain > 0 && ms > m_explain)
                std::printf("    gap %.1f ms: GUI thread on the CPU %.1f ms, waiting for a CPU %.1f ms\n", ms,
                            now.cpuMs - m_sched.cpuMs, now.waitMs - m_sched.waitMs);
            m_sched = now;
        });
        m_clock.start();
        m_sched = sched();
        m_timer.start();
    }
    // Prints each gap longer than `ms` with what the GUI thread did in it: its time on the CPU and its time
    // runnable but waiting for a CPU (Linux schedstat). A gap mostly on the CPU is our work on the GUI
    // thread; one mostly waiting is the scheduler giving the cores to other threads.
    void explainGapsOver(double ms) { m_explain = ms; }
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
    struct Sched {
        double cpuMs = 0, waitMs = 0;
    };
    // This thread's time on the CPU and waiting on a run queue, in ms (/proc/thread-self/schedstat).
    static Sched sched() {
        Sched s;
        if (std::FILE *f = std::fopen("/proc/thread-self/schedstat", "r")) {
            unsigned long long run = 0, wait = 0;
            if (std::fscanf(f, "%llu %llu", &run, &wait) == 2) s = {double(run) / 1e6, double(wait) / 1e6};
            std::fclose(f);
        }
        return s;
    }
    double m_explain = 0;
    Sched m_sched;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<double> m_gaps;
};

} // namespace pw::bench
