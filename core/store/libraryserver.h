// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace pw {

// The agency's library on a PostgreSQL server: who may do what, enforced by the server itself
// (README "Sharing a library across an agency").
//
// Two group roles, made once by the server's administrator (librarySetupSql()):
//   pw_agent        reads everything; adds and changes cases, versions, remote-run links; deletes cases;
//                   adds notes and deletes only their own
//   pw_underwriter  reads everything; adds notes (and the audit entries of notes and exports) only
// Each person logs in as their own user, a member of one of them. The schema (tables) belongs to the user
// who opened the library first (the owner, e.g. "pw_owner"); that client grants the roles their rights
// (libraryServerRightsSql()) whenever it creates or migrates tables, and `library setup-server` grants
// them again — always under the migration lock, after checking the schema version. What the server
// enforces whatever a client sends: notes.db_user, audit.db_user and versions.modified_by are set by
// triggers from current_user; the audit trail is append-only (no UPDATE or DELETE for either role; a
// deleted case keeps its entries); every change or removal of a version's stored bytes writes an audit
// entry by current_user; notes need their case (foreign key, deleted with it); nobody but the owner has
// rights on the recovery table (autosave records stay on each computer).

// The GRANT and row-level-security statements for the library's tables (idempotent; run by the owner).
QStringList libraryServerRightsSql();

// The administrator's script (psql, as a superuser): the group roles, the owner, the database with
// pg_trgm, and example users. `database` names the database; passwords are placeholders to replace.
QString librarySetupSql(const QString &database);

} // namespace pw
