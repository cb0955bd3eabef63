// SPDX-License-Identifier: MIT
// The underwriter scorecard report as a document model (report/underwriterreport.h).
#include "underwriterreport.h"

#include "engine/plainwords.h"
#include "report/reportwords.h"
#include "util/dates.h"
#include "util/numbers.h"

#include <QHash>
#include <QRegularExpression>

namespace pw {

namespace {

using Style = ReportCell::Style;

QString number(const JsonValue &v) {
    return v.isNumber() ? QString::fromLatin1(v.numberText()) : QStringLiteral("—");
}

// Reason points as the inspector shows them: "−12.28", "+20", "0".
QString points(const JsonValue &v) {
    const double p = v.toDouble();
    if (p > 0) return u'+' + number(v);
    if (p < 0) return QStringLiteral("−") + QString::fromLatin1(shortestNumberText(-p));
    return QStringLiteral("0");
}

QString carrierOfRaw(const JsonValue &o) {
    const QString name = o[u"provider_name"].toString().trimmed();
    return name.isEmpty() ? o[u"provider_id"].toString() : name;
}

// The carriers per line in line order: "Harborview Mutual / Keystone Indemnity / Harborview Mutual".
QString carriersOf(const JsonValue &solution) {
    QStringList parts;
    for (const auto &o : solution[u"offerings"].arrayItems())
        parts << carrierOfRaw(o);
    return parts.join(QStringLiteral(" / "));
}

QString linesOf(const JsonValue &run) {
    QStringList lines;
    const auto &solutions = run[u"solutions"].arrayItems();
    if (!solutions.empty())
        for (const auto &o : solutions.front()[u"offerings"].arrayItems())
            lines << o[u"category"].toString();
    return lines.join(QStringLiteral(" / "));
}

QString weightsText(const Weights &w) {
    QStringList parts;
    for (Dimension d : kDimensions)
        parts << QStringLiteral("%1 %2").arg(
            dimensionName(d), QString::fromLatin1(shortestNumberText(roundHalfAway(w[size_t(d)], 4))));
    return parts.join(QStringLiteral(", "));
}

QString solutionTitle(const JsonValue &s) {
    QString t = QStringLiteral("#%1").arg(number(s[u"rank"]));
    if (showsLabel(s)) t += u' ' + lineTitle(solutionLabelWords(s));
    if (showsLabel(s) && s[u"label_winner"].toBool()) t += QStringLiteral(" ★");
    if (!s[u"scorecard"][u"qualified"].toBool()) t += QStringLiteral(" — disqualified");
    return t;
}

class UnderwriterBuilder {
public:
    explicit UnderwriterBuilder(const ReportInputs &in)
        : m_in(in) {}

    ReportDocument build() {
        const JsonValue &applicant = m_in.caseRoot[u"input"][u"applicant"];
        m_insured = QString(applicant[u"first_name"].toString().trimmed() + u' ' +
                            applicant[u"last_name"].toString().trimmed())
                        .trimmed();
        m_doc.title = QStringLiteral("Underwriter scorecard report");
        if (!m_insured.isEmpty()) m_doc.title += QStringLiteral(" — ") + m_insured;
        m_doc.runningHeader = QStringLiteral("%1 · run %2").arg(m_doc.title, m_in.run[u"run_id"].toString());
        runFacts();
        if (m_in.run[u"output"].contains(u"solution_count")) {
            ranking();
            scorecards();
            dropped();
        } else {
            m_doc.paragraph(QStringLiteral("Gap analysis only (request_config): no packages were ranked."));
        }
        gaps();
        warnings();
        return std::move(m_doc);
    }

private:
    void runFacts() {
        const JsonValue &run = m_in.run;
        const JsonValue &out = run[u"output"];
        m_doc.heading(QStringLiteral("Run"));
        const JsonValue &address = m_in.caseRoot[u"input"][u"address"];
        QStringList facts;
        facts << QStringLiteral("Insured\t%1")
                     .arg(m_insured.isEmpty() ? QStringLiteral("not stated") : m_insured);
        facts << QStringLiteral("Address\t%1")
                     .arg(QStringList{address[u"line1"].toString(), address[u"city"].toString(),
                                      address[u"state"].toString(), address[u"zip_code"].toString()}
                              .filter(QRegularExpression(QStringLiteral("\\S")))
                              .join(QStringLiteral(", ")));
        facts << QStringLiteral("Run id\t%1").arg(run[u"run_id"].toString());
        facts << QStringLiteral("Engine version\t%1").arg(run[u"engine_version"].toString());
        facts << QStringLiteral("Clock\t%1").arg(formatTimestamp(m_in.clock));
        facts << QStringLiteral("Created\t%1").arg(run[u"created_at"].toString());
        facts << QStringLiteral("Input hash (SHA-256)\t%1").arg(m_in.inputHash);
        facts << QStringLiteral("Appetite\t%1").arg(m_in.appetite);
        facts << QStringLiteral("Weights\t%1%2")
                     .arg(weightsText(m_in.weights),
                          m_in.customWeights ? QStringLiteral(" (adjusted in the window)") : QString());
        const QStringList diffs = profileDifferences(*m_in.profile);
        facts << QStringLiteral("Engine profile\t%1, SHA-256 %2")
                     .arg(diffs.isEmpty() ? QStringLiteral("bundled")
                                          : QStringLiteral("bundled with changes"),
                          profileHash(*m_in.profile));
        if (out.contains(u"solution_count"))
            facts << QStringLiteral("Packages\t%1 ranked, %2 qualified; %3 returned (top %4)")
                         .arg(countValueText(out[u"solution_count"]), countValueText(out[u"qualified_count"]),
                              formatCount(qint64(run[u"solutions"].size())), formatCount(m_in.top));
        if (out.contains(u"pool_size"))
            facts << QStringLiteral("Offerings\t%1 (%2 ignored, %3 filtered)")
                         .arg(countValueText(out[u"pool_size"]), countValueText(out[u"ignored"]),
                              countValueText(out[u"filtered"]));
        if (out[u"message"].isString())
            facts << QStringLiteral("Message\t%1").arg(out[u"message"].toString());
        m_doc.facts(facts);
        if (!diffs.isEmpty()) {
            m_doc.subheading(QStringLiteral("Differences from the bundled engine profile"));
            m_doc.bullets(diffs);
        }
        QString cmd = QStringLiteral("placement-workbench rank CASE --now %1 --appetite %2 --top %3")
                          .arg(formatTimestamp(m_in.clock), m_in.appetite)
                          .arg(m_in.top);
        if (!diffs.isEmpty()) cmd += QStringLiteral(" --profile PROFILE");
        m_doc.note(
            QStringLiteral("To reproduce this ranking: %1 (the case file whose input hash is shown above%2).")
                .arg(cmd, m_in.customWeights ? QStringLiteral("; the window's adjusted weights are not "
                                                              "applied by the command line")
                                             : QString()));
    }

    void ranking() {
        m_doc.heading(QStringLiteral("Ranking"));
        ReportTable t;
        t.header = {QStringLiteral("#"),
                    QStringLiteral("Label"),
                    QStringLiteral("Carriers (%1)").arg(linesOf(m_in.run)),
                    QStringLiteral("Cost"),
                    QStringLiteral("Overall"),
                    QStringLiteral("Level"),
                    QStringLiteral("Qualified"),
                    QStringLiteral("Commission")};
        t.compact = true;
        t.widths = {4, 13, 31, 14, 9, 7, 10, 12};
        t.numeric = {true, false, false, true, true, false, false, true};
        for (const auto &s : m_in.run[u"solutions"].arrayItems()) {
            const JsonValue &card = s[u"scorecard"];
            const bool q = card[u"qualified"].toBool();
            ReportRow r;
            r.cells = {
                ReportCell(number(s[u"rank"])),
                q ? ReportCell(lineTitle(solutionLabelWords(s)) +
                               (s[u"label_winner"].toBool() ? QStringLiteral(" ★") : QString()))
                  : ReportCell(QStringLiteral("⛔ disqualified"), Style::Warning),
                ReportCell(carriersOf(s)),
                ReportCell(costRangeText(s[u"est_cost_low"].toDouble(), s[u"est_cost_high"].toDouble())),
                ReportCell(number(card[u"overall_score"]), Style::Strong),
                ReportCell(card[u"overall_level"].toString()),
                q ? ReportCell(QStringLiteral("yes")) : ReportCell(QStringLiteral("no ⛔"), Style::Warning),
                ReportCell(s[u"commission_annual"].isNumber()
                               ? formatMoney(s[u"commission_annual"].toDouble())
                               : QStringLiteral("—"))};
            t.rows.push_back(std::move(r));
        }
        m_doc.table(std::move(t));
    }

    void scorecards() {
        m_doc.heading(QStringLiteral("Scorecards"));
        for (const auto &s : m_in.run[u"solutions"].arrayItems()) {
            const JsonValue &card = s[u"scorecard"];
            m_doc.subheading(solutionTitle(s));
            QStringList facts;
            facts << QStringLiteral("Carriers\t%1 (%2)").arg(carriersOf(s), linesOf(m_in.run));
            QStringList ids;
            for (const auto &o : s[u"offerings"].arrayItems())
                ids << o[u"id"].toString();
            facts << QStringLiteral("Offerings\t%1").arg(ids.join(QStringLiteral(", ")));
            facts << QStringLiteral("Cost\tlow %1, high %2, mid %3")
                         .arg(formatMoney(s[u"est_cost_low"].toDouble()),
                              formatMoney(s[u"est_cost_high"].toDouble()),
                              formatMoney(s[u"cost_mid"].toDouble()));
            const QString change = changeWords(s[u"change_vs_current"], s[u"change_vs_current_pct"]);
            if (!change.isEmpty()) facts << QStringLiteral("Change against current\t%1").arg(change);
            if (s[u"commission_annual"].isNumber())
                facts << QStringLiteral("Commission\t%1 (%2%)")
                             .arg(formatMoney(s[u"commission_annual"].toDouble()),
                                  number(s[u"commission_pct"]));
            facts << QStringLiteral("Overall\t%1 %2%3")
                         .arg(number(card[u"overall_score"]), card[u"overall_level"].toString(),
                              card[u"qualified"].toBool() ? QString() : QStringLiteral(" (disqualified)"));
            auto ruleList = [&](const char *key) {
                QStringList out;
                for (const auto &g : s[QLatin1StringView(key)].arrayItems())
                    out << g.toString();
                return out.isEmpty() ? QStringLiteral("none") : out.join(QStringLiteral(", "));
            };
            if (m_in.run[u"output"][u"coverage_analysis"].isObject())
                facts << QStringLiteral("Gaps\tclosed: %1; open: %2; new: %3")
                             .arg(ruleList("gaps_closed"), ruleList("gaps_open"), ruleList("gaps_new"));
            m_doc.facts(facts);
            m_doc.table(dimensionTable(card));
        }
    }

    // Per dimension a row with its score, level, weight and contribution (weight × score), then its
    // reasons with their points; the last row is the overall score.
    ReportTable dimensionTable(const JsonValue &card) const {
        ReportTable t;
        t.header = {QStringLiteral("Dimension / reason"),
                    QStringLiteral("Points"),
                    QStringLiteral("Score"),
                    QStringLiteral("Level"),
                    QStringLiteral("Weight"),
                    QStringLiteral("Contribution")};
        t.compact = true;
        t.widths = {52, 9, 9, 8, 9, 13};
        t.numeric = {false, true, true, false, true, true};
        for (Dimension d : kDimensions) {
            const JsonValue &dim = card[u"dimensions"][dimensionName(d)];
            const double contribution =
                roundHalfAway(dim[u"weight"].toDouble() * dim[u"score"].toDouble(), 2);
            ReportRow head;
            head.cells = {
                ReportCell(dimensionHeading(dimensionName(d)) +
                               (dim[u"blocked"].toBool() ? QStringLiteral(" ⛔ blocked") : QString()),
                           Style::Strong),
                ReportCell(),
                ReportCell(number(dim[u"score"]), Style::Strong),
                ReportCell(dim[u"level"].toString(), Style::Strong),
                ReportCell(number(dim[u"weight"])),
                ReportCell(QString::fromLatin1(shortestNumberText(contribution)), Style::Strong)};
            t.rows.push_back(std::move(head));
            for (const auto &reason : dim[u"reasons"].arrayItems()) {
                const bool blocker = reason[u"blocker"].toBool();
                ReportRow r;
                r.cells = {
                    ReportCell((blocker ? QStringLiteral("⛔ ") : QString()) + reason[u"text"].toString(),
                               blocker ? Style::Warning : Style::Indented),
                    ReportCell(points(reason[u"points"]))};
                t.rows.push_back(std::move(r));
            }
        }
        ReportRow total;
        total.cells = {ReportCell(QStringLiteral("Overall (sum of contributions)"), Style::Strong),
                       ReportCell(), ReportCell(number(card[u"overall_score"]), Style::Strong),
                       ReportCell(card[u"overall_level"].toString(), Style::Strong)};
        t.rows.push_back(std::move(total));
        return t;
    }

    void dropped() {
        const JsonValue &out = m_in.run[u"output"];
        m_doc.heading(QStringLiteral("Filtered and ignored offerings"));
        const auto &filtered = out[u"filtered_offerings"].arrayItems();
        const auto &ignored = out[u"ignored_offerings"].arrayItems();
        if (filtered.empty() && ignored.empty()) {
            m_doc.paragraph(QStringLiteral("Every offering was eligible."));
            return;
        }
        ReportTable t;
        t.header = {QStringLiteral("Offering"), QStringLiteral("Carrier"), QStringLiteral("Line"),
                    QStringLiteral("Reason"), QStringLiteral("Detail")};
        t.compact = true;
        t.widths = {24, 17, 10, 17, 32};
        // ignored_offerings[] holds {id, category} only (engine.md §2): the carrier is read from the case's
        // offering of that id (ids are unique in a valid case), named as everywhere else.
        QHash<QString, const JsonValue *> caseOfferings;
        for (const auto &o : m_in.caseRoot[u"offerings"].arrayItems())
            caseOfferings.insert(o[u"id"].toString(), &o);
        const auto carrierCell = [](const JsonValue *o) {
            const QString carrier = o ? carrierOfRaw(*o) : QString();
            return carrier.isEmpty() ? ReportCell(QStringLiteral("—"), Style::NotStated)
                                     : ReportCell(carrier);
        };
        const auto carrierOfIgnored = [&](const JsonValue &f) {
            return carrierCell(caseOfferings.value(f[u"id"].toString()));
        };
        for (const auto &f : filtered)
            t.rows.push_back(
                {{ReportCell(f[u"id"].toString()), carrierCell(&f), ReportCell(f[u"category"].toString()),
                  ReportCell(f[u"reason"].toString()), ReportCell(f[u"detail"].toString())},
                 false});
        for (const auto &f : ignored)
            t.rows.push_back({{ReportCell(f[u"id"].toString()), carrierOfIgnored(f),
                               ReportCell(f[u"category"].toString()), ReportCell(QStringLiteral("ignored")),
                               ReportCell(QStringLiteral("The line was not requested (coverage_types)."))},
                              false});
        m_doc.table(std::move(t));
    }

    void gaps() {
        const JsonValue &analysis = m_in.run[u"output"][u"coverage_analysis"];
        if (!analysis.isObject()) return;
        m_doc.heading(QStringLiteral("Coverage gaps today"));
        const auto &gaps = analysis[u"gaps"].arrayItems();
        if (gaps.empty()) m_doc.paragraph(QStringLiteral("No gaps in what could be assessed."));
        if (!gaps.empty()) {
            ReportTable t;
            t.header = {QStringLiteral("Severity"), QStringLiteral("Rule"), QStringLiteral("Line"),
                        QStringLiteral("Title"), QStringLiteral("Current → recommended")};
            t.compact = true;
            t.widths = {11, 27, 10, 32, 20};
            // The values as the `gaps` command and the window show them: "$620,000 → $850,000".
            auto value = [](const JsonValue &v) { return gapValueText(v, QStringLiteral("—")); };
            for (const auto &g : gaps)
                t.rows.push_back(
                    {{ReportCell(severityTitle(g[u"severity"].toString())),
                      ReportCell(g[u"rule_id"].toString()), ReportCell(g[u"line"].toString()),
                      ReportCell(g[u"title"].toString()),
                      ReportCell(value(g[u"current"]) + QStringLiteral(" → ") + value(g[u"recommended"]))},
                     false});
            m_doc.table(std::move(t));
        }
        QStringList na;
        for (const auto &n : analysis[u"summary"][u"not_assessed"].arrayItems()) {
            QStringList missing;
            for (const auto &m : n[u"missing"].arrayItems())
                missing << m.toString();
            na << QStringLiteral("%1 (%2): missing %3")
                      .arg(n[u"rule_id"].toString(),
                           n[u"line"].isNull() ? QStringLiteral("history") : n[u"line"].toString(),
                           missing.join(QStringLiteral(", ")));
        }
        if (!na.isEmpty()) {
            m_doc.subheading(QStringLiteral("Not assessed"));
            m_doc.bullets(na);
        }
    }

    void warnings() {
        QStringList items;
        for (const auto &w : m_in.run[u"output"][u"warnings"].arrayItems())
            items << QStringLiteral("%1: %2").arg(w[u"path"].toString(), w[u"message"].toString());
        if (items.isEmpty()) return;
        m_doc.heading(QStringLiteral("Warnings"));
        m_doc.bullets(items);
    }

    const ReportInputs &m_in;
    QString m_insured;
    ReportDocument m_doc;
};

} // namespace

ReportDocument buildUnderwriterReport(const ReportInputs &inputs) {
    return UnderwriterBuilder(inputs).build();
}

} // namespace pw
