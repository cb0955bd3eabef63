// SPDX-License-Identifier: MIT
#pragma once

#include "cli.h"
#include "io/json.h"
#include "remote/remotesettings.h"
#include "remote/runoutcome.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include <memory>
#include <optional>

namespace pw {

class RunStore;
struct StoredRun;

// What the remote commands (submit, status, runs) share: where the run store lives, the key and base URL
// from the environment, timing options, and how runs and outcomes are printed and mapped to exit codes.
//
// The store is PLACEMENT_WORKBENCH_DATA_DIR/runs.sqlite when that variable is set, else the user's data
// folder (QStandardPaths::AppDataLocation, which follows XDG_DATA_HOME). The key comes from NEXIO_API_KEY
// only; the base URL from --base-url, else NEXIO_BASE_URL, else https://api.usenexio.com.

QString runStorePath();
// "COMMAND: message" on stderr, the message escaped for the terminal (util/displaytext.h): every message
// that may carry server or case text is printed this way.
void printMessage(CliIo &io, const QString &command, const QString &message);
std::unique_ptr<RunStore> openRunStore(CliIo &io, const QString &command);
// NEXIO_API_KEY trimmed; prints an error and returns nullopt when unset.
std::optional<QString> apiKeyFromEnvironment(CliIo &io, const QString &command);
QUrl baseUrlFrom(const QString &option);

// --poll-initial-ms, --poll-max-ms, --timeout-ms, --max-retries.
struct TimingOptions {
    QCommandLineOption pollInitial{QStringLiteral("poll-initial-ms"),
                                   QStringLiteral("Wait before the first poll (default 2000)."),
                                   QStringLiteral("N")};
    QCommandLineOption pollMax{QStringLiteral("poll-max-ms"),
                               QStringLiteral("Longest wait between polls (default 30000)."),
                               QStringLiteral("N")};
    QCommandLineOption timeout{
        QStringLiteral("timeout-ms"),
        QStringLiteral("Give up on a request that has not finished within this long, whether or not data "
                       "trickles in (default: 30000 without data, 120000 in all)."),
        QStringLiteral("N")};
    QCommandLineOption retries{QStringLiteral("max-retries"),
                               QStringLiteral("Retries after server or network errors (default 5)."),
                               QStringLiteral("N")};
    void addTo(QCommandLineParser &p) const { p.addOptions({pollInitial, pollMax, timeout, retries}); }
    // Reads the options into settings; prints an error and returns false on a bad number. --timeout-ms sets
    // both the transfer timeout and the whole-request deadline, so a server that sends one byte at a time
    // cannot hold a request longer than asked.
    bool read(const QCommandLineParser &p, RemoteSettings &settings, CliIo &io, const QString &command) const;
};

// Status, stage and the solutions as a plain table.
QString renderRunTable(const JsonValue &run);
QString renderRunsTable(const std::vector<StoredRun> &runs);
int exitCodeFor(const RunOutcome &outcome);
int exitCodeFor(const ApiResult &error);
RunEndpoint endpointOf(const StoredRun &run);

// The local engine's run for the same case, for the local-versus-remote comparison; nullopt (with *why)
// when the case does not validate or the engine produced no run.
std::optional<JsonValue> runLocalEngineForComparison(const JsonValue &caseRoot, QString *why);

} // namespace pw
