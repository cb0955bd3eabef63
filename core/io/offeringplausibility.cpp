// SPDX-License-Identifier: MIT
#include "offeringplausibility.h"

#include "io/casereader.h"
#include "io/jsonpath.h"
#include "io/problem.h"
#include "util/numbers.h"
#include "util/numbertext.h"

#include <cmath>
#include <map>

namespace pw {

namespace {

enum class Unit { Dollars, Fraction, PercentPoints, Count };

struct Range {
    const char *path;
    const char *what; // "an annual premium"
    double min;
    double max;
    Unit unit = Unit::Dollars;
    bool scaleHint = true; // suggest thousands/millions when they fit
    bool zeroAllowed = false;
};

const std::vector<Range> &ranges() {
    static const std::vector<Range> r = {
        {"attributes.line_premium_annual", "an annual premium", 20, 1e6, Unit::Dollars, false},
        {"attributes.package_premium_annual", "an annual package premium", 20, 1e6, Unit::Dollars, false},
        {"attributes.line_premium", "a premium", 5, 1e6, Unit::Dollars, false},
        {"attributes.term_months", "a policy term in months", 1, 36, Unit::Count, false},
        {"attributes.quoted_vehicle_count", "a number of quoted vehicles", 1, 20, Unit::Count, false},
        {"attributes.service_rating", "a service rating (0 to 5)", 0, 5, Unit::Count, false, true},
        {"commission", "a commission", 0, 0.5, Unit::Fraction, false, true},
        {"coverage.dwelling_limit", "a dwelling limit", 25000, 5e7},
        {"coverage.other_structures_limit", "an other-structures limit", 1000, 5e7},
        {"coverage.personal_property_limit", "a personal-property limit", 1000, 5e7},
        {"coverage.loss_of_use_limit", "a loss-of-use limit", 1000, 5e7},
        {"coverage.liability_limit", "a liability limit", 25000, 1e7},
        {"coverage.medical_payments_limit", "a medical-payments limit", 500, 1e6},
        {"coverage.water_backup_limit", "a water-backup limit", 1000, 1e7},
        {"coverage.flood_limit", "a flood limit", 1000, 1e7},
        {"coverage.extended_replacement_pct", "an extended replacement percentage", 1, 100,
         Unit::PercentPoints, false},
        {"coverage.bi_per_person", "a bodily-injury limit per person", 10000, 1e7},
        {"coverage.bi_per_accident", "a bodily-injury limit per accident", 10000, 1e7},
        {"coverage.pd_per_accident", "a property-damage limit per accident", 5000, 1e7},
        {"coverage.limit_combined_single", "a combined single limit", 25000, 1e7},
        {"coverage.um_per_person", "an uninsured-motorist limit per person", 10000, 1e7},
        {"coverage.um_per_accident", "an uninsured-motorist limit per accident", 10000, 1e7},
        {"coverage.medical_payments", "a medical-payments limit", 500, 1e6},
        {"coverage.pip", "a personal-injury-protection limit", 1000, 1e7},
        {"coverage.deductible_default", "a deductible", 50, 1e6},
        {"coverage.comprehensive_deductible", "a comprehensive deductible", 50, 1e5, Unit::Dollars, false,
         true},
        {"coverage.collision_deductible", "a collision deductible", 50, 1e5, Unit::Dollars, false, true},
        {"coverage.deductible", "a deductible in dollars", 100, 1e6, Unit::Dollars, false},
        {"coverage.wind_hail_deductible", "a wind/hail deductible in dollars", 100, 1e6, Unit::Dollars,
         false},
        {"coverage.umbrella_limit", "an umbrella limit", 250000, 1e8},
        {"coverage.retained_limit", "a retained limit", 0, 1e6, Unit::Dollars, false, true},
        {"coverage.required_underlying.auto_bi_per_person", "a required auto limit per person", 10000, 1e7},
        {"coverage.required_underlying.auto_bi_per_accident", "a required auto limit per accident", 10000,
         1e7},
        {"coverage.required_underlying.auto_csl", "a required auto combined single limit", 25000, 1e7},
        {"coverage.required_underlying.home_liability", "a required home liability limit", 25000, 1e7},
    };
    return r;
}

QString show(double v, Unit unit) {
    switch (unit) {
    case Unit::Dollars:
        // Cents as a money format shows them; a fraction of a cent as written ("$0.001", not "$0").
        if (std::fabs(v * 100 - std::round(v * 100)) > 1e-6)
            return (v < 0 ? QStringLiteral("-$") : QStringLiteral("$")) +
                   QString::fromLatin1(shortestNumberText(std::fabs(v)));
        return formatMoney(v);
    case Unit::Fraction:
        return QString::fromLatin1(shortestNumberText(roundHalfAway(v * 100, 4))) + QStringLiteral(" %");
    case Unit::PercentPoints:
        return QString::fromLatin1(shortestNumberText(v)) + QStringLiteral(" %");
    case Unit::Count:
        return QString::fromLatin1(shortestNumberText(v));
    }
    return QString();
}

// The problem with one value of a field, or empty.
QString judge(double v, const Range &r) {
    if (!std::isfinite(v)) return QStringLiteral("the number is out of range");
    if (r.zeroAllowed && v == 0) return QString();
    if (r.unit == Unit::Count && r.max > 5 && v != std::floor(v))
        return QStringLiteral("%1 is not a whole number, as %2 must be")
            .arg(show(v, r.unit), QLatin1String(r.what));
    if (v >= r.min && v <= r.max) return QString();
    QString message =
        QStringLiteral("%1 is not plausible as %2 (expected %3 to %4)")
            .arg(show(v, r.unit), QLatin1String(r.what), show(r.min, r.unit), show(r.max, r.unit));
    if (r.scaleHint && v > 0 && v < r.min) {
        for (const auto &[factor, name] : {std::pair{1e3, "thousands"}, std::pair{1e6, "millions"}}) {
            if (v * factor >= r.min && v * factor <= r.max) {
                message += QStringLiteral("; read in %1 it would be %2: write the amount in dollars")
                               .arg(QLatin1String(name), formatMoney(v * factor));
                break;
            }
        }
    }
    const QString path = QString::fromLatin1(r.path);
    if ((path == u"coverage.deductible" || path == u"coverage.wind_hail_deductible") && v > 0 && v <= 25)
        message += QStringLiteral("; for a percentage of the dwelling limit write %1%")
                       .arg(QString::fromLatin1(shortestNumberText(v)));
    return message;
}

void checkNumbersFinite(const JsonValue &v, const QString &path, std::vector<ImplausibleValue> &out) {
    if (v.isNumber()) {
        if (!std::isfinite(v.toDouble()) || std::fabs(v.toDouble()) >= 1e12)
            out.push_back({path, QStringLiteral("%1 is too large to be an amount")
                                     .arg(QString::fromLatin1(v.numberText().left(40)))});
        return;
    }
    if (v.isArray()) {
        int i = 0;
        for (const JsonValue &item : v.arrayItems())
            checkNumbersFinite(item, path + QStringLiteral("[%1]").arg(i++), out);
    } else if (v.isObject()) {
        for (const auto &[name, value] : v.objectMembers())
            checkNumbersFinite(value, path.isEmpty() ? name : path + u'.' + name, out);
    }
}

const Range *rangeFor(const char *path) {
    for (const Range &r : ranges())
        if (qstrcmp(r.path, path) == 0) return &r;
    return nullptr;
}

} // namespace

std::vector<ImplausibleValue> implausibleValues(const JsonValue &offering) {
    std::vector<ImplausibleValue> out;
    checkNumbersFinite(offering, QString(), out);
    if (!out.empty()) return out;
    // The values each field holds, split-limit strings ("100/300/50", the case reader's thousands) read
    // into their parts.
    std::map<QString, double> values;
    for (const Range &r : ranges()) {
        const QString path = QString::fromLatin1(r.path);
        const JsonValue v = jsonValueAt(offering, path);
        if (v.isNumber()) {
            values[path] = v.toDouble();
        } else if (v.isString() && (path == u"coverage.bi_per_person" || path == u"coverage.um_per_person")) {
            const std::vector<double> parts = parseSplitLimit(v.toString());
            const QStringList targets = path == u"coverage.bi_per_person"
                                            ? QStringList{path, QStringLiteral("coverage.bi_per_accident"),
                                                          QStringLiteral("coverage.pd_per_accident")}
                                            : QStringList{path, QStringLiteral("coverage.um_per_accident")};
            for (size_t i = 0; i < parts.size() && int(i) < targets.size(); ++i) {
                const QString target = targets[int(i)];
                if (i > 0 && !jsonValueAt(offering, target).isNull()) continue;
                const Range *tr = rangeFor(target.toLatin1().constData());
                if (!tr) continue;
                if (const QString m = judge(parts[i], *tr); !m.isEmpty()) out.push_back({path, m});
                values[target] = parts[i];
            }
            continue;
        } else if (v.isString() && path.endsWith(u"deductible") && v.toString().trimmed().endsWith(u'%')) {
            const auto pct = parseNumberText(v.toString(), DecimalMark::Point);
            if (pct && (*pct <= 0 || *pct > 0.25))
                out.push_back({path, QStringLiteral("%1 is not plausible as a deductible percentage "
                                                    "(expected more than 0 % and at most 25 %)")
                                         .arg(excerpt(v.toString(), 20))});
            continue;
        } else {
            continue;
        }
        if (const QString m = judge(values[path], r); !m.isEmpty()) out.push_back({path, m});
    }
    auto perPersonAbovePerAccident = [&](const char *person, const char *accident) {
        const auto p = values.find(QString::fromLatin1(person));
        const auto a = values.find(QString::fromLatin1(accident));
        if (p == values.end() || a == values.end() || p->second <= a->second) return;
        out.push_back({QString::fromLatin1(person),
                       QStringLiteral("the limit per person (%1) is above the limit per accident (%2), which "
                                      "no policy writes; check the order (per person/per accident)")
                           .arg(formatMoney(p->second), formatMoney(a->second))});
    };
    perPersonAbovePerAccident("coverage.bi_per_person", "coverage.bi_per_accident");
    perPersonAbovePerAccident("coverage.um_per_person", "coverage.um_per_accident");
    perPersonAbovePerAccident("coverage.required_underlying.auto_bi_per_person",
                              "coverage.required_underlying.auto_bi_per_accident");
    return out;
}

} // namespace pw
