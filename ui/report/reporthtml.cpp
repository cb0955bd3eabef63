// SPDX-License-Identifier: MIT
#include "reporthtml.h"

#include "util/displaytext.h"

#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace pw {

namespace {

// Colours of the house style: ink, muted ink, rules, group and header fills, good and warning text.
constexpr const char *kInk = "#1d2530";
constexpr const char *kMuted = "#5f6b7a";
constexpr const char *kRule = "#c5ccd6";
constexpr const char *kHeaderFill = "#22405f";
constexpr const char *kGroupFill = "#e6ecf3";
constexpr const char *kCalloutFill = "#eef4ea";
constexpr const char *kGood = "#2c6e2f";
constexpr const char *kWarning = "#9a4a00";

QString cellStyle(ReportCell::Style s) {
    switch (s) {
    case ReportCell::Style::Plain:
        return {};
    case ReportCell::Style::NotStated:
        return QStringLiteral("color:%1; font-style:italic;").arg(QLatin1StringView(kMuted));
    case ReportCell::Style::Strong:
        return QStringLiteral("font-weight:bold;");
    case ReportCell::Style::Good:
        return QStringLiteral("color:%1; font-weight:bold;").arg(QLatin1StringView(kGood));
    case ReportCell::Style::Warning:
        return QStringLiteral("color:%1;").arg(QLatin1StringView(kWarning));
    case ReportCell::Style::Indented:
        return QStringLiteral("padding-left:18px;");
    }
    return {};
}

class HtmlWriter {
public:
    HtmlWriter(const ReportDocument &doc, HtmlFlavour flavour, const LogoImage &logo)
        : m_doc(doc)
        , m_flavour(flavour)
        , m_logo(logo) {}

    QString write() {
        if (m_flavour == HtmlFlavour::File) {
            m_out +=
                QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                               "img-src data:; "
                               "style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'\">\n"
                               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                               "<title>%1</title>\n<style>\n%2</style>\n</head>\n<body>\n")
                    .arg(htmlText(m_doc.title), fileStyleSheet());
            if (!m_doc.runningHeader.isEmpty())
                m_out += QStringLiteral("<p class=\"running\">%1</p>\n").arg(htmlText(m_doc.runningHeader));
        } else {
            m_out +=
                QStringLiteral("<html><head><title>%1</title></head><body>\n").arg(htmlText(m_doc.title));
        }
        if (m_doc.cover.present) cover();
        for (size_t i = 0; i < m_doc.blocks.size(); ++i) {
            // The layout finds each block by the mark on its first text (reportmeasure.h).
            m_anchor = file() ? QString() : blockAnchor(int(i));
            block(m_doc.blocks[i]);
        }
        m_out += QStringLiteral("</body></html>\n");
        return m_out;
    }

private:
    bool file() const { return m_flavour == HtmlFlavour::File; }

    // `html` marked as the first text of the block being written (once): a span whose title (a tooltip,
    // never printed) names the block. Not an <a name>: QTextDocument keeps anchor names as a string list,
    // which its format collection does not hash, so every named anchor is compared with every other one
    // as the document is built, a step that grows with the square of the blocks.
    QString anchored(const QString &html) {
        const QString name = std::exchange(m_anchor, QString());
        if (name.isEmpty() || html.isEmpty()) return html;
        return QStringLiteral("<span title=\"%1\">%2</span>").arg(name, html);
    }

    // The style attribute that starts a new page, for the first element after a page break.
    QString breakStyle() {
        if (!m_breakNext) return {};
        m_breakNext = false;
        return QStringLiteral("page-break-before: always;");
    }

    void cover() {
        const ReportCover &c = m_doc.cover;
        m_out += file() ? QStringLiteral("<section class=\"cover\">\n") : QString();
        if (!m_logo.isNull()) {
            const QString src = file()
                                    ? QStringLiteral("data:%1;base64,%2")
                                          .arg(m_logo.mimeType, QString::fromLatin1(m_logo.bytes.toBase64()))
                                    : QString::fromLatin1(kLogoResource);
            m_out +=
                QStringLiteral("<p class=\"logo\"><img src=\"%1\" height=\"64\" alt=\"\"></p>\n").arg(src);
        }
        if (!c.agencyName.isEmpty())
            m_out += QStringLiteral("<p class=\"agency\">%1</p>\n").arg(htmlText(c.agencyName));
        m_out += QStringLiteral("<p class=\"cover-title\">%1</p>\n").arg(htmlText(c.title));
        m_out += QStringLiteral("<p class=\"cover-label\">Prepared for</p>\n");
        m_out += QStringLiteral("<p class=\"cover-insured\">%1</p>\n")
                     .arg(c.insured.isEmpty() ? QStringLiteral("—") : htmlText(c.insured));
        for (const QString &line : c.address)
            m_out += QStringLiteral("<p class=\"cover-line\">%1</p>\n").arg(htmlText(line));
        m_out += QStringLiteral("<p class=\"cover-date\">%1</p>\n").arg(htmlText(c.date));
        QStringList by;
        for (const QString &s : {c.agent, c.agencyName, c.contact})
            if (!s.isEmpty()) by << htmlText(s);
        if (!by.isEmpty()) {
            m_out += QStringLiteral("<p class=\"cover-label\">Prepared by</p>\n");
            for (const QString &s : by)
                m_out += QStringLiteral("<p class=\"cover-line\">%1</p>\n").arg(s);
        }
        m_out += file() ? QStringLiteral("</section>\n") : QString();
    }

    void block(const ReportBlock &b) {
        using K = ReportBlock::Kind;
        switch (b.kind) {
        case K::PageBreak:
            m_breakNext = true;
            return;
        case K::Heading:
            element(QStringLiteral("h2"), {}, htmlText(b.text));
            return;
        case K::Subheading:
            element(QStringLiteral("h3"), {}, htmlText(b.text));
            return;
        case K::Paragraph:
            element(QStringLiteral("p"), {}, htmlText(b.text));
            return;
        case K::Note:
            element(QStringLiteral("p"), QStringLiteral("note"), htmlText(b.text));
            return;
        case K::Callout:
            callout(b.text, b.items);
            return;
        case K::Bullets:
            bullets(b.items);
            return;
        case K::Facts:
            facts(b.items, b.continues);
            return;
        case K::Panel:
            panel(b.items);
            return;
        case K::Table:
            table(b.table);
            return;
        }
    }

    void element(const QString &tag, const QString &cls, const QString &html) {
        const QString style = breakStyle();
        m_out += QStringLiteral("<%1%2%3>%4</%1>\n")
                     .arg(tag, cls.isEmpty() ? QString() : QStringLiteral(" class=\"%1\"").arg(cls),
                          style.isEmpty() ? QString() : QStringLiteral(" style=\"%1\"").arg(style),
                          anchored(html));
    }

    void callout(const QString &text, const QStringList &more) {
        QString html = htmlText(text);
        for (const QString &m : more)
            html += QStringLiteral("<br>") + htmlText(m);
        if (file()) {
            element(QStringLiteral("div"), QStringLiteral("callout"), html);
            return;
        }
        // QTextDocument draws no box around a block: a one-cell table is the box.
        m_out += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"10\" border=\"0\" "
                                "style=\"%1 margin-top: 4px; margin-bottom: 10px;\"><tr><td bgcolor=\"%2\" "
                                "style=\"font-size: 11pt;\">%3</td></tr></table>\n")
                     .arg(breakStyle(), QLatin1StringView(kCalloutFill), anchored(html));
    }

    void panel(const QStringList &paragraphs) {
        QString html;
        for (const QString &p : paragraphs)
            html += QStringLiteral("<p>%1</p>").arg(anchored(htmlText(p)));
        if (file()) {
            element(QStringLiteral("div"), QStringLiteral("panel"), html);
            return;
        }
        // A table row is never split across pages by QTextDocument (when it fits on one).
        m_out += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" border=\"0\" "
                                "style=\"%1\"><tr><td>%2</td></tr></table>\n")
                     .arg(breakStyle(), html);
    }

    void bullets(const QStringList &items) {
        m_out += QStringLiteral("<ul style=\"%1\">\n").arg(breakStyle());
        for (const QString &i : items)
            m_out += QStringLiteral("<li>%1</li>\n").arg(anchored(htmlText(i)));
        m_out += QStringLiteral("</ul>\n");
    }

    void facts(const QStringList &items, bool continues) {
        m_out += QStringLiteral("<table class=\"facts\" width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" "
                                "border=\"0\" style=\"%1\">\n")
                     .arg(breakStyle());
        for (qsizetype n = 0; n < items.size(); ++n) {
            const QString label = items[n].section(u'\t', 0, 0);
            const QString value = items[n].section(u'\t', 1);
            m_out +=
                QStringLiteral(
                    "<tr><td width=\"28%\" class=\"fact-label\">%1</td><td width=\"72%\">%2</td></tr>\n")
                    .arg(anchored((n == 0 && continues ? continuedMark(label) : QString()) + htmlText(label)),
                         withUnbrokenDigests(htmlText(value)));
        }
        m_out += QStringLiteral("</table>\n");
    }

    // A digest in a fact (the input hash, the profile's SHA-256: 40 or more hex digits) in a smaller
    // monospaced type that is never broken: at the value column's width the 64 digits fit on one line, so
    // a hash copied from the PDF has no line break in it. `html` is escaped text, whose hex runs are as
    // they were.
    static QString withUnbrokenDigests(QString html) {
        static const QRegularExpression digest(
            QStringLiteral("(?<![0-9A-Za-z])([0-9a-fA-F]{40,})(?![0-9A-Za-z])"));
        return html.replace(digest,
                            QStringLiteral("<span style=\"font-family: 'DejaVu Sans Mono', monospace; "
                                           "font-size: 7.5pt; white-space: nowrap;\">\\1</span>"));
    }

    // "(continued)" on a line of its own above a cell's text (`text`: that text, maybe empty).
    static QString continuedMark(const QString &text) {
        return QStringLiteral("<span style=\"color:%1; font-style:italic; font-weight:normal;\">"
                              "(continued)</span>%2")
            .arg(QLatin1StringView(kMuted), text.isEmpty() ? QString() : QStringLiteral("<br>"));
    }

    void table(const ReportTable &t) {
        const int cols = int(t.header.size());
        m_out += QStringLiteral(
                     "<table class=\"grid\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\" "
                     "border=\"1\" style=\"%1 border-collapse: collapse; border-color: %2; margin-top: 4px; "
                     "margin-bottom: 12px;%3\">\n")
                     .arg(breakStyle(), QLatin1StringView(kRule),
                          t.compact ? QStringLiteral(" font-size: 8pt;") : QString());
        auto widthOf = [&](int c) {
            return c < int(t.widths.size()) ? QStringLiteral(" width=\"%1%\"").arg(t.widths[size_t(c)])
                                            : QString();
        };
        auto alignOf = [&](int c) {
            return c < int(t.numeric.size()) && t.numeric[size_t(c)] ? QStringLiteral(" align=\"right\"")
                                                                     : QString();
        };
        // <thead>: QTextDocument repeats it at the top of every page the table spans (headerRowCount).
        m_out += QStringLiteral("<thead><tr>");
        for (int c = 0; c < cols; ++c)
            m_out += QStringLiteral("<th%1%2 bgcolor=\"%3\" style=\"color: #ffffff;\">%4</th>")
                         .arg(widthOf(c), alignOf(c), QLatin1StringView(kHeaderFill),
                              anchored(htmlText(t.header[c])));
        m_out += QStringLiteral("</tr></thead>\n<tbody>\n");
        for (const ReportRow &r : t.rows) {
            if (r.group) {
                m_out += QStringLiteral(
                             "<tr class=\"group\"><td colspan=\"%1\" bgcolor=\"%2\" style=\"font-weight: "
                             "bold;\">%3</td></tr>\n")
                             .arg(cols)
                             .arg(QLatin1StringView(kGroupFill),
                                  htmlText(r.cells.empty() ? QString() : r.cells[0].text));
                continue;
            }
            m_out += QStringLiteral("<tr>");
            for (int c = 0; c < cols; ++c) {
                const ReportCell cell = c < int(r.cells.size()) ? r.cells[size_t(c)] : ReportCell();
                const QString style = cellStyle(cell.style);
                // The rest of a row taller than a page, on the next page, says so above its first cell.
                const QString continued = r.continued && c == std::clamp(r.continuedColumn, 0, cols - 1)
                                              ? continuedMark(cell.text)
                                              : QString();
                m_out += QStringLiteral("<td%1%2%3>%4%5</td>")
                             .arg(widthOf(c), alignOf(c),
                                  style.isEmpty() ? QString() : QStringLiteral(" style=\"%1\"").arg(style),
                                  continued, htmlText(cell.text));
            }
            m_out += QStringLiteral("</tr>\n");
        }
        m_out += QStringLiteral("</tbody></table>\n");
    }

    static QString fileStyleSheet() {
        return QStringLiteral(
                   "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: %1; "
                   "max-width: "
                   "60rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }\n"
                   "h2 { font-size: 15pt; color: %4; border-bottom: 1px solid %3; padding-bottom: 3px; "
                   "margin-top: "
                   "2rem; }\n"
                   "h3 { font-size: 11.5pt; color: %4; margin-top: 1.2rem; }\n"
                   "p.note { color: %2; font-size: 9pt; }\n"
                   "p.running { color: %2; font-size: 8.5pt; border-bottom: 1px solid %3; }\n"
                   "section.cover { padding: 2rem 0 3rem; border-bottom: 2px solid %4; margin-bottom: 2rem; "
                   "}\n"
                   "p.agency { font-size: 13pt; font-weight: bold; color: %4; }\n"
                   "p.cover-title { font-size: 26pt; font-weight: bold; color: %4; margin: 2rem 0 1.5rem; }\n"
                   "p.cover-label { color: %2; font-size: 9pt; text-transform: uppercase; letter-spacing: "
                   "0.08em; "
                   "margin: 1.2rem 0 0.2rem; }\n"
                   "p.cover-insured { font-size: 18pt; font-weight: bold; margin: 0; }\n"
                   "p.cover-line { margin: 0.1rem 0; }\n"
                   "p.cover-date { margin-top: 1rem; }\n"
                   "div.callout { background: %5; padding: 0.8rem 1rem; font-size: 11pt; margin: 0.5rem 0 "
                   "1rem; }\n"
                   "table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; }\n"
                   "table.grid th { background: %4; color: #fff; text-align: left; }\n"
                   "table.grid th, table.grid td { border: 1px solid %3; padding: 4px 6px; vertical-align: "
                   "top; }\n"
                   "table.grid td[align=right], table.grid th[align=right] { text-align: right; }\n"
                   "tr.group td { background: %6; font-weight: bold; }\n"
                   "table.facts td { padding: 2px 6px; vertical-align: top; }\n"
                   "td.fact-label { color: %2; }\n"
                   "@media print { h2 { break-after: avoid; } thead { display: table-header-group; } }\n")
            .arg(QLatin1StringView(kInk), QLatin1StringView(kMuted), QLatin1StringView(kRule),
                 QLatin1StringView(kHeaderFill), QLatin1StringView(kCalloutFill),
                 QLatin1StringView(kGroupFill));
    }

    const ReportDocument &m_doc;
    HtmlFlavour m_flavour;
    const LogoImage &m_logo;
    QString m_out;
    QString m_anchor;
    bool m_breakNext = false;
};

} // namespace

QString blockAnchor(int index) {
    return QStringLiteral("pw-block-%1").arg(index);
}

QString htmlText(const QString &text) {
    return escapeControls(text).toHtmlEscaped();
}

QString reportHtml(const ReportDocument &doc, HtmlFlavour flavour, const LogoImage &logo) {
    return HtmlWriter(doc, flavour, logo).write();
}

QString reportTextDocumentStyleSheet() {
    return QStringLiteral(
               "h2 { font-size: 15pt; font-weight: bold; color: %1; margin-top: 18px; margin-bottom: 8px; }\n"
               "h3 { font-size: 11.5pt; font-weight: bold; color: %1; margin-top: 14px; margin-bottom: 6px; "
               "}\n"
               "p { margin-top: 0px; margin-bottom: 7px; }\n"
               "p.note { color: %2; font-size: 8.5pt; }\n"
               "li { margin-bottom: 3px; }\n"
               "td.fact-label { color: %2; }\n"
               "th { font-weight: bold; text-align: left; }\n"
               "p.logo { margin-bottom: 16px; }\n"
               "p.agency { font-size: 13pt; font-weight: bold; color: %1; }\n"
               "p.cover-title { font-size: 30pt; font-weight: bold; color: %1; margin-top: 200px; "
               "margin-bottom: 36px; }\n"
               "p.cover-label { font-size: 9pt; color: %2; margin-top: 22px; margin-bottom: 4px; }\n"
               "p.cover-insured { font-size: 19pt; font-weight: bold; margin-bottom: 6px; }\n"
               "p.cover-line { font-size: 11pt; margin-bottom: 2px; }\n"
               "p.cover-date { font-size: 11pt; margin-top: 18px; }\n")
        .arg(QLatin1StringView(kHeaderFill), QLatin1StringView(kMuted));
}

} // namespace pw
