// SPDX-License-Identifier: MIT
#include "fieldformat.h"

#include "util/dates.h"
#include "util/numbers.h"
#include "util/numbertext.h"

#include <QRegularExpression>

#include <cmath>

namespace pw {

namespace {

// The window's number fields read numbers as US agents write them (a decimal point, commas grouping
// thousands), through the same strict parser as every import: "3240,50" or "1,79" is refused, never
// read as 324050 or 179.
std::optional<double> parseFieldNumber(const QString &text, bool *wasPercent = nullptr) {
    return parseNumberText(text, DecimalMark::Point, wasPercent);
}

QString plainNumber(double v) {
    return QString::fromLatin1(shortestNumberText(v));
}

// A date with a two-digit year is not guessed (1985 or 2085?): the message says what to type instead.
std::optional<QString> shortYearError(const QString &t) {
    static const QRegularExpression shortYear(QStringLiteral("^\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2}$"));
    if (!shortYear.match(t).hasMatch()) return std::nullopt;
    return QObject::tr("\"%1\" has a 2-digit year: use a 4-digit year (MM/DD/YYYY)").arg(t);
}

} // namespace

QString displayValue(const JsonValue &v, FieldKind kind) {
    if (v.isNull()) return QString();
    switch (kind) {
    case FieldKind::Money:
    case FieldKind::MoneyOrPercent:
    case FieldKind::MoneyOrNone:
    case FieldKind::SplitOrMoney:
        if (v.isNumber()) return formatMoney(v.toDouble());
        break;
    case FieldKind::Fraction:
        if (v.isNumber())
            return formatNumber(v.toDouble() * 100,
                                std::fabs(v.toDouble() * 100 - std::round(v.toDouble() * 100)) > 1e-9 ? 1
                                                                                                      : 0) +
                   QStringLiteral("%");
        break;
    case FieldKind::Integer:
    case FieldKind::Number:
        if (v.isNumber()) return plainNumber(v.toDouble());
        break;
    case FieldKind::Bool:
        if (v.isBool()) return v.toBool() ? QObject::tr("yes") : QObject::tr("no");
        break;
    case FieldKind::StringList:
        if (v.isArray()) {
            QStringList parts;
            for (const auto &i : v.arrayItems())
                parts << (i.isString() ? i.toString() : QString::fromUtf8(writeJson(i, -1)));
            return parts.join(QStringLiteral(", "));
        }
        break;
    default:
        break;
    }
    if (v.isString()) return v.toString();
    if (v.isNumber()) return plainNumber(v.toDouble());
    return QString::fromUtf8(writeJson(v, -1));
}

QString editText(const JsonValue &v, FieldKind kind) {
    if (v.isNull()) return QString();
    if (v.isNumber()) {
        if (kind == FieldKind::Fraction)
            return plainNumber(roundHalfAway(v.toDouble() * 100, 4)) + QStringLiteral("%");
        return plainNumber(v.toDouble());
    }
    return displayValue(v, kind);
}

std::optional<JsonValue> parseFieldText(const QString &text, FieldKind kind, QString *error) {
    const QString t = text.trimmed();
    if (t.isEmpty()) return JsonValue();
    // A number below zero is refused for what it is, not as "not a number".
    auto negative = [&](const std::optional<double> &v) {
        if (!v || *v >= 0) return false;
        *error = QObject::tr("\"%1\": negative amounts are not allowed").arg(t);
        return true;
    };
    auto amount = [&]() -> std::optional<JsonValue> {
        bool pct = false;
        const auto v = parseFieldNumber(t, &pct);
        if (negative(v)) return std::nullopt;
        if (!v || pct) {
            *error = QObject::tr("\"%1\" is not an amount in dollars").arg(t);
            return std::nullopt;
        }
        return JsonValue(*v);
    };
    switch (kind) {
    case FieldKind::Text:
    case FieldKind::Choice:
        return JsonValue(t);
    case FieldKind::Integer: {
        const auto v = parseFieldNumber(t);
        if (!v || std::floor(*v) != *v) {
            *error = QObject::tr("\"%1\" is not a whole number").arg(t);
            return std::nullopt;
        }
        return JsonValue(*v);
    }
    case FieldKind::Number: {
        const auto v = parseFieldNumber(t);
        if (!v) {
            *error = QObject::tr("\"%1\" is not a number").arg(t);
            return std::nullopt;
        }
        return JsonValue(*v);
    }
    case FieldKind::Money:
        return amount();
    case FieldKind::MoneyOrPercent: {
        bool pct = false;
        const auto v = parseFieldNumber(t, &pct);
        if (negative(v)) return std::nullopt;
        if (!v) {
            *error = QObject::tr("\"%1\" is neither an amount nor a percentage").arg(t);
            return std::nullopt;
        }
        if (pct) return JsonValue(plainNumber(roundHalfAway(*v * 100, 4)) + QStringLiteral("%"));
        return JsonValue(*v);
    }
    case FieldKind::MoneyOrNone:
        if (t.compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0)
            return JsonValue(QStringLiteral("none"));
        return amount();
    case FieldKind::SplitOrMoney:
        if (t.contains(u'/')) {
            // Written in the form the case reader understands ("100/300/50", thousands).
            QString why;
            const auto parts = parseSplitLimitText(t, DecimalMark::Point, &why);
            if (!parts) {
                *error = QObject::tr("\"%1\" is not a split limit: %2").arg(t, why);
                return std::nullopt;
            }
            return JsonValue(splitLimitInThousands(*parts));
        }
        return amount();
    case FieldKind::Fraction: {
        bool pct = false;
        auto v = parseFieldNumber(t, &pct);
        if (negative(v)) return std::nullopt;
        if (v && !pct && *v > 1) *v /= 100; // "13" typed in a percent field means 13 %
        if (!v || *v > 1) {
            *error = QObject::tr("\"%1\" is not a percentage between 0 and 100").arg(t);
            return std::nullopt;
        }
        return JsonValue(roundHalfAway(*v, 6));
    }
    case FieldKind::Date: {
        const auto d = parseTypedDate(t);
        if (!d) {
            *error = shortYearError(t).value_or(
                QObject::tr("\"%1\" is not a date (YYYY-MM-DD or MM/DD/YYYY)").arg(t));
            return std::nullopt;
        }
        return JsonValue(d->toString(Qt::ISODate));
    }
    case FieldKind::Timestamp:
        if (parseTimestamp(t)) return JsonValue(t);
        if (const auto d = parseTypedDate(t)) return JsonValue(d->toString(Qt::ISODate));
        *error = shortYearError(t).value_or(
            QObject::tr("\"%1\" is not a date or time (YYYY-MM-DD or RFC 3339)").arg(t));
        return std::nullopt;
    case FieldKind::Bool: {
        const QString l = t.toLower();
        if (l == u"yes" || l == u"true" || l == u"y") return JsonValue(true);
        if (l == u"no" || l == u"false" || l == u"n") return JsonValue(false);
        *error = QObject::tr("\"%1\" is not yes or no").arg(t);
        return std::nullopt;
    }
    case FieldKind::StringList: {
        JsonValue arr = JsonValue::array();
        for (const QString &p : t.split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts))
            if (!p.trimmed().isEmpty()) arr.append(JsonValue(p.trimmed()));
        return arr;
    }
    }
    return JsonValue(t);
}

std::optional<QDate> parseTypedDate(const QString &text) {
    const QString t = text.trimmed();
    static const QRegularExpression us(QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$"));
    // ISO with the month or day unpadded ("2021-4-15"), as agents type it.
    static const QRegularExpression iso(QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})$"));
    auto m = us.match(t);
    if (m.hasMatch()) {
        const QDate d(m.captured(3).toInt(), m.captured(1).toInt(), m.captured(2).toInt());
        return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
    }
    m = iso.match(t);
    if (m.hasMatch()) {
        const QDate d(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        return d.isValid() ? std::optional<QDate>(d) : std::nullopt;
    }
    return parseDate(t);
}

const QStringList &usStateCodes() {
    static const QStringList codes =
        QStringLiteral("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
                       "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY")
            .split(u' ');
    return codes;
}

QString levelColorName(const QString &level) {
    if (level == u"L1") return QStringLiteral("#2e7d32");
    if (level == u"L2") return QStringLiteral("#7c8a1c");
    if (level == u"L3") return QStringLiteral("#c77800");
    if (level == u"L4") return QStringLiteral("#c62828");
    return QStringLiteral("#757575");
}

} // namespace pw
