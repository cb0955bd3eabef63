// SPDX-License-Identifier: MIT
// SqlCaseLibrary's connection: opening a file or a server, running statements, transactions, failures
// (what kind, in plain words, never with the password), and connecting again after a lost connection.
#include "sqlcaselibrary.h"
#include "util/displaytext.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace pw {

namespace {

QString newConnectionName() {
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("pw-library-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

QString roleName(LibraryRole role) {
    switch (role) {
    case LibraryRole::Owner:
        return QStringLiteral("owner");
    case LibraryRole::Agent:
        return QStringLiteral("agent");
    case LibraryRole::Underwriter:
        return QStringLiteral("underwriter");
    }
    return {};
}

// libpq's words are several lines ("connection to server at … failed: Connection refused" over "Is the
// server running…?"): one line of sentences, no padding (joinLines closes a line without punctuation).
QString oneLine(const QString &text) {
    return joinLines(text);
}

} // namespace

QString defaultLibraryPath() {
    const QString dir = qEnvironmentVariable("PLACEMENT_WORKBENCH_DATA_DIR");
    return dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                               QStringLiteral("/library.sqlite")
                         : QDir(dir).filePath(QStringLiteral("library.sqlite"));
}

std::unique_ptr<CaseLibrary> openCaseLibrary(const QString &path) {
    return openCaseLibrary(LibraryLocation::local(path));
}

std::unique_ptr<CaseLibrary> openCaseLibrary(const LibraryLocation &location, const QString &password) {
    if (location.isServer())
        return std::make_unique<SqlCaseLibrary>(location, password,
                                                std::make_shared<PostgresDialect>(location.sslMode));
    LibraryLocation local = location;
    if (local.path.isEmpty()) local.path = defaultLibraryPath();
    return std::make_unique<SqlCaseLibrary>(local, QString(), std::make_shared<SqliteDialect>());
}

QString systemUserName() {
    for (const char *name : {"USER", "USERNAME", "LOGNAME"}) {
        const QString v = qEnvironmentVariable(name).trimmed();
        if (!v.isEmpty()) return v;
    }
#ifdef Q_OS_UNIX
    // No variable (a service, `env -i`): the account the process runs as.
    if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
#endif
    return QStringLiteral("unknown");
}

std::unique_ptr<CaseLibrary> openCheckedCaseLibrary(const LibraryLocation &location, const QString &password,
                                                    const LibraryIdentity &identity) {
    if (location.isServer())
        return std::make_unique<SqlCaseLibrary>(
            location, password, std::make_shared<PostgresDialect>(location.sslMode), identity);
    LibraryLocation local = location;
    if (local.path.isEmpty()) local.path = defaultLibraryPath();
    return std::make_unique<SqlCaseLibrary>(local, QString(), std::make_shared<SqliteDialect>(), identity);
}

LibraryIdentity identityOf(const CaseLibrary &library) {
    return {library.role(), library.userName(), library.notices(), library.schemaVersion()};
}

SqlCaseLibrary::SqlCaseLibrary(const LibraryLocation &location, const QString &password,
                               std::shared_ptr<const SqlDialect> dialect, std::nullptr_t)
    : m_location(location)
    , m_password(password)
    , m_databaseName(location.isServer() ? location.database : location.path)
    , m_dialect(std::move(dialect))
    , m_connection(newConnectionName()) {
    m_userName = location.isServer() ? location.user : systemUserName();
    m_registered = addConnection();
}

SqlCaseLibrary::SqlCaseLibrary(const LibraryLocation &location, const QString &password,
                               std::shared_ptr<const SqlDialect> dialect, const LibraryIdentity &known)
    : SqlCaseLibrary(location, password, std::move(dialect), nullptr) {
    if (!m_registered) return;
    m_open = true;
    m_reconnect = true; // the first statement connects
    m_schemaVersion = known.schemaVersion;
    m_role = known.role;
    if (!known.userName.isEmpty()) m_userName = known.userName;
    m_notices = known.notices;
}

bool SqlCaseLibrary::addConnection() {
    if (m_dialect->isFileBased()) {
        const QString dir = QFileInfo(m_databaseName).absolutePath();
        if (!QDir().mkpath(dir)) {
            fail(QStringLiteral("Cannot create the folder %1 for the case library").arg(dir));
            return false;
        }
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect->driverName(), m_connection);
    if (!db.isValid()) {
        fail(QStringLiteral("Cannot open the case library %1: the Qt SQL driver %2 is not installed%3")
                 .arg(m_location.displayName(), m_dialect->driverName(),
                      m_location.isServer() ? QStringLiteral(" (Debian: libqt6sql6-psql)") : QString()));
        return false;
    }
    db.setDatabaseName(m_databaseName);
    db.setConnectOptions(m_dialect->connectOptions());
    if (m_location.isServer()) {
        db.setHostName(m_location.host);
        db.setPort(m_location.port);
        db.setUserName(m_location.user);
        db.setPassword(m_password);
    }
    return true;
}

SqlCaseLibrary::SqlCaseLibrary(const LibraryLocation &location, const QString &password,
                               std::shared_ptr<const SqlDialect> dialect)
    : SqlCaseLibrary(location, password, std::move(dialect), nullptr) {
    if (!m_registered) return;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!connectDatabase()) return;
    m_open = migrate();
    if (!m_open) {
        db.close(); // no write may reach a library that is not at the current schema
        return;
    }
    readIdentity();
}

SqlCaseLibrary::~SqlCaseLibrary() {
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isValid()) db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool SqlCaseLibrary::connectDatabase() const {
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (db.isOpen()) db.close();
    if (!db.open()) {
        const QString reason = oneLine(db.lastError().text());
        if (!m_location.isServer()) {
            fail(QStringLiteral("Cannot open the case library %1: %2").arg(m_databaseName, reason));
            return false;
        }
        const QString where = QStringLiteral("%1:%2").arg(m_location.host).arg(m_location.port);
        // The server answered and said no (a wrong password, an unknown user or database) — or nobody
        // answered. libpq's text says which; it never holds the password.
        const bool answered = reason.contains(QStringLiteral("FATAL")) &&
                              !reason.contains(QStringLiteral("starting up")) &&
                              !reason.contains(QStringLiteral("shutting down"));
        const bool noPassword = reason.contains(QStringLiteral("no password supplied"));
        if (answered || noPassword)
            fail(QStringLiteral("The library server %1 refused %2's login to database %3: %4%5")
                     .arg(where, m_location.user, m_location.database, reason,
                          noPassword || reason.contains(QStringLiteral("password"))
                              ? QStringLiteral(" (set the password in Edit → Library settings… in the "
                                               "window, or PGPASSWORD on the command line)")
                              : QString()),
                 LibraryFailure::Refused);
        else
            fail(QStringLiteral("The library server %1 cannot be reached: %2").arg(where, reason),
                 LibraryFailure::Unreachable);
        return false;
    }
    m_reconnect = false;
    QSqlQuery q(db);
    for (const QString &sql : m_dialect->sessionSetup()) {
        if (!q.exec(sql)) {
            failOn(q.lastError(), QStringLiteral("set up the case library connection"));
            return false;
        }
    }
    return true;
}

void SqlCaseLibrary::readIdentity() {
    if (!m_location.isServer()) {
        m_role = LibraryRole::Owner;
        m_userName = systemUserName();
        return;
    }
    QSqlQuery q = query();
    // Owner: the schema's owner or a superuser. Otherwise the group role the server says the user is in; a
    // user in neither group is shown as an underwriter (read-only): the server grants them no more.
    if (run(q,
            QStringLiteral(
                "SELECT current_user, "
                "(SELECT tableowner FROM pg_tables WHERE tablename = 'cases' AND schemaname = "
                "current_schema()) = current_user OR (SELECT rolsuper FROM pg_roles WHERE rolname = "
                "current_user), "
                "EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'pw_agent' AND pg_has_role(current_user, "
                "r.oid, 'MEMBER')), "
                "to_regclass('versions_search_trgm') IS NOT NULL"),
            {}, QStringLiteral("read who the library's user is")) &&
        q.next()) {
        m_userName = q.value(0).toString();
        m_role = q.value(1).toBool()   ? LibraryRole::Owner
                 : q.value(2).toBool() ? LibraryRole::Agent
                                       : LibraryRole::Underwriter;
        if (!q.value(3).toBool())
            m_notices << QStringLiteral("Search on this server has no trigram index (the pg_trgm extension "
                                        "could not be created): searching many cases is slower");
    }
    clearError();
}

std::unique_ptr<CaseLibrary> SqlCaseLibrary::openAnother() const {
    return connector()();
}

std::function<std::unique_ptr<CaseLibrary>()> SqlCaseLibrary::connector() const {
    return [location = m_location, password = m_password,
            dialect = m_dialect]() -> std::unique_ptr<CaseLibrary> {
        return std::make_unique<SqlCaseLibrary>(location, password, dialect);
    };
}

void SqlCaseLibrary::clearError() const {
    m_lastError.clear();
    m_failure = LibraryFailure::None;
    m_conflict.reset();
}

void SqlCaseLibrary::fail(const QString &message, LibraryFailure kind) const {
    m_lastError = message;
    if (!m_password.isEmpty()) m_lastError.replace(m_password, QStringLiteral("•••"));
    m_failure = kind;
    if (kind != LibraryFailure::Conflict) m_conflict.reset();
}

void SqlCaseLibrary::failOn(const QSqlError &error, const QString &what) const {
    const QString state = error.nativeErrorCode();
    // The server's own words; Qt's ("QPSQL: Unable to create query") only when the server said nothing.
    const QString reason =
        oneLine(error.databaseText().trimmed().isEmpty() ? error.text() : error.databaseText());
    if (!m_location.isServer()) {
        fail(QStringLiteral("Cannot %1: %2").arg(what, reason));
        return;
    }
    // A unique key or a serialisation failure: another client wrote the same thing at the same moment.
    if (state == u"23505" || state == u"40001" || state == u"40P01") {
        fail(QStringLiteral("Cannot %1: another user changed the same case at the same moment; nothing "
                            "was written: try again")
                 .arg(what),
             LibraryFailure::Conflict);
        return;
    }
    if (state == u"42501") {
        fail(QStringLiteral("Cannot %1: the library server refused: %2 may not change cases (%3)")
                 .arg(what, m_userName, roleName(m_role)),
             LibraryFailure::Refused);
        return;
    }
    // No SQLSTATE: libpq got no answer (the connection is gone); 08…: connection exception; 57P0…: the
    // server is shutting down or restarting.
    if (state.isEmpty() || state.startsWith(u"08") || state.startsWith(u"57P0") ||
        error.type() == QSqlError::ConnectionError) {
        m_reconnect = true;
        fail(QStringLiteral("Cannot %1: the library server %2:%3 cannot be reached (%4)")
                 .arg(what, m_location.host)
                 .arg(m_location.port)
                 .arg(reason),
             LibraryFailure::Unreachable);
        return;
    }
    fail(QStringLiteral("Cannot %1: %2").arg(what, reason));
}

QString SqlCaseLibrary::userSql() const {
    const QString server = m_dialect->currentUser();
    if (!server.isEmpty()) return server;
    QString name = m_userName;
    return QStringLiteral("'") + name.replace(u'\'', QStringLiteral("''")) + QStringLiteral("'");
}

QSqlQuery SqlCaseLibrary::query() const {
    if (m_reconnect && !m_inTransaction) connectDatabase();
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    return q;
}

void SqlCaseLibrary::bindValues(QSqlQuery &q, const QVariantList &values) {
    // Qt binds a null QString as SQL NULL; the library's text columns are NOT NULL with '' for none.
    // A text column cannot hold U+0000 on a server (PostgreSQL's TEXT refuses it, and QPSQL cuts
    // the statement there): it is stored as U+FFFD in every text column, on both back-ends. A
    // version's bytes are a BLOB/BYTEA and stay exact.
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values[i];
        if (v.typeId() != QMetaType::QString) {
            q.bindValue(i, v);
            continue;
        }
        QString text = v.toString();
        if (text.isNull()) text = QStringLiteral("");
        text.replace(QChar(u'\0'), QChar(u'\uFFFD'));
        q.bindValue(i, text);
    }
}

bool SqlCaseLibrary::rerun(QSqlQuery &q, const QVariantList &values, const QString &what) const {
    bindValues(q, values);
    if (q.exec()) return true;
    failOn(q.lastError(), what);
    return false;
}

bool SqlCaseLibrary::run(QSqlQuery &q, const QString &sql, const QVariantList &values,
                         const QString &what) const {
    for (int attempt = 0;; ++attempt) {
        if (m_reconnect && !m_inTransaction) {
            if (!connectDatabase()) return false;
            q = query();
        }
        // Without values the statement runs as it is: PostgreSQL prepares only queries and DML, not
        // BEGIN, COMMIT, SAVEPOINT or DDL.
        bool ok = values.isEmpty() ? q.exec(sql) : q.prepare(sql);
        if (ok && !values.isEmpty()) {
            bindValues(q, values);
            ok = q.exec();
        }
        if (ok) return true;
        failOn(q.lastError(), what);
        // A statement outside a transaction is tried once more on a new connection (a restarted server).
        if (m_failure != LibraryFailure::Unreachable || m_inTransaction || attempt > 0) return false;
    }
}

bool SqlCaseLibrary::inTransaction(const QString &what, const std::function<bool()> &body) {
    clearError();
    if (!m_reconnect && !QSqlDatabase::database(m_connection, false).isOpen()) {
        fail(QStringLiteral("Cannot %1: the case library is not open").arg(what));
        return false;
    }
    QSqlQuery q = query();
    if (!run(q, m_dialect->beginWrite(), {}, what)) return false;
    m_inTransaction = true;
    if (body()) {
        QSqlQuery c = query();
        if (run(c, QStringLiteral("COMMIT"), {}, what)) {
            m_inTransaction = false;
            return true;
        }
    }
    const QString reason = m_lastError;
    const LibraryFailure kind = m_failure;
    const auto conflict = m_conflict;
    QSqlQuery r = query();
    r.exec(QStringLiteral("ROLLBACK")); // the reason reported is the failure above, not the rollback's
    m_inTransaction = false;
    m_lastError = reason;
    m_failure = kind;
    m_conflict = conflict;
    return false;
}

QString SqlCaseLibrary::integrityCheck() {
    QSqlQuery q = query();
    if (!run(q, m_dialect->integrityCheck(), {}, QStringLiteral("check the case library")))
        return m_lastError;
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    return lines.join(u'\n');
}

} // namespace pw
