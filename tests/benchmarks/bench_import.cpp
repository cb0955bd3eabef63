// SPDX-License-Identifier: MIT
// Import benchmarks: 100,000 table rows read into offerings, all of one carrier and line (every row
// needs the next generated id of the same base) and of distinct carriers, as comma-separated UTF-8 and as
// decimal-comma UTF-16. Prints the time per import and rows per second; no test fails on wall-clock time.
// Run: build/tests/benchmarks/bench_import
#include "io/offeringimport.h"

#include <QCoreApplication>
#include <QStringConverter>

#include <benchmark/benchmark.h>

using namespace pw;

namespace {

constexpr int kRows = 100000;

QByteArray table(bool distinctCarriers) {
    QByteArray csv = "Carrier,Line,Product,Premium,AM Best,Tier,Commission %\n";
    csv.reserve(kRows * 64);
    for (int i = 0; i < kRows; ++i) {
        csv += distinctCarriers ? "Carrier " + QByteArray::number(i) : QByteArray("Acme Mutual");
        csv += ",home,Acme HO-3,\"$" + QByteArray::number(1000 + i % 5000) + ".50\",A,standard,12%\n";
    }
    return csv;
}

QByteArray utf16DecimalComma() {
    QString tsv = QStringLiteral("Carrier\tLine\tPremium\tCommission %\r\n");
    for (int i = 0; i < kRows; ++i)
        tsv += QStringLiteral("Mutuelle Générale\thome\t%1,50\t12,5\r\n").arg(1000 + i % 5000);
    QStringEncoder enc(QStringConverter::Utf16LE);
    return QByteArray("\xFF\xFE", 2) + QByteArray(enc(tsv));
}

void run(benchmark::State &state, const QByteArray &bytes) {
    int accepted = 0;
    for (auto _ : state) {
        const OfferingImport imp = importOfferingBytes(bytes, {});
        accepted = imp.acceptedCount();
        benchmark::DoNotOptimize(accepted);
    }
    state.counters["rows"] = accepted;
    state.counters["rows_per_s"] =
        benchmark::Counter(accepted, benchmark::Counter::kIsIterationInvariantRate);
    if (accepted != kRows) state.SkipWithError("not every row was imported");
}

void BM_OneCarrierAndLine(benchmark::State &state) {
    run(state, table(false));
}

void BM_DistinctCarriers(benchmark::State &state) {
    run(state, table(true));
}

void BM_Utf16DecimalComma(benchmark::State &state) {
    run(state, utf16DecimalComma());
}

} // namespace

BENCHMARK(BM_OneCarrierAndLine)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_DistinctCarriers)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_Utf16DecimalComma)->Unit(benchmark::kMillisecond)->Iterations(1);

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
