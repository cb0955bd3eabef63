// SPDX-License-Identifier: MIT
// One cell of a proposal table from a coverage detail (report/proposalbuilder.h).
#include "proposalbuilder.h"

#include "engine/plainwords.h"
#include "report/reportwords.h"
#include "util/numbers.h"

namespace pw::proposal {

QString carrierOf(const Offering &o) {
    return o.providerName.trimmed().isEmpty() ? o.providerId : o.providerName.trimmed();
}

QString insuredName(const CaseInput &in) {
    return QString(in.applicant.firstName.trimmed() + u' ' + in.applicant.lastName.trimmed()).trimmed();
}

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

} // namespace pw::proposal
