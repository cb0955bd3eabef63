// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace pw {

// What differs between the SQL databases the case library can live in. Everything else the library says
// is standard SQL that SQLite and PostgreSQL both accept: `INSERT … RETURNING id`, `LIKE … ESCAPE`,
// `||`, `ALTER TABLE … ADD COLUMN`, transactional DDL, DOUBLE PRECISION, TEXT. A PostgreSQL back-end
// (QPSQL) implements this interface; SqlCaseLibrary needs nothing else.
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
    // Starts a transaction that will write (SQLite: take the write lock at once, so two writers wait for
    // each other instead of failing half way).
    virtual QString beginWrite() const = 0;
    // A query whose first column reads "ok" when the database is consistent.
    virtual QString integrityCheck() const = 0;
    // Whether the database lives in a local file (SQLite) whose folder must exist.
    virtual bool isFileBased() const = 0;
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
    QString beginWrite() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString integrityCheck() const override { return QStringLiteral("PRAGMA integrity_check"); }
    bool isFileBased() const override { return true; }
};

} // namespace pw
