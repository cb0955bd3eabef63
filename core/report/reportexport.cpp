// SPDX-License-Identifier: MIT
#include "reportexport.h"

#include "util/displaytext.h"
#include "util/numbers.h"

#include <QSet>

namespace pw {

namespace {

QString numberCell(const JsonValue &v) {
    return v.isNumber() ? QString::fromLatin1(v.numberText()) : QString();
}

QString boolCell(const JsonValue &v) {
    return v.isBool() ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false")) : QString();
}

QStringList requestedLines(const ReportInputs &in) {
    QStringList lines;
    for (const auto &t : in.caseRoot[u"input"][u"coverage_types"].arrayItems())
        lines << t.toString();
    return lines;
}

QString idList(const JsonValue &ids) {
    QStringList out;
    for (const auto &id : ids.arrayItems())
        out << id.toString();
    return out.join(u';');
}

const QStringList &dimensionKeys() {
    static const QStringList keys = [] {
        QStringList k;
        for (Dimension d : kDimensions)
            k << dimensionName(d);
        return k;
    }();
    return keys;
}

} // namespace

QByteArray solutionsCsv(const ReportInputs &in, ReportKind kind) {
    const bool uw = kind == ReportKind::Underwriter;
    const QStringList lines = requestedLines(in);
    QStringList header;
    header << (uw ? QStringLiteral("rank") : QStringLiteral("option")) << QStringLiteral("cluster_label")
           << QStringLiteral("label_winner");
    if (uw) header << QStringLiteral("qualified");
    header << QStringLiteral("provider_count");
    for (const QString &l : lines)
        header << l + QStringLiteral("_offering_id") << l + QStringLiteral("_carrier")
               << l + QStringLiteral("_product") << l + QStringLiteral("_quality_rating")
               << l + QStringLiteral("_line_premium_annual");
    header << QStringLiteral("est_cost_low") << QStringLiteral("est_cost_high") << QStringLiteral("cost_mid")
           << QStringLiteral("change_vs_current") << QStringLiteral("change_vs_current_pct");
    if (uw) {
        header << QStringLiteral("commission_annual") << QStringLiteral("commission_pct")
               << QStringLiteral("overall_score") << QStringLiteral("overall_level");
        for (const QString &d : dimensionKeys())
            header << d + QStringLiteral("_score") << d + QStringLiteral("_level")
                   << d + QStringLiteral("_weight") << d + QStringLiteral("_contribution");
    }
    header << QStringLiteral("gaps_closed") << QStringLiteral("gaps_open") << QStringLiteral("gaps_new");

    QString out = header.join(u',') + u'\n';
    int option = 0;
    for (const auto &s : in.run[u"solutions"].arrayItems()) {
        const JsonValue &card = s[u"scorecard"];
        if (!uw && !card[u"qualified"].toBool()) continue;
        QStringList row;
        row << (uw ? numberCell(s[u"rank"]) : QString::number(++option))
            << csvField(s[u"cluster_label"].toString()) << boolCell(s[u"label_winner"]);
        if (uw) row << boolCell(card[u"qualified"]);
        row << numberCell(s[u"provider_count"]);
        for (const QString &l : lines) {
            JsonValue off;
            for (const auto &o : s[u"offerings"].arrayItems())
                if (o[u"category"].toString() == l) off = o;
            JsonValue premium;
            for (const auto &pl : s[u"cost_breakdown"][u"lines"].arrayItems())
                if (pl[u"id"] == off[u"id"]) premium = pl[u"line_premium_annual"];
            const QString carrier = off[u"provider_name"].isString() ? off[u"provider_name"].toString()
                                                                     : off[u"provider_id"].toString();
            row << csvField(off[u"id"].toString()) << csvField(carrier)
                << csvField(off[u"coverage"][u"product_name"].toString())
                << csvField(off[u"quality_rating"].toString()) << numberCell(premium);
        }
        row << numberCell(s[u"est_cost_low"]) << numberCell(s[u"est_cost_high"]) << numberCell(s[u"cost_mid"])
            << numberCell(s[u"change_vs_current"]) << numberCell(s[u"change_vs_current_pct"]);
        if (uw) {
            row << numberCell(s[u"commission_annual"]) << numberCell(s[u"commission_pct"])
                << numberCell(card[u"overall_score"]) << csvField(card[u"overall_level"].toString());
            for (const QString &d : dimensionKeys()) {
                const JsonValue &dim = card[u"dimensions"][d];
                const double contribution =
                    roundHalfAway(dim[u"weight"].toDouble() * dim[u"score"].toDouble(), 2);
                row << numberCell(dim[u"score"]) << csvField(dim[u"level"].toString())
                    << numberCell(dim[u"weight"]) << QString::fromLatin1(shortestNumberText(contribution));
            }
        }
        row << csvField(idList(s[u"gaps_closed"])) << csvField(idList(s[u"gaps_open"]))
            << csvField(idList(s[u"gaps_new"]));
        out += row.join(u',') + u'\n';
    }
    return out.toUtf8();
}

namespace {

// The members a client-facing copy keeps: what the proposal shows (carriers, products, grades, limits,
// deductibles, premiums, quote references and dates, costs, gaps). Everything else is left out: the
// scorecard (scores, levels, weights, reasons), commission, the eligibility rules and service ratings, the
// filtered and ignored offerings and validation warnings, and any member the workbench does not know (a
// case keeps unknown members, and agents put notes there).
const QSet<QString> &clientRunKeys() {
    static const QSet<QString> k = {QStringLiteral("run_id"),       QStringLiteral("status"),
                                    QStringLiteral("environment"),  QStringLiteral("created_at"),
                                    QStringLiteral("completed_at"), QStringLiteral("duration_ms"),
                                    QStringLiteral("stage"),        QStringLiteral("engine_version"),
                                    QStringLiteral("output"),       QStringLiteral("solutions")};
    return k;
}

const QSet<QString> &clientOutputKeys() {
    static const QSet<QString> k = {QStringLiteral("current_premium"), QStringLiteral("solution_count"),
                                    QStringLiteral("qualified_count"), QStringLiteral("missing_lines"),
                                    QStringLiteral("message"),         QStringLiteral("coverage_analysis")};
    return k;
}

const QSet<QString> &clientSolutionKeys() {
    static const QSet<QString> k = {QStringLiteral("rank"),
                                    QStringLiteral("cluster_label"),
                                    QStringLiteral("label_winner"),
                                    QStringLiteral("provider_count"),
                                    QStringLiteral("providers"),
                                    QStringLiteral("offerings"),
                                    QStringLiteral("est_cost_low"),
                                    QStringLiteral("est_cost_high"),
                                    QStringLiteral("cost_mid"),
                                    QStringLiteral("cost_breakdown"),
                                    QStringLiteral("change_vs_current"),
                                    QStringLiteral("change_vs_current_pct"),
                                    QStringLiteral("gaps_closed"),
                                    QStringLiteral("gaps_open"),
                                    QStringLiteral("gaps_new")};
    return k;
}

const QSet<QString> &clientOfferingKeys() {
    static const QSet<QString> k = {
        QStringLiteral("id"),       QStringLiteral("provider_id"),    QStringLiteral("provider_name"),
        QStringLiteral("category"), QStringLiteral("quality_rating"), QStringLiteral("quality_rating_agency"),
        QStringLiteral("coverage"), QStringLiteral("attributes")};
    return k;
}

// engine.md §8 and the product's own coverage fields.
const QSet<QString> &clientCoverageKeys() {
    static const QSet<QString> k = {QStringLiteral("product_name"),
                                    QStringLiteral("program_type"),
                                    QStringLiteral("policy_number"),
                                    QStringLiteral("endorsements"),
                                    QStringLiteral("dwelling_limit"),
                                    QStringLiteral("other_structures_limit"),
                                    QStringLiteral("personal_property_limit"),
                                    QStringLiteral("loss_of_use_limit"),
                                    QStringLiteral("liability_limit"),
                                    QStringLiteral("medical_payments_limit"),
                                    QStringLiteral("deductible"),
                                    QStringLiteral("wind_hail_deductible"),
                                    QStringLiteral("settlement"),
                                    QStringLiteral("extended_replacement_pct"),
                                    QStringLiteral("water_backup_limit"),
                                    QStringLiteral("flood_limit"),
                                    QStringLiteral("bi_per_person"),
                                    QStringLiteral("bi_per_accident"),
                                    QStringLiteral("pd_per_accident"),
                                    QStringLiteral("limit_combined_single"),
                                    QStringLiteral("um_per_person"),
                                    QStringLiteral("um_per_accident"),
                                    QStringLiteral("medical_payments"),
                                    QStringLiteral("pip"),
                                    QStringLiteral("comprehensive_deductible"),
                                    QStringLiteral("collision_deductible"),
                                    QStringLiteral("deductible_default"),
                                    QStringLiteral("umbrella_limit"),
                                    QStringLiteral("retained_limit"),
                                    QStringLiteral("required_underlying")};
    return k;
}

const QSet<QString> &clientAttributeKeys() {
    static const QSet<QString> k = {QStringLiteral("line_premium_annual"),
                                    QStringLiteral("line_premium"),
                                    QStringLiteral("term_months"),
                                    QStringLiteral("package_id"),
                                    QStringLiteral("package_premium_annual"),
                                    QStringLiteral("quote_id"),
                                    QStringLiteral("quote_generated_at"),
                                    QStringLiteral("quote_expires_at"),
                                    QStringLiteral("rate_type"),
                                    QStringLiteral("bindable"),
                                    QStringLiteral("quoted_vehicle_count")};
    return k;
}

JsonValue keepOnly(const JsonValue &object, const QSet<QString> &keys) {
    if (!object.isObject()) return object;
    JsonValue out = JsonValue::object();
    for (const auto &[key, value] : object.objectMembers())
        if (keys.contains(key)) out.insert(key, value);
    return out;
}

JsonValue clientOffering(const JsonValue &offering) {
    JsonValue o = keepOnly(offering, clientOfferingKeys());
    if (o.contains(u"coverage"))
        o.insert(QStringLiteral("coverage"), keepOnly(o[u"coverage"], clientCoverageKeys()));
    if (o.contains(u"attributes"))
        o.insert(QStringLiteral("attributes"), keepOnly(o[u"attributes"], clientAttributeKeys()));
    return o;
}

} // namespace

QByteArray runJson(const ReportInputs &in, ReportKind kind) {
    if (kind == ReportKind::Underwriter) return writeJson(in.run);
    JsonValue run = keepOnly(in.run, clientRunKeys());
    run.insert(QStringLiteral("output"), keepOnly(in.run[u"output"], clientOutputKeys()));
    JsonValue solutions = JsonValue::array();
    for (const auto &s : in.run[u"solutions"].arrayItems()) {
        if (!s[u"scorecard"][u"qualified"].toBool()) continue;
        JsonValue copy = keepOnly(s, clientSolutionKeys());
        JsonValue offerings = JsonValue::array();
        for (const JsonValue &o : s[u"offerings"].arrayItems())
            offerings.append(clientOffering(o));
        copy.insert(QStringLiteral("offerings"), offerings);
        solutions.append(std::move(copy));
    }
    run.insert(QStringLiteral("solutions"), solutions);
    return writeJson(run);
}

} // namespace pw
