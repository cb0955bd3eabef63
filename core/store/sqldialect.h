// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace pw {

// What differs between the SQL databases the case library can live in. Everything else the library says
// is standard SQL that SQLite and PostgreSQL both accept: `INSERT … RETURNING id`, `LIKE … ESCAPE`,
// `||`, `ALTER TABLE … ADD COLUMN`, transactional DDL, DOUBLE PRECISION, TEXT, BIGINT. SqliteDialect and
// PostgresDialect implement it; SqlCaseLibrary needs nothing else.
class SqlDialect {
public:
    virtual ~SqlDialect() = default;
    virtual QString driverName() const = 0;     // the Qt SQL driver: "QSQLITE", "QPSQL"
    virtual QString connectOptions() const = 0; // QSqlDatabase::setConnectOptions
    // Statements run once on every new connection, outside any transaction (journal mode, foreign keys).
    virtual QStringList sessionSetup() const = 0;
    // The column definition of an auto-assigned 64-bit primary key named id.
    virtual QString identityColumn() const = 0;
    virtual QString blobType() const = 0;
    // The type of a column holding such an id (SQLite's INTEGER is 64-bit; PostgreSQL's is not).
    virtual QString idType() const = 0;
    // Starts a transaction that will write (SQLite: take the write lock at once, so two writers wait for
    // each other instead of failing half way).
    virtual QString beginWrite() const = 0;
    // A query whose first column reads "ok" when the database is consistent.
    virtual QString integrityCheck() const = 0;
    // Whether the database lives in a local file (SQLite) whose folder must exist.
    virtual bool isFileBased() const = 0;
    // Appended to a SELECT that reads a row the transaction will change (PostgreSQL: " FOR UPDATE", so a
    // second writer waits; SQLite's BEGIN IMMEDIATE has already locked the whole file).
    virtual QString forUpdate() const = 0;
    // Run first in every migration transaction: waits until no other client is migrating (SQLite: none
    // needed, BEGIN IMMEDIATE serialises writers).
    virtual QString migrationLock() const = 0;
    // Run inside a write transaction with one bound text: waits until no other client's transaction holds
    // the same key, so a "is this case already here?" decision and the insert it leads to are one step
    // (PostgreSQL: a transaction-scoped advisory lock on the key's hash; SQLite: none needed, BEGIN
    // IMMEDIATE serialises writers).
    virtual QString keyLock() const = 0;
    // Moves `table`'s identity sequence past the ids rows were copied with (empty: nothing to do).
    virtual QString resetIdentity(const QString &table) const = 0;
    // The SQL expression naming the user as the database knows them (PostgreSQL: current_user); empty
    // when the database has no users (SQLite: the library binds the OS user).
    virtual QString currentUser() const = 0;
    // Statements of the schema that only this database has (PostgreSQL: the trigram search index); each
    // may fail, which the library reports in notices() and survives.
    virtual QStringList optionalIndexes() const = 0;
};

// SQLite in WAL mode (readers never wait for the writer), foreign keys on, synchronous=FULL (a commit
// that returned is on disk), a 5 s busy timeout between connections.
class SqliteDialect : public SqlDialect {
public:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    QString connectOptions() const override { return QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"); }
    QStringList sessionSetup() const override {
        return {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
                QStringLiteral("PRAGMA foreign_keys=ON")};
    }
    QString identityColumn() const override { return QStringLiteral("id INTEGER PRIMARY KEY AUTOINCREMENT"); }
    QString blobType() const override { return QStringLiteral("BLOB"); }
    QString idType() const override { return QStringLiteral("INTEGER"); }
    QString beginWrite() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString integrityCheck() const override { return QStringLiteral("PRAGMA integrity_check"); }
    bool isFileBased() const override { return true; }
    QString forUpdate() const override { return {}; }
    QString migrationLock() const override { return {}; }
    QString keyLock() const override { return {}; }
    QString resetIdentity(const QString &) const override { return {}; }
    QString currentUser() const override { return {}; }
    QStringList optionalIndexes() const override { return {}; }
};

// PostgreSQL through QPSQL (libpq): BIGINT identity keys, BYTEA, FOR UPDATE row locks, migrations under
// a transaction-scoped advisory lock, the user from the server's current_user, and a pg_trgm GIN index on
// the search text (LIKE '%word%' uses it). `sslMode` is libpq's; connections give up after 10 s.
class PostgresDialect : public SqlDialect {
public:
    explicit PostgresDialect(const QString &sslMode = QStringLiteral("prefer"))
        : m_sslMode(sslMode) {}
    QString driverName() const override { return QStringLiteral("QPSQL"); }
    QString connectOptions() const override {
        return QStringLiteral("sslmode=%1;connect_timeout=10;application_name=placement-workbench")
            .arg(m_sslMode);
    }
    QStringList sessionSetup() const override {
        return {QStringLiteral("SET client_min_messages TO warning")};
    }
    QString identityColumn() const override {
        return QStringLiteral("id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    }
    QString blobType() const override { return QStringLiteral("BYTEA"); }
    QString idType() const override { return QStringLiteral("BIGINT"); }
    QString beginWrite() const override { return QStringLiteral("BEGIN"); }
    QString integrityCheck() const override {
        // The server keeps its own files consistent; the library checks its own invariant: every case's
        // current version exists and has its bytes.
        return QStringLiteral(
            "SELECT CASE WHEN COUNT(*) = 0 THEN 'ok' ELSE COUNT(*) || ' case(s) without their current "
            "version' END FROM cases c LEFT JOIN versions v ON v.id = c.current_version LEFT JOIN "
            "version_data d ON d.version_id = v.id WHERE d.version_id IS NULL");
    }
    bool isFileBased() const override { return false; }
    QString forUpdate() const override { return QStringLiteral(" FOR UPDATE"); }
    // The key is the library's (ASCII "PWLIBRAR"); other applications of the database use their own.
    QString migrationLock() const override {
        return QStringLiteral("SELECT pg_advisory_xact_lock(5789672958633710162)");
    }
    // Keys share the library's first half of the key space (ASCII "PWLK"), hashed by the server.
    QString keyLock() const override {
        return QStringLiteral("SELECT pg_advisory_xact_lock(1347898443, hashtext(?))");
    }
    QString resetIdentity(const QString &table) const override {
        return QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                              "COALESCE((SELECT MAX(id) FROM %1), 0) + 1, false)")
            .arg(table);
    }
    QString currentUser() const override { return QStringLiteral("current_user"); }
    QStringList optionalIndexes() const override {
        return {QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm"),
                QStringLiteral("CREATE INDEX IF NOT EXISTS versions_search_trgm ON versions USING gin "
                               "(search_text gin_trgm_ops)"),
                QStringLiteral("CREATE INDEX IF NOT EXISTS versions_lines_trgm ON versions USING gin "
                               "(lines gin_trgm_ops)")};
    }

private:
    QString m_sslMode;
};

} // namespace pw
