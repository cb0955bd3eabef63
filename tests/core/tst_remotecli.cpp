// SPDX-License-Identifier: MIT
// The submit, status and runs commands, run as a process against the fake Nexio server (on its own
// thread, since runWorkbench blocks): output, exit codes 0/3/4/5, the store, and no key in any file.
#include "fakenexioserver.h"
#include "io/casefile.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pw;
using pw::test::FakeNexioServer;
using Action = FakeNexioServer::Action;
using Match = FakeNexioServer::Match;

class TestRemoteCli : public QObject {
    Q_OBJECT

private:
    pw::test::FakeNexioServerThread m_server;
    QTemporaryDir m_data;
    QTemporaryDir m_cases;
    QString m_case;

    QStringList env(const QString &key = QStringLiteral("nx_test_abc123")) const {
        return {QStringLiteral("NEXIO_API_KEY=") + key,
                QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + m_data.path(),
                QStringLiteral("NEXIO_BASE_URL=https://must-not-be-used.invalid")};
    }
    QStringList fast() const {
        return {QStringLiteral("--base-url"),        m_server->baseUrl().toString(),
                QStringLiteral("--poll-initial-ms"), QStringLiteral("50"),
                QStringLiteral("--poll-max-ms"),     QStringLiteral("100")};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_server.port() != 0);
        // The case carries a workbench object, which must never be sent.
        JsonValue root = pw::test::readJsonFile(pw::test::samplePath(QStringLiteral("seed-job.json")));
        JsonValue wb = JsonValue::object();
        wb.insert(QStringLiteral("notes"), QStringLiteral("secret agency note"));
        root.insert(QStringLiteral("workbench"), wb);
        m_case = m_cases.filePath(QStringLiteral("seed case.json"));
        QVERIFY(writeFileAtomically(m_case, writeJson(root)).isEmpty());
    }

    void init() {
        m_server->clearQueue();
        m_server->clearRequests();
        m_server->setScript(
            {QStringLiteral("queued"), QStringLiteral("processing"), QStringLiteral("completed")});
    }

    void submitWaitJson() {
        const auto r =
            pw::test::runWorkbench(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait"),
                                               QStringLiteral("--format"), QStringLiteral("json")} +
                                       fast(),
                                   env());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto run = parseJson(r.out);
        QVERIFY2(run, r.out.constData());
        QCOMPARE((*run)[u"status"].toString(), QStringLiteral("completed"));
        QCOMPARE((*run)[u"solutions"].at(0)[u"rank"].toDouble(), 1.0);
        QCOMPARE((*run)[u"x_future_field"].toString(), QStringLiteral("kept"));
        const QString runId = (*run)[u"run_id"].toString();
        QVERIFY(r.err.contains(QByteArray("submitted run " + runId.toUtf8() + " (TEST)")));

        const auto requests = m_server->requests();
        QVERIFY(requests.size() >= 4);
        QCOMPARE(requests[0].method, QByteArray("POST"));
        QCOMPARE(requests[0].path, QStringLiteral("/api/v1/jobs"));
        QCOMPARE(requests[0].authorization, QByteArray("Bearer nx_test_abc123"));
        QVERIFY(!requests[0].body.contains("workbench"));
        QVERIFY(!requests[0].body.contains("secret agency note"));
        const auto sent = parseJson(requests[0].body);
        QVERIFY(sent);
        QCOMPARE(*sent, apiRequestBody(pw::test::readJsonFile(m_case)));
        QCOMPARE(requests.back().path, QStringLiteral("/api/v1/jobs/") + runId);
    }

    void submitWaitTableEngineScoped() {
        m_server->setScript({QStringLiteral("processing"), QStringLiteral("degraded")});
        const auto r =
            pw::test::runWorkbench(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait"),
                                               QStringLiteral("--engine"), QStringLiteral("default"),
                                               QStringLiteral("--engine-version"), QStringLiteral("1.x")} +
                                       fast(),
                                   env());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        qInfo().noquote() << out;
        const QString runId = out.section(u'\n', 0, 0);
        QVERIFY2(runId.startsWith(u"6f1c2a40-"), qPrintable(out)); // the id comes first, at once
        QVERIFY2(out.contains(u"Status:      degraded"), qPrintable(out));
        QVERIFY2(out.contains(u"Stage:       COMPLETE"), qPrintable(out));
        QVERIFY2(out.contains(u"Warning:     carrier rating service unavailable"), qPrintable(out));
        QVERIFY2(out.contains(u"recommended *"), qPrintable(out));
        QVERIFY2(out.contains(u"quote_line_carrier_a_home_001"), qPrintable(out));
        QVERIFY2(out.contains(u"$6120.00"), qPrintable(out));
        // The local comparison (or why there is none) follows the remote table.
        QVERIFY2(out.contains(u"Local vs remote:") || out.contains(u"No comparison with the local engine"),
                 qPrintable(out));
        QVERIFY(r.err.contains("completed with a warning"));
        const auto requests = m_server->requests();
        QCOMPARE(requests[0].path, QStringLiteral("/api/v1/engines/default/runs"));
        QCOMPARE((*parseJson(requests[0].body))[u"engine_version"].toString(), QStringLiteral("1.x"));
        QCOMPARE(requests.back().path, QStringLiteral("/api/v1/runs/") + runId);
    }

    void failedRunExits3() {
        m_server->setScript({QStringLiteral("queued"), QStringLiteral("failed")});
        const auto r =
            pw::test::runWorkbench(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait"),
                                               QStringLiteral("--format"), QStringLiteral("json")} +
                                       fast(),
                                   env());
        QCOMPARE(r.exitCode, 3);
        QCOMPARE((*parseJson(r.out))[u"status"].toString(), QStringLiteral("failed"));
        QVERIFY2(r.err.contains("engine_crashed"), r.err.constData());
    }

    void refusedExits4() {
        const auto r = pw::test::runWorkbench(
            QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait")} + fast(),
            env(QStringLiteral("nx_test_wrongkey77")));
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("HTTP 401"), r.err.constData());
        QVERIFY2(r.err.contains("The API key is missing, invalid or revoked."), r.err.constData());
        QVERIFY(!r.err.contains("nx_test_wrongkey77"));
        QVERIFY(r.out.isEmpty());
        m_server->queue(Match::Submit,
                        Action::respond(422, R"({"code":"no_input","message":"input is required"})"));
        const auto r2 = pw::test::runWorkbench(QStringList{QStringLiteral("submit"), m_case} + fast(), env());
        QCOMPARE(r2.exitCode, 4);
        QVERIFY2(r2.err.contains("input is required"), r2.err.constData());
    }

    void networkErrorExits5() {
        // A port nobody listens on: connection refused, retried, then reported.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        probe.close();
        const auto r = pw::test::runWorkbench({QStringLiteral("submit"), m_case, QStringLiteral("--wait"),
                                               QStringLiteral("--base-url"), url,
                                               QStringLiteral("--poll-initial-ms"), QStringLiteral("20"),
                                               QStringLiteral("--max-retries"), QStringLiteral("2")},
                                              env());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("Cannot reach 127.0.0.1"), r.err.constData());
        QVERIFY2(r.err.contains("gave up after 3 attempts"), r.err.constData());

        // A server that never answers: the transfer timeout ends it.
        m_server->queue(Match::Submit, Action::hang());
        const auto r2 =
            pw::test::runWorkbench(QStringList{QStringLiteral("submit"), m_case,
                                               QStringLiteral("--timeout-ms"), QStringLiteral("300")} +
                                       fast(),
                                   env());
        QCOMPARE(r2.exitCode, 5);
        QVERIFY2(r2.err.contains("No answer from 127.0.0.1"), r2.err.constData());
    }

    void usageMistakes() {
        auto r = pw::test::runWorkbench({QStringLiteral("submit"), m_case, QStringLiteral("--base-url"),
                                         QStringLiteral("http://api.usenexio.com")},
                                        env());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("not HTTPS"));
        r = pw::test::runWorkbench(QStringList{QStringLiteral("submit"), m_case} + fast(),
                                   env(QStringLiteral("nx_live_abc")));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("--confirm-live"));
        r = pw::test::runWorkbench(QStringList{QStringLiteral("submit"), m_case} + fast(),
                                   {QStringLiteral("NEXIO_API_KEY="),
                                    QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + m_data.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("NEXIO_API_KEY"));
        QCOMPARE(int(m_server->requests().size()), 0);
    }

    void submitWithoutWaitThenStatusAndRuns() {
        m_server->setScript(
            {QStringLiteral("queued"), QStringLiteral("processing"), QStringLiteral("completed")});
        auto r = pw::test::runWorkbench(QStringList{QStringLiteral("submit"), m_case} + fast(), env());
        QCOMPARE(r.exitCode, 0);
        const QString runId = QString::fromUtf8(r.out).trimmed();
        QVERIFY(runId.startsWith(u"6f1c2a40-"));
        QCOMPARE(int(m_server->requests("GET").size()), 0);

        // Listed as unfinished, then polled once by `status` (the stored base URL is used, not
        // NEXIO_BASE_URL).
        r = pw::test::runWorkbench(
            {QStringLiteral("runs"), QStringLiteral("--format"), QStringLiteral("json")}, env());
        QCOMPARE(r.exitCode, 0);
        auto list = parseJson(r.out);
        QVERIFY2(list, r.out.constData());
        QCOMPARE(list->at(0)[u"run_id"].toString(), runId);
        QCOMPARE(list->at(0)[u"status"].toString(), QStringLiteral("queued"));
        QCOMPARE(list->at(0)[u"environment"].toString(), QStringLiteral("TEST"));

        r = pw::test::runWorkbench({QStringLiteral("status"), runId}, env());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("Status:      queued"), r.out.constData());
        QCOMPARE(int(m_server->requests("GET").size()), 1);

        // `runs --resume` follows it to the end.
        r = pw::test::runWorkbench({QStringLiteral("runs"), QStringLiteral("--resume"),
                                    QStringLiteral("--poll-initial-ms"), QStringLiteral("30")},
                                   env());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains(QByteArray("resuming " + runId.toUtf8())), r.err.constData());
        QVERIFY2(r.out.contains(runId.toUtf8()), r.out.constData());
        r = pw::test::runWorkbench({QStringLiteral("runs"), QStringLiteral("--format"),
                                    QStringLiteral("json"), QStringLiteral("--case"), m_case},
                                   env());
        list = parseJson(r.out);
        QVERIFY(list && list->size() >= 1);
        QCOMPARE(list->at(0)[u"status"].toString(), QStringLiteral("completed"));

        r = pw::test::runWorkbench({QStringLiteral("status"), QStringLiteral("no-such-run"),
                                    QStringLiteral("--base-url"), m_server->baseUrl().toString()},
                                   env());
        QCOMPARE(r.exitCode, 4);
    }

    void keyInNoFile() {
        QDirIterator it(m_data.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            ++files;
            const QByteArray bytes = pw::test::readFileBytes(file);
            QVERIFY2(!bytes.contains("nx_test_abc123"), qPrintable(file));
            QVERIFY2(!bytes.contains("nx_test_wrongkey77"), qPrintable(file));
            QVERIFY2(!bytes.contains("secret agency note"), qPrintable(file));
        }
        QVERIFY(files >= 1);
        QVERIFY(!pw::test::readFileBytes(m_case).contains("nx_test_"));
    }
};

QTEST_GUILESS_MAIN(TestRemoteCli)
#include "tst_remotecli.moc"
