// SPDX-License-Identifier: MIT
#include "numbers.h"

#include <QLocale>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace pw {

double roundHalfAway(double v, int decimals) {
    if (!std::isfinite(v)) return v;
    // Fast path: v is the double nearest to a decimal with at most `decimals` decimals (c / 10^decimals,
    // c and the power exact, the division correctly rounded), so its shortest form has no more decimals
    // and the rounding below would return v unchanged.
    static constexpr double kPowers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    if (decimals >= 0 && decimals <= 8) {
        const double scale = kPowers[decimals];
        const double c = std::round(v * scale);
        if (std::fabs(c) < 9e15 && c / scale == v) return v;
    }
    char buf[512];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    std::string s(buf, r.ptr);
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) s.erase(0, 1);
    const auto dot = s.find('.');
    if (dot == std::string::npos || s.size() - dot - 1 <= size_t(decimals)) return v;
    const bool up = s[dot + 1 + size_t(decimals)] >= '5';
    std::string kept = s.substr(0, dot) + s.substr(dot + 1, size_t(decimals));
    if (up) {
        int i = int(kept.size()) - 1;
        while (i >= 0) {
            if (kept[size_t(i)] == '9') {
                kept[size_t(i)] = '0';
                --i;
            } else {
                ++kept[size_t(i)];
                break;
            }
        }
        if (i < 0) kept.insert(kept.begin(), '1');
    }
    std::string text = kept.substr(0, kept.size() - size_t(decimals));
    if (decimals > 0) {
        text.push_back('.');
        text.append(kept, kept.size() - size_t(decimals), size_t(decimals));
    }
    double out = 0;
    std::from_chars(text.data(), text.data() + text.size(), out);
    return negative ? -out : out;
}

namespace {

// Writes `prefix`, then v rounded to `decimals` with US grouping ("1,234,567.50"), as Latin-1 text in one
// allocation: reasons format many numbers per solution.
// The fixed text of `rounded` (already rounded to `decimals`) with `decimals` places, written from its
// count c of 10^-decimals units when |c| < 2^43 (amounts of a case always are): there the double's error
// against c / 10^d is below 2^-10 of a unit, so the general printer (which rounds the exact binary value
// to d places) writes the digits of c too, and is not needed (it was most of formatting an amount).
// Returns the end, or nullptr out of that range.
char *fixedFromUnits(char *out, double rounded, int decimals) {
    static constexpr double kPowers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    if (decimals < 0 || decimals > 8) return nullptr;
    const double units = std::round(rounded * kPowers[decimals]);
    if (!(std::fabs(units) < 8796093022208.0)) return nullptr; // 2^43
    unsigned long long c = static_cast<unsigned long long>(std::fabs(units));
    char rev[32];
    int n = 0;
    do {
        rev[n++] = char('0' + c % 10);
        c /= 10;
    } while (c);
    while (n <= decimals) // at least one digit before the point
        rev[n++] = '0';
    char *o = out;
    if (units < 0) *o++ = '-';
    for (int i = n - 1; i >= 0; --i) {
        if (i == decimals - 1) *o++ = '.';
        *o++ = rev[i];
    }
    return o;
}

QString groupedText(const char *prefix, double v, int decimals) {
    char digits[400];
    double rounded = roundHalfAway(v, decimals);
    if (rounded == 0) rounded = 0; // never "-0"
    const char *end = fixedFromUnits(digits, rounded, decimals);
    if (!end)
        end = std::to_chars(digits, digits + sizeof digits, rounded, std::chars_format::fixed, decimals).ptr;
    const char *p = digits;
    char out[560];
    int o = 0;
    if (p < end && *p == '-') {
        out[o++] = '-';
        ++p;
    }
    for (const char *q = prefix; *q; ++q)
        out[o++] = *q;
    const char *dot = std::find(p, end, '.');
    for (const char *q = p; q < dot; ++q) {
        out[o++] = *q;
        const auto remaining = dot - q - 1;
        if (remaining > 0 && remaining % 3 == 0) out[o++] = ',';
    }
    for (const char *q = dot; q < end; ++q)
        out[o++] = *q;
    return QString::fromLatin1(out, o);
}

} // namespace

QString formatNumber(double v, int decimals) {
    if (!std::isfinite(v)) return QStringLiteral("-");
    return groupedText("", v, decimals);
}

QString formatMoney(double v, bool alwaysCents) {
    if (!std::isfinite(v)) return QStringLiteral("-");
    const double r = roundHalfAway(v, 2);
    const bool cents = alwaysCents || std::fabs(r - std::trunc(r)) > 1e-9;
    return groupedText("$", r, cents ? 2 : 0); // "-$1,234" for negatives
}

QString formatSignedMoney(double v) {
    const double r = roundHalfAway(v, 2);
    const QString m = formatMoney(std::fabs(r));
    if (r > 0) return QStringLiteral("+") + m;
    if (r < 0) return QStringLiteral("\u2212") + m;
    return m;
}

QString formatCount(qint64 n) {
    static const QLocale us(QLocale::English, QLocale::UnitedStates);
    return us.toString(n);
}

} // namespace pw
