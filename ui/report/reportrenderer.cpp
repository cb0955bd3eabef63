// SPDX-License-Identifier: MIT
#include "reportrenderer.h"

#include "pagebodypainter.h"
#include "report/proposal.h"
#include "report/reportexport.h"
#include "report/reportpagination.h"
#include "report/underwriterreport.h"
#include "reportcolumns.h"
#include "reporthtml.h"
#include "reportmeasure.h"
#include "reportstretches.h"
#include "util/displaytext.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

#include <cmath>

namespace pw {

namespace {

// Layout units: CSS pixels of 1/96 inch, whatever the device; pages are painted scaled to the device.
constexpr double kLayoutDpi = 96;
constexpr double kSideMargin = 64;   // 2/3 inch
constexpr double kTopMargin = 84;    // room for the running header
constexpr double kBottomMargin = 76; // room for the footer
constexpr double kLogoMaxBytes = 8 * 1024 * 1024;
constexpr double kKeepWithNext = 130; // a heading this close to a page's foot starts the next page
// The body width of the narrower page a report is printed on (A4; Letter is 816 wide).
constexpr double kNarrowestBodyWidth = 793.7 - 2 * kSideMargin;

// A QTextDocument laid out against a fixed 96-dpi reference device, so a report has the same line breaks
// and page breaks on every machine, screen and printer (a printer only scales the painting).
class ReferenceTextDocument : public QTextDocument {
public:
    ReferenceTextDocument()
        : m_reference(1, 1, QImage::Format_RGB32) {
        const int dotsPerMeter = qRound(kLayoutDpi / 0.0254);
        m_reference.setDotsPerMeterX(dotsPerMeter);
        m_reference.setDotsPerMeterY(dotsPerMeter);
        documentLayout()->setPaintDevice(&m_reference);
    }

private:
    QImage m_reference;
};

// A report's text document. It keeps the report it was made from with its columns fitted, so that laying
// it out in pages does not fit them again.
class ReportTextDocument : public ReferenceTextDocument {
public:
    ReportTextDocument(const ReportDocument &source, ReportDocument fitted)
        : m_source(source)
        , m_fitted(std::move(fitted)) {}
    // The fitted report when `doc` is the report this document was made from, else null.
    const ReportDocument *fittedFor(const ReportDocument &doc) const {
        const bool same = doc.title == m_source.title && doc.runningHeader == m_source.runningHeader &&
                          doc.cover == m_source.cover && doc.blocks == m_source.blocks;
        return same ? &m_fitted : nullptr;
    }

private:
    ReportDocument m_source, m_fitted;
};

// The logo image, or a null image with the reason it cannot be read.
QImage loadLogo(const QString &fileName, QString *why) {
    if (!QFileInfo(fileName).isFile()) {
        *why = QFileInfo::exists(fileName) ? QStringLiteral("not a file") : QStringLiteral("no such file");
        return {};
    }
    if (QFileInfo(fileName).size() > kLogoMaxBytes) {
        *why = QStringLiteral("file too large (more than 8 MB)");
        return {};
    }
    QImageReader reader(fileName);
    QImage image = reader.read();
    if (image.isNull())
        *why = reader.errorString().isEmpty() ? QStringLiteral("not an image") : reader.errorString();
    return image;
}

// The logo as a PNG (whatever it was: PNG, JPEG, SVG), so the HTML export embeds a plain image and the
// PDF an image resource; a file that cannot be read is reported, never fatal.
QImage readLogo(const QString &fileName, QStringList *notes) {
    if (fileName.isEmpty()) return {};
    QString why;
    QImage image = loadLogo(fileName, &why);
    if (image.isNull() && notes)
        *notes << QStringLiteral("The logo %1 could not be read (%2); the cover has no logo.")
                      .arg(escapeControls(fileName), why);
    return image;
}

LogoImage logoPng(const QImage &image) {
    LogoImage logo;
    if (image.isNull()) return logo;
    QBuffer buffer(&logo.bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    logo.mimeType = QStringLiteral("image/png");
    return logo;
}

RenderedReport renderPdf(const ReportDocument &doc, const ReportProgress &progress) {
    RenderedReport out;
    auto text = reportTextDocument(doc, &out.notes);
    QBuffer buffer(&out.bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(300);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::Letter), QPageLayout::Portrait, QMarginsF()));
        writer.setTitle(doc.title);
        writer.setCreator(QStringLiteral("Placement Workbench " PW_VERSION));
        out.pages = paintReportPages(*text, doc, &writer, progress);
    }
    if (out.pages == 0) {
        out.bytes.clear();
        out.error = progress ? QStringLiteral("cancelled") : QStringLiteral("the PDF could not be painted");
    }
    return out;
}

// The HTML of `doc` in `text`, with the logo as its image resource.
void setReportHtml(QTextDocument &text, const ReportDocument &doc, const QImage &logo) {
    text.setHtml(reportHtml(doc, HtmlFlavour::TextDocument, logo.isNull() ? LogoImage() : logoPng(logo)));
    if (!logo.isNull())
        text.addResource(QTextDocument::ImageResource, QUrl(QString::fromLatin1(kLogoResource)), logo);
}

// Lays the report out on pages of `body` so that no table row is cut by a page break
// (report/reportpagination.h): measured once as one long page, placed page by page in the document model,
// laid out again stretch by stretch between the page breaks made explicit (reportstretches.h). The
// placement is checked against that layout: where a block that starts a page begins differently than
// planned, the plan is made again with what the layout did; should a row still cross a page's foot, it is
// made again with more room left at each page's foot. `keepGoing` is asked after each stretch; null when it
// says to stop.
std::unique_ptr<ReportStretches> layOutInPages(QTextDocument &text, const ReportDocument &doc,
                                               const QSizeF &body,
                                               const ReportStretches::KeepGoing &keepGoing) {
    const auto *own = dynamic_cast<const ReportTextDocument *>(&text);
    const ReportDocument *known = own ? own->fittedFor(doc) : nullptr;
    ReportDocument fitted = known ? *known : doc;
    if (!known) fitColumnsToWords(fitted, text.defaultFont(), kNarrowestBodyWidth);
    const QImage logo =
        text.resource(QTextDocument::ImageResource, QUrl(QString::fromLatin1(kLogoResource))).value<QImage>();
    // Made by reportTextDocument from another report (or changed since): its content from this one.
    if (!known) setReportHtml(text, fitted, logo);
    text.setTextWidth(body.width());
    const MeasuredReport measured = measureReport(text, fitted);
    // Each stretch of pages in a document of its own, set up as the report's (made again to be painted:
    // `text` outlives the stretches, the logo is copied).
    const ReportStretches::MakeDocument make = [&text, logo](const ReportDocument &part, const QSizeF &page) {
        auto stretch = std::make_unique<ReferenceTextDocument>();
        stretch->setDefaultFont(text.defaultFont());
        stretch->setDocumentMargin(text.documentMargin());
        stretch->setDefaultStyleSheet(text.defaultStyleSheet());
        stretch->setPageSize(page);
        setReportHtml(*stretch, part, logo);
        return std::unique_ptr<QTextDocument>(std::move(stretch));
    };
    PageFrame frame;
    frame.height = body.height();
    frame.keepWithNext = kKeepWithNext;
    std::unique_ptr<ReportStretches> laid;
    for (int attempt = 0; attempt < 3; ++attempt) {
        const PaginatedReport paged = paginateReport(fitted, measured, frame);
        laid.reset(); // the plan before, freed before the next is laid out
        laid = std::make_unique<ReportStretches>(paged, body, make, keepGoing);
        if (laid->cancelled()) return nullptr;
        if (laid->pageCount() == paged.pages && laid->splitTableRow().isEmpty()) break;
        // Where the blocks planned at a page's top begin: a kind that begins lower than planned is learnt;
        // with nothing to learn, more room is left at each page's foot.
        const MeasuredReport actual = laid->measure();
        bool learned = false;
        // A block left whole that the layout ran on over pages: how much it grew there.
        for (size_t i = 0; i < actual.blocks.size(); ++i) {
            const int from = paged.source[i];
            if (from < 0 || !actual.blocks[i].found || !measured.blocks[size_t(from)].found) continue;
            const ReportBlock &b = paged.document.blocks[i];
            if (b.kind == ReportBlock::Kind::Table
                    ? !b.table.widths.empty()
                    : b.kind != ReportBlock::Kind::Callout && b.kind != ReportBlock::Kind::Panel)
                continue;
            const MeasuredBlock &was = measured.blocks[size_t(from)], &now = actual.blocks[i];
            const double growth = (now.bottom - now.top) - (was.bottom - was.top);
            if (growth > 0.5 && growth > frame.runOnGrowth[size_t(from)] + 0.25) {
                frame.runOnGrowth[size_t(from)] = growth;
                learned = true;
            }
        }
        for (size_t i = 0; i < actual.blocks.size(); ++i) {
            if (!paged.startsPage[i] || !actual.blocks[i].found) continue;
            const double inset = std::fmod(actual.blocks[i].top, body.height());
            if (inset < std::fmod(paged.plannedTops[i], body.height()) + 0.25) continue;
            frame.startInset[paged.document.blocks[i].kind] = inset;
            learned = true;
        }
        if (!learned) frame.slack += 8;
    }
    return laid;
}

} // namespace

QString logoProblem(const QString &fileName) {
    QString why;
    return loadLogo(fileName, &why).isNull() ? why : QString();
}

ReportDocument buildReportDocument(const ReportJob &job) {
    return job.kind == ReportKind::Proposal ? buildProposal(job.inputs, job.agency, job.sections)
                                            : buildUnderwriterReport(job.inputs);
}

std::unique_ptr<QTextDocument> reportTextDocument(const ReportDocument &doc, QStringList *notes) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9.5);
    // Unhinted metrics scale linearly from the 96-dpi layout to the printer.
    font.setHintingPreference(QFont::PreferNoHinting);
    // Every word of a table keeps its room on the narrower of the pages a report is printed on.
    ReportDocument fitted = doc;
    fitColumnsToWords(fitted, font, kNarrowestBodyWidth);
    auto text = std::make_unique<ReportTextDocument>(doc, fitted);
    text->setDefaultFont(font);
    text->setDocumentMargin(0);
    text->setDefaultStyleSheet(reportTextDocumentStyleSheet());
    const QImage logo = doc.cover.present ? readLogo(doc.cover.logoFile, notes) : QImage();
    setReportHtml(*text, fitted, logo);
    return text;
}

int paintReportPages(QTextDocument &text, const ReportDocument &doc, QPagedPaintDevice *device,
                     const ReportProgress &progress) {
    const double scale = device->logicalDpiX() / kLayoutDpi;
    const QRectF full = device->pageLayout().fullRectPixels(device->logicalDpiX());
    const QSizeF page(full.width() / scale, full.height() / scale);
    const QRectF body(kSideMargin, kTopMargin, page.width() - 2 * kSideMargin,
                      page.height() - kTopMargin - kBottomMargin);
    // While the pages are laid out: (0, 0), so a caller can show it is busy and cancel.
    const std::unique_ptr<ReportStretches> laid =
        layOutInPages(text, doc, body.size(), [&progress] { return !progress || progress(0, 0); });
    if (!laid) return 0;
    const int pages = laid->pageCount();

    QPainter p;
    if (!p.begin(device)) return 0;
    // Pixel sizes in layout units: the painter's scale takes them to the device (7.5 pt at 96 dpi).
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setPixelSize(10);
    small.setHintingPreference(QFont::PreferNoHinting);
    const QColor muted(0x5f, 0x6b, 0x7a), rule(0xc5, 0xcc, 0xd6);
    for (int i = 0; i < pages; ++i) {
        if (i > 0 && !device->newPage()) return 0;
        p.save();
        p.scale(scale, scale);
        p.setFont(small);
        const QFontMetricsF fm(small, text.documentLayout()->paintDevice());
        // The running header on every page but the cover; the cover is page 1 of the count all the same.
        if (i > 0 || !doc.cover.present) {
            const QString header =
                fm.elidedText(escapeControls(doc.runningHeader), Qt::ElideRight, body.width());
            p.setPen(muted);
            p.drawText(QRectF(body.left(), kTopMargin - 40, body.width(), 18),
                       Qt::AlignLeft | Qt::AlignBottom, header);
            p.setPen(QPen(rule, 0.8));
            p.drawLine(QPointF(body.left(), kTopMargin - 18), QPointF(body.right(), kTopMargin - 18));
        }
        const double footY = page.height() - kBottomMargin + 26;
        p.setPen(QPen(rule, 0.8));
        p.drawLine(QPointF(body.left(), footY), QPointF(body.right(), footY));
        p.setPen(muted);
        const QRectF footer(body.left(), footY + 4, body.width(), 18);
        p.drawText(footer, Qt::AlignRight | Qt::AlignTop,
                   QStringLiteral("Page %1 of %2").arg(i + 1).arg(pages));
        p.drawText(QRectF(footer.left(), footer.top(), footer.width() * 0.75, footer.height()),
                   Qt::AlignLeft | Qt::AlignTop,
                   fm.elidedText(escapeControls(doc.title), Qt::ElideRight, footer.width() * 0.75));

        // The page's body through a painter that keeps only the text within it (pagebodypainter.h), from
        // the document of its stretch of pages.
        const ReportStretches::Page at = laid->page(i);
        const QRectF pageBody(0, at.index * body.height(), body.width(), body.height());
        QTransform toDevice;
        toDevice.scale(scale, scale);
        toDevice.translate(body.left(), body.top() - at.index * body.height());
        PageBodyPainter bodyDevice(&p, toDevice.mapRect(pageBody));
        QPainter bodyPainter(&bodyDevice);
        bodyPainter.setTransform(toDevice);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = pageBody;
        if (at.text) at.text->documentLayout()->draw(&bodyPainter, ctx);
        bodyPainter.end();
        p.restore();
        if (progress && !progress(i + 1, pages)) return 0;
    }
    p.end();
    return pages;
}

RenderedReport renderReport(const ReportJob &job, const ReportProgress &progress) {
    RenderedReport out;
    switch (job.format) {
    case ReportFormat::Pdf:
        return renderPdf(buildReportDocument(job), progress);
    case ReportFormat::Html: {
        const ReportDocument doc = buildReportDocument(job);
        const QImage logo = doc.cover.present ? readLogo(doc.cover.logoFile, &out.notes) : QImage();
        out.bytes = reportHtml(doc, HtmlFlavour::File, logoPng(logo)).toUtf8();
        break;
    }
    case ReportFormat::Csv:
        out.bytes = solutionsCsv(job.inputs, job.kind);
        break;
    case ReportFormat::Json:
        out.bytes = runJson(job.inputs, job.kind);
        break;
    }
    if (progress) progress(1, 1);
    return out;
}

} // namespace pw

namespace pw {

std::optional<ReportJob> reportJob(const ReportRequest &request, QString *error) {
    ReportPreparation prep = prepareReport(request.caseRoot, request.options);
    if (!prep.inputs) {
        const auto errors = std::count_if(prep.problems.begin(), prep.problems.end(),
                                          [](const Problem &p) { return p.isError(); });
        if (error)
            *error = QStringLiteral("The case has %1 problem%2 to fix before a report can be made (see the "
                                    "Problems list).")
                         .arg(errors)
                         .arg(errors == 1 ? QString() : QStringLiteral("s"));
        return std::nullopt;
    }
    ReportJob job;
    job.inputs = std::move(*prep.inputs);
    job.kind = request.kind;
    job.format = request.format;
    job.agency = request.agency;
    job.sections = request.sections;
    return job;
}

RenderedReport renderRequest(const ReportRequest &request, const ReportProgress &progress) {
    RenderedReport out;
    const std::optional<ReportJob> job = reportJob(request, &out.error);
    if (!job) return out;
    return renderReport(*job, progress);
}

} // namespace pw
