// SPDX-License-Identifier: MIT
// The client proposal as a document model (report/proposal.h): the builder and its sections of prose.
#include "proposalbuilder.h"

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

namespace pw::proposal {

ProposalBuilder::ProposalBuilder(const ReportInputs &in, const AgencyInfo &agency,
                                 const ProposalSections &sections)
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

ReportDocument ProposalBuilder::build() {
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

void ProposalBuilder::cover(const QString &insured) {
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

QString ProposalBuilder::currentPremiumText() const {
    return m_currentPremium.isNumber() ? formatMoney(m_currentPremium.toDouble()) : QString();
}

QString ProposalBuilder::costOf(const Option &o) const {
    return costRangeText(o.solution[u"est_cost_low"].toDouble(), o.solution[u"est_cost_high"].toDouble());
}

// "A+ (Superior)" for one carrier; "Harborview Mutual A+ (Superior); Keystone A (Excellent)" for several.
QString ProposalBuilder::gradesOf(const Option &o) const {
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

void ProposalBuilder::recommendation() {
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
void ProposalBuilder::premiumDisagreement() {
    if (const auto d = currentPremiumDisagreement(m_case.input))
        m_doc.callout(QStringLiteral("Please check: %1").arg(currentPremiumDisagreementText(*d)));
}

// The weakest grade of an option in words (the one its financial strength rests on).
QString ProposalBuilder::lowestGrade(const Option &o) const {
    QString worst;
    double worstScore = 1e9;
    for (const auto &[line, off] : o.byLine) {
        const auto e = gradeEntry(*m_in.profile, normaliseGrade(off.qualityRating, off.qualityRatingAgency));
        const double score = e ? e->score : -1;
        if (score < worstScore) {
            worstScore = score;
            worst = gradeInWords(off.qualityRating, off.qualityRatingAgency);
        }
    }
    return worst;
}

QString ProposalBuilder::titleOfGap(const QString &ruleId) const {
    const auto it = m_gapTitles.find(ruleId);
    return it != m_gapTitles.end() ? it->second : gapTitle(ruleId);
}

void ProposalBuilder::gaps() {
    m_doc.heading(nextHeading(QStringLiteral("Coverage gaps today")));
    const JsonValue &analysis = m_in.run[u"output"][u"coverage_analysis"];
    if (!m_gapsAnalysed) {
        m_doc.paragraph(
            QStringLiteral("A review of the coverage you hold today was not part of this request."));
        return;
    }
    const QStringList memo = analysis[u"memo"].toString().split(QStringLiteral("\n\n"), Qt::SkipEmptyParts);
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

void ProposalBuilder::assumptions() {
    m_doc.heading(nextHeading(QStringLiteral("Assumptions")));
    QStringList items;
    items << QStringLiteral("Figures are as of %1. Costs are annual premiums as quoted to us; each quote is "
                            "valid until the date shown below.")
                 .arg(longDate(m_in.clock.date()));
    if (m_currentPremium.isNumber())
        items << QStringLiteral("Today's premium of %1 is the premium of the policies you hold now, as you "
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
        items << QStringLiteral("%1 %2 only part of an insurer's package; the insurer may re-rate the lines "
                                "it keeps, so the upper end of the cost range allows %3 more on those lines.")
                     .arg(broken.size() == 1 ? QStringLiteral("Option") : QStringLiteral("Options"),
                          joinWords(broken) +
                              (broken.size() == 1 ? QStringLiteral(" places") : QStringLiteral(" place")),
                          pct(m_in.profile->bundleBreakUplift));
    if (!indicative.isEmpty())
        items << QStringLiteral("Rates marked indicative below are estimates before underwriting; the upper "
                                "end of the cost range of %1 %2 allows %3 more on them.")
                     .arg(indicative.size() == 1 ? QStringLiteral("option") : QStringLiteral("options"),
                          joinWords(indicative), pct(m_in.profile->indicativeUplift));
    items << QStringLiteral("Financial strength is the insurer's AM Best rating (Demotech where stated) as "
                            "supplied with the quote.");
    if (m_notOffered > 0)
        items << QStringLiteral("%1 other package%2 ranked %3 %4 not offered here because %5 "
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

// On a page of its own at the end, as the firm's standing text.
void ProposalBuilder::disclosure() {
    m_doc.pageBreak();
    m_doc.heading(nextHeading(QStringLiteral("Important information")));
    m_doc.panel({
        QStringLiteral("This proposal summarises quotes from the insurers named in it. It is not a policy, a "
                       "binder or a promise of coverage: coverage is provided only by the policies the "
                       "insurers issue, under their terms, conditions and exclusions. Please read your "
                       "policies when you receive them."),
        QStringLiteral("Premiums, discounts and package prices may change at underwriting and when the "
                       "policies are bound, or if any information you gave us is incomplete or changes. "
                       "Quotes expire on the dates shown."),
        QStringLiteral("Financial-strength ratings are the rating agencies' opinions of an insurer's ability "
                       "to pay claims; they are not a guarantee."),
        QStringLiteral("Our agency is paid by the insurer you choose. Ask us and we will explain how we are "
                       "paid."),
        QStringLiteral("Please tell us if anything in this proposal is wrong or missing, so that we can "
                       "correct it before you decide."),
    });
}

} // namespace pw::proposal

namespace pw {

using proposal::ProposalBuilder;

QString proposalOptionsShortfall(const ReportInputs &inputs) {
    const JsonValue &out = inputs.run[u"output"];
    int shown = 0;
    for (const auto &s : inputs.run[u"solutions"].arrayItems())
        shown += s[u"scorecard"][u"qualified"].toBool() ? 1 : 0;
    if (shown >= inputs.top || shown == 0) return QString();
    const qint64 packages =
        out[u"solution_count"].isNumber() ? qint64(out[u"solution_count"].toDouble()) : qint64(shown);
    const QString options =
        shown == 1 ? QStringLiteral("1 option is") : QStringLiteral("%1 options are").arg(formatCount(shown));
    if (packages <= shown)
        return QStringLiteral("Up to %1 options were asked for; %2 shown, as only %3 could be assembled from "
                              "the quotes.")
            .arg(formatCount(inputs.top), options, countText(packages, QStringLiteral("package")));
    return QStringLiteral("Up to %1 options were asked for; %2 shown, as only %3 of the %4 packages quoted "
                          "meet%5 every eligibility rule.")
        .arg(formatCount(inputs.top), options, formatCount(shown), formatCount(packages),
             shown == 1 ? QStringLiteral("s") : QString());
}

ReportDocument buildProposal(const ReportInputs &inputs, const AgencyInfo &agency,
                             const ProposalSections &sections) {
    return ProposalBuilder(inputs, agency, sections).build();
}

} // namespace pw