// SPDX-License-Identifier: MIT
#include "usdata.h"

#include <array>

namespace pw {

namespace {

struct ZipRange {
    int from, to;
    const char *state;
};

// USPS three-digit ZIP prefixes by state (ranges inclusive).
constexpr std::array<ZipRange, 62> kZipRanges = {{
    {5, 5, "NY"},     {10, 27, "MA"},   {28, 29, "RI"},   {30, 38, "NH"},   {39, 49, "ME"},
    {50, 54, "VT"},   {55, 55, "MA"},   {56, 59, "VT"},   {60, 69, "CT"},   {70, 89, "NJ"},
    {100, 149, "NY"}, {150, 196, "PA"}, {197, 199, "DE"}, {200, 200, "DC"}, {201, 201, "VA"},
    {202, 205, "DC"}, {206, 219, "MD"}, {220, 246, "VA"}, {247, 268, "WV"}, {270, 289, "NC"},
    {290, 299, "SC"}, {300, 319, "GA"}, {320, 349, "FL"}, {350, 369, "AL"}, {370, 385, "TN"},
    {386, 397, "MS"}, {398, 399, "GA"}, {400, 427, "KY"}, {430, 459, "OH"}, {460, 479, "IN"},
    {480, 499, "MI"}, {500, 528, "IA"}, {530, 549, "WI"}, {550, 567, "MN"}, {569, 569, "DC"},
    {570, 577, "SD"}, {580, 588, "ND"}, {590, 599, "MT"}, {600, 629, "IL"}, {630, 658, "MO"},
    {660, 679, "KS"}, {680, 693, "NE"}, {700, 714, "LA"}, {716, 729, "AR"}, {730, 732, "OK"},
    {733, 733, "TX"}, {734, 749, "OK"}, {750, 799, "TX"}, {800, 816, "CO"}, {820, 831, "WY"},
    {832, 838, "ID"}, {840, 847, "UT"}, {850, 865, "AZ"}, {870, 884, "NM"}, {885, 885, "TX"},
    {889, 898, "NV"}, {900, 961, "CA"}, {967, 968, "HI"}, {969, 969, "GU"}, {970, 979, "OR"},
    {980, 994, "WA"}, {995, 999, "AK"},
}};

constexpr std::array<const char *, 51> kStates = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
    "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"};

int vinValue(QChar c) {
    static const char *letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    static const int values[] = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
    // Only ASCII: QChar::isDigit() also accepts fullwidth, Arabic-Indic and Devanagari digits.
    if (c.unicode() >= u'0' && c.unicode() <= u'9') return c.unicode() - u'0';
    for (int i = 0; letters[i]; ++i)
        if (c == QLatin1Char(letters[i])) return values[i];
    return -1;
}

} // namespace

QStringList usStateCodeList() {
    QStringList out;
    for (const char *s : kStates)
        out << QString::fromLatin1(s);
    out.sort();
    return out;
}

bool isUsStateCode(const QString &code) {
    for (const char *s : kStates)
        if (code == QLatin1String(s)) return true;
    return false;
}

QString stateForZip(const QString &zip) {
    const QString z = zip.trimmed();
    if (z.size() < 5) return {};
    for (int i = 0; i < 5; ++i)
        if (z[i].unicode() < u'0' || z[i].unicode() > u'9') return {};
    const int prefix = z.left(3).toInt();
    for (const auto &r : kZipRanges)
        if (prefix >= r.from && prefix <= r.to) return QString::fromLatin1(r.state);
    return {};
}

bool vinWellFormed(const QString &vin) {
    if (vin.size() != 17) return false;
    for (QChar c : vin)
        // ASCII before upper-casing: 'ſ' (U+017F) upper-cases to 'S'.
        if (c.unicode() > 127 || vinValue(c.toUpper()) < 0) return false;
    return true;
}

bool vinCheckDigitValid(const QString &vin) {
    if (!vinWellFormed(vin)) return false;
    static const int weights[] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += vinValue(vin[i].toUpper()) * weights[i];
    const int check = sum % 11;
    const QChar expected = check == 10 ? QChar(u'X') : QChar(char16_t(u'0' + check));
    return vin[8].toUpper() == expected;
}

} // namespace pw
