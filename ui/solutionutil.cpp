// SPDX-License-Identifier: MIT
#include "solutionutil.h"

#include "util/numbers.h"

#include <QObject>

namespace pw {

QString solutionKey(const JsonValue &solution) {
    QStringList ids;
    for (const auto &o : solution[u"offerings"].arrayItems())
        ids << o[u"id"].toString();
    return ids.join(u',');
}

JsonValue solutionOffering(const JsonValue &solution, const QString &line) {
    for (const auto &o : solution[u"offerings"].arrayItems())
        if (o[u"category"].toString() == line) return o;
    return {};
}

QString carrierName(const JsonValue &offering) {
    const QString n = offering[u"provider_name"].toString();
    return n.isEmpty() ? offering[u"provider_id"].toString() : n;
}

QString carrierSummary(const JsonValue &solution, const QStringList &lines) {
    QStringList parts;
    for (const QString &l : lines)
        parts << carrierName(solutionOffering(solution, l)).section(u' ', 0, 0);
    return parts.join(QStringLiteral(" / "));
}

QString costRange(const JsonValue &solution) {
    const double lo = solution[u"est_cost_low"].toDouble();
    const double hi = solution[u"est_cost_high"].toDouble();
    if (roundHalfAway(hi - lo, 2) == 0) return formatMoney(lo);
    return formatMoney(lo) + QStringLiteral(" – ") + formatMoney(hi);
}

QString changeText(const JsonValue &solution) {
    const JsonValue c = solution[u"change_vs_current"];
    if (!c.isNumber()) return QString();
    QString s = formatSignedMoney(roundHalfAway(c.toDouble(), 0));
    const JsonValue pct = solution[u"change_vs_current_pct"];
    if (pct.isNumber()) {
        const double p = roundHalfAway(pct.toDouble(), 0);
        s += QStringLiteral(" (%1%2 %)")
                 .arg(p > 0   ? QStringLiteral("+")
                      : p < 0 ? QStringLiteral("\u2212")
                              : QString())
                 .arg(formatNumber(std::abs(p), 0));
    }
    return s;
}

QString labelText(const QString &clusterLabel) {
    QString s = clusterLabel;
    s.replace(u'_', u' ');
    return s;
}

const QStringList &dimensionKeys() {
    static const QStringList keys = {QStringLiteral("pricing"),   QStringLiteral("coverage"),
                                     QStringLiteral("financial"), QStringLiteral("appetite"),
                                     QStringLiteral("placement"), QStringLiteral("service")};
    return keys;
}

QString dimensionTitle(const QString &dim) {
    return dim.left(1).toUpper() + dim.mid(1);
}

QString dimensionTooltip(const QString &dim) {
    if (dim == u"pricing") return QObject::tr("Pricing: cost against the cheapest qualified package");
    if (dim == u"coverage")
        return QObject::tr("Coverage: limits, settlement, deductibles and underlying requirements per line");
    if (dim == u"financial")
        return QObject::tr("Financial: the lowest AM Best / Demotech grade in the package");
    if (dim == u"appetite")
        return QObject::tr(
            "Appetite: carrier appetite for this insured (NAICS, incidents, bindability, quote age)");
    if (dim == u"placement")
        return QObject::tr("Placement: fewer carriers and intact bundles are simpler to place");
    if (dim == u"service")
        return QObject::tr("Service: service ratings, incumbent carriers and the number of renewals");
    return dim;
}

QString levelTooltip(const QString &level) {
    if (level == u"L1") return QObject::tr("L1: score 85 or more");
    if (level == u"L2") return QObject::tr("L2: score 65 to 84.99");
    if (level == u"L3") return QObject::tr("L3: score 40 to 64.99");
    if (level == u"L4") return QObject::tr("L4: score below 40, or disqualified");
    return level;
}

} // namespace pw
