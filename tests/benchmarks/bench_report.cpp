// SPDX-License-Identifier: MIT
// Report export benchmark: the underwriter scorecard PDF of a case with 60 solutions (default: the
// Brooklyn household sample), the time of each stage: building the document model, the QTextDocument
// (HTML and column fitting), pagination with the first page painted (the report laid out as one long page,
// measured, placed page by page so no table row is cut, and laid out page by page), and painting the rest;
// then the long-report figures: pages, seconds (wall and CPU), CPU ms a page over the first and the last
// 100 pages painted, and the peak RSS.
// Run: build/tests/benchmarks/bench_report [CASE.json | --typical] [SOLUTIONS]
// (--typical: the generated typical household of casegen.h, thousands of packages, for --top 1000; not
// part of ctest: no test fails on wall-clock time).
// The report's run id is fixed (kRunId; PW_BENCH_RUN_ID=ID sets another), its clock and the run's creation
// time are 2026-11-28 12:00 UTC, so two runs make the same PDF; PW_BENCH_PDF=FILE writes it, to compare two
// builds' PDFs with `pdftotext -layout`. Recorded on the 2-core build machine (shared, so wall times vary;
// CPU time is the process's):
//   one QTextDocument of the whole report (laid out in pages, walked from its start for every page):
//     --typical 100:  136 pages, 4.2 s CPU (31.0 ms a page), painting 10.0 / 12.8 ms a page (first / last 13)
//     --typical 1000: 1,343 pages, 52.4 s CPU (39.0 ms a page), painting 12.8 / 14.6 ms a page (first / last
//                     100), peak RSS 544 MB
//   stretch by stretch (ui/report/reportstretches.h), every stretch's layout held until painted:
//     --typical 100:  136 pages, 2.9 s CPU (21.2 ms a page), painting 7.8 / 7.3 ms a page, peak RSS 88 MB
//     --typical 1000: 1,343 pages, 31.2 s CPU (23.2 ms a page), painting 8.2 / 7.9 ms a page, peak RSS 634 MB
//   stretch by stretch, the first 64 pages' layouts held, later stretches laid out again to be painted:
//     --typical 100:  136 pages, 3.3 s CPU (24.2 ms a page), painting 7.8 / 12.9 ms a page, peak RSS 77 MB
//     --typical 1000: 1,343 pages, 41.6 s CPU (31.0 ms a page), painting 10.9 / 15.5 ms a page (the first 100
//                     pages mostly held ones; the machine loaded), peak RSS 470 MB
//   Most of what remains of the peak is the report's own document, laid out as one long page to be
//   measured and kept by the caller while the pages are painted.
#include "casegen.h"
#include "io/casefile.h"
#include "report/reportrenderer.h"
#include "util/dates.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#include <sys/resource.h>

using namespace pw;

namespace {

// The run id the report shows (a ranking run gets a new one each time).
constexpr const char *kRunId = "00000000-0000-4000-8000-000000000000";

// CPU time of the process so far, ms: what the work costs whatever else the shared machine runs.
double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

} // namespace

int main(int argc, char **argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString file =
        args.value(1, QStringLiteral(PW_SOURCE_DIR "/resources/samples/brooklyn-household.json"));
    const int solutions = args.value(2, QStringLiteral("60")).toInt();

    ReportRequest request;
    if (file == QStringLiteral("--typical")) {
        request.caseRoot = bench::typicalCase(7);
    } else {
        const CaseFileResult read = readCaseFile(file);
        if (!read.root) {
            std::fprintf(stderr, "bench_report: %s cannot be read\n", qPrintable(file));
            return 2;
        }
        request.caseRoot = *read.root;
    }
    request.options.now = QDateTime(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
    request.options.top = solutions;
    request.kind = ReportKind::Underwriter;
    request.format = ReportFormat::Pdf;
    QString error;
    std::optional<ReportJob> job = reportJob(request, &error);
    if (!job) {
        std::fprintf(stderr, "bench_report: %s\n", qPrintable(error));
        return 2;
    }
    const QString runId = qEnvironmentVariable("PW_BENCH_RUN_ID", QString::fromLatin1(kRunId));
    job->inputs.run.insert(QStringLiteral("run_id"), runId);
    job->inputs.run.insert(QStringLiteral("created_at"), formatTimestamp(request.options.now));

    QElapsedTimer timer;
    timer.start();
    const double cpuStart = cpuMs();
    const ReportDocument doc = buildReportDocument(*job);
    const double model = timer.nsecsElapsed() / 1e6;
    timer.restart();
    std::unique_ptr<QTextDocument> text = reportTextDocument(doc);
    const double html = timer.nsecsElapsed() / 1e6;
    timer.restart();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    double firstPage = 0, firstPageCpu = 0;
    int pages = 0;
    std::vector<double> painted; // CPU ms when each page was done
    painted.reserve(4096);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait, QMarginsF()));
        pages = paintReportPages(*text, doc, &writer, [&](int done, int) {
            if (done == 0) return true; // still laying out
            if (done == 1) {
                firstPage = timer.nsecsElapsed() / 1e6;
                firstPageCpu = cpuMs() - cpuStart;
            }
            painted.push_back(cpuMs());
            return true;
        });
    }
    const double total = timer.nsecsElapsed() / 1e6;
    const double cpu = cpuMs() - cpuStart;
    std::printf("underwriter report PDF, %d solutions: %d pages, %lld bytes\n", solutions, pages,
                qlonglong(bytes.size()));
    std::printf("  document model          %9.1f ms\n", model);
    std::printf("  text document (HTML)    %9.1f ms\n", html);
    std::printf("  pagination + 1st page   %9.1f ms (%.1f ms CPU from the start)\n", firstPage, firstPageCpu);
    std::printf("  other pages painted     %9.1f ms\n", total - firstPage);
    std::printf("  export total            %9.1f ms wall, %.1f ms CPU (%.1f ms CPU a page)\n",
                model + html + total, cpu, pages > 0 ? cpu / pages : 0.0);
    // Painting a page costs as much at the end of a long report as at its start (no step that grows with
    // the pages before): CPU ms a page over the first and the last 100 pages (a tenth of a shorter report).
    if (painted.size() >= 20) {
        const size_t n = painted.size(), span = std::min<size_t>(100, n / 10);
        std::printf("  painting, first %3zu pages %7.2f ms CPU a page\n", span,
                    (painted[span] - painted[0]) / double(span));
        std::printf("  painting, last %3zu pages  %7.2f ms CPU a page\n", span,
                    (painted[n - 1] - painted[n - 1 - span]) / double(span));
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("  peak RSS                %9.1f MB\n", usage.ru_maxrss / 1024.0);
    if (const QString pdf = qEnvironmentVariable("PW_BENCH_PDF"); !pdf.isEmpty()) {
        QFile out(pdf);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size()) {
            std::fprintf(stderr, "bench_report: %s cannot be written\n", qPrintable(pdf));
            return 2;
        }
    }
    return pages > 0 ? 0 : 1;
}
