// SPDX-License-Identifier: MIT
// The tables of the client proposal (report/proposalbuilder.h): today beside the options, all options at a
// glance and the quotes behind them.
#include "proposalbuilder.h"

#include "engine/currentpremium.h"
#include "engine/grades.h"
#include "engine/plainwords.h"
#include "engine/whyline.h"
#include "io/casereader.h"
#include "report/reportwords.h"
#include "util/dates.h"
#include "util/numbers.h"

#include <functional>

namespace pw::proposal {

ReportCell ProposalBuilder::todayCell(const QString &line,
                                      const std::function<ReportCell(const CoverageDetail &)> &f) const {
    const auto it = m_current.find(line);
    if (it == m_current.end()) return {QStringLiteral("—"), Style::NotStated};
    return f(it->second);
}

ReportCell ProposalBuilder::optionCell(const Option &o, const QString &line,
                                       const std::function<ReportCell(const Offering &)> &f) const {
    const auto it = o.byLine.find(line);
    if (it == o.byLine.end()) return {QStringLiteral("—"), Style::NotStated};
    return f(it->second);
}

void ProposalBuilder::comparison() {
    m_doc.heading(nextHeading(QStringLiteral("Your coverage today and the options")));
    if (m_options.empty()) {
        m_doc.paragraph(
            QStringLiteral("Your coverage today is shown below; no option can be set beside it yet."));
    } else {
        m_doc.paragraph(
            QStringLiteral("Limits and deductibles as quoted. Split liability limits are in "
                           "thousands of dollars (250/500 = $250,000 per person, $500,000 per "
                           "accident). \"Not stated\" means the quote or your policy does not say."));
    }
    const int n = int(m_options.size());
    for (int first = 0; first == 0 || first < n; first += kProposalOptionsPerTable) {
        const int last = std::min(n, first + kProposalOptionsPerTable);
        std::vector<const Option *> chunk;
        for (int i = first; i < last; ++i)
            chunk.push_back(&m_options[size_t(i)]);
        if (n > kProposalOptionsPerTable)
            m_doc.subheading(last - first == 1 ? QStringLiteral("Option %1").arg(first + 1)
                                               : QStringLiteral("Options %1 to %2").arg(first + 1).arg(last));
        for (ReportTable &t : comparisonTables(chunk))
            m_doc.table(std::move(t));
    }
}

// One table per line and one for the totals, each headed by its line beside "Today" and the options, so
// a table that runs onto the next page repeats which line it shows.
std::vector<ReportTable> ProposalBuilder::comparisonTables(const std::vector<const Option *> &chunk) const {
    std::vector<ReportTable> tables;
    auto newTable = [&](const QString &title) {
        ReportTable t;
        t.header << title << QStringLiteral("Today");
        for (const Option *o : chunk)
            t.header << optionHeading(*o);
        t.widths.push_back(28);
        for (int c = 1; c < int(t.header.size()); ++c)
            t.widths.push_back(72 / (int(t.header.size()) - 1));
        tables.push_back(std::move(t));
    };
    auto addRow = [&](const QString &label, ReportCell today,
                      const std::function<ReportCell(const Option &)> &f, bool always = false) {
        ReportRow r;
        r.cells.push_back({label, Style::Strong});
        r.cells.push_back(today);
        bool stated = today.style != Style::NotStated;
        for (const Option *o : chunk) {
            r.cells.push_back(f(*o));
            stated = stated || r.cells.back().style != Style::NotStated;
        }
        if (stated || always) tables.back().rows.push_back(std::move(r));
    };
    for (const QString &line : m_lines) {
        newTable(lineTitle(line));
        const auto cur = m_current.find(line);
        const bool inForce = cur != m_current.end();
        addRow(
            QStringLiteral("Insurer"),
            !inForce ? ReportCell(QStringLiteral("Not in force"), Style::Warning)
            : cur->second.carrier.trimmed().isEmpty() ? notStated()
                                                      : ReportCell(cur->second.carrier.trimmed()),
            [&](const Option &o) {
                return optionCell(o, line, [](const Offering &off) { return ReportCell(carrierOf(off)); });
            },
            true);
        addRow(QStringLiteral("Product"),
               todayCell(line,
                         [](const CoverageDetail &d) {
                             return d.productName.trimmed().isEmpty() ? notStated()
                                                                      : ReportCell(d.productName.trimmed());
                         }),
               [&](const Option &o) {
                   return optionCell(o, line, [](const Offering &off) {
                       return off.coverage.productName.trimmed().isEmpty()
                                  ? notStated()
                                  : ReportCell(off.coverage.productName.trimmed());
                   });
               });
        addRow(QStringLiteral("Financial strength"),
               inForce ? notStated() : ReportCell(QStringLiteral("—"), Style::NotStated),
               [&](const Option &o) {
                   return optionCell(o, line, [](const Offering &off) {
                       return ReportCell(gradeInWords(off.qualityRating, off.qualityRatingAgency));
                   });
               });
        for (const DetailRow &row : detailRows(line))
            addRow(row.label, todayCell(line, row.cell), [&](const Option &o) {
                return optionCell(o, line, [&](const Offering &off) { return row.cell(off.coverage); });
            });
        addRow(
            QStringLiteral("Annual premium"),
            todayCell(line, [](const CoverageDetail &d) { return money(d.annualPremium); }),
            [&](const Option &o) {
                return optionCell(o, line, [&](const Offering &off) {
                    const auto it = o.premiumById.find(off.id);
                    return it == o.premiumById.end() ? notStated() : ReportCell(formatMoney(it->second));
                });
            },
            true);
    }
    newTable(QStringLiteral("Total"));
    addRow(QStringLiteral("Package price"), ReportCell(QStringLiteral("—"), Style::NotStated),
           [&](const Option &o) { return packageCell(o); });
    addRow(
        QStringLiteral("Annual cost"),
        m_currentPremium.isNumber() ? ReportCell(currentPremiumText(), Style::Strong) : notStated(),
        [&](const Option &o) { return ReportCell(costOf(o), Style::Strong); }, true);
    if (m_currentPremium.isNumber())
        addRow(QStringLiteral("Change against today"), ReportCell(QStringLiteral("—"), Style::NotStated),
               [&](const Option &o) {
                   return ReportCell(
                       changeWords(o.solution[u"change_vs_current"], o.solution[u"change_vs_current_pct"]));
               });
    return tables;
}

// "$6,620 for home, auto and umbrella (line by line $6,880)", per intact package of the option.
ReportCell ProposalBuilder::packageCell(const Option &o) const {
    QStringList parts;
    for (const auto &b : o.solution[u"cost_breakdown"][u"bundles"].arrayItems()) {
        QStringList lines;
        double lineSum = 0;
        for (const QString &l : m_lines) {
            const auto it = o.byLine.find(l);
            if (it == o.byLine.end()) continue;
            for (const auto &id : b[u"ids"].arrayItems()) {
                if (it->second.id != id.toString()) continue;
                lines << l;
                const auto p = o.premiumById.find(it->second.id);
                if (p != o.premiumById.end()) lineSum += p->second;
            }
        }
        parts << QStringLiteral("%1 for %2 (line by line %3)")
                     .arg(formatMoney(b[u"package_premium_annual"].toDouble()), joinWords(lines),
                          formatMoney(lineSum));
    }
    if (parts.isEmpty()) return {QStringLiteral("No package"), Style::NotStated};
    return ReportCell(parts.join(QStringLiteral("; ")));
}

void ProposalBuilder::allOptions() {
    if (m_options.empty()) return;
    m_doc.heading(nextHeading(QStringLiteral("All options at a glance")));
    ReportTable t;
    t.header << QStringLiteral("Option");
    for (const QString &l : m_lines)
        t.header << lineTitle(l);
    t.header << QStringLiteral("Annual cost");
    if (m_currentPremium.isNumber()) t.header << QStringLiteral("Change against today");
    t.header << QStringLiteral("Financial strength");
    const int lineWidth =
        m_lines.isEmpty() ? 0 : (m_currentPremium.isNumber() ? 39 : 54) / int(m_lines.size());
    for (int c = 0; c < int(t.header.size()); ++c) {
        const QString &h = t.header[c];
        const bool money = h == u"Annual cost" || h == u"Change against today";
        t.numeric.push_back(money);
        t.widths.push_back(c == 0                       ? 18
                           : h == u"Annual cost"        ? 12
                           : money                      ? 15
                           : h == u"Financial strength" ? 16
                                                        : lineWidth);
    }
    for (const Option &o : m_options) {
        ReportRow r;
        r.cells.push_back({optionHeading(o), Style::Strong});
        for (const QString &l : m_lines)
            r.cells.push_back(
                optionCell(o, l, [](const Offering &off) { return ReportCell(carrierOf(off)); }));
        r.cells.push_back(ReportCell(costOf(o)));
        if (m_currentPremium.isNumber())
            r.cells.push_back(ReportCell(
                changeWords(o.solution[u"change_vs_current"], o.solution[u"change_vs_current_pct"])));
        r.cells.push_back(ReportCell(lowestGrade(o)));
        t.rows.push_back(std::move(r));
    }
    m_doc.table(std::move(t));
}

// "among the top 10", or "among the 48 packages quoted" when more were asked for than there are.
QString ProposalBuilder::rankedAmong() const {
    const JsonValue &count = m_in.run[u"output"][u"solution_count"];
    if (count.isNumber() && m_in.top >= count.toDouble())
        return QStringLiteral("among the %1 packages quoted").arg(countValueText(count));
    return QStringLiteral("among the top %1").arg(formatCount(m_in.top));
}

void ProposalBuilder::quoteTable() {
    ReportTable t;
    t.header << QStringLiteral("Insurer") << QStringLiteral("Line") << QStringLiteral("Quote reference")
             << QStringLiteral("Quoted on") << QStringLiteral("Valid until") << QStringLiteral("Rate");
    t.widths = {21, 9, 30, 15, 15, 10};
    QStringList seen;
    for (const Option &o : m_options) {
        for (const QString &l : m_lines) {
            const auto it = o.byLine.find(l);
            if (it == o.byLine.end() || seen.contains(it->second.id)) continue;
            const Offering &off = it->second;
            seen << off.id;
            auto date = [](const QString &ts) {
                if (ts.trimmed().isEmpty()) return ReportCell(QStringLiteral("not stated"), Style::NotStated);
                if (const auto t = parseTimestamp(ts)) return ReportCell(shortDate(t->toUTC().date()));
                return ReportCell(ts.trimmed());
            };
            const bool ind =
                off.attributes.rateType.trimmed().compare(u"indicative", Qt::CaseInsensitive) == 0;
            ReportRow r;
            r.cells = {ReportCell(carrierOf(off)),
                       ReportCell(lineTitle(l)),
                       off.attributes.quoteId.trimmed().isEmpty()
                           ? notStated()
                           : ReportCell(off.attributes.quoteId.trimmed()),
                       date(off.attributes.quoteGeneratedAt),
                       date(off.attributes.quoteExpiresAt),
                       ind ? ReportCell(QStringLiteral("Indicative"), Style::Warning)
                           : ReportCell(QStringLiteral("Quoted"))};
            t.rows.push_back(std::move(r));
        }
    }
    if (!t.rows.empty()) {
        m_doc.subheading(QStringLiteral("Quotes behind the options"));
        m_doc.table(std::move(t));
    }
}

} // namespace pw::proposal
