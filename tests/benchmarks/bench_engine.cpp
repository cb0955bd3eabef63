// SPDX-License-Identifier: MIT
// Engine benchmarks: typical (10 carriers × 3 lines), large (120 offerings per line, 1.728 million
// packages, exact top 10) and wide (300 home × 300 auto). Prints engine time, packages per second and peak
// memory; then times `placement-workbench rank --batch` over 1,000 typical cases as a whole process.
#include "casegen.h"

#include "engine/engine.h"
#include "engine/packages.h"
#include "engine/ranking.h"
#include "io/casefile.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimeZone>

#include <benchmark/benchmark.h>
#include <sys/resource.h>

using namespace pw;

namespace {

EngineOptions options() {
    EngineOptions o;
    o.now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
    o.top = 10;
    return o;
}

void runCase(benchmark::State &state, const JsonValue &root) {
    const EngineOptions o = options();
    double packages = 0;
    for (auto _ : state) {
        EngineRun r = runEngine(root, o);
        benchmark::DoNotOptimize(r);
        packages = r.run ? (*r.run)[u"output"][u"solution_count"].toDouble() : 0;
    }
    state.counters["packages"] = packages;
    state.counters["packages_per_s"] =
        benchmark::Counter(packages, benchmark::Counter::kIsIterationInvariantRate);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    state.counters["peak_rss_MB"] = double(ru.ru_maxrss) / 1024.0;
}

void BM_Typical(benchmark::State &state) {
    runCase(state, bench::typicalCase(7));
}

void BM_Large(benchmark::State &state) {
    const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
    runCase(state, bench::generateCase(lines, {120, 120, 120}, 30, 11));
}

void BM_Wide(benchmark::State &state) {
    const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto")};
    runCase(state, bench::generateCase(lines, {300, 300}, 40, 13));
}

void BM_RerankOnly(benchmark::State &state) {
    // What the window does on an appetite change: rank a prepared case again.
    const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
    EngineOptions o = options();
    const Preparation prep = prepareCase(bench::typicalCase(7), o);
    o.appetite = QStringLiteral("cost_sensitive");
    for (auto _ : state)
        benchmark::DoNotOptimize(rankPrepared(*prep.prepared, o));
}

void BM_TypicalCore(benchmark::State &state) {
    // The engine's own stages on a case already read and validated: FILTER, ASSEMBLE, PRICE, SCORE and
    // RANK (top 10 and labels), without the JSON reading/validation before and the run object after.
    const EngineOptions o = options();
    const Preparation prep = prepareCase(bench::typicalCase(7), o);
    const PreparedCase &validated = *prep.prepared;
    const Weights &w = defaultProfile().weights.at(QStringLiteral("balanced"));
    for (auto _ : state) {
        PreparedCase pc;
        pc.cs = validated.cs;
        pc.now = validated.now;
        pc.profile = validated.profile;
        pc.routing = validated.routing;
        buildPrepared(pc);
        computeReference(pc);
        benchmark::DoNotOptimize(rankPackages(pc, w, 10));
    }
}

BENCHMARK(BM_Typical)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TypicalCore)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RerankOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Large)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Wide)->Unit(benchmark::kMillisecond);

// `rank --batch` over 1,000 typical cases: wall time of the whole process.
void batchFigure() {
    QTemporaryDir dir;
    for (int i = 0; i < 1000; ++i) {
        const QString file = dir.filePath(QStringLiteral("case-%1.json").arg(i, 4, 10, QChar(u'0')));
        const QString err = writeFileAtomically(file, writeJson(bench::typicalCase(quint32(1000 + i))));
        if (!err.isEmpty()) qFatal("%s", qPrintable(err));
    }
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(PW_BINARY), {QStringLiteral("rank"), QStringLiteral("--batch"), dir.path(),
                                        QStringLiteral("--now"), QStringLiteral("2026-11-28T12:00:00Z")});
    p.waitForFinished(600000);
    std::printf("rank --batch over 1000 typical cases: %.0f ms wall time for the whole process (exit %d)\n",
                double(t.elapsed()), p.exitCode());
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (qEnvironmentVariableIsEmpty("PW_BENCH_NO_BATCH")) batchFigure();
    return 0;
}
