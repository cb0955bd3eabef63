// SPDX-License-Identifier: MIT
#include "libraryconnection.h"

#include "util/displaytext.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace pw {

QThreadPool *libraryThreadPool() {
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(qApp); // ends with the application, after waiting for its workers
        p->setMaxThreadCount(8);         // network waits, not CPU work
        return p;
    }();
    return pool;
}

QString describeLibraryFailure(LibraryFailure failure, const QString &error, const LibraryLocation &where,
                               bool reachedBefore) {
    // One plain sentence of what it means, naming the server; the server's own text is the detail, shown
    // apart (escaped where it is shown). The password is never in either: the library scrubs it.
    const QString e = error.toLower();
    const QString at = where.isServer()
                           ? QStringLiteral("%1:%2")
                                 .arg(where.host.contains(u':') ? u'[' + where.host + u']' : where.host)
                                 .arg(where.port)
                           : QString();
    const QString server = at.isEmpty() ? QObject::tr("The server") : QObject::tr("The server at %1").arg(at);
    if (e.contains(u"password authentication failed") || e.contains(u"no password supplied") ||
        e.contains(u"password is required"))
        return at.isEmpty()
                   ? QObject::tr("Wrong user name or password: the server refused to sign you in.")
                   : QObject::tr("Wrong user name or password: the server at %1 refused the password "
                                 "of %2.")
                         .arg(at, where.user);
    if (e.contains(u"server does not support ssl"))
        return QObject::tr(
            "The server does not offer encrypted connections (TLS): choose an encryption "
            "setting that allows an unencrypted connection, or have TLS set up on the server.");
    if (e.contains(u"could not translate host name") || e.contains(u"name or service not known"))
        return where.isServer()
                   ? QObject::tr("The host name %1 is not known: check its spelling.").arg(where.host)
                   : QObject::tr("The host name is not known: check the spelling of the host.");
    // The server process is there but not taking connections yet, or no longer.
    if (e.contains(u"starting up"))
        return QObject::tr("%1 is starting up: it is tried again shortly.").arg(server);
    if (e.contains(u"shutting down"))
        return QObject::tr("%1 is shutting down: it is tried again until it is back.").arg(server);
    // A connection that was open and was cut: a stop or restart of the server (or the network).
    if (e.contains(u"server closed the connection") || e.contains(u"terminating connection") ||
        e.contains(u"no connection to the server") || e.contains(u"could not receive data") ||
        e.contains(u"connection to server was lost"))
        return QObject::tr("%1 closed the connection: it was stopped or restarted, or the network dropped.")
            .arg(server);
    // Nobody accepts connections at that address. A wrong port and a stopped server look the same from
    // here; a server this window reached earlier (same host and port) was stopped, so that is said.
    if (e.contains(u"connection refused")) {
        if (at.isEmpty())
            return QObject::tr(
                "Nothing answers at that host and port: check the port, and that the server is "
                "running.");
        return reachedBefore
                   ? QObject::tr("Nothing is listening on %1 any more: the server was stopped (it "
                                 "answered earlier).")
                         .arg(at)
                   : QObject::tr("Nothing is listening on %1: check the port, and that the server is "
                                 "running.")
                         .arg(at);
    }
    if (e.contains(u"timeout expired") || e.contains(u"timed out"))
        return QObject::tr("%1 did not answer in time: it may be down or overloaded, or a firewall is in the "
                           "way.")
            .arg(server);
    if (e.contains(u"newer version"))
        return QObject::tr("The library was made by a newer version of the workbench: update the workbench "
                           "to use it.");
    switch (failure) {
    case LibraryFailure::Unreachable:
        return at.isEmpty()
                   ? QObject::tr("The server could not be reached: check the host name and the port, "
                                 "and that the server is running.")
                   : QObject::tr("%1 could not be reached: check the host name and the port, and that "
                                 "the server is running.")
                         .arg(server);
    case LibraryFailure::Refused:
        return QObject::tr("The server refused: you may not do this as this user.");
    case LibraryFailure::Conflict:
        return QObject::tr("Someone else saved this case first.");
    case LibraryFailure::None:
    case LibraryFailure::NotSetUp: // its sentence ("not set up yet: ask …") is shown as the detail
    case LibraryFailure::Other:
        break;
    }
    return QObject::tr("The library could not be used.");
}

QString libraryFailureDetail(const QString &error) {
    // Qt's driver prefixes ("QPSQL: Unable to connect") say nothing to an agent; the server's words stay.
    QString d = error;
    for (const QString &noise :
         {QStringLiteral("QPSQL: Unable to connect"), QStringLiteral("QPSQL: "), QStringLiteral("QSQLITE: ")})
        d.replace(noise, QString());
    return joinLines(d); // libpq's lines as sentences: "Connection refused. Is the server running…"
}

QString libraryFailureDetailLine(const QString &error) {
    const QString detail = libraryFailureDetail(error);
    if (detail.isEmpty()) return QString();
    static const QRegularExpression fromServer(QStringLiteral("\\b(FATAL|ERROR|PANIC):"));
    return fromServer.match(detail).hasMatch() ? QObject::tr("The server said: %1").arg(detail)
                                               : QObject::tr("Details: %1").arg(detail);
}

ConnectionCheck checkLibraryConnection(const LibraryLocation &location, const QString &password) {
    ConnectionCheck c;
    const std::unique_ptr<CaseLibrary> lib = openCaseLibrary(location, password);
    if (!lib->isOpen()) {
        c.failure = lib->lastFailure();
        c.words = describeLibraryFailure(c.failure, lib->lastError(), location);
        c.detail = lib->lastError();
        return c;
    }
    c.connected = true;
    c.identity = identityOf(*lib);
    c.role = lib->role();
    c.userName = lib->userName();
    switch (c.role) {
    case LibraryRole::Agent:
        c.words =
            QObject::tr("Connected as %1, an agent: you can open, edit and save cases.").arg(c.userName);
        break;
    case LibraryRole::Underwriter:
        c.words = QObject::tr("Connected as %1, an underwriter: you can open cases read-only and add notes.")
                      .arg(c.userName);
        break;
    case LibraryRole::Owner:
        c.words = QObject::tr("Connected as %1, the library's owner: you can open, edit and save cases.")
                      .arg(c.userName);
        break;
    }
    return c;
}

namespace {
const QString kOfflineKey = QStringLiteral("library/offlineCases");
}

LibraryConnection::LibraryConnection(QObject *parent)
    : QObject(parent) {
    m_probeTimer = new QTimer(this);
    m_probeTimer->setInterval(kDefaultProbeIntervalMs);
    connect(m_probeTimer, &QTimer::timeout, this, &LibraryConnection::retryNow);
    connect(&m_probe, &QFutureWatcher<ConnectionCheck>::finished, this, &LibraryConnection::probeFinished);
    // Online: the same check at the same interval, on a worker, so an outage is noticed while idle.
    m_idleProbeTimer = new QTimer(this);
    m_idleProbeTimer->setInterval(kDefaultProbeIntervalMs);
    connect(m_idleProbeTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Online || m_idleProbe.isRunning()) return;
        m_idleProbeOf = m_opened;
        m_idleProbe.setFuture(
            QtConcurrent::run(libraryThreadPool(), [location = m_location, password = m_password] {
                return checkLibraryConnection(location, password);
            }));
    });
    connect(&m_idleProbe, &QFutureWatcher<ConnectionCheck>::finished, this,
            &LibraryConnection::idleProbeFinished);
    connect(&m_upload, &QFutureWatcher<PushReport>::finished, this, [this] {
        const PushReport report = m_upload.result();
        if (report.error.isEmpty()) {
            QList<qint64> left = offlineCases();
            for (qint64 id : std::as_const(m_uploading))
                left.removeAll(id);
            QStringList ids;
            for (qint64 id : std::as_const(left))
                ids << QString::number(id);
            QSettings().setValue(kOfflineKey, ids);
        }
        const QList<qint64> uploaded = std::exchange(m_uploading, {});
        emit uploadFinished(report, uploaded);
        emit stateChanged();
    });
}

LibraryConnection::~LibraryConnection() {
    waitForIdle();
}

void LibraryConnection::waitForIdle(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while ((m_probe.isRunning() || m_upload.isRunning()) && t.elapsed() < timeoutMs)
        QThread::msleep(5);
}

void LibraryConnection::setProbeIntervalMs(int ms) {
    m_probeTimer->setInterval(ms);
    m_idleProbeTimer->setInterval(ms);
}

void LibraryConnection::idleProbeFinished() {
    const ConnectionCheck c = m_idleProbe.result();
    // Only an unreachable server takes the window offline: a check that merely took long, or a refusal
    // that a save would meet anyway (it says so then), leaves it as it is.
    if (m_idleProbeOf != m_opened || m_state != State::Online || c.connected ||
        c.failure != LibraryFailure::Unreachable)
        return;
    markOffline(describeFailure(c.failure, c.detail), c.detail);
}

void LibraryConnection::open(const LibraryLocation &location, const QString &password) {
    waitForIdle(); // not for a check made while online: its result is of the library before (m_opened)
    ++m_opened;
    m_probeTimer->stop();
    m_idleProbeTimer->stop();
    m_server.reset();
    m_location = location;
    m_password = password;
    m_reached = false;
    m_offlineReason.clear();
    // The local library: the chosen file, or beside a server the file in the data folder.
    const QString localPath = location.kind == LibraryLocation::Kind::Local ? location.path : QString();
    if (!m_local || localPath != m_localPath) {
        m_local = openCaseLibrary(LibraryLocation::local(localPath));
        m_localPath = localPath;
    }
    if (location.kind == LibraryLocation::Kind::Local) {
        m_state = State::Local;
    } else {
        // The first answer is awaited in a local event loop: painting goes on, the network wait does not
        // sit on this thread.
        m_state = State::Offline;
        m_probe.setFuture(QtConcurrent::run(libraryThreadPool(), [location, password] {
            return checkLibraryConnection(location, password);
        }));
        QEventLoop loop;
        connect(&m_probe, &QFutureWatcher<ConnectionCheck>::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(kConnectWaitMs, &loop, &QEventLoop::quit);
        if (m_probe.isRunning()) loop.exec();
        if (m_probe.isRunning())
            markOffline(tr("The server did not answer within %1 seconds.").arg(kConnectWaitMs / 1000),
                        QString());
    }
    emit activeLibraryChanged();
    emit stateChanged();
}

QString LibraryConnection::describeFailure(LibraryFailure failure, const QString &error) const {
    return describeLibraryFailure(failure, error, m_location, m_reached);
}

void LibraryConnection::connectServer(const ConnectionCheck &check) {
    m_reached = true;
    // No connection on this thread: the check just opened the library on a worker (and migrated it).
    m_server = openCheckedCaseLibrary(m_location, m_password, check.identity);
    m_offlineReason.clear();
    m_offlineDetail.clear();
    m_state = State::Online;
    m_probeTimer->stop();
    m_idleProbeTimer->start();
}

void LibraryConnection::probeFinished() {
    if (m_location.kind != LibraryLocation::Kind::Server || m_server) return;
    const ConnectionCheck c = m_probe.result();
    if (c.connected) {
        connectServer(c);
        emit activeLibraryChanged();
        emit stateChanged();
        return;
    }
    // Wrong password, a newer schema or an unreachable server: the window works on the local library.
    markOffline(describeFailure(c.failure, c.detail), c.detail, c.failure == LibraryFailure::Unreachable);
}

int LibraryConnection::probeIntervalMs() const {
    return m_probeTimer->interval();
}

bool LibraryConnection::isRetrying() const {
    return m_probeTimer->isActive();
}

void LibraryConnection::markOffline(const QString &why, const QString &detail, bool retry) {
    if (m_location.kind != LibraryLocation::Kind::Server) return;
    const bool changed = m_state != State::Offline || m_server;
    m_idleProbeTimer->stop();
    m_server.reset();
    m_state = State::Offline;
    m_offlineReason = why;
    m_offlineDetail = detail;
    if (retry)
        m_probeTimer->start();
    else
        m_probeTimer->stop();
    if (changed) emit activeLibraryChanged();
    emit stateChanged();
}

void LibraryConnection::retryNow() {
    if (m_state != State::Offline || m_probe.isRunning()) return;
    m_probe.setFuture(QtConcurrent::run(libraryThreadPool(), [location = m_location, password = m_password] {
        return checkLibraryConnection(location, password);
    }));
}

QList<qint64> LibraryConnection::offlineCases() const {
    QList<qint64> ids;
    for (const QString &s : QSettings().value(kOfflineKey).toStringList())
        if (const qint64 id = s.toLongLong(); id > 0 && !ids.contains(id)) ids << id;
    return ids;
}

void LibraryConnection::rememberOfflineCase(qint64 localCaseId) {
    QStringList ids = QSettings().value(kOfflineKey).toStringList();
    if (ids.contains(QString::number(localCaseId))) return;
    ids << QString::number(localCaseId);
    QSettings().setValue(kOfflineKey, ids);
    emit stateChanged();
}

bool LibraryConnection::upload() {
    if (m_state != State::Online || m_upload.isRunning() || offlineCases().isEmpty()) return false;
    // pushLibrary recognises a case by its uid: a case saved offline that came from the server (its local
    // twin, see LibraryController::saveOffline) gains the server case's new versions — labelled as an
    // offline edit and reported as a conflict when the server's copy changed meanwhile; nothing is
    // overwritten or merged silently. A case made offline is copied as a new server case.
    m_uploading = offlineCases();
    // Both connections are opened on the worker; progress comes back queued to this thread.
    m_upload.setFuture(
        QtConcurrent::run(libraryThreadPool(), [from = m_local->connector(), to = m_server->connector(),
                                                ids = m_uploading, self = QPointer<LibraryConnection>(this)] {
            const auto source = from();
            const auto target = to();
            if (!source->isOpen() || !target->isOpen()) {
                PushReport r;
                r.error = source->isOpen() ? target->lastError() : source->lastError();
                return r;
            }
            return pushLibrary(*source, *target, ids, [self](int done, int total) {
                QMetaObject::invokeMethod(self, [self, done, total] {
                    if (self) emit self->uploadProgress(done, total);
                });
            });
        }));
    emit stateChanged();
    return true;
}

} // namespace pw
