// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QVariant>

class QSqlQuery;

namespace pw::librarysql {

// Column lists and value conversions shared by the library's reads, writes and migrations (private to
// core/store). Times are stored as fixed-width UTC text ("2026-03-01T09:30:00.000Z") so that text order
// is time order in every SQL dialect; lists (lines, carriers, policy numbers) as compact JSON arrays.

QString timeText(const QDateTime &t);
QDateTime timeFrom(const QVariant &v);
QString listText(const QStringList &list);
QStringList listFrom(const QVariant &v);
QString placeholders(int count);

// insured_name, state, zip, lines, carriers, policy_numbers, search_text
extern const QString kFactColumns;
extern const QString kFactAssignments; // "insured_name = ?, …"
QVariantList factValues(const CaseFacts &facts);
// top_package, top_cost, top_cost_high, qualified_count, ranking_json (NULL costs and count: not ranked)
extern const QString kRankingColumns;
extern const QString kRankingAssignments;
QVariantList rankingValues(const RankingSnapshot &ranking);

// The same ranking for the audit's purpose: same input, profile and appetite.
bool sameRanking(const RankingSnapshot &a, const RankingSnapshot &b);

} // namespace pw::librarysql
