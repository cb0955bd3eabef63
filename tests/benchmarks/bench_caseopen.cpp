// SPDX-License-Identifier: MIT
// Opening a case, stage by stage, the way `validate`, `gaps` and the window's Open do it: read the file,
// parse it, validate it (the typed case and the problems), and the gap-only validation and analysis of
// `gaps`; on the 50 MB case (3 lines × 14,700 household offerings) and on a typical household, where the
// prepared case's building (filter, assemble, price, score facts) is measured beside validation.
// Each figure is the min / median / max of PW_BENCH_REPS runs (default 5), with the peak RSS of the
// process after the figure. `bench_caseopen --write FILE` writes the 50 MB case and exits (for profiling
// and for the CLI's own timings).
#include "casegen.h"

#include "engine/engine.h"
#include "engine/gaps.h"
#include "engine/prepared.h"
#include "io/casefile.h"
#include "io/safefilewriter.h"
#include "io/validation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimeZone>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>

using namespace pw;

namespace {

const QStringList kThreeLines = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};

QDateTime benchNow() {
    return QDateTime(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
}

double peakRssMB() {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1024.0;
}

// Runs `work` `reps` times and prints min / median / max in milliseconds (per call when `perCall` > 1).
void figure(const char *name, int reps, const std::function<void()> &work, int perCall = 1) {
    std::vector<double> ms;
    for (int i = 0; i < reps; ++i) {
        QElapsedTimer t;
        t.start();
        for (int k = 0; k < perCall; ++k)
            work();
        ms.push_back(double(t.nsecsElapsed()) / 1e6 / perCall);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-40s %10.3f / %10.3f / %10.3f ms | peak RSS %.0f MB\n", name, ms.front(), ms[ms.size() / 2],
                ms.back(), peakRssMB());
    std::fflush(stdout);
}

JsonValue fiftyMegabyteCase() {
    return bench::householdCase(kThreeLines, {14700, 14700, 14700}, 60, 19);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (argc == 3 && std::strcmp(argv[1], "--write") == 0) {
        const QString err =
            writeFileAtomically(QString::fromLocal8Bit(argv[2]), writeJson(fiftyMegabyteCase()));
        if (!err.isEmpty()) qFatal("%s", qPrintable(err));
        return 0;
    }
    const int reps =
        qEnvironmentVariableIsSet("PW_BENCH_REPS") ? qEnvironmentVariableIntValue("PW_BENCH_REPS") : 5;
    const QDateTime now = benchNow();
    const EngineProfile &profile = defaultProfile();
    std::printf("Stages (min / median / max of %d runs):\n", reps);

    // A typical household: validation and the prepared case's building, per case.
    {
        const JsonValue typical = bench::typicalCase(7);
        EngineOptions o;
        o.now = now;
        const Preparation prep = prepareCase(typical, o);
        figure(
            "typical: validate", reps, [&] { validateCase(typical, now, profile); }, 200);
        figure(
            "typical: build prepared case", reps,
            [&] {
                PreparedCase pc;
                pc.cs = prep.prepared->cs;
                pc.now = now;
                pc.profile = &profile;
                pc.routing = prep.prepared->routing;
                buildPrepared(pc);
            },
            200);
        figure(
            "typical: prepareCase (validate+build+ref)", reps, [&] { prepareCase(typical, o); }, 200);
    }

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("fifty.json"));
    {
        const QString err = writeFileAtomically(file, writeJson(fiftyMegabyteCase()));
        if (!err.isEmpty()) qFatal("%s", qPrintable(err));
    }
    std::printf("50 MB case: %.1f MB on disk\n", double(QFile(file).size()) / 1e6);
    QByteArray bytes;
    figure("50 MB: read the file", reps, [&] {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(file));
        bytes = f.readAll();
    });
    std::optional<JsonValue> root;
    figure("50 MB: parse", reps, [&] { root = parseCaseBytes(bytes).root; });
    bytes.clear();
    figure("50 MB: readCaseFile (read + parse)", reps, [&] { root = readCaseFile(file).root; });
    figure("50 MB: validate", reps, [&] { validateCase(*root, now, profile); });
    figure("50 MB: gaps (gap-only validate + analysis)", reps, [&] {
        const ValidationResult v =
            validateCase(gapOnlyCase(*root), now, profile, OfferingsRead::ForQuoteMatching);
        analyseCurrentCoverage(v.parsed.input, now, profile);
    });
    {
        std::vector<double> ms;
        for (int i = 0; i < reps; ++i) {
            std::optional<JsonValue> copy = readCaseFile(file).root;
            root.reset();
            QElapsedTimer t;
            t.start();
            copy.reset();
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%-40s %10.3f / %10.3f / %10.3f ms\n", "50 MB: free the tree", ms.front(),
                    ms[ms.size() / 2], ms.back());
    }
    return 0;
}
