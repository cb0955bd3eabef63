// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace pw {

// The agency's library on a PostgreSQL server: who may do what, enforced by the server itself
// (README "Sharing a library across an agency").
//
// Two group roles, made once by the server's administrator (librarySetupSql()):
//   pw_agent        reads everything; adds and changes cases, versions, notes, remote-run links; deletes
//   cases pw_underwriter  reads everything; adds notes (and the audit entry a note makes) only
// Each person logs in as their own user, a member of one of them. The schema (tables) belongs to the user
// who opened the library first (the owner, e.g. "pw_owner"); that client grants the roles their rights
// (libraryServerRightsSql()) whenever it creates or migrates tables, and `library setup-server` grants
// them again. Row-level security makes notes and audit entries carry their real author: a row's db_user
// must be the server's current_user, and an underwriter's audit rows may only be of kind "note".

// The GRANT and row-level-security statements for the library's tables (idempotent; run by the owner).
QStringList libraryServerRightsSql();

// The administrator's script (psql, as a superuser): the group roles, the owner, the database with
// pg_trgm, and example users. `database` names the database; passwords are placeholders to replace.
QString librarySetupSql(const QString &database);

} // namespace pw
