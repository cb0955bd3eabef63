// SPDX-License-Identifier: MIT
// Report export benchmark: the underwriter scorecard PDF of a case with 60 solutions (default: the
// Brooklyn household sample), the time of each stage: building the document model, the QTextDocument
// (HTML and column fitting), pagination with the first page painted (the report laid out as one long page,
// measured, placed page by page so no table row is cut, and laid out again in pages), and painting the rest.
// Run: build/tests/benchmarks/bench_report [CASE.json | --typical] [SOLUTIONS]
// (--typical: the generated typical household of casegen.h, thousands of packages, for --top 1000; not
// part of ctest: no test fails on wall-clock time).
// Recorded on the 2-core build machine (shared, so wall times vary; CPU time from /usr/bin/time):
//   --typical 100:  136 pages, 4.1 s CPU (30 ms a page); painting 19 / 22 ms a page (first / last tenth)
//   --typical 1000: 1,343 pages, 50.9 s CPU (38 ms a page), 556 MB; painting 25 / 29 ms a page
// What still grows with the page count is inside Qt: QTextDocument's paged layout of many tables (about
// twice its one-long-page layout, and a little more per page in a longer document).
#include "casegen.h"
#include "io/casefile.h"
#include "report/reportrenderer.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTimeZone>

#include <cstdio>
#include <vector>

using namespace pw;

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
    const std::optional<ReportJob> job = reportJob(request, &error);
    if (!job) {
        std::fprintf(stderr, "bench_report: %s\n", qPrintable(error));
        return 2;
    }

    QElapsedTimer timer;
    timer.start();
    const ReportDocument doc = buildReportDocument(*job);
    const double model = timer.nsecsElapsed() / 1e6;
    timer.restart();
    std::unique_ptr<QTextDocument> text = reportTextDocument(doc);
    const double html = timer.nsecsElapsed() / 1e6;
    timer.restart();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    double firstPage = 0;
    int pages = 0;
    std::vector<double> painted; // when each page was done, ms
    painted.reserve(4096);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait, QMarginsF()));
        pages = paintReportPages(*text, doc, &writer, [&](int done, int) {
            if (done == 1) firstPage = timer.nsecsElapsed() / 1e6;
            painted.push_back(timer.nsecsElapsed() / 1e6);
            return true;
        });
    }
    const double total = timer.nsecsElapsed() / 1e6;
    std::printf("underwriter report PDF, %d solutions: %d pages, %lld bytes\n", solutions, pages,
                qlonglong(bytes.size()));
    std::printf("  document model          %9.1f ms\n", model);
    std::printf("  text document (HTML)    %9.1f ms\n", html);
    std::printf("  pagination + 1st page   %9.1f ms\n", firstPage);
    std::printf("  other pages painted     %9.1f ms\n", total - firstPage);
    // Painting a page takes as long at the end of a long report as at its start (no step that grows with
    // the pages before): the time per page over the first and the last tenth of the pages.
    if (painted.size() >= 20) {
        const size_t tenth = painted.size() / 10, n = painted.size();
        std::printf("  per page, first tenth   %9.2f ms\n", (painted[tenth] - painted[0]) / double(tenth));
        std::printf("  per page, last tenth    %9.2f ms\n",
                    (painted[n - 1] - painted[n - 1 - tenth]) / double(tenth));
    }
    std::printf("  export total            %9.1f ms\n", model + html + total);
    return pages > 0 ? 0 : 1;
}
