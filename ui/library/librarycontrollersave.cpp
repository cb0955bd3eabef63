// SPDX-License-Identifier: MIT
// LibraryController's saves: into the case's library version with the revision it was opened at, a file
// save followed into the library, copy and re-quote; a conflict brings the stored version along, an
// unreachable server sends the case to the local library (kept for upload).
#include "librarycontroller.h"

#include "casedocument.h"
#include "libraryconnection.h"
#include "rankingcontroller.h"
#include "store/runstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QUndoStack>

namespace pw {

RankingSnapshot LibraryController::currentRanking() const {
    return rankingSource()();
}

std::function<RankingSnapshot()> LibraryController::rankingSource() const {
    // The ranking in effect, if it is of this very document (not stale, not of an older edit). The trees
    // are shared copy-on-write, so the snapshot (it hashes the whole case) can be made on a worker.
    if (!m_ranking->hasRun() || m_ranking->isStale() || m_ranking->isBusy())
        return [] { return RankingSnapshot(); };
    return [run = m_ranking->run(), root = m_doc->root(), appetite = m_ranking->appetite(),
            now = m_doc->now()] { return snapshotOfRun(run, root, appetite, now); };
}

SaveOptions LibraryController::saveOptions(const QString &filePath) const {
    // Without the ranking: a save job sets o.ranking from rankingSource() on its worker.
    SaveOptions o;
    o.filePath = filePath;
    o.author = author();
    return o;
}

QStringList LibraryController::remoteRunIds(const QString &filePath) const {
    if (filePath.isEmpty()) return {};
    const QString dir = qEnvironmentVariable("PLACEMENT_WORKBENCH_DATA_DIR");
    if (!QFile::exists(dir.isEmpty() ? RunStore::defaultDatabasePath()
                                     : QDir(dir).filePath(QStringLiteral("runs.sqlite"))))
        return {};
    RunStore store(dir.isEmpty() ? QString() : QDir(dir).filePath(QStringLiteral("runs.sqlite")));
    QStringList ids;
    for (const StoredRun &r : store.runs(filePath))
        ids << r.runId;
    return ids;
}

QString LibraryController::describeFailure(const JobResult &r) const {
    return m_connection->describeFailure(r.failure, r.error);
}

LibrarySaveOutcome LibraryController::failedSave(const JobResult &r, const JsonValue &root,
                                                 const QString &filePath) {
    LibrarySaveOutcome out;
    out.failure = r.failure;
    out.error = r.error;
    out.conflict = r.conflict;
    out.bytes = r.body;
    if (r.failure == LibraryFailure::Unreachable && !m_docInLocal &&
        m_connection->location().kind == LibraryLocation::Kind::Server) {
        m_connection->markOffline(describeFailure(r), r.error);
        return saveOffline(root, filePath);
    }
    if (r.failure == LibraryFailure::Conflict && m_versionId) {
        // What the library has now: the conflict's version (the open one, or the one made current).
        const qint64 id = r.conflict && r.conflict->versionId ? r.conflict->versionId : m_versionId;
        const JobResult theirs = runJob(docLibrary(), [id](CaseLibrary &l) {
            JobResult j;
            j.version = l.version(id);
            j.ok = j.version.has_value();
            return j;
        });
        out.theirs = theirs.version;
    }
    return out;
}

LibrarySaveOutcome LibraryController::saveOffline(const JsonValue &root, const QString &filePath) {
    // The server's case cannot be written: the case as it is goes to the local library, kept for upload.
    // Nothing of the server's copy is touched. A case opened from the server is saved into its local twin
    // (the server case's versions under the same uid, made now or kept from an earlier offline save), so
    // the upload appends the edit to that very server case — or reports a conflict when someone changed
    // the server's copy meanwhile — and saving again offline reuses the twin.
    SaveOptions o = saveOptions(filePath);
    o.detail = tr("saved on this computer while the library server was unreachable");
    std::optional<CaseCopy> twin = m_serverCopy;
    if (twin) {
        twin->notes.clear(); // the server keeps those; the twin carries the versions only
        twin->audit.clear();
        twin->remoteRuns.clear();
    }
    QByteArray opened; // the bytes of the server version the window has open
    if (twin)
        for (const LibraryVersion &v : twin->versions)
            if (v.versionId == m_versionId) opened = v.body;
    const JobResult r = runSaveJob(
        m_connection->local(), root,
        [o, twin, opened, ranking = rankingSource()](CaseLibrary &l, const QByteArray &bytes) mutable {
            JobResult j;
            o.ranking = ranking();
            std::optional<qint64> id;
            if (twin) {
                const auto kept = l.addCaseCopy(*twin);
                if (!kept) return j;
                for (const qint64 v : l.versionsWithBytes(opened))
                    if (const auto found = l.version(v); found && found->caseId == kept->caseId) id = v;
                if (!id)
                    if (const auto c = l.caseById(kept->caseId)) id = c->versionId; // edited here before
                if (!id || !l.saveVersion(*id, bytes, o)) return j;
            } else {
                id = l.addCase(bytes, o);
            }
            if (id) j.version = l.version(*id);
            j.ok = j.version.has_value();
            return j;
        });
    LibrarySaveOutcome out;
    out.bytes = r.body;
    if (!r.ok) {
        out.failure = r.failure;
        out.error = tr("The server cannot be reached and the local library failed too: %1").arg(r.error);
        return out;
    }
    adopt(*r.version, true);
    m_connection->rememberOfflineCase(m_caseId);
    out.ok = true;
    out.savedOffline = true;
    return out;
}

LibrarySaveOutcome LibraryController::recordFileSave(const QString &fileName) {
    const QString path = QFileInfo(fileName).absoluteFilePath();
    const JsonValue root = m_doc->root(); // the very tree the file gets (serialised on a worker)
    const quint64 tree = m_doc->treeGeneration();
    LibrarySaveOutcome out = recordFileSaveOf(root, path);
    out.documentUnchanged = m_doc->treeGeneration() == tree;
    return out;
}

LibrarySaveOutcome LibraryController::recordFileSaveOf(const JsonValue &root, const QString &path) {
    if (m_connection->location().kind == LibraryLocation::Kind::Server && !m_connection->server() &&
        !m_docInLocal)
        return saveOffline(root, path);
    SaveOptions o = saveOptions(path);
    if (m_versionId) {
        o.expectedRevision = m_revision;
        o.expectedCurrentVersion = m_currentVersionId;
    }
    const QStringList runs = remoteRunIds(path);
    const qint64 versionId = m_versionId;
    const QString detail = tr("saved to %1").arg(path);
    const quint64 loads = m_loads;
    CaseLibrary *target = docLibrary();
    const JobResult r = runSaveJob(
        target, root, [=, ranking = rankingSource()](CaseLibrary &l, const QByteArray &bytes) mutable {
            JobResult j;
            o.ranking = ranking();
            qint64 id = versionId;
            if (id == 0)
                if (const auto c = l.caseByFile(path)) {
                    // A file the library knows. On a server a path is only a path on somebody's computer:
                    // the case is this file's only when this user saved it last (else the file becomes a
                    // new case — never written over a colleague's case that happens to name the same path).
                    if (!l.location().isServer() || c->modifiedBy == l.userName()) {
                        id = c->versionId;
                        o.expectedRevision = c->revision; // never over a save made meanwhile
                    }
                }
            if (id) {
                if (!l.saveVersion(id, bytes, o)) return j;
            } else {
                o.detail = detail;
                const auto added = l.addCase(bytes, o);
                if (!added) return j;
                id = *added;
            }
            j.version = l.version(id);
            if (!j.version) return j;
            if (!runs.isEmpty() && !l.linkRemoteRuns(j.version->caseId, runs)) return j;
            if (l.location().isServer()) readServerCopy(l, j.version->caseId, j);
            j.ok = true;
            return j;
        });
    if (!r.ok) return failedSave(r, root, path);
    LibrarySaveOutcome out;
    out.ok = true;
    out.bytes = r.body;
    if (m_loads != loads) return out; // another case was opened meanwhile: the saved one is not on screen
    adopt(*r.version, target == m_connection->local());
    keepServerCopy(target, r);
    if (m_docInLocal) m_connection->rememberOfflineCase(m_caseId);
    emit libraryChanged(m_caseId);
    return out;
}

LibrarySaveOutcome LibraryController::saveToLibrary() {
    LibrarySaveOutcome out;
    if (m_versionId == 0) {
        out.error = tr("The case is not in the library");
        return out;
    }
    const JsonValue root = m_doc->root(); // the case as it is now; edits from here on are the next save's
    const quint64 tree = m_doc->treeGeneration();
    const quint64 loads = m_loads;
    SaveOptions o = saveOptions(QString());
    o.expectedRevision = m_revision;               // never over someone else's save
    o.expectedCurrentVersion = m_currentVersionId; // nor over a version someone made current
    const qint64 versionId = m_versionId;
    CaseLibrary *target = docLibrary();
    const JobResult r = runSaveJob(
        target, root, [=, ranking = rankingSource()](CaseLibrary &l, const QByteArray &bytes) mutable {
            JobResult j;
            o.ranking = ranking();
            if (l.saveVersion(versionId, bytes, o)) j.version = l.version(versionId);
            if (j.version && l.location().isServer()) readServerCopy(l, j.version->caseId, j);
            j.ok = j.version.has_value();
            return j;
        });
    if (!r.ok) {
        out = failedSave(r, root, QString());
    } else {
        out.ok = true;
        out.bytes = r.body;
        if (m_loads == loads) {
            adopt(*r.version, target == m_connection->local());
            keepServerCopy(target, r);
            if (m_docInLocal) m_connection->rememberOfflineCase(m_caseId);
            emit libraryChanged(m_caseId);
        }
    }
    // Saved only for what was written: an edit made while the save ran keeps the case modified.
    out.documentUnchanged = m_loads == loads && m_doc->treeGeneration() == tree;
    if (out.ok && out.documentUnchanged) m_doc->markSaved();
    return out;
}

QString LibraryController::copyAndRequote(const QString &label) {
    CaseLibrary *target = m_versionId ? docLibrary() : library();
    if (!target) return m_connection->offlineReason();
    const JsonValue root = m_doc->root();
    const quint64 tree = m_doc->treeGeneration();
    const qint64 from = m_versionId;
    SaveOptions added = saveOptions(m_doc->fileName());
    added.detail = tr("added for a copy and re-quote");
    SaveOptions saved = saveOptions(QString());
    const QString who = author();
    const JobResult r = runSaveJob(
        target, root, [=, ranking = rankingSource()](CaseLibrary &l, const QByteArray &bytes) mutable {
            JobResult j;
            added.ranking = saved.ranking = ranking();
            qint64 original = from;
            if (original == 0) {
                // Not in the library yet: the case as it is becomes the original.
                const auto id = l.addCase(bytes, added);
                if (!id) return j;
                original = *id;
            }
            const auto copy = l.copyVersion(original, label, who);
            if (!copy) return j;
            const auto kept = l.version(original);
            if (kept && kept->body != bytes) {
                SaveOptions o = saved;
                if (const auto c = l.version(*copy)) o.expectedRevision = c->revision;
                if (!l.saveVersion(*copy, bytes, o)) return j;
            }
            j.version = l.version(*copy);
            if (j.version && l.location().isServer()) readServerCopy(l, j.version->caseId, j);
            j.ok = j.version.has_value();
            return j;
        });
    if (!r.ok) {
        if (r.failure == LibraryFailure::Unreachable) m_connection->markOffline(describeFailure(r), r.error);
        return r.error;
    }
    // The copy holds the case as it was when the copy began; an edit made meanwhile stays on screen,
    // as an unsaved edit of the copy.
    const bool unchanged = m_doc->treeGeneration() == tree;
    m_loadingVersion = true;
    m_doc->load(m_doc->root(), QString()); // the copy lives in the library only, until Save As
    m_loadingVersion = false;
    if (!unchanged) m_doc->undoStack()->resetClean();
    adopt(*r.version, target == m_connection->local());
    keepServerCopy(target, r);
    if (m_docInLocal) m_connection->rememberOfflineCase(m_caseId);
    emit libraryChanged(m_caseId);
    return QString();
}

} // namespace pw
