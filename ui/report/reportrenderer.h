// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportdocument.h"
#include "report/reportinputs.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QPagedPaintDevice;
class QTextDocument;

namespace pw {

// One report to render: what it is made of and how it should come out. Built on the GUI thread (or by the
// CLI), rendered anywhere: every function below is safe on a worker thread (the QTextDocument is built,
// laid out and painted on the thread that calls them; images are QImages, never QPixmaps).
struct ReportJob {
    ReportInputs inputs;
    ReportKind kind = ReportKind::Proposal;
    ReportFormat format = ReportFormat::Pdf;
    AgencyInfo agency;
    ProposalSections sections;
};

// A report asked for from a case (the window's File → Export): the case is validated and ranked on the
// worker thread that renders it. `options.now` must be valid.
struct ReportRequest {
    JsonValue caseRoot;
    EngineOptions options;
    ReportKind kind = ReportKind::Proposal;
    ReportFormat format = ReportFormat::Pdf;
    AgencyInfo agency;
    ProposalSections sections;
};

// Called with pages painted so far and the page count, and with (0, 0) after each stretch of pages laid out
// before the first is painted (the count is not known yet: a caller shows it is busy); returns false to
// cancel.
using ReportProgress = std::function<bool(int done, int total)>;

struct RenderedReport {
    QByteArray bytes;
    QString error;     // empty on success (a cancelled render says "cancelled")
    int pages = 0;     // PDF only
    QStringList notes; // things the user should know (a logo that could not be read)
};

// Why an agency logo file cannot be used ("no such file", "file too large (more than 8 MB)", the image
// reader's reason); empty when it reads as an image.
QString logoProblem(const QString &fileName);

// The document model of the job's kind (proposal or underwriter scorecard).
ReportDocument buildReportDocument(const ReportJob &job);

// The bytes of the report in the job's format: PDF (US Letter, header on every page after the cover,
// "Page 2 of 5" in every footer, table headers repeated across pages, no row cut by a page break),
// self-contained HTML, CSV or JSON.
RenderedReport renderReport(const ReportJob &job, const ReportProgress &progress = {});

// Prepares (validates and ranks) the request's case and renders it; a case with validation errors gives
// an error naming how many problems to fix.
RenderedReport renderRequest(const ReportRequest &request, const ReportProgress &progress = {});
// The job of a request, or the error that stops it.
std::optional<ReportJob> reportJob(const ReportRequest &request, QString *error);

// The laid-out QTextDocument of a report, for printing and print preview: laid out for a page of 96 dots
// per inch whose size is set by paintReportPages.
std::unique_ptr<QTextDocument> reportTextDocument(const ReportDocument &doc, QStringList *notes = nullptr);
// Paints every page of `text` on `device` (its current page size; the device's full page is used, so a
// QPrinter must be set to full-page mode) with the running header and "Page i of N" footer. `text` must be
// reportTextDocument(doc): it is laid out anew as one long page of the device's body width and measured;
// the report is placed on pages with the page breaks made explicit, so that no table row is cut by a page
// break (a row taller than a page is cut between its lines, its rest marked "(continued)";
// report/reportpagination.h), and laid out and painted stretch by stretch between those breaks, each in a
// small document of its own (reportstretches.h), so a page costs as much at the end of a long report as at
// its start; `text` itself keeps its content. Each page's text layer holds only the lines within its body
// (pagebodypainter.h), so no line is in the PDF twice. Returns the number of pages painted, 0 when
// cancelled or the device cannot be painted on.
int paintReportPages(QTextDocument &text, const ReportDocument &doc, QPagedPaintDevice *device,
                     const ReportProgress &progress = {});

} // namespace pw
