// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace pw {

// A report as a document model, before any markup: what it says, in order, as plain text. The proposal
// and the underwriter scorecard are built into this model in core (so the CLI and the window print the
// same words); ui/report renders it to HTML, to a QTextDocument and to PDF, escaping every string, so a
// carrier named "<b>Evil</b>" prints those characters. No string here holds markup.

struct ReportCell {
    enum class Style { Plain, NotStated, Strong, Good, Warning, Indented };
    QString text;
    Style style = Style::Plain;
    ReportCell() = default;
    ReportCell(QString t, Style s = Style::Plain)
        : text(std::move(t))
        , style(s) {}
    bool operator==(const ReportCell &) const = default;
};

struct ReportRow {
    std::vector<ReportCell> cells;
    bool group = false; // a heading row across the table ("Home"); its text is cells[0]
    // The rest of the row above, cut at a page's foot because the row is taller than a page
    // (report/reportpagination.h): printed with "(continued)" above the text of its cell in column
    // `continuedColumn` (a column wide enough for the word, so it is never broken).
    bool continued = false;
    int continuedColumn = 0;
    bool operator==(const ReportRow &) const = default;
};

// A table whose header row is repeated on every page it spans. `widths` are percentages of the page
// width per column (empty: automatic); `numeric` columns are right-aligned.
struct ReportTable {
    QStringList header;
    std::vector<ReportRow> rows;
    std::vector<int> widths;
    std::vector<bool> numeric;
    bool compact = false; // smaller type, for the dense tables of the underwriter report
    bool operator==(const ReportTable &) const = default;
};

struct ReportBlock {
    enum class Kind {
        Heading,    // a numbered section title
        Subheading, // a title inside a section
        Paragraph,  // prose
        Note,       // small print
        Callout,    // a boxed paragraph (the recommendation), `items` as further lines in the box
        Bullets,    // `items`
        Facts,      // `items` as "label\tvalue" pairs
        Table,      // `table`
        Panel,      // `items` as paragraphs kept together on one page
        PageBreak
    };
    Kind kind = Kind::Paragraph;
    QString text;
    QStringList items;
    ReportTable table;
    // Facts: the first item is the rest of an item cut at the page before (report/reportpagination.h),
    // printed with "(continued)" above its label.
    bool continues = false;
    bool operator==(const ReportBlock &) const = default;
};

// The proposal's cover page (absent for the underwriter report).
struct ReportCover {
    bool present = false;
    QString title, insured;
    QStringList address;
    QString date, agencyName, agent, contact, logoFile;
    bool operator==(const ReportCover &) const = default;
};

struct ReportDocument {
    QString title;         // document title (HTML <title>, PDF metadata)
    QString runningHeader; // printed at the top of every page after the cover
    ReportCover cover;
    std::vector<ReportBlock> blocks;

    void heading(const QString &t) { blocks.push_back({ReportBlock::Kind::Heading, t, {}, {}}); }
    void subheading(const QString &t) { blocks.push_back({ReportBlock::Kind::Subheading, t, {}, {}}); }
    void paragraph(const QString &t) { blocks.push_back({ReportBlock::Kind::Paragraph, t, {}, {}}); }
    void note(const QString &t) { blocks.push_back({ReportBlock::Kind::Note, t, {}, {}}); }
    void callout(const QString &t, const QStringList &more = {}) {
        blocks.push_back({ReportBlock::Kind::Callout, t, more, {}});
    }
    void bullets(const QStringList &i) { blocks.push_back({ReportBlock::Kind::Bullets, {}, i, {}}); }
    void facts(const QStringList &i) { blocks.push_back({ReportBlock::Kind::Facts, {}, i, {}}); }
    void panel(const QStringList &i) { blocks.push_back({ReportBlock::Kind::Panel, {}, i, {}}); }
    void table(ReportTable t) { blocks.push_back({ReportBlock::Kind::Table, {}, {}, std::move(t)}); }
    void pageBreak() { blocks.push_back({ReportBlock::Kind::PageBreak, {}, {}, {}}); }
    // Every string of the document (cover, blocks, cells), for checks such as "no commission".
    QStringList allText() const;
};

} // namespace pw
