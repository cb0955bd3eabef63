// SPDX-License-Identifier: MIT
#include "libraryserver.h"

#include "sqlcaselibrary.h"

#include <QSqlQuery>

namespace pw {

QStringList libraryServerRightsSql() {
    return {
        // Everyone reads the whole book.
        QStringLiteral(
            "GRANT SELECT ON library_schema, cases, versions, version_data, notes, audit, case_runs "
            "TO pw_agent, pw_underwriter"),
        // Agents edit cases; underwriters do not (the server refuses with SQLSTATE 42501).
        QStringLiteral(
            "GRANT INSERT, UPDATE, DELETE ON cases, versions, version_data, case_runs TO pw_agent"),
        QStringLiteral("GRANT INSERT, DELETE ON notes, audit TO pw_agent"),
        QStringLiteral("GRANT INSERT ON notes, audit TO pw_underwriter"),
        // Recovery records are each window's own autosave.
        QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON recovery TO pw_agent, pw_underwriter"),
        QStringLiteral("ALTER TABLE notes ENABLE ROW LEVEL SECURITY"),
        QStringLiteral("DROP POLICY IF EXISTS pw_notes_read ON notes"),
        QStringLiteral("CREATE POLICY pw_notes_read ON notes FOR SELECT USING (true)"),
        QStringLiteral("DROP POLICY IF EXISTS pw_notes_write ON notes"),
        QStringLiteral("CREATE POLICY pw_notes_write ON notes FOR INSERT TO pw_agent, pw_underwriter "
                       "WITH CHECK (db_user = current_user)"),
        QStringLiteral("DROP POLICY IF EXISTS pw_notes_delete ON notes"),
        QStringLiteral("CREATE POLICY pw_notes_delete ON notes FOR DELETE TO pw_agent USING (true)"),
        QStringLiteral("ALTER TABLE audit ENABLE ROW LEVEL SECURITY"),
        QStringLiteral("DROP POLICY IF EXISTS pw_audit_read ON audit"),
        QStringLiteral("CREATE POLICY pw_audit_read ON audit FOR SELECT USING (true)"),
        QStringLiteral("DROP POLICY IF EXISTS pw_audit_agent ON audit"),
        QStringLiteral("CREATE POLICY pw_audit_agent ON audit FOR INSERT TO pw_agent "
                       "WITH CHECK (db_user = current_user)"),
        QStringLiteral("DROP POLICY IF EXISTS pw_audit_underwriter ON audit"),
        QStringLiteral("CREATE POLICY pw_audit_underwriter ON audit FOR INSERT TO pw_underwriter "
                       "WITH CHECK (db_user = current_user AND kind = 'note')"),
        QStringLiteral("DROP POLICY IF EXISTS pw_audit_delete ON audit"),
        QStringLiteral("CREATE POLICY pw_audit_delete ON audit FOR DELETE TO pw_agent USING (true)"),
    };
}

QString librarySetupSql(const QString &database) {
    QString db = database;
    db.replace(u'"', QStringLiteral("\"\""));
    return QStringLiteral(
               "-- Placement Workbench: the agency's shared case library on PostgreSQL 15 or later.\n"
               "-- Run as a superuser: psql -v ON_ERROR_STOP=1 -f setup.sql   (replace every CHANGE-ME)\n"
               "CREATE ROLE pw_agent NOLOGIN;\n"
               "CREATE ROLE pw_underwriter NOLOGIN;\n"
               "-- The owner of the library's tables; opening the library as it creates them and grants "
               "the roles.\n"
               "CREATE ROLE pw_owner LOGIN PASSWORD 'CHANGE-ME';\n"
               "CREATE DATABASE \"%1\" OWNER pw_owner;\n"
               "\\connect \"%1\"\n"
               "-- Fast search (a trusted extension; without it search still works, slower).\n"
               "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
               "REVOKE CREATE ON SCHEMA public FROM PUBLIC;\n"
               "-- One login per person, in one of the two roles.\n"
               "CREATE ROLE alice LOGIN PASSWORD 'CHANGE-ME' IN ROLE pw_agent;\n"
               "CREATE ROLE uma LOGIN PASSWORD 'CHANGE-ME' IN ROLE pw_underwriter;\n"
               "-- Then, once: placement-workbench library --server postgresql://pw_owner@HOST/%1 "
               "setup-server\n")
        .arg(db);
}

bool SqlCaseLibrary::serverRolesExist() {
    QSqlQuery q = query();
    return run(q,
               QStringLiteral(
                   "SELECT COUNT(*) FROM pg_roles WHERE rolname IN ('pw_agent', 'pw_underwriter')"),
               {}, QStringLiteral("look for the agency's roles")) &&
           q.next() && q.value(0).toInt() == 2;
}

bool SqlCaseLibrary::applyServerRights() {
    if (!m_location.isServer()) return true;
    if (!serverRolesExist()) {
        fail(QStringLiteral("The library server has no roles pw_agent and pw_underwriter: create them first "
                            "(placement-workbench library setup-server --print-sql)"));
        return false;
    }
    return inTransaction(QStringLiteral("grant the agency's roles their rights"), [&] {
        for (const QString &sql : libraryServerRightsSql()) {
            QSqlQuery q = query();
            if (!run(q, sql, {}, QStringLiteral("grant the agency's roles their rights"))) return false;
        }
        return true;
    });
}

} // namespace pw
