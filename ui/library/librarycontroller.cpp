// SPDX-License-Identifier: MIT
#include "librarycontroller.h"

#include "casedocument.h"
#include "libraryconnection.h"
#include "librarylocationsettings.h"
#include "rankingcontroller.h"
#include "util/displaytext.h"

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
    if (!keychainError.isEmpty() && location.isServer() && !m_connection->server())
        // Not "wrong password": the password could not be read at all. Said with the way forward.
        m_connection->markOffline(
            tr("The library password could not be read from the system keychain. Type it "
               "in Edit → Library settings… (without a keychain it is used for this "
               "session only)."),
            keychainError, false);
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
    m_serverCopy.reset();
    m_title.clear();
    emit libraryChanged(0);
}

QString LibraryController::libraryFolder() const {
    return QFileInfo(defaultLibraryPath()).absolutePath();
}

QString LibraryController::author() const {
    // The signed-in server user also while offline (the case is theirs, kept on this computer for now).
    const LibraryLocation &where = m_connection->location();
    return libraryAuthor(QSettings(), where.isServer() ? where.user : systemUserName());
}

QString LibraryController::libraryTitle() const {
    if (m_versionId == 0 || !m_doc->fileName().isEmpty()) return QString();
    return m_title;
}

void LibraryController::adopt(const LibraryVersion &v, bool inLocal) {
    m_versionId = v.versionId;
    m_caseId = v.caseId;
    m_revision = v.revision;
    m_currentVersionId = v.versionId; // a save, an addition or a copy makes its version the current one
    m_docInLocal = inLocal && m_connection->location().kind == LibraryLocation::Kind::Server;
    // The window title: case text, so control and bidi characters as escapes and a long name cut.
    const QString name = v.facts.insuredName.isEmpty()
                             ? tr("(no name)")
                             : elideGraphemes(escapeControls(withoutLineBreaks(v.facts.insuredName)), 80);
    m_title = tr("%1 — library, version %2 (%3)").arg(name).arg(v.number).arg(v.label);
    if (m_docInLocal) m_title += tr(" — on this computer");
}

void LibraryController::readServerCopy(CaseLibrary &l, qint64 caseId, JobResult &j) {
    const auto summary = l.caseById(caseId);
    if (!summary) return;
    CaseCopy copy;
    copy.summary = *summary;
    for (const LibraryVersion &listed : l.versions(caseId)) {
        auto v = l.version(listed.versionId);
        if (!v) return;
        copy.versions.push_back(std::move(*v));
    }
    if (l.lastError().isEmpty()) j.copy = std::move(copy);
}

void LibraryController::keepServerCopy(CaseLibrary *lib, const JobResult &r) {
    if (lib && lib == m_connection->server())
        m_serverCopy = r.copy;
    else if (lib == m_connection->local() && !m_docInLocal)
        m_serverCopy.reset();
}

LibraryController::JobResult LibraryController::runJob(CaseLibrary *lib, Job job, const QString &doing) {
    if (!lib) return waitForJob(lib, {}, doing);
    return waitForJob(lib,
                      QtConcurrent::run(libraryThreadPool(),
                                        [connect = lib->connector(), job = std::move(job)] {
                                            const std::unique_ptr<CaseLibrary> worker = connect();
                                            JobResult r;
                                            if (worker->isOpen()) r = job(*worker);
                                            if (!r.ok) {
                                                r.failure = worker->lastFailure();
                                                r.error = worker->lastError();
                                                r.conflict = worker->lastConflict();
                                            }
                                            return r;
                                        }),
                      doing);
}

LibraryController::JobResult LibraryController::runSaveJob(CaseLibrary *lib, const JsonValue &root,
                                                           SaveJob job) {
    if (!lib) return waitForJob(lib, {}, QString());
    // The tree is shared copy-on-write: serialising a large case is worker work, and edits made on this
    // thread meanwhile do not reach these bytes.
    return waitForJob(lib,
                      QtConcurrent::run(libraryThreadPool(),
                                        [connect = lib->connector(), root, job = std::move(job)] {
                                            const QByteArray body = writeJson(root);
                                            const std::unique_ptr<CaseLibrary> worker = connect();
                                            JobResult r;
                                            if (worker->isOpen()) r = job(*worker, body);
                                            if (!r.ok) {
                                                r.failure = worker->lastFailure();
                                                r.error = worker->lastError();
                                                r.conflict = worker->lastConflict();
                                            }
                                            r.body = body;
                                            return r;
                                        }),
                      savingWords(lib));
}

QString LibraryController::savingWords(CaseLibrary *lib) const {
    if (lib && lib->location().isServer())
        return tr("Saving the case to the library server %1…").arg(lib->location().displayName());
    return tr("Saving the case to the library on this computer…");
}

qint64 LibraryController::busyElapsedMs() const {
    return m_busy > 0 && m_busySince.isValid() ? m_busySince.elapsed() : 0;
}

LibraryController::JobResult LibraryController::waitForJob(CaseLibrary *lib, QFuture<JobResult> future,
                                                           const QString &doing) {
    if (!lib) {
        JobResult r;
        r.failure = LibraryFailure::Unreachable;
        r.error = m_connection->offlineReason();
        return r;
    }
    QFutureWatcher<JobResult> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<JobResult>::finished, &loop, &QEventLoop::quit);
    // The window stays usable meanwhile (it is told busyChanged and says busyText); only a server is
    // something to stop waiting for. A nested call (a save's conflict read) keeps the outer words.
    const bool outermost = m_busy++ == 0;
    const QString outerText = m_busyText;
    const bool outerServer = m_busyOnServer;
    if (outermost) m_busySince.start();
    m_busyOnServer = lib->location().isServer();
    m_busyText = !doing.isEmpty() ? doing
                 : m_busyOnServer
                     ? tr("Waiting for the library server %1…").arg(lib->location().displayName())
                     : tr("Reading the library on this computer…");
    emit busyChanged(true);
    watcher.setFuture(future);
    bool stopped = false;
    if (!watcher.isFinished()) {
        QTimer slow;
        slow.setSingleShot(true);
        connect(&slow, &QTimer::timeout, this, [this] {
            if (m_slow) return;
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
    m_busyText = outerText;
    m_busyOnServer = outerServer;
    if (--m_busy == 0) {
        if (std::exchange(m_slow, false)) emit slowChanged(false);
        m_busySince.invalidate();
        emit busyChanged(false);
    } else {
        emit busyChanged(true); // the outer call's words again
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
        if (j.version) readServerCopy(l, j.version->caseId, j);
        j.ok = j.version.has_value() && l.lastError().isEmpty();
        return j;
    });
    if (!r.ok) return; // the case stays the local one; saving it again offers another upload
    // The upload appended the offline versions to the server case they came from (same uid): the window
    // is on that case again, at the version holding the bytes it has open.
    adopt(*r.version, false);
    keepServerCopy(m_connection->server(), r);
    emit libraryChanged(m_caseId);
}

void LibraryController::documentLoaded() {
    ++m_loads;
    m_autosave->stop();
    removeOwnRecovery(); // the record was of the case that was open before
    if (m_loadingVersion) return;
    m_serverCopy.reset();
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
        m_currentVersionId = c->versionId;
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
    m_autosaveJob = QtConcurrent::run(libraryThreadPool(), [connect = m_connection->local()->connector(),
                                                            root = m_doc->root(), r]() mutable {
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
        if (j.version && l.location().isServer()) readServerCopy(l, j.version->caseId, j);
        j.ok = j.version.has_value() && l.lastError().isEmpty();
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
    // A server's case is saved to the server only (until Save As): the path it names was recorded on
    // somebody's computer, maybe another one, and a file there is not this case's to overwrite.
    if (lib == m_connection->local() && c && c->versionId == versionId && !c->filePath.isEmpty()) {
        QFile f(c->filePath);
        if (f.open(QIODevice::ReadOnly) && f.size() == v.body.size() && f.readAll() == v.body)
            file = c->filePath;
    }
    m_loadingVersion = true;
    m_doc->load(*root, file);
    m_loadingVersion = false;
    adopt(v, lib == m_connection->local());
    keepServerCopy(lib, r);
    if (c) m_currentVersionId = c->versionId; // an older version may be opened on purpose
    return true;
}

} // namespace pw
