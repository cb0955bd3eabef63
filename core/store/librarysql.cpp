// SPDX-License-Identifier: MIT
#include "librarysql.h"

#include "io/json.h"
#include "util/dates.h"

namespace pw::librarysql {

const QString kFactColumns =
    QStringLiteral("insured_name, state, zip, lines, carriers, policy_numbers, search_text");
const QString kFactAssignments =
    QStringLiteral("insured_name = ?, state = ?, zip = ?, lines = ?, carriers = ?, "
                   "policy_numbers = ?, search_text = ?");
const QString kRankingColumns =
    QStringLiteral("top_package, top_cost, top_cost_high, qualified_count, ranking_json");
const QString kRankingAssignments =
    QStringLiteral("top_package = ?, top_cost = ?, top_cost_high = ?, qualified_count = ?, ranking_json = ?");

QString timeText(const QDateTime &t) {
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QDateTime timeFrom(const QVariant &v) {
    const auto t = parseTimestamp(v.toString());
    return t ? *t : QDateTime();
}

QString listText(const QStringList &list) {
    JsonValue a = JsonValue::array();
    for (const QString &s : list)
        a.append(s);
    return QString::fromUtf8(writeJson(a, -1));
}

QStringList listFrom(const QVariant &v) {
    QStringList out;
    const auto a = parseJson(v.toString().toUtf8());
    if (a)
        for (const JsonValue &s : a->arrayItems())
            out << s.toString();
    return out;
}

QString placeholders(int count) {
    QStringList q;
    for (int i = 0; i < count; ++i)
        q << QStringLiteral("?");
    return q.join(QStringLiteral(", "));
}

QVariantList factValues(const CaseFacts &f) {
    return {f.insuredName, f.state, f.zip, listText(f.lines), listText(f.carriers), listText(f.policyNumbers),
            f.searchText};
}

QVariantList rankingValues(const RankingSnapshot &r) {
    const RankedPackage *top = r.top();
    const QVariant nullDouble(QMetaType::fromType<double>());
    return {top ? top->carriers : QString(), top ? QVariant(top->costLow) : nullDouble,
            top ? QVariant(top->costHigh) : nullDouble,
            r.hasRun ? QVariant(r.qualifiedCount) : QVariant(QMetaType::fromType<int>()),
            r.hasRun ? writeJson(r.toJson(), -1) : QByteArray()};
}

bool sameRanking(const RankingSnapshot &a, const RankingSnapshot &b) {
    return a.hasRun == b.hasRun && a.inputHash == b.inputHash && a.profileHash == b.profileHash &&
           a.appetite == b.appetite;
}

} // namespace pw::librarysql
