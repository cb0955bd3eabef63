// SPDX-License-Identifier: MIT
#include "librarycontroller.h"

#include "casedocument.h"
#include "rankingcontroller.h"
#include "store/runstore.h"

#include <QDir>
#include <QElapsedTimer>
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
    , m_library(openCaseLibrary()) {
    m_session = std::make_unique<AutosaveSession>(libraryFolder());
    m_autosave = new QTimer(this);
    m_autosave->setSingleShot(true);
    m_autosave->setInterval(kDefaultAutosaveDelayMs);
    connect(m_autosave, &QTimer::timeout, this, &LibraryController::autosaveNow);
    connect(doc, &CaseDocument::loaded, this, &LibraryController::documentLoaded);
    connect(doc, &CaseDocument::edited, this, &LibraryController::documentEdited);
    connect(doc, &CaseDocument::modifiedChanged, this, &LibraryController::modifiedChanged);
    if (!m_library->isOpen())
        QTimer::singleShot(0, this,
                           [this] { emit message(tr("Case library: %1").arg(m_library->lastError())); });
}

LibraryController::~LibraryController() {
    waitForAutosave(5000);
    if (!m_crashed) removeOwnRecovery(); // a normal close
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
    const auto v = m_library->version(m_versionId);
    if (!v) return QString();
    const QString name = v->facts.insuredName.isEmpty() ? tr("(no name)") : v->facts.insuredName;
    return tr("%1 — library, version %2 (%3)").arg(name).arg(v->number).arg(v->label);
}

void LibraryController::documentLoaded() {
    m_autosave->stop();
    removeOwnRecovery(); // the record was of the case that was open before
    if (m_loadingVersion) return;
    m_versionId = m_caseId = 0;
    if (const auto c = m_library->caseByFile(m_doc->fileName())) {
        m_versionId = c->versionId;
        m_caseId = c->caseId;
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
    if (!m_library->isOpen()) return;
    waitForAutosave(5000);
    if (!m_library->removeRecovery(m_session->id()))
        emit message(tr("The autosave record could not be removed: %1").arg(m_library->lastError()));
}

void LibraryController::autosaveNow() {
    if (!m_library->isOpen() || !m_doc->isModified()) return;
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
    m_autosaveJob = QtConcurrent::run([connect = m_library->connector(), root = m_doc->root(), r]() mutable {
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
    if (!m_library->isOpen()) return {};
    return AutosaveSession::orphanedRecords(*m_library, libraryFolder(), m_session->id());
}

bool LibraryController::restore(const RecoveryRecord &record, QString *error) {
    const auto root = parseJson(record.body);
    if (!root) {
        *error = tr("The recovered case is not valid JSON");
        return false;
    }
    const bool versionKnown = record.versionId && m_library->version(record.versionId);
    m_loadingVersion = true;
    m_doc->load(*root, QFile::exists(record.filePath) ? record.filePath : QString());
    m_loadingVersion = false;
    m_versionId = versionKnown ? record.versionId : 0;
    m_caseId = versionKnown ? record.caseId : 0;
    m_doc->undoStack()->resetClean(); // recovered work is not saved work
    if (!AutosaveSession::discard(*m_library, libraryFolder(), record.sessionId)) {
        *error = m_library->lastError();
        return false;
    }
    autosaveNow(); // this session holds the work now
    return true;
}

bool LibraryController::discard(const RecoveryRecord &record, QString *error) {
    if (AutosaveSession::discard(*m_library, libraryFolder(), record.sessionId)) return true;
    *error = m_library->lastError();
    return false;
}

void LibraryController::simulateCrashForTests() {
    waitForAutosave(5000);
    m_crashed = true;
    m_session->abandonForTests();
}

bool LibraryController::openVersion(qint64 versionId, QString *error) {
    const auto v = m_library->version(versionId);
    if (!v) {
        *error = m_library->lastError().isEmpty() ? tr("The version is no longer in the library")
                                                  : m_library->lastError();
        return false;
    }
    const auto root = parseJson(v->body);
    if (!root) {
        *error = tr("The stored case is not valid JSON");
        return false;
    }
    const auto c = m_library->caseById(v->caseId);
    QString file;
    if (c && c->versionId == versionId && !c->filePath.isEmpty()) {
        QFile f(c->filePath);
        if (f.open(QIODevice::ReadOnly) && f.size() == v->body.size() && f.readAll() == v->body)
            file = c->filePath;
    }
    m_loadingVersion = true;
    m_doc->load(*root, file);
    m_loadingVersion = false;
    m_versionId = versionId;
    m_caseId = v->caseId;
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

void LibraryController::linkRuns(qint64 caseId, const QString &filePath) {
    if (filePath.isEmpty()) return;
    const QString dir = qEnvironmentVariable("PLACEMENT_WORKBENCH_DATA_DIR");
    if (!QFile::exists(dir.isEmpty() ? RunStore::defaultDatabasePath()
                                     : QDir(dir).filePath(QStringLiteral("runs.sqlite"))))
        return;
    RunStore store(dir.isEmpty() ? QString() : QDir(dir).filePath(QStringLiteral("runs.sqlite")));
    QStringList ids;
    for (const StoredRun &r : store.runs(filePath))
        ids << r.runId;
    if (!m_library->linkRemoteRuns(caseId, ids))
        emit message(tr("The remote runs were not linked in the library: %1").arg(m_library->lastError()));
}

QString LibraryController::recordFileSave(const QString &fileName) {
    if (!m_library->isOpen()) return m_library->lastError();
    const QString path = QFileInfo(fileName).absoluteFilePath();
    const QByteArray bytes = writeJson(m_doc->root()); // the very bytes the file got
    if (m_versionId == 0)
        if (const auto c = m_library->caseByFile(path)) {
            m_versionId = c->versionId;
            m_caseId = c->caseId;
        }
    if (m_versionId) {
        if (!m_library->saveVersion(m_versionId, bytes, saveOptions(path))) return m_library->lastError();
    } else {
        SaveOptions o = saveOptions(path);
        o.detail = tr("saved to %1").arg(path);
        const auto id = m_library->addCase(bytes, o);
        if (!id) return m_library->lastError();
        m_versionId = *id;
        m_caseId = m_library->version(*id)->caseId;
    }
    linkRuns(m_caseId, path);
    emit libraryChanged(m_caseId);
    return QString();
}

QString LibraryController::saveToLibrary() {
    if (m_versionId == 0) return tr("The case is not in the library");
    if (!m_library->saveVersion(m_versionId, writeJson(m_doc->root()), saveOptions(QString())))
        return m_library->lastError();
    m_doc->markSaved();
    emit libraryChanged(m_caseId);
    return QString();
}

QString LibraryController::copyAndRequote(const QString &label) {
    if (!m_library->isOpen()) return m_library->lastError();
    const QByteArray bytes = writeJson(m_doc->root());
    qint64 from = m_versionId;
    if (from == 0) {
        // Not in the library yet: the case as it is becomes the original.
        SaveOptions o = saveOptions(m_doc->fileName());
        o.detail = tr("added for a copy and re-quote");
        const auto id = m_library->addCase(bytes, o);
        if (!id) return m_library->lastError();
        from = *id;
    }
    const auto copy = m_library->copyVersion(from, label, author());
    if (!copy) return m_library->lastError();
    const auto saved = m_library->version(from);
    if (saved && saved->body != bytes && !m_library->saveVersion(*copy, bytes, saveOptions(QString())))
        return m_library->lastError();
    m_loadingVersion = true;
    const JsonValue root = m_doc->root();
    m_doc->load(root, QString()); // the copy lives in the library only, until Save As
    m_loadingVersion = false;
    m_versionId = *copy;
    m_caseId = m_library->version(*copy)->caseId;
    emit libraryChanged(m_caseId);
    return QString();
}

} // namespace pw
