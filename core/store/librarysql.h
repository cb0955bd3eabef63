// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QVariant>

class QSqlQuery;

namespace pw::librarysql {

// Column lists and value conversions shared by the library's reads, writes and migrations (private to
// core/store). Times are stored as fixed-width UTC text ("2026-03-01T09:30:00.000Z") so that text order
// is time order in every SQL dialect; lists (lines, carriers, policy numbers) as their items between
// U+001F separators ("\x1fhome\x1fauto\x1f"), so a list filter is one LIKE and reading a list is a split.

QString timeText(const QDateTime &t);
QDateTime timeFrom(const QVariant &v);
QString listText(const QStringList &list);
QStringList listFrom(const QVariant &v);
QString placeholders(int count);

// insured_name, state, zip, lines, carriers, policy_numbers, search_text
extern const QString kFactColumns;
extern const QString kFactAssignments; // "insured_name = ?, …"
QVariantList factValues(const CaseFacts &facts);
// top_package, top_cost, top_cost_high, qualified_count (NULL costs and count: not ranked); the full
// snapshot goes to version_data.ranking_json (rankingJson).
extern const QString kRankingColumns;
extern const QString kRankingAssignments;
QVariantList rankingValues(const RankingSnapshot &ranking);
QByteArray rankingJson(const RankingSnapshot &ranking);
// The LIKE pattern (with ESCAPE '\\') that finds `item` as a whole member of a stored list.
QString listItemPattern(const QString &item);
QString likeEscaped(const QString &text);

// An audit entry of `kind` by `author` at `at` (the other fields empty).
AuditEntry auditEntry(qint64 caseId, qint64 versionId, const QDateTime &at, const QString &kind,
                      const QString &author);

// The SHA-256 of a version's bytes, hex (versions.body_hash: duplicates are found by it).
QString bodyHash(const QByteArray &body);

// The same ranking for the audit's purpose: same input, profile and appetite.
bool sameRanking(const RankingSnapshot &a, const RankingSnapshot &b);

} // namespace pw::librarysql
