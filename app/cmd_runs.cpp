// SPDX-License-Identifier: MIT
#include "cli.h"
#include "clisupport.h"
#include "remotesupport.h"

#include "remote/nexioclient.h"
#include "remote/runpoller.h"
#include "store/runstore.h"
#include "util/dates.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace pw {

int runRuns(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Lists the remote runs kept in the run store, newest first.\n"
        "With --resume, first follows every unfinished run (queued or processing, not cancelled) to its "
        "end,\n"
        "with the documented backoff, using NEXIO_API_KEY. Exit 0, or the worst exit of the resumed runs."));
    const QCommandLineOption caseOpt(
        QStringLiteral("case"), QStringLiteral("Only the runs of this case file."), QStringLiteral("CASE"));
    const QCommandLineOption resumeOpt(QStringLiteral("resume"),
                                       QStringLiteral("Follow unfinished runs to their end first."));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("table (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("table"));
    TimingOptions timing;
    p.addOptions({caseOpt, resumeOpt, formatOpt});
    timing.addTo(p);
    p.addHelpOption();
    const QString cmd = QStringLiteral("runs");
    if (const auto done = parseOrHelp(p, args, io)) return *done;
    const QString format = p.value(formatOpt);
    if (!checkFormat(QStringLiteral("runs"), format, {QStringLiteral("table"), QStringLiteral("json")}, io))
        return ExitProblems;
    if (!p.positionalArguments().isEmpty()) {
        io.err << "runs: takes no arguments (see --help)\n";
        return ExitProblems;
    }
    RemoteSettings settings;
    if (!timing.read(p, settings, io, cmd)) return ExitProblems;
    auto store = openRunStore(io, cmd);
    if (!store) return ExitStore;

    int exit = ExitOk;
    if (p.isSet(resumeOpt)) {
        const auto unfinished = store->unfinishedRuns();
        if (unfinished.empty() && !store->lastError().isEmpty()) {
            printMessage(io, cmd, store->lastError());
            return ExitStore;
        }
        if (!unfinished.empty()) {
            const auto key = apiKeyFromEnvironment(io, cmd);
            if (!key) return ExitProblems;
            QNetworkAccessManager network;
            NexioClient client(&network, *key, settings);
            for (const StoredRun &s : unfinished) {
                RunPoller poller(&client, store.get());
                QEventLoop loop;
                RunOutcome outcome;
                QObject::connect(&poller, &RunPoller::finished, &loop, [&](const RunOutcome &o) {
                    outcome = o;
                    loop.quit();
                });
                printMessage(io, cmd, QStringLiteral("resuming ") + s.runId);
                poller.resume(s.runId, endpointOf(s));
                if (poller.isActive()) loop.exec();
                printMessage(io, cmd, outcome.message);
                exit = std::max(exit, exitCodeFor(outcome));
            }
        }
    }

    const QString casePath = p.isSet(caseOpt) ? QFileInfo(p.value(caseOpt)).absoluteFilePath() : QString();
    const auto runs = store->runs(casePath);
    if (runs.empty() && !store->lastError().isEmpty()) {
        // A store that cannot be read is not an empty one.
        printMessage(io, cmd, store->lastError());
        return ExitStore;
    }
    if (format == u"json") {
        JsonValue arr = JsonValue::array();
        for (const StoredRun &r : runs) {
            JsonValue o = JsonValue::object();
            o.insert(QStringLiteral("run_id"), r.runId);
            o.insert(QStringLiteral("status"), r.status);
            o.insert(QStringLiteral("stage"), r.stage);
            o.insert(QStringLiteral("environment"), r.environment);
            o.insert(QStringLiteral("api"), r.family);
            if (!r.engineSlug.isEmpty()) o.insert(QStringLiteral("engine_slug"), r.engineSlug);
            o.insert(QStringLiteral("base_url"), r.baseUrl);
            o.insert(QStringLiteral("case"), r.casePath);
            o.insert(QStringLiteral("created_at"), formatTimestamp(r.createdAt));
            o.insert(QStringLiteral("updated_at"), formatTimestamp(r.updatedAt));
            o.insert(QStringLiteral("watched"), !r.abandoned);
            if (!r.lastError.isEmpty()) o.insert(QStringLiteral("last_error"), r.lastError);
            arr.append(o);
        }
        io.out << QString::fromUtf8(writeJson(arr));
    } else {
        io.out << renderRunsTable(runs);
    }
    return exit;
}

} // namespace pw
