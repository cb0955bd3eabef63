// SPDX-License-Identifier: MIT
#include "runpoller.h"

#include "io/casefile.h"
#include "io/problem.h"
#include "remote/nexioclient.h"
#include "remote/runobject.h"
#include "store/runstore.h"
#include "util/dates.h"

#include <algorithm>

namespace pw {

namespace {

// Server text (scrubbed of the key by the client) in a message: one line, bounded, control and
// bidirectional characters escaped.
QString compact(const JsonValue &v, int maxGraphemes = 400) {
    if (v.isNull()) return QString();
    return excerpt(v.isString() ? v.toString() : QString::fromUtf8(writeJson(v, -1)), maxGraphemes);
}

} // namespace

RunPoller::RunPoller(NexioClient *client, RunStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::Submitting)
            sendSubmit();
        else if (m_phase == Phase::Polling)
            sendPoll();
    });
}

RunPoller::~RunPoller() {
    if (m_ticket && m_client) m_client->cancel(m_ticket);
}

void RunPoller::submit(const JsonValue &caseRoot, const QString &casePath, const RunEndpoint &endpoint,
                       const QString &environment) {
    cancel(false);
    m_endpoint = endpoint;
    m_body = apiRequestBody(caseRoot);
    if (endpoint.family == ApiFamily::Engine && !endpoint.engineVersion.isEmpty())
        m_body.insert(QStringLiteral("engine_version"), endpoint.engineVersion);
    m_casePath = casePath;
    m_environment = environment;
    m_runId.clear();
    m_lastRun = JsonValue();
    m_failures = m_rateLimited = m_polls = 0;
    m_delayMs = 0;
    m_phase = Phase::Submitting;
    m_watching.start();
    m_submittedAt = QDateTime::currentDateTimeUtc();
    sendSubmit();
}

void RunPoller::resume(const QString &runId, const RunEndpoint &endpoint) {
    cancel(false);
    m_endpoint = endpoint;
    m_runId = runId;
    m_lastRun = JsonValue();
    m_failures = m_rateLimited = m_polls = 0;
    m_delayMs = 0; // the next wait after this first poll is pollInitialMs
    m_phase = Phase::Polling;
    m_watching.start();
    sendPoll();
}

void RunPoller::cancel(bool markAbandoned) {
    if (m_phase == Phase::Idle) return;
    m_timer.stop();
    if (m_ticket) m_client->cancel(m_ticket);
    m_ticket = 0;
    m_phase = Phase::Idle;
    if (markAbandoned && m_store && !m_runId.isEmpty()) m_store->setAbandoned(m_runId, true);
    RunOutcome o;
    o.kind = RunOutcome::Kind::Cancelled;
    o.runId = m_runId;
    o.run = m_lastRun;
    o.message = m_runId.isEmpty()
                    ? QStringLiteral("Submission cancelled")
                    : QStringLiteral("Stopped watching run %1; it goes on at the server").arg(m_runId);
    Q_EMIT finished(o);
}

qint64 RunPoller::msUntilNextRequest() const {
    if (m_phase == Phase::Idle || !m_timer.isActive()) return 0;
    return std::max<qint64>(0, m_nextRequest.remainingTime());
}

void RunPoller::schedule(int delayMs) {
    delayMs = std::max(0, delayMs);
    m_nextRequest = QDeadlineTimer(delayMs, Qt::PreciseTimer);
    m_timer.start(delayMs);
    Q_EMIT requestScheduled(delayMs);
}

void RunPoller::sendSubmit() {
    m_ticket = m_client->submit(m_endpoint, m_body, this, [this](const ApiResult &r) {
        m_ticket = 0;
        onSubmitAnswer(r);
    });
}

void RunPoller::sendPoll() {
    ++m_polls;
    m_ticket = m_client->fetchRun(m_endpoint, m_runId, this, [this](const ApiResult &r) {
        m_ticket = 0;
        onPollAnswer(r);
    });
}

void RunPoller::onSubmitAnswer(const ApiResult &result) {
    if (m_phase != Phase::Submitting) return;
    if (!result.ok()) {
        // The case went out and no usable answer came back (no answer, a dropped connection, a 5xx, a 2xx
        // that cannot be read): the server may have created the run, and sending it again could start a
        // second one.
        if (result.maybeAccepted()) {
            finishMaybeAccepted(result, result.message, result.runIdHint);
            return;
        }
        if (!retryAfterFailure(result, true)) finishWithError(result);
        return;
    }
    const JsonValue &id = result.body[u"run_id"];
    if (!id.isString() || !NexioClient::isUsableRunId(id.toString())) {
        // The server accepted the case (2xx) but its run id cannot be followed: the run exists.
        ApiResult bad = result;
        bad.kind = ApiResult::Kind::Malformed;
        finishMaybeAccepted(
            bad,
            id.isNull()
                ? QStringLiteral("the server answered HTTP %1 but sent no run_id").arg(result.httpStatus)
                : QStringLiteral("the server answered HTTP %1 but its run_id %2 is not usable "
                                 "(letters, digits, '.', '_' and '-' only)")
                      .arg(result.httpStatus)
                      .arg(id.isString() ? QStringLiteral("\"%1\"").arg(compact(id, 80)) : id.typeName()),
            QString());
        return;
    }
    m_runId = id.toString();
    m_failures = m_rateLimited = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_store) {
        StoredRun s;
        s.runId = m_runId;
        s.casePath = m_casePath;
        s.baseUrl = m_endpoint.baseUrl.toString();
        s.family = apiFamilyName(m_endpoint.family);
        s.engineSlug = m_endpoint.engineSlug;
        s.engineVersion = m_endpoint.engineVersion;
        s.environment = m_environment;
        s.createdAt = now;
        s.updatedAt = now;
        s.status =
            result.body[u"status"].isString() ? result.body[u"status"].toString() : QStringLiteral("queued");
        s.lastRun = result.body;
        if (!m_store->addRun(s)) {
            // The run exists at the server but could not be remembered: say so, with its id, rather than
            // follow a run nothing can resume.
            m_lastRun = result.body;
            ApiResult bad;
            bad.kind = ApiResult::Kind::NotStored;
            bad.message = QStringLiteral("Run %1 was accepted by the server but could not be stored: %2. "
                                         "Note its id; `placement-workbench status %1 --wait` follows it")
                              .arg(m_runId, m_store->lastError());
            finishWithError(bad);
            return;
        }
    }
    m_lastRun = result.body;
    m_body = JsonValue(); // the case is not needed any more
    m_phase = Phase::Polling;
    Q_EMIT submitted(m_runId);
    if (m_phase != Phase::Polling) // a receiver cancelled
        return;
    Q_EMIT runUpdated(m_lastRun);
    if (m_phase != Phase::Polling) return;
    m_delayMs = m_client->settings().pollInitialMs;
    schedule(m_delayMs);
}

void RunPoller::onPollAnswer(const ApiResult &result) {
    if (m_phase != Phase::Polling) return;
    const RemoteSettings &s = m_client->settings();
    if (!result.ok()) {
        if (!retryAfterFailure(result, false)) {
            ApiResult r = result;
            // An answer too large or too broken to read would be downloaded again at every start: the run
            // is marked so it is not resumed (`status RUN_ID --wait` follows it again on request).
            const bool unreadable =
                result.kind == ApiResult::Kind::TooLarge || result.kind == ApiResult::Kind::Malformed;
            if (unreadable)
                r.message +=
                    QStringLiteral("; stopped watching run %1 (it will not be resumed)").arg(m_runId);
            if (m_store) {
                m_store->setLastError(m_runId, r.message, QDateTime::currentDateTimeUtc());
                if (unreadable) m_store->setAbandoned(m_runId, true);
            }
            finishWithError(r);
        }
        return;
    }
    const JsonValue &run = result.body;
    // Another run's answer, no status, an unknown status or a run object the workbench cannot read ends
    // the watch for good: polling it again would only repeat the answer, at every start.
    if (const RunAnswerProblem problem = checkRunAnswer(run, m_runId)) {
        const QString wrong =
            problem.message + QStringLiteral("; stopped watching it (it will not be resumed)");
        if (m_store) {
            // An unknown status is recorded as the server said it; another run's answer, or one that
            // cannot be read, is not kept.
            if (problem.kind == RunAnswerProblem::Kind::UnknownStatus)
                m_store->updateFromRun(m_runId, run, QDateTime::currentDateTimeUtc());
            m_store->setLastError(m_runId, wrong, QDateTime::currentDateTimeUtc());
            m_store->setAbandoned(m_runId, true);
        }
        ApiResult bad = result;
        bad.kind = ApiResult::Kind::Malformed;
        bad.message = wrong;
        finishWithError(bad);
        return;
    }
    const QString status = run[u"status"].toString();
    m_failures = m_rateLimited = 0;
    m_lastRun = run;
    if (m_store) m_store->updateFromRun(m_runId, run, QDateTime::currentDateTimeUtc());
    Q_EMIT runUpdated(run);

    if (isTerminalRunStatus(status)) {
        RunOutcome o;
        o.runId = m_runId;
        o.run = run;
        if (status == u"completed") {
            o.kind = RunOutcome::Kind::Completed;
            o.message = QStringLiteral("Run %1 completed").arg(m_runId);
        } else if (status == u"degraded") {
            o.kind = RunOutcome::Kind::Degraded;
            const QString reason = compact(run[u"output"][u"degradation_reason"]);
            o.message = QStringLiteral("Run %1 completed with a warning: %2")
                            .arg(m_runId, reason.isEmpty() ? QStringLiteral("(no reason given)") : reason);
        } else {
            o.kind = RunOutcome::Kind::Failed;
            const QString error = compact(run[u"error"]);
            const QString details = compact(run[u"error_details"]);
            o.message = QStringLiteral("Run %1 failed: %2")
                            .arg(m_runId, error.isEmpty() ? QStringLiteral("(no error given)") : error);
            if (!details.isEmpty()) o.message += QStringLiteral(" — ") + details;
        }
        finish(o);
        return;
    }
    if (m_watching.elapsed() > s.maxPollDurationMs) {
        ApiResult r;
        r.kind = ApiResult::Kind::Timeout;
        r.message =
            QStringLiteral("Run %1 is still %2 after %3 minutes; stopped polling (it resumes next time)")
                .arg(m_runId, compact(status))
                .arg(m_watching.elapsed() / 60000);
        finishWithError(r);
        return;
    }
    m_delayMs = m_delayMs <= 0 ? s.pollInitialMs : s.nextDelay(m_delayMs);
    schedule(m_delayMs);
}

bool RunPoller::retryAfterFailure(const ApiResult &result, bool submitting) {
    const RemoteSettings &s = m_client->settings();
    int wait = 0;
    if (result.kind == ApiResult::Kind::RateLimited) {
        if (++m_rateLimited > s.maxRateLimitWaits) return false;
        if (result.retryAfterMs) {
            wait = int(std::min<qint64>(*result.retryAfterMs, s.rateLimitMaxWaitMs));
        } else {
            // No wait given: back off like any other retry, each wait longer than the last.
            m_delayMs = m_delayMs <= 0 ? s.pollInitialMs : s.nextDelay(m_delayMs);
            wait = m_delayMs;
        }
    } else if (result.retryable()) {
        if (++m_failures > s.maxRetries) return false;
        m_delayMs = m_delayMs <= 0 ? s.pollInitialMs : s.nextDelay(m_delayMs);
        wait = m_delayMs;
    } else {
        return false;
    }
    Q_UNUSED(submitting)
    Q_EMIT retrying(result.message, wait);
    schedule(wait);
    return true;
}

void RunPoller::finishWithError(const ApiResult &result, const QString &prefix) {
    RunOutcome o;
    o.kind = RunOutcome::Kind::Error;
    o.runId = m_runId;
    o.run = m_lastRun;
    o.error = result;
    o.message = prefix + result.message;
    if ((result.retryable() || result.kind == ApiResult::Kind::RateLimited) &&
        m_failures + m_rateLimited > 0) {
        const int attempts = m_failures + m_rateLimited;
        o.message += attempts == 1 ? QStringLiteral(" (gave up after 1 attempt)")
                                   : QStringLiteral(" (gave up after %1 attempts)").arg(attempts);
    }
    finish(o);
}

void RunPoller::finishMaybeAccepted(const ApiResult &result, const QString &what, const QString &runIdHint) {
    ApiResult r = result;
    const QString follow =
        runIdHint.isEmpty()
            ? QStringLiteral(
                  "If the server accepted it, the run is listed under this key's %1 environment in "
                  "the Nexio dashboard (submitted at %2); follow it with `placement-workbench status "
                  "RUN_ID --wait`")
                  .arg(m_environment.isEmpty() ? QStringLiteral("API") : m_environment,
                       formatTimestamp(m_submittedAt))
            : QStringLiteral(
                  "The answer names run %1; follow it with `placement-workbench status %1 --wait`, "
                  "or look for it under this key's %2 environment in the Nexio dashboard "
                  "(submitted at %3)")
                  .arg(runIdHint, m_environment.isEmpty() ? QStringLiteral("API") : m_environment,
                       formatTimestamp(m_submittedAt));
    r.message = QStringLiteral("The submission may have been accepted: %1. It was not sent again, so that no "
                               "second run is started. %2, or submit again only once you know it was not "
                               "accepted")
                    .arg(what, follow);
    finishWithError(r);
}

void RunPoller::finish(RunOutcome outcome) {
    m_timer.stop();
    m_phase = Phase::Idle;
    Q_EMIT finished(outcome);
}

} // namespace pw
