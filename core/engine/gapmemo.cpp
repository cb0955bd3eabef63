// SPDX-License-Identifier: MIT
// The coverage_analysis object, the memo and the per-solution comparison (engine.md §9, §11.8).
#include "gapmemo.h"

#include "util/displaytext.h"
#include "util/numbers.h"

namespace pw {

namespace {

// "a, b and c"
QString listText(const QStringList &items) {
    if (items.size() <= 1) return items.join(QString());
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + items.last();
}

QStringList lineOrder(const CoverageLines &lines) {
    QStringList names;
    for (Line l : kAllLines)
        if (lines.count(lineName(l))) names << lineName(l);
    for (const auto &[name, detail] : lines)
        if (!names.contains(name)) names << name;
    return names;
}

} // namespace

QString gapRuleSubject(const QString &ruleId) {
    static const std::map<QString, QString> subjects = {
        {QStringLiteral("home.dwelling_under_replacement"),
         QStringLiteral("dwelling limit against replacement cost")},
        {QStringLiteral("home.acv_settlement"), QStringLiteral("settlement basis")},
        {QStringLiteral("home.liability_low"), QStringLiteral("home liability")},
        {QStringLiteral("home.no_water_backup"), QStringLiteral("water backup")},
        {QStringLiteral("home.flood_zone_uninsured"), QStringLiteral("flood exposure")},
        {QStringLiteral("auto.bi_low"), QStringLiteral("auto bodily injury limits")},
        {QStringLiteral("auto.um_below_bi"), QStringLiteral("uninsured motorist limits")},
        {QStringLiteral("auto.no_physical_damage_recent_vehicle"),
         QStringLiteral("physical damage on recent vehicles")},
        {QStringLiteral("umbrella.missing"), QStringLiteral("need for an umbrella")},
        {QStringLiteral("umbrella.underlying_unmet"), QStringLiteral("limits under the umbrella")},
        {QStringLiteral("umbrella.limit_below_net_worth"),
         QStringLiteral("umbrella limit against net worth")},
        {QStringLiteral("deductible.above_cash_reserve"),
         QStringLiteral("deductibles against the cash reserve")},
        {QStringLiteral("history.lapse"), QStringLiteral("coverage lapses")},
        {QStringLiteral("line.not_in_force"), QStringLiteral("lines in force")},
    };
    const auto it = subjects.find(ruleId);
    return it == subjects.end() ? ruleId : it->second;
}

QString gapMemo(const GapAnalysis &a, const CaseInput &in, const CoverageLines &lines,
                const QStringList &requested, const QDateTime &now) {
    QStringList paras;

    const QString who = QString(in.applicant.firstName + u' ' + in.applicant.lastName).trimmed();
    QStringList where;
    for (const QString &part : {in.address.line1, in.address.city})
        if (!part.trimmed().isEmpty()) where << part.trimmed();
    const QString stateZip =
        QString(in.address.state.trimmed().toUpper() + u' ' + in.address.zipCode.trimmed()).trimmed();
    if (!stateZip.isEmpty()) where << stateZip;
    QString head = QStringLiteral("Coverage review");
    if (!who.isEmpty()) head += QStringLiteral(" for ") + who;
    if (!where.isEmpty())
        head += (who.isEmpty() ? QStringLiteral(" of ") : QStringLiteral(", ")) +
                where.join(QStringLiteral(", "));
    head += QStringLiteral(", as of %1.").arg(now.toUTC().date().toString(Qt::ISODate));
    paras << head;

    QStringList held;
    for (const QString &name : lineOrder(lines)) {
        const CoverageDetail &d = lines.at(name);
        QString s = name;
        if (!d.carrier.trimmed().isEmpty()) s += QStringLiteral(" with ") + d.carrier.trimmed();
        if (d.annualPremium) s += QStringLiteral(" (%1 a year)").arg(formatMoney(*d.annualPremium));
        held << s;
    }
    QString force = held.isEmpty() ? QStringLiteral("No policy is in force today.")
                                   : QStringLiteral("In force today: %1.").arg(listText(held));
    QStringList absent;
    for (const QString &r : requested)
        if (!lines.count(r)) absent << r;
    if (!absent.isEmpty()) force += QStringLiteral(" Requested but not in force: %1.").arg(listText(absent));
    paras << force;

    QStringList counts;
    for (const QString &sev : gapSeverityOrder())
        if (const int n = a.count(sev)) counts << QStringLiteral("%1 %2").arg(n).arg(sev);
    if (a.gaps.empty())
        paras << QStringLiteral("The review found no coverage gaps in what could be assessed.");
    else
        paras << QStringLiteral("The review found %1 %2: %3.")
                     .arg(a.gaps.size())
                     .arg(a.gaps.size() == 1 ? QStringLiteral("gap") : QStringLiteral("gaps"),
                          listText(counts));

    int n = 0;
    for (const Gap &g : a.gaps) {
        ++n;
        const QString where_ = g.line.isEmpty() ? QString() : QStringLiteral(", %1").arg(g.line);
        paras << QStringLiteral("%1. %2 (%3%4). %5 %6")
                     .arg(n)
                     .arg(g.title, g.severity, where_, g.detail, g.recommendation);
    }

    if (!a.notAssessed.empty()) {
        QStringList items;
        for (const NotAssessed &na : a.notAssessed)
            items << QStringLiteral("%1%2 (missing %3)")
                         .arg(gapRuleSubject(na.ruleId),
                              na.line.isEmpty() ? QString() : QStringLiteral(" on ") + na.line,
                              na.missing.join(QStringLiteral(", ")));
        paras << QStringLiteral(
                     "Not assessed for lack of information: %1. Stating these would complete the review.")
                     .arg(items.join(QStringLiteral("; ")));
    }
    // Line breaks are the memo's own, between paragraphs: one inside case text (a name, a carrier, an
    // address) becomes a space, so the case cannot forge a paragraph or a line of the memo.
    for (QString &para : paras)
        para = withoutLineBreaks(para);
    return paras.join(QStringLiteral("\n\n"));
}

QStringList GapAnalysis::firedRuleIds() const {
    QStringList ids;
    for (const auto &g : gaps)
        if (!ids.contains(g.ruleId)) ids << g.ruleId;
    return ids;
}

int GapAnalysis::count(const QString &severity) const {
    return int(std::count_if(gaps.begin(), gaps.end(), [&](const Gap &g) { return g.severity == severity; }));
}

bool GapAnalysis::firesOn(const QString &ruleId, const QString &line) const {
    return std::any_of(gaps.begin(), gaps.end(),
                       [&](const Gap &g) { return g.ruleId == ruleId && g.line == line; });
}

bool GapAnalysis::notAssessedOn(const QString &ruleId, const QString &line) const {
    return std::any_of(notAssessed.begin(), notAssessed.end(),
                       [&](const NotAssessed &n) { return n.ruleId == ruleId && n.line == line; });
}

bool GapAnalysis::notAssessedAnywhere(const QString &ruleId) const {
    return std::any_of(notAssessed.begin(), notAssessed.end(),
                       [&](const NotAssessed &n) { return n.ruleId == ruleId; });
}

JsonValue GapAnalysis::toJson() const {
    const auto lineValue = [](const QString &l) { return l.isEmpty() ? JsonValue() : JsonValue(l); };
    JsonValue list = JsonValue::array();
    for (const Gap &g : gaps) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("rule_id"), g.ruleId);
        o.insert(QStringLiteral("line"), lineValue(g.line));
        o.insert(QStringLiteral("severity"), g.severity);
        o.insert(QStringLiteral("title"), g.title);
        o.insert(QStringLiteral("detail"), g.detail);
        o.insert(QStringLiteral("current"), g.current);
        o.insert(QStringLiteral("recommended"), g.recommended);
        o.insert(QStringLiteral("recommendation"), g.recommendation);
        list.append(o);
    }
    JsonValue summary = JsonValue::object();
    for (const QString &sev : gapSeverityOrder())
        summary.insert(sev, count(sev));
    JsonValue na = JsonValue::array();
    for (const NotAssessed &n : notAssessed) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("rule_id"), n.ruleId);
        o.insert(QStringLiteral("line"), lineValue(n.line));
        JsonValue missing = JsonValue::array();
        for (const QString &m : n.missing)
            missing.append(m);
        o.insert(QStringLiteral("missing"), missing);
        na.append(o);
    }
    summary.insert(QStringLiteral("not_assessed"), na);
    JsonValue out = JsonValue::object();
    out.insert(QStringLiteral("gaps"), list);
    out.insert(QStringLiteral("summary"), summary);
    out.insert(QStringLiteral("memo"), memo);
    return out;
}

GapLists comparePackageGaps(const GapAnalysis &before, const GapAnalysis &after) {
    GapLists out;
    const QStringList fired = before.firedRuleIds();
    const QStringList firedAfter = after.firedRuleIds(); // once, not once per rule
    for (const QString &id : fired) {
        // Closed only when the rule is assessed everywhere and fires nowhere: a rule that fired on several
        // lines stays open while any of them is open (§11.8).
        if (firedAfter.contains(id) || after.notAssessedAnywhere(id))
            out.open << id;
        else
            out.closed << id;
    }
    for (const QString &id : firedAfter)
        if (!fired.contains(id)) out.added << id;
    return out;
}

} // namespace pw
