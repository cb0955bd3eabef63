// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"
#include "store/sqldialect.h"

#include <QVariant>

#include <functional>

class QSqlQuery;

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
// Each instance opens its own named connection, so the window, a worker thread, the CLI and tests can
// share one file.
class SqlCaseLibrary : public CaseLibrary {
public:
    static constexpr int kSchemaVersion = 3;

    SqlCaseLibrary(const QString &databaseName, std::shared_ptr<const SqlDialect> dialect);
    ~SqlCaseLibrary() override;

    bool isOpen() const override { return m_open; }
    QString lastError() const override { return m_lastError; }
    int schemaVersion() const override { return m_schemaVersion; }
    std::unique_ptr<CaseLibrary> openAnother() const override;
    std::function<std::unique_ptr<CaseLibrary>()> connector() const override;
    QString integrityCheck() override;

    std::optional<qint64> addCase(const QByteArray &body, const SaveOptions &options) override;
    bool saveVersion(qint64 versionId, const QByteArray &body, const SaveOptions &options) override;
    std::optional<qint64> copyVersion(qint64 fromVersionId, const QString &label,
                                      const QString &author) override;
    bool recordRanking(qint64 versionId, const RankingSnapshot &ranking, const QString &author) override;
    bool setFilePath(qint64 caseId, const QString &filePath) override;
    bool linkRemoteRuns(qint64 caseId, const QStringList &runIds) override;
    bool addAudit(const AuditEntry &entry) override;
    bool deleteCase(qint64 caseId) override;

    std::vector<LibraryCase> cases(const LibraryQuery &query) const override;
    std::optional<LibraryCase> caseById(qint64 caseId) const override;
    std::optional<LibraryCase> caseByFile(const QString &filePath) const override;
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
    QSqlQuery query() const;
    // Prepares, binds and runs one statement; false (and lastError "Cannot <what>: <reason>") on failure.
    bool run(QSqlQuery &q, const QString &sql, const QVariantList &values, const QString &what) const;
    // Runs `body` in one write transaction: committed when it returns true, rolled back otherwise.
    bool inTransaction(const QString &what, const std::function<bool()> &body);
    bool migrate();
    bool migrateTo1();
    bool migrateTo2();
    bool migrateTo3();
    // Writes every version's facts (name, search text, …) again from its stored bytes.
    bool backfillFacts(const QString &what);
    std::optional<qint64> insertVersion(qint64 caseId, int number, const QString &label, qint64 parentId,
                                        const QByteArray &body, const RankingSnapshot &ranking,
                                        const QDateTime &now);
    bool appendAudit(const AuditEntry &entry);
    bool appendRankingAudit(qint64 caseId, qint64 versionId, const RankingSnapshot &r, const QString &author,
                            const QDateTime &now);
    bool touchCase(qint64 caseId, qint64 versionId, const QDateTime &now);
    std::vector<LibraryCase> readCases(const QString &where, const QVariantList &values, int limit) const;

    QString m_databaseName;
    std::shared_ptr<const SqlDialect> m_dialect;
    QString m_connection;
    bool m_open = false;
    int m_schemaVersion = 0;
    mutable QString m_lastError;
};

} // namespace pw
