// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace pw {

// RFC 3339 timestamps as the specs read them: an offset or Z, no offset meaning UTC, and a date alone
// meaning 00:00 UTC. Returns the instant in UTC, or nullopt when the text is not such a timestamp.
std::optional<QDateTime> parseTimestamp(const QString &text);
// The same instant as milliseconds since 1970-01-01T00:00:00Z (what QDateTime::toMSecsSinceEpoch gives
// for parseTimestamp's result), without building a QDateTime: for comparisons with a clock.
std::optional<qint64> parseTimestampMs(const QString &text);
// The UTC date-time of milliseconds since the epoch (parseTimestamp's result for parseTimestampMs's).
QDateTime utcFromMs(qint64 msecsSinceEpoch);
// A calendar date "YYYY-MM-DD" (a full timestamp is accepted and its UTC date taken).
std::optional<QDate> parseDate(const QString &text);
// RFC 3339 UTC with "Z" and whole seconds, or milliseconds when present.
QString formatTimestamp(const QDateTime &t);
// Whole years of age on a date (birthday counted on the day).
int ageOn(const QDate &birth, const QDate &on);

} // namespace pw
