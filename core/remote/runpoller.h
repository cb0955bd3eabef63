// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "remote/apiresult.h"
#include "remote/remotesettings.h"
#include "remote/runoutcome.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace pw {

class NexioClient;
class RunStore;

// Follows one remote run from submission (or from the store, to resume) to a terminal status, with the
// documented backoff: the first poll pollInitialMs after the run id arrives, each later wait ×pollFactor,
// capped at pollMaxMs. A 429 waits what the server asks (Retry-After / X-RateLimit-Reset, clamped);
// 500/502/503/504 and network failures are retried on the same backoff up to maxRetries times in a row;
// other refusals and malformed or oversized answers end the run's watch with an error. A submission is
// never sent twice: when it may have reached the server (no answer, a dropped connection, a 5xx, a 2xx
// that cannot be read or names no usable run id) the error says it may have been accepted and how to find
// it. An answer for another run, without a status, with an unknown status, an unreadable run object, or
// an answer too large or too broken to parse ends the watch and marks the stored run so it is not
// resumed (runobject.h checkRunAnswer); a run id the store cannot keep ends it with a NotStored error
// naming the id. A run id is written
// to the store the moment it arrives and every answer updates it, so a poller created later (after a crash
// or restart) resumes it. The store is optional (nullptr: nothing persisted).
class RunPoller : public QObject {
    Q_OBJECT
public:
    RunPoller(NexioClient *client, RunStore *store, QObject *parent = nullptr);
    ~RunPoller() override;

    // Submits the case (its "workbench" object stripped) and follows the run.
    void submit(const JsonValue &caseRoot, const QString &casePath, const RunEndpoint &endpoint,
                const QString &environment);
    // Follows a run already submitted; the first poll goes out at once.
    void resume(const QString &runId, const RunEndpoint &endpoint);
    // Stops watching (the run goes on at the server). With markAbandoned the store stops resuming it.
    void cancel(bool markAbandoned = true);

    bool isActive() const { return m_phase != Phase::Idle; }
    QString runId() const { return m_runId; }
    JsonValue lastRun() const { return m_lastRun; }
    // Milliseconds until the next request goes out (0 when one is in flight or none is planned).
    qint64 msUntilNextRequest() const;
    int pollCount() const { return m_polls; }

Q_SIGNALS:
    void submitted(const QString &runId);
    void runUpdated(const pw::JsonValue &run);
    void requestScheduled(int delayMs);
    // A failure that will be retried (or a 429 wait), with what happened.
    void retrying(const QString &message, int delayMs);
    void finished(const pw::RunOutcome &outcome);

private:
    enum class Phase { Idle, Submitting, Polling };
    void sendSubmit();
    void sendPoll();
    void onSubmitAnswer(const ApiResult &result);
    void onPollAnswer(const ApiResult &result);
    // Retry or give up after a failed request; returns true when a retry was scheduled.
    bool retryAfterFailure(const ApiResult &result, bool submitting);
    void schedule(int delayMs);
    void finish(RunOutcome outcome);
    void finishWithError(const ApiResult &result, const QString &prefix = QString());
    // Ends a submission whose run may exist at the server: says so, how to find it (the run id the answer
    // named, when one could be read safely), and that nothing was sent again.
    void finishMaybeAccepted(const ApiResult &result, const QString &what, const QString &runIdHint);

    NexioClient *m_client;
    RunStore *m_store;
    QTimer m_timer;
    Phase m_phase = Phase::Idle;
    quint64 m_ticket = 0;
    RunEndpoint m_endpoint;
    JsonValue m_body;
    QString m_casePath;
    QString m_environment;
    QString m_runId;
    JsonValue m_lastRun;
    int m_delayMs = 0;     // the backoff delay last used
    int m_failures = 0;    // consecutive retryable failures
    int m_rateLimited = 0; // consecutive 429 answers
    int m_polls = 0;
    QElapsedTimer m_watching;
    QDateTime m_submittedAt;
    QDeadlineTimer m_nextRequest;
};

} // namespace pw
