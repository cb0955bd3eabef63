// SPDX-License-Identifier: MIT
#include "librarycontroller.h"

#include "casedocument.h"
#include "libraryconnection.h"
#include "librarylocationsettings.h"
#include "rankingcontroller.h"
#include "store/runstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QSettings>
#include <QTimer>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

namespace pw {

LibraryController::LibraryController(CaseDocument *doc, RankingController *ranking, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_ranking(ranking)
    , m_connection(new LibraryConnection(this)) {
    connect(m_connection, &LibraryConnection::activeLibraryChanged, this,
            &LibraryController::activeLibraryChanged);
    connect(m_connection, &LibraryConnection::uploadFinished, this, &LibraryController::followUpload);
    const LibraryLocation location = savedLibraryLocation(QSettings());
    QString keychainError;
    const QString password = savedLibraryPassword(librarySecretStore(), location, &keychainError);
    m_connection->open(location, password);
    m_session = std::make_unique<AutosaveSession>(libraryFolder());
    m_autosave = new QTimer(this);
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(kDefaultAutosaveDelayMs);
    connect(m_autosave, &QTimer::timeout, this, &LibraryController::autosaveNow);
    connect(doc, &CaseDocument::loaded, this, &LibraryController::documentLoaded);
    connect(doc, &CaseDocument::edited, this, &LibraryController::documentEdited);
    connect(doc, &CaseDocument::modifiedChanged, this, &LibraryController::modifiedChanged);
    QTimer::singleShot(0, this, [this, keychainError] {
        if (!keychainError.isEmpty()) emit message(tr("Library password: %1").arg(keychainError));
        if (!library()->isOpen()) emit message(tr("Case library: %1").arg(library()->lastError()));
    });
}

LibraryController::~LibraryController() {
    waitForAutosave(5000);
    if (!m_crashed) removeOwnRecovery(); // a normal close
}

CaseLibrary *LibraryController::library() const {
    return m_connection->active();
}

CaseLibrary *LibraryController::docLibrary() const {
    if (m_connection->location().kind == LibraryLocation::Kind::Server && !m_docInLocal)
        return m_connection->server(); // null while offline
    return m_connection->local();
}

void LibraryController::switchLibrary(const LibraryLocation &location, const QString &password) {
    waitForAutosave(5000);
    m_connection->open(location, password);
    // The open case stays open; the ids it had belong to the library it came from.
    m_versionId = m_caseId = 0;
    m_revision = 0;
    m_docInLocal = false;
    m_title.clear();
    emit libraryChanged(0);
}

QString LibraryController::libraryFolder() const {
    return QFileInfo(defaultLibraryPath()).absolutePath();
}

QString LibraryController::author() const {
    const QString a = QSettings().value(QStringLiteral("library/author")).toString().trimmed();
    return a.isEmpty() ? systemUserName() : a;
}

QString LibraryController::libraryTitle() const {
    if (m_versionId == 0 || !m_doc->fileName().isEmpty()) return QString();
    return m_title;
}

void LibraryController::adopt(const LibraryVersion &v, bool inLocal) {
    m_versionId = v.versionId;
    m_caseId = v.caseId;
    m_revision = v.revision;
    m_docInLocal = inLocal && m_connection->location().kind == LibraryLocation::Kind::Server;
    const QString name = v.facts.insuredName.isEmpty() ? tr("(no name)") : v.facts.insuredName;
    m_title = tr("%1 — library, version %2 (%3)").arg(name).arg(v.number).arg(v.label);
    if (m_docInLocal) m_title += tr(" — on this computer");
}

LibraryController::JobResult LibraryController::runJob(CaseLibrary *lib, Job job) {
    if (!lib) {
        JobResult r;
        r.failure = LibraryFailure::Unreachable;
        r.error = m_connection->offlineReason();
        return r;
    }
    QFutureWatcher<JobResult> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<JobResult>::finished, &loop, &QEventLoop::quit);
    if (m_busy++ == 0) emit busyChanged(true);
    watcher.setFuture(QtConcurrent::run([connect = lib->connector(), job = std::move(job)] {
        const std::unique_ptr<CaseLibrary> worker = connect();
        JobResult r;
        if (worker->isOpen()) r = job(*worker);
        if (!r.ok) {
            r.failure = worker->lastFailure();
            r.error = worker->lastError();
            r.conflict = worker->lastConflict();
        }
        return r;
    }));
    bool stopped = false;
    if (!watcher.isFinished()) {
        QTimer slow;
        slow.setSingleShot(true);
        connect(&slow, &QTimer::timeout, this, [this] {
            m_slow = true;
            emit slowChanged(true);
        });
        slow.start(kSlowMs);
        const auto outer = std::exchange(m_stopWaiting, [&stopped, &loop] {
            stopped = true;
            loop.quit();
        });
        loop.exec();
        m_stopWaiting = outer;
    }
    if (--m_busy == 0) {
        if (std::exchange(m_slow, false)) emit slowChanged(false);
        emit busyChanged(false);
    }
    if (stopped) {
        // The worker keeps its own connection and finishes on its own; what it returns is dropped.
        JobResult r;
        r.failure = LibraryFailure::Unreachable;
        r.error = tr("The library server did not answer, and waiting for it was stopped.");
        return r;
    }
    return watcher.result();
}

int LibraryController::caseCount() {
    const JobResult r = runJob(library(), [](CaseLibrary &l) {
        JobResult j;
        j.id = l.caseCount();
        j.ok = l.lastError().isEmpty();
        return j;
    });
    return r.ok ? int(r.id) : 0;
}

void LibraryController::stopWaiting() {
    if (m_stopWaiting) m_stopWaiting();
}

void LibraryController::followUpload(const PushReport &report, const QList<qint64> &caseIds) {
    if (!report.ok() || !m_docInLocal || !caseIds.contains(m_caseId) || !m_connection->server()) return;
    const auto local = m_connection->local()->version(m_versionId);
    if (!local) return;
    const QByteArray body = local->body;
    const JobResult r = runJob(m_connection->server(), [body](CaseLibrary &l) {
        JobResult j;
        const std::vector<qint64> ids = l.versionsWithBytes(body);
        if (!ids.empty()) j.version = l.version(ids.back());
        j.ok = j.version.has_value();
        return j;
    });
    if (!r.ok) return; // the case stays the local one; saving it again offers another upload
    adopt(*r.version, false);
    emit libraryChanged(m_caseId);
}

void LibraryController::documentLoaded() {
    m_autosave->stop();
    removeOwnRecovery(); // the record was of the case that was open before
    if (m_loadingVersion) return;
    m_versionId = m_caseId = 0;
    m_revision = 0;
    m_docInLocal = false;
    m_title.clear();
    // Files are of this computer: only the local library is asked which case a file is (a server is
    // asked when the file is saved, on a worker).
    if (m_connection->state() != LibraryConnection::State::Local) return;
    if (const auto c = library()->caseByFile(m_doc->fileName())) {
        m_versionId = c->versionId;
        m_caseId = c->caseId;
        m_revision = c->revision;
    }
}

void LibraryController::documentEdited() {
    // Edits arrive before the undo stack counts them, so whether the case is modified is asked at the
    // timeout (autosaveNow), not here. Each edit restarts the idle time.
    m_autosave->start();
}

void LibraryController::modifiedChanged(bool modified) {
    if (!modified) {
        m_autosave->stop();
        removeOwnRecovery();
    }
}

void LibraryController::setAutosaveDelayMs(int ms) {
    m_autosave->setInterval(ms);
}

void LibraryController::removeOwnRecovery() {
    CaseLibrary *local = m_connection->local();
    if (!local->isOpen()) return;
    waitForAutosave(5000);
    if (!local->removeRecovery(m_session->id()))
        emit message(tr("The autosave record could not be removed: %1").arg(local->lastError()));
}

void LibraryController::autosaveNow() {
    if (!m_connection->local()->isOpen() || !m_doc->isModified()) return;
    waitForAutosave(5000); // one write at a time, in order
    RecoveryRecord r;
    r.sessionId = m_session->id();
    r.caseId = m_caseId;
    r.versionId = m_versionId;
    r.filePath = m_doc->fileName();
    const CaseInput &in = m_doc->typedCase().input;
    const QString name = QString(in.applicant.firstName + u' ' + in.applicant.lastName).trimmed();
    r.title = (name.isEmpty() ? tr("(no insured name)") : name) + QStringLiteral(" — ") +
              (r.filePath.isEmpty() ? (m_versionId ? tr("library case") : tr("unsaved case"))
                                    : QFileInfo(r.filePath).fileName());
    r.savedAt = QDateTime::currentDateTimeUtc();
    // Serialising a large case and writing it are both worker work; the tree is shared copy-on-write.
    // Recovery records are of this computer: always the local library.
    m_autosaveJob =
        QtConcurrent::run([connect = m_connection->local()->connector(), root = m_doc->root(), r]() mutable {
            r.body = writeJson(root);
            const std::unique_ptr<CaseLibrary> lib = connect();
            if (!lib->isOpen()) return lib->lastError();
            return lib->writeRecovery(r) ? QString() : lib->lastError();
        });
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        const QString err = watcher->result();
        watcher->deleteLater();
        if (!err.isEmpty()) emit message(tr("Autosave failed: %1").arg(err));
    });
    watcher->setFuture(m_autosaveJob);
}

bool LibraryController::waitForAutosave(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (m_autosaveJob.isRunning() && t.elapsed() < timeoutMs)
        QThread::msleep(2);
    return !m_autosaveJob.isRunning();
}

std::vector<RecoveryRecord> LibraryController::orphanedRecoveries() const {
    if (!m_connection->local()->isOpen()) return {};
    return AutosaveSession::orphanedRecords(*m_connection->local(), libraryFolder(), m_session->id());
}

bool LibraryController::restore(const RecoveryRecord &record, QString *error) {
    const auto root = parseJson(record.body);
    if (!root) {
        *error = tr("The recovered case is not valid JSON");
        return false;
    }
    const auto known = record.versionId ? library()->version(record.versionId) : std::nullopt;
    m_loadingVersion = true;
    m_doc->load(*root, QFile::exists(record.filePath) ? record.filePath : QString());
    m_loadingVersion = false;
    m_versionId = m_caseId = 0;
    m_revision = 0;
    m_title.clear();
    if (known && known->caseId == record.caseId) adopt(*known, !m_connection->server());
    m_doc->undoStack()->resetClean(); // recovered work is not saved work
    if (!AutosaveSession::discard(*m_connection->local(), libraryFolder(), record.sessionId)) {
        *error = m_connection->local()->lastError();
        return false;
    }
    autosaveNow(); // this session holds the work now
    return true;
}

bool LibraryController::discard(const RecoveryRecord &record, QString *error) {
    if (AutosaveSession::discard(*m_connection->local(), libraryFolder(), record.sessionId)) return true;
    *error = m_connection->local()->lastError();
    return false;
}

void LibraryController::simulateCrashForTests() {
    waitForAutosave(5000);
    m_crashed = true;
    m_session->abandonForTests();
}

bool LibraryController::openVersion(qint64 versionId, QString *error) {
    CaseLibrary *lib = library();
    const JobResult r = runJob(lib, [versionId](CaseLibrary &l) {
        JobResult j;
        j.version = l.version(versionId);
        if (j.version) j.libraryCase = l.caseById(j.version->caseId);
        j.ok = j.version.has_value();
        return j;
    });
    if (!r.ok) {
        if (r.failure == LibraryFailure::Unreachable) m_connection->markOffline(describeFailure(r), r.error);
        *error = r.error.isEmpty() ? tr("The version is no longer in the library") : r.error;
        return false;
    }
    const LibraryVersion &v = *r.version;
    const auto root = parseJson(v.body);
    if (!root) {
        *error = tr("The stored case is not valid JSON");
        return false;
    }
    const auto &c = r.libraryCase;
    QString file;
    if (c && c->versionId == versionId && !c->filePath.isEmpty()) {
        QFile f(c->filePath);
        if (f.open(QIODevice::ReadOnly) && f.size() == v.body.size() && f.readAll() == v.body)
            file = c->filePath;
    }
    m_loadingVersion = true;
    m_doc->load(*root, file);
    m_loadingVersion = false;
    adopt(v, lib == m_connection->local());
    return true;
}

RankingSnapshot LibraryController::currentRanking() const {
    // The ranking in effect, if it is of this very document (not stale, not of an older edit).
    if (!m_ranking->hasRun() || m_ranking->isStale() || m_ranking->isBusy()) return RankingSnapshot();
    return snapshotOfRun(m_ranking->run(), m_doc->root(), m_ranking->appetite(), m_doc->now());
}

SaveOptions LibraryController::saveOptions(const QString &filePath) const {
    SaveOptions o;
    o.ranking = currentRanking();
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
    return describeLibraryFailure(r.failure, r.error);
}

LibrarySaveOutcome LibraryController::failedSave(const JobResult &r, const QByteArray &bytes,
                                                 const QString &filePath) {
    LibrarySaveOutcome out;
    out.failure = r.failure;
    out.error = r.error;
    out.conflict = r.conflict;
    if (r.failure == LibraryFailure::Unreachable && !m_docInLocal &&
        m_connection->location().kind == LibraryLocation::Kind::Server) {
        m_connection->markOffline(describeFailure(r), r.error);
        return saveOffline(bytes, filePath);
    }
    if (r.failure == LibraryFailure::Conflict && m_versionId) {
        const qint64 id = m_versionId;
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

LibrarySaveOutcome LibraryController::saveOffline(const QByteArray &bytes, const QString &filePath) {
    // The server's case cannot be written: the case as it is becomes a case of the local library, kept
    // for upload. Nothing of the server's copy is touched.
    SaveOptions o = saveOptions(filePath);
    o.detail = tr("saved on this computer while the library server was unreachable");
    const JobResult r = runJob(m_connection->local(), [bytes, o](CaseLibrary &l) {
        JobResult j;
        const auto id = l.addCase(bytes, o);
        if (id) j.version = l.version(*id);
        j.ok = j.version.has_value();
        return j;
    });
    LibrarySaveOutcome out;
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
    const QByteArray bytes = writeJson(m_doc->root()); // the very bytes the file got
    if (m_connection->location().kind == LibraryLocation::Kind::Server && !m_connection->server() &&
        !m_docInLocal)
        return saveOffline(bytes, path);
    SaveOptions o = saveOptions(path);
    if (m_versionId) o.expectedRevision = m_revision;
    const QStringList runs = remoteRunIds(path);
    const qint64 versionId = m_versionId;
    const QString detail = tr("saved to %1").arg(path);
    CaseLibrary *target = docLibrary();
    const JobResult r = runJob(target, [=](CaseLibrary &l) mutable {
        JobResult j;
        qint64 id = versionId;
        if (id == 0)
            if (const auto c = l.caseByFile(path)) id = c->versionId; // a file the library knows
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
        j.ok = true;
        return j;
    });
    if (!r.ok) return failedSave(r, bytes, path);
    adopt(*r.version, target == m_connection->local());
    if (m_docInLocal) m_connection->rememberOfflineCase(m_caseId);
    emit libraryChanged(m_caseId);
    LibrarySaveOutcome out;
    out.ok = true;
    return out;
}

LibrarySaveOutcome LibraryController::saveToLibrary() {
    LibrarySaveOutcome out;
    if (m_versionId == 0) {
        out.error = tr("The case is not in the library");
        return out;
    }
    const QByteArray bytes = writeJson(m_doc->root());
    SaveOptions o = saveOptions(QString());
    o.expectedRevision = m_revision; // never over someone else's save
    const qint64 versionId = m_versionId;
    CaseLibrary *target = docLibrary();
    const JobResult r = runJob(target, [=](CaseLibrary &l) {
        JobResult j;
        if (l.saveVersion(versionId, bytes, o)) j.version = l.version(versionId);
        j.ok = j.version.has_value();
        return j;
    });
    if (!r.ok) {
        out = failedSave(r, bytes, QString());
        if (out.ok) m_doc->markSaved();
        return out;
    }
    adopt(*r.version, target == m_connection->local());
    if (m_docInLocal) m_connection->rememberOfflineCase(m_caseId);
    m_doc->markSaved();
    emit libraryChanged(m_caseId);
    out.ok = true;
    return out;
}

QString LibraryController::copyAndRequote(const QString &label) {
    CaseLibrary *target = m_versionId ? docLibrary() : library();
    if (!target) return m_connection->offlineReason();
    const QByteArray bytes = writeJson(m_doc->root());
    const qint64 from = m_versionId;
    SaveOptions added = saveOptions(m_doc->fileName());
    added.detail = tr("added for a copy and re-quote");
    const SaveOptions saved = saveOptions(QString());
    const QString who = author();
    const JobResult r = runJob(target, [=](CaseLibrary &l) {
        JobResult j;
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
        j.ok = j.version.has_value();
        return j;
    });
    if (!r.ok) {
        if (r.failure == LibraryFailure::Unreachable) m_connection->markOffline(describeFailure(r), r.error);
        return r.error;
    }
    m_loadingVersion = true;
    const JsonValue root = m_doc->root();
    m_doc->load(root, QString()); // the copy lives in the library only, until Save As
    m_loadingVersion = false;
    adopt(*r.version, target == m_connection->local());
    if (m_docInLocal) m_connection->rememberOfflineCase(m_caseId);
    emit libraryChanged(m_caseId);
    return QString();
}

} // namespace pw
