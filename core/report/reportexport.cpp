// SPDX-License-Identifier: MIT
#include "reportexport.h"

#include "util/displaytext.h"
#include "util/numbers.h"

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

QByteArray runJson(const ReportInputs &in, ReportKind kind) {
    if (kind == ReportKind::Underwriter) return writeJson(in.run);
    JsonValue run = in.run;
    JsonValue solutions = JsonValue::array();
    for (const auto &s : in.run[u"solutions"].arrayItems()) {
        if (!s[u"scorecard"][u"qualified"].toBool()) continue;
        JsonValue copy = s;
        copy.remove(u"commission_annual");
        copy.remove(u"commission_pct");
        JsonValue offerings = JsonValue::array();
        for (JsonValue o : s[u"offerings"].arrayItems()) {
            o.remove(u"commission");
            offerings.append(std::move(o));
        }
        copy.insert(QStringLiteral("offerings"), offerings);
        solutions.append(std::move(copy));
    }
    run.insert(QStringLiteral("solutions"), solutions);
    return writeJson(run);
}

} // namespace pw
