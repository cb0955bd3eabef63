// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"
#include "store/sqldialect.h"

#include <QVariant>

#include <functional>

class QSqlQuery;
class QSqlError;

namespace pw {

// The case library over Qt SQL (CaseLibrary documents the model and the error contract). The schema is
// versioned in the table library_schema (one row); opening an older library migrates it step by step,
// each step in one transaction, and a library written by a newer version is refused, never touched.
// Schema history:
//   1  cases, versions (bytes, name, state, ZIP, lines, carriers, top package and cost, qualified count)
//   2  the bytes move to version_data (with the ranking snapshot), so list and search rows stay narrow;
//      versions gain policy numbers, search text and top cost high, every fact backfilled from the bytes;
//      notes, audit, case_runs and recovery tables
//   3  search text folds accents and case ("jose" finds José, "strasse" Straße), rewritten from the bytes
//   4  sharing: versions gain revision, modified_by and body_hash (SHA-256 of the bytes, for duplicates);
//      notes and audit gain db_user (on a server a column default of current_user); indexes for the state
//      filter and newest-first order; on PostgreSQL the pg_trgm search index and the agency's grants
//   5  cases gain uid (a UUID, backfilled; unique), the identity push recognises a case by; versions gain
//      base_hash (the bytes' hash when the version was made), so push tells whose side changed
//   6  versions.qualified_count holds 64 bits on a server too (a large case qualifies over 2^31 packages)
// Each instance opens its own named connection, so the window, a worker thread, the CLI and tests can
// share one file or server. On a server every migration step runs under the dialect's migration lock and
// reads the schema version again inside it, so clients starting at once migrate once.
// A lost server connection is noticed on the failing statement (lastFailure() Unreachable); the next call
// connects again, and a statement outside a transaction is retried once on the new connection.
class SqlCaseLibrary : public CaseLibrary {
public:
    static constexpr int kSchemaVersion = 6;

    // `password` is for a server only; it is kept in memory to connect again and never written anywhere.
    SqlCaseLibrary(const LibraryLocation &location, const QString &password,
                   std::shared_ptr<const SqlDialect> dialect);
    // Without connecting: the library was opened as `known` on another thread (openCheckedCaseLibrary).
    SqlCaseLibrary(const LibraryLocation &location, const QString &password,
                   std::shared_ptr<const SqlDialect> dialect, const LibraryIdentity &known);
    ~SqlCaseLibrary() override;

    bool isOpen() const override { return m_open; }
    QString lastError() const override { return m_lastError; }
    int schemaVersion() const override { return m_schemaVersion; }
    std::unique_ptr<CaseLibrary> openAnother() const override;
    std::function<std::unique_ptr<CaseLibrary>()> connector() const override;
    QString integrityCheck() override;
    LibraryFailure lastFailure() const override { return m_failure; }
    std::optional<SaveConflict> lastConflict() const override { return m_conflict; }
    LibraryRole role() const override { return m_role; }
    QString userName() const override { return m_userName; }
    LibraryLocation location() const override { return m_location; }
    QStringList notices() const override { return m_notices; }

    // On a server: grants the group roles pw_agent and pw_underwriter their rights on the library's tables
    // and row-level policies (libraryserver.h). Needs the schema's owner; false with lastError otherwise.
    [[nodiscard]] bool applyServerRights();

    std::optional<qint64> addCase(const QByteArray &body, const SaveOptions &options) override;
    bool saveVersion(qint64 versionId, const QByteArray &body, const SaveOptions &options) override;
    std::optional<qint64> copyVersion(qint64 fromVersionId, const QString &label,
                                      const QString &author) override;
    bool recordRanking(qint64 versionId, const RankingSnapshot &ranking, const QString &author) override;
    bool setFilePath(qint64 caseId, const QString &filePath) override;
    bool linkRemoteRuns(qint64 caseId, const QStringList &runIds) override;
    bool addAudit(const AuditEntry &entry) override;
    bool deleteCase(qint64 caseId) override;
    std::optional<CopyOutcome> addCaseCopy(const CaseCopy &copy) override;
    std::optional<ImportOutcome> importCase(const QByteArray &body, const SaveOptions &options) override;

    std::vector<LibraryCase> cases(const LibraryQuery &query) const override;
    std::optional<LibraryCase> caseById(qint64 caseId) const override;
    std::optional<LibraryCase> caseByFile(const QString &filePath) const override;
    std::vector<qint64> versionsWithBytes(const QByteArray &body) const override;
    std::optional<LibraryVersion> version(qint64 versionId) const override;
    std::vector<LibraryVersion> versions(qint64 caseId) const override;
    QStringList remoteRuns(qint64 caseId) const override;
    QStringList states() const override;
    int caseCount() const override;

    std::optional<qint64> addNote(const LibraryNote &note) override;
    std::vector<LibraryNote> notes(qint64 caseId) const override;
    std::vector<AuditEntry> auditTrail(qint64 caseId) const override;

    bool writeRecovery(const RecoveryRecord &record) override;
    bool removeRecovery(const QString &sessionId) override;
    std::vector<RecoveryRecord> recoveryRecords() const override;

private:
    // Registers the named connection (no network yet): m_registered, else lastError.
    SqlCaseLibrary(const LibraryLocation &location, const QString &password,
                   std::shared_ptr<const SqlDialect> dialect, std::nullptr_t);
    bool addConnection();
    bool connectDatabase() const; // (re)opens the named connection and runs the session setup
    void readIdentity();          // userName, role and notices of the open connection
    void clearError() const;
    // Sets lastError (the password scrubbed out) and lastFailure.
    void fail(const QString &message, LibraryFailure kind = LibraryFailure::Other) const;
    void failOn(const QSqlError &error, const QString &what) const;
    QString userSql() const; // the SQL expression of the writing user (server: current_user)
    QSqlQuery query() const;
    // Prepares, binds and runs one statement; false (and lastError "Cannot <what>: <reason>") on failure.
    bool run(QSqlQuery &q, const QString &sql, const QVariantList &values, const QString &what) const;
    // Runs the statement `q` was prepared with by run() again with other values (same count), inside the
    // same transaction; false (and lastError) on failure.
    bool rerun(QSqlQuery &q, const QVariantList &values, const QString &what) const;
    static void bindValues(QSqlQuery &q, const QVariantList &values);
    // Runs `body` in one write transaction: committed when it returns true, rolled back otherwise.
    bool inTransaction(const QString &what, const std::function<bool()> &body);
    bool migrate();
    bool migrateTo1();
    bool migrateTo2();
    bool migrateTo3();
    bool migrateTo4();
    bool migrateTo5();
    bool migrateTo6();
    // On a server, before migrating: whether this user may make or change the schema (else the library
    // is "not set up yet", a plain sentence naming setup-server).
    bool mayMigrate(int version);
    // Inside a write transaction: waits for the dialect's key lock on each key (in sorted order, so two
    // clients never wait for each other).
    bool lockKeys(QStringList keys, const QString &what);
    // Inside a write transaction: locks the case's row and returns its next version number.
    std::optional<int> nextVersionNumber(qint64 caseId, const QString &what);
    // Inside a write transaction: a new case (uid made if empty) with version 1 and its audit.
    std::optional<qint64> insertCase(const QByteArray &body, const SaveOptions &options, const QDateTime &now,
                                     qint64 *caseIdOut);
    // The audit's "edit" entries of every JSON path that differs between two versions' bytes.
    // `parsedAfter`: `after` already parsed (saveVersion parses it for its facts), so it is not parsed again.
    bool appendEditAudit(qint64 caseId, qint64 versionId, const QByteArray &before, const QByteArray &after,
                         const QString &author, const QDateTime &now,
                         const std::optional<JsonValue> &parsedAfter = std::nullopt);
    std::optional<qint64> insertCopy(const CaseCopy &copy, CopyOutcome &outcome);
    bool appendCopy(qint64 caseId, const CaseCopy &copy, CopyOutcome &outcome);
    bool createOptionalIndexes();
    bool serverRolesExist();
    // Writes every version's facts (name, search text, …) again from its stored bytes.
    bool backfillFacts(const QString &what);
    std::optional<qint64> insertVersion(qint64 caseId, int number, const QString &label, qint64 parentId,
                                        const QByteArray &body, const RankingSnapshot &ranking,
                                        const QDateTime &now);
    // Inside saveVersion's transaction: locks the version's row and checks options.expectedRevision.
    bool checkRevision(qint64 versionId, const SaveOptions &options);
    // The case's current version is still options.expectedCurrentVersion (when set); else a Conflict.
    bool checkCurrent(qint64 versionId, const SaveOptions &options);
    // Records `conflict` and "Cannot save: <what>" as a Conflict failure; always false.
    bool refuseConflict(const SaveConflict &conflict, const QString &what);
    static QString savedBy(const SaveConflict &conflict); // the user, or "someone" when unknown
    bool appendAudit(const AuditEntry &entry);
    bool appendAudits(const std::vector<AuditEntry> &entries); // one prepared statement for all

    bool appendRankingAudit(qint64 caseId, qint64 versionId, const RankingSnapshot &r, const QString &author,
                            const QDateTime &now);
    bool touchCase(qint64 caseId, qint64 versionId, const QDateTime &now);
    std::vector<LibraryCase> readCases(const QString &where, const QVariantList &values, int limit) const;

    LibraryLocation m_location;
    QString m_password;
    QString m_databaseName; // the file, or the server's database
    std::shared_ptr<const SqlDialect> m_dialect;
    QString m_connection;
    bool m_open = false;
    bool m_registered = false;
    int m_schemaVersion = 0;
    LibraryRole m_role = LibraryRole::Owner;
    QString m_userName;
    QStringList m_notices;
    mutable QString m_lastError;
    mutable LibraryFailure m_failure = LibraryFailure::None;
    mutable std::optional<SaveConflict> m_conflict;
    mutable bool m_reconnect = false;     // the connection was lost: open it again before the next statement
    mutable bool m_inTransaction = false; // a lost connection inside a transaction is not retried
};

} // namespace pw
