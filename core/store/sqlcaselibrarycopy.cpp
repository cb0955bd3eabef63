// SPDX-License-Identifier: MIT
// SqlCaseLibrary::addCaseCopy: a case from another library, written in one transaction.
#include "sqlcaselibrary.h"

#include "store/librarysql.h"

#include <QHash>
#include <QSqlQuery>

namespace pw {

using namespace librarysql;

std::optional<qint64> SqlCaseLibrary::addCaseCopy(const CaseCopy &copy) {
    std::optional<qint64> newCase;
    const QString what = QStringLiteral("copy the case");
    const bool ok = inTransaction(what, [&] {
        const LibraryCase &c = copy.summary;
        QSqlQuery q = query();
        if (!run(q,
                 QStringLiteral("INSERT INTO cases (created_at, modified_at, file_path, current_version) "
                                "VALUES (?, ?, ?, 0) RETURNING id"),
                 {timeText(c.createdAt), timeText(c.modifiedAt), c.filePath}, what) ||
            !q.next())
            return false;
        const qint64 caseId = q.value(0).toLongLong();
        QHash<qint64, qint64> ids; // source version id → new version id
        for (const LibraryVersion &v : copy.versions) {
            const auto id = insertVersion(caseId, v.number, v.label, ids.value(v.parentVersionId), v.body,
                                          v.ranking, v.createdAt);
            if (!id) return false;
            ids.insert(v.versionId, *id);
            QSqlQuery m = query();
            if (!run(m, QStringLiteral("UPDATE versions SET modified_at = ? WHERE id = ?"),
                     {timeText(v.modifiedAt), *id}, what))
                return false;
        }
        QSqlQuery t = query();
        if (!run(t, QStringLiteral("UPDATE cases SET current_version = ? WHERE id = ?"),
                 {ids.value(c.versionId,
                            copy.versions.empty() ? 0 : ids.value(copy.versions.back().versionId)),
                  caseId},
                 what))
            return false;
        for (const LibraryNote &n : copy.notes) {
            QSqlQuery nq = query();
            if (!run(
                    nq,
                    QStringLiteral("INSERT INTO notes (case_id, version_id, offering_id, author, created_at, "
                                   "body, db_user) VALUES (?, ?, ?, ?, ?, ?, ") +
                        userSql() + QStringLiteral(")"),
                    {caseId, ids.value(n.versionId), n.offeringId, n.author, timeText(n.createdAt), n.text},
                    what))
                return false;
        }
        for (AuditEntry e : copy.audit) {
            e.caseId = caseId;
            e.versionId = ids.value(e.versionId);
            if (!appendAudit(e)) return false;
        }
        for (const QString &run_ : copy.remoteRuns) {
            QSqlQuery r = query();
            if (!run(r, QStringLiteral("INSERT INTO case_runs (case_id, run_id, linked_at) VALUES (?, ?, ?)"),
                     {caseId, run_, timeText(c.modifiedAt)}, what))
                return false;
        }
        newCase = caseId;
        return true;
    });
    return ok ? newCase : std::nullopt;
}

} // namespace pw
