// SPDX-License-Identifier: MIT
#include "librarysql.h"

#include "io/json.h"
#include "util/dates.h"

#include <QCryptographicHash>

namespace pw::librarysql {

const QString kFactColumns =
    QStringLiteral("insured_name, state, zip, lines, carriers, policy_numbers, search_text");
const QString kFactAssignments =
    QStringLiteral("insured_name = ?, state = ?, zip = ?, lines = ?, carriers = ?, "
                   "policy_numbers = ?, search_text = ?");
const QString kRankingColumns = QStringLiteral("top_package, top_cost, top_cost_high, qualified_count");
const QString kRankingAssignments =
    QStringLiteral("top_package = ?, top_cost = ?, top_cost_high = ?, qualified_count = ?");

namespace {
const QChar kSep(0x1f);
}

QString timeText(const QDateTime &t) {
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QDateTime timeFrom(const QVariant &v) {
    const auto t = parseTimestamp(v.toString());
    return t ? *t : QDateTime();
}

QString listText(const QStringList &list) {
    QString out = kSep;
    for (const QString &s : list) {
        QString item = s;
        out += item.replace(kSep, u' ') + kSep;
    }
    return out;
}

QStringList listFrom(const QVariant &v) {
    return v.toString().split(kSep, Qt::SkipEmptyParts);
}

QString likeEscaped(const QString &text) {
    QString escaped;
    for (const QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_') escaped += u'\\';
        escaped += c;
    }
    return escaped;
}

QString listItemPattern(const QString &item) {
    return QStringLiteral("%") + likeEscaped(listText({item})) + QStringLiteral("%");
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
            r.hasRun ? QVariant(r.qualifiedCount) : QVariant(QMetaType::fromType<qlonglong>())};
}

QByteArray rankingJson(const RankingSnapshot &r) {
    return r.hasRun ? writeJson(r.toJson(), -1) : QByteArray("");
}

QString bodyHash(const QByteArray &body) {
    return QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
}

bool sameRanking(const RankingSnapshot &a, const RankingSnapshot &b) {
    return a.hasRun == b.hasRun && a.inputHash == b.inputHash && a.profileHash == b.profileHash &&
           a.appetite == b.appetite;
}

AuditEntry auditEntry(qint64 caseId, qint64 versionId, const QDateTime &at, const QString &kind,
                      const QString &author) {
    AuditEntry e;
    e.caseId = caseId;
    e.versionId = versionId;
    e.at = at;
    e.kind = kind;
    e.author = author;
    return e;
}

} // namespace pw::librarysql
