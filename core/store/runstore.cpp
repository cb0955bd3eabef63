// SPDX-License-Identifier: MIT
#include "runstore.h"

#include "util/dates.h"

#include <QAtomicInteger>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

namespace pw {

namespace {

constexpr int kSchemaVersion = 1;

// SQLite's primary result codes (sqlite3.h) that the store reacts to.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADatabase = 26;

int sqliteCode(const QSqlError &e) {
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

QString reason(const QSqlError &e) {
    const QString text = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    return text.isEmpty() ? QStringLiteral("unknown error") : text;
}

QString newConnectionName() {
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("pw-runstore-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

// Stored times always carry milliseconds, so their text sorts as their time does: "…:01Z" would sort after
// "…:01.250Z" of the same second and put the older of two runs first in `runs`.
QString toText(const QDateTime &t) {
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")) : QString();
}

QDateTime fromText(const QString &s) {
    const auto t = parseTimestamp(s);
    return t ? *t : QDateTime();
}

const QString kColumns = QStringLiteral("run_id, case_path, base_url, family, engine_slug, engine_version, "
                                        "environment, created_at, updated_at, status, stage, last_error, "
                                        "run_json, abandoned");

StoredRun readRow(const QSqlQuery &q) {
    StoredRun r;
    r.runId = q.value(0).toString();
    r.casePath = q.value(1).toString();
    r.baseUrl = q.value(2).toString();
    r.family = q.value(3).toString();
    r.engineSlug = q.value(4).toString();
    r.engineVersion = q.value(5).toString();
    r.environment = q.value(6).toString();
    r.createdAt = fromText(q.value(7).toString());
    r.updatedAt = fromText(q.value(8).toString());
    r.status = q.value(9).toString();
    r.stage = q.value(10).toString();
    r.lastError = q.value(11).toString();
    const QByteArray json = q.value(12).toByteArray();
    if (!json.isEmpty())
        if (auto v = parseJson(json)) r.lastRun = *v;
    r.abandoned = q.value(13).toInt() != 0;
    return r;
}

} // namespace

bool StoredRun::isFinished() const {
    return status == u"completed" || status == u"degraded" || status == u"failed";
}

QString RunStore::defaultDatabasePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs.sqlite");
}

RunStore::RunStore(const QString &path, int busyTimeoutMs)
    : m_path(path.isEmpty() ? defaultDatabasePath() : path)
    , m_connection(newConnectionName())
    , m_busyTimeoutMs(std::max(busyTimeoutMs, 0)) {
    open();
}

void RunStore::open() {
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir)) {
        m_lastError = QStringLiteral("Cannot create the folder %1 for the run store %2").arg(dir, m_path);
        return;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    // SQLite waits this long for a lock itself; execute() retries what it still reports busy.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs / 2));
    if (!db.open()) {
        m_lastError = QStringLiteral("Cannot open the run store %1: %2").arg(m_path, reason(db.lastError()));
        return;
    }
    int version = 0;
    {
        QSqlQuery q(db);
        if (!execute(q, QStringLiteral("cannot read the schema version"),
                     QStringLiteral("PRAGMA user_version")))
            return;
        if (q.next()) version = q.value(0).toInt();
        q.finish(); // no read is held while the schema is written
    }
    if (version > kSchemaVersion) {
        m_lastError = QStringLiteral("The run store %1 was written by a newer version (schema %2)")
                          .arg(m_path)
                          .arg(version);
        return;
    }
    // An up-to-date store is opened without writing anything.
    if (version < kSchemaVersion && !migrate(version)) return;
    {
        QSqlQuery q(db);
        if (!execute(q, QStringLiteral("cannot check the database"), QStringLiteral("PRAGMA quick_check")))
            return;
        QStringList findings;
        while (q.next())
            findings << q.value(0).toString();
        if (findings != QStringList{QStringLiteral("ok")}) {
            setDamaged(findings);
            return;
        }
    }
    m_open = true;
}

bool RunStore::migrate(int version) {
    // One writer at a time: take the write lock first, then look again (another process may have done it).
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), QStringLiteral("cannot start the schema update")))
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    bool ok =
        execute(q, QStringLiteral("cannot read the schema version"), QStringLiteral("PRAGMA user_version"));
    if (ok && q.next()) version = q.value(0).toInt();
    q.finish();
    if (ok && version < kSchemaVersion) {
        ok = exec(QStringLiteral(
                      "CREATE TABLE IF NOT EXISTS runs ("
                      "run_id TEXT PRIMARY KEY NOT NULL, case_path TEXT, base_url TEXT, family TEXT, "
                      "engine_slug TEXT, engine_version TEXT, environment TEXT, created_at TEXT, "
                      "updated_at TEXT, status TEXT, stage TEXT, last_error TEXT, run_json BLOB, "
                      "abandoned INTEGER NOT NULL DEFAULT 0)"),
                  QStringLiteral("cannot create the runs table")) &&
             exec(QStringLiteral("CREATE INDEX IF NOT EXISTS runs_case ON runs(case_path)"),
                  QStringLiteral("cannot create the case index")) &&
             exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion),
                  QStringLiteral("cannot write the schema version"));
    }
    if (ok) return exec(QStringLiteral("COMMIT"), QStringLiteral("cannot finish the schema update"));
    const QString error = m_lastError;
    exec(QStringLiteral("ROLLBACK"), QString());
    m_lastError = error;
    return false;
}

RunStore::~RunStore() {
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isValid()) db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool RunStore::execute(QSqlQuery &q, const QString &what, const QString &sql) const {
    const QDeadlineTimer deadline(m_busyTimeoutMs);
    int pauseMs = 5;
    for (;;) {
        if (sql.isEmpty() ? q.exec() : q.exec(sql)) return true;
        const int code = sqliteCode(q.lastError());
        if ((code == kSqliteBusy || code == kSqliteLocked) && !deadline.hasExpired()) {
            // Another process holds the lock (or a lock upgrade would deadlock): wait and try again.
            QThread::msleep(ulong(std::min<qint64>(pauseMs, std::max<qint64>(deadline.remainingTime(), 1))));
            pauseMs = std::min(pauseMs * 2, 200);
            continue;
        }
        if (code == kSqliteCorrupt || code == kSqliteNotADatabase) {
            setDamaged({reason(q.lastError())});
        } else {
            m_lastError = QStringLiteral("Run store %1: %2: %3").arg(m_path, what, reason(q.lastError()));
        }
        return false;
    }
}

void RunStore::setDamaged(const QStringList &findings) const {
    m_damaged = true;
    // quick_check's rows may hold several lines, under a "*** in database main ***" heading.
    QStringList lines;
    for (const QString &finding : findings)
        for (const QString &line : finding.split(u'\n', Qt::SkipEmptyParts))
            if (!line.trimmed().startsWith(QStringLiteral("***"))) lines << line.simplified();
    m_damageFindings = lines;
    // One line: SQLite's first finding (cut), and how many more there are.
    QString first = lines.value(0, QStringLiteral("no detail"));
    if (first.size() > 160) first = first.left(159) + QStringLiteral("…");
    const qsizetype more = lines.size() - 1;
    m_lastError = QStringLiteral("The run store %1 is damaged (%2%3). Move it aside to start a new one")
                      .arg(m_path, first,
                           more <= 0   ? QString()
                           : more == 1 ? QStringLiteral("; 1 more finding")
                                       : QStringLiteral("; %1 more findings").arg(more));
}

bool RunStore::checkWritable() {
    m_lastError.clear();
    if (!m_open) {
        m_lastError = QStringLiteral("The run store %1 is not open").arg(m_path);
        return false;
    }
    // Taking the write lock succeeds on a read-only file; writing a page does not. The schema version is
    // written unchanged inside a transaction that is rolled back, so the file is left as it was.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), QStringLiteral("cannot be written"))) return false;
    const bool ok = exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion),
                         QStringLiteral("cannot be written"));
    const QString error = m_lastError;
    exec(QStringLiteral("ROLLBACK"), QString());
    m_lastError = error;
    return ok;
}

bool RunStore::exec(const QString &sql, const QString &what) {
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    return execute(q, what, sql);
}

bool RunStore::addRun(const StoredRun &run) {
    m_lastError.clear();
    if (!m_open) {
        m_lastError = QStringLiteral("The run store %1 is not open").arg(m_path);
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO runs (") + kColumns +
              QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(run.runId);
    q.addBindValue(run.casePath);
    q.addBindValue(run.baseUrl);
    q.addBindValue(run.family);
    q.addBindValue(run.engineSlug);
    q.addBindValue(run.engineVersion);
    q.addBindValue(run.environment);
    q.addBindValue(toText(run.createdAt));
    q.addBindValue(toText(run.updatedAt.isValid() ? run.updatedAt : run.createdAt));
    q.addBindValue(run.status);
    q.addBindValue(run.stage);
    q.addBindValue(run.lastError);
    q.addBindValue(run.lastRun.isNull() ? QByteArray() : writeJson(run.lastRun, -1));
    q.addBindValue(run.abandoned ? 1 : 0);
    return execute(q, QStringLiteral("cannot record run %1").arg(run.runId));
}

bool RunStore::updateRun(const QString &runId, const QString &sql, const QVariantList &values) {
    m_lastError.clear();
    if (!m_open) {
        m_lastError = QStringLiteral("The run store %1 is not open").arg(m_path);
        return false;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(runId);
    if (!execute(q, QStringLiteral("cannot update run %1").arg(runId))) return false;
    return q.numRowsAffected() > 0;
}

bool RunStore::updateFromRun(const QString &runId, const JsonValue &run, const QDateTime &when) {
    return updateRun(runId,
                     QStringLiteral("UPDATE runs SET status = ?, stage = ?, run_json = ?, updated_at = ?, "
                                    "last_error = '' WHERE run_id = ?"),
                     {run[u"status"].toString(), run[u"stage"].toString(), writeJson(run, -1), toText(when)});
}

bool RunStore::setLastError(const QString &runId, const QString &message, const QDateTime &when) {
    return updateRun(runId, QStringLiteral("UPDATE runs SET last_error = ?, updated_at = ? WHERE run_id = ?"),
                     {message, toText(when)});
}

bool RunStore::setAbandoned(const QString &runId, bool abandoned) {
    return updateRun(runId, QStringLiteral("UPDATE runs SET abandoned = ? WHERE run_id = ?"),
                     {abandoned ? 1 : 0});
}

std::vector<StoredRun> RunStore::select(const QString &where, const QVariantList &values,
                                        const QString &order) const {
    std::vector<StoredRun> out;
    m_lastError.clear();
    if (!m_open) {
        m_lastError = QStringLiteral("The run store %1 is not open").arg(m_path);
        return out;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM runs") +
              (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where) +
              QStringLiteral(" ORDER BY ") + order);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!execute(q, QStringLiteral("cannot list runs"))) return out;
    while (q.next())
        out.push_back(readRow(q));
    // A damaged page can surface only while stepping through the rows.
    if (q.lastError().isValid()) {
        const int code = sqliteCode(q.lastError());
        if (m_damaged || code == kSqliteCorrupt || code == kSqliteNotADatabase)
            setDamaged({reason(q.lastError())});
        else
            m_lastError =
                QStringLiteral("Run store %1: cannot list runs: %2").arg(m_path, reason(q.lastError()));
        out.clear();
    }
    return out;
}

std::optional<StoredRun> RunStore::run(const QString &runId) const {
    auto found = select(QStringLiteral("run_id = ?"), {runId}, QStringLiteral("rowid"));
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<StoredRun> RunStore::runs(const QString &casePath) const {
    return casePath.isEmpty() ? select(QString(), {}, QStringLiteral("created_at DESC, rowid DESC"))
                              : select(QStringLiteral("case_path = ?"), {casePath},
                                       QStringLiteral("created_at DESC, rowid DESC"));
}

std::vector<StoredRun> RunStore::unfinishedRuns() const {
    return select(
        QStringLiteral("abandoned = 0 AND (status IS NULL OR status NOT IN ('completed', 'degraded', "
                       "'failed'))"),
        {}, QStringLiteral("created_at ASC, rowid ASC"));
}

} // namespace pw
