// SPDX-License-Identifier: MIT
#include "cli.h"
#include "clisupport.h"
#include "remotesupport.h"

#include "remote/apienvironment.h"
#include "remote/nexioclient.h"
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
        "Exit 0 completed/degraded (or still running without --wait), 3 failed, 4 refused, 5 network."));
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
        io.err << "status: \"" << runId << "\" is not a run id\n";
        return ExitProblems;
    }
    RemoteSettings settings;
    if (!timing.read(p, settings, io, cmd)) return ExitProblems;
    const auto key = apiKeyFromEnvironment(io, cmd);
    if (!key) return ExitProblems;
    auto store = openRunStore(io, cmd);
    if (!store) return ExitProblems;

    RunEndpoint endpoint;
    const auto stored = store->run(runId);
    if (stored && !p.isSet(baseUrlOpt)) {
        endpoint = endpointOf(*stored);
        const QString keyEnv = ApiEnvironment::fromKey(*key).name;
        if (!stored->environment.isEmpty() && stored->environment != keyEnv)
            io.err << "status: warning: run " << runId << " was submitted with a " << stored->environment
                   << " key; NEXIO_API_KEY is "
                   << (keyEnv.isEmpty() ? QStringLiteral("unrecognised") : keyEnv) << "\n";
    } else {
        endpoint.baseUrl = baseUrlFrom(p.value(baseUrlOpt));
        endpoint.family = p.isSet(engineOpt) ? ApiFamily::Engine : ApiFamily::Jobs;
    }
    if (const QString why = checkBaseUrl(endpoint.baseUrl); !why.isEmpty()) {
        io.err << "status: " << why << "\n";
        return ExitProblems;
    }

    QNetworkAccessManager network;
    NexioClient client(&network, *key, settings);
    QEventLoop loop;
    JsonValue run;
    int exit = ExitOk;
    if (p.isSet(waitOpt)) {
        if (!stored) {
            StoredRun s;
            s.runId = runId;
            s.baseUrl = endpoint.baseUrl.toString();
            s.family = apiFamilyName(endpoint.family);
            s.environment = ApiEnvironment::fromKey(*key).name;
            s.createdAt = s.updatedAt = QDateTime::currentDateTimeUtc();
            store->addRun(s);
        } else if (stored->abandoned) {
            store->setAbandoned(runId, false);
        }
        RunPoller poller(&client, store.get());
        RunOutcome outcome;
        QObject::connect(&poller, &RunPoller::runUpdated, &loop, [&](const JsonValue &r) {
            io.err << "status: " << r[u"status"].toString()
                   << (r[u"stage"].isString() ? QStringLiteral(" (") + r[u"stage"].toString() + u')'
                                              : QString())
                   << "\n";
            io.err.flush();
        });
        QObject::connect(&poller, &RunPoller::retrying, &loop, [&](const QString &message, int delayMs) {
            io.err << "status: " << message << "; trying again in "
                   << QString::number(delayMs / 1000.0, 'f', 1) << " s\n";
        });
        QObject::connect(&poller, &RunPoller::finished, &loop, [&](const RunOutcome &o) {
            outcome = o;
            loop.quit();
        });
        poller.resume(runId, endpoint);
        if (poller.isActive()) loop.exec();
        if (outcome.kind == RunOutcome::Kind::Error) {
            io.err << "status: " << outcome.message << "\n";
            return exitCodeFor(outcome);
        }
        if (outcome.kind != RunOutcome::Kind::Completed) io.err << "status: " << outcome.message << "\n";
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
            if (stored) store->setLastError(runId, result.message, QDateTime::currentDateTimeUtc());
            io.err << "status: " << result.message << "\n";
            return exitCodeFor(result);
        }
        run = result.body;
        if (stored) store->updateFromRun(runId, run, QDateTime::currentDateTimeUtc());
        if (run[u"status"].toString() == u"failed") exit = ExitRunFailed;
    }
    if (format == u"json")
        io.out << QString::fromUtf8(writeJson(run));
    else
        io.out << renderRunTable(run);
    return exit;
}

} // namespace pw
