// SPDX-License-Identifier: MIT
#include "pgcluster.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QUuid>

#include <unistd.h>

namespace pw::test {

namespace {

bool runningAsRoot() {
    return ::geteuid() == 0;
}

int freePort() {
    QTcpServer s;
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

QString shellQuoted(const QString &s) {
    QString q = s;
    return QStringLiteral("'") + q.replace(u'\'', QStringLiteral("'\\''")) + QStringLiteral("'");
}

QString identifier(const QString &name) {
    QString n = name;
    return QStringLiteral("\"") + n.replace(u'"', QStringLiteral("\"\"")) + QStringLiteral("\"");
}

QString literal(const QString &text) {
    QString t = text;
    return QStringLiteral("'") + t.replace(u'\'', QStringLiteral("''")) + QStringLiteral("'");
}

} // namespace

PgTestCluster::PgTestCluster() = default;

PgTestCluster::~PgTestCluster() {
    stop();
    if (m_dir) QDir(m_dir->path()).removeRecursively();
}

QString PgTestCluster::dataDir() const {
    return m_dir ? m_dir->filePath(QStringLiteral("data")) : QString();
}

bool PgTestCluster::runTool(const QString &tool, const QStringList &args, QString *output,
                            const QHash<QString, QString> &env, bool asServerUser) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("PGPASSWORD"));
    for (auto it = env.begin(); it != env.end(); ++it)
        e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    const QString program = QString::fromLatin1(kBinDir) + u'/' + tool;
    if (asServerUser && runningAsRoot())
        p.start(QStringLiteral("runuser"),
                QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} +
                    args);
    else
        p.start(program, args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit ||
        p.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2%3")
                      .arg(tool, QString::fromUtf8(p.readAllStandardError()).trimmed(), p.errorString());
        return false;
    }
    if (output) *output = QString::fromUtf8(p.readAllStandardOutput());
    return true;
}

bool PgTestCluster::start() {
    if (m_running) return true;
    if (!QFileInfo::exists(QString::fromLatin1(kBinDir) + QStringLiteral("/initdb"))) {
        m_error = QStringLiteral("PostgreSQL 15 server binaries are missing (%1/initdb): install the Debian "
                                 "package postgresql (packaging/debian-packages.txt)")
                      .arg(QString::fromLatin1(kBinDir));
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        m_error = QStringLiteral("The Qt SQL driver QPSQL is missing: install the Debian package "
                                 "libqt6sql6-psql (packaging/debian-packages.txt)");
        return false;
    }
    if (!m_initialised) {
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/pw-pg-XXXXXX"));
        if (!m_dir->isValid()) {
            m_error = QStringLiteral("Cannot make a temporary folder for the cluster");
            return false;
        }
        m_dir->setAutoRemove(false); // removed by stop() (files owned by postgres) or the watchdog
        if (runningAsRoot()) {
            QProcess::execute(QStringLiteral("chown"), {QStringLiteral("postgres:"), m_dir->path()});
        }
        m_port = freePort();
        if (!runTool(QStringLiteral("initdb"),
                     {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), QStringLiteral("postgres"),
                      QStringLiteral("--auth-local=trust"), QStringLiteral("--auth-host=scram-sha-256"),
                      QStringLiteral("--no-sync"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                      QStringLiteral("--locale=C.UTF-8")}))
            return false;
        // The watchdog: once this process is gone, the server stops and its folder goes.
        const QString stopCmd = (runningAsRoot() ? QStringLiteral("runuser -u postgres -- ") : QString()) +
                                shellQuoted(QString::fromLatin1(kBinDir) + QStringLiteral("/pg_ctl")) +
                                QStringLiteral(" stop -D ") + shellQuoted(dataDir()) +
                                QStringLiteral(" -m immediate");
        QProcess::startDetached(
            QStringLiteral("sh"),
            {QStringLiteral("-c"), QStringLiteral("while kill -0 %1 2>/dev/null; do sleep 1; done; %2 "
                                                  ">/dev/null 2>&1; rm -rf %3")
                                       .arg(QCoreApplication::applicationPid())
                                       .arg(stopCmd, shellQuoted(m_dir->path()))});
        m_initialised = true;
    }
    const QString options =
        QStringLiteral("-c listen_addresses=127.0.0.1 -c port=%1 -c unix_socket_directories=%2 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=120 "
                       "-c shared_buffers=64MB")
            .arg(m_port)
            .arg(m_dir->path());
    if (!runTool(QStringLiteral("pg_ctl"),
                 {QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                  QStringLiteral("-D"), dataDir(), QStringLiteral("-l"),
                  m_dir->filePath(QStringLiteral("server.log")), QStringLiteral("-o"), options}))
        return false;
    m_running = true;
    return true;
}

bool PgTestCluster::stop() {
    if (!m_dir) return true;
    if (m_running) {
        m_running = false;
        if (!runTool(QStringLiteral("pg_ctl"),
                     {QStringLiteral("stop"), QStringLiteral("-w"), QStringLiteral("-D"), dataDir(),
                      QStringLiteral("-m"), QStringLiteral("fast")}))
            return false;
    }
    return true;
}

bool PgTestCluster::restart() {
    return stop() && start();
}

bool PgTestCluster::runSql(const QString &sql, const QString &user, QString *output,
                           const QString &database) {
    QStringList args{QStringLiteral("-X"), QStringLiteral("-q"),
                     QStringLiteral("-A"), QStringLiteral("-t"),
                     QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                     QStringLiteral("-d"), database,
                     QStringLiteral("-c"), sql};
    QHash<QString, QString> env;
    if (user.isEmpty()) {
        args << QStringLiteral("-h") << m_dir->path() << QStringLiteral("-p") << QString::number(m_port)
             << QStringLiteral("-U") << QStringLiteral("postgres");
    } else {
        args << QStringLiteral("-h") << QStringLiteral("127.0.0.1") << QStringLiteral("-p")
             << QString::number(m_port) << QStringLiteral("-U") << user;
        env.insert(QStringLiteral("PGPASSWORD"), m_passwords.value(user));
    }
    return runTool(QStringLiteral("psql"), args, output, env, false);
}

QString PgTestCluster::scalar(const QString &sql, const QString &database) {
    QString out;
    if (!runSql(sql, {}, &out, database)) return {};
    return out.section(u'\n', 0, 0).trimmed();
}

bool PgTestCluster::createDatabase(const QString &name, const QString &owner) {
    return runSql(QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(identifier(name), identifier(owner)), {},
                  nullptr, QStringLiteral("postgres")) &&
           runSql(QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm"), {}, nullptr, name);
}

bool PgTestCluster::createAgency(const QStringList &agents, const QStringList &underwriters) {
    auto makeUser = [this](const QString &user, const QString &group) {
        const QString password = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_passwords.insert(user, password);
        return runSql(QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD %2%3")
                          .arg(identifier(user), literal(password),
                               group.isEmpty() ? QString() : QStringLiteral(" IN ROLE ") + group),
                      {}, nullptr, QStringLiteral("postgres"));
    };
    if (!runSql(QStringLiteral("CREATE ROLE pw_agent NOLOGIN; CREATE ROLE pw_underwriter NOLOGIN"), {},
                nullptr, QStringLiteral("postgres")) ||
        !makeUser(QStringLiteral("owner"), QString()))
        return false;
    for (const QString &a : agents)
        if (!makeUser(a, QStringLiteral("pw_agent"))) return false;
    for (const QString &u : underwriters)
        if (!makeUser(u, QStringLiteral("pw_underwriter"))) return false;
    return createDatabase(QString::fromLatin1(kDatabase), QStringLiteral("owner")) &&
           runSql(QStringLiteral("REVOKE CREATE ON SCHEMA public FROM PUBLIC"));
}

LibraryLocation PgTestCluster::location(const QString &user, const QString &database) const {
    LibraryLocation l;
    l.kind = LibraryLocation::Kind::Server;
    l.host = QStringLiteral("127.0.0.1");
    l.port = m_port;
    l.user = user;
    l.database = database;
    l.sslMode = QStringLiteral("disable");
    return l;
}

QString PgTestCluster::url(const QString &user, const QString &database) const {
    return location(user, database).toUrl();
}

} // namespace pw::test
