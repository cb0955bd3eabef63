// SPDX-License-Identifier: MIT
// Search on the agency's server: builds a library of N cases (default 100 000) on a throwaway PostgreSQL
// cluster (bulk INSERT … SELECT generate_series on the server, seconds), then prints the search latency —
// min, median, max over several runs — of the queries the library window makes (the first page of 200,
// newest first): a name substring, a ZIP, a carrier, a state filter, a line filter, and a word with a
// state. Target: under 50 ms each. Run: build/tests/benchmarks/bench_library_search [N]
// (not part of ctest: no test fails on wall-clock time).
#include "pgcluster.h"
#include "store/caselibrary.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace pw;

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::max(1, atoi(argv[1])) : 100000;
    test::PgTestCluster pg;
    if (!pg.start() || !pg.createAgency({QStringLiteral("agent")}, {})) {
        std::fprintf(stderr, "%s\n", qPrintable(pg.error()));
        return 1;
    }
    {
        auto owner =
            openCaseLibrary(pg.location(QStringLiteral("owner")), pg.password(QStringLiteral("owner")));
        if (!owner->isOpen()) {
            std::fprintf(stderr, "%s\n", qPrintable(owner->lastError()));
            return 1;
        }
    }
    QElapsedTimer build;
    build.start();
    // Facts as caseFactsOf writes them: lists between U+001F, search text folded, fields joined by U+001F.
    const QString fill = QStringLiteral(R"SQL(
INSERT INTO cases (id, created_at, modified_at, file_path, current_version)
SELECT g, to_char(timestamp '2025-01-01' + g * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       to_char(timestamp '2025-01-01' + g * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '', g
FROM generate_series(1, %1) g;
WITH f AS (
  SELECT g,
    (ARRAY['Dana','Luis','Mary','Zoe','Sam','Priya','Chen','Olu','Anna','Tom'])[1 + g % 10] || ' ' ||
    (ARRAY['Okafor','Ortega','Nguyen','Smith','Angstrom','Kowalski','Haddad','Brown','Rossi','Ivanova',
           'Patel','Murphy'])[1 + (g / 10) % 12] || g AS name,
    (ARRAY['NY','NJ','CT','PA','MA','CA','TX','FL'])[1 + (g / 7) % 8] AS state,
    lpad(((g * 7919) % 99999)::text, 5, '0') AS zip,
    (ARRAY['Harborview Mutual','Keystone Indemnity','Bayside Insurance','Acme Fire','Granite State Casualty',
           'Northpoint Assurance','21st Century'])[1 + (g / 3) % 7] AS carrier,
    (ARRAY[chr(31) || 'home' || chr(31), chr(31) || 'auto' || chr(31),
           chr(31) || 'home' || chr(31) || 'auto' || chr(31) || 'umbrella' || chr(31)])[1 + g % 3] AS lines,
    'HO-' || g AS policy
  FROM generate_series(1, %1) g)
INSERT INTO versions (id, case_id, number, label, parent_id, created_at, modified_at, insured_name, state, zip,
                      lines, carriers, policy_numbers, search_text, top_package, revision, modified_by, body_hash)
SELECT g, g, 1, 'Original', 0, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', name, state, zip, lines,
       chr(31) || carrier || chr(31), chr(31) || policy || chr(31),
       lower(name || chr(31) || state || chr(31) || zip || chr(31) || carrier || chr(31) || policy), carrier,
       1, 'owner', md5(g::text)
FROM f;
INSERT INTO version_data (version_id, body, ranking_json) SELECT g, '\x7b7d', '' FROM generate_series(1, %1) g;
SELECT setval(pg_get_serial_sequence('cases', 'id'), %1);
SELECT setval(pg_get_serial_sequence('versions', 'id'), %1);
ANALYZE;
)SQL")
                             .arg(n);
    if (!pg.runSql(fill, QStringLiteral("owner"))) {
        std::fprintf(stderr, "%s\n", qPrintable(pg.error()));
        return 1;
    }
    std::printf("built %d cases on PostgreSQL in %.1f s\n", n, build.nsecsElapsed() / 1e9);
    auto lib = openCaseLibrary(pg.location(QStringLiteral("agent")), pg.password(QStringLiteral("agent")));
    if (!lib->isOpen()) {
        std::fprintf(stderr, "%s\n", qPrintable(lib->lastError()));
        return 1;
    }
    for (const QString &notice : lib->notices())
        std::printf("note: %s\n", qPrintable(notice));
    const struct {
        const char *label;
        LibraryQuery query;
    } queries[] = {
        {"list, first page", {{}, {}, {}, 200}},
        {"name substring \"kowalski12\"", {QStringLiteral("kowalski12"), {}, {}, 200}},
        {"name, rare \"smith4711\"", {QStringLiteral("smith4711"), {}, {}, 200}},
        {"ZIP \"04711\"", {QStringLiteral("04711"), {}, {}, 200}},
        {"carrier \"granite\"", {QStringLiteral("granite"), {}, {}, 200}},
        {"policy \"HO-99999\"", {QStringLiteral("HO-99999"), {}, {}, 200}},
        {"state filter NJ", {{}, QStringLiteral("NJ"), {}, 200}},
        {"line filter umbrella", {{}, {}, QStringLiteral("umbrella"), 200}},
        {"\"dana\" in TX", {QStringLiteral("dana"), QStringLiteral("TX"), {}, 200}},
        {"no match \"zzqx\"", {QStringLiteral("zzqx"), {}, {}, 200}},
    };
    std::printf("%-32s %8s %8s %8s %6s\n", "query (limit 200)", "min ms", "median", "max ms", "rows");
    for (const auto &q : queries) {
        std::vector<double> t;
        size_t rows = 0;
        for (int i = 0; i < 15; ++i) {
            QElapsedTimer timer;
            timer.start();
            rows = lib->cases(q.query).size();
            t.push_back(timer.nsecsElapsed() / 1e6);
            if (!lib->lastError().isEmpty()) {
                std::fprintf(stderr, "%s\n", qPrintable(lib->lastError()));
                return 1;
            }
        }
        std::sort(t.begin(), t.end());
        std::printf("%-32s %8.2f %8.2f %8.2f %6zu\n", q.label, t.front(), t[t.size() / 2], t.back(), rows);
    }
    return 0;
}
