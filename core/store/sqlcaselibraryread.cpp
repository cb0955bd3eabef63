// SPDX-License-Identifier: MIT
// The case library's queries (SqlCaseLibrary): the list and its search, versions, notes, audit, recovery.
#include "sqlcaselibrary.h"

#include "io/json.h"
#include "store/librarysql.h"

#include <QSqlQuery>

namespace pw {

using namespace librarysql;

namespace {

// The list's ranking columns give the top package and the counts; the full snapshot is read per version.
RankingSnapshot listRanking(const QSqlQuery &q, int first) {
    RankingSnapshot r;
    r.hasRun = !q.value(first + 3).isNull();
    r.qualifiedCount = q.value(first + 3).toLongLong();
    if (!q.value(first + 1).isNull()) {
        RankedPackage p;
        p.rank = 1;
        p.carriers = q.value(first).toString();
        p.costLow = q.value(first + 1).toDouble();
        p.costHigh = q.value(first + 2).isNull() ? p.costLow : q.value(first + 2).toDouble();
        r.packages.push_back(p);
    }
    return r;
}

CaseFacts readFacts(const QSqlQuery &q, int first) {
    CaseFacts f;
    f.insuredName = q.value(first).toString();
    f.state = q.value(first + 1).toString();
    f.zip = q.value(first + 2).toString();
    f.lines = listFrom(q.value(first + 3));
    f.carriers = listFrom(q.value(first + 4));
    f.policyNumbers = listFrom(q.value(first + 5));
    f.searchText = q.value(first + 6).toString();
    return f;
}

// Versions: id, case_id, number, label, parent_id, created_at, modified_at, revision, modified_by,
// base_hash, facts (7), ranking (4)
const QString kVersionColumns = QStringLiteral(
    "id, case_id, number, label, parent_id, created_at, modified_at, revision, modified_by, base_hash, ");

LibraryVersion readVersion(const QSqlQuery &q) {
    LibraryVersion v;
    v.versionId = q.value(0).toLongLong();
    v.caseId = q.value(1).toLongLong();
    v.number = q.value(2).toInt();
    v.label = q.value(3).toString();
    v.parentVersionId = q.value(4).toLongLong();
    v.createdAt = timeFrom(q.value(5));
    v.modifiedAt = timeFrom(q.value(6));
    v.revision = q.value(7).toInt();
    v.modifiedBy = q.value(8).toString();
    v.baseHash = q.value(9).toString();
    v.facts = readFacts(q, 10);
    v.ranking = listRanking(q, 17);
    return v;
}

QString likePattern(const QString &text) {
    return QStringLiteral("%") + likeEscaped(text) + QStringLiteral("%");
}

} // namespace

std::vector<LibraryCase> SqlCaseLibrary::readCases(const QString &where, const QVariantList &values,
                                                   int limit) const {
    std::vector<LibraryCase> out;
    clearError();
    QSqlQuery q = query();
    QString sql = QStringLiteral("SELECT c.id, v.id, v.number, "
                                 "(SELECT COUNT(*) FROM versions x WHERE x.case_id = c.id), "
                                 "v.insured_name, v.state, v.zip, v.lines, v.carriers, "
                                 "v.top_package, v.top_cost, v.top_cost_high, v.qualified_count, "
                                 "c.file_path, c.created_at, c.modified_at, "
                                 "(SELECT COUNT(*) FROM case_runs r WHERE r.case_id = c.id), "
                                 "v.revision, v.modified_by, c.uid "
                                 "FROM cases c JOIN versions v ON v.id = c.current_version") +
                  where + QStringLiteral(" ORDER BY c.modified_at DESC, c.id DESC");
    QVariantList binds = values;
    if (limit > 0) {
        sql += QStringLiteral(" LIMIT ?");
        binds << limit;
    }
    if (!run(q, sql, binds, QStringLiteral("list the case library"))) return out;
    while (q.next()) {
        LibraryCase c;
        c.caseId = q.value(0).toLongLong();
        c.versionId = q.value(1).toLongLong();
        c.versionNumber = q.value(2).toInt();
        c.versionCount = q.value(3).toInt();
        // The list leaves out policy numbers and search text (read per version): fewer allocations per row
        // keep a list of 10 000 cases quick to fill and to free.
        c.facts.insuredName = q.value(4).toString();
        c.facts.state = q.value(5).toString();
        c.facts.zip = q.value(6).toString();
        c.facts.lines = listFrom(q.value(7));
        c.facts.carriers = listFrom(q.value(8));
        c.ranking = listRanking(q, 9);
        c.filePath = q.value(13).toString();
        c.createdAt = timeFrom(q.value(14));
        c.modifiedAt = timeFrom(q.value(15));
        c.remoteRunCount = q.value(16).toInt();
        c.revision = q.value(17).toInt();
        c.modifiedBy = q.value(18).toString();
        c.uid = q.value(19).toString();
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<LibraryCase> SqlCaseLibrary::cases(const LibraryQuery &query) const {
    QStringList conditions;
    QVariantList values;
    // Every word must match somewhere (name, ZIP, state, carrier or policy number), in any order.
    for (const QString &word : searchKey(query.text).split(u' ', Qt::SkipEmptyParts)) {
        conditions << QStringLiteral("v.search_text LIKE ? ESCAPE '\\'");
        values << likePattern(word);
    }
    if (!query.state.isEmpty()) {
        conditions << QStringLiteral("v.state = ?");
        values << query.state.trimmed().toUpper(); // states are stored as the case writes them: upper case
    }
    if (!query.line.isEmpty()) {
        conditions << QStringLiteral("v.lines LIKE ? ESCAPE '\\'");
        values << listItemPattern(query.line);
    }
    const QString where = conditions.isEmpty()
                              ? QString()
                              : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    return readCases(where, values, query.limit);
}

std::optional<LibraryCase> SqlCaseLibrary::caseById(qint64 caseId) const {
    auto list = readCases(QStringLiteral(" WHERE c.id = ?"), {caseId}, 1);
    if (list.empty()) return std::nullopt;
    return list.front();
}

std::optional<LibraryCase> SqlCaseLibrary::caseByFile(const QString &filePath) const {
    if (filePath.isEmpty()) return std::nullopt;
    auto list = readCases(QStringLiteral(" WHERE c.file_path = ?"), {filePath}, 1);
    if (list.empty()) return std::nullopt;
    return list.front();
}

std::vector<qint64> SqlCaseLibrary::versionsWithBytes(const QByteArray &body) const {
    std::vector<qint64> out;
    clearError();
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("SELECT v.id, d.body FROM versions v JOIN version_data d ON d.version_id = v.id "
                            "WHERE v.body_hash = ? ORDER BY v.id"),
             {bodyHash(body)}, QStringLiteral("look for the same case")))
        return out;
    while (q.next())
        if (q.value(1).toByteArray() == body) out.push_back(q.value(0).toLongLong());
    return out;
}

std::optional<LibraryVersion> SqlCaseLibrary::version(qint64 versionId) const {
    clearError();
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("SELECT ") + kVersionColumns + kFactColumns + QStringLiteral(", ") +
                 kRankingColumns +
                 QStringLiteral(
                     ", d.ranking_json, d.body FROM versions JOIN version_data d ON d.version_id = id "
                     "WHERE id = ?"),
             {versionId}, QStringLiteral("read the version")))
        return std::nullopt;
    if (!q.next()) return std::nullopt;
    LibraryVersion v = readVersion(q);
    const QByteArray json = q.value(21).toByteArray();
    if (const auto parsed = json.isEmpty() ? std::nullopt : parseJson(json))
        v.ranking = RankingSnapshot::fromJson(*parsed);
    v.body = q.value(22).toByteArray();
    return v;
}

std::vector<LibraryVersion> SqlCaseLibrary::versions(qint64 caseId) const {
    std::vector<LibraryVersion> out;
    clearError();
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("SELECT ") + kVersionColumns + kFactColumns + QStringLiteral(", ") +
                 kRankingColumns + QStringLiteral(" FROM versions WHERE case_id = ? ORDER BY number"),
             {caseId}, QStringLiteral("list the versions")))
        return out;
    while (q.next())
        out.push_back(readVersion(q));
    return out;
}

QStringList SqlCaseLibrary::remoteRuns(qint64 caseId) const {
    QStringList out;
    clearError();
    QSqlQuery q = query();
    if (!run(q, QStringLiteral("SELECT run_id FROM case_runs WHERE case_id = ? ORDER BY linked_at, run_id"),
             {caseId}, QStringLiteral("list the remote runs")))
        return out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QStringList SqlCaseLibrary::states() const {
    QStringList out;
    clearError();
    QSqlQuery q = query();
    if (!run(
            q,
            QStringLiteral("SELECT DISTINCT v.state FROM cases c JOIN versions v ON v.id = c.current_version "
                           "WHERE v.state <> '' ORDER BY v.state"),
            {}, QStringLiteral("list the states")))
        return out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

int SqlCaseLibrary::caseCount() const {
    clearError();
    QSqlQuery q = query();
    if (!run(q, QStringLiteral("SELECT COUNT(*) FROM cases"), {}, QStringLiteral("count the cases")) ||
        !q.next())
        return 0;
    return q.value(0).toInt();
}

std::vector<LibraryNote> SqlCaseLibrary::notes(qint64 caseId) const {
    std::vector<LibraryNote> out;
    clearError();
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("SELECT id, case_id, version_id, offering_id, author, created_at, body, db_user "
                            "FROM notes WHERE case_id = ? ORDER BY created_at, id"),
             {caseId}, QStringLiteral("list the notes")))
        return out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                       q.value(3).toString(), q.value(4).toString(), timeFrom(q.value(5)),
                       q.value(6).toString(), q.value(7).toString()});
    return out;
}

std::vector<AuditEntry> SqlCaseLibrary::auditTrail(qint64 caseId) const {
    std::vector<AuditEntry> out;
    clearError();
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral(
                 "SELECT id, case_id, version_id, at, kind, author, path, old_value, new_value, "
                 "engine_version, profile_hash, input_hash, clock, top_result, detail, db_user FROM audit "
                 "WHERE case_id = ? ORDER BY id"),
             {caseId}, QStringLiteral("read the audit trail")))
        return out;
    while (q.next()) {
        AuditEntry e;
        e.entryId = q.value(0).toLongLong();
        e.caseId = q.value(1).toLongLong();
        e.versionId = q.value(2).toLongLong();
        e.at = timeFrom(q.value(3));
        e.kind = q.value(4).toString();
        e.author = q.value(5).toString();
        e.path = q.value(6).toString();
        e.oldValue = q.value(7).toString();
        e.newValue = q.value(8).toString();
        e.engineVersion = q.value(9).toString();
        e.profileHash = q.value(10).toString();
        e.inputHash = q.value(11).toString();
        e.clock = timeFrom(q.value(12));
        e.topResult = q.value(13).toString();
        e.detail = q.value(14).toString();
        e.databaseUser = q.value(15).toString();
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<RecoveryRecord> SqlCaseLibrary::recoveryRecords() const {
    std::vector<RecoveryRecord> out;
    clearError();
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("SELECT session_id, case_id, version_id, file_path, title, saved_at, body "
                            "FROM recovery ORDER BY saved_at DESC"),
             {}, QStringLiteral("read the recovery records")))
        return out;
    while (q.next())
        out.push_back({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                       q.value(3).toString(), q.value(4).toString(), timeFrom(q.value(5)),
                       q.value(6).toByteArray()});
    return out;
}

} // namespace pw
