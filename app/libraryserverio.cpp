// SPDX-License-Identifier: MIT
#include "libraryserverio.h"

#include "io/json.h"
#include "remote/keychainsecretstore.h"
#include "store/librarypush.h"
#include "store/libraryserver.h"
#include "store/sqlcaselibrary.h"
#include "util/displaytext.h"

namespace pw {

namespace {

QtMessageHandler g_previousHandler = nullptr;

// Qt SQL's own warnings ("QSqlQuery::exec: database not open", "Unable to free statement: …", QPSQL's
// notices of the server) repeat, in Qt's words, a failure the command already says in one plain line.
bool isSqlNoise(const QMessageLogContext &context, const QString &message) {
    if (context.category && QLatin1StringView(context.category).startsWith(QLatin1StringView("qt.sql")))
        return true;
    for (const char *prefix : {"QSqlQuery::", "QSqlDatabase", "QPSQL", "Unable to free statement",
                               "QSqlDatabasePrivate", "WARNING:  ", "NOTICE:  ", "FATAL:  "})
        if (message.startsWith(QLatin1StringView(prefix))) return true;
    return false;
}

void quietSqlHandler(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    if (type != QtFatalMsg && isSqlNoise(context, message)) return;
    if (g_previousHandler) g_previousHandler(type, context, message);
}

} // namespace

QuietSqlMessages::QuietSqlMessages() {
    g_previousHandler = qInstallMessageHandler(quietSqlHandler);
}

QuietSqlMessages::~QuietSqlMessages() {
    qInstallMessageHandler(g_previousHandler);
    g_previousHandler = nullptr;
}

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
    case LibraryFailure::NotSetUp: // cannot be opened, as a local file that cannot be (README: exit 2)
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
        io.err << "library: " << escapeControls(lib->lastError()) << "\n";
        *exitCode = libraryExitCode(*lib, ExitUnreadable);
        return nullptr;
    }
    for (const QString &notice : lib->notices())
        io.err << "library: note: " << escapeControls(notice) << "\n";
    return lib;
}

int runLibraryPush(CaseLibrary &server, bool json, CliIo &io) {
    auto local = openCaseLibrary(LibraryLocation::local());
    if (!local->isOpen()) {
        io.err << "library push: " << escapeControls(local->lastError()) << "\n";
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
        o.appendMember(QStringLiteral("cases_updated"), r.casesUpdated);
        auto list = [](const QStringList &items) {
            JsonValue a = JsonValue::array();
            for (const QString &s : items)
                a.append(s);
            return a;
        };
        o.appendMember(QStringLiteral("copied"), list(r.copied));
        o.appendMember(QStringLiteral("updated"), list(r.updated));
        o.appendMember(QStringLiteral("conflicts"), list(r.conflicts));
        o.appendMember(QStringLiteral("skipped"), list(r.skipped));
        o.appendMember(QStringLiteral("failed"), list(r.failed));
        o.appendMember(QStringLiteral("error"), r.error.isEmpty() ? JsonValue() : JsonValue(r.error));
        io.out << QString::fromUtf8(writeJson(o));
    } else {
        io.out << "pushed to " << escapeControls(server.location().displayName()) << ": " << r.casesCopied
               << " case(s) copied (" << r.versionsCopied << " versions, " << r.notesCopied << " notes, "
               << r.auditCopied << " audit entries), " << r.casesUpdated << " updated, " << r.casesSkipped
               << " skipped, " << r.conflicts.size() << " conflict(s), " << r.failed.size() << " failed\n";
        const std::pair<const char *, const QStringList *> sections[] = {{"copied", &r.copied},
                                                                         {"updated", &r.updated},
                                                                         {"CONFLICT", &r.conflicts},
                                                                         {"skipped", &r.skipped},
                                                                         {"failed", &r.failed}};
        for (const auto &[label, items] : sections)
            for (const QString &s : *items)
                io.out << "  " << label << " " << escapeControls(s) << "\n";
    }
    if (!r.error.isEmpty()) {
        io.err << "library push: " << escapeControls(r.error) << "\n";
        return libraryExitCode(server, ExitStore);
    }
    // Read two ways: a push whose conflicts were stored beside the server's versions "succeeded", yet
    // someone must look at those cases. Chosen: exit 6, the code of a conflict elsewhere in `library`.
    if (!r.conflicts.isEmpty()) {
        io.err << "library push: " << r.conflicts.size()
               << " case(s) had changed on the server meanwhile: your versions were added beside the "
                  "server's (see CONFLICT above)\n";
        return ExitStore;
    }
    return r.failed.isEmpty() ? ExitOk : ExitProblems;
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
    // Only the schema's owner makes the tables and grants: anyone else is refused (exit 4, README), whether
    // the library is set up (they would send every GRANT for the server to ignore) or not yet (opening it
    // could not make the tables: LibraryFailure::NotSetUp, which other commands report as exit 2).
    const auto refuseNonOwner = [&io](const QString &user) {
        io.err << "library setup-server: " << escapeControls(user)
               << " does not own the library's tables on the server: run setup-server as the owner (e.g. "
                  "pw_owner, README: Sharing a library across an agency)\n";
        return int(ExitRefused);
    };
    auto lib = openCaseLibrary(*location, libraryPassword(*location));
    if (!lib->isOpen() && lib->lastFailure() == LibraryFailure::NotSetUp)
        return refuseNonOwner(location->user);
    if (!lib->isOpen()) {
        io.err << "library setup-server: " << escapeControls(lib->lastError()) << "\n";
        return libraryExitCode(*lib, ExitUnreadable);
    }
    if (lib->role() != LibraryRole::Owner) return refuseNonOwner(lib->userName());
    for (const QString &notice : lib->notices())
        io.err << "library: note: " << escapeControls(notice) << "\n";
    auto *sql = dynamic_cast<SqlCaseLibrary *>(lib.get());
    if (!sql || !sql->applyServerRights()) {
        io.err << "library setup-server: " << escapeControls(lib->lastError()) << "\n";
        return libraryExitCode(*lib, ExitStore);
    }
    io.out << "the library on " << lib->location().displayName() << " is at schema " << lib->schemaVersion()
           << "; pw_agent and pw_underwriter have their rights\n";
    return ExitOk;
}

} // namespace pw
