// SPDX-License-Identifier: MIT
#include "numbertext.h"

#include "util/numbers.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace pw {

namespace {

bool isAsciiDigit(QChar c) {
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isSpaceGroup(QChar c) {
    return c == u' ' || c == QChar(0x00A0) || c == QChar(0x202F);
}

// Reads the digits of `t` (sign, "$" and "%" already removed) under `mark`; the plain number text
// ("1234.56") for toDouble, or empty when the grammar is not met.
QString normalisedDigits(QStringView t, DecimalMark mark) {
    const QChar decimal = mark == DecimalMark::Point ? QChar(u'.') : QChar(u',');
    const QChar otherGroup = mark == DecimalMark::Point ? QChar(u',') : QChar(u'.');
    QString out;
    out.reserve(t.size());
    qsizetype i = 0;
    const qsizetype n = t.size();
    // Integer part: digits, optionally grouped in threes by one grouping character.
    int firstGroupDigits = 0;
    while (i < n && isAsciiDigit(t[i])) {
        out += t[i++];
        ++firstGroupDigits;
    }
    QChar group;
    while (i < n && (t[i] == otherGroup || isSpaceGroup(t[i]))) {
        if (group.isNull()) {
            // A grouped number starts with 1–3 digits, not with a zero.
            if (firstGroupDigits < 1 || firstGroupDigits > 3 || out.startsWith(u'0')) return {};
            group = t[i];
        } else if (t[i] != group) {
            return {};
        }
        ++i;
        int digits = 0;
        while (i < n && isAsciiDigit(t[i])) {
            out += t[i++];
            ++digits;
        }
        if (digits != 3) return {};
    }
    if (i < n && t[i] == decimal) {
        ++i;
        out += u'.';
        int digits = 0;
        while (i < n && isAsciiDigit(t[i])) {
            out += t[i++];
            ++digits;
        }
        if (digits == 0) return {};
    }
    // A plain exponent ("1e6", written by the window for huge values) only without grouping.
    if (i < n && (t[i] == u'e' || t[i] == u'E') && group.isNull() && !out.isEmpty()) {
        out += u'e';
        ++i;
        if (i < n && (t[i] == u'+' || t[i] == u'-')) out += t[i++];
        int digits = 0;
        while (i < n && isAsciiDigit(t[i])) {
            out += t[i++];
            ++digits;
        }
        if (digits == 0) return {};
    }
    if (i != n || out.isEmpty() || out == u".") return {};
    return out;
}

} // namespace

QString decimalMarkExample(DecimalMark mark) {
    return mark == DecimalMark::Point ? QStringLiteral("1,234.56") : QStringLiteral("1.234,56");
}

QString decimalMarkName(DecimalMark mark) {
    return mark == DecimalMark::Point ? QStringLiteral("decimal point") : QStringLiteral("decimal comma");
}

std::optional<double> parseNumberText(const QString &text, DecimalMark mark, bool *wasPercent) {
    if (wasPercent) *wasPercent = false;
    QStringView t = QStringView(text).trimmed();
    if (t.isEmpty()) return std::nullopt;
    bool pct = false;
    if (t.endsWith(u'%')) {
        pct = true;
        t.chop(1);
        t = t.trimmed();
    }
    bool negative = false;
    if (t.size() >= 2 && t.startsWith(u'(') && t.endsWith(u')')) {
        negative = true;
        t = t.mid(1, t.size() - 2).trimmed();
    }
    if (t.startsWith(u'-') || t.startsWith(u'\u2212')) {
        negative = !negative;
        t = t.mid(1).trimmed();
    }
    if (t.startsWith(u'$')) {
        if (pct) return std::nullopt; // "$13%" is neither
        t = t.mid(1).trimmed();
    }
    const QString digits = normalisedDigits(t, mark);
    if (digits.isEmpty()) return std::nullopt;
    bool ok = false;
    double v = digits.toDouble(&ok);
    if (!ok || !std::isfinite(v)) return std::nullopt;
    if (negative) v = -v;
    if (pct) {
        v /= 100.0;
        if (wasPercent) *wasPercent = true;
    }
    return v;
}

NumberShape numberShape(const QString &text) {
    const auto p = parseNumberText(text, DecimalMark::Point);
    const auto c = parseNumberText(text, DecimalMark::Comma);
    if (!p && !c) return NumberShape::NotNumber;
    if (p && !c) return NumberShape::PointOnly;
    if (c && !p) return NumberShape::CommaOnly;
    return *p == *c ? NumberShape::Plain : NumberShape::Either;
}

std::optional<std::vector<double>> parseSplitLimitText(const QString &text, DecimalMark mark,
                                                       QString *error) {
    auto fail = [&](const QString &why) -> std::optional<std::vector<double>> {
        if (error) *error = why;
        return std::nullopt;
    };
    const QStringList parts = text.split(u'/');
    if (parts.size() < 2 || parts.size() > 3)
        return fail(QStringLiteral("a split limit has two or three parts such as 100/300/100"));
    std::vector<double> values;
    bool anyDollarSign = false;
    for (const QString &part : parts) {
        const QString p = part.trimmed();
        bool pct = false;
        const auto v = parseNumberText(p, mark, &pct);
        if (!v || pct || *v <= 0) return fail(QStringLiteral("\"%1\" is not an amount").arg(p.left(40)));
        anyDollarSign = anyDollarSign || p.startsWith(u'$');
        values.push_back(*v);
    }
    bool allSmall = true, allLarge = true;
    for (double v : values) {
        allSmall = allSmall && v < 1000;
        allLarge = allLarge && v >= 1000;
    }
    if (allSmall && !anyDollarSign) {
        for (double &v : values)
            v = roundHalfAway(v * 1000, 2);
        return values;
    }
    if (allLarge) return values;
    return fail(QStringLiteral("mixes thousands and dollars; write 100/300/100 (thousands) or "
                               "$100,000/$300,000/$100,000"));
}

std::optional<double> parseCombinedSingleLimitText(const QString &text, DecimalMark mark, QString *error) {
    QString t = text.trimmed();
    if (!t.endsWith(QStringLiteral("csl"), Qt::CaseInsensitive)) return std::nullopt;
    t.chop(3);
    t = t.trimmed();
    bool pct = false;
    const auto v = parseNumberText(t, mark, &pct);
    if (!v || pct || *v <= 0) {
        if (error) *error = QStringLiteral("\"%1\" is not an amount").arg(t.left(40));
        return std::nullopt;
    }
    if (*v >= 10000) return *v;
    if (t.startsWith(u'$')) {
        if (error)
            *error = QStringLiteral("a combined single limit of %1 is not plausible; write 500 CSL "
                                    "(thousands) or $500,000 CSL")
                         .arg(formatMoney(*v));
        return std::nullopt;
    }
    return roundHalfAway(*v * 1000, 2);
}

QString splitLimitInThousands(const std::vector<double> &dollars) {
    static const QRegularExpression trailingZeros(QStringLiteral("\\.?0+$"));
    QStringList parts;
    for (double d : dollars)
        parts << formatNumber(d / 1000.0, 3).remove(u',').remove(trailingZeros);
    return parts.join(u'/');
}

} // namespace pw
