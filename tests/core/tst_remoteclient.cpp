// SPDX-License-Identifier: MIT
// The Nexio client and poller against the fake server: exact requests, backoff, retries, refusals,
// misbehaving answers, persistence and resumption.
#include "fakenexioserver.h"
#include "io/casefile.h"
#include "remote/apienvironment.h"
#include "remote/nexioclient.h"
#include "remote/runpoller.h"
#include "store/runstore.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>
#include <optional>

using namespace pw;
using pw::test::FakeNexioServer;
using Action = FakeNexioServer::Action;
using Match = FakeNexioServer::Match;

namespace {

const QString kKey = QStringLiteral("nx_test_abc123");

RemoteSettings fastSettings() {
    RemoteSettings s;
    s.pollInitialMs = 100;
    s.pollFactor = 1.5;
    s.pollMaxMs = 200;
    s.maxRetries = 3;
    s.transferTimeoutMs = 2000;
    s.requestDeadlineMs = 10000;
    return s;
}

JsonValue caseRoot() {
    JsonValue root = pw::test::readJsonFile(pw::test::samplePath(QStringLiteral("seed-job.json")));
    JsonValue wb = JsonValue::object();
    wb.insert(QStringLiteral("notes"), QStringLiteral("internal note: never sent"));
    wb.insert(QStringLiteral("format_version"), 1);
    root.insert(QStringLiteral("workbench"), wb);
    return root;
}

} // namespace

class TestRemoteClient : public QObject {
    Q_OBJECT

private:
    FakeNexioServer *m_server = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RunStore> m_store;

    RunEndpoint jobs() const {
        RunEndpoint e;
        e.baseUrl = m_server->baseUrl();
        return e;
    }

    // Submits (or resumes) and waits for the end; returns the outcome.
    RunOutcome follow(RunPoller &poller, int timeoutMs = 20000) {
        QSignalSpy done(&poller, &RunPoller::finished);
        if (!done.wait(timeoutMs) && done.isEmpty())
            return RunOutcome{RunOutcome::Kind::Error, QString(), JsonValue(), ApiResult{},
                              QStringLiteral("test timeout")};
        return done.first().first().value<RunOutcome>();
    }

    RunOutcome submitAndFollow(const RemoteSettings &settings = fastSettings(), RunEndpoint endpoint = {},
                               const QString &key = kKey) {
        if (endpoint.baseUrl == RunEndpoint::defaultBaseUrl()) endpoint.baseUrl = m_server->baseUrl();
        NexioClient client(m_network, key, settings);
        RunPoller poller(&client, m_store.get());
        poller.submit(caseRoot(), QStringLiteral("/cases/seed.json"), endpoint, QStringLiteral("TEST"));
        return follow(poller);
    }

private Q_SLOTS:
    void initTestCase() {
        m_server = new FakeNexioServer(this);
        QVERIFY(m_server->start() != 0);
        m_network = new QNetworkAccessManager(this);
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<RunStore>(m_dir->filePath(QStringLiteral("runs.sqlite")));
        QVERIFY2(m_store->isOpen(), qPrintable(m_store->lastError()));
    }

    void init() {
        m_server->clearQueue();
        m_server->clearRequests();
        m_server->setScript(
            {QStringLiteral("queued"), QStringLiteral("processing"), QStringLiteral("completed")});
    }

    void environmentFromKey_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("known");
        QTest::addColumn<bool>("live");
        QTest::newRow("test") << "nx_test_abc123"
                              << "TEST" << true << false;
        QTest::newRow("live") << "nx_live_9f8e7d"
                              << "LIVE" << true << true;
        QTest::newRow("slug") << "nx_staging_77aa"
                              << "staging" << true << false;
        QTest::newRow("other") << "sk_live_123"
                               << "" << false << false;
        QTest::newRow("empty") << ""
                               << "" << false << false;
    }
    void environmentFromKey() {
        QFETCH(QString, key);
        QFETCH(QString, name);
        QFETCH(bool, known);
        QFETCH(bool, live);
        const ApiEnvironment e = ApiEnvironment::fromKey(key);
        QCOMPARE(e.name, name);
        QCOMPARE(e.known, known);
        QCOMPARE(e.live, live);
        QCOMPARE(e.needsConfirmation(), live || !known);
        QVERIFY(!maskApiKey(QStringLiteral("nx_live_0123456789abcdef")).contains(u"0123456789"));
        QVERIFY(maskApiKey(QStringLiteral("nx_live_0123456789abcdef")).startsWith(u"nx_live_"));
    }

    void baseUrlCheck_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("https") << "https://api.usenexio.com" << true;
        QTest::newRow("loopback v4") << "http://127.0.0.1:8080" << true;
        QTest::newRow("loopback v6") << "http://[::1]:8080" << true;
        QTest::newRow("localhost") << "http://localhost:1234/" << true;
        QTest::newRow("plain http") << "http://api.usenexio.com" << false;
        QTest::newRow("lookalike") << "http://127.0.0.1.example.com" << false;
        QTest::newRow("ftp") << "ftp://api.usenexio.com" << false;
        QTest::newRow("garbage") << "not a url" << false;
    }
    void baseUrlCheck() {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        QCOMPARE(checkBaseUrl(QUrl(url)).isEmpty(), accepted);
    }

    void rateLimitWait() {
        const QDateTime now(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
        QCOMPARE(NexioClient::rateLimitWaitMs("7", "", now), std::optional<qint64>(7000));
        QCOMPARE(NexioClient::rateLimitWaitMs("Sat, 28 Nov 2026 12:00:30 GMT", "", now),
                 std::optional<qint64>(30000));
        QCOMPARE(NexioClient::rateLimitWaitMs("", QByteArray::number(now.toSecsSinceEpoch() + 12), now),
                 std::optional<qint64>(12000));
        QCOMPARE(NexioClient::rateLimitWaitMs("", QByteArray::number(now.toSecsSinceEpoch() - 5), now),
                 std::optional<qint64>(0));
        QCOMPARE(NexioClient::rateLimitWaitMs("soon", "", now), std::nullopt);
        QCOMPARE(NexioClient::rateLimitWaitMs("", "", now), std::nullopt);
    }

    void backoffSequence() {
        RemoteSettings s; // the documented defaults
        QCOMPARE(s.pollInitialMs, 2000);
        QList<int> seq{s.pollInitialMs};
        while (seq.size() < 10)
            seq << s.nextDelay(seq.last());
        QCOMPARE(seq, (QList<int>{2000, 3000, 4500, 6750, 10125, 15188, 22782, 30000, 30000, 30000}));
    }

    void submitJobsToCompletion() {
        const RunOutcome o = submitAndFollow();
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        QVERIFY(!o.runId.isEmpty());
        QCOMPARE(o.run[u"status"].toString(), QStringLiteral("completed"));
        QCOMPARE(o.run[u"solutions"].at(0)[u"cluster_label"].toString(), QStringLiteral("recommended"));
        // Unknown fields are tolerated and kept.
        QCOMPARE(o.run[u"x_future_field"].toString(), QStringLiteral("kept"));
        QCOMPARE(o.run[u"x_future_object"][u"nested"].size(), 3);

        const auto requests = m_server->requests();
        QCOMPARE(int(requests.size()), 4); // submit + queued, processing, completed
        const auto &submit = requests.front();
        QCOMPARE(submit.method, QByteArray("POST"));
        QCOMPARE(submit.path, QStringLiteral("/api/v1/jobs"));
        QCOMPARE(submit.authorization, QByteArray("Bearer nx_test_abc123"));
        QCOMPARE(submit.contentType, QByteArray("application/json"));
        QCOMPARE(submit.accept, QByteArray("application/json"));
        QVERIFY(submit.userAgent.startsWith("PlacementWorkbench/"));
        const auto sent = parseJson(submit.body);
        QVERIFY(sent);
        QVERIFY(!sent->contains(u"workbench"));
        QVERIFY(!submit.body.contains("internal note"));
        QCOMPARE(*sent, apiRequestBody(caseRoot()));
        // Numbers go out exactly as written in the case file.
        QVERIFY(submit.body.contains("\"annual_premium\":2480.91"));
        for (size_t i = 1; i < requests.size(); ++i) {
            QCOMPARE(requests[i].method, QByteArray("GET"));
            QCOMPARE(requests[i].path, QStringLiteral("/api/v1/jobs/") + o.runId);
            QCOMPARE(requests[i].authorization, QByteArray("Bearer nx_test_abc123"));
            QVERIFY(requests[i].body.isEmpty());
        }
        // Waits: 100 ms before the first poll, then 150, then 200 (capped). Lower bounds only.
        QVERIFY2(requests[1].atMs - requests[0].atMs >= 85,
                 qPrintable(QString::number(requests[1].atMs - requests[0].atMs)));
        QVERIFY2(requests[2].atMs - requests[1].atMs >= 130,
                 qPrintable(QString::number(requests[2].atMs - requests[1].atMs)));
        QVERIFY2(requests[3].atMs - requests[2].atMs >= 175,
                 qPrintable(QString::number(requests[3].atMs - requests[2].atMs)));

        const auto stored = m_store->run(o.runId);
        QVERIFY(stored);
        QCOMPARE(stored->status, QStringLiteral("completed"));
        QCOMPARE(stored->stage, QStringLiteral("COMPLETE"));
        QCOMPARE(stored->casePath, QStringLiteral("/cases/seed.json"));
        QCOMPARE(stored->baseUrl, m_server->baseUrl().toString());
        QCOMPARE(stored->family, QStringLiteral("jobs"));
        QCOMPARE(stored->environment, QStringLiteral("TEST"));
        QCOMPARE(stored->lastRun, o.run);
        QVERIFY(stored->createdAt.isValid());
    }

    void engineScopedFamily() {
        RunEndpoint e;
        e.family = ApiFamily::Engine;
        e.engineSlug = QStringLiteral("default");
        e.engineVersion = QStringLiteral("1.x");
        const RunOutcome o = submitAndFollow(fastSettings(), e);
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        const auto requests = m_server->requests();
        QCOMPARE(requests.front().path, QStringLiteral("/api/v1/engines/default/runs"));
        const auto sent = parseJson(requests.front().body);
        QVERIFY(sent);
        QCOMPARE((*sent)[u"engine_version"].toString(), QStringLiteral("1.x"));
        QVERIFY(!sent->contains(u"workbench"));
        QCOMPARE(requests.back().path, QStringLiteral("/api/v1/runs/") + o.runId);
        const auto stored = m_store->run(o.runId);
        QVERIFY(stored);
        QCOMPARE(stored->family, QStringLiteral("engine"));
        QCOMPARE(stored->engineSlug, QStringLiteral("default"));
        QCOMPARE(stored->engineVersion, QStringLiteral("1.x"));
    }

    void degradedIsSuccessWithWarning() {
        m_server->setScript({QStringLiteral("processing"), QStringLiteral("degraded")});
        const RunOutcome o = submitAndFollow();
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("degraded"));
        QVERIFY(o.succeeded());
        QVERIFY2(o.message.contains(u"carrier rating service unavailable"), qPrintable(o.message));
    }

    void failedRunReportsError() {
        m_server->setScript({QStringLiteral("queued"), QStringLiteral("failed")});
        const RunOutcome o = submitAndFollow();
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("failed"));
        QVERIFY(!o.succeeded());
        QVERIFY2(o.message.contains(u"engine_crashed"), qPrintable(o.message));
        QVERIFY2(o.message.contains(u"too many combinations"), qPrintable(o.message));
        QCOMPARE(m_store->run(o.runId)->status, QStringLiteral("failed"));
    }

    void unauthorizedIsNotRetried() {
        const RunOutcome o = submitAndFollow(fastSettings(), {}, QStringLiteral("nx_test_revoked999"));
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("error"));
        QCOMPARE(o.error.kind, ApiResult::Kind::Refused);
        QCOMPARE(o.error.httpStatus, 401);
        QCOMPARE(o.error.code, QStringLiteral("invalid_api_key"));
        QVERIFY2(o.message.contains(u"The API key is missing, invalid or revoked."), qPrintable(o.message));
        QVERIFY2(!o.message.contains(u"nx_test_revoked999"), qPrintable(o.message));
        QCOMPARE(int(m_server->requests().size()), 1);
    }

    void unprocessableEnvelopes_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("nested")
            << QByteArray(
                   R"({"error":{"code":"no_offerings","message":"Quote matching needs offerings.","details":{"path":"offerings"}}})")
            << "no_offerings"
            << "Quote matching needs offerings.";
        QTest::newRow("flat") << QByteArray(R"({"code":"bad_state","message":"State ZZ is not served."})")
                              << "bad_state"
                              << "State ZZ is not served.";
        QTest::newRow("not json") << QByteArray("<html>Unprocessable</html>") << ""
                                  << "<html>Unprocessable</html>";
    }
    void unprocessableEnvelopes() {
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, message);
        m_server->queue(Match::Submit, Action::respond(422, body));
        const RunOutcome o = submitAndFollow();
        QCOMPARE(o.error.kind, ApiResult::Kind::Refused);
        QCOMPARE(o.error.httpStatus, 422);
        QCOMPARE(o.error.code, code);
        QVERIFY2(o.message.contains(message), qPrintable(o.message));
        QVERIFY2(o.message.contains(u"422"), qPrintable(o.message));
        if (QByteArray(QTest::currentDataTag()) == "nested")
            QVERIFY2(o.message.contains(u"\"path\":\"offerings\""), qPrintable(o.message));
        QCOMPARE(int(m_server->requests().size()), 1);
    }

    void rateLimitHonoursRetryAfter() {
        m_server->queue(Match::Poll,
                        Action::respond(429, R"({"error":{"code":"rate_limited","message":"Slow down."}})",
                                        {{"Retry-After", "1"}}));
        RemoteSettings s = fastSettings();
        NexioClient client(m_network, kKey, s);
        RunPoller poller(&client, m_store.get());
        QSignalSpy retrying(&poller, &RunPoller::retrying);
        poller.submit(caseRoot(), QString(), jobs(), QStringLiteral("TEST"));
        const RunOutcome o = follow(poller);
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying.first().at(1).toInt(), 1000);
        const auto gets = m_server->requests("GET");
        QVERIFY(gets.size() >= 2);
        QVERIFY2(gets[1].atMs - gets[0].atMs >= 900,
                 qPrintable(QString::number(gets[1].atMs - gets[0].atMs)));
    }

    void rateLimitFromResetHeader() {
        const QByteArray reset = QByteArray::number(QDateTime::currentSecsSinceEpoch() + 1);
        m_server->queue(
            Match::Submit,
            Action::respond(
                429, R"({"code":"rate_limited","message":"Slow down."})",
                {{"X-RateLimit-Limit", "10"}, {"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", reset}}));
        const RunOutcome o = submitAndFollow();
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        const auto posts = m_server->requests("POST");
        QCOMPARE(int(posts.size()), 2);
        // Reset is whole seconds, so the wait is anywhere up to a second: only check it waited somewhat.
        QVERIFY(posts[1].atMs - posts[0].atMs >= 0);
    }

    void serverErrorTwiceThenSuccess() {
        m_server->queue(Match::Poll,
                        Action::respond(500, R"({"error":{"code":"internal","message":"Oops."}})"), 2);
        NexioClient client(m_network, kKey, fastSettings());
        RunPoller poller(&client, m_store.get());
        QSignalSpy retrying(&poller, &RunPoller::retrying);
        poller.submit(caseRoot(), QString(), jobs(), QStringLiteral("TEST"));
        const RunOutcome o = follow(poller);
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        QCOMPARE(retrying.size(), 2);
        QVERIFY(retrying.first().first().toString().contains(u"HTTP 500"));
        QCOMPARE(int(m_server->requests("GET").size()), 5); // 2 failures + queued, processing, completed
    }

    void serverErrorsGiveUpAfterRetries() {
        m_server->queue(Match::Poll,
                        Action::respond(503, R"({"code":"auth_unavailable","message":"Auth is down."})"), 10);
        RemoteSettings s = fastSettings();
        s.maxRetries = 2;
        const RunOutcome o = submitAndFollow(s);
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("error"));
        QCOMPARE(o.error.kind, ApiResult::Kind::ServerError);
        QCOMPARE(o.error.httpStatus, 503);
        QVERIFY2(o.message.contains(u"Auth is down."), qPrintable(o.message));
        QVERIFY2(o.message.contains(u"gave up after 3 attempts"), qPrintable(o.message));
        QCOMPARE(int(m_server->requests("GET").size()), 3);
        // The run stays unfinished in the store so it can be resumed.
        const auto stored = m_store->run(o.runId);
        QVERIFY(stored);
        QVERIFY(!stored->isFinished());
        QVERIFY(stored->lastError.contains(u"503"));
        m_store->setAbandoned(o.runId, true); // keep later tests' unfinished list clean
    }

    void submitThatNeverAnswersTimesOut() {
        m_server->queue(Match::Submit, Action::hang());
        RemoteSettings s = fastSettings();
        s.transferTimeoutMs = 400;
        const RunOutcome o = submitAndFollow(s);
        QCOMPARE(o.error.kind, ApiResult::Kind::Timeout);
        QVERIFY2(o.message.contains(u"No answer"), qPrintable(o.message));
        QVERIFY2(o.message.contains(u"not sent again"), qPrintable(o.message));
        QCOMPARE(int(m_server->requests().size()), 1);
    }

    void pollThatNeverAnswersIsRetried() {
        m_server->queue(Match::Poll, Action::hang(), 1);
        RemoteSettings s = fastSettings();
        s.transferTimeoutMs = 400;
        const RunOutcome o = submitAndFollow(s);
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        QCOMPARE(int(m_server->requests("GET").size()), 4);
    }

    void slowTrickleHitsTheDeadline() {
        m_server->queue(Match::Submit, Action::hang());
        RemoteSettings s = fastSettings();
        s.transferTimeoutMs = 5000;
        s.requestDeadlineMs = 300;
        const RunOutcome o = submitAndFollow(s);
        QCOMPARE(o.error.kind, ApiResult::Kind::Timeout);
        // The whole-request deadline (0.3 s) ended it, not the transfer timeout; no byte came, so the
        // message says there was no answer.
        QVERIFY2(o.message.contains(u"No answer from 127.0.0.1 (POST /api/v1/jobs) within 0.3 s"),
                 qPrintable(o.message));
    }

    void droppedConnections() {
        // Dropped polls are retried (a poll is safe to repeat), then given up on.
        m_server->queue(Match::Poll, Action::drop(), 20);
        RemoteSettings s = fastSettings();
        s.maxRetries = 1;
        const RunOutcome o = submitAndFollow(s);
        QCOMPARE(o.error.kind, ApiResult::Kind::Network);
        QVERIFY2(o.message.contains(u"closed before an answer arrived") || o.message.contains(u"broke"),
                 qPrintable(o.message));
        QVERIFY2(o.message.contains(u"gave up after 2 attempts"), qPrintable(o.message));
        m_server->clearQueue();
        m_store->setAbandoned(o.runId, true);
    }

    void malformedJson() {
        m_server->queue(Match::Poll, Action::respond(200, R"({"run_id": "x", "status": )"));
        const RunOutcome o = submitAndFollow();
        QCOMPARE(o.error.kind, ApiResult::Kind::Malformed);
        QVERIFY2(o.message.contains(u"not valid JSON"), qPrintable(o.message));
        m_store->setAbandoned(o.runId, true);
    }

    void notAnObject() {
        m_server->queue(Match::Submit, Action::respond(202, R"(["run_id"])"));
        const RunOutcome o = submitAndFollow();
        QCOMPARE(o.error.kind, ApiResult::Kind::Malformed);
        QVERIFY2(o.message.contains(u"not an object"), qPrintable(o.message));
    }

    void submitWithoutRunId() {
        m_server->queue(Match::Submit, Action::respond(202, R"({"status":"queued"})"));
        const RunOutcome o = submitAndFollow();
        QCOMPARE(o.error.kind, ApiResult::Kind::Malformed);
        QVERIFY2(o.message.contains(u"no run_id"), qPrintable(o.message));
        m_server->queue(Match::Submit, Action::respond(202, R"({"run_id":"../../admin","status":"queued"})"));
        const RunOutcome o2 = submitAndFollow();
        QCOMPARE(o2.error.kind, ApiResult::Kind::Malformed);
        QCOMPARE(int(m_server->requests("GET").size()), 0);
    }

    void truncatedBody() {
        m_server->queue(Match::Poll, Action::truncate(), 10);
        RemoteSettings s = fastSettings();
        s.maxRetries = 1;
        const RunOutcome o = submitAndFollow(s);
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("error"));
        QVERIFY2(o.error.kind == ApiResult::Kind::Network || o.error.kind == ApiResult::Kind::Malformed,
                 qPrintable(o.message));
        m_server->clearQueue();
        m_store->setAbandoned(o.runId, true);
    }

    void oversizedBody_data() {
        QTest::addColumn<bool>("declareLength");
        QTest::newRow("Content-Length") << true;
        QTest::newRow("streamed") << false;
    }
    void oversizedBody() {
        QFETCH(bool, declareLength);
        m_server->queue(Match::Poll, Action::huge(20ll * 1024 * 1024, declareLength));
        const RunOutcome o = submitAndFollow();
        QCOMPARE(o.error.kind, ApiResult::Kind::TooLarge);
        QVERIFY2(o.message.contains(u"larger than the 8 MB limit"), qPrintable(o.message));
        m_store->setAbandoned(o.runId, true);
    }

    void insecureUrlSendsNothing() {
        RunEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://api.usenexio.com"));
        const RunOutcome o = submitAndFollow(fastSettings(), e);
        QCOMPARE(o.error.kind, ApiResult::Kind::Insecure);
        QVERIFY2(o.message.contains(u"not HTTPS"), qPrintable(o.message));
        QCOMPARE(int(m_server->requests().size()), 0);
    }

    void unknownRunIs404() {
        NexioClient client(m_network, kKey, fastSettings());
        std::optional<ApiResult> got;
        client.fetchRun(jobs(), QStringLiteral("00000000-dead-beef-0000-000000000000"), this,
                        [&got](const ApiResult &r) { got = r; });
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
        QCOMPARE(got->kind, ApiResult::Kind::Refused);
        QCOMPARE(got->httpStatus, 404);
        QCOMPARE(got->code, QStringLiteral("run_not_found"));
        QVERIFY(got->message.contains(u"No run with this id."));
    }

    void destroyedClientResumesFromStore() {
        m_server->setScript({QStringLiteral("queued"), QStringLiteral("processing"),
                             QStringLiteral("processing"), QStringLiteral("processing"),
                             QStringLiteral("processing"), QStringLiteral("completed")});
        for (const StoredRun &r : m_store->unfinishedRuns())
            m_store->setAbandoned(r.runId, true);
        QString runId;
        {
            auto client = std::make_unique<NexioClient>(m_network, kKey, fastSettings());
            auto poller = std::make_unique<RunPoller>(client.get(), m_store.get());
            QSignalSpy updates(poller.get(), &RunPoller::runUpdated);
            poller->submit(caseRoot(), QStringLiteral("/cases/resume.json"), jobs(), QStringLiteral("TEST"));
            // Wait for the second poll's answer ("processing"), then pull the plug mid-poll.
            QTRY_VERIFY_WITH_TIMEOUT(updates.size() >= 3, 10000);
            runId = poller->runId();
            QCOMPARE(m_store->run(runId)->status, QStringLiteral("processing"));
            poller.reset();
            client.reset();
        }
        const int pollsBefore = m_server->pollsOf(runId);
        const auto unfinished = m_store->unfinishedRuns();
        QCOMPARE(int(unfinished.size()), 1);
        const StoredRun stored = unfinished.front();
        QCOMPARE(stored.runId, runId);
        QCOMPARE(stored.casePath, QStringLiteral("/cases/resume.json"));

        NexioClient client(m_network, kKey, fastSettings());
        RunPoller poller(&client, m_store.get());
        RunEndpoint e;
        e.baseUrl = QUrl(stored.baseUrl);
        e.family = apiFamilyFromName(stored.family);
        poller.resume(stored.runId, e);
        const RunOutcome o = follow(poller);
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        QCOMPARE(o.runId, runId);
        QVERIFY(m_server->pollsOf(runId) > pollsBefore);
        QCOMPARE(m_store->run(runId)->status, QStringLiteral("completed"));
        QVERIFY(m_store->unfinishedRuns().empty());
    }

    void cancelStopsPollingAndAbandons() {
        m_server->setScript({QStringLiteral("processing")});
        NexioClient client(m_network, kKey, fastSettings());
        RunPoller poller(&client, m_store.get());
        QSignalSpy submitted(&poller, &RunPoller::submitted);
        poller.submit(caseRoot(), QString(), jobs(), QStringLiteral("TEST"));
        QVERIFY(submitted.wait(10000));
        QVERIFY(poller.msUntilNextRequest() > 0);
        poller.cancel();
        QVERIFY(!poller.isActive());
        const int requests = int(m_server->requests().size());
        QTest::qWait(400);
        QCOMPARE(int(m_server->requests().size()), requests);
        QVERIFY(m_store->run(poller.runId())->abandoned);
        QVERIFY(m_store->unfinishedRuns().empty());
    }

    // A lying server: the submission went out and the answer was lost (the connection dropped after the
    // body was read, or a gateway answered 502/503/504 although the run was created). Sending it again
    // would start a second run; the client says it may have been accepted instead.
    void submitThatMayHaveBeenAcceptedIsNotResent_data() {
        QTest::addColumn<int>("status"); // 0: the connection drops
        QTest::newRow("dropped after the body") << 0;
        QTest::newRow("502 after accept") << 502;
        QTest::newRow("503 after accept") << 503;
        QTest::newRow("504 after accept") << 504;
    }
    void submitThatMayHaveBeenAcceptedIsNotResent() {
        QFETCH(int, status);
        const Action lie = status == 0
                               ? Action::drop().accepted()
                               : Action::respond(status, R"({"message":"upstream timed out"})").accepted();
        m_server->queue(Match::Submit, lie, 5);
        const int before = m_server->runCount();
        const RunOutcome o = submitAndFollow();
        m_server->clearQueue();
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("error"));
        QVERIFY2(o.message.contains(u"may have been accepted"), qPrintable(o.message));
        QVERIFY2(o.message.contains(u"not sent again"), qPrintable(o.message));
        QVERIFY2(o.message.contains(u"placement-workbench status RUN_ID --wait"), qPrintable(o.message));
        QVERIFY2(o.message.contains(u"TEST environment"), qPrintable(o.message));
        QCOMPARE(int(m_server->requests("POST").size()), 1);
        QCOMPARE(m_server->runCount() - before, 1);
    }

    void refusedConnectionIsRetried() {
        // Nothing reached a server, so sending again is safe.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        RunEndpoint e;
        e.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        probe.close();
        RemoteSettings s = fastSettings();
        s.maxRetries = 2;
        NexioClient client(m_network, kKey, s);
        RunPoller poller(&client, m_store.get());
        QSignalSpy retrying(&poller, &RunPoller::retrying);
        poller.submit(caseRoot(), QString(), e, QStringLiteral("TEST"));
        const RunOutcome o = follow(poller);
        QCOMPARE(o.error.kind, ApiResult::Kind::Network);
        QCOMPARE(retrying.size(), 2);
        QVERIFY2(!o.message.contains(u"may have been accepted"), qPrintable(o.message));
    }

    void unknownStatusStopsAndIsNotResumed() {
        m_server->setScript({QStringLiteral("queued"), QStringLiteral("cancelled")});
        const RunOutcome o = submitAndFollow();
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("error"));
        QCOMPARE(o.error.kind, ApiResult::Kind::Malformed);
        QVERIFY2(o.message.contains(u"unknown status 'cancelled'"), qPrintable(o.message));
        QVERIFY2(o.message.contains(u"will not be resumed"), qPrintable(o.message));
        QCOMPARE(m_server->pollsOf(o.runId), 2); // stopped at once
        const auto stored = m_store->run(o.runId);
        QVERIFY(stored);
        QCOMPARE(stored->status, QStringLiteral("cancelled"));
        QVERIFY(stored->abandoned);
        QVERIFY(stored->lastError.contains(u"unknown status 'cancelled'"));
        for (const StoredRun &r : m_store->unfinishedRuns())
            QVERIFY(r.runId != o.runId);
    }

    void malformedCompletedRunNamesTheField_data() {
        QTest::addColumn<QByteArray>("solutions");
        QTest::addColumn<QString>("field");
        QTest::newRow("solutions not objects")
            << QByteArray(R"(["a", "b"])") << "solutions[0] is \"a\", not an object";
        QTest::newRow("solutions not an array")
            << QByteArray(R"({"rank": 1})") << "solutions is an object, not an array";
        QTest::newRow("cost is a string")
            << QByteArray(R"([{"rank": 1, "est_cost_low": "cheap", "est_cost_high": 10}])")
            << "solutions[0].est_cost_low is \"cheap\", not a number";
        QTest::newRow("cost is 1e400")
            << QByteArray(R"([{"rank": 1, "est_cost_low": 1, "est_cost_high": 1e400}])")
            << "solutions[0].est_cost_high is 1e400, not a finite number";
        QTest::newRow("rank is 1e400") << QByteArray(R"([{"rank": 1}, {"rank": 1e400}])")
                                       << "solutions[1].rank is 1e400, not a whole number";
        QTest::newRow("rank missing") << QByteArray(R"([{"cluster_label": "recommended"}])")
                                      << "solutions[0].rank is null, not a whole number";
        QTest::newRow("offerings not a list")
            << QByteArray(R"([{"rank": 1, "offerings": 7}])") << "solutions[0].offerings is 7, not an array";
    }
    void malformedCompletedRunNamesTheField() {
        QFETCH(QByteArray, solutions);
        QFETCH(QString, field);
        const auto parsed = parseJson(solutions);
        QVERIFY(parsed);
        m_server->setSolutions(*parsed);
        const RunOutcome o = submitAndFollow();
        m_server->setSolutions(FakeNexioServer::defaultSolutions());
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("error"));
        QCOMPARE(o.error.kind, ApiResult::Kind::Malformed);
        QVERIFY2(o.message.contains(field), qPrintable(o.message));
        QVERIFY(o.run.isNull() ||
                o.run[u"status"].toString() != u"completed"); // never handed on as an answer
        QVERIFY(!m_store->run(o.runId)->isFinished());
        QVERIFY(m_store->run(o.runId)->abandoned);
    }

    void rateLimitWithoutRetryAfterBacksOff() {
        m_server->queue(Match::Poll,
                        Action::respond(429, R"({"code":"rate_limited","message":"Slow down."})"), 4);
        RemoteSettings s = fastSettings();
        s.pollMaxMs = 5000;
        NexioClient client(m_network, kKey, s);
        RunPoller poller(&client, m_store.get());
        QSignalSpy retrying(&poller, &RunPoller::retrying);
        poller.submit(caseRoot(), QString(), jobs(), QStringLiteral("TEST"));
        const RunOutcome o = follow(poller);
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        QCOMPARE(retrying.size(), 4);
        QList<int> waits;
        for (const auto &args : retrying)
            waits << args.at(1).toInt();
        // Each wait longer than the last, none shorter than the first poll's wait.
        QCOMPARE(waits, (QList<int>{150, 225, 338, 507}));
    }

    void decompressionBombNamesTheLimit_data() {
        QTest::addColumn<int>("capMb");
        QTest::newRow("our cap stops it") << 8;     // below Qt's own inflation check (10 MB, then by ratio)
        QTest::newRow("Qt's check stops it") << 32; // Qt gives up first, with a content error
    }
    void decompressionBombNamesTheLimit() {
        QFETCH(int, capMb);
        m_server->queue(Match::Poll, Action::deflateBomb(64ll * 1024 * 1024));
        RemoteSettings s = fastSettings();
        s.maxResponseBytes = qint64(capMb) * 1024 * 1024;
        const RunOutcome o = submitAndFollow(s);
        qInfo().noquote() << o.message;
        QCOMPARE(o.error.kind, ApiResult::Kind::TooLarge);
        QVERIFY2(
            o.message.contains(QStringLiteral("larger than the %1 MB limit once decompressed").arg(capMb)),
            qPrintable(o.message));
        QVERIFY2(!o.message.contains(u"JSON"), qPrintable(o.message));
        m_store->setAbandoned(o.runId, true);
    }

    void echoedKeyIsScrubbedEverywhere() {
        // The server echoes the key in an error message, in a run object's stage and in a member name.
        m_server->queue(
            Match::Poll,
            Action::respond(
                500,
                R"({"error":{"code":"E $KEY","message":"key Bearer $KEY rejected","details":{"$KEY":"$KEY"}}})"));
        JsonValue fields = JsonValue::object();
        fields.insert(QStringLiteral("stage"), QStringLiteral("EVALUATE for $KEY"));
        JsonValue nested = JsonValue::object();
        nested.insert(QStringLiteral("echo $KEY"), JsonValue(JsonValue::Array{JsonValue("Bearer $KEY")}));
        fields.insert(QStringLiteral("x_debug"), nested);
        m_server->setRunFields(fields);
        NexioClient client(m_network, kKey, fastSettings());
        RunPoller poller(&client, m_store.get());
        QSignalSpy retrying(&poller, &RunPoller::retrying);
        poller.submit(caseRoot(), QString(), jobs(), QStringLiteral("TEST"));
        const RunOutcome o = follow(poller);
        m_server->setRunFields(JsonValue());
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("completed"));
        QCOMPARE(retrying.size(), 1);
        const QString retryMessage = retrying.first().first().toString();
        QVERIFY2(retryMessage.contains(u"key Bearer [api key] rejected"), qPrintable(retryMessage));
        QVERIFY(!retryMessage.contains(kKey));
        const QByteArray run = writeJson(o.run, -1);
        QVERIFY2(!run.contains(kKey.toUtf8()), run.constData());
        QCOMPARE(o.run[u"stage"].toString(), QStringLiteral("EVALUATE for [api key]"));
        QVERIFY(o.run[u"x_debug"].contains(u"echo [api key]"));
        const auto stored = m_store->run(o.runId);
        QVERIFY(stored);
        QVERIFY(!writeJson(stored->lastRun, -1).contains(kKey.toUtf8()));
        QVERIFY(!stored->stage.contains(kKey));
        QVERIFY(!stored->lastError.contains(kKey));
    }

    void serverTextWithEscapesIsEscapedInMessages() {
        m_server->setScript({QStringLiteral("failed")});
        JsonValue fields = JsonValue::object();
        fields.insert(QStringLiteral("error"),
                      QStringLiteral("\x1b]0;pwned\x07\x1b[2J<b>boom</b>\u202eevil"));
        m_server->setRunFields(fields);
        const RunOutcome o = submitAndFollow();
        m_server->setRunFields(JsonValue());
        QCOMPARE(RunOutcome::kindName(o.kind), QStringLiteral("failed"));
        QVERIFY2(o.message.contains(u"\\u001b]0;pwned\\u0007\\u001b[2J<b>boom</b>\\u202eevil"),
                 qPrintable(o.message));
        for (const QChar c : o.message)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x202e, qPrintable(o.message));
    }

    void keyIsWrittenToNoFile() {
        m_store.reset(); // close the database so everything is flushed
        QDirIterator it(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            ++files;
            const QByteArray bytes = pw::test::readFileBytes(file);
            QVERIFY2(!bytes.contains(kKey.toUtf8()), qPrintable(file));
            QVERIFY2(!bytes.contains("nx_test_revoked999"), qPrintable(file));
        }
        QVERIFY(files >= 1);
        m_store = std::make_unique<RunStore>(m_dir->filePath(QStringLiteral("runs.sqlite")));
        QVERIFY(m_store->runs().size() >= 5);
    }
};

QTEST_GUILESS_MAIN(TestRemoteClient)
#include "tst_remoteclient.moc"
