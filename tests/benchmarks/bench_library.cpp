// SPDX-License-Identifier: MIT
// Case library benchmark: builds a library of N generated households (default 10 000) and prints how long
// opening the list (every case, as the library view loads it) and searches take, median of several runs.
// Target: both under 50 ms. Run: build/tests/benchmarks/bench_library [N] [FOLDER]
// (not part of ctest: no test fails on wall-clock time).
#include "io/json.h"
#include "io/jsonpath.h"
#include "store/caselibrary.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace pw;

namespace {

const char *kFirst[] = {"Dana", "Luis", "Mary", "Zoë", "Sam", "Priya", "Chen", "Olu", "Anna", "Tom"};
const char *kLast[] = {"Okafor", "Ortega", "Nguyen", "Smith",   "Ångström", "Kowalski",
                       "Haddad", "Brown",  "Rossi",  "Ivanova", "Patel",    "Murphy"};
const char *kStates[] = {"NY", "NJ", "CT", "PA", "MA", "CA", "TX", "FL"};
const char *kCarriers[] = {"Harborview Mutual",      "Keystone Indemnity",   "Bayside Insurance", "Acme Fire",
                           "Granite State Casualty", "Northpoint Assurance", "21st Century"};

template <class F> double medianMs(int runs, F f) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        f();
        t.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::max(1, atoi(argv[1])) : 10000;
    QTemporaryDir tmp;
    const QString folder = argc > 2 ? QString::fromLocal8Bit(argv[2]) : tmp.path();
    QFile sample(QStringLiteral(":/samples/brooklyn-household.json"));
    if (!sample.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "no bundled sample\n");
        return 1;
    }
    const JsonValue base = *parseJson(sample.readAll());
    auto lib = openCaseLibrary(folder + QStringLiteral("/library.sqlite"));
    if (!lib->isOpen()) {
        std::fprintf(stderr, "%s\n", qPrintable(lib->lastError()));
        return 1;
    }
    QRandomGenerator rng(42);
    QElapsedTimer build;
    build.start();
    for (int i = lib->caseCount(); i < n; ++i) {
        JsonValue root = base;
        auto pick = [&](const auto &arr) { return QString::fromUtf8(arr[rng.bounded(int(std::size(arr)))]); };
        setJsonValueAt(root, QStringLiteral("input.applicant.first_name"), pick(kFirst));
        setJsonValueAt(root, QStringLiteral("input.applicant.last_name"),
                       QString(pick(kLast) + QString::number(i)));
        setJsonValueAt(root, QStringLiteral("input.address.state"), pick(kStates));
        setJsonValueAt(root, QStringLiteral("input.address.zip_code"),
                       QStringLiteral("%1").arg(rng.bounded(1000, 99999), 5, 10, QChar(u'0')));
        setJsonValueAt(root, QStringLiteral("input.current_coverage.home.carrier"), pick(kCarriers));
        setJsonValueAt(root, QStringLiteral("input.current_coverage.home.policy_number"),
                       QStringLiteral("POL-%1").arg(i, 6, 10, QChar(u'0')));
        SaveOptions o;
        o.author = QStringLiteral("bench");
        RankingSnapshot r;
        r.hasRun = true;
        r.qualifiedCount = int(rng.bounded(10));
        const double low = 5000.0 + rng.bounded(3000);
        r.packages.push_back(
            {1, QStringLiteral("k"), pick(kCarriers), low, low + rng.bounded(2) * 480.0, QString(), true});
        o.ranking = r;
        if (!lib->addCase(writeJson(root), o)) {
            std::fprintf(stderr, "%s\n", qPrintable(lib->lastError()));
            return 1;
        }
    }
    std::printf("library of %d cases in %s (built in %.1f s)\n", lib->caseCount(), qPrintable(folder),
                build.elapsed() / 1000.0);

    size_t rows = 0;
    // A fresh connection each time, as the view's worker thread opens one.
    const double openList = medianMs(7, [&] {
        auto worker = lib->openAnother();
        rows = worker->cases().size();
    });
    std::printf("open the list (new connection, all %zu cases): %.1f ms\n", rows, openList);
    const double list = medianMs(7, [&] { rows = lib->cases().size(); });
    std::printf("list again (open connection, %zu cases):       %.1f ms\n", rows, list);
    double freeMs = 0;
    const double fetchOnly = medianMs(7, [&] {
        auto *v = new std::vector<LibraryCase>(lib->cases());
        QElapsedTimer t;
        t.start();
        delete v;
        freeMs = t.nsecsElapsed() / 1e6;
    });
    std::printf("  of which freeing the rows: %.1f ms (fetch %.1f)\n", freeMs, fetchOnly - freeMs);
    LibraryQuery page;
    page.limit = 200;
    const double firstPage = medianMs(7, [&] { rows = lib->cases(page).size(); });
    std::printf("first page (%zu rows): %.1f ms\n", rows, firstPage);
    for (const char *text : {"okafor", "pol-0042", "harborview", "zzz-no-match", "ny 1"}) {
        LibraryQuery q;
        q.text = QString::fromUtf8(text);
        const double ms = medianMs(7, [&] { rows = lib->cases(q).size(); });
        std::printf("search \"%s\" (%zu found): %.1f ms\n", text, rows, ms);
    }
    LibraryQuery filtered;
    filtered.state = QStringLiteral("NJ");
    filtered.line = QStringLiteral("umbrella");
    const double f = medianMs(7, [&] { rows = lib->cases(filtered).size(); });
    std::printf("filter state NJ + line umbrella (%zu found): %.1f ms\n", rows, f);
    return 0;
}
