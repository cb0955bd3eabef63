// SPDX-License-Identifier: MIT
#pragma once

#include "store/autosavesession.h"
#include "store/caselibrary.h"
#include "store/librarypush.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>

#include <functional>
#include <memory>

class QTimer;

namespace pw {

class CaseDocument;
class LibraryConnection;
class RankingController;

// How a save into the library went. `failure` and `error` say why it did not; a Conflict carries what the
// library has now (`conflict`, and its stored bytes in `theirs`). `savedOffline`: the server could not be
// reached and the case went to the local library instead (ok is true then: nothing is lost).
struct LibrarySaveOutcome {
    bool ok = false;
    // The bytes written (serialised on a worker from the case as it was when the save began; empty when
    // it did not get that far) and whether the document is still that tree (no edit came meanwhile).
    QByteArray bytes;
    bool documentUnchanged = true;
    bool savedOffline = false;
    LibraryFailure failure = LibraryFailure::None;
    QString error;
    std::optional<SaveConflict> conflict;
    std::optional<LibraryVersion> theirs;
};

// Ties the open case to the case library. Knows which library version the open document is (0: none —
// a new case, the sample, or a file the library has not seen), saves it there (with the ranking in effect
// and the audit entries that follow), makes "copy and re-quote" versions, links remote runs, and autosaves.
//
// Autosave: a few seconds (autosaveDelayMs) after the last edit of a modified case its bytes go to this
// window's recovery record, written on a worker thread. The record goes when the case is saved or
// replaced, and on a normal close (the destructor); a crash leaves it, and the next start offers it
// (orphanedRecoveries, see AutosaveSession). Every failed library write is reported through message().
//
// Shared library (issue 16): the library is the one LibraryConnection has active — the local file or a
// PostgreSQL server. The open case belongs to one library (docLibrary(): the server, or the local one
// when it was opened or saved there while offline). Every save of a case it opened passes the revision
// it opened as SaveOptions::expectedRevision, so a case someone else saved meanwhile is refused with a
// Conflict (never overwritten). Opening and saving run on a worker thread with their own connection
// (CaseLibrary::connector()); the caller waits in a local event loop, with busyChanged(true) meanwhile
// and busyText() saying what runs, so the window keeps painting and stays usable (the window takes edits
// meanwhile; it only refuses commands that would replace the case). A save serialises the case on the
// worker from the tree as it was when Save was chosen, and marks the document saved only when no edit
// came meanwhile (CaseDocument::treeGeneration): later edits belong to the next save. A save the server
// cannot receive goes to the local library and is remembered for upload.
class LibraryController : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultAutosaveDelayMs = 3000;

    // Opens the library saved in Settings → Library (the local file unless a server was chosen).
    LibraryController(CaseDocument *doc, RankingController *ranking, QObject *parent = nullptr);
    ~LibraryController() override;

    // The library the window shows now (the server, or the local one).
    CaseLibrary *library() const;
    LibraryConnection *connection() const { return m_connection; }
    // The library the open case belongs to.
    CaseLibrary *docLibrary() const;
    bool isOpen() const { return library()->isOpen(); }
    // Switches to another library (Settings → Library, OK). The open case is kept, detached from the
    // library it came from (it is saved as a new case, or with Save As).
    void switchLibrary(const LibraryLocation &location, const QString &password);
    // How many cases the library holds (read on a worker; 0 when it cannot be read).
    int caseCount();
    // The revision of the open version as it was opened or last saved (0: none).
    int revision() const { return m_revision; }
    bool isBusy() const { return m_busy > 0; }
    // What the library call out is doing, in plain words ("Saving the case to the library on this
    // computer…", "Saving the case to the library server db.agency:5432…"); empty when none is out.
    QString busyText() const { return m_busyText; }
    // Whether the call out waits for a library server (a local library is no server: nothing to stop
    // waiting for, its work simply runs on).
    bool isWaitingForServer() const { return m_busy > 0 && m_busyOnServer; }
    // A library call has been out longer than kSlowMs: the window says so, and for a server offers to stop
    // waiting.
    static constexpr int kSlowMs = 3000;
    bool isWaitingLong() const { return m_slow; }
    // How long the call out has run (ms; 0 when none).
    qint64 busyElapsedMs() const;
    // Gives up on the call being waited for: it counts as an unreachable server (a save then goes to the
    // local library). The worker finishes on its own; its result is dropped.
    void stopWaiting();
    qint64 versionId() const { return m_versionId; }
    qint64 caseId() const { return m_caseId; }
    // "Dana Okafor — library, version 2 (Renewal)" for a case kept in the library only; empty otherwise.
    QString libraryTitle() const;
    QString author() const;

    // Loads a version into the document; its file becomes the document's file when this is the case's
    // newest version and the file still holds the same bytes. False with the reason on failure.
    bool openVersion(qint64 versionId, QString *error);
    // After the case was written to `fileName`: saves it into the library too (the version it came from,
    // the case that knows this file, or a new case).
    LibrarySaveOutcome recordFileSave(const QString &fileName);
    // Saves the open case into its library version (a case kept in the library only).
    LibrarySaveOutcome saveToLibrary();
    // Copy and re-quote: a new version of the open case (added to the library first if it is not there)
    // holding the document as it is now; the version it came from keeps its saved bytes. The document then
    // is that new version, kept in the library only. Empty or the reason.
    QString copyAndRequote(const QString &label);

    void setAutosaveDelayMs(int ms);
    // Writes the recovery record now, on a worker (tests and the timer); waitForAutosave blocks until done.
    void autosaveNow();
    bool waitForAutosave(int timeoutMs = 10000);
    std::vector<RecoveryRecord> orphanedRecoveries() const;
    // Loads a recovered case into the document (modified, not saved) and removes its record.
    bool restore(const RecoveryRecord &record, QString *error);
    bool discard(const RecoveryRecord &record, QString *error);
    // Behaves as a crash would: the lock is given up and the record is left for the next start.
    void simulateCrashForTests();

signals:
    void libraryChanged(qint64 caseId);
    void message(const QString &text);
    // A library call runs on a worker (true) or is over (false).
    void busyChanged(bool busy);
    // A library call is taking long (true), or is over (false).
    void slowChanged(bool slow);
    // The active library was replaced (a switch, offline, back online): views reread it.
    void activeLibraryChanged();

private:
    // What a worker did with its own connection of a library.
    struct JobResult {
        bool ok = false;
        qint64 id = 0;
        LibraryFailure failure = LibraryFailure::None;
        QString error;
        std::optional<SaveConflict> conflict;
        std::optional<LibraryVersion> version;
        std::optional<LibraryCase> libraryCase;
        std::optional<CaseCopy> copy; // the server case as it is after the job (readServerCopy)
        QByteArray body;              // a save job's bytes (runSaveJob)
    };
    using Job = std::function<JobResult(CaseLibrary &)>;
    using SaveJob = std::function<JobResult(CaseLibrary &, const QByteArray &body)>;
    // Runs `job` on a worker with a new connection to `lib`, waiting in a local event loop; `doing` is
    // what the window says meanwhile. A failed job comes back with the connection's lastFailure,
    // lastError and lastConflict.
    JobResult runJob(CaseLibrary *lib, Job job, const QString &doing = QString());
    // The same for a save: `root` is serialised on the worker first (its bytes come back in body, also
    // when the library could not be opened), then `job` runs with them.
    JobResult runSaveJob(CaseLibrary *lib, const JsonValue &root, SaveJob job);
    JobResult waitForJob(CaseLibrary *lib, QFuture<JobResult> future, const QString &doing);
    // "Saving the case to the library on this computer…" or "…to the library server HOST:PORT…".
    QString savingWords(CaseLibrary *lib) const;
    // The ranking snapshot to store with a save, computed on the worker (it hashes the whole case).
    std::function<RankingSnapshot()> rankingSource() const;
    // After a failed save: the stored version for a conflict, the local library for an unreachable server.
    LibrarySaveOutcome failedSave(const JobResult &r, const JsonValue &root, const QString &filePath);
    LibrarySaveOutcome saveOffline(const JsonValue &root, const QString &filePath);
    LibrarySaveOutcome recordFileSaveOf(const JsonValue &root, const QString &path);
    void adopt(const LibraryVersion &v, bool inLocal);
    // Reads the case's summary (with its uid) and every version with its bytes into j.copy: what the
    // window knows of a server case, so a save while the server is unreachable becomes a local copy of
    // that very case (same uid; its versions remember the bytes they started from) that the upload
    // appends to the server case — or reports as a conflict when the server's copy changed meanwhile.
    static void readServerCopy(CaseLibrary &l, qint64 caseId, JobResult &j);
    // After a job on `lib`: keeps its server copy (or forgets it for a local library).
    void keepServerCopy(CaseLibrary *lib, const JobResult &r);
    // After an upload: the open case, if it was one of the uploaded local cases, is the server's copy now.
    void followUpload(const PushReport &report, const QList<qint64> &caseIds);
    void documentLoaded();
    void documentEdited();
    void modifiedChanged(bool modified);
    RankingSnapshot currentRanking() const;
    SaveOptions saveOptions(const QString &filePath) const;
    // The remote runs the run store keeps for a case file (linked in the library with its save).
    QStringList remoteRunIds(const QString &filePath) const;
    QString describeFailure(const JobResult &r) const;
    void removeOwnRecovery();
    QString libraryFolder() const;

    CaseDocument *m_doc;
    RankingController *m_ranking;
    LibraryConnection *m_connection = nullptr;
    std::unique_ptr<AutosaveSession> m_session;
    QTimer *m_autosave = nullptr;
    QFuture<QString> m_autosaveJob;
    qint64 m_versionId = 0, m_caseId = 0;
    int m_revision = 0;
    // The case's current version when the open version was read or saved: a save is refused (Conflict)
    // when someone made another version current meanwhile (SaveOptions::expectedCurrentVersion).
    qint64 m_currentVersionId = 0;
    // The open server case as last read or saved (empty: not a server case); see readServerCopy.
    std::optional<CaseCopy> m_serverCopy;
    bool m_docInLocal = false; // the open case's ids are of the local library (not the server's)
    QString m_title;           // "Dana Okafor — library, version 2 (Renewal)" of the open version
    int m_busy = 0;
    bool m_slow = false;
    bool m_busyOnServer = false;
    QString m_busyText;
    QElapsedTimer m_busySince;
    std::function<void()> m_stopWaiting;
    bool m_loadingVersion = false;
    quint64 m_loads = 0; // cases loaded into the document: a save's result is not adopted by another case
    bool m_crashed = false;
};

} // namespace pw
