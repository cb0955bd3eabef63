// SPDX-License-Identifier: MIT
#include "reportstretches.h"

#include "reportmeasure.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>

#include <algorithm>
#include <cmath>

namespace pw {

namespace {

constexpr size_t kNoBlock = size_t(-1); // a block of a stretch's lead-in, not of the report
// The stretches within a report's first pages keep their documents from the layout to the painting, so a
// short report is laid out once; after these, a stretch is laid out again to be painted (reportstretches.h).
// 64 pages of layout are about 9 MB.
constexpr int kKeptPages = 64;

// The pages a stretch's document fills: down to the foot of its last table or of its last block with
// text. The empty paragraph QTextDocument keeps after a last table is left out: in one document of the
// whole report it is there only before a table (planned on the page, reportpagination.h), and an empty
// line on a page of its own would print an empty page.
int pagesFilled(QTextDocument &text, double pageHeight) {
    QAbstractTextDocumentLayout *layout = text.documentLayout();
    layout->documentSize(); // the whole document laid out
    double bottom = 0;
    for (auto it = text.rootFrame()->begin(); !it.atEnd(); ++it) {
        if (QTextFrame *frame = it.currentFrame())
            bottom = std::max(bottom, layout->frameBoundingRect(frame).bottom());
        else if (!it.currentBlock().text().isEmpty())
            bottom = std::max(bottom, layout->blockBoundingRect(it.currentBlock()).bottom());
    }
    return std::max(1, int(std::floor((bottom - 0.01) / pageHeight)) + 1);
}

// A block that ends as `b` does in the layout, for a stretch's lead-in: of its kind, with a no-break space
// for its text (an empty paragraph is left out), so it has the same bottom margin, or is a table followed
// by what follows it the same way (QTextDocument's HTML import puts an empty paragraph after some tables).
ReportBlock standIn(const ReportBlock &b) {
    using Kind = ReportBlock::Kind;
    const QString space = QStringLiteral("\u00a0");
    ReportBlock out;
    out.kind = b.kind;
    switch (b.kind) {
    case Kind::Heading:
    case Kind::Subheading:
    case Kind::Paragraph:
    case Kind::Note:
    case Kind::Callout:
        out.text = space;
        break;
    case Kind::Bullets:
    case Kind::Panel:
        out.items = QStringList{space};
        break;
    case Kind::Facts:
        out.items = QStringList{space + u'\t' + space};
        break;
    case Kind::Table:
        out.table.header = QStringList{space};
        out.table.widths = {100};
        out.table.numeric = {false};
        out.table.compact = b.table.compact;
        out.table.rows = {ReportRow{{ReportCell(space)}}};
        break;
    case Kind::PageBreak:
        break;
    }
    return out;
}

} // namespace

ReportStretches::ReportStretches(const PaginatedReport &paged, const QSizeF &body, const MakeDocument &make,
                                 const KeepGoing &keepGoing)
    : m_make(make)
    , m_body(body)
    , m_blocks(paged.document.blocks.size())
    , m_pageHeight(body.height()) {
    const ReportDocument &doc = paged.document;
    // The stretches: the blocks between two page breaks, the cover with the first. A stretch after a page
    // break begins with a lead-in page, so that its first block comes after a break as in one document of
    // the whole report: the layout sets a block after another block by the larger of its top margin and the
    // other's bottom margin, and a block after a table or at a document's start without a margin.
    // A heading or subheading that starts a page after a break so always keeps its top margin there. In one
    // document of the whole report the layout sometimes dropped it, depending on where Qt's paged layout
    // resumed (an accident, not a rule of the report), so such a heading now sits up to its margin lower
    // than it used to: "#4 Best coverage" on page 6 of the sample underwriter report is 10.5 pt lower; the
    // text and the pages are the same. The plan places a block that starts a page below its top margin
    // (PageFrame::startInset, reportpagination.h), as this layout does.
    Stretch current;
    const ReportBlock *previous = nullptr; // the last block before the break, if any
    auto begin = [&](bool afterBreak) {
        current = Stretch();
        current.part.title = doc.title;
        current.part.runningHeader = doc.runningHeader;
        if (!afterBreak) {
            current.part.cover = doc.cover;
        } else if (previous || doc.cover.present) {
            current.leadIn = 1;
            if (previous)
                current.part.blocks.push_back(standIn(*previous));
            else
                current.part.cover = doc.cover; // the cover alone before the break
            current.part.pageBreak();
            current.index.assign(current.part.blocks.size(), kNoBlock);
        }
    };
    auto close = [&] {
        const bool hasBlocks =
            std::any_of(current.index.begin(), current.index.end(), [](size_t i) { return i != kNoBlock; });
        if (hasBlocks || (current.part.cover.present && current.leadIn == 0))
            m_stretches.push_back(std::move(current));
        begin(true);
    };
    begin(false);
    for (size_t i = 0; i < doc.blocks.size(); ++i) {
        if (doc.blocks[i].kind == ReportBlock::Kind::PageBreak) {
            close();
            continue;
        }
        current.part.blocks.push_back(doc.blocks[i]);
        current.index.push_back(i);
        previous = &doc.blocks[i];
    }
    close();

    for (Stretch &s : m_stretches) {
        // Laid out, counted and measured; kept for the first pages, else freed (page() makes it again).
        std::unique_ptr<QTextDocument> text = make(s.part, body);
        s.firstPage = m_pages;
        s.pages = std::max(1, pagesFilled(*text, m_pageHeight) - s.leadIn);
        s.splitRow = pw::splitTableRow(*text, m_pageHeight);
        s.measured = measureReport(*text, s.part, false);
        m_pages += s.pages;
        if (m_pages <= kKeptPages) s.kept = std::move(text);
        if (keepGoing && !keepGoing()) {
            m_cancelled = true;
            return;
        }
    }
}

ReportStretches::~ReportStretches() = default;

QString ReportStretches::splitTableRow() const {
    for (const Stretch &s : m_stretches) {
        if (!s.splitRow.isEmpty())
            return QStringLiteral("%1 (of the pages from page %2)")
                .arg(s.splitRow)
                .arg(s.firstPage + 1 - s.leadIn);
    }
    return {};
}

MeasuredReport ReportStretches::measure() const {
    MeasuredReport out;
    out.blocks.resize(m_blocks);
    for (const Stretch &s : m_stretches) {
        const MeasuredReport &own = s.measured;
        const double shift = (s.firstPage - s.leadIn) * m_pageHeight;
        for (size_t b = 0; b < own.blocks.size() && b < s.index.size(); ++b) {
            if (s.index[b] == kNoBlock) continue;
            MeasuredBlock m = own.blocks[b];
            m.top += shift;
            m.bottom += shift;
            out.blocks[s.index[b]] = std::move(m);
        }
        out.separatorHeight = std::max(out.separatorHeight, own.separatorHeight);
        if (s.part.cover.present) out.coverBottom = own.coverBottom + shift;
    }
    return out;
}

ReportStretches::Page ReportStretches::page(int page) {
    // The last stretch that begins on or before the page.
    const auto it = std::upper_bound(m_stretches.begin(), m_stretches.end(), page,
                                     [](int p, const Stretch &s) { return p < s.firstPage; });
    if (it == m_stretches.begin()) return {};
    const Stretch &s = *std::prev(it);
    if (page >= s.firstPage + s.pages) return {};
    const int stretch = int(std::prev(it) - m_stretches.begin());
    if (stretch != m_held) {
        // The one held before freed first: one stretch's layout at a time once the kept ones are passed.
        if (m_held >= 0) m_stretches[size_t(m_held)].kept.reset();
        m_text.reset();
        m_held = stretch;
        if (Stretch &now = m_stretches[size_t(stretch)]; now.kept) {
            m_current = now.kept.get();
        } else {
            m_text = m_make(now.part, m_body);
            m_text->documentLayout()->documentSize(); // laid out as when counted
            m_current = m_text.get();
        }
    }
    return {m_current, page - s.firstPage + s.leadIn, stretch};
}

} // namespace pw
