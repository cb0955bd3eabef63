// SPDX-License-Identifier: MIT
#include "libraryserverio.h"

#include "io/json.h"
#include "remote/keychainsecretstore.h"
#include "store/librarypush.h"
#include "store/libraryserver.h"
#include "store/sqlcaselibrary.h"

namespace pw {

QString libraryPassword(const LibraryLocation &location) {
    if (!location.isServer()) return {};
    if (qEnvironmentVariableIsSet("PGPASSWORD")) return qEnvironmentVariable("PGPASSWORD");
    KeychainSecretStore keychain;
    return keychain.read(location.secretName()).value_or(QString());
}

int libraryExitCode(const CaseLibrary &library, int otherwise) {
    switch (library.lastFailure()) {
    case LibraryFailure::Unreachable:
        return ExitNetwork;
    case LibraryFailure::Refused:
        return ExitRefused;
    case LibraryFailure::Conflict:
        return ExitStore;
    case LibraryFailure::None:
    case LibraryFailure::Other:
        break;
    }
    return otherwise;
}

std::unique_ptr<CaseLibrary> openLibraryForCli(const QString &serverUrl, CliIo &io, int *exitCode) {
    LibraryLocation location;
    if (!serverUrl.isEmpty()) {
        QString error;
        const auto parsed = LibraryLocation::fromUrl(serverUrl, &error);
        if (!parsed) {
            io.err << "library: --server: " << error << "\n";
            *exitCode = ExitProblems;
            return nullptr;
        }
        location = *parsed;
    }
    auto lib = openCaseLibrary(location, libraryPassword(location));
    if (!lib->isOpen()) {
        io.err << "library: " << lib->lastError() << "\n";
        *exitCode = libraryExitCode(*lib, ExitUnreadable);
        return nullptr;
    }
    for (const QString &notice : lib->notices())
        io.err << "library: note: " << notice << "\n";
    return lib;
}

int runLibraryPush(CaseLibrary &server, bool json, CliIo &io) {
    auto local = openCaseLibrary(LibraryLocation::local());
    if (!local->isOpen()) {
        io.err << "library push: " << local->lastError() << "\n";
        return ExitUnreadable;
    }
    const PushReport r = pushLibrary(*local, server);
    if (json) {
        JsonValue o = JsonValue::object();
        o.appendMember(QStringLiteral("server"), server.location().displayName());
        o.appendMember(QStringLiteral("cases_copied"), r.casesCopied);
        o.appendMember(QStringLiteral("versions_copied"), r.versionsCopied);
        o.appendMember(QStringLiteral("notes_copied"), r.notesCopied);
        o.appendMember(QStringLiteral("audit_entries_copied"), r.auditCopied);
        o.appendMember(QStringLiteral("cases_skipped"), r.casesSkipped);
        JsonValue skipped = JsonValue::array();
        for (const QString &s : r.skipped)
            skipped.append(s);
        o.appendMember(QStringLiteral("skipped"), skipped);
        o.appendMember(QStringLiteral("error"), r.error.isEmpty() ? JsonValue() : JsonValue(r.error));
        io.out << QString::fromUtf8(writeJson(o));
    } else {
        io.out << "pushed to " << server.location().displayName() << ": " << r.casesCopied
               << " case(s) copied (" << r.versionsCopied << " versions, " << r.notesCopied << " notes, "
               << r.auditCopied << " audit entries), " << r.casesSkipped << " skipped\n";
        for (const QString &s : r.skipped)
            io.out << "  skipped " << s << "\n";
    }
    if (!r.ok()) {
        io.err << "library push: " << r.error << "\n";
        return libraryExitCode(server, ExitStore);
    }
    return ExitOk;
}

int runLibrarySetupServer(const QString &serverUrl, bool printSql, CliIo &io) {
    QString error;
    const auto location = LibraryLocation::fromUrl(
        serverUrl.isEmpty() ? QStringLiteral("postgresql://pw_owner@localhost/agency") : serverUrl, &error);
    if (!location) {
        io.err << "library setup-server: --server: " << error << "\n";
        return ExitProblems;
    }
    if (printSql) {
        io.out << librarySetupSql(location->database);
        return ExitOk;
    }
    if (serverUrl.isEmpty()) {
        io.err << "library setup-server: --server URL is required (the owner's login), or --print-sql\n";
        return ExitProblems;
    }
    int exit = ExitOk;
    auto lib = openLibraryForCli(serverUrl, io, &exit);
    if (!lib) return exit;
    auto *sql = dynamic_cast<SqlCaseLibrary *>(lib.get());
    if (!sql || !sql->applyServerRights()) {
        io.err << "library setup-server: " << lib->lastError() << "\n";
        return libraryExitCode(*lib, ExitStore);
    }
    io.out << "the library on " << lib->location().displayName() << " is at schema " << lib->schemaVersion()
           << "; pw_agent and pw_underwriter have their rights\n";
    return ExitOk;
}

} // namespace pw
