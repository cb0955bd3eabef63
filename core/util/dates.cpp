// SPDX-License-Identifier: MIT
#include "dates.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace pw {

std::optional<QDateTime> parseTimestamp(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
        "(?:([Zz])|([+-])(\\d{2}):?(\\d{2}))?)?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    int h = 0, mi = 0, s = 0, ms = 0;
    if (m.hasCaptured(4)) {
        h = m.captured(4).toInt();
        mi = m.captured(5).toInt();
        s = m.hasCaptured(6) ? m.captured(6).toInt() : 0;
        if (m.hasCaptured(7))
            ms = m.captured(7).left(3).leftJustified(3, u'0').toInt();
        if (h > 23 || mi > 59 || s > 60)
            return std::nullopt;
        if (s == 60)
            s = 59; // a leap second reads as the last second of the minute
    }
    QDateTime t(date, QTime(h, mi, s, ms), QTimeZone::utc());
    if (m.hasCaptured(9)) {
        const int oh = m.captured(10).toInt();
        const int om = m.captured(11).toInt();
        if (oh > 23 || om > 59)
            return std::nullopt;
        const int offset = (oh * 3600 + om * 60) * (m.captured(9) == u"-" ? -1 : 1);
        t = t.addSecs(-offset);
    }
    return t;
}

std::optional<QDate> parseDate(const QString &text)
{
    const auto t = parseTimestamp(text);
    if (!t)
        return std::nullopt;
    return t->date();
}

QString formatTimestamp(const QDateTime &t)
{
    const QDateTime u = t.toUTC();
    if (u.time().msec() != 0)
        return u.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    return u.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

int ageOn(const QDate &birth, const QDate &on)
{
    int age = on.year() - birth.year();
    if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day()))
        --age;
    return age;
}

} // namespace pw
