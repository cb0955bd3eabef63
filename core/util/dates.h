// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace pw {

// RFC 3339 timestamps as the specs read them: an offset or Z, no offset meaning UTC, and a date alone
// meaning 00:00 UTC. Returns the instant in UTC, or nullopt when the text is not such a timestamp.
std::optional<QDateTime> parseTimestamp(const QString &text);
// A calendar date "YYYY-MM-DD" (a full timestamp is accepted and its UTC date taken).
std::optional<QDate> parseDate(const QString &text);
// RFC 3339 UTC with "Z" and whole seconds, or milliseconds when present.
QString formatTimestamp(const QDateTime &t);
// Whole years of age on a date (birthday counted on the day).
int ageOn(const QDate &birth, const QDate &on);

} // namespace pw
