// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVariant>

class QSqlQuery;

#include <optional>
#include <vector>

namespace pw {

// One remote run as the workbench remembers it. `family` is "jobs" (POST /api/v1/jobs) or "engine"
// (POST /api/v1/engines/{engineSlug}/runs); `environment` is what the key prefix said at submission
// ("TEST", "LIVE" or the slug). `status` is the last status seen ("queued", "processing", "completed",
// "degraded", "failed"); `lastRun` the last run object received (null until the first poll). Times are UTC.
// `abandoned` runs were cancelled by the user: they are not resumed at start.
struct StoredRun {
    QString runId;
    QString casePath;
    QString baseUrl;
    QString family = QStringLiteral("jobs");
    QString engineSlug;
    QString engineVersion;
    QString environment;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString status;
    QString stage;
    QString lastError;
    JsonValue lastRun;
    bool abandoned = false;

    bool isFinished() const;
    bool operator==(const StoredRun &) const = default;
};

// The remote runs kept in an SQLite database (one table, `runs`, keyed by run_id). Each RunStore opens its
// own connection under a unique name, so several stores (window, CLI, tests) and several processes can
// share a file: opening holds no read across the schema write, writes the schema only when it changes
// (an up-to-date store is opened without writing, so a read-only one still lists its runs), and every
// statement waits out a busy database (SQLite's busy timeout, then retries until busyTimeoutMs has passed).
// A damaged database (SQLite reports it corrupt, or PRAGMA quick_check fails at open) is reported as
// damaged and not opened; the message is one line (the file, "damaged", SQLite's first finding and how
// many more there are), the findings in full are in damageFindings(). The API key is never stored here.
//
// Errors: methods return false / nullopt / an empty list and leave one sentence in lastError() that names
// the database file; lastError() is cleared at the start of every call, so a nullopt with an empty
// lastError() means "no such run".
class RunStore {
public:
    // Opens (and creates) the database at path; empty: defaultDatabasePath().
    explicit RunStore(const QString &path = QString(), int busyTimeoutMs = 10000);
    ~RunStore();
    RunStore(const RunStore &) = delete;
    RunStore &operator=(const RunStore &) = delete;

    // <AppDataLocation>/runs.sqlite
    static QString defaultDatabasePath();

    bool isOpen() const { return m_open; }
    // The file is damaged (corrupt pages, not a database): nothing in it can be trusted.
    bool isDamaged() const { return m_damaged; }
    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }
    // What PRAGMA quick_check (or the failing statement) reported about a damaged store, one finding a line.
    QStringList damageFindings() const { return m_damageFindings; }

    // Whether runs can be written now: takes the write lock and lets it go again (nothing is written).
    // False, with lastError() naming the file and SQLite's reason, for a read-only file or folder, a
    // database another process keeps locked past the busy timeout, or a store that is not open. Call it
    // before anything that must be recorded (a submission) is started.
    bool checkWritable();
    // Inserts the run (or replaces a row of the same id). Call the moment a run_id arrives.
    bool addRun(const StoredRun &run);
    // Records a poll result: status, stage and the run object, and the update time.
    bool updateFromRun(const QString &runId, const JsonValue &run, const QDateTime &when);
    bool setLastError(const QString &runId, const QString &message, const QDateTime &when);
    bool setAbandoned(const QString &runId, bool abandoned);

    std::optional<StoredRun> run(const QString &runId) const;
    // Newest first; casePath non-empty: only that case's runs.
    std::vector<StoredRun> runs(const QString &casePath = QString()) const;
    // Queued or processing (or never polled) and not abandoned, oldest first: the runs to resume.
    std::vector<StoredRun> unfinishedRuns() const;

private:
    void open();
    bool migrate(int version);
    // Executes a prepared query, retrying while the database is busy; on failure records
    // "<what>: <SQLite's reason>" with the file named, and notes damage.
    bool execute(QSqlQuery &q, const QString &what, const QString &sql = QString()) const;
    bool exec(const QString &sql, const QString &what);
    std::vector<StoredRun> select(const QString &where, const QVariantList &values,
                                  const QString &order) const;
    // Runs an UPDATE of one run's row (the run id binds last); true when a row changed.
    bool updateRun(const QString &runId, const QString &sql, const QVariantList &values);
    QString m_path;
    QString m_connection;
    int m_busyTimeoutMs;
    bool m_open = false;
    mutable bool m_damaged = false;
    mutable QString m_lastError;
    mutable QStringList m_damageFindings;
    // Records the store as damaged with SQLite's findings, in one line.
    void setDamaged(const QStringList &findings) const;
};

} // namespace pw
