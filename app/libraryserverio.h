// SPDX-License-Identifier: MIT
#pragma once

#include "cli.h"
#include "store/caselibrary.h"

#include <memory>

namespace pw {

// The command line's side of a library on a server (`library --server URL …`, `library push`,
// `library setup-server`): the password, opening, and exit codes.

// While it lives, Qt SQL's own warnings (QSqlQuery, QPSQL, the server's notices) are not printed: the
// command says each failure once, in its own words. Restores the handler before it.
class QuietSqlMessages {
public:
    QuietSqlMessages();
    ~QuietSqlMessages();
    QuietSqlMessages(const QuietSqlMessages &) = delete;
    QuietSqlMessages &operator=(const QuietSqlMessages &) = delete;
};

// The password for `location`: PGPASSWORD when set, else the keychain entry location.secretName() (as
// Settings → Library keeps it), else empty (the server may not ask for one; if it does, the open fails
// and says where to put it).
QString libraryPassword(const LibraryLocation &location);

// Opens the local library (serverUrl empty) or the server's. On failure prints "library: <reason>" and
// sets *exitCode (libraryExitCode, 2 for a local library that cannot be opened); nullptr then.
std::unique_ptr<CaseLibrary> openLibraryForCli(const QString &serverUrl, CliIo &io, int *exitCode);

// The exit code of the library's last failure: 5 unreachable, 4 refused by the server, 6 a conflict,
// `otherwise` for anything else.
int libraryExitCode(const CaseLibrary &library, int otherwise);

// `library push --server URL [--format json]`: the local library's cases copied to the server.
int runLibraryPush(CaseLibrary &server, bool json, CliIo &io);
// `library setup-server`: the schema made or migrated and the agency's roles granted (as the owner);
// with printSql, the administrator's script for `database` instead (nothing connects).
int runLibrarySetupServer(const QString &serverUrl, bool printSql, CliIo &io);

} // namespace pw
