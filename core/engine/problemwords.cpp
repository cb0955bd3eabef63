// SPDX-License-Identifier: MIT
#include "problemwords.h"

#include "engine/plainwords.h"
#include "io/jsonpath.h"

#include <QDate>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QTime>

#include <vector>

namespace pw {

namespace {

QString upperFirst(QString s) {
    if (!s.isEmpty()) s[0] = s[0].toUpper();
    return s;
}

// Case sections under "input", as the case editor's sections name them.
QString sectionWords(const QString &key) {
    static const QHash<QString, QString> words = {
        {QStringLiteral("applicant"), QStringLiteral("Applicant")},
        {QStringLiteral("address"), QStringLiteral("Address")},
        {QStringLiteral("residence"), QStringLiteral("Residence")},
        {QStringLiteral("drivers"), QStringLiteral("Drivers")},
        {QStringLiteral("vehicles"), QStringLiteral("Vehicle count")},
        {QStringLiteral("vehicles_detail"), QStringLiteral("Vehicles")},
        {QStringLiteral("household"), QStringLiteral("Household")},
        {QStringLiteral("current_coverage"), QStringLiteral("Current coverage")},
        {QStringLiteral("insurance_history"), QStringLiteral("Insurance history")},
        {QStringLiteral("coverage_types"), QStringLiteral("Requested lines")},
        {QStringLiteral("appetite_bucket"), QStringLiteral("Appetite")},
        {QStringLiteral("request_config"), QStringLiteral("Request settings")},
        {QStringLiteral("premium"), QStringLiteral("Current total premium")},
    };
    const QString w = words.value(key);
    return w.isEmpty() ? upperFirst(codeWords(key)) : w;
}

// Field names whose JSON spelling does not read as words; others are read by codeWords.
QString fieldWords(const QString &key) {
    static const QHash<QString, QString> words = {
        {QStringLiteral("line_premium_annual"), QStringLiteral("annual premium")},
        {QStringLiteral("package_premium_annual"), QStringLiteral("package premium")},
        {QStringLiteral("quote_expires_at"), QStringLiteral("quote expiry")},
        {QStringLiteral("quote_generated_at"), QStringLiteral("quote date")},
        {QStringLiteral("quote_id"), QStringLiteral("quote ID")},
        {QStringLiteral("package_id"), QStringLiteral("package ID")},
        {QStringLiteral("provider_name"), QStringLiteral("carrier")},
        {QStringLiteral("provider_id"), QStringLiteral("carrier ID")},
        {QStringLiteral("category"), QStringLiteral("line")},
        {QStringLiteral("quality_rating"), QStringLiteral("AM Best rating")},
        {QStringLiteral("pricing_tier"), QStringLiteral("tier")},
        {QStringLiteral("zip_code"), QStringLiteral("ZIP code")},
        {QStringLiteral("garaging_zip"), QStringLiteral("garaging ZIP")},
        {QStringLiteral("vin"), QStringLiteral("VIN")},
        {QStringLiteral("naics_codes"), QStringLiteral("NAICS codes")},
        {QStringLiteral("violations_5yr"), QStringLiteral("violations in 5 years")},
        {QStringLiteral("accidents_5yr"), QStringLiteral("accidents in 5 years")},
        {QStringLiteral("bi_per_person"), QStringLiteral("bodily injury per person")},
        {QStringLiteral("bi_per_accident"), QStringLiteral("bodily injury per accident")},
        {QStringLiteral("pd_per_accident"), QStringLiteral("property damage per accident")},
        {QStringLiteral("um_per_person"), QStringLiteral("uninsured motorist per person")},
        {QStringLiteral("um_per_accident"), QStringLiteral("uninsured motorist per accident")},
        {QStringLiteral("primary_driver_id"), QStringLiteral("primary driver")},
    };
    const QString w = words.value(key);
    return w.isEmpty() ? codeWords(key) : w;
}

// One item of a list, as people count it: "lapse 1", "non-renewal 2", "endorsement 3".
QString itemWords(const QString &listKey, int index) {
    static const QHash<QString, QString> singular = {
        {QStringLiteral("lapses"), QStringLiteral("lapse")},
        {QStringLiteral("claims"), QStringLiteral("claim")},
        {QStringLiteral("non_renewals"), QStringLiteral("non-renewal")},
        {QStringLiteral("endorsements"), QStringLiteral("endorsement")},
        {QStringLiteral("coverage_types"), QStringLiteral("line")},
        {QStringLiteral("excluded_states"), QStringLiteral("excluded state")},
    };
    const QString one = singular.value(listKey);
    return one.isEmpty() ? QStringLiteral("%1 item %2").arg(fieldWords(listKey)).arg(index + 1)
                         : QStringLiteral("%1 %2").arg(one).arg(index + 1);
}

// "Name (details)" with the details quoted from the case, or the name alone when it has none.
QString named(const QString &name, QString details) {
    details = details.simplified();
    return details.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, excerpt(details));
}

QString offeringName(const JsonValue &offering, int index) {
    QString carrier = offering[u"provider_name"].toString().trimmed();
    if (carrier.isEmpty()) carrier = offering[u"provider_id"].toString().trimmed();
    QStringList details;
    if (!carrier.isEmpty()) details << shortCarrierName(carrier);
    const QString line = offering[u"category"].toString().trimmed();
    if (!line.isEmpty()) details << lineWords(line);
    return named(QStringLiteral("Offering %1").arg(index + 1), details.join(u' '));
}

QString numberOrText(const JsonValue &v) {
    return v.isNumber() ? QString::number(v.toDouble(), 'f', 0) : v.toString();
}

QString driverName(const JsonValue &driver, int index) {
    return named(QStringLiteral("Driver %1").arg(index + 1),
                 driver[u"first_name"].toString() + u' ' + driver[u"last_name"].toString());
}

QString vehicleName(const JsonValue &vehicle, int index) {
    return named(QStringLiteral("Vehicle %1").arg(index + 1), numberOrText(vehicle[u"year"]) + u' ' +
                                                                  vehicle[u"make"].toString() + u' ' +
                                                                  vehicle[u"model"].toString());
}

// The words of the segments after the named thing: keys as field words, an index as the item of the list
// before it ("lapses", [0] -> "lapse 1"). Grouping objects of an offering add nothing and are skipped.
QStringList restWords(const std::vector<JsonPathSegment> &segments, size_t from, bool inOffering) {
    QStringList parts;
    for (size_t i = from; i < segments.size(); ++i) {
        const JsonPathSegment &s = segments[i];
        const bool nextIsIndex = i + 1 < segments.size() && segments[i + 1].isIndex();
        if (s.isIndex()) {
            parts << QStringLiteral("item %1").arg(s.index + 1);
        } else if (nextIsIndex) {
            parts << itemWords(s.key, segments[i + 1].index);
            ++i;
        } else if (!(inOffering && (s.key == u"attributes" || s.key == u"coverage"))) {
            parts << fieldWords(s.key);
        }
    }
    return parts;
}

} // namespace

QString problemPlace(const JsonValue &root, const QString &path) {
    if (path.isEmpty()) return QStringLiteral("The case file");
    const std::vector<JsonPathSegment> segments = parseJsonPath(path);
    if (segments.empty() || segments.front().isIndex()) return path;
    const QString &top = segments.front().key;
    const bool indexed = segments.size() > 1 && segments[1].isIndex();
    QStringList parts;
    size_t rest = 1;
    bool inOffering = false;
    if (top == u"offerings") {
        if (indexed) {
            const int i = segments[1].index;
            parts << offeringName(i < root[u"offerings"].size() ? root[u"offerings"].at(i) : JsonValue(), i);
            rest = 2;
            inOffering = true;
        } else {
            parts << QStringLiteral("Offerings");
        }
    } else if (top == u"input" && segments.size() > 1 && !segments[1].isIndex()) {
        const QString &section = segments[1].key;
        const JsonValue &list = root[u"input"][section];
        const bool item = segments.size() > 2 && segments[2].isIndex();
        const int i = item ? segments[2].index : -1;
        const JsonValue element = item && i < list.size() ? list.at(i) : JsonValue();
        if (item && section == u"drivers") {
            parts << driverName(element, i);
            rest = 3;
        } else if (item && section == u"vehicles_detail") {
            parts << vehicleName(element, i);
            rest = 3;
        } else {
            parts << sectionWords(section);
            rest = 2;
        }
    } else if (top == u"input") {
        parts << QStringLiteral("Case input");
    } else if (top == u"workbench") {
        parts << QStringLiteral("Workbench notes");
    } else {
        parts << upperFirst(codeWords(top));
    }
    parts << restWords(segments, rest, inOffering);
    return parts.join(QStringLiteral(", "));
}

QString readableDates(const QString &message) {
    // A date, optionally with a time (minutes, seconds, fraction) and an offset; not inside a longer
    // run of letters, digits or underscores (an id such as quote_2026-10-31_a is left alone).
    static const QRegularExpression stamp(QStringLiteral(
        R"((?<![\w-])(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?(?![\w:.-]))"));
    struct Found {
        qsizetype start = 0, length = 0;
        QDate date;
        QTime time; // invalid for a date alone
        QString zone;
        QString raw;
    };
    std::vector<Found> found;
    for (auto it = stamp.globalMatch(message); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        Found f;
        f.start = m.capturedStart();
        f.length = m.capturedLength();
        f.raw = m.captured();
        f.date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        if (!f.date.isValid()) continue;
        if (m.capturedLength(4) > 0) {
            f.time = QTime(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
            if (!f.time.isValid()) continue;
            const QString zone = m.captured(8);
            // RFC 3339 without an offset is UTC (util/dates.h).
            f.zone = zone.isEmpty() || zone == u"Z" || zone == u"+00:00" ? QStringLiteral("UTC")
                                                                         : QStringLiteral("UTC") + zone;
        }
        found.push_back(f);
    }
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QString out = message;
    for (auto f = found.rbegin(); f != found.rend(); ++f) {
        bool clash = false;
        for (const Found &g : found)
            clash = clash || (g.date == f->date && g.raw != f->raw);
        QString text = english.toString(f->date, QStringLiteral("MMM d, yyyy"));
        if (clash && f->time.isValid())
            text +=
                u' ' +
                f->time.toString(f->time.second() ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm")) +
                u' ' + f->zone;
        out.replace(f->start, f->length, text);
    }
    return out;
}

QString problemInWords(const JsonValue &root, const Problem &problem) {
    return problemPlace(root, problem.path) + QStringLiteral(": ") + readableDates(problem.message);
}

} // namespace pw
