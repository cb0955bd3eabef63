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
// Invariants: pageCount() is the sum of the stretches' pages; page(i) names the stretch and its page for
// every i in [0, pageCount()). Errors: none; a layout that differs from the plan shows in pageCount(),
// splitTableRow() and measure(), for the renderer to plan again.
class ReportStretches {
public:
    // A document set up as the report's (font, style sheet, reference device), in pages of `pageSize`,
    // holding `part` (reporthtml.h: TextDocument HTML, its blocks marked from 0).
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

    // The document that holds page `page` (0-based, of the whole report) and that page's index in it (a
    // stretch after a page break begins on its document's second page).
    struct Page {
        QTextDocument *text = nullptr;
        int index = 0;
    };
    Page page(int page) const;
    // Frees the stretches whose pages all come before `page` (painted already).
    void releaseBefore(int page);

private:
    struct Stretch {
        std::unique_ptr<QTextDocument> text;
        ReportDocument part;       // the blocks of the stretch, after its lead-in
        std::vector<size_t> index; // of each of its blocks in the paginated document (lead-in: none)
        int leadIn = 0;            // pages before the stretch's first in its document (0 or 1)
        int firstPage = 0;
        int pages = 0;
    };
    std::vector<Stretch> m_stretches;
    size_t m_blocks = 0; // blocks of the paginated document
    double m_pageHeight = 0;
    int m_pages = 0;
    bool m_cancelled = false;
};

} // namespace pw
