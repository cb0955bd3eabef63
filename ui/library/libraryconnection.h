// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"
#include "store/librarypush.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <memory>

class QTimer;

namespace pw {

// What a connection attempt found, in plain words (never the password): for the settings dialog's "Test
// connection" and the window's banner.
struct ConnectionCheck {
    bool connected = false;
    LibraryRole role = LibraryRole::Owner;
    QString userName;
    LibraryFailure failure = LibraryFailure::None;
    QString words;            // "Connected as alice, an agent: …" / "Wrong user name or password …"
    QString detail;           // the library's own text of a failure (libpq's words; never the password)
    LibraryIdentity identity; // of a connected library: what the window's handle of it starts from
};
// Opens the library at `location` and describes the outcome. Blocking: call on a worker thread.
ConnectionCheck checkLibraryConnection(const LibraryLocation &location, const QString &password);
// The sentence for a library that failed to open (isOpen() false), or for its last failure, naming the
// server at `where` ("Nothing is listening on db.agency:5432…", "The server at db.agency:5432 closed the
// connection…", "…is starting up", "…refused the password of alice"). `reachedBefore`: this window was
// connected to that very server earlier, so a refused connection means it was stopped (a wrong port and
// a stopped server cannot be told apart otherwise). Never the password; the error text is not repeated.
QString describeLibraryFailure(LibraryFailure failure, const QString &error,
                               const LibraryLocation &where = LibraryLocation(), bool reachedBefore = false);
// The server's own words of a failure for showing apart from describeLibraryFailure's sentence, without
// the SQL driver's jargon ("QPSQL: Unable to connect").
QString libraryFailureDetail(const QString &error);
// The line shown under describeLibraryFailure's sentence: "The server said: …" only when the text holds the
// server's own words (a message it sent, which libpq tags with its severity: FATAL:, ERROR:, PANIC:);
// otherwise "Details: …", because libpq's account of a server that never answered (nothing listening, no
// answer in time, an unknown host, a dropped connection) is not the server's. Empty for an empty error.
QString libraryFailureDetailLine(const QString &error);

// The threads every library call of the window runs on (reads, saves, checks, uploads, autosave). Not
// Qt's global pool: the raster paint engine hands work to that one and waits for it, so workers stuck on
// a server that stopped answering there would stop the window from painting.
QThreadPool *libraryThreadPool();

// The window's link to its case library (issue 16): the library chosen in Settings → Library — the local
// file, or a PostgreSQL server — and, beside a server, the local library the window falls back to when
// the server cannot be reached.
//
// States: Local (the file is the library), Online (the server answers), Offline (a server is chosen but
// cannot be reached: the local library is active, the server is checked again every probeIntervalMs on a
// worker thread and on retryNow()). While Online the server is checked at the same interval too, so an
// idle window notices an outage (it says so and goes Offline) without waiting for the next save. Cases saved
// while offline are remembered (QSettings library/offlineCases, ids in the local library) until they are
// uploaded with upload() (pushLibrary on a worker thread, progress and report by signal).
//
// Connecting to a server happens on a worker thread only (checkLibraryConnection, which also migrates):
// the window's handle of a server that answered is made from what the check found
// (openCheckedCaseLibrary) without a connection of its own, so a server that stops answering right after
// the check never holds this thread. Every call on the library runs on a worker through connector().
// The recovery records of autosave always go to the local library: they belong to this computer.
class LibraryConnection : public QObject {
    Q_OBJECT
public:
    enum class State { Local, Online, Offline };
    static constexpr int kDefaultProbeIntervalMs = 15000;
    static constexpr int kConnectWaitMs = 15000; // how long a start or a switch waits for the server

    explicit LibraryConnection(QObject *parent = nullptr);
    ~LibraryConnection() override;

    // Switches to `location` (password: for a server). Waits for the server's first answer in a local
    // event loop (the window keeps painting); an unreachable server leaves the connection Offline.
    void open(const LibraryLocation &location, const QString &password);

    State state() const { return m_state; }
    LibraryLocation location() const { return m_location; }
    // The library the window shows and saves to now: the server when online, else the local one.
    CaseLibrary *active() const { return m_server ? m_server.get() : m_local.get(); }
    CaseLibrary *local() const { return m_local.get(); }
    CaseLibrary *server() const { return m_server.get(); }
    // What the signed-in user may do (Owner for the local file or when offline).
    LibraryRole role() const { return m_server ? m_server->role() : LibraryRole::Owner; }
    bool isReadOnly() const { return role() == LibraryRole::Underwriter; }
    // describeLibraryFailure for the chosen server, knowing whether this connection reached it before.
    QString describeFailure(LibraryFailure failure, const QString &error) const;
    // Why the server is offline, in plain words (empty otherwise).
    QString offlineReason() const { return m_offlineReason; }
    QString offlineDetail() const { return m_offlineDetail; }

    // A server call failed: fall back to the local library. `retry`: the server could not be reached, so
    // it is checked again every probeIntervalMs; a refused login (a wrong password) is not tried again
    // until the settings change or Retry now.
    // `why` is one plain sentence, `detail` the server's own text (shown apart, as data).
    void markOffline(const QString &why, const QString &detail, bool retry = true);
    // Whether the server is checked again on its own (false after a refused login).
    bool isRetrying() const;
    // Checks the server now, on a worker (no-op unless Offline, or while a check runs).
    void retryNow();
    bool isProbing() const { return m_probe.isRunning(); }
    void setProbeIntervalMs(int ms);
    int probeIntervalMs() const;

    QList<qint64> offlineCases() const;
    void rememberOfflineCase(qint64 localCaseId);
    // Uploads the cases saved while offline to the server, on a worker; false when not online or busy.
    bool upload();
    bool isUploading() const { return m_upload.isRunning(); }
    // Blocks until a running check (made while offline) or upload is over (tests, shutdown).
    void waitForIdle(int timeoutMs = 30000);

signals:
    void stateChanged();
    void activeLibraryChanged();
    void uploadProgress(int done, int total);
    // `caseIds`: the local cases the upload was of (they are no longer waiting when report.ok()).
    void uploadFinished(const PushReport &report, const QList<qint64> &caseIds);

private:
    void probeFinished();
    void idleProbeFinished();                         // a check made while Online
    void connectServer(const ConnectionCheck &check); // after a check said the server answers

    LibraryLocation m_location;
    QString m_password; // held for reconnecting only; never written or shown
    State m_state = State::Local;
    std::unique_ptr<CaseLibrary> m_local, m_server;
    QString m_localPath; // the file m_local is (empty: the default library)
    QString m_offlineReason, m_offlineDetail;
    bool m_reached = false; // the chosen server answered since it was chosen
    QTimer *m_probeTimer = nullptr;
    QFutureWatcher<ConnectionCheck> m_probe;
    QTimer *m_idleProbeTimer = nullptr; // while Online
    QFutureWatcher<ConnectionCheck> m_idleProbe;
    quint64 m_opened = 0, m_idleProbeOf = 0; // open() calls; the one an idle check was made under
    QFutureWatcher<PushReport> m_upload;
    QList<qint64> m_uploading;
};

} // namespace pw
