// SPDX-License-Identifier: MIT
#include "runstore.h"

#include "util/dates.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace pw {

namespace {

constexpr int kSchemaVersion = 1;

QString newConnectionName() {
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("pw-runstore-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

QString toText(const QDateTime &t) {
    return t.isValid() ? formatTimestamp(t) : QString();
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

RunStore::RunStore(const QString &path)
    : m_path(path.isEmpty() ? defaultDatabasePath() : path)
    , m_connection(newConnectionName()) {
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir)) {
        m_lastError = QStringLiteral("Cannot create the folder %1 for the run store").arg(dir);
        return;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        m_lastError = QStringLiteral("Cannot open the run store %1: %2").arg(m_path, db.lastError().text());
        return;
    }
    m_open = true;
    QSqlQuery q(db);
    int version = 0;
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next()) version = q.value(0).toInt();
    if (version > kSchemaVersion) {
        m_lastError = QStringLiteral("The run store %1 was written by a newer version (schema %2)")
                          .arg(m_path)
                          .arg(version);
        m_open = false;
        return;
    }
    m_open =
        exec(QStringLiteral("CREATE TABLE IF NOT EXISTS runs ("
                            "run_id TEXT PRIMARY KEY NOT NULL, case_path TEXT, base_url TEXT, family TEXT, "
                            "engine_slug TEXT, engine_version TEXT, environment TEXT, created_at TEXT, "
                            "updated_at TEXT, status TEXT, stage TEXT, last_error TEXT, run_json BLOB, "
                            "abandoned INTEGER NOT NULL DEFAULT 0)")) &&
        exec(QStringLiteral("CREATE INDEX IF NOT EXISTS runs_case ON runs(case_path)")) &&
        exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
}

RunStore::~RunStore() {
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isValid()) db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool RunStore::exec(const QString &sql) {
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(sql)) {
        m_lastError = QStringLiteral("Run store error: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

bool RunStore::addRun(const StoredRun &run) {
    if (!m_open) return false;
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
    if (!q.exec()) {
        m_lastError = QStringLiteral("Cannot record run %1: %2").arg(run.runId, q.lastError().text());
        return false;
    }
    return true;
}

bool RunStore::updateRun(const QString &runId, const QString &sql, const QVariantList &values) {
    if (!m_open) return false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(runId);
    if (!q.exec()) {
        m_lastError = QStringLiteral("Cannot update run %1: %2").arg(runId, q.lastError().text());
        return false;
    }
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

std::optional<StoredRun> RunStore::run(const QString &runId) const {
    if (!m_open) return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM runs WHERE run_id = ?"));
    q.addBindValue(runId);
    if (!q.exec()) {
        m_lastError = QStringLiteral("Cannot read run %1: %2").arg(runId, q.lastError().text());
        return std::nullopt;
    }
    if (!q.next()) return std::nullopt;
    return readRow(q);
}

std::vector<StoredRun> RunStore::runs(const QString &casePath) const {
    std::vector<StoredRun> out;
    if (!m_open) return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM runs");
    if (!casePath.isEmpty()) sql += QStringLiteral(" WHERE case_path = ?");
    q.prepare(sql + QStringLiteral(" ORDER BY created_at DESC, rowid DESC"));
    if (!casePath.isEmpty()) q.addBindValue(casePath);
    if (!q.exec()) {
        m_lastError = QStringLiteral("Cannot list runs: %1").arg(q.lastError().text());
        return out;
    }
    while (q.next())
        out.push_back(readRow(q));
    return out;
}

std::vector<StoredRun> RunStore::unfinishedRuns() const {
    std::vector<StoredRun> out;
    if (!m_open) return out;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT ") + kColumns +
              QStringLiteral(" FROM runs WHERE abandoned = 0 AND (status IS NULL OR status NOT IN "
                             "('completed', 'degraded', 'failed')) ORDER BY created_at ASC, rowid ASC"));
    if (!q.exec()) {
        m_lastError = QStringLiteral("Cannot list runs: %1").arg(q.lastError().text());
        return out;
    }
    while (q.next())
        out.push_back(readRow(q));
    return out;
}

} // namespace pw
