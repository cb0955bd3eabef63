// SPDX-License-Identifier: MIT
// Engine benchmarks, measured the way users run the engine (issue: typical cases well under a
// millisecond, large ones near the enumeration floor, any case in bounded memory).
//
// In process (Google Benchmark):
//  - typical households (10 carriers × 3 lines, 1–2 options each, current coverage, gap analysis on):
//    end to end (parse → validate → rank → run object), the engine alone (what `duration_ms` measures),
//    and the stages apart (parse, validate, prepare, rank with gaps and run object); the engine's own
//    `duration_ms` of every iteration as min / median / max (engine_ms_*);
//  - large (120 per line, 1.728 M packages, exact top 10), wide (300 × 300) and 2 lines at 10^7, each with
//    the bare enumeration floor on the same premiums in the same run (best of ten) and the ratio engine ÷
//    floor for the fastest, median and slowest run (x_floor_min / _med / _max).
// As whole processes of `placement-workbench` (wall time, `duration_ms`, peak RSS of the child):
//  - `rank --format json` on a typical household, each run a fresh process (PW_BENCH_FRESH_REPS, 20);
//  - `rank --format json` on the large case, with `--top 10000` (and the table and CSV formats);
//  - a 50 MB case (3 lines × 14,700 offerings): `validate`, `gaps`, `rank` (bounded by a timeout);
//  - `rank --batch` over 1,000 typical cases.
// Each process figure is run PW_BENCH_REPS times (default 3) and printed as min / median / max.
// PW_BENCH_NO_PROCESS=1 skips the process figures; PW_BENCH_TIMEOUT (s, default 120) bounds each run;
// PW_BENCH_BINARY names another application binary for the process figures.
#include "casegen.h"

#include "engine/bounds.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "engine/ranking.h"
#include "io/casefile.h"
#include "io/validation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimeZone>

#include <benchmark/benchmark.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <string_view>
#include <thread>
#include <unistd.h>

using namespace pw;

namespace {

const QStringList kThreeLines = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
const QStringList kTwoLines = {QStringLiteral("home"), QStringLiteral("auto")};
const char *kNow = "2026-11-28T12:00:00Z";

EngineOptions options(int top = 10) {
    EngineOptions o;
    o.now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
    o.top = top;
    return o;
}

double peakRssMB() {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1024.0;
}

// The bare enumeration floor on a prepared case's premiums: every package's premium sum and the lowest,
// with no pricing rules, scores or ranking. Returns the best of ten runs in milliseconds.
double floorMs(const PreparedCase &pc) {
    std::vector<std::vector<double>> premiums;
    for (size_t s = 0; s < pc.lines.size(); ++s) {
        premiums.emplace_back();
        for (const auto &f : pc.packed[s])
            premiums.back().push_back(f.premiumCents);
    }
    double best = 1e300;
    for (int run = 0; run < 10; ++run) {
#if defined(__x86_64__)
        // The loop below is scalar SSE with one dependency chain. Code run before it in this process (the
        // engine's run, or a library it calls) can leave the upper halves of the AVX registers in use; until
        // a VZEROUPPER, each SSE instruction then also waits on its register's previous value, and this loop
        // ran 3× slower (1.05 → 3.05 ms on the large case, 6.1 → 17.5 ms on 2 lines at 10^7) from one
        // process to the next. The engine's own times were the same either way (measured with the state made
        // dirty or clean before each run). A floor is the fastest bare loop, so it starts clean.
        if (__builtin_cpu_supports("avx")) asm volatile("vzeroupper" ::: "memory");
#endif
        QElapsedTimer t;
        t.start();
        double lowest = 1e300;
        if (premiums.size() == 3) {
            for (double a : premiums[0])
                for (double b : premiums[1])
                    for (double c : premiums[2]) {
                        const double sum = a + b + c;
                        lowest = sum < lowest ? sum : lowest;
                    }
        } else if (premiums.size() == 2) {
            for (double a : premiums[0])
                for (double b : premiums[1]) {
                    const double sum = a + b;
                    lowest = sum < lowest ? sum : lowest;
                }
        }
        benchmark::DoNotOptimize(lowest);
        best = std::min(best, t.nsecsElapsed() / 1e6);
    }
    return best;
}

void setCounters(benchmark::State &state, double packages) {
    state.counters["packages"] = packages;
    state.counters["packages_per_s"] =
        benchmark::Counter(packages, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["peak_rss_MB"] = peakRssMB();
}

// The engine's own measure of each run (`duration_ms`: validate → rank → run object): min, median, max.
void setEngineCounters(benchmark::State &state, std::vector<double> ms) {
    if (ms.empty()) return;
    std::sort(ms.begin(), ms.end());
    state.counters["engine_ms_min"] = ms.front();
    state.counters["engine_ms_med"] = ms[ms.size() / 2];
    state.counters["engine_ms_max"] = ms.back();
}

// A large case ranked in process: engine time, and (with `withFloor`; not for cases whose packages are
// too many to enumerate) the floor on the same premiums with the ratio.
void runLarge(benchmark::State &state, const JsonValue &root, int top = 10, bool withFloor = true) {
    const EngineOptions o = options(top);
    double packages = 0;
    std::vector<double> ms;
    for (auto _ : state) {
        EngineRun r = runEngine(root, o);
        ms.push_back(r.engineMs);
        packages = r.run ? (*r.run)[u"output"][u"solution_count"].toDouble() : 0;
        benchmark::DoNotOptimize(r);
    }
    setCounters(state, packages);
    setEngineCounters(state, ms);
    if (!withFloor) return;
    const Preparation prep = prepareCase(root, o);
    const double floor = floorMs(*prep.prepared);
    std::sort(ms.begin(), ms.end());
    state.counters["floor_ms"] = floor;
    state.counters["x_floor_min"] = ms.front() / floor;
    state.counters["x_floor_med"] = ms[ms.size() / 2] / floor;
    state.counters["x_floor_max"] = ms.back() / floor;
}

const JsonValue &typical() {
    static const JsonValue root = bench::typicalCase(7);
    return root;
}
const QByteArray &typicalBytes() {
    static const QByteArray bytes = writeJson(typical());
    return bytes;
}

// What a user's `rank` does with a typical household, minus the file system: parse the bytes, validate,
// rank (gap analysis per solution), build the run object.
void BM_TypicalEndToEnd(benchmark::State &state) {
    const EngineOptions o = options();
    double packages = 0;
    for (auto _ : state) {
        const CaseFileResult f = parseCaseBytes(typicalBytes());
        EngineRun r = runEngine(*f.root, o);
        packages = (*r.run)[u"output"][u"solution_count"].toDouble();
        benchmark::DoNotOptimize(r);
    }
    setCounters(state, packages);
}

// The engine time that `duration_ms` reports: validate → rank → run object.
void BM_TypicalEngine(benchmark::State &state) {
    const EngineOptions o = options();
    double packages = 0;
    std::vector<double> ms;
    for (auto _ : state) {
        EngineRun r = runEngine(typical(), o);
        ms.push_back(r.engineMs);
        packages = (*r.run)[u"output"][u"solution_count"].toDouble();
        benchmark::DoNotOptimize(r);
    }
    setCounters(state, packages);
    setEngineCounters(state, ms);
}

void BM_TypicalStageParse(benchmark::State &state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(parseCaseBytes(typicalBytes()));
}

void BM_TypicalStageValidate(benchmark::State &state) {
    const EngineOptions o = options();
    for (auto _ : state)
        benchmark::DoNotOptimize(validateCase(typical(), o.now, defaultProfile()));
}

// FILTER, ASSEMBLE, PRICE, SCORE facts and the pricing reference on a validated case.
void BM_TypicalStagePrepare(benchmark::State &state) {
    const EngineOptions o = options();
    const Preparation prep = prepareCase(typical(), o);
    const PreparedCase &validated = *prep.prepared;
    for (auto _ : state) {
        PreparedCase pc;
        pc.cs = validated.cs;
        pc.now = validated.now;
        pc.profile = validated.profile;
        pc.routing = validated.routing;
        buildPrepared(pc);
        computeReference(pc);
        benchmark::DoNotOptimize(pc.referenceMid);
    }
}

// RANK (top 10 and labels), gap analysis per returned solution and the run object, on a prepared case:
// also what the window does on an appetite change.
void BM_TypicalStageRank(benchmark::State &state) {
    EngineOptions o = options();
    const Preparation prep = prepareCase(typical(), o);
    o.appetite = QStringLiteral("cost_sensitive");
    for (auto _ : state)
        benchmark::DoNotOptimize(rankPrepared(*prep.prepared, o));
}

void BM_Large(benchmark::State &state) {
    static const JsonValue root = bench::householdCase(kThreeLines, {120, 120, 120}, 30, 11);
    runLarge(state, root);
}

void BM_Wide(benchmark::State &state) {
    static const JsonValue root = bench::householdCase(kTwoLines, {300, 300}, 40, 13);
    runLarge(state, root);
}

void BM_TwoLines10M(benchmark::State &state) {
    // 3,163 × 3,163 = 10,004,569 packages.
    static const JsonValue root = bench::householdCase(kTwoLines, {3163, 3163}, 40, 17);
    runLarge(state, root);
}

// The large and the 2-line 10^7 cases with every offering priced alike (or a cent apart): almost every
// package ties on the overall score, and the cost, carriers and ids decide.
void BM_LargeTies(benchmark::State &state) {
    static const JsonValue root =
        bench::tiedHouseholdCase(kThreeLines, {120, 120, 120}, 30, 11, bench::Premiums::Equal);
    runLarge(state, root);
}

void BM_TwoLines10MNearTies(benchmark::State &state) {
    static const JsonValue root =
        bench::tiedHouseholdCase(kTwoLines, {3163, 3163}, 40, 17, bench::Premiums::Near);
    runLarge(state, root);
}

// The 50 MB shape: 3 lines × 14,700 offerings from 14,700 carriers (one offering per carrier and line),
// premiums within ±20 % of a line's base, or all equal (3.2 × 10^12 packages).
void BM_CarrierTriples(benchmark::State &state) {
    static const JsonValue root =
        bench::tiedHouseholdCase(kThreeLines, {14700, 14700, 14700}, 14700, 23, bench::Premiums::Spread);
    runLarge(state, root, 10, false);
}

void BM_CarrierTriplesEqual(benchmark::State &state) {
    static const JsonValue root =
        bench::tiedHouseholdCase(kThreeLines, {14700, 14700, 14700}, 14700, 23, bench::Premiums::Equal);
    runLarge(state, root, 10, false);
}

BENCHMARK(BM_TypicalEndToEnd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypicalEngine)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypicalStageParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypicalStageValidate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypicalStagePrepare)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypicalStageRank)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Large)->Unit(benchmark::kMillisecond)->Iterations(7);
BENCHMARK(BM_Wide)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TwoLines10M)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_LargeTies)->Unit(benchmark::kMillisecond)->Iterations(7);
BENCHMARK(BM_TwoLines10MNearTies)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_CarrierTriples)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_CarrierTriplesEqual)->Unit(benchmark::kMillisecond)->Iterations(3);

// ---- Whole processes ----------------------------------------------------------------------------

struct ProcessFigure {
    double wallMs = 0;
    double peakMB = 0;
    bool finished = false;
    int exitCode = -1;
};

// The child side of runProcess, run as `bench_engine --measure-child REPORT OUT BINARY ARGS...` before
// anything else is loaded: a small process that forks and execs the application, so that the peak RSS
// that wait4 reports is the application's own (a child forked or spawned from the benchmark itself would
// count the benchmark's memory), and writes "wall_ms peak_kb exit" to REPORT.
int measureChild(int argc, char **argv) {
    if (argc < 5) return 127;
    setpgid(0, 0); // the parent kills the whole group on timeout
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(argv[3], "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(127);
        execv(argv[4], argv + 4);
        _exit(127);
    }
    auto write = [&](long peakKb, int exit) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        const double ms = double(t1.tv_sec - t0.tv_sec) * 1e3 + double(t1.tv_nsec - t0.tv_nsec) / 1e6;
        if (FILE *report = std::fopen(argv[2], "w")) {
            std::fprintf(report, "%.3f %ld %d\n", ms, peakKb, exit);
            std::fclose(report);
        }
    };
    // While it runs, the report holds its peak so far (VmHWM), for runs killed on timeout.
    char statusFile[64];
    std::snprintf(statusFile, sizeof statusFile, "/proc/%d/status", int(pid));
    int status = 0;
    struct rusage ru {};
    for (int tick = 1;; ++tick) {
        if (wait4(pid, &status, WNOHANG, &ru) == pid) break;
        if (tick % 100 == 0) {
            if (FILE *f = std::fopen(statusFile, "r")) {
                char line[256];
                long hwm = 0;
                while (std::fgets(line, sizeof line, f))
                    if (std::sscanf(line, "VmHWM: %ld", &hwm) == 1) break;
                std::fclose(f);
                write(hwm, -2);
            }
        }
        usleep(1000);
    }
    write(ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}

// Runs the application with `args`, output to `outFile`, through measureChild: wall time and the
// application's peak RSS; kills it after `timeoutS` seconds.
ProcessFigure runProcess(const QStringList &args, const QString &outFile, double timeoutS) {
    ProcessFigure fig;
    // PW_BENCH_BINARY runs another build of the application (e.g. the previous release, for "before").
    const QByteArray binary = qEnvironmentVariableIsSet("PW_BENCH_BINARY") ? qgetenv("PW_BENCH_BINARY")
                                                                           : QByteArrayLiteral(PW_BINARY);
    const QByteArray report = (outFile + QStringLiteral(".report")).toLocal8Bit();
    QFile::remove(QString::fromLocal8Bit(report));
    std::vector<QByteArray> argBytes = {QCoreApplication::applicationFilePath().toLocal8Bit(),
                                        QByteArrayLiteral("--measure-child"), report, outFile.toLocal8Bit(),
                                        binary};
    for (const auto &a : args)
        argBytes.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (auto &a : argBytes)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QElapsedTimer t;
    t.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        qFatal("cannot start %s", argv[0]);
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) != pid) {
        if (t.elapsed() > timeoutS * 1000) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    QFile f(QString::fromLocal8Bit(report));
    if (!f.open(QIODevice::ReadOnly)) return fig;
    const QList<QByteArray> parts = f.readAll().trimmed().split(' ');
    if (parts.size() != 3) return fig;
    fig.wallMs = parts[0].toDouble();
    fig.peakMB = parts[1].toDouble() / 1024.0;
    fig.exitCode = parts[2].toInt();
    fig.finished = fig.exitCode != -2;
    return fig;
}

double durationMsOf(const QString &jsonFile) {
    const CaseFileResult f = readCaseFile(jsonFile);
    return f.root ? (*f.root)[u"duration_ms"].toDouble(-1) : -1;
}

QString spread(std::vector<double> v, const char *unit, int decimals = 1) {
    if (v.empty()) return QStringLiteral("-");
    std::sort(v.begin(), v.end());
    return QStringLiteral("%1 / %2 / %3 %4")
        .arg(v.front(), 0, 'f', decimals)
        .arg(v[v.size() / 2], 0, 'f', decimals)
        .arg(v.back(), 0, 'f', decimals)
        .arg(QLatin1StringView(unit));
}

// 50 MB: 3 lines × 14,700 household offerings (44,100; 3.2 × 10^12 packages).
JsonValue fiftyCase() {
    return bench::householdCase(kThreeLines, {14700, 14700, 14700}, 60, 19);
}

void writeCase(const QString &file, const JsonValue &root) {
    const QString err = writeFileAtomically(file, writeJson(root));
    if (!err.isEmpty()) qFatal("%s", qPrintable(err));
}

// One process figure, repeated: wall, engine duration_ms (when the output is a run object), peak RSS.
void processFigure(const char *name, const QStringList &args, const QTemporaryDir &dir, int reps,
                   double timeoutS, bool hasRun) {
    std::vector<double> wall, engine, peak;
    int unfinished = 0, exitCode = 0;
    const QString out = dir.filePath(QStringLiteral("out.json"));
    for (int i = 0; i < reps; ++i) {
        const ProcessFigure f = runProcess(args, out, timeoutS);
        peak.push_back(f.peakMB); // for a run killed on timeout: its peak so far
        if (!f.finished) {
            ++unfinished;
            continue;
        }
        exitCode = std::max(exitCode, f.exitCode);
        wall.push_back(f.wallMs);
        if (hasRun) engine.push_back(durationMsOf(out));
    }
    std::printf("%-34s wall %s | engine %s | peak RSS %s | exit %d", name, qPrintable(spread(wall, "ms")),
                qPrintable(spread(engine, "ms", 3)), qPrintable(spread(peak, "MB")), exitCode);
    if (unfinished) std::printf(" | %d of %d runs unfinished after %.0f s", unfinished, reps, timeoutS);
    std::printf("\n");
    std::fflush(stdout);
}

void processFigures() {
    const int reps =
        qEnvironmentVariableIsSet("PW_BENCH_REPS") ? qEnvironmentVariableIntValue("PW_BENCH_REPS") : 3;
    const double timeoutS = qEnvironmentVariableIsSet("PW_BENCH_TIMEOUT")
                                ? qEnvironmentVariableIntValue("PW_BENCH_TIMEOUT")
                                : 120;
    QTemporaryDir dir;
    const QString now = QString::fromLatin1(kNow);
    std::printf("\nWhole processes (min / median / max of %d runs):\n", reps);
    std::fflush(stdout);

    // The figure users read: `duration_ms` of a typical household in a fresh `rank` process, where the
    // first case is also the first use of the engine's code and memory (PW_BENCH_FRESH_REPS runs,
    // default 20).
    const QString typicalFile = dir.filePath(QStringLiteral("typical.json"));
    writeCase(typicalFile, typical());
    const int freshReps = qEnvironmentVariableIsSet("PW_BENCH_FRESH_REPS")
                              ? qEnvironmentVariableIntValue("PW_BENCH_FRESH_REPS")
                              : 20;
    processFigure("rank typical, fresh process",
                  {QStringLiteral("rank"), typicalFile, QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--now"), now},
                  dir, freshReps, timeoutS, true);

    const QString large = dir.filePath(QStringLiteral("large.json"));
    writeCase(large, bench::householdCase(kThreeLines, {120, 120, 120}, 30, 11));
    processFigure("rank large (1.728 M), top 10",
                  {QStringLiteral("rank"), large, QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--now"), now},
                  dir, reps, timeoutS, true);
    processFigure("rank large, --top 10000",
                  {QStringLiteral("rank"), large, QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--top"), QStringLiteral("10000"), QStringLiteral("--now"), now},
                  dir, reps, timeoutS, true);
    // The table and CSV read the solutions one at a time as JSON does (peak RSS flat in --top).
    for (const char *fmt : {"table", "csv"})
        processFigure(fmt == std::string_view("table") ? "rank large, --top 10000, table"
                                                       : "rank large, --top 10000, csv",
                      {QStringLiteral("rank"), large, QStringLiteral("--format"), QString::fromLatin1(fmt),
                       QStringLiteral("--top"), QStringLiteral("10000"), QStringLiteral("--now"), now},
                      dir, reps, timeoutS, false);

    // 50 MB: 3 lines × 14,700 household offerings (44,100; 3.2 × 10^12 packages), written from a child
    // scope so that its tree is freed before the processes run.
    const QString big = dir.filePath(QStringLiteral("fifty.json"));
    writeCase(big, fiftyCase());
    std::printf("50 MB case: %.1f MB on disk\n", double(QFileInfo(big).size()) / 1e6);
    std::fflush(stdout);
    processFigure("validate 50 MB", {QStringLiteral("validate"), big, QStringLiteral("--now"), now}, dir,
                  reps, timeoutS, false);
    processFigure("gaps 50 MB", {QStringLiteral("gaps"), big, QStringLiteral("--now"), now}, dir, reps,
                  timeoutS, false);
    processFigure("rank 50 MB",
                  {QStringLiteral("rank"), big, QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--now"), now},
                  dir, 1, timeoutS, true);
    QFile::remove(big);

    const QString batchDir = dir.filePath(QStringLiteral("batch"));
    QDir().mkpath(batchDir);
    for (int i = 0; i < 1000; ++i)
        writeCase(QDir(batchDir).filePath(QStringLiteral("case-%1.json").arg(i, 4, 10, QChar(u'0'))),
                  bench::typicalCase(quint32(1000 + i)));
    processFigure("rank --batch 1000 typical",
                  {QStringLiteral("rank"), QStringLiteral("--batch"), batchDir, QStringLiteral("--now"), now},
                  dir, reps, timeoutS, false);
}

} // namespace

int main(int argc, char **argv) {
    if (argc > 1 && std::strcmp(argv[1], "--measure-child") == 0) return measureChild(argc, argv);
    QCoreApplication app(argc, argv);
    // PW_BENCH_WRITE_CASES=DIR writes the generated cases (typical, large, wide) for profiling and for
    // comparing outputs, and exits.
    if (const QString dir = qEnvironmentVariable("PW_BENCH_WRITE_CASES"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        writeCase(QDir(dir).filePath(QStringLiteral("typical.json")), typical());
        for (quint32 seed = 1; seed <= 5; ++seed)
            writeCase(QDir(dir).filePath(QStringLiteral("typical-%1.json").arg(seed)),
                      bench::typicalCase(seed));
        writeCase(QDir(dir).filePath(QStringLiteral("large.json")),
                  bench::householdCase(kThreeLines, {120, 120, 120}, 30, 11));
        writeCase(QDir(dir).filePath(QStringLiteral("wide.json")),
                  bench::householdCase(kTwoLines, {300, 300}, 40, 13));
        writeCase(QDir(dir).filePath(QStringLiteral("quote-only.json")),
                  bench::generateCase(kThreeLines, {40, 40, 40}, 12, 3));
        // PW_BENCH_WRITE_FIFTY=1 adds the 50 MB case.
        if (qEnvironmentVariableIsSet("PW_BENCH_WRITE_FIFTY"))
            writeCase(QDir(dir).filePath(QStringLiteral("fifty.json")), fiftyCase());
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (qEnvironmentVariableIsEmpty("PW_BENCH_NO_PROCESS")) processFigures();
    return 0;
}
