// SPDX-License-Identifier: MIT
// The window's event loop while the 50 MB case (3 lines × 14,700 household offerings) opens and ranks,
// offscreen: File → Open in the background, then the ranking it starts, then the same file opened again
// over it (the first case's tree is dropped). A 10 ms timer measures the loop's gaps (gapmeter.h); each
// phase prints the max / p99 / median gap and its own time (to open: until the case is in the window;
// to rank: until the ranking has handed back), and every event that held the loop for over 30 ms.
// Runs PW_BENCH_REPS times (default 3) and prints each. Then it opens the case PW_BENCH_OPENS times
// (default 5) in one window, cancelling each ranking, and prints the resident memory once the replaced
// case has been freed (bounded: no open keeps more than the first), and it ranks the case with the
// command line's `rank` (the window's top and the CLI's default top 10) for the window's ranking time
// beside the command line's (PW_BENCH_CLI=0 skips it).
// Run: QT_QPA_PLATFORM=offscreen build/tests/benchmarks/bench_eventloop
#include "backgroundwork.h"
#include "casedocument.h"
#include "casegen.h"
#include "gapmeter.h"
#include "io/json.h"
#include "io/safefilewriter.h"
#include "mainwindow.h"
#include "rankingcontroller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QTemporaryDir>

#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <sys/resource.h>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace pw;

namespace {

double peakRssMB() {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1024.0;
}

// Processes events until `done` holds or `timeoutMs` passes; the milliseconds it took, or -1.
double waitUntil(const std::function<bool()> &done, int timeoutMs) {
    // Sleeps between events (a spinning wait took a core from the ranking it measured).
    QElapsedTimer t;
    t.start();
    if (!processEventsWhile([&] { return !done(); }, timeoutMs)) return -1;
    return double(t.nsecsElapsed()) / 1e6;
}

void printPhase(const char *name, double ms, const bench::GapMeter &meter) {
    std::printf(
        "%-28s %9.0f ms | gaps max %6.1f  p99 %6.1f  median %5.1f ms (%zu ticks) | peak RSS %.0f MB\n", name,
        ms, meter.maxGap(), meter.quantile(0.99), meter.quantile(0.5), meter.count(), peakRssMB());
    std::fflush(stdout);
}

// The process's resident memory now (not its peak), from /proc/self/statm.
double currentRssMB() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? double(fields[1].toLongLong()) * double(sysconf(_SC_PAGESIZE)) / 1048576.0
                             : -1;
}

// `rank --format json --top N FILE` with the application: its wall time and duration_ms, or -1.
std::pair<double, double> cliRank(const QString &file, int top) {
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QString::fromUtf8(PW_BINARY),
            {QStringLiteral("rank"), QStringLiteral("--format"), QStringLiteral("json"),
             QStringLiteral("--top"), QString::number(top), file});
    if (!p.waitForFinished(600000)) return {-1, -1};
    const double wall = double(t.nsecsElapsed()) / 1e6;
    const auto run = parseJson(p.readAllStandardOutput());
    return {wall, run ? (*run)[u"duration_ms"].toDouble(-1) : -1};
}

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Prints every event that held the loop for more than 30 ms, or PW_BENCH_SLOW_MS (receiver, event type,
// milliseconds), to say
// where a long gap comes from. Nested events are part of the one that sent them.
class TimingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override {
        if (m_depth > 0) return QApplication::notify(receiver, event);
        const QByteArray name = receiver->metaObject()->className();
        const int type = int(event->type());
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const double cpu = threadCpuMs();
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        static const int slowMs = qEnvironmentVariableIsSet("PW_BENCH_SLOW_MS")
                                      ? qEnvironmentVariableIntValue("PW_BENCH_SLOW_MS")
                                      : 30;
        if (t.elapsed() > slowMs)
            std::printf("    slow event: %lld ms (%.0f ms on the CPU), %s, event type %d\n", t.elapsed(),
                        threadCpuMs() - cpu, name.constData(), type);
        return r;
    }

private:
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    // Options are only --help (and --version): everything else is set through PW_BENCH_* variables, so
    // any argument is answered with the usage rather than a 10-minute run.
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures the window's event loop while the 50 MB case opens and ranks (offscreen).\n"
        "Environment: PW_BENCH_REPS (runs, default 3), PW_BENCH_OPENS (opens for the memory check, default "
        "5), PW_BENCH_CLI=0 (skip the command line's ranking)."));
    parser.addHelpOption();
    parser.process(app); // --help prints the usage and exits; an unknown option is an error
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "bench_eventloop takes no arguments; see --help\n");
        return 2;
    }
    const int reps =
        qEnvironmentVariableIsSet("PW_BENCH_REPS") ? qEnvironmentVariableIntValue("PW_BENCH_REPS") : 3;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("fifty.json"));
    const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
    if (!writeFileAtomically(file, writeJson(bench::householdCase(lines, {14700, 14700, 14700}, 60, 19)))
             .isEmpty())
        return 1;
    std::printf("50 MB case: %s, %lld bytes\n", qPrintable(file), QFileInfo(file).size());
    constexpr int kTimeoutMs = 600000;
    std::vector<double> windowRankMs;
    int windowTop = 0, windowListed = 0;
    for (int rep = 0; rep < reps; ++rep) {
        MainWindow w;
        w.setUnsavedAnswerForTests(QMessageBox::Discard);
        w.show();
        w.ranking()->waitForIdle(10000);
        auto loaded = [&] { return w.document()->typedCase().offerings.size() == 44100 && !w.isOpening(); };
        std::printf("run %d\n", rep + 1);
        {
            bench::GapMeter meter;
            meter.explainGapsOver(30);
            w.openCaseInBackground(file);
            const double ms = waitUntil(loaded, kTimeoutMs);
            meter.stop();
            printPhase("open (read, parse, check)", ms, meter);
        }
        {
            // Where the window's ranking spends its time: each stage's start (and every job started).
            QElapsedTimer since;
            since.start();
            int lastStage = -1;
            auto stages = QObject::connect(w.ranking(), &RankingController::progressChanged, &w, [&] {
                const int stage = int(w.ranking()->progress().stage);
                if (stage == lastStage) return;
                lastStage = stage;
                std::printf("    stage %d from %lld ms\n", stage, since.elapsed());
            });
            auto jobs = QObject::connect(w.ranking(), &RankingController::busyChanged, &w, [&](bool busy) {
                std::printf("    ranking %s at %lld ms\n", busy ? "started" : "ended", since.elapsed());
            });
            bench::GapMeter meter;
            meter.explainGapsOver(30);
            // PW_BENCH_RANK_MS: cancel the ranking after that many milliseconds (a quicker profile).
            const int rankMs = qEnvironmentVariableIsSet("PW_BENCH_RANK_MS")
                                   ? qEnvironmentVariableIntValue("PW_BENCH_RANK_MS")
                                   : kTimeoutMs;
            double ms = waitUntil([&] { return !w.ranking()->isBusy(); }, rankMs);
            if (ms >= 0) windowRankMs.push_back(ms);
            windowTop = w.ranking()->top();
            windowListed = w.ranking()->run()[u"solutions"].size(); // its short list on a large case
            if (ms < 0) {
                w.ranking()->cancel();
                ms = waitUntil([&] { return !w.ranking()->isBusy(); }, kTimeoutMs);
            }
            waitUntil([] { return false; }, 300); // the output reaching the tables
            meter.stop();
            printPhase("rank (until handed back)", ms, meter);
            QObject::disconnect(stages);
            QObject::disconnect(jobs);
        }
        {
            bench::GapMeter meter;
            meter.explainGapsOver(30);
            w.openCaseInBackground(file); // over the open case: its tree and ranking are dropped
            waitUntil([&] { return w.isOpening(); }, 1000);
            const double ms = waitUntil(loaded, kTimeoutMs);
            w.ranking()->cancel();
            waitUntil([&] { return !w.ranking()->isBusy(); }, kTimeoutMs);
            waitUntil([] { return false; }, 300);
            meter.stop();
            printPhase("open again, cancel ranking", ms, meter);
        }
    }
    {
        // The same case opened again and again: after each open (its ranking cancelled, the replaced case
        // freed on the workers), the resident memory.
        const int opens =
            qEnvironmentVariableIsSet("PW_BENCH_OPENS") ? qEnvironmentVariableIntValue("PW_BENCH_OPENS") : 5;
        MainWindow w;
        w.setUnsavedAnswerForTests(QMessageBox::Discard);
        w.show();
        auto loaded = [&] { return w.document()->typedCase().offerings.size() == 44100 && !w.isOpening(); };
        for (int i = 0; i < opens; ++i) {
            w.openCaseInBackground(file);
            waitUntil([&] { return w.isOpening(); }, 1000);
            const double ms = waitUntil(loaded, kTimeoutMs);
            w.ranking()->cancel();
            waitUntil([&] { return !w.ranking()->isBusy(); }, kTimeoutMs);
            waitUntil([] { return false; }, 300); // queued releases reach the workers
            backgroundPool()->waitForDone();
            const double rss = currentRssMB();
            // What the allocator keeps of the memory freed (reusable, not leaked): given back, the resident
            // memory is what the live objects hold.
            double trimmed = -1;
#ifdef __GLIBC__
            malloc_trim(0);
            trimmed = currentRssMB();
#endif
            std::printf("open %d of the same case: %6.0f ms | RSS now %.0f MB, %.0f MB once the allocator "
                        "returns freed memory | peak RSS %.0f MB\n",
                        i + 1, ms, rss, trimmed, peakRssMB());
            std::fflush(stdout);
        }
    }
    if (qEnvironmentVariableIntValue("PW_BENCH_CLI") != 0 || !qEnvironmentVariableIsSet("PW_BENCH_CLI")) {
        std::sort(windowRankMs.begin(), windowRankMs.end());
        if (!windowRankMs.empty())
            std::printf("window, ranked results (%d listed): %.0f / %.0f / %.0f ms (min / median / max)\n",
                        windowListed, windowRankMs.front(), windowRankMs[windowRankMs.size() / 2],
                        windowRankMs.back());
        for (int top : {10, windowTop}) {
            const auto [wall, engine] = cliRank(file, top);
            std::printf("CLI rank --top %d: %.0f ms wall, duration_ms %.0f\n", top, wall, engine);
            std::fflush(stdout);
        }
    }
    return 0;
}
