// SPDX-License-Identifier: MIT
// The client proposal's builder and its cell helpers (report/proposal.h), shared by proposal.cpp (the
// sections of prose), proposaltables.cpp (the tables of options and quotes) and proposalcells.cpp (one cell
// of a table from a coverage detail). Internal to core/report: not part of its interface.
#pragma once

#include "proposal.h"

#include "io/casereader.h"

#include <functional>
#include <map>
#include <vector>

namespace pw::proposal {

using Style = ReportCell::Style;

// One option of the proposal: a qualified solution of the run with its offerings read into typed form.
struct Option {
    int number = 0; // 1-based, as the client reads it ("Option 2")
    JsonValue solution;
    std::map<QString, Offering> byLine;
    std::map<QString, double> premiumById; // cost_breakdown.lines
};

QString carrierOf(const Offering &o);

QString insuredName(const CaseInput &in);

// "Harborview Mutual for home, auto and umbrella" / "Keystone for home and umbrella, Harborview Mutual
// for auto".
QString carriersPhrase(const Option &o, const QStringList &lines);

QString optionHeading(const Option &o);

ReportCell money(const OptDouble &v);

ReportCell notStated();

ReportCell amountOrPercent(const AmountOrPercent &a);

ReportCell physical(const PhysicalDeductible &d);

ReportCell bodilyInjury(const CoverageDetail &d);

ReportCell uninsured(const CoverageDetail &d);

ReportCell settlement(const CoverageDetail &d);

ReportCell endorsement(const OptDouble &v);

// A row of the side-by-side table: its label and how to read a cell from a line's coverage.
struct DetailRow {
    QString label;
    std::function<ReportCell(const CoverageDetail &)> cell;
};

std::vector<DetailRow> detailRows(const QString &line);

class ProposalBuilder {
public:
    ProposalBuilder(const ReportInputs &in, const AgencyInfo &agency, const ProposalSections &sections);
    ReportDocument build();

private:
    QString nextHeading(const QString &title) { return QStringLiteral("%1. %2").arg(++m_section).arg(title); }
    void cover(const QString &insured);
    QString currentPremiumText() const;
    QString costOf(const Option &o) const;
    // "A+ (Superior)" for one carrier; "Harborview Mutual A+ (Superior); Keystone A (Excellent)" for several.
    QString gradesOf(const Option &o) const;
    void recommendation();
    // Today's premium stated twice, disagreeing: both figures, never one silently beside the other.
    void premiumDisagreement();
    ReportCell todayCell(const QString &line,
                         const std::function<ReportCell(const CoverageDetail &)> &f) const;
    ReportCell optionCell(const Option &o, const QString &line,
                          const std::function<ReportCell(const Offering &)> &f) const;
    void comparison();
    // One table per line and one for the totals, each headed by its line beside "Today" and the options, so
    // a table that runs onto the next page repeats which line it shows.
    std::vector<ReportTable> comparisonTables(const std::vector<const Option *> &chunk) const;
    // "$6,620 for home, auto and umbrella (line by line $6,880)", per intact package of the option.
    ReportCell packageCell(const Option &o) const;
    void allOptions();
    // The weakest grade of an option in words (the one its financial strength rests on).
    QString lowestGrade(const Option &o) const;
    QString titleOfGap(const QString &ruleId) const;
    void gaps();
    void assumptions();
    // "among the top 10", or "among the 48 packages quoted" when more were asked for than there are.
    QString rankedAmong() const;
    void quoteTable();
    // On a page of its own at the end, as the firm's standing text.
    void disclosure();

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

} // namespace pw::proposal
