// SPDX-License-Identifier: MIT
// The case library's schema and its migrations (SqlCaseLibrary's schema history is in its header).
#include "sqlcaselibrary.h"

#include "io/json.h"
#include "store/librarysql.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

namespace pw {

using namespace librarysql;

bool SqlCaseLibrary::migrate() {
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    auto readVersion = [&](int &version) {
        version = 0;
        if (!db.tables().contains(QStringLiteral("library_schema"))) return true;
        QSqlQuery q = query();
        if (!run(q, QStringLiteral("SELECT version FROM library_schema"), {},
                 QStringLiteral("read the case library's schema version")))
            return false;
        if (q.next()) version = q.value(0).toInt();
        return true;
    };
    auto tooNew = [&](int version) {
        fail(QStringLiteral("The case library %1 was written by a newer version of the workbench "
                            "(schema %2; this version reads up to %3); it was not changed")
                 .arg(m_location.displayName())
                 .arg(version)
                 .arg(kSchemaVersion));
        return false;
    };
    int version = 0;
    if (!readVersion(version)) return false;
    if (version > kSchemaVersion) return tooNew(version);
    m_schemaVersion = version;
    if (version < kSchemaVersion && m_location.isServer() && !mayMigrate(version)) return false;
    const std::pair<int, bool (SqlCaseLibrary::*)()> steps[] = {
        {1, &SqlCaseLibrary::migrateTo1}, {2, &SqlCaseLibrary::migrateTo2}, {3, &SqlCaseLibrary::migrateTo3},
        {4, &SqlCaseLibrary::migrateTo4}, {5, &SqlCaseLibrary::migrateTo5}, {6, &SqlCaseLibrary::migrateTo6}};
    bool migrated = false;
    for (const auto &[target, step] : steps) {
        if (m_schemaVersion >= target) continue;
        bool done = false;
        const bool ok =
            inTransaction(QStringLiteral("upgrade the case library to schema %1").arg(target), [&] {
                // Another client may have migrated while this one waited for the lock: read again.
                if (const QString lock = m_dialect->migrationLock(); !lock.isEmpty()) {
                    QSqlQuery l = query();
                    if (!run(l, lock, {}, QStringLiteral("wait for another client's upgrade"))) return false;
                }
                int now = 0;
                if (!readVersion(now)) return false;
                if (now > kSchemaVersion) return tooNew(now);
                if (now >= target) {
                    done = true;
                    m_schemaVersion = now;
                    return true;
                }
                if (!(this->*step)()) return false;
                QSqlQuery q = query();
                return run(q, QStringLiteral("UPDATE library_schema SET version = ?"), {target},
                           QStringLiteral("upgrade the case library"));
            });
        if (!ok) return false;
        if (!done) {
            m_schemaVersion = target;
            migrated = true;
        }
    }
    // A server library's new tables are granted to the agency's roles by the client that made them.
    if (migrated && m_location.isServer() && serverRolesExist() && !applyServerRights()) return false;
    return true;
}

bool SqlCaseLibrary::migrateTo1() {
    const QString id = m_dialect->identityColumn(), blob = m_dialect->blobType(), ref = m_dialect->idType();
    QStringList sql{
        QStringLiteral("CREATE TABLE library_schema (version INTEGER NOT NULL)"),
        QStringLiteral("INSERT INTO library_schema (version) VALUES (0)"),
        QStringLiteral("CREATE TABLE cases (%1, created_at TEXT NOT NULL, modified_at TEXT NOT NULL, "
                       "file_path TEXT NOT NULL DEFAULT '', current_version @REF NOT NULL DEFAULT 0)")
            .arg(id),
        QStringLiteral("CREATE TABLE versions (%1, case_id @REF NOT NULL, number INTEGER NOT NULL, "
                       "label TEXT NOT NULL DEFAULT '', parent_id @REF NOT NULL DEFAULT 0, "
                       "created_at TEXT NOT NULL, modified_at TEXT NOT NULL, body %2 NOT NULL, "
                       "insured_name TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT '', "
                       "zip TEXT NOT NULL DEFAULT '', lines TEXT NOT NULL DEFAULT '[]', "
                       "carriers TEXT NOT NULL DEFAULT '[]', top_package TEXT NOT NULL DEFAULT '', "
                       "top_cost DOUBLE PRECISION, qualified_count INTEGER, UNIQUE (case_id, number))")
            .arg(id, blob),
    };
    for (QString &s : sql) {
        s.replace(QStringLiteral("@REF"), ref); // the type of id columns
        QSqlQuery q = query();
        if (!run(q, s, {}, QStringLiteral("create the case library"))) return false;
    }
    return true;
}

bool SqlCaseLibrary::migrateTo2() {
    // Schema 1 kept each version's bytes in its row, so a search read every case's bytes. Schema 2 keeps
    // the indexed facts in a narrow `versions` row and the bytes (and the ranking snapshot) in
    // `version_data`. Rows keep their ids (a PostgreSQL back-end must move its identity sequence past them).
    const QString id = m_dialect->identityColumn(), blob = m_dialect->blobType(), ref = m_dialect->idType();
    QStringList sql{
        QStringLiteral("CREATE TABLE versions_v2 (%1, case_id @REF NOT NULL, number INTEGER NOT NULL, "
                       "label TEXT NOT NULL DEFAULT '', parent_id @REF NOT NULL DEFAULT 0, "
                       "created_at TEXT NOT NULL, modified_at TEXT NOT NULL, "
                       "insured_name TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT '', "
                       "zip TEXT NOT NULL DEFAULT '', lines TEXT NOT NULL DEFAULT '', "
                       "carriers TEXT NOT NULL DEFAULT '', policy_numbers TEXT NOT NULL DEFAULT '', "
                       "search_text TEXT NOT NULL DEFAULT '', top_package TEXT NOT NULL DEFAULT '', "
                       "top_cost DOUBLE PRECISION, top_cost_high DOUBLE PRECISION, qualified_count INTEGER, "
                       "UNIQUE (case_id, number))")
            .arg(id),
        QStringLiteral("CREATE TABLE version_data (version_id @REF NOT NULL PRIMARY KEY, body %1 NOT NULL, "
                       "ranking_json %1 NOT NULL)")
            .arg(blob),
        QStringLiteral(
            "INSERT INTO versions_v2 (id, case_id, number, label, parent_id, created_at, modified_at, "
            "insured_name, state, zip, top_package, top_cost, top_cost_high, qualified_count) "
            "SELECT id, case_id, number, label, parent_id, created_at, modified_at, insured_name, "
            "state, zip, top_package, top_cost, top_cost, qualified_count FROM versions"),
        QStringLiteral(
            "INSERT INTO version_data (version_id, body, ranking_json) SELECT id, body, '' FROM versions"),
        QStringLiteral("DROP TABLE versions"),
        QStringLiteral("ALTER TABLE versions_v2 RENAME TO versions"),
        // The rows kept their ids: the identity sequence (a server's) moves past them.
        m_dialect->resetIdentity(QStringLiteral("versions")),
        QStringLiteral("CREATE TABLE notes (%1, case_id @REF NOT NULL, version_id @REF NOT NULL DEFAULT 0, "
                       "offering_id TEXT NOT NULL DEFAULT '', author TEXT NOT NULL DEFAULT '', "
                       "created_at TEXT NOT NULL, body TEXT NOT NULL)")
            .arg(id),
        QStringLiteral("CREATE TABLE audit (%1, case_id @REF NOT NULL, version_id @REF NOT NULL DEFAULT 0, "
                       "at TEXT NOT NULL, kind TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', "
                       "path TEXT NOT NULL DEFAULT '', old_value TEXT NOT NULL DEFAULT '', "
                       "new_value TEXT NOT NULL DEFAULT '', engine_version TEXT NOT NULL DEFAULT '', "
                       "profile_hash TEXT NOT NULL DEFAULT '', input_hash TEXT NOT NULL DEFAULT '', "
                       "clock TEXT NOT NULL DEFAULT '', top_result TEXT NOT NULL DEFAULT '', "
                       "detail TEXT NOT NULL DEFAULT '')")
            .arg(id),
        QStringLiteral("CREATE TABLE case_runs (case_id @REF NOT NULL, run_id TEXT NOT NULL, "
                       "linked_at TEXT NOT NULL, PRIMARY KEY (case_id, run_id))"),
        QStringLiteral("CREATE TABLE recovery (session_id TEXT NOT NULL PRIMARY KEY, "
                       "case_id @REF NOT NULL DEFAULT 0, version_id @REF NOT NULL DEFAULT 0, "
                       "file_path TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '', "
                       "saved_at TEXT NOT NULL, body %1 NOT NULL)")
            .arg(blob),
        QStringLiteral("CREATE INDEX versions_case ON versions (case_id)"),
        QStringLiteral("CREATE INDEX cases_modified ON cases (modified_at)"),
        QStringLiteral("CREATE INDEX cases_file ON cases (file_path)"),
        QStringLiteral("CREATE INDEX notes_case ON notes (case_id)"),
        QStringLiteral("CREATE INDEX audit_case ON audit (case_id)"),
    };
    for (QString &s : sql) {
        s.replace(QStringLiteral("@REF"), ref);
        QSqlQuery q = query();
        if (!s.isEmpty() && !run(q, s, {}, QStringLiteral("upgrade the case library to schema 2")))
            return false;
    }
    // Schema 1 did not index policy numbers, nor offering carriers: every fact is read again from the bytes.
    return backfillFacts(QStringLiteral("upgrade the case library to schema 2"));
}

bool SqlCaseLibrary::migrateTo3() {
    // The search text folds accents and case (searchKey): stored texts are written again from the bytes.
    return backfillFacts(QStringLiteral("upgrade the case library to schema 3"));
}

bool SqlCaseLibrary::migrateTo4() {
    // Sharing: a revision per version for optimistic locking and who saved it; the database user on notes
    // and audit entries (on a server the column default is the server's current_user); the bytes' hash for
    // duplicates; indexes for the state filter and the newest-first order.
    const QString user = m_dialect->currentUser().isEmpty() ? QStringLiteral("''") : m_dialect->currentUser();
    const QString what = QStringLiteral("upgrade the case library to schema 4");
    const QStringList sql{
        QStringLiteral("ALTER TABLE versions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1"),
        QStringLiteral("ALTER TABLE versions ADD COLUMN modified_by TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE versions ADD COLUMN body_hash TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE notes ADD COLUMN db_user TEXT NOT NULL DEFAULT %1").arg(user),
        QStringLiteral("ALTER TABLE audit ADD COLUMN db_user TEXT NOT NULL DEFAULT %1").arg(user),
        QStringLiteral("CREATE INDEX versions_state ON versions (state)"),
        QStringLiteral("CREATE INDEX versions_hash ON versions (body_hash)"),
        QStringLiteral("CREATE INDEX cases_newest ON cases (modified_at, id)"),
        QStringLiteral("CREATE INDEX cases_current ON cases (current_version)"),
    };
    for (const QString &s : sql) {
        QSqlQuery q = query();
        if (!run(q, s, {}, what)) return false;
    }
    QSqlQuery rows = query();
    if (!run(rows, QStringLiteral("SELECT version_id, body FROM version_data"), {}, what)) return false;
    std::vector<std::pair<qint64, QString>> hashes;
    while (rows.next())
        hashes.emplace_back(rows.value(0).toLongLong(), bodyHash(rows.value(1).toByteArray()));
    rows.finish();
    for (const auto &[versionId, hash] : hashes) {
        QSqlQuery q = query();
        if (!run(q, QStringLiteral("UPDATE versions SET body_hash = ? WHERE id = ?"), {hash, versionId},
                 what))
            return false;
    }
    return createOptionalIndexes();
}

bool SqlCaseLibrary::migrateTo5() {
    // Push recognises a case by its uid (every case made before gets one now) and tells whose side changed
    // a version by the bytes it started from (before schema 5 that is taken to be its bytes now).
    const QString what = QStringLiteral("upgrade the case library to schema 5");
    for (const QString &sql : {QStringLiteral("ALTER TABLE cases ADD COLUMN uid TEXT NOT NULL DEFAULT ''"),
                               QStringLiteral("ALTER TABLE versions ADD COLUMN base_hash TEXT NOT NULL "
                                              "DEFAULT ''"),
                               QStringLiteral("UPDATE versions SET base_hash = body_hash")}) {
        QSqlQuery q = query();
        if (!run(q, sql, {}, what)) return false;
    }
    QSqlQuery rows = query();
    if (!run(rows, QStringLiteral("SELECT id FROM cases"), {}, what)) return false;
    std::vector<qint64> ids;
    while (rows.next())
        ids.push_back(rows.value(0).toLongLong());
    rows.finish();
    for (const qint64 id : ids) {
        QSqlQuery q = query();
        if (!run(q, QStringLiteral("UPDATE cases SET uid = ? WHERE id = ?"),
                 {QUuid::createUuid().toString(QUuid::WithoutBraces), id}, what))
            return false;
    }
    QSqlQuery index = query();
    return run(index, QStringLiteral("CREATE UNIQUE INDEX cases_uid ON cases (uid)"), {}, what);
}

bool SqlCaseLibrary::migrateTo6() {
    // A large case's qualified packages outnumber 2^31 (616,612,602,168 of 3.2 × 10^12): the column holds
    // 64 bits. SQLite's INTEGER always did; a server's INTEGER is 32-bit and refused such a save.
    if (m_dialect->idType() == u"INTEGER") return true;
    QSqlQuery q = query();
    return run(
        q,
        QStringLiteral("ALTER TABLE versions ALTER COLUMN qualified_count TYPE %1").arg(m_dialect->idType()),
        {}, QStringLiteral("upgrade the case library to schema 6"));
}

bool SqlCaseLibrary::mayMigrate(int version) {
    // Only the schema's owner (or a superuser) makes or changes the tables; anyone else would be refused
    // half way with a grant error that reads as "you may not change cases".
    QSqlQuery q = query();
    if (!run(q,
             QStringLiteral(
                 "SELECT COALESCE((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) OR "
                 "CASE WHEN to_regclass('library_schema') IS NULL THEN "
                 "has_schema_privilege(current_schema(), 'CREATE') ELSE pg_has_role(current_user, "
                 "(SELECT relowner FROM pg_class WHERE oid = to_regclass('library_schema')), 'USAGE') END"),
             {}, QStringLiteral("look at the library on the server")) ||
        !q.next())
        return false;
    if (q.value(0).toBool()) return true;
    // LibraryFailure::NotSetUp: for most commands the library cannot be opened (CLI exit 2), as a local file
    // that cannot be; not Refused (exit 4), which says "your role may not change cases", while here nobody
    // but the owner can help. `library setup-server` run by this user is refused (exit 4, README).
    if (version == 0)
        fail(QStringLiteral("the library on the server is not set up yet: ask the agency's administrator to "
                            "run `placement-workbench library setup-server`"),
             LibraryFailure::NotSetUp);
    else
        fail(QStringLiteral("the library on the server is at schema %1 and this version of the workbench "
                            "needs schema %2: ask the agency's administrator to run `placement-workbench "
                            "library setup-server` with this version")
                 .arg(version)
                 .arg(kSchemaVersion),
             LibraryFailure::NotSetUp);
    return false;
}

bool SqlCaseLibrary::createOptionalIndexes() {
    // Each in a savepoint: a server without pg_trgm (or a user who may not create it) still gets the
    // library, and readIdentity() says search is slower there.
    for (const QString &sql : m_dialect->optionalIndexes()) {
        QSqlQuery s = query();
        if (!run(s, QStringLiteral("SAVEPOINT pw_optional"), {}, QStringLiteral("create the search index")))
            return false;
        QSqlQuery q = query();
        const bool ok = q.exec(sql);
        QSqlQuery e = query();
        if (!run(e,
                 ok ? QStringLiteral("RELEASE SAVEPOINT pw_optional")
                    : QStringLiteral("ROLLBACK TO SAVEPOINT pw_optional"),
                 {}, QStringLiteral("create the search index")))
            return false;
        if (!ok) break; // the extension is missing: the indexes using it cannot be made either
    }
    return true;
}

bool SqlCaseLibrary::backfillFacts(const QString &what) {
    QSqlQuery rows(QSqlDatabase::database(m_connection, false));
    if (!run(rows, QStringLiteral("SELECT version_id, body FROM version_data"), {}, what)) return false;
    std::vector<std::pair<qint64, CaseFacts>> facts;
    while (rows.next()) {
        const auto root = parseJson(rows.value(1).toByteArray());
        facts.emplace_back(rows.value(0).toLongLong(), root ? caseFactsOf(*root) : CaseFacts());
    }
    rows.finish();
    for (const auto &[versionId, f] : facts) {
        QSqlQuery q = query();
        QVariantList values = factValues(f);
        values << versionId;
        if (!run(q,
                 QStringLiteral("UPDATE versions SET ") + kFactAssignments + QStringLiteral(" WHERE id = ?"),
                 values, what))
            return false;
    }
    return true;
}

} // namespace pw
