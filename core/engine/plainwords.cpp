// SPDX-License-Identifier: MIT
#include "engine/plainwords.h"

#include "util/dates.h"
#include "util/numbers.h"

#include <QLocale>
#include <QObject>

namespace pw {

namespace {

struct GapWords {
    const char *ruleId;
    const char *title;
    const char *phrase;
};

// engine.md §9, in the table's order. Titles follow the engine's own where the engine's are fixed text.
constexpr GapWords kGapWords[] = {
    {"home.dwelling_under_replacement", "Dwelling coverage below replacement cost",
     "dwelling below replacement cost"},
    {"home.acv_settlement", "Home losses settled at actual cash value", "actual cash value settlement"},
    {"home.liability_low", "Home liability is low", "low home liability"},
    {"home.no_water_backup", "No water backup coverage", "water backup"},
    {"home.flood_zone_uninsured", "Flood zone without flood insurance", "flood insurance"},
    {"auto.bi_low", "Auto bodily injury limits are low", "low auto liability"},
    {"auto.um_below_bi", "Uninsured motorist limits below bodily injury", "uninsured motorist limits"},
    {"auto.no_physical_damage_recent_vehicle", "No physical damage coverage on a recent vehicle",
     "physical damage on a recent vehicle"},
    {"umbrella.missing", "No umbrella policy", "no umbrella"},
    {"umbrella.underlying_unmet", "Underlying limits below the umbrella's requirement",
     "umbrella's underlying limits"},
    {"umbrella.limit_below_net_worth", "Umbrella limit below net worth", "umbrella below net worth"},
    {"deductible.above_cash_reserve", "Deductible above the cash reserve", "deductible above cash reserve"},
    {"history.lapse", "Recent lapse in coverage", "recent lapse"},
    {"line.not_in_force", "No current policy for a requested line", "line with no current policy"},
};

const GapWords *gapWords(const QString &ruleId) {
    for (const auto &g : kGapWords)
        if (ruleId == QLatin1StringView(g.ruleId)) return &g;
    return nullptr;
}

QString capitalised(const QString &s) {
    return s.isEmpty() ? s : s.at(0).toUpper() + s.mid(1);
}

} // namespace

QString codeWords(const QString &code) {
    QString s = code.trimmed();
    s.replace(u'_', u' ');
    s.replace(u'.', u' ');
    return s.simplified();
}

QString gapTitle(const QString &ruleId) {
    if (const GapWords *g = gapWords(ruleId)) return QObject::tr(g->title);
    return capitalised(codeWords(ruleId));
}

QString gapPhrase(const QString &ruleId) {
    if (const GapWords *g = gapWords(ruleId)) return QObject::tr(g->phrase);
    // Unknown rule ids: the part after the line prefix ("home.some_rule" -> "some rule").
    const QString tail = ruleId.section(u'.', 1);
    return codeWords(tail.isEmpty() ? ruleId : tail);
}

QString filterReasonText(const QString &reason, const JsonValue &offering, const QString &state,
                         const QDate &today) {
    if (reason == u"state_excluded") {
        const QString st = state.trimmed().toUpper();
        return st.isEmpty() ? QObject::tr("Not written in this state")
                            : QObject::tr("Not written in %1").arg(st);
    }
    if (reason == u"naics_prohibited") return QObject::tr("Business type not accepted");
    if (reason == u"vehicle_count_short") return QObject::tr("Quotes fewer vehicles than the household has");
    if (reason == u"quote_expired") {
        const auto when = parseTimestamp(offering[u"attributes"][u"quote_expires_at"].toString());
        if (!when) return QObject::tr("Quote expired");
        const QDate d = when->toUTC().date();
        const QLocale en(QLocale::English, QLocale::UnitedStates);
        const QString format =
            d.year() == today.year() ? QStringLiteral("MMM d") : QStringLiteral("MMM d, yyyy");
        return QObject::tr("Quote expired %1").arg(en.toString(d, format));
    }
    if (reason == u"no_premium") return QObject::tr("No usable premium");
    return capitalised(codeWords(reason));
}

QString ignoredReasonText(const QString &category) {
    return QObject::tr("Not requested: %1").arg(lineWords(category));
}

QString labelWords(const QString &clusterLabel) {
    return codeWords(clusterLabel);
}

QString dimensionHeading(const QString &dimension) {
    return capitalised(dimensionWords(dimension));
}

QString dimensionWords(const QString &dimension) {
    if (dimension == u"pricing") return QObject::tr("price");
    if (dimension == u"coverage") return QObject::tr("coverage");
    if (dimension == u"financial") return QObject::tr("financial strength");
    if (dimension == u"appetite") return QObject::tr("carrier appetite");
    if (dimension == u"placement") return QObject::tr("placement");
    if (dimension == u"service") return QObject::tr("service");
    return codeWords(dimension);
}

QString lineWords(const QString &line) {
    return codeWords(line);
}

QString countText(qint64 n, const QString &singular, const QString &plural) {
    const QString p = plural.isEmpty() ? singular + u's' : plural;
    return QStringLiteral("%1 %2").arg(formatCount(n), n == 1 ? singular : p);
}

QString countValueText(const JsonValue &v) {
    if (!v.isNumber()) return QStringLiteral("—");
    const double d = v.toDouble();
    // Integral and exact in a double (below 2^53): every digit is the count's.
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9007199254740992.0)
        return formatCount(qint64(d));
    return QString::fromLatin1(v.numberText());
}

QString ordinalText(qint64 n) {
    const qint64 m100 = n % 100, m10 = n % 10;
    const char *suffix = (m100 >= 11 && m100 <= 13) ? "th"
                         : m10 == 1                 ? "st"
                         : m10 == 2                 ? "nd"
                         : m10 == 3                 ? "rd"
                                                    : "th";
    return QString::number(n) + QLatin1StringView(suffix);
}

QString joinWords(const QStringList &items) {
    if (items.size() <= 1) return items.value(0);
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QObject::tr(" and ") + items.last();
}

bool showsLabel(const JsonValue &solution) {
    return solution[u"scorecard"][u"qualified"].toBool(true);
}

QString solutionLabelWords(const JsonValue &solution) {
    return showsLabel(solution) ? labelWords(solution[u"cluster_label"].toString()) : QString();
}

QString shortCarrierName(const QString &name) {
    // Words that say what kind of company it is, not which one.
    static const QStringList corporate = {
        QStringLiteral("mutual"),       QStringLiteral("indemnity"),   QStringLiteral("assurance"),
        QStringLiteral("insurance"),    QStringLiteral("ins"),         QStringLiteral("casualty"),
        QStringLiteral("company"),      QStringLiteral("co"),          QStringLiteral("inc"),
        QStringLiteral("corp"),         QStringLiteral("corporation"), QStringLiteral("group"),
        QStringLiteral("llc"),          QStringLiteral("ltd"),         QStringLiteral("of"),
        QStringLiteral("the"),          QStringLiteral("&"),           QStringLiteral("and"),
        QStringLiteral("underwriters"), QStringLiteral("exchange"),    QStringLiteral("companies")};
    QStringList words = name.simplified().split(u' ', Qt::SkipEmptyParts);
    const auto bare = [](QString w) {
        w.remove(u'.');
        w.remove(u',');
        return w.toLower();
    };
    while (words.size() > 1 && corporate.contains(bare(words.last())))
        words.removeLast();
    return words.join(u' ');
}

QString gapValueText(const JsonValue &v, const QString &none) {
    if (v.isNumber()) return formatMoney(v.toDouble());
    if (v.isString()) return v.toString();
    return none;
}

} // namespace pw
