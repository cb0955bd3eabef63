// SPDX-License-Identifier: MIT
// The client proposal as a document model (report/proposal.h).
#include "proposal.h"

#include "engine/currentpremium.h"
#include "engine/grades.h"
#include "engine/plainwords.h"
#include "engine/whyline.h"
#include "io/casereader.h"
#include "report/reportwords.h"
#include "util/dates.h"
#include "util/numbers.h"

#include <QRegularExpression>

#include <functional>

namespace pw {

namespace {

using Style = ReportCell::Style;

// One option of the proposal: a qualified solution of the run with its offerings read into typed form.
struct Option {
    int number = 0; // 1-based, as the client reads it ("Option 2")
    JsonValue solution;
    std::map<QString, Offering> byLine;
    std::map<QString, double> premiumById; // cost_breakdown.lines
};

QString carrierOf(const Offering &o) {
    return o.providerName.trimmed().isEmpty() ? o.providerId : o.providerName.trimmed();
}

QString insuredName(const CaseInput &in) {
    return QString(in.applicant.firstName.trimmed() + u' ' + in.applicant.lastName.trimmed()).trimmed();
}

// "Harborview Mutual for home, auto and umbrella" / "Keystone for home and umbrella, Harborview Mutual
// for auto".
QString carriersPhrase(const Option &o, const QStringList &lines) {
    QStringList carriers;
    std::map<QString, QStringList> linesOf;
    for (const QString &l : lines) {
        const auto it = o.byLine.find(l);
        if (it == o.byLine.end()) continue;
        const QString c = carrierOf(it->second);
        if (!carriers.contains(c)) carriers << c;
        linesOf[c] << l;
    }
    QStringList parts;
    for (const QString &c : carriers)
        parts << QStringLiteral("%1 for %2").arg(c, joinWords(linesOf[c]));
    return parts.join(QStringLiteral(", "));
}

QString optionHeading(const Option &o) {
    const QString label = o.solution[u"cluster_label"].toString();
    return QStringLiteral("Option %1 · %2").arg(o.number).arg(lineTitle(labelWords(label)));
}

ReportCell money(const OptDouble &v) {
    return v ? ReportCell(formatMoney(*v)) : ReportCell(QStringLiteral("not stated"), Style::NotStated);
}

ReportCell notStated() {
    return {QStringLiteral("not stated"), Style::NotStated};
}

ReportCell amountOrPercent(const AmountOrPercent &a) {
    if (!a.stated) return notStated();
    if (a.percent)
        return ReportCell(
            QStringLiteral("%1% of dwelling").arg(QString::fromLatin1(shortestNumberText(a.value))));
    return ReportCell(formatMoney(a.value));
}

ReportCell physical(const PhysicalDeductible &d) {
    if (!d.stated) return notStated();
    if (d.none) return ReportCell(QStringLiteral("None (not carried)"), Style::Warning);
    return ReportCell(formatMoney(d.amount));
}

ReportCell bodilyInjury(const CoverageDetail &d) {
    if (d.limitCombinedSingle)
        return ReportCell(formatMoney(*d.limitCombinedSingle) + QStringLiteral(" combined"));
    const QString s = splitLimitText({d.biPerPerson, d.biPerAccident});
    return s.isEmpty() ? notStated() : ReportCell(s);
}

ReportCell uninsured(const CoverageDetail &d) {
    const QString s = splitLimitText({d.umPerPerson, d.umPerAccident});
    return s.isEmpty() ? notStated() : ReportCell(s);
}

ReportCell settlement(const CoverageDetail &d) {
    if (!d.settlement) return notStated();
    QString s = settlementWords(*d.settlement);
    if (*d.settlement == Settlement::ExtendedReplacementCost && d.extendedReplacementPct)
        s +=
            QStringLiteral(" (+%1%)").arg(QString::fromLatin1(shortestNumberText(*d.extendedReplacementPct)));
    return ReportCell(s, *d.settlement == Settlement::ActualCashValue ? Style::Warning : Style::Plain);
}

ReportCell endorsement(const OptDouble &v) {
    // An endorsement that is not stated is not carried (engine.md §5.2, §9).
    if (!v || *v == 0) return ReportCell(QStringLiteral("None"), Style::Warning);
    return ReportCell(formatMoney(*v));
}

// A row of the side-by-side table: its label and how to read a cell from a line's coverage.
struct DetailRow {
    QString label;
    std::function<ReportCell(const CoverageDetail &)> cell;
};

std::vector<DetailRow> detailRows(const QString &line) {
    if (line == u"home")
        return {
            {QStringLiteral("Dwelling (Coverage A)"),
             [](const CoverageDetail &d) { return money(d.dwellingLimit); }},
            {QStringLiteral("Other structures (B)"),
             [](const CoverageDetail &d) { return money(d.otherStructuresLimit); }},
            {QStringLiteral("Personal property (C)"),
             [](const CoverageDetail &d) { return money(d.personalPropertyLimit); }},
            {QStringLiteral("Loss of use (D)"),
             [](const CoverageDetail &d) { return money(d.lossOfUseLimit); }},
            {QStringLiteral("Personal liability (E)"),
             [](const CoverageDetail &d) { return money(d.liabilityLimit); }},
            {QStringLiteral("Medical payments (F)"),
             [](const CoverageDetail &d) { return money(d.medicalPaymentsLimit); }},
            {QStringLiteral("Deductible (all perils)"),
             [](const CoverageDetail &d) { return amountOrPercent(d.deductible); }},
            {QStringLiteral("Wind/hail deductible"),
             [](const CoverageDetail &d) { return amountOrPercent(d.windHailDeductible); }},
            {QStringLiteral("Settlement"), settlement},
            {QStringLiteral("Water backup"),
             [](const CoverageDetail &d) { return endorsement(d.waterBackupLimit); }},
            {QStringLiteral("Flood"), [](const CoverageDetail &d) { return endorsement(d.floodLimit); }},
        };
    if (line == u"auto")
        return {
            {QStringLiteral("Bodily injury (thousands)"), bodilyInjury},
            {QStringLiteral("Property damage"),
             [](const CoverageDetail &d) { return money(d.pdPerAccident); }},
            {QStringLiteral("Uninsured motorist (thousands)"), uninsured},
            {QStringLiteral("Medical payments"),
             [](const CoverageDetail &d) { return money(d.medicalPayments); }},
            {QStringLiteral("Personal injury protection"),
             [](const CoverageDetail &d) { return money(d.pip); }},
            {QStringLiteral("Comprehensive deductible"),
             [](const CoverageDetail &d) { return physical(d.comprehensiveDeductible); }},
            {QStringLiteral("Collision deductible"),
             [](const CoverageDetail &d) { return physical(d.collisionDeductible); }},
        };
    if (line == u"umbrella")
        return {
            {QStringLiteral("Umbrella limit"),
             [](const CoverageDetail &d) { return money(d.umbrellaLimit); }},
            {QStringLiteral("Retained limit"),
             [](const CoverageDetail &d) { return money(d.retainedLimit); }},
        };
    return {};
}

class ProposalBuilder {
public:
    ProposalBuilder(const ReportInputs &in, const AgencyInfo &agency, const ProposalSections &sections)
        : m_in(in)
        , m_agency(agency)
        , m_sections(sections) {
        Problems ignored; // the case was validated before it was ranked
        m_case = readCase(in.caseRoot, &ignored);
        const CaseInput &ci = m_case.input;
        m_current = ci.currentPortfolioIsObject ? ci.currentPortfolio : ci.currentCoverage;
        m_lines = ci.coverageTypes;
        m_currentPremium = in.run[u"output"][u"current_premium"];
        const auto &solutions = in.run[u"solutions"].arrayItems();
        for (size_t i = 0; i < solutions.size(); ++i) {
            const JsonValue &s = solutions[i];
            if (!s[u"scorecard"][u"qualified"].toBool()) {
                ++m_notOffered;
                continue;
            }
            Option o;
            o.number = int(m_options.size()) + 1;
            o.solution = s;
            for (const auto &raw : s[u"offerings"].arrayItems()) {
                Offering off = readOffering(raw, QString(), &ignored);
                o.byLine[off.category] = off;
            }
            for (const auto &l : s[u"cost_breakdown"][u"lines"].arrayItems())
                o.premiumById[l[u"id"].toString()] = l[u"line_premium_annual"].toDouble();
            m_options.push_back(std::move(o));
        }
        const JsonValue &analysis = in.run[u"output"][u"coverage_analysis"];
        m_gapsAnalysed = analysis.isObject();
        for (const auto &g : analysis[u"gaps"].arrayItems()) {
            const QString id = g[u"rule_id"].toString();
            if (!m_gapTitles.count(id)) {
                m_gapOrder << id;
                m_gapTitles[id] = g[u"title"].toString();
            }
        }
    }

    ReportDocument build() {
        const QString insured = insuredName(m_case.input);
        m_doc.title = insured.isEmpty() ? QStringLiteral("Insurance proposal")
                                        : QStringLiteral("Insurance proposal for %1").arg(insured);
        m_doc.runningHeader = m_agency.name.trimmed().isEmpty()
                                  ? m_doc.title
                                  : QStringLiteral("%1 · %2").arg(m_doc.title, m_agency.name.trimmed());
        cover(insured);
        recommendation();
        if (m_sections.allOptions) allOptions();
        comparison();
        if (m_sections.gaps) gaps();
        assumptions();
        disclosure();
        return std::move(m_doc);
    }

private:
    QString nextHeading(const QString &title) { return QStringLiteral("%1. %2").arg(++m_section).arg(title); }

    void cover(const QString &insured) {
        ReportCover &c = m_doc.cover;
        c.present = true;
        c.title = QStringLiteral("Insurance proposal");
        c.insured = insured;
        const Address &a = m_case.input.address;
        if (!a.line1.trimmed().isEmpty()) c.address << a.line1.trimmed();
        const QString cityLine =
            QStringList{a.city.trimmed(),
                        QString(a.state.trimmed().toUpper() + u' ' + a.zipCode.trimmed()).trimmed()}
                .filter(QRegularExpression(QStringLiteral("\\S")))
                .join(QStringLiteral(", "));
        if (!cityLine.isEmpty()) c.address << cityLine;
        c.date = longDate(m_in.clock.date());
        c.agencyName = m_agency.name.trimmed();
        c.agent = m_agency.agent.trimmed();
        c.contact = m_agency.contact.trimmed();
        c.logoFile = m_agency.logoFile.trimmed();
    }

    QString currentPremiumText() const {
        return m_currentPremium.isNumber() ? formatMoney(m_currentPremium.toDouble()) : QString();
    }

    QString costOf(const Option &o) const {
        return costRangeText(o.solution[u"est_cost_low"].toDouble(), o.solution[u"est_cost_high"].toDouble());
    }

    // "A+ (Superior)" for one carrier; "Harborview Mutual A+ (Superior); Keystone A (Excellent)" for several.
    QString gradesOf(const Option &o) const {
        QStringList seen, parts;
        for (const QString &l : m_lines) {
            const auto it = o.byLine.find(l);
            if (it == o.byLine.end()) continue;
            const QString c = carrierOf(it->second);
            const QString g = gradeInWords(it->second.qualityRating, it->second.qualityRatingAgency);
            const QString part = QStringLiteral("%1 %2").arg(c, g);
            if (!seen.contains(part)) {
                seen << part;
                parts << part;
            }
        }
        return parts.join(QStringLiteral("; "));
    }

    void recommendation() {
        m_doc.pageBreak();
        m_doc.heading(nextHeading(QStringLiteral("Our recommendation")));
        if (m_options.empty()) {
            const JsonValue &msg = m_in.run[u"output"][u"message"];
            QString text = QStringLiteral("We cannot recommend a package yet. ");
            if (msg.isString())
                text += msg.toString();
            else if (m_notOffered > 0)
                text += QStringLiteral(
                    "None of the packages quoted meets every eligibility rule (financial strength, "
                    "carrier appetite and the limits an umbrella requires).");
            else
                text += QStringLiteral("No complete package was quoted.");
            m_doc.callout(text);
            premiumDisagreement();
            return;
        }
        const Option &rec = m_options.front();
        QString text = QStringLiteral("We recommend Option 1: %1, at %2 a year.")
                           .arg(carriersPhrase(rec, m_lines), costOf(rec));
        // The window's why-line, word for word (engine/whyline.h): option 1 is the run's first solution.
        const QString why = whyLine(m_in.run, 0);
        m_doc.callout(text, why.isEmpty() ? QStringList() : QStringList{QStringLiteral("Why: %1.").arg(why)});
        QStringList facts;
        facts << QStringLiteral("Annual cost\t%1").arg(costOf(rec));
        if (m_currentPremium.isNumber()) {
            facts << QStringLiteral("Today's premium\t%1").arg(currentPremiumText());
            facts << QStringLiteral("Change against today\t%1")
                         .arg(changeWords(rec.solution[u"change_vs_current"],
                                          rec.solution[u"change_vs_current_pct"]));
        }
        facts << QStringLiteral("Financial strength\t%1").arg(gradesOf(rec));
        if (m_gapsAnalysed && !m_gapOrder.isEmpty()) {
            const int closed = rec.solution[u"gaps_closed"].size();
            facts << QStringLiteral("Coverage gaps closed\t%1 of %2").arg(closed).arg(m_gapOrder.size());
        }
        m_doc.facts(facts);
        premiumDisagreement();
        if (const QString shortfall = proposalOptionsShortfall(m_in); !shortfall.isEmpty())
            m_doc.paragraph(shortfall);
        if (m_options.size() > 1)
            m_doc.paragraph(QStringLiteral("The next pages set your coverage today beside this option and %1 "
                                           "other%2, line by line.")
                                .arg(m_options.size() - 1)
                                .arg(m_options.size() > 2 ? QStringLiteral("s") : QString()));
    }

    // Today's premium stated twice, disagreeing: both figures, never one silently beside the other.
    void premiumDisagreement() {
        if (const auto d = currentPremiumDisagreement(m_case.input))
            m_doc.callout(QStringLiteral("Please check: %1").arg(currentPremiumDisagreementText(*d)));
    }

    ReportCell todayCell(const QString &line,
                         const std::function<ReportCell(const CoverageDetail &)> &f) const {
        const auto it = m_current.find(line);
        if (it == m_current.end()) return {QStringLiteral("—"), Style::NotStated};
        return f(it->second);
    }

    ReportCell optionCell(const Option &o, const QString &line,
                          const std::function<ReportCell(const Offering &)> &f) const {
        const auto it = o.byLine.find(line);
        if (it == o.byLine.end()) return {QStringLiteral("—"), Style::NotStated};
        return f(it->second);
    }

    void comparison() {
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
                m_doc.subheading(last - first == 1
                                     ? QStringLiteral("Option %1").arg(first + 1)
                                     : QStringLiteral("Options %1 to %2").arg(first + 1).arg(last));
            for (ReportTable &t : comparisonTables(chunk))
                m_doc.table(std::move(t));
        }
    }

    // One table per line and one for the totals, each headed by its line beside "Today" and the options, so
    // a table that runs onto the next page repeats which line it shows.
    std::vector<ReportTable> comparisonTables(const std::vector<const Option *> &chunk) const {
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
                    return optionCell(o, line,
                                      [](const Offering &off) { return ReportCell(carrierOf(off)); });
                },
                true);
            addRow(QStringLiteral("Product"),
                   todayCell(line,
                             [](const CoverageDetail &d) {
                                 return d.productName.trimmed().isEmpty()
                                            ? notStated()
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
                       return ReportCell(changeWords(o.solution[u"change_vs_current"],
                                                     o.solution[u"change_vs_current_pct"]));
                   });
        return tables;
    }

    // "$6,620 for home, auto and umbrella (line by line $6,880)", per intact package of the option.
    ReportCell packageCell(const Option &o) const {
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

    void allOptions() {
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

    // The weakest grade of an option in words (the one its financial strength rests on).
    QString lowestGrade(const Option &o) const {
        QString worst;
        double worstScore = 1e9;
        for (const auto &[line, off] : o.byLine) {
            const auto e =
                gradeEntry(*m_in.profile, normaliseGrade(off.qualityRating, off.qualityRatingAgency));
            const double score = e ? e->score : -1;
            if (score < worstScore) {
                worstScore = score;
                worst = gradeInWords(off.qualityRating, off.qualityRatingAgency);
            }
        }
        return worst;
    }

    QString titleOfGap(const QString &ruleId) const {
        const auto it = m_gapTitles.find(ruleId);
        return it != m_gapTitles.end() ? it->second : gapTitle(ruleId);
    }

    void gaps() {
        m_doc.heading(nextHeading(QStringLiteral("Coverage gaps today")));
        const JsonValue &analysis = m_in.run[u"output"][u"coverage_analysis"];
        if (!m_gapsAnalysed) {
            m_doc.paragraph(
                QStringLiteral("A review of the coverage you hold today was not part of this request."));
            return;
        }
        const QStringList memo =
            analysis[u"memo"].toString().split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
        for (const QString &p : memo)
            m_doc.paragraph(p);
        if (m_options.empty() || m_gapOrder.isEmpty()) return;
        m_doc.subheading(QStringLiteral("Which option closes each gap"));
        const int n = int(m_options.size());
        constexpr int kPerTable = 5;
        for (int first = 0; first < n; first += kPerTable) {
            const int last = std::min(n, first + kPerTable);
            ReportTable t;
            t.header << QStringLiteral("Gap today");
            t.widths.push_back(40);
            for (int i = first; i < last; ++i) {
                t.header << QStringLiteral("Option %1").arg(i + 1);
                t.widths.push_back(60 / std::min(n, kPerTable));
            }
            for (const QString &id : m_gapOrder) {
                ReportRow r;
                r.cells.push_back({titleOfGap(id), Style::Strong});
                for (int i = first; i < last; ++i) {
                    const JsonValue &s = m_options[size_t(i)].solution;
                    bool closed = false;
                    for (const auto &c : s[u"gaps_closed"].arrayItems())
                        closed = closed || c.toString() == id;
                    r.cells.push_back(closed ? ReportCell(QStringLiteral("Closed"), Style::Good)
                                             : ReportCell(QStringLiteral("Still open"), Style::Warning));
                }
                t.rows.push_back(std::move(r));
            }
            m_doc.table(std::move(t));
        }
        QStringList added;
        for (const Option &o : m_options) {
            QStringList titles;
            for (const auto &id : o.solution[u"gaps_new"].arrayItems())
                titles << titleOfGap(id.toString());
            if (!titles.isEmpty())
                added << QStringLiteral("Option %1 would open a gap you do not have today: %2.")
                             .arg(o.number)
                             .arg(joinWords(titles));
        }
        if (!added.isEmpty()) m_doc.bullets(added);
    }

    void assumptions() {
        m_doc.heading(nextHeading(QStringLiteral("Assumptions")));
        QStringList items;
        items << QStringLiteral(
                     "Figures are as of %1. Costs are annual premiums as quoted to us; each quote is "
                     "valid until the date shown below.")
                     .arg(longDate(m_in.clock.date()));
        if (m_currentPremium.isNumber())
            items << QStringLiteral(
                         "Today's premium of %1 is the premium of the policies you hold now, as you "
                         "told us.")
                         .arg(currentPremiumText());
        items << QStringLiteral("A package price applies only when every line of the package is placed with "
                                "that insurer.");
        QStringList broken, indicative;
        for (const Option &o : m_options) {
            for (const auto &u : o.solution[u"cost_breakdown"][u"uplifts"].arrayItems()) {
                const QString kind = u[u"kind"].toString();
                const QString name = QString::number(o.number);
                if (kind == u"bundle_break" && !broken.contains(name)) broken << name;
                if (kind == u"indicative" && !indicative.contains(name)) indicative << name;
            }
        }
        const auto pct = [](double f) -> QString { return formatNumber(f * 100, 0) + QStringLiteral("%"); };
        if (!broken.isEmpty())
            items << QStringLiteral(
                         "%1 %2 only part of an insurer's package; the insurer may re-rate the lines "
                         "it keeps, so the upper end of the cost range allows %3 more on those lines.")
                         .arg(broken.size() == 1 ? QStringLiteral("Option") : QStringLiteral("Options"),
                              joinWords(broken) +
                                  (broken.size() == 1 ? QStringLiteral(" places") : QStringLiteral(" place")),
                              pct(m_in.profile->bundleBreakUplift));
        if (!indicative.isEmpty())
            items << QStringLiteral(
                         "Rates marked indicative below are estimates before underwriting; the upper "
                         "end of the cost range of %1 %2 allows %3 more on them.")
                         .arg(indicative.size() == 1 ? QStringLiteral("option") : QStringLiteral("options"),
                              joinWords(indicative), pct(m_in.profile->indicativeUplift));
        items << QStringLiteral(
            "Financial strength is the insurer's AM Best rating (Demotech where stated) as "
            "supplied with the quote.");
        if (m_notOffered > 0)
            items << QStringLiteral(
                         "%1 other package%2 ranked %3 %4 not offered here because %5 "
                         "not meet an eligibility rule (for example a financial-strength grade below "
                         "B+, or an umbrella whose required underlying limits are not met).")
                         .arg(m_notOffered)
                         .arg(m_notOffered == 1 ? QString() : QStringLiteral("s"))
                         .arg(rankedAmong())
                         .arg(m_notOffered == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                              m_notOffered == 1 ? QStringLiteral("it does") : QStringLiteral("they do"));
        m_doc.bullets(items);
        quoteTable();
    }

    // "among the top 10", or "among the 48 packages quoted" when more were asked for than there are.
    QString rankedAmong() const {
        const JsonValue &count = m_in.run[u"output"][u"solution_count"];
        if (count.isNumber() && m_in.top >= count.toDouble())
            return QStringLiteral("among the %1 packages quoted").arg(count.toDouble());
        return QStringLiteral("among the top %1").arg(m_in.top);
    }

    void quoteTable() {
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
                    if (ts.trimmed().isEmpty())
                        return ReportCell(QStringLiteral("not stated"), Style::NotStated);
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

    // On a page of its own at the end, as the firm's standing text.
    void disclosure() {
        m_doc.pageBreak();
        m_doc.heading(nextHeading(QStringLiteral("Important information")));
        m_doc.panel({
            QStringLiteral(
                "This proposal summarises quotes from the insurers named in it. It is not a policy, a "
                "binder or a promise of coverage: coverage is provided only by the policies the "
                "insurers issue, under their terms, conditions and exclusions. Please read your "
                "policies when you receive them."),
            QStringLiteral("Premiums, discounts and package prices may change at underwriting and when the "
                           "policies are bound, or if any information you gave us is incomplete or changes. "
                           "Quotes expire on the dates shown."),
            QStringLiteral(
                "Financial-strength ratings are the rating agencies' opinions of an insurer's ability "
                "to pay claims; they are not a guarantee."),
            QStringLiteral(
                "Our agency is paid by the insurer you choose. Ask us and we will explain how we are "
                "paid."),
            QStringLiteral("Please tell us if anything in this proposal is wrong or missing, so that we can "
                           "correct it before you decide."),
        });
    }

    const ReportInputs &m_in;
    const AgencyInfo &m_agency;
    const ProposalSections &m_sections;
    Case m_case;
    CoverageLines m_current;
    QStringList m_lines;
    JsonValue m_currentPremium;
    std::vector<Option> m_options;
    int m_notOffered = 0;
    bool m_gapsAnalysed = false;
    QStringList m_gapOrder;
    std::map<QString, QString> m_gapTitles;
    ReportDocument m_doc;
    int m_section = 0;
};

} // namespace

QString proposalOptionsShortfall(const ReportInputs &inputs) {
    const JsonValue &out = inputs.run[u"output"];
    int shown = 0;
    for (const auto &s : inputs.run[u"solutions"].arrayItems())
        shown += s[u"scorecard"][u"qualified"].toBool() ? 1 : 0;
    if (shown >= inputs.top || shown == 0) return QString();
    const int packages = out[u"solution_count"].isNumber() ? int(out[u"solution_count"].toDouble()) : shown;
    const QString options =
        shown == 1 ? QStringLiteral("1 option is") : QStringLiteral("%1 options are").arg(shown);
    if (packages <= shown)
        return QStringLiteral("Up to %1 options were asked for; %2 shown, as only %3 could be assembled from "
                              "the quotes.")
            .arg(inputs.top)
            .arg(options)
            .arg(packages == 1 ? QStringLiteral("1 package") : QStringLiteral("%1 packages").arg(packages));
    return QStringLiteral("Up to %1 options were asked for; %2 shown, as only %3 of the %4 packages quoted "
                          "meet%5 every eligibility rule.")
        .arg(inputs.top)
        .arg(options)
        .arg(shown)
        .arg(packages)
        .arg(shown == 1 ? QStringLiteral("s") : QString());
}

ReportDocument buildProposal(const ReportInputs &inputs, const AgencyInfo &agency,
                             const ProposalSections &sections) {
    return ProposalBuilder(inputs, agency, sections).build();
}

} // namespace pw
