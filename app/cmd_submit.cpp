// SPDX-License-Identifier: MIT
#include "cli.h"
#include "clisupport.h"
#include "remotesupport.h"

#include "io/casefile.h"
#include "remote/apienvironment.h"
#include "remote/nexioclient.h"
#include "remote/runcomparison.h"
#include "remote/runpoller.h"
#include "store/runstore.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>

namespace pw {

int runSubmit(const QStringList &args, CliIo &io) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Submits a case to the Nexio API (its \"workbench\" object is not sent) and prints the run id at "
        "once.\n"
        "With --wait, polls with the documented backoff until the run ends and prints it: the run object\n"
        "(--format json; the run id then goes to stderr so stdout is pure JSON) or status, stage and\n"
        "solutions (--format table, followed by the comparison with the local engine).\n"
        "The key comes from NEXIO_API_KEY; a live key (nx_live_) also needs --confirm-live.\n"
        "Every run id is stored at once; `runs --resume` or `status RUN_ID --wait` pick up unfinished runs.\n"
        "Exit 0 completed or degraded, 1 usage, 2 case cannot be read or parsed, 3 run failed, 4 refused by "
        "the server,\n"
        "5 network error, timeout or an answer that cannot be read (a submission that may have been "
        "accepted\n"
        "is never sent again), 6 the run store cannot be read or written (checked before the case is sent;\n"
        "a run id it could not keep after all is printed with the reason)."));
    p.addPositionalArgument(QStringLiteral("CASE"), QStringLiteral("Case file to submit."));
    const QCommandLineOption baseUrlOpt(
        QStringLiteral("base-url"),
        QStringLiteral("API base URL (default NEXIO_BASE_URL or https://api.usenexio.com)."),
        QStringLiteral("URL"));
    const QCommandLineOption engineOpt(QStringLiteral("engine"),
                                       QStringLiteral("Submit to the engine-scoped API of this engine slug."),
                                       QStringLiteral("SLUG"));
    const QCommandLineOption engineVersionOpt(
        QStringLiteral("engine-version"), QStringLiteral("Engine version for --engine (\"1.3\", \"1.x\")."),
        QStringLiteral("V"));
    const QCommandLineOption waitOpt(QStringLiteral("wait"),
                                     QStringLiteral("Poll until the run ends and print it."));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("table (default) or json."),
                                       QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption liveOpt(QStringLiteral("confirm-live"),
                                     QStringLiteral("Confirm a submission with a live (production) key."));
    const QCommandLineOption noCompareOpt(
        QStringLiteral("no-compare"),
        QStringLiteral("With --wait --format table: skip the local comparison."));
    TimingOptions timing;
    p.addOptions({baseUrlOpt, engineOpt, engineVersionOpt, waitOpt, formatOpt, liveOpt, noCompareOpt});
    timing.addTo(p);
    p.addHelpOption();
    const QString cmd = QStringLiteral("submit");
    if (const auto done = parseOrHelp(p, args, io)) return *done;
    const QString format = p.value(formatOpt);
    if (!checkFormat(QStringLiteral("submit"), format, {QStringLiteral("table"), QStringLiteral("json")}, io))
        return ExitProblems;
    if (p.positionalArguments().size() != 1) {
        io.err << "submit: name exactly one case file (see --help)\n";
        return ExitProblems;
    }
    if (p.isSet(engineVersionOpt) && !p.isSet(engineOpt)) {
        io.err << "submit: --engine-version needs --engine SLUG\n";
        return ExitProblems;
    }
    RemoteSettings settings;
    if (!timing.read(p, settings, io, cmd)) return ExitProblems;

    RunEndpoint endpoint;
    endpoint.baseUrl = baseUrlFrom(p.value(baseUrlOpt));
    if (const QString why = checkBaseUrl(endpoint.baseUrl); !why.isEmpty()) {
        io.err << "submit: " << why << "\n";
        return ExitProblems;
    }
    if (p.isSet(engineOpt)) {
        endpoint.family = ApiFamily::Engine;
        endpoint.engineSlug = p.value(engineOpt).trimmed();
        endpoint.engineVersion = p.value(engineVersionOpt).trimmed();
        if (endpoint.engineSlug.isEmpty()) {
            io.err << "submit: --engine needs a slug such as default\n";
            return ExitProblems;
        }
    }

    const QString caseFile = p.positionalArguments().constFirst();
    const CaseFileResult f = readCaseFile(caseFile);
    if (!f.root) {
        io.err << caseFile << ": " << f.problem.message << "\n";
        return ExitUnreadable;
    }
    if (!f.root->isObject() || !(*f.root)[u"input"].isObject()) {
        io.err << caseFile << ": not a case: the API needs an \"input\" object\n";
        return ExitProblems;
    }

    const auto key = apiKeyFromEnvironment(io, cmd);
    if (!key) return ExitProblems;
    const ApiEnvironment environment = ApiEnvironment::fromKey(*key);
    if (environment.needsConfirmation() && !p.isSet(liveOpt)) {
        io.err << "submit: NEXIO_API_KEY is "
               << (environment.live ? QStringLiteral("a LIVE (production) key")
                                    : QStringLiteral("not a recognised key"))
               << "; add --confirm-live to submit with it\n";
        return ExitProblems;
    }
    auto store = openRunStore(io, cmd);
    if (!store) return ExitStore;
    // The run id must be recorded the moment it arrives: a store that cannot be written is found out
    // before the case is sent, not after the server has started a run.
    if (!store->checkWritable()) {
        printMessage(io, cmd, QStringLiteral("not submitted: %1").arg(store->lastError()));
        return ExitStore;
    }

    QNetworkAccessManager network;
    NexioClient client(&network, *key, settings);
    RunPoller poller(&client, store.get());
    QEventLoop loop;
    RunOutcome outcome;
    const bool wait = p.isSet(waitOpt);
    const bool json = format == u"json";
    QObject::connect(&poller, &RunPoller::submitted, &loop, [&](const QString &runId) {
        if (wait && json)
            io.err << "submitted run " << runId << " (" << environment.name << ")\n";
        else
            io.out << runId << "\n";
        io.out.flush();
        io.err.flush();
        if (!wait) {
            poller.cancel(false); // stays unfinished in the store: `status` or `runs --resume` follow it
            loop.quit();
        }
    });
    QObject::connect(&poller, &RunPoller::retrying, &loop, [&](const QString &message, int delayMs) {
        printMessage(io, cmd,
                     message + QStringLiteral("; trying again in %1 s").arg(delayMs / 1000.0, 0, 'f', 1));
    });
    QObject::connect(&poller, &RunPoller::finished, &loop, [&](const RunOutcome &o) {
        outcome = o;
        loop.quit();
    });
    poller.submit(*f.root, QFileInfo(caseFile).absoluteFilePath(), endpoint, environment.name);
    if (poller.isActive()) loop.exec();

    if (!wait && outcome.kind == RunOutcome::Kind::Cancelled) return ExitOk;
    if (outcome.kind == RunOutcome::Kind::Error) {
        printMessage(io, cmd, outcome.message);
        if (!outcome.runId.isEmpty() && outcome.error.kind != ApiResult::Kind::NotStored &&
            outcome.error.kind != ApiResult::Kind::Malformed)
            printMessage(
                io, cmd,
                QStringLiteral("run %1 is stored in %2; `placement-workbench status %1 --wait` resumes it")
                    .arg(outcome.runId, store->path()));
        return exitCodeFor(outcome);
    }
    if (json) {
        io.out << QString::fromUtf8(writeJson(outcome.run));
    } else {
        io.out << renderRunTable(outcome.run);
        if (outcome.succeeded() && !p.isSet(noCompareOpt)) {
            QString why;
            const auto local = runLocalEngineForComparison(*f.root, &why);
            io.out << "\n";
            if (local)
                io.out << renderComparisonTable(compareRuns(*local, outcome.run));
            else
                io.out << "No comparison with the local engine: " << why << "\n";
        }
    }
    if (outcome.kind != RunOutcome::Kind::Completed) printMessage(io, cmd, outcome.message);
    return exitCodeFor(outcome);
}

} // namespace pw
