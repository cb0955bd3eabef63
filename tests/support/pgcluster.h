// SPDX-License-Identifier: MIT
#pragma once

#include "store/librarylocation.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace pw::test {

// A throwaway PostgreSQL 15 cluster for tests (Debian's `postgresql` package): initdb in a temporary
// folder, pg_ctl on a free 127.0.0.1 port with its own unix socket folder, scram password logins over
// TCP for the test users (passwords made at random per cluster), the superuser `postgres` over the socket
// without one. As root the server runs as the `postgres` user (runuser); otherwise as the current user.
// stop() (and the destructor) shut it down and remove the folder; a watchdog process does the same within
// a second if the test process dies first. When the server binaries or the Qt driver are missing, start()
// fails with a message naming the Debian package: the tests then fail (never skip), so CI proves the
// package list.
class PgTestCluster {
public:
    static constexpr const char *kBinDir = "/usr/lib/postgresql/15/bin";
    static constexpr const char *kDatabase = "library";

    PgTestCluster();
    ~PgTestCluster();
    PgTestCluster(const PgTestCluster &) = delete;
    PgTestCluster &operator=(const PgTestCluster &) = delete;

    bool start(); // initdb (first time) and start; false with error()
    bool stop();
    bool restart(); // stop, then start on the same port with the same data
    bool isRunning() const { return m_running; }
    int port() const { return m_port; }
    QString error() const { return m_error; }

    // The agency's setup (README): roles pw_agent and pw_underwriter, the owner pw_owner, database
    // "library" owned by it with pg_trgm, and users. Users: "owner" → pw_owner; agents and underwriters are
    // LOGIN roles in the group roles. Their passwords: password(user).
    bool createAgency(const QStringList &agents, const QStringList &underwriters);
    bool createDatabase(const QString &name, const QString &owner);
    QString password(const QString &user) const { return m_passwords.value(user); }

    LibraryLocation location(const QString &user,
                             const QString &database = QString::fromLatin1(kDatabase)) const;
    QString url(const QString &user, const QString &database = QString::fromLatin1(kDatabase)) const;

    // Runs SQL through psql: as `user` over TCP with their password, or (user empty) as the superuser over
    // the socket. Returns false with error() on failure; *output gets psql's unaligned rows.
    bool runSql(const QString &sql, const QString &user = {}, QString *output = nullptr,
                const QString &database = QString::fromLatin1(kDatabase));
    // The first value of the first row, as the superuser ("" on failure).
    QString scalar(const QString &sql, const QString &database = QString::fromLatin1(kDatabase));

private:
    bool runTool(const QString &tool, const QStringList &args, QString *output = nullptr,
                 const QHash<QString, QString> &env = {}, bool asServerUser = true);
    QString dataDir() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_port = 0;
    bool m_initialised = false;
    bool m_running = false;
    QString m_error;
    QHash<QString, QString> m_passwords;
};

} // namespace pw::test
