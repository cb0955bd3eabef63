// SPDX-License-Identifier: MIT
// submit, status and runs as processes against a fake Nexio server that lies: it echoes the key, sends
// escape codes and markup, drops a submission it accepted, answers 502 after accepting, invents a status,
// sends an unreadable completed run; and against run stores that are shared by 8 processes at once,
// damaged, up to date (opened without a write), or that refuse to store a run id.
#include "fakenexioserver.h"
#include "io/casefile.h"
#include "remotecli.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <unistd.h>

using namespace pw;
using pw::test::FakeNexioServer;
using Action = FakeNexioServer::Action;
using Match = FakeNexioServer::Match;

namespace {

const QString kKey = QStringLiteral("nx_test_abc123");

QString firstUnsafe(const QByteArray &bytes) {
    return pw::test::firstTerminalUnsafe(QString::fromUtf8(bytes));
}

} // namespace

class TestRemoteCliLies : public QObject {
    Q_OBJECT

private:
    pw::test::FakeNexioServerThread m_server;
    pw::test::RemoteCliEnvironment m_env{kKey}; // every process started here runs inside it
    QTemporaryDir m_cases;
    QString m_case;
    QString m_dataDir;

    QStringList env(const QString &dataDir = QString()) const { return m_env.env(dataDir); }
    QStringList fast() const { return pw::test::RemoteCliEnvironment::fastOptions(m_server->baseUrl()); }
    pw::test::ProcessResult cli(const QStringList &args, const QString &dataDir = QString()) const {
        return m_env.run(args, dataDir);
    }
    QString freshDataDir(const QString &name) const { return m_env.freshDataDir(name); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_server.port() != 0);
        QVERIFY(m_env.isValid());
        m_dataDir = m_env.dataDir();
        m_case = m_cases.filePath(QStringLiteral("seed.json"));
        QVERIFY(QFile::copy(pw::test::samplePath(QStringLiteral("seed-job.json")), m_case));
    }
    void init() { m_server->reset(); }

    void echoedKeyIsNeverPrintedNorStored() {
        // The server echoes the key in an error message, in the stage and in an unknown member.
        m_server->queue(
            Match::Poll,
            Action::respond(500, R"({"error":{"code":"internal","message":"key Bearer $KEY failed"}})"));
        JsonValue fields = JsonValue::object();
        fields.insert(QStringLiteral("stage"), QStringLiteral("EVALUATE ($KEY)"));
        fields.insert(QStringLiteral("x_debug"), QStringLiteral("Authorization: Bearer $KEY"));
        m_server->setRunFields(fields);
        QList<pw::test::ProcessResult> results;
        results << cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait")} + fast());
        QVERIFY2(results.last().exitCode == 0, results.last().err.constData());
        const QString runId = QString::fromUtf8(results.last().out).section(u'\n', 0, 0);
        QVERIFY2(results.last().out.contains("Stage:       EVALUATE ([api key])"),
                 results.last().out.constData());
        QVERIFY2(results.last().err.contains("key Bearer [api key] failed"), results.last().err.constData());
        results << cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait"),
                                   QStringLiteral("--format"), QStringLiteral("json")} +
                       fast());
        QVERIFY(results.last().out.contains("[api key]"));
        // A refused status call whose message echoes the key is stored as the run's last error.
        m_server->queue(
            Match::Poll,
            Action::respond(403, R"({"code":"forbidden","message":"$KEY may not read this run"})"));
        results << cli({QStringLiteral("status"), runId});
        QCOMPARE(results.last().exitCode, 4);
        QVERIFY2(results.last().err.contains("[api key] may not read this run"),
                 results.last().err.constData());
        results << cli({QStringLiteral("runs"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(results.last().out.contains("[api key] may not read this run"),
                 results.last().out.constData());
        results << cli({QStringLiteral("runs")});
        results << cli({QStringLiteral("status"), runId, QStringLiteral("--format"), QStringLiteral("json")});
        for (const auto &r : results) {
            QVERIFY2(!r.out.contains(kKey.toUtf8()), r.out.constData());
            QVERIFY2(!r.err.contains(kKey.toUtf8()), r.err.constData());
        }

        // Every file any of these processes wrote (store, journals, settings, caches) is free of the key,
        // in UTF-8 and in UTF-16, and `strings` finds it in none.
        int files = 0;
        const QStringList leaks = m_env.filesContaining(kKey.toUtf8(), &files);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u' ')));
        QVERIFY(files >= 1);
        QVERIFY(QFile::exists(m_dataDir + QStringLiteral("/runs.sqlite")));
    }

    void serverTextIsEscapedOnTheTerminal() {
        m_server->setScript({QStringLiteral("processing"), QStringLiteral("failed")});
        JsonValue fields = JsonValue::object();
        fields.insert(QStringLiteral("stage"), QStringLiteral("<b>EVAL</b>\x1b]0;pwned\x07\u202e"));
        fields.insert(QStringLiteral("error"), QStringLiteral("\x1b[2J\x1b[31mboom\nFAKE LINE"));
        m_server->setRunFields(fields);
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait")} + fast());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(firstUnsafe(r.out).isEmpty(), qPrintable(firstUnsafe(r.out)));
        QVERIFY2(firstUnsafe(r.err).isEmpty(), qPrintable(firstUnsafe(r.err)));
        QVERIFY2(r.out.contains("Stage:       <b>EVAL</b>\\u001b]0;pwned\\u0007\\u202e"), r.out.constData());
        QVERIFY2(r.out.contains("Error:       \\u001b[2J\\u001b[31mboom\\nFAKE LINE"), r.out.constData());
        const QString runId = QString::fromUtf8(r.out).section(u'\n', 0, 0);
        for (const QStringList &args :
             {QStringList{QStringLiteral("runs")}, QStringList{QStringLiteral("status"), runId},
              QStringList{QStringLiteral("status"), runId, QStringLiteral("--wait")}}) {
            const auto s = cli(args);
            QVERIFY2(firstUnsafe(s.out).isEmpty(), qPrintable(firstUnsafe(s.out)));
            QVERIFY2(firstUnsafe(s.err).isEmpty(), qPrintable(firstUnsafe(s.err)));
            QVERIFY2(s.out.contains("<b>EVAL</b>\\u001b]0;pwned"), s.out.constData());
        }
    }

    void submissionThatMayHaveBeenAcceptedIsNotResent_data() {
        QTest::addColumn<int>("status");
        QTest::newRow("dropped after the body") << 0;
        QTest::newRow("502 after accept") << 502;
        QTest::newRow("504 after accept") << 504;
        // Reading chosen: a 500 to a POST whose body was sent may come after the run was created.
        QTest::newRow("500 after accept") << 500;
    }
    void submissionThatMayHaveBeenAcceptedIsNotResent() {
        QFETCH(int, status);
        m_server->queue(
            Match::Submit,
            (status == 0 ? Action::drop() : Action::respond(status, "<html>Bad Gateway</html>")).accepted(),
            5);
        const int before = m_server->runCount();
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case} + fast());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("may have been accepted"), r.err.constData());
        QVERIFY2(r.err.contains("status RUN_ID --wait"), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(int(m_server->requests("POST").size()), 1);
        QCOMPARE(m_server->runCount() - before, 1);
    }

    void unknownStatusIsReportedAndNotResumed() {
        m_server->setScript({QStringLiteral("queued"), QStringLiteral("cancelled")});
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait")} + fast());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("unknown status 'cancelled'"), r.err.constData());
        const QString runId = QString::fromUtf8(r.out).section(u'\n', 0, 0);
        QCOMPARE(m_server->pollsOf(runId), 2);
        const auto resumed = cli({QStringLiteral("runs"), QStringLiteral("--resume"),
                                  QStringLiteral("--poll-initial-ms"), QStringLiteral("30")});
        QVERIFY2(!resumed.err.contains(runId.toUtf8()), resumed.err.constData());
        QCOMPARE(m_server->pollsOf(runId), 2);
        const auto list =
            parseJson(cli({QStringLiteral("runs"), QStringLiteral("--format"), QStringLiteral("json")}).out);
        QVERIFY(list);
        bool found = false;
        for (const JsonValue &run : list->arrayItems())
            if (run[u"run_id"].toString() == runId) {
                found = true;
                QCOMPARE(run[u"status"].toString(), QStringLiteral("cancelled"));
                QCOMPARE(run[u"watched"].toBool(true), false);
                QVERIFY(run[u"last_error"].toString().contains(u"unknown status 'cancelled'"));
            }
        QVERIFY(found);
    }

    void unreadableCompletedRunIsAnError() {
        m_server->setSolutions(
            *parseJson(R"([{"rank": 1e400, "est_cost_low": "cheap", "est_cost_high": 1e400}])"));
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait")} + fast());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("solutions[0].rank is 1e400"), r.err.constData());
        QVERIFY2(!r.out.contains("inf") && !r.out.contains("RANK"), r.out.constData());
        const QString runId = QString::fromUtf8(r.out).section(u'\n', 0, 0);
        const auto s = cli({QStringLiteral("status"), runId});
        QCOMPARE(s.exitCode, 5);
        QVERIFY2(s.err.contains("solutions[0].rank is 1e400"), s.err.constData());
        QVERIFY(s.out.isEmpty());
    }

    void eightConcurrentSubmitsAreAllStored() {
        const QString dataDir = freshDataDir(QStringLiteral("concurrent"));
        QList<QProcess *> processes;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &kv : env(dataDir))
            environment.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
        for (int i = 0; i < 8; ++i) {
            auto *p = new QProcess(this);
            p->setProcessEnvironment(environment);
            processes << p;
        }
        for (QProcess *p : processes)
            p->start(QStringLiteral(PW_BINARY), QStringList{QStringLiteral("submit"), m_case} + fast());
        QSet<QString> ids;
        for (QProcess *p : processes) {
            QVERIFY(p->waitForFinished(60000));
            const QByteArray err = p->readAllStandardError();
            QVERIFY2(p->exitCode() == 0, err.constData());
            ids << QString::fromUtf8(p->readAllStandardOutput()).trimmed();
            delete p;
        }
        QCOMPARE(ids.size(), 8);
        const auto list = parseJson(
            cli({QStringLiteral("runs"), QStringLiteral("--format"), QStringLiteral("json")}, dataDir).out);
        QVERIFY(list);
        QSet<QString> stored;
        for (const JsonValue &run : list->arrayItems())
            stored << run[u"run_id"].toString();
        QCOMPARE(stored, ids);
    }

    void damagedStoreIsReportedNeverBypassed() {
        const QString dataDir = freshDataDir(QStringLiteral("damaged"));
        const QString store = dataDir + QStringLiteral("/runs.sqlite");
        const auto first = cli(QStringList{QStringLiteral("submit"), m_case} + fast(), dataDir);
        QCOMPARE(first.exitCode, 0);
        const QString runId = QString::fromUtf8(first.out).trimmed();
        {
            // One bad page: the runs table's.
            QFile f(store);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() >= 8192);
            QVERIFY(f.seek(4096));
            QVERIFY(f.write(QByteArray(4096, char(0xa5))) == 4096);
        }
        m_server->clearRequests();
        for (const QStringList &args : {QStringList{QStringLiteral("runs")},
                                        QStringList{QStringLiteral("runs"), QStringLiteral("--resume")},
                                        QStringList{QStringLiteral("status"), runId},
                                        QStringList{QStringLiteral("submit"), m_case} + fast()}) {
            const auto r = cli(args, dataDir);
            QVERIFY2(r.exitCode == 6,
                     qPrintable(args.join(u' ') + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QVERIFY2(r.err.contains("damaged"), r.err.constData());
            // One line: the file, "damaged" and SQLite's first finding; not the whole integrity report.
            QVERIFY2(r.err.count('\n') == 1, r.err.constData());
            QVERIFY2(r.err.contains(store.toUtf8()), r.err.constData());
            QVERIFY2(!r.out.contains("No remote runs stored"), r.out.constData());
        }
        QCOMPARE(int(m_server->requests().size()), 0); // nothing sent anywhere, no fallback URL
    }

    void upToDateStoreIsOpenedWithoutWriting() {
        const QString dataDir = freshDataDir(QStringLiteral("readonly"));
        const QString store = dataDir + QStringLiteral("/runs.sqlite");
        const auto first = cli(QStringList{QStringLiteral("submit"), m_case} + fast(), dataDir);
        QCOMPARE(first.exitCode, 0);
        const QByteArray before = pw::test::readFileBytes(store);
        const auto listed = cli({QStringLiteral("runs")}, dataDir);
        QCOMPARE(listed.exitCode, 0);
        QCOMPARE(pw::test::readFileBytes(store), before); // not even the schema version rewritten
    }

    void readOnlyStoreStillListsRuns() {
        if (::geteuid() == 0) QSKIP("running as root: file permissions do not stop root from writing");
        const QString dataDir = freshDataDir(QStringLiteral("readonly-files"));
        const QString store = dataDir + QStringLiteral("/runs.sqlite");
        const auto first = cli(QStringList{QStringLiteral("submit"), m_case} + fast(), dataDir);
        QCOMPARE(first.exitCode, 0);
        QVERIFY(QFile::setPermissions(store, QFile::ReadOwner | QFile::ReadUser));
        QVERIFY(QFile::setPermissions(dataDir,
                                      QFile::ReadOwner | QFile::ExeOwner | QFile::ReadUser | QFile::ExeUser));
        const auto r = cli({QStringLiteral("runs")}, dataDir);
        QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(QString::fromUtf8(first.out).trimmed().toUtf8()), r.out.constData());
    }

    void runIdThatCannotBeStoredIsReported() {
        const QString dataDir = freshDataDir(QStringLiteral("refusing"));
        const QString store = dataDir + QStringLiteral("/runs.sqlite");
        QCOMPARE(cli({QStringLiteral("runs")}, dataDir).exitCode, 0); // creates the store
        QVERIFY(pw::test::makeStoreRefuseNewRuns(store, QStringLiteral("disk is full")));
        const int before = m_server->runCount();
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case} + fast(), dataDir);
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.out.isEmpty(), r.out.constData()); // nothing printed as a success
        const QString err = QString::fromUtf8(r.err);
        const QRegularExpressionMatch id =
            QRegularExpression(QStringLiteral("Run (6f1c2a40-[0-9a-f-]+) was accepted")).match(err);
        QVERIFY2(id.hasMatch(), qPrintable(err));
        QVERIFY2(err.contains(u"could not be stored"), qPrintable(err));
        QVERIFY2(err.contains(u"disk is full"), qPrintable(err));
        QVERIFY2(err.contains(store), qPrintable(err));
        QCOMPARE(m_server->runCount() - before, 1);
        QCOMPARE(int(m_server->requests("POST").size()), 1);
    }
};

QTEST_GUILESS_MAIN(TestRemoteCliLies)
#include "tst_remoteclilies.moc"
