// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportpagination.h"

#include <QSizeF>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QTextDocument;

namespace pw {

// A paginated report (report/reportpagination.h) laid out for printing as a run of stretches: the pages
// between two of its explicit page breaks (the cover, a part of a cut table with what precedes it on its
// page, prose that runs on over pages up to the next break). Each stretch is a QTextDocument of its own,
// laid out in pages of the body's size (layout pixels, 1/96 inch), starting at a page's top as it would in
// one document of the whole report, so its pages come out as they would there. Laying out and painting
// a page so costs the same wherever it is in a long report: QTextDocumentLayout walks a document from its
// start to paint one of its pages and finds its blocks in trees of the whole document, so in one document
// of a thousand pages each page costs more than the one before (ui.md, print and export).
// Memory: a stretch's document is laid out to count its pages, measure it and find cut rows; those of the
// report's first 64 pages are kept to be painted, the others freed at once. page() gives the document of
// the stretch a page is in, made again when it was freed, and frees the one it gave before. So a long
// report holds at most 64 pages of layout and then one stretch's, not a thousand pages of layout (each
// page after the 64th is laid out twice: a few ms of CPU a page to save about 140 KB a page).
// Invariants: pageCount() is the sum of the stretches' pages; page(i) names the stretch and its page for
// every i in [0, pageCount()); `make` makes the same document for the same part each time. Errors: none;
// a layout that differs from the plan shows in pageCount(), splitTableRow() and measure(), for the
// renderer to plan again.
class ReportStretches {
public:
    // A document set up as the report's (font, style sheet, reference device), in pages of `pageSize`,
    // holding `part` (reporthtml.h: TextDocument HTML, its blocks marked from 0). Kept and called again
    // by page(), so what it refers to must outlive this object.
    using MakeDocument =
        std::function<std::unique_ptr<QTextDocument>(const ReportDocument &part, const QSizeF &pageSize)>;
    // Called after each stretch is laid out; false stops the layout (cancelled() is then true).
    using KeepGoing = std::function<bool()>;

    ReportStretches(const PaginatedReport &paged, const QSizeF &body, const MakeDocument &make,
                    const KeepGoing &keepGoing = {});
    ~ReportStretches();
    ReportStretches(const ReportStretches &) = delete;
    ReportStretches &operator=(const ReportStretches &) = delete;

    bool cancelled() const { return m_cancelled; }
    int pageCount() const { return m_pages; }

    // The first table row cut by a page's foot although shorter than a page, as reportmeasure.h's
    // splitTableRow says it of the stretch it is in (with the page the stretch begins on); empty when
    // there is none.
    QString splitTableRow() const;

    // Where each block of `paged.document` was laid out (measureReport without detail), along the strip of
    // the whole report's pages (page p spans [p * height, (p + 1) * height)); page breaks not found.
    MeasuredReport measure() const;

    // The document that holds page `page` (0-based, of the whole report; made again, the one held before
    // freed when it is another stretch's), that page's index in it (a stretch after a page break begins on
    // its document's second page) and the stretch's index; no document outside [0, pageCount()).
    struct Page {
        QTextDocument *text = nullptr;
        int index = 0;
        int stretch = -1;
    };
    Page page(int page);

private:
    struct Stretch {
        ReportDocument part;       // the blocks of the stretch, after its lead-in
        std::vector<size_t> index; // of each of its blocks in the paginated document (lead-in: none)
        int leadIn = 0;            // pages before the stretch's first in its document (0 or 1)
        int firstPage = 0;
        int pages = 0;
        QString splitRow;                    // splitTableRow of its document
        MeasuredReport measured;             // of its document, without detail
        std::unique_ptr<QTextDocument> kept; // its document, laid out, until painted (the first pages')
    };
    std::vector<Stretch> m_stretches;
    MakeDocument m_make;
    QSizeF m_body;
    int m_held = -1;                       // the stretch page() gave last
    std::unique_ptr<QTextDocument> m_text; // made again for m_held, when it kept none
    QTextDocument *m_current = nullptr;    // m_held's document
    size_t m_blocks = 0;                   // blocks of the paginated document
    double m_pageHeight = 0;
    int m_pages = 0;
    bool m_cancelled = false;
};

} // namespace pw
