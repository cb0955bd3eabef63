// SPDX-License-Identifier: MIT
// SqlCaseLibrary::addCaseCopy: a case from another library — a new case, or the versions of it this
// library lacks — decided and written in one transaction.
#include "sqlcaselibrary.h"

#include "store/librarysql.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>

namespace pw {

using namespace librarysql;

std::optional<qint64> SqlCaseLibrary::insertCopy(const CaseCopy &copy, CopyOutcome &outcome) {
    const QString what = QStringLiteral("copy the case");
    const LibraryCase &c = copy.summary;
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral("INSERT INTO cases (created_at, modified_at, file_path, current_version, uid) "
                            "VALUES (?, ?, ?, 0, ?) RETURNING id"),
             {timeText(c.createdAt), timeText(c.modifiedAt), c.filePath,
              c.uid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : c.uid},
             what) ||
        !q.next())
        return std::nullopt;
    const qint64 caseId = q.value(0).toLongLong();
    q.finish();
    QHash<qint64, qint64> ids; // source version id → new version id
    for (const LibraryVersion &v : copy.versions) {
        const auto id = insertVersion(caseId, v.number, v.label, ids.value(v.parentVersionId), v.body,
                                      v.ranking, v.createdAt);
        if (!id) return std::nullopt;
        ids.insert(v.versionId, *id);
        QSqlQuery m = query();
        if (!run(m, QStringLiteral("UPDATE versions SET modified_at = ? WHERE id = ?"),
                 {timeText(v.modifiedAt), *id}, what))
            return std::nullopt;
    }
    QSqlQuery t = query();
    if (!run(t, QStringLiteral("UPDATE cases SET current_version = ? WHERE id = ?"),
             {ids.value(c.versionId, copy.versions.empty() ? 0 : ids.value(copy.versions.back().versionId)),
              caseId},
             what))
        return std::nullopt;
    for (const LibraryNote &n : copy.notes) {
        QSqlQuery nq = query();
        if (!run(nq,
                 QStringLiteral("INSERT INTO notes (case_id, version_id, offering_id, author, created_at, "
                                "body, db_user) VALUES (?, ?, ?, ?, ?, ?, ") +
                     userSql() + QStringLiteral(")"),
                 {caseId, ids.value(n.versionId), n.offeringId, n.author, timeText(n.createdAt), n.text},
                 what))
            return std::nullopt;
    }
    for (AuditEntry e : copy.audit) {
        e.caseId = caseId;
        e.versionId = ids.value(e.versionId);
        if (!appendAudit(e)) return std::nullopt;
    }
    for (const QString &runId : copy.remoteRuns) {
        QSqlQuery r = query();
        if (!run(r, QStringLiteral("INSERT INTO case_runs (case_id, run_id, linked_at) VALUES (?, ?, ?)"),
                 {caseId, runId, timeText(c.modifiedAt)}, what))
            return std::nullopt;
    }
    outcome.kind = CopyOutcome::Kind::Copied;
    outcome.caseId = caseId;
    outcome.versionsAdded = int(copy.versions.size());
    outcome.notesAdded = int(copy.notes.size());
    outcome.auditAdded = int(copy.audit.size());
    return caseId;
}

// The case is here (same uid). Versions whose bytes it already has are left alone; the others are added
// as new versions after its newest. The case here "moved on" when it holds bytes the copy never had —
// neither as a version's bytes nor as the bytes a version started from (baseHash): someone changed it
// here since the copy was taken. Then the added versions say whose offline edit they are, and the outcome
// is a Conflict naming the newest such change; nothing is overwritten either way.
bool SqlCaseLibrary::appendCopy(qint64 caseId, const CaseCopy &copy, CopyOutcome &outcome) {
    const QString what = QStringLiteral("copy the case");
    outcome.caseId = caseId;
    QSet<QString> hereHashes;
    qint64 current = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSet<QString> known; // every state of the case the copy has seen
    for (const LibraryVersion &v : copy.versions) {
        known.insert(bodyHash(v.body));
        if (!v.baseHash.isEmpty()) known.insert(v.baseHash);
    }
    const std::vector<LibraryVersion> here = versions(caseId);
    if (!m_lastError.isEmpty()) return false;
    const LibraryVersion *movedOn = nullptr;
    for (const LibraryVersion &listed : here) {
        QSqlQuery h = query();
        if (!run(h, QStringLiteral("SELECT body_hash FROM versions WHERE id = ?"), {listed.versionId},
                 what) ||
            !h.next())
            return false;
        const QString hash = h.value(0).toString();
        hereHashes.insert(hash);
        current = listed.versionId;
        if (!known.contains(hash) && (!movedOn || listed.modifiedAt > movedOn->modifiedAt)) movedOn = &listed;
    }
    std::vector<const LibraryVersion *> missing;
    for (const LibraryVersion &v : copy.versions)
        if (!hereHashes.contains(bodyHash(v.body))) missing.push_back(&v);
    if (missing.empty()) {
        outcome.kind = CopyOutcome::Kind::AlreadyThere;
        return true;
    }
    outcome.kind = movedOn ? CopyOutcome::Kind::Conflict : CopyOutcome::Kind::Appended;
    if (movedOn) {
        outcome.changedBy = movedOn->modifiedBy;
        outcome.changedAt = movedOn->modifiedAt;
    }
    QHash<qint64, qint64> ids; // the copy's version id → the version added here
    for (const LibraryVersion *v : missing) {
        const auto number = nextVersionNumber(caseId, what);
        if (!number) return false;
        const QString label = movedOn ? QStringLiteral("Offline edit by %1").arg(m_userName) : v->label;
        const auto id = insertVersion(caseId, *number, label, ids.value(v->parentVersionId, current), v->body,
                                      v->ranking, now);
        if (!id) return false;
        ids.insert(v->versionId, *id);
        current = *id;
        AuditEntry e;
        e.caseId = caseId;
        e.versionId = *id;
        e.at = now;
        e.kind = QStringLiteral("copied");
        e.author = m_userName;
        e.detail = movedOn ? QStringLiteral("version %1 added by push: an offline edit by %2 (version %3 "
                                            "\"%4\" there); this case had changed here meanwhile (%5, %6)")
                                 .arg(*number)
                                 .arg(m_userName)
                                 .arg(v->number)
                                 .arg(v->label, movedOn->modifiedBy, timeText(movedOn->modifiedAt))
                           : QStringLiteral("version %1 added by push (version %2 \"%3\" there)")
                                 .arg(*number)
                                 .arg(v->number)
                                 .arg(v->label);
        if (!appendAudit(e)) return false;
        ++outcome.versionsAdded;
        ++outcome.auditAdded;
    }
    for (AuditEntry e : copy.audit) {
        if (!ids.contains(e.versionId)) continue; // entries of versions this library already has
        e.caseId = caseId;
        e.versionId = ids.value(e.versionId);
        if (!appendAudit(e)) return false;
        ++outcome.auditAdded;
    }
    // Notes the case here lacks (same time, author and words: the same note).
    QSet<QString> notesHere;
    for (const LibraryNote &n : notes(caseId))
        notesHere.insert(timeText(n.createdAt) + u'\x1f' + n.author + u'\x1f' + n.text);
    for (const LibraryNote &n : copy.notes) {
        if (notesHere.contains(timeText(n.createdAt) + u'\x1f' + n.author + u'\x1f' + n.text)) continue;
        QSqlQuery nq = query();
        if (!run(nq,
                 QStringLiteral("INSERT INTO notes (case_id, version_id, offering_id, author, created_at, "
                                "body, db_user) VALUES (?, ?, ?, ?, ?, ?, ") +
                     userSql() + QStringLiteral(")"),
                 {caseId, ids.value(n.versionId), n.offeringId, n.author, timeText(n.createdAt), n.text},
                 what))
            return false;
        ++outcome.notesAdded;
    }
    return touchCase(caseId, current, now);
}

std::optional<CopyOutcome> SqlCaseLibrary::addCaseCopy(const CaseCopy &copy) {
    std::optional<CopyOutcome> out;
    const QString what = QStringLiteral("copy the case");
    const bool ok = inTransaction(what, [&]() -> bool {
        // Clients pushing the same case at once wait here for each other: the one after sees the case.
        QStringList keys;
        if (!copy.summary.uid.isEmpty()) keys << QStringLiteral("case:") + copy.summary.uid;
        if (!copy.versions.empty()) keys << QStringLiteral("bytes:") + bodyHash(copy.versions.front().body);
        if (!lockKeys(keys, what)) return false;
        CopyOutcome o;
        if (!copy.summary.uid.isEmpty()) {
            QSqlQuery q = query();
            if (!run(q, QStringLiteral("SELECT id FROM cases WHERE uid = ?"), {copy.summary.uid}, what))
                return false;
            if (q.next()) {
                const qint64 caseId = q.value(0).toLongLong();
                q.finish();
                if (!appendCopy(caseId, copy, o)) return false;
                out = o;
                return true;
            }
        }
        // Not here by identity: a case here with exactly these bytes, in this order, is the same case.
        if (!copy.versions.empty()) {
            for (const qint64 candidate : versionsWithBytes(copy.versions.front().body)) {
                const auto first = version(candidate);
                if (!first) continue;
                const std::vector<LibraryVersion> theirs = versions(first->caseId);
                bool same = theirs.size() == copy.versions.size();
                for (size_t i = 0; same && i < theirs.size(); ++i) {
                    const auto v = version(theirs[i].versionId);
                    same = v && v->body == copy.versions[i].body;
                }
                if (same) {
                    o.kind = CopyOutcome::Kind::AlreadyThere;
                    o.caseId = first->caseId;
                    out = o;
                    return true;
                }
            }
            if (!m_lastError.isEmpty()) return false;
        }
        if (!insertCopy(copy, o)) return false;
        out = o;
        return true;
    });
    return ok ? out : std::nullopt;
}

} // namespace pw
