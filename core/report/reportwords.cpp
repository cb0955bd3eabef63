// SPDX-License-Identifier: MIT
#include "reportwords.h"

#include "engine/grades.h"
#include "util/numbers.h"

#include <QLocale>

#include <cmath>

namespace pw {

QString gradeInWords(const QString &qualityRating, const QString &agency) {
    const Grade g = normaliseGrade(qualityRating, agency);
    if (g.grade.isEmpty() || g.grade == u"NR") return QStringLiteral("Not rated");
    // AM Best's and Demotech's published meanings of their financial-strength ratings.
    static const std::map<QString, QString> amBest = {
        {QStringLiteral("A++"), QStringLiteral("Superior")},
        {QStringLiteral("A+"), QStringLiteral("Superior")},
        {QStringLiteral("A"), QStringLiteral("Excellent")},
        {QStringLiteral("A-"), QStringLiteral("Excellent")},
        {QStringLiteral("B++"), QStringLiteral("Good")},
        {QStringLiteral("B+"), QStringLiteral("Good")},
        {QStringLiteral("B"), QStringLiteral("Fair")},
        {QStringLiteral("B-"), QStringLiteral("Fair")},
        {QStringLiteral("C++"), QStringLiteral("Marginal")},
        {QStringLiteral("C+"), QStringLiteral("Marginal")},
        {QStringLiteral("C"), QStringLiteral("Weak")},
        {QStringLiteral("C-"), QStringLiteral("Weak")},
        {QStringLiteral("D"), QStringLiteral("Poor")},
        {QStringLiteral("E"), QStringLiteral("Under regulatory supervision")},
        {QStringLiteral("F"), QStringLiteral("In liquidation")},
        {QStringLiteral("S"), QStringLiteral("Rating suspended")},
    };
    static const std::map<QString, QString> demotech = {
        {QStringLiteral("A''"), QStringLiteral("Unsurpassed")},
        {QStringLiteral("A'"), QStringLiteral("Unsurpassed")},
        {QStringLiteral("A"), QStringLiteral("Exceptional")},
        {QStringLiteral("S"), QStringLiteral("Substantial")},
        {QStringLiteral("M"), QStringLiteral("Moderate")},
        {QStringLiteral("L"), QStringLiteral("Licensed")},
    };
    const auto &table = g.demotech ? demotech : amBest;
    const auto it = table.find(g.grade);
    if (it == table.end()) return qualityRating.trimmed();
    QString shown = g.grade;
    if (g.demotech)
        shown.replace(QStringLiteral("''"), QStringLiteral("″")).replace(u'\'', QStringLiteral("′"));
    return QStringLiteral("%1 (%2%3)")
        .arg(shown, it->second, g.demotech ? QStringLiteral(", Demotech") : QString());
}

QString lineTitle(const QString &line) {
    if (line.isEmpty()) return line;
    return line.left(1).toUpper() + line.mid(1);
}

QString severityTitle(const QString &severity) {
    return lineTitle(severity);
}

QString settlementWords(Settlement s) {
    switch (s) {
    case Settlement::ActualCashValue:
        return QStringLiteral("Actual cash value");
    case Settlement::ReplacementCost:
        return QStringLiteral("Replacement cost");
    case Settlement::ExtendedReplacementCost:
        return QStringLiteral("Extended replacement cost");
    case Settlement::GuaranteedReplacementCost:
        return QStringLiteral("Guaranteed replacement cost");
    }
    return {};
}

QString longDate(const QDate &date) {
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(date, QStringLiteral("MMMM d, yyyy"));
}

QString shortDate(const QDate &date) {
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(date, QStringLiteral("MMM d, yyyy"));
}

QString splitLimitText(std::initializer_list<OptDouble> parts) {
    QStringList out;
    bool any = false;
    for (const OptDouble &p : parts) {
        if (p) {
            any = true;
            out << formatNumber(*p / 1000, std::fmod(*p, 1000) == 0 ? 0 : 1);
        } else {
            out << QStringLiteral("?");
        }
    }
    while (!out.isEmpty() && out.last() == u"?" && out.size() > 2)
        out.removeLast();
    return any ? out.join(u'/') : QString();
}

QString costRangeText(double low, double high) {
    if (roundHalfAway(high - low, 2) == 0) return formatMoney(low);
    return formatMoney(low) + QStringLiteral(" – ") + formatMoney(high);
}

QString changeWords(const JsonValue &change, const JsonValue &changePct) {
    if (!change.isNumber()) return {};
    QString s = formatSignedMoney(change.toDouble());
    if (changePct.isNumber()) {
        const double p = roundHalfAway(changePct.toDouble(), 0);
        s += QStringLiteral(" (%1%2%)")
                 .arg(p > 0   ? QStringLiteral("+")
                      : p < 0 ? QStringLiteral("−")
                              : QString())
                 .arg(formatNumber(std::fabs(p), 0));
    }
    return s;
}

} // namespace pw
