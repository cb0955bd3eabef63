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
        // The audit trail is append-only for everyone; a person deletes only their own notes (row-level
        // policy below) and changes none.
        QStringLiteral("REVOKE UPDATE, DELETE ON audit FROM pw_agent, pw_underwriter"),
        QStringLiteral("REVOKE UPDATE ON notes FROM pw_agent, pw_underwriter"),
        QStringLiteral("REVOKE DELETE ON notes FROM pw_underwriter"),
        QStringLiteral("GRANT INSERT, DELETE ON notes TO pw_agent"),
        QStringLiteral("GRANT INSERT ON audit TO pw_agent"),
        QStringLiteral("GRANT INSERT ON notes, audit TO pw_underwriter"),
        // Recovery records are each window's own autosave, kept on that computer: none on the server.
        QStringLiteral("REVOKE ALL ON recovery FROM pw_agent, pw_underwriter"),
        // A note belongs to a case (new notes are checked; older rows are left as they are).
        QStringLiteral(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'notes_case_fk') THEN "
            "ALTER TABLE notes ADD CONSTRAINT notes_case_fk FOREIGN KEY (case_id) REFERENCES cases (id) "
            "ON DELETE CASCADE NOT VALID; END IF; END $$"),
        // Who wrote a row is the server's word, never the client's: db_user and modified_by are set by
        // the server from current_user, whatever the statement said.
        QStringLiteral("CREATE OR REPLACE FUNCTION pw_stamp_db_user() RETURNS trigger LANGUAGE plpgsql AS "
                       "$$ BEGIN NEW.db_user := current_user; RETURN NEW; END $$"),
        QStringLiteral("DROP TRIGGER IF EXISTS pw_notes_user ON notes"),
        QStringLiteral("CREATE TRIGGER pw_notes_user BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION "
                       "pw_stamp_db_user()"),
        QStringLiteral("DROP TRIGGER IF EXISTS pw_audit_user ON audit"),
        QStringLiteral("CREATE TRIGGER pw_audit_user BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION "
                       "pw_stamp_db_user()"),
        // A version's "who saved it" follows every save (a new revision) and cannot be set to anyone else;
        // an update that does not raise the revision keeps the one who saved it (so nobody claims another's
        // version, not even as himself, without saving it).
        QStringLiteral("CREATE OR REPLACE FUNCTION pw_stamp_modified_by() RETURNS trigger LANGUAGE plpgsql "
                       "AS $$ BEGIN IF TG_OP = 'UPDATE' AND NEW.revision IS NOT DISTINCT FROM OLD.revision "
                       "THEN NEW.modified_by := OLD.modified_by; ELSE NEW.modified_by := current_user; "
                       "END IF; RETURN NEW; END $$"),
        QStringLiteral("DROP TRIGGER IF EXISTS pw_versions_user ON versions"),
        QStringLiteral("DROP TRIGGER IF EXISTS pw_versions_user_update ON versions"),
        QStringLiteral("CREATE TRIGGER pw_versions_user BEFORE INSERT ON versions FOR EACH ROW EXECUTE "
                       "FUNCTION pw_stamp_modified_by()"),
        QStringLiteral("CREATE TRIGGER pw_versions_user_update BEFORE UPDATE ON versions FOR EACH ROW WHEN "
                       "(OLD.modified_by IS DISTINCT FROM NEW.modified_by OR OLD.revision IS DISTINCT FROM "
                       "NEW.revision) EXECUTE FUNCTION pw_stamp_modified_by()"),
        // A version's stored bytes never change or vanish without an audit entry by the server's user.
        QStringLiteral(
            "CREATE OR REPLACE FUNCTION pw_audit_bytes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "INSERT INTO audit (case_id, version_id, at, kind, author, detail, db_user) SELECT v.case_id, "
            "OLD.version_id, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
            "CASE WHEN TG_OP = 'DELETE' THEN 'bytes deleted' ELSE 'bytes replaced' END, current_user, "
            "'version ' || v.number || ': the stored bytes were ' || CASE WHEN TG_OP = 'DELETE' THEN "
            "'deleted' ELSE 'replaced (SHA-256 now ' || encode(sha256(NEW.body), 'hex') || ')' END, "
            "current_user FROM versions v WHERE v.id = OLD.version_id; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"),
        QStringLiteral("DROP TRIGGER IF EXISTS pw_version_data_audit ON version_data"),
        QStringLiteral("DROP TRIGGER IF EXISTS pw_version_data_delete ON version_data"),
        QStringLiteral("CREATE TRIGGER pw_version_data_audit AFTER UPDATE ON version_data FOR EACH ROW WHEN "
                       "(OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION pw_audit_bytes()"),
        QStringLiteral("CREATE TRIGGER pw_version_data_delete BEFORE DELETE ON version_data FOR EACH ROW "
                       "EXECUTE FUNCTION pw_audit_bytes()"),
        QStringLiteral("ALTER TABLE notes ENABLE ROW LEVEL SECURITY"),
        QStringLiteral("DROP POLICY IF EXISTS pw_notes_read ON notes"),
        QStringLiteral("CREATE POLICY pw_notes_read ON notes FOR SELECT USING (true)"),
        QStringLiteral("DROP POLICY IF EXISTS pw_notes_write ON notes"),
        QStringLiteral("CREATE POLICY pw_notes_write ON notes FOR INSERT TO pw_agent, pw_underwriter "
                       "WITH CHECK (db_user = current_user)"),
        QStringLiteral("DROP POLICY IF EXISTS pw_notes_delete ON notes"),
        QStringLiteral("CREATE POLICY pw_notes_delete ON notes FOR DELETE TO pw_agent "
                       "USING (db_user = current_user)"),
        QStringLiteral("ALTER TABLE audit ENABLE ROW LEVEL SECURITY"),
        QStringLiteral("DROP POLICY IF EXISTS pw_audit_read ON audit"),
        QStringLiteral("CREATE POLICY pw_audit_read ON audit FOR SELECT USING (true)"),
        QStringLiteral("DROP POLICY IF EXISTS pw_audit_agent ON audit"),
        QStringLiteral("CREATE POLICY pw_audit_agent ON audit FOR INSERT TO pw_agent "
                       "WITH CHECK (db_user = current_user)"),
        // An underwriter's own entries: the notes they add and the exports they make.
        QStringLiteral("DROP POLICY IF EXISTS pw_audit_underwriter ON audit"),
        QStringLiteral("CREATE POLICY pw_audit_underwriter ON audit FOR INSERT TO pw_underwriter "
                       "WITH CHECK (db_user = current_user AND kind IN ('note', 'exported'))"),
        QStringLiteral("DROP POLICY IF EXISTS pw_audit_delete ON audit"),
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
    // Under the migration lock, like the schema they are about: two owners granting at once would make the
    // server refuse one ("tuple concurrently updated"). A schema newer than this version's is left to the
    // version that made it.
    const QString what = QStringLiteral("grant the agency's roles their rights");
    return inTransaction(what, [&] {
        QSqlQuery l = query();
        if (!run(l, m_dialect->migrationLock(), {}, what)) return false;
        QSqlQuery v = query();
        if (!run(v, QStringLiteral("SELECT version FROM library_schema"), {}, what)) return false;
        if (v.next() && v.value(0).toInt() > kSchemaVersion) {
            fail(QStringLiteral(
                     "Cannot %1: the library on the server is at schema %2, newer than this version "
                     "(%3) knows; grant them with the newer version")
                     .arg(what)
                     .arg(v.value(0).toInt())
                     .arg(kSchemaVersion));
            return false;
        }
        v.finish();
        for (const QString &sql : libraryServerRightsSql()) {
            QSqlQuery q = query();
            if (!run(q, sql, {}, QStringLiteral("grant the agency's roles their rights"))) return false;
        }
        return true;
    });
}

} // namespace pw
