// SPDX-License-Identifier: MIT
#include "dates.h"

#include <QTimeZone>

namespace pw {

std::optional<qint64> parseTimestampMs(const QString &input) {
    // Hand-written (it runs for every quote date of every offering): YYYY-MM-DD[(T|t|
    // )hh:mm[:ss[.frac]][Z|±hh[:]mm]]
    const QStringView t = QStringView(input).trimmed();
    qsizetype i = 0;
    auto digits = [&](int count, int &out) {
        out = 0;
        for (int k = 0; k < count; ++k, ++i) {
            if (i >= t.size() || !t[i].isDigit() || t[i].unicode() > 127) return false;
            out = out * 10 + (t[i].unicode() - '0');
        }
        return true;
    };
    auto expect = [&](char16_t c) {
        if (i < t.size() && t[i] == c) {
            ++i;
            return true;
        }
        return false;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    if (!digits(4, y) || !expect(u'-') || !digits(2, mo) || !expect(u'-') || !digits(2, d))
        return std::nullopt;
    const QDate date(y, mo, d);
    if (!date.isValid()) return std::nullopt;
    int offset = 0;
    if (i < t.size()) {
        if (!(expect(u'T') || expect(u't') || expect(u' '))) return std::nullopt;
        if (!digits(2, h) || !expect(u':') || !digits(2, mi)) return std::nullopt;
        if (expect(u':')) {
            if (!digits(2, s)) return std::nullopt;
            if (expect(u'.')) {
                int frac = 0, n = 0;
                while (i < t.size() && t[i].isDigit() && t[i].unicode() <= 127 && n < 9) {
                    if (n < 3) frac = frac * 10 + (t[i].unicode() - '0');
                    ++n;
                    ++i;
                }
                if (n == 0) return std::nullopt;
                for (int k = n; k < 3; ++k)
                    frac *= 10;
                ms = frac;
            }
        }
        if (h > 23 || mi > 59 || s > 60) return std::nullopt;
        if (s == 60) s = 59; // a leap second reads as the last second of the minute
        if (expect(u'Z') || expect(u'z')) {
        } else if (i < t.size() && (t[i] == u'+' || t[i] == u'-')) {
            const int sign = t[i] == u'-' ? -1 : 1;
            ++i;
            int oh = 0, om = 0;
            if (!digits(2, oh)) return std::nullopt;
            expect(u':');
            if (!digits(2, om) || oh > 23 || om > 59) return std::nullopt;
            offset = sign * (oh * 3600 + om * 60);
        }
        if (i != t.size()) return std::nullopt;
    }
    // The instant as plain arithmetic: building a QDateTime costs more than the parse (quote dates are
    // mostly compared with the run's clock, and a QDateTime is made only for what is shown).
    constexpr qint64 kUnixEpochJulianDay = 2440588;
    constexpr qint64 kMsPerDay = 86400000;
    return (date.toJulianDay() - kUnixEpochJulianDay) * kMsPerDay +
           (qint64(h) * 3600 + mi * 60 + s - offset) * 1000 + ms;
}

QDateTime utcFromMs(qint64 msecsSinceEpoch) {
    // One zone object for every timestamp of the process: QTimeZone::utc() looks the zone up by name on
    // each call, and copies of one zone share its data.
    static const QTimeZone utc = QTimeZone::utc();
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, utc);
}

std::optional<QDateTime> parseTimestamp(const QString &input) {
    const auto ms = parseTimestampMs(input);
    if (!ms) return std::nullopt;
    return utcFromMs(*ms);
}

std::optional<QDate> parseDate(const QString &text) {
    const auto t = parseTimestamp(text);
    if (!t) return std::nullopt;
    return t->date();
}

QString formatTimestamp(const QDateTime &t) {
    const QDateTime u = t.toUTC();
    if (u.time().msec() != 0) return u.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    return u.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

int ageOn(const QDate &birth, const QDate &on) {
    int age = on.year() - birth.year();
    if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
    return age;
}

} // namespace pw
