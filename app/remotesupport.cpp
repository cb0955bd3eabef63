// SPDX-License-Identifier: MIT
#include "remotesupport.h"

#include "engine/engine.h"
#include "store/runstore.h"
#include "util/dates.h"
#include "util/displaytext.h"

#include <QDir>
#include <QProcessEnvironment>

#include <cmath>

namespace pw {

QString runStorePath() {
    const QString dir = qEnvironmentVariable("PLACEMENT_WORKBENCH_DATA_DIR");
    if (!dir.isEmpty()) return QDir(dir).filePath(QStringLiteral("runs.sqlite"));
    return RunStore::defaultDatabasePath();
}

std::unique_ptr<RunStore> openRunStore(CliIo &io, const QString &command) {
    auto store = std::make_unique<RunStore>(runStorePath());
    if (!store->isOpen()) {
        printMessage(io, command, store->lastError());
        return nullptr;
    }
    return store;
}

void printMessage(CliIo &io, const QString &command, const QString &message) {
    io.err << command << ": " << escapeControls(message) << "\n";
    io.err.flush();
}

std::optional<QString> apiKeyFromEnvironment(CliIo &io, const QString &command) {
    const QString key = qEnvironmentVariable("NEXIO_API_KEY").trimmed();
    if (key.isEmpty()) {
        io.err << command << ": set NEXIO_API_KEY to your Nexio API key (nx_test_… for the sandbox)\n";
        return std::nullopt;
    }
    return key;
}

QUrl baseUrlFrom(const QString &option) {
    QString text = option;
    if (text.isEmpty()) text = qEnvironmentVariable("NEXIO_BASE_URL");
    if (text.isEmpty()) return RunEndpoint::defaultBaseUrl();
    return QUrl(text.trimmed(), QUrl::StrictMode);
}

bool TimingOptions::read(const QCommandLineParser &p, RemoteSettings &settings, CliIo &io,
                         const QString &command) const {
    auto number = [&](const QCommandLineOption &o, int &target, int minimum) {
        if (!p.isSet(o)) return true;
        bool ok = false;
        const int v = p.value(o).toInt(&ok);
        if (!ok || v < minimum) {
            io.err << command << ": --" << o.names().constFirst() << " must be a whole number of at least "
                   << minimum << "\n";
            return false;
        }
        target = v;
        return true;
    };
    if (!number(pollInitial, settings.pollInitialMs, 1) || !number(pollMax, settings.pollMaxMs, 1) ||
        !number(timeout, settings.transferTimeoutMs, 1) || !number(retries, settings.maxRetries, 0))
        return false;
    settings.pollMaxMs = std::max(settings.pollMaxMs, settings.pollInitialMs);
    // Reading chosen: --timeout-ms bounds each request as a whole (the deadline), not only the silence
    // between bytes; without it the defaults stay (30 s without data, 120 s in all).
    if (p.isSet(timeout)) settings.requestDeadlineMs = settings.transferTimeoutMs;
    return true;
}

namespace {

// Server text for the terminal: control, escape and bidirectional characters escaped.
QString cell(const JsonValue &v) {
    if (v.isNull()) return QStringLiteral("—");
    if (v.isString()) return escapeControls(v.toString());
    if (v.isNumber()) return QString::fromUtf8(v.numberText());
    return escapeControls(QString::fromUtf8(writeJson(v, -1)));
}

QString text(const QString &s) {
    return s.isEmpty() ? QStringLiteral("—") : escapeControls(s);
}

QString money(const JsonValue &v) {
    return v.isNumber() && std::isfinite(v.toDouble())
               ? QStringLiteral("$") + QString::number(v.toDouble(), 'f', 2)
               : QStringLiteral("—");
}

QString table(const QList<QStringList> &rows) {
    QList<int> widths;
    for (const QStringList &r : rows)
        for (int i = 0; i < r.size(); ++i) {
            if (i >= widths.size()) widths << 0;
            widths[i] = std::max(widths[i], displayWidth(r[i]));
        }
    QString out;
    for (const QStringList &r : rows) {
        QString line;
        for (int i = 0; i < r.size(); ++i)
            line += i + 1 < r.size() ? padToWidth(r[i], widths[i]) + QStringLiteral("  ") : r[i];
        out += line + u'\n';
    }
    return out;
}

} // namespace

QString renderRunTable(const JsonValue &run) {
    QString out;
    out += QStringLiteral("Run:         %1\n").arg(cell(run[u"run_id"]));
    out += QStringLiteral("Status:      %1\n").arg(cell(run[u"status"]));
    out += QStringLiteral("Stage:       %1\n").arg(cell(run[u"stage"]));
    out += QStringLiteral("Environment: %1\n").arg(cell(run[u"environment"]));
    if (!run[u"engine_version"].isNull())
        out += QStringLiteral("Engine:      %1\n").arg(cell(run[u"engine_version"]));
    if (!run[u"duration_ms"].isNull())
        out += QStringLiteral("Duration:    %1 ms\n").arg(cell(run[u"duration_ms"]));
    if (!run[u"output"][u"degradation_reason"].isNull())
        out += QStringLiteral("Warning:     %1\n").arg(cell(run[u"output"][u"degradation_reason"]));
    if (!run[u"error"].isNull()) out += QStringLiteral("Error:       %1\n").arg(cell(run[u"error"]));
    if (!run[u"error_details"].isNull())
        out += QStringLiteral("Details:     %1\n").arg(cell(run[u"error_details"]));
    const JsonValue &solutions = run[u"solutions"];
    if (solutions.isArray()) {
        out += u'\n';
        if (solutions.size() == 0) {
            out += QStringLiteral("No solutions.\n");
        } else {
            QList<QStringList> rows;
            rows << QStringList{QStringLiteral("RANK"),      QStringLiteral("LABEL"),
                                QStringLiteral("OFFERINGS"), QStringLiteral("COST LOW"),
                                QStringLiteral("COST HIGH"), QStringLiteral("LEVEL")};
            for (const JsonValue &s : solutions.arrayItems()) {
                QStringList ids;
                for (const JsonValue &o : s[u"offerings"].arrayItems())
                    ids << (o.isObject() ? cell(o[u"id"]) : cell(o));
                rows << QStringList{cell(s[u"rank"]),
                                    escapeControls(s[u"cluster_label"].toString()) +
                                        (s[u"label_winner"].toBool() ? QStringLiteral(" *") : QString()),
                                    ids.join(QStringLiteral(" + ")),
                                    money(s[u"est_cost_low"]),
                                    money(s[u"est_cost_high"]),
                                    cell(s[u"scorecard"][u"overall_level"])};
            }
            out += table(rows);
        }
    }
    return out;
}

QString renderRunsTable(const std::vector<StoredRun> &runs) {
    if (runs.empty()) return QStringLiteral("No remote runs stored.\n");
    QList<QStringList> rows;
    rows << QStringList{QStringLiteral("RUN"),     QStringLiteral("STATUS"), QStringLiteral("STAGE"),
                        QStringLiteral("ENV"),     QStringLiteral("API"),    QStringLiteral("CREATED"),
                        QStringLiteral("UPDATED"), QStringLiteral("CASE")};
    // Runs no longer watched because of what the server said: the status last read is not the whole
    // story, so the reason is listed under the table.
    QStringList notes;
    for (const StoredRun &r : runs) {
        QString status = r.status.isEmpty() ? QStringLiteral("—") : text(r.status);
        if (r.abandoned && !r.lastError.isEmpty() && !r.isFinished()) {
            notes << QStringLiteral("  %1: %2").arg(text(r.runId), text(r.lastError));
            status += QStringLiteral(" (not watched, see below)");
        } else if (r.abandoned) {
            status += QStringLiteral(" (not watched)");
        }
        rows << QStringList{text(r.runId),
                            status,
                            text(r.stage),
                            text(r.environment),
                            text(r.family == u"engine" ? QStringLiteral("engine:") + r.engineSlug : r.family),
                            formatTimestamp(r.createdAt),
                            formatTimestamp(r.updatedAt),
                            text(r.casePath)};
    }
    QString out = table(rows);
    if (!notes.isEmpty())
        out += QStringLiteral("\nNot watched because of the server's answer:\n") + notes.join(u'\n') + u'\n';
    return out;
}

int exitCodeFor(const ApiResult &error) {
    switch (error.kind) {
    case ApiResult::Kind::Ok:
        return ExitOk;
    case ApiResult::Kind::Refused:
        return ExitRefused;
    case ApiResult::Kind::Insecure:
        return ExitProblems;
    case ApiResult::Kind::NotStored:
        return ExitStore;
    default:
        return ExitNetwork;
    }
}

int exitCodeFor(const RunOutcome &outcome) {
    switch (outcome.kind) {
    case RunOutcome::Kind::Completed:
    case RunOutcome::Kind::Degraded:
        return ExitOk;
    case RunOutcome::Kind::Failed:
        return ExitRunFailed;
    case RunOutcome::Kind::Cancelled:
        return ExitNetwork;
    case RunOutcome::Kind::Error:
        return exitCodeFor(outcome.error);
    }
    return ExitNetwork;
}

RunEndpoint endpointOf(const StoredRun &run) {
    RunEndpoint e;
    e.baseUrl = QUrl(run.baseUrl);
    e.family = apiFamilyFromName(run.family);
    e.engineSlug = run.engineSlug;
    e.engineVersion = run.engineVersion;
    return e;
}

std::optional<JsonValue> runLocalEngineForComparison(const JsonValue &caseRoot, QString *why) {
    EngineOptions options;
    options.now = QDateTime::currentDateTimeUtc();
    const EngineRun r = runEngine(caseRoot, options);
    if (!r.run) {
        int errors = 0;
        for (const Problem &p : r.problems)
            errors += p.isError() ? 1 : 0;
        if (why)
            *why = QStringLiteral("the local engine did not run: the case has %1 validation error(s)")
                       .arg(errors);
        return std::nullopt;
    }
    return r.run;
}

} // namespace pw
