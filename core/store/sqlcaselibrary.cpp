// SPDX-License-Identifier: MIT
#include "sqlcaselibrary.h"

#include "io/json.h"
#include "store/casediff.h"
#include "store/librarysql.h"

#include <QSqlQuery>
#include <QUuid>

namespace pw {

using namespace librarysql;

namespace {

QString compactOrEmpty(const std::optional<JsonValue> &v) {
    return v ? QString::fromUtf8(writeJson(*v, -1)) : QString();
}

} // namespace

// ---- writes

std::optional<qint64> SqlCaseLibrary::insertVersion(qint64 caseId, int number, const QString &label,
                                                    qint64 parentId, const QByteArray &body,
                                                    const RankingSnapshot &ranking, const QDateTime &now) {
    const auto root = parseJson(body);
    const CaseFacts facts = root ? caseFactsOf(*root) : CaseFacts();
    const QString hash = bodyHash(body); // hashed once: a large case's bytes are tens of megabytes
    QSqlQuery q = query();
    QVariantList values{caseId, number, label, parentId, timeText(now), timeText(now), hash};
    values += factValues(facts);
    values += rankingValues(ranking);
    values << hash; // base_hash (not a placeholder counted above)
    if (!run(q,
             QStringLiteral(
                 "INSERT INTO versions (case_id, number, label, parent_id, created_at, modified_at, "
                 "body_hash, ") +
                 kFactColumns + QStringLiteral(", ") + kRankingColumns +
                 QStringLiteral(", revision, modified_by, base_hash) VALUES (") +
                 placeholders(int(values.size()) - 1) + QStringLiteral(", 1, ") + userSql() +
                 QStringLiteral(", ?) RETURNING id"),
             values, QStringLiteral("store the case")) ||
        !q.next()) {
        if (m_lastError.isEmpty()) fail(QStringLiteral("Cannot store the case: no id returned"));
        return std::nullopt;
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    QSqlQuery d = query();
    if (!run(d, QStringLiteral("INSERT INTO version_data (version_id, body, ranking_json) VALUES (?, ?, ?)"),
             {id, body, rankingJson(ranking)}, QStringLiteral("store the case")))
        return std::nullopt;
    return id;
}

bool SqlCaseLibrary::touchCase(qint64 caseId, qint64 versionId, const QDateTime &now) {
    QSqlQuery q = query();
    return run(q, QStringLiteral("UPDATE cases SET modified_at = ?, current_version = ? WHERE id = ?"),
               {timeText(now), versionId, caseId}, QStringLiteral("update the case"));
}

bool SqlCaseLibrary::appendAudit(const AuditEntry &e) {
    return appendAudits({e});
}

bool SqlCaseLibrary::appendAudits(const std::vector<AuditEntry> &entries) {
    // One statement prepared once and run for every entry: an edit of a large case can change thousands
    // of paths, and preparing each row's statement again cost more than writing it.
    if (entries.empty()) return true;
    QSqlQuery q = query();
    const QString sql =
        QStringLiteral("INSERT INTO audit (case_id, version_id, at, kind, author, path, old_value, "
                       "new_value, engine_version, profile_hash, input_hash, clock, top_result, "
                       "detail, db_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ") +
        userSql() + QStringLiteral(")");
    const QString what = QStringLiteral("write the audit trail");
    auto valuesOf = [](const AuditEntry &e) -> QVariantList {
        return {e.caseId,      e.versionId, timeText(e.at.isValid() ? e.at : QDateTime::currentDateTimeUtc()),
                e.kind,        e.author,    e.path,
                e.oldValue,    e.newValue,  e.engineVersion,
                e.profileHash, e.inputHash, e.clock.isValid() ? timeText(e.clock) : QString(),
                e.topResult,   e.detail};
    };
    if (!run(q, sql, valuesOf(entries.front()), what)) return false;
    for (size_t i = 1; i < entries.size(); ++i)
        if (!rerun(q, valuesOf(entries[i]), what)) return false;
    return true;
}

bool SqlCaseLibrary::appendRankingAudit(qint64 caseId, qint64 versionId, const RankingSnapshot &r,
                                        const QString &author, const QDateTime &now) {
    AuditEntry e = auditEntry(caseId, versionId, now, QStringLiteral("ranking"), author);
    e.engineVersion = r.engineVersion;
    e.profileHash = r.profileHash;
    e.inputHash = r.inputHash;
    e.clock = r.clock;
    e.topResult = r.topText();
    e.detail = QStringLiteral("%1 packages, %2 qualified, appetite %3")
                   .arg(r.solutionCount)
                   .arg(r.qualifiedCount)
                   .arg(r.appetite.isEmpty() ? QStringLiteral("(case's)") : r.appetite);
    return appendAudit(e);
}

std::optional<qint64> SqlCaseLibrary::insertCase(const QByteArray &body, const SaveOptions &options,
                                                 const QDateTime &now, qint64 *caseIdOut) {
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("INSERT INTO cases (created_at, modified_at, file_path, current_version, uid) "
                            "VALUES (?, ?, ?, 0, ?) RETURNING id"),
             {timeText(now), timeText(now), options.filePath,
              QUuid::createUuid().toString(QUuid::WithoutBraces)},
             QStringLiteral("add the case")) ||
        !q.next())
        return std::nullopt;
    const qint64 caseId = q.value(0).toLongLong();
    q.finish();
    if (caseIdOut) *caseIdOut = caseId;
    const auto versionId =
        insertVersion(caseId, 1, QStringLiteral("Original"), 0, body, options.ranking, now);
    if (!versionId || !touchCase(caseId, *versionId, now)) return std::nullopt;
    AuditEntry e = auditEntry(caseId, *versionId, now,
                              options.detail.startsWith(u"imported") ? QStringLiteral("imported")
                                                                     : QStringLiteral("created"),
                              options.author);
    e.detail = options.detail;
    if (!appendAudit(e)) return std::nullopt;
    if (options.ranking.hasRun &&
        !appendRankingAudit(caseId, *versionId, options.ranking, options.author, now))
        return std::nullopt;
    return versionId;
}

std::optional<qint64> SqlCaseLibrary::addCase(const QByteArray &body, const SaveOptions &options) {
    std::optional<qint64> versionId;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool ok = inTransaction(QStringLiteral("add the case"), [&] {
        versionId = insertCase(body, options, now, nullptr);
        return versionId.has_value();
    });
    return ok ? versionId : std::nullopt;
}

bool SqlCaseLibrary::lockKeys(QStringList keys, const QString &what) {
    const QString lock = m_dialect->keyLock();
    if (lock.isEmpty()) return true;
    keys.sort();
    keys.removeDuplicates();
    for (const QString &key : keys) {
        QSqlQuery q = query();
        if (!run(q, lock, {key}, what)) return false;
    }
    return true;
}

std::optional<int> SqlCaseLibrary::nextVersionNumber(qint64 caseId, const QString &what) {
    // The case's row is locked first: two clients adding a version to one case number them one after the
    // other instead of both taking MAX + 1.
    QSqlQuery l = query();
    if (!run(l, QStringLiteral("SELECT id FROM cases WHERE id = ?") + m_dialect->forUpdate(), {caseId}, what))
        return std::nullopt;
    if (!l.next()) {
        fail(QStringLiteral("Cannot %1: case %2 is not in the library").arg(what).arg(caseId));
        return std::nullopt;
    }
    l.finish();
    QSqlQuery q = query();
    if (!run(q, QStringLiteral("SELECT MAX(number) FROM versions WHERE case_id = ?"), {caseId}, what) ||
        !q.next())
        return std::nullopt;
    return q.value(0).toInt() + 1;
}

bool SqlCaseLibrary::appendEditAudit(qint64 caseId, qint64 versionId, const QByteArray &beforeBytes,
                                     const QByteArray &afterBytes, const QString &author,
                                     const QDateTime &now, const std::optional<JsonValue> &parsedAfter) {
    // Equal bytes are no edit: nothing to parse or compare (a save of an unchanged large case).
    if (beforeBytes == afterBytes) return true;
    const auto before = parseJson(beforeBytes);
    const auto after = parsedAfter ? parsedAfter : parseJson(afterBytes);
    if (before && after) {
        std::vector<AuditEntry> entries;
        for (const JsonChange &c : diffJson(*before, *after)) {
            AuditEntry e = auditEntry(caseId, versionId, now, QStringLiteral("edit"), author);
            e.path = c.path;
            e.oldValue = compactOrEmpty(c.before);
            e.newValue = compactOrEmpty(c.after);
            entries.push_back(std::move(e));
        }
        return appendAudits(entries);
    }
    AuditEntry e = auditEntry(caseId, versionId, now, QStringLiteral("edit"), author);
    e.detail = QStringLiteral("the case bytes were replaced (one side is not valid JSON)");
    return appendAudit(e);
}

bool SqlCaseLibrary::checkRevision(qint64 versionId, const SaveOptions &options) {
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("SELECT revision, modified_by, modified_at FROM versions WHERE id = ?") +
                 m_dialect->forUpdate(),
             {versionId}, QStringLiteral("save the case")))
        return false;
    if (!q.next()) {
        fail(QStringLiteral("Cannot save: version %1 is not in the library").arg(versionId));
        return false;
    }
    const int stored = q.value(0).toInt();
    if (!options.expectedRevision || *options.expectedRevision == stored)
        return checkCurrent(versionId, options);
    const SaveConflict c{versionId, stored, *options.expectedRevision, q.value(1).toString(),
                         timeFrom(q.value(2))};
    return refuseConflict(c, QStringLiteral("%1 changed this case at %2 (revision %3; yours was %4)")
                                 .arg(savedBy(c), c.modifiedAt.toString(Qt::ISODate))
                                 .arg(c.storedRevision)
                                 .arg(c.expectedRevision));
}

QString SqlCaseLibrary::savedBy(const SaveConflict &c) {
    return c.modifiedBy.isEmpty() ? QStringLiteral("someone") : c.modifiedBy;
}

bool SqlCaseLibrary::refuseConflict(const SaveConflict &conflict, const QString &what) {
    fail(QStringLiteral("Cannot save: ") + what, LibraryFailure::Conflict);
    m_conflict = conflict;
    return false;
}

bool SqlCaseLibrary::checkCurrent(qint64 versionId, const SaveOptions &options) {
    if (!options.expectedCurrentVersion) return true;
    // The case row is locked (after the version's, the order every save takes) so no other save can make
    // another version current between the check and the update.
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("SELECT current_version FROM cases WHERE id = (SELECT case_id FROM versions "
                            "WHERE id = ?)") +
                 m_dialect->forUpdate(),
             {versionId}, QStringLiteral("save the case")))
        return false;
    if (!q.next()) {
        fail(QStringLiteral("Cannot save: version %1 is not in the library").arg(versionId));
        return false;
    }
    const qint64 current = q.value(0).toLongLong();
    if (current == *options.expectedCurrentVersion) return true;
    const auto now = version(current);
    if (!now) {
        if (m_lastError.isEmpty())
            fail(QStringLiteral("Cannot save: the case's current version %1 cannot be read").arg(current));
        return false;
    }
    const SaveConflict c{current, now->revision, options.expectedRevision.value_or(0), now->modifiedBy,
                         now->modifiedAt};
    return refuseConflict(c, QStringLiteral("%1 made version %2 (%3) the case's current version at %4")
                                 .arg(savedBy(c))
                                 .arg(now->number)
                                 .arg(now->label, c.modifiedAt.toString(Qt::ISODate)));
}

bool SqlCaseLibrary::saveVersion(qint64 versionId, const QByteArray &body, const SaveOptions &options) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto after = parseJson(body);
    return inTransaction(QStringLiteral("save the case"), [&] {
        // The row is locked (server) or the file is (SQLite) before the revision is compared: no other
        // save can come between the check and the update.
        if (!checkRevision(versionId, options)) return false;
        const auto old = version(versionId);
        if (!old) {
            if (m_lastError.isEmpty())
                fail(QStringLiteral("Cannot save: version %1 is not in the library").arg(versionId));
            return false;
        }
        const CaseFacts facts = after ? caseFactsOf(*after) : CaseFacts();
        QSqlQuery q = query();
        QVariantList values{timeText(now), bodyHash(body)};
        values += factValues(facts);
        QString sql = QStringLiteral("UPDATE versions SET revision = revision + 1, modified_by = ") +
                      userSql() + QStringLiteral(", modified_at = ?, body_hash = ?, ") + kFactAssignments;
        const bool newRanking = options.ranking.hasRun;
        if (newRanking) {
            sql += QStringLiteral(", ") + kRankingAssignments;
            values += rankingValues(options.ranking);
        }
        values << versionId << old->revision;
        if (!run(q, sql + QStringLiteral(" WHERE id = ? AND revision = ?"), values,
                 QStringLiteral("save the case")))
            return false;
        if (q.numRowsAffected() != 1) {
            fail(QStringLiteral("Cannot save: version %1 changed while it was saved").arg(versionId),
                 LibraryFailure::Conflict);
            return false;
        }
        QSqlQuery d = query();
        if (!(newRanking
                  ? run(d,
                        QStringLiteral(
                            "UPDATE version_data SET body = ?, ranking_json = ? WHERE version_id = ?"),
                        {body, rankingJson(options.ranking), versionId}, QStringLiteral("save the case"))
                  : run(d, QStringLiteral("UPDATE version_data SET body = ? WHERE version_id = ?"),
                        {body, versionId}, QStringLiteral("save the case"))))
            return false;
        if (!touchCase(old->caseId, versionId, now)) return false;
        if (!options.filePath.isEmpty()) {
            QSqlQuery f = query();
            if (!run(f, QStringLiteral("UPDATE cases SET file_path = ? WHERE id = ?"),
                     {options.filePath, old->caseId}, QStringLiteral("save the case")))
                return false;
        }
        if (!appendEditAudit(old->caseId, versionId, old->body, body, options.author, now, after))
            return false;
        if (newRanking && !sameRanking(old->ranking, options.ranking))
            return appendRankingAudit(old->caseId, versionId, options.ranking, options.author, now);
        return true;
    });
}

std::optional<qint64> SqlCaseLibrary::copyVersion(qint64 fromVersionId, const QString &label,
                                                  const QString &author) {
    const auto from = version(fromVersionId);
    if (!from) {
        if (m_lastError.isEmpty())
            fail(QStringLiteral("Cannot copy: version %1 is not in the library").arg(fromVersionId));
        return std::nullopt;
    }
    std::optional<qint64> newId;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool ok = inTransaction(QStringLiteral("copy the version"), [&] {
        const auto next = nextVersionNumber(from->caseId, QStringLiteral("copy the version"));
        if (!next) return false;
        const int number = *next;
        const QString text =
            label.trimmed().isEmpty() ? QStringLiteral("Re-quote %1").arg(number) : label.trimmed();
        newId = insertVersion(from->caseId, number, text, fromVersionId, from->body, from->ranking, now);
        if (!newId || !touchCase(from->caseId, *newId, now)) return false;
        AuditEntry e = auditEntry(from->caseId, *newId, now, QStringLiteral("copied"), author);
        e.detail = QStringLiteral("version %1 (%2) copied from version %3 (%4)")
                       .arg(number)
                       .arg(text)
                       .arg(from->number)
                       .arg(from->label);
        return appendAudit(e);
    });
    return ok ? newId : std::nullopt;
}

bool SqlCaseLibrary::recordRanking(qint64 versionId, const RankingSnapshot &ranking, const QString &author) {
    if (!ranking.hasRun) return true;
    const auto v = version(versionId);
    if (!v) {
        if (m_lastError.isEmpty())
            fail(
                QStringLiteral("Cannot record the ranking: version %1 is not in the library").arg(versionId));
        return false;
    }
    if (sameRanking(v->ranking, ranking)) return true;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return inTransaction(QStringLiteral("record the ranking"), [&] {
        QSqlQuery q = query();
        QVariantList values = rankingValues(ranking);
        values << versionId;
        QSqlQuery d = query();
        return run(q,
                   QStringLiteral("UPDATE versions SET ") + kRankingAssignments +
                       QStringLiteral(" WHERE id = ?"),
                   values, QStringLiteral("record the ranking")) &&
               run(d, QStringLiteral("UPDATE version_data SET ranking_json = ? WHERE version_id = ?"),
                   {rankingJson(ranking), versionId}, QStringLiteral("record the ranking")) &&
               appendRankingAudit(v->caseId, versionId, ranking, author, now);
    });
}

bool SqlCaseLibrary::setFilePath(qint64 caseId, const QString &filePath) {
    return inTransaction(QStringLiteral("remember the case's file"), [&] {
        QSqlQuery q = query();
        return run(q, QStringLiteral("UPDATE cases SET file_path = ? WHERE id = ?"), {filePath, caseId},
                   QStringLiteral("remember the case's file"));
    });
}

bool SqlCaseLibrary::linkRemoteRuns(qint64 caseId, const QStringList &runIds) {
    if (runIds.isEmpty()) return true;
    const QStringList known = remoteRuns(caseId);
    const QString now = timeText(QDateTime::currentDateTimeUtc());
    return inTransaction(QStringLiteral("link the remote runs"), [&] {
        for (const QString &id : runIds) {
            if (known.contains(id)) continue;
            QSqlQuery q = query();
            if (!run(q, QStringLiteral("INSERT INTO case_runs (case_id, run_id, linked_at) VALUES (?, ?, ?)"),
                     {caseId, id, now}, QStringLiteral("link the remote runs")))
                return false;
        }
        return true;
    });
}

bool SqlCaseLibrary::addAudit(const AuditEntry &entry) {
    return inTransaction(QStringLiteral("write the audit trail"), [&] { return appendAudit(entry); });
}

bool SqlCaseLibrary::deleteCase(qint64 caseId) {
    // The audit trail outlives the case: its entries stay, with one more saying who deleted it (on a
    // server nobody may delete audit entries). Notes go with the case (on a server through the foreign
    // key, as a person may delete only their own notes directly).
    const auto c = caseById(caseId);
    return inTransaction(QStringLiteral("delete the case"), [&] {
        AuditEntry e = auditEntry(caseId, 0, QDateTime::currentDateTimeUtc(), QStringLiteral("deleted"),
                                  systemUserName());
        e.detail =
            QStringLiteral("case %1 (%2) deleted").arg(caseId).arg(c ? c->facts.insuredName : QString());
        if (!appendAudit(e)) return false;
        QSqlQuery d = query();
        if (!run(d,
                 QStringLiteral("DELETE FROM version_data WHERE version_id IN (SELECT id FROM versions WHERE "
                                "case_id = ?)"),
                 {caseId}, QStringLiteral("delete the case")))
            return false;
        for (const char *table : {"notes", "case_runs", "versions"}) {
            QSqlQuery q = query();
            if (!run(q, QStringLiteral("DELETE FROM %1 WHERE case_id = ?").arg(QLatin1StringView(table)),
                     {caseId}, QStringLiteral("delete the case")))
                return false;
        }
        QSqlQuery q = query();
        return run(q, QStringLiteral("DELETE FROM cases WHERE id = ?"), {caseId},
                   QStringLiteral("delete the case"));
    });
}

std::optional<qint64> SqlCaseLibrary::addNote(const LibraryNote &n) {
    std::optional<qint64> id;
    const bool ok = inTransaction(QStringLiteral("add the note"), [&] {
        QSqlQuery q = query();
        if (!run(
                q,
                QStringLiteral(
                    "INSERT INTO notes (case_id, version_id, offering_id, author, created_at, body, db_user) "
                    "VALUES (?, ?, ?, ?, ?, ?, ") +
                    userSql() + QStringLiteral(") RETURNING id"),
                {n.caseId, n.versionId, n.offeringId, n.author,
                 timeText(n.createdAt.isValid() ? n.createdAt : QDateTime::currentDateTimeUtc()), n.text},
                QStringLiteral("add the note")) ||
            !q.next())
            return false;
        id = q.value(0).toLongLong();
        q.finish();
        AuditEntry e = auditEntry(n.caseId, n.versionId, QDateTime::currentDateTimeUtc(),
                                  QStringLiteral("note"), n.author);
        e.detail = n.offeringId.isEmpty() ? QStringLiteral("note added")
                                          : QStringLiteral("note added on offering %1").arg(n.offeringId);
        return appendAudit(e);
    });
    return ok ? id : std::nullopt;
}

bool SqlCaseLibrary::writeRecovery(const RecoveryRecord &r) {
    // Delete and insert rather than an upsert: the same two statements in every SQL dialect.
    return inTransaction(QStringLiteral("write the recovery record"), [&] {
        QSqlQuery d = query();
        if (!run(d, QStringLiteral("DELETE FROM recovery WHERE session_id = ?"), {r.sessionId},
                 QStringLiteral("write the recovery record")))
            return false;
        QSqlQuery q = query();
        return run(q,
                   QStringLiteral("INSERT INTO recovery (session_id, case_id, version_id, file_path, title, "
                                  "saved_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                   {r.sessionId, r.caseId, r.versionId, r.filePath, r.title,
                    timeText(r.savedAt.isValid() ? r.savedAt : QDateTime::currentDateTimeUtc()), r.body},
                   QStringLiteral("write the recovery record"));
    });
}

bool SqlCaseLibrary::removeRecovery(const QString &sessionId) {
    return inTransaction(QStringLiteral("remove the recovery record"), [&] {
        QSqlQuery q = query();
        return run(q, QStringLiteral("DELETE FROM recovery WHERE session_id = ?"), {sessionId},
                   QStringLiteral("remove the recovery record"));
    });
}

} // namespace pw
