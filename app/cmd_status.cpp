// SPDX-License-Identifier: MIT
#include "cli.h"
#include "clisupport.h"
#include "remotesupport.h"

#include "remote/apienvironment.h"
#include "remote/nexioclient.h"
#include "remote/runobject.h"
#include "remote/runpoller.h"
#include "store/runstore.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QNetworkAccessManager>

namespace pw {

int runStatus(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Polls a remote run once and prints it (the stored run's base URL and API family are used; a run not "
        "in\n"
        "the store is looked up with --base-url and the jobs API, or --engine for the engine-scoped API).\n"
        "With --wait, follows the run to its end with the documented backoff (resuming an unfinished run).\n"
        "A run store that cannot be written (read-only) is only read: the run is printed, not recorded.\n"
        "Exit 0 completed/degraded (or still running without --wait), 3 failed, 4 refused, 5 network or an\n"
        "answer that cannot be read, 6 the run store cannot be read."));
    p.addPositionalArgument(QStringLiteral("RUN_ID"), QStringLiteral("The run to poll."));
    const QCommandLineOption baseUrlOpt(QStringLiteral("base-url"),
                                        QStringLiteral("API base URL for runs not stored."),
                                        QStringLiteral("URL"));
    const QCommandLineOption engineOpt(QStringLiteral("engine"),
                                       QStringLiteral("Use the engine-scoped status path."));
    const QCommandLineOption waitOpt(QStringLiteral("wait"), QStringLiteral("Poll until the run ends."));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("table (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("table"));
    TimingOptions timing;
    p.addOptions({baseUrlOpt, engineOpt, waitOpt, formatOpt});
    timing.addTo(p);
    p.addHelpOption();
    const QString cmd = QStringLiteral("status");
    if (const auto done = parseOrHelp(p, args, io)) return *done;
    const QString format = p.value(formatOpt);
    if (!checkFormat(QStringLiteral("status"), format, {QStringLiteral("table"), QStringLiteral("json")}, io))
        return ExitProblems;
    if (p.positionalArguments().size() != 1) {
        io.err << "status: name exactly one run id (see --help)\n";
        return ExitProblems;
    }
    const QString runId = p.positionalArguments().constFirst().trimmed();
    if (!NexioClient::isUsableRunId(runId)) {
        printMessage(io, cmd, QStringLiteral("\"%1\" is not a run id").arg(runId));
        return ExitProblems;
    }
    RemoteSettings settings;
    if (!timing.read(p, settings, io, cmd)) return ExitProblems;
    const auto key = apiKeyFromEnvironment(io, cmd);
    if (!key) return ExitProblems;
    auto store = openRunStore(io, cmd);
    if (!store) return ExitStore;

    RunEndpoint endpoint;
    const auto stored = store->run(runId);
    if (!stored && !store->lastError().isEmpty()) {
        // The store could not be read: never guess another base URL for a run it may hold.
        printMessage(io, cmd, store->lastError());
        return ExitStore;
    }
    // A store that can be read but not written (a read-only file or folder) does not stop a look at the
    // run: it is printed and followed, and nothing is recorded.
    const bool writable = store->checkWritable();
    if (!writable)
        printMessage(
            io, cmd,
            QStringLiteral("warning: %1; the run is shown but not recorded").arg(store->lastError()));
    RunStore *record = writable ? store.get() : nullptr;
    if (stored && !p.isSet(baseUrlOpt)) {
        endpoint = endpointOf(*stored);
        const QString keyEnv = ApiEnvironment::fromKey(*key).name;
        if (!stored->environment.isEmpty() && stored->environment != keyEnv)
            printMessage(io, cmd,
                         QStringLiteral("warning: run %1 was submitted with a %2 key; NEXIO_API_KEY is %3")
                             .arg(runId, stored->environment,
                                  keyEnv.isEmpty() ? QStringLiteral("unrecognised") : keyEnv));
    } else {
        endpoint.baseUrl = baseUrlFrom(p.value(baseUrlOpt));
        endpoint.family = p.isSet(engineOpt) ? ApiFamily::Engine : ApiFamily::Jobs;
        if (!stored && !p.isSet(baseUrlOpt))
            printMessage(
                io, cmd,
                QStringLiteral("run %1 is not in the run store %2; asking %3 (choose with --base-url)")
                    .arg(runId, store->path(), endpoint.baseUrl.toDisplayString()));
    }
    if (const QString why = checkBaseUrl(endpoint.baseUrl); !why.isEmpty()) {
        printMessage(io, cmd, why);
        return ExitProblems;
    }

    QNetworkAccessManager network;
    NexioClient client(&network, *key, settings);
    QEventLoop loop;
    JsonValue run;
    int exit = ExitOk;
    if (p.isSet(waitOpt)) {
        if (record && !stored) {
            StoredRun s;
            s.runId = runId;
            s.baseUrl = endpoint.baseUrl.toString();
            s.family = apiFamilyName(endpoint.family);
            s.environment = ApiEnvironment::fromKey(*key).name;
            s.createdAt = s.updatedAt = QDateTime::currentDateTimeUtc();
            if (!record->addRun(s)) {
                printMessage(io, cmd,
                             QStringLiteral("run %1 cannot be followed: %2").arg(runId, record->lastError()));
                return ExitStore;
            }
        } else if (record && stored->abandoned) {
            record->setAbandoned(runId, false);
        }
        RunPoller poller(&client, record);
        RunOutcome outcome;
        QObject::connect(&poller, &RunPoller::runUpdated, &loop, [&](const JsonValue &r) {
            printMessage(io, cmd,
                         r[u"status"].toString() + (r[u"stage"].isString()
                                                        ? QStringLiteral(" (") + r[u"stage"].toString() + u')'
                                                        : QString()));
        });
        QObject::connect(&poller, &RunPoller::retrying, &loop, [&](const QString &message, int delayMs) {
            printMessage(io, cmd,
                         message + QStringLiteral("; trying again in %1 s").arg(delayMs / 1000.0, 0, 'f', 1));
        });
        QObject::connect(&poller, &RunPoller::finished, &loop, [&](const RunOutcome &o) {
            outcome = o;
            loop.quit();
        });
        poller.resume(runId, endpoint);
        if (poller.isActive()) loop.exec();
        if (outcome.kind == RunOutcome::Kind::Error) {
            printMessage(io, cmd, outcome.message);
            return exitCodeFor(outcome);
        }
        if (outcome.kind != RunOutcome::Kind::Completed) printMessage(io, cmd, outcome.message);
        run = outcome.run;
        exit = exitCodeFor(outcome);
    } else {
        ApiResult result;
        client.fetchRun(endpoint, runId, &loop, [&](const ApiResult &r) {
            result = r;
            loop.quit();
        });
        loop.exec();
        if (!result.ok()) {
            if (stored && record)
                record->setLastError(runId, result.message, QDateTime::currentDateTimeUtc());
            printMessage(io, cmd, result.message);
            return exitCodeFor(result);
        }
        run = result.body;
        // The same checks as a followed run: another run's answer, no status, a status outside the enum
        // or an unreadable run object is reported, never printed or stored as if it were this run.
        const QString status = run[u"status"].toString();
        if (const RunAnswerProblem problem = checkRunAnswer(run, runId)) {
            QString wrong = problem.message;
            if (stored && record) {
                wrong += QStringLiteral("; it will not be resumed");
                if (problem.kind == RunAnswerProblem::Kind::UnknownStatus)
                    record->updateFromRun(runId, run, QDateTime::currentDateTimeUtc());
                record->setLastError(runId, wrong, QDateTime::currentDateTimeUtc());
                record->setAbandoned(runId, true);
            }
            printMessage(io, cmd, wrong);
            return ExitNetwork;
        }
        if (stored && record && !record->updateFromRun(runId, run, QDateTime::currentDateTimeUtc()))
            printMessage(io, cmd, QStringLiteral("warning: %1").arg(record->lastError()));
        if (status == u"failed") exit = ExitRunFailed;
    }
    if (format == u"json")
        io.out << QString::fromUtf8(writeJson(run));
    else
        io.out << renderRunTable(run);
    return exit;
}

} // namespace pw
