// SPDX-License-Identifier: MIT
// `placement-workbench library --server URL …` against a throwaway PostgreSQL: list and import; a stopped
// server (exit 5, host:port named) and the same command working after the restart; a wrong password and an
// underwriter refused (exit 4) with no password in any output; `library push` and its report; a client
// killed inside its transaction leaves no partial case.
#include "io/jsonpath.h"
#include "pgcluster.h"
#include "store/caselibrary.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

class TestPgLibraryCli : public QObject {
    Q_OBJECT

    test::PgTestCluster m_pg;
    QTemporaryDir m_dir;
    QList<QByteArray> m_outputs; // every output, checked for passwords at the end

    test::ProcessResult library(const QString &user, const QStringList &args, const QString &password = {}) {
        const QString pw = password.isEmpty() ? m_pg.password(user) : password;
        auto r = test::runWorkbench(
            QStringList{QStringLiteral("library"), QStringLiteral("--server"), m_pg.url(user)} + args,
            {QStringLiteral("PGPASSWORD=") + pw,
             QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + m_dir.filePath(QStringLiteral("data"))});
        m_outputs << r.out << r.err;
        return r;
    }

    void writeCase(const QString &folder, const QString &name, const QString &last) {
        QDir(m_dir.path()).mkpath(folder);
        JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), last);
        QFile f(m_dir.filePath(folder + u'/' + name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(writeJson(root));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        QVERIFY2(m_pg.createAgency({QStringLiteral("alice")}, {QStringLiteral("uma")}),
                 qPrintable(m_pg.error()));
        const auto r = library(QStringLiteral("owner"), {QStringLiteral("setup-server")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("is at schema 6; pw_agent and pw_underwriter have their rights"),
                 r.out.constData());
        writeCase(QStringLiteral("cases"), QStringLiteral("a.json"), QStringLiteral("Okafor"));
        writeCase(QStringLiteral("cases"), QStringLiteral("b.json"), QStringLiteral("Ortega"));
    }

    void importAndListOnTheServer() {
        auto r = library(QStringLiteral("alice"),
                         {QStringLiteral("import"), m_dir.filePath(QStringLiteral("cases"))});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("imported 2 new, 0 updated, 0 unchanged, 0 skipped\n"));
        r = library(QStringLiteral("uma"), {QStringLiteral("search"), QStringLiteral("ortega")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Dana Ortega") && r.out.endsWith("1 case\n"), r.out.constData());
    }

    void underwriterIsRefused() {
        writeCase(QStringLiteral("more"), QStringLiteral("c.json"), QStringLiteral("Nguyen"));
        const auto r = library(QStringLiteral("uma"),
                               {QStringLiteral("import"), m_dir.filePath(QStringLiteral("more"))});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("the library server refused: uma may not change cases (underwriter)"),
                 r.err.constData());
        // One plain line: none of Qt SQL's own warnings ("Unable to free statement", "QPSQL: …").
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(!r.err.contains("QPSQL") && !r.err.contains("Unable to") && !r.err.contains("QSqlQuery"),
                 r.err.constData());
    }

    void wrongPasswordAndPasswordInUrl() {
        const QString wrong = QStringLiteral("Not-%1").arg(QDateTime::currentMSecsSinceEpoch());
        auto r = library(QStringLiteral("alice"), {QStringLiteral("list")}, wrong);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("refused alice's login") && r.err.contains("password authentication failed"),
                 r.err.constData());
        QVERIFY(!r.err.contains(wrong.toUtf8()) && !r.out.contains(wrong.toUtf8()));
        const QString secret = QStringLiteral("s3cret-%1").arg(QDateTime::currentMSecsSinceEpoch());
        r = test::runWorkbench(
            {QStringLiteral("library"), QStringLiteral("--server"),
             QStringLiteral("postgresql://alice:%1@127.0.0.1:%2/library").arg(secret).arg(m_pg.port()),
             QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("must not contain a password"), r.err.constData());
        QVERIFY(!r.err.contains(secret.toUtf8()) && !r.out.contains(secret.toUtf8()));
    }

    void stoppedServerThenBack() {
        QVERIFY2(m_pg.stop(), qPrintable(m_pg.error()));
        auto r = library(QStringLiteral("alice"), {QStringLiteral("list")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.startsWith(QStringLiteral("library: The library server 127.0.0.1:%1 cannot be reached")
                                      .arg(m_pg.port())
                                      .toUtf8()),
                 r.err.constData());
        QVERIFY2(r.err.count('\n') == 1, r.err.constData()); // one plain line, no Qt SQL warnings
        QVERIFY(r.out.isEmpty());
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        r = library(QStringLiteral("alice"), {QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.endsWith("2 cases\n"));
    }

    void pushReport() {
        const QString data = m_dir.filePath(QStringLiteral("data/library.sqlite"));
        {
            auto local = openCaseLibrary(data);
            QVERIFY(local->isOpen());
            JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
            setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), QStringLiteral("Local"));
            SaveOptions o;
            o.author = QStringLiteral("me");
            const auto v = local->addCase(writeJson(root), o);
            QVERIFY(v);
            QVERIFY(local->copyVersion(*v, QStringLiteral("Renewal"), QStringLiteral("me")));
            // The same bytes the server already has (imported above as Okafor): skipped.
            QVERIFY(local->addCase(test::readFileBytes(m_dir.filePath(QStringLiteral("cases/a.json"))), o));
        }
        auto r = library(QStringLiteral("alice"),
                         {QStringLiteral("push"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const auto report = parseJson(r.out);
        QVERIFY2(report, r.out.constData());
        QCOMPARE((*report)[u"cases_copied"].toDouble(), 1.0);
        QCOMPARE((*report)[u"versions_copied"].toDouble(), 2.0);
        QCOMPARE((*report)[u"audit_entries_copied"].toDouble(), 2.0); // created, copied (never ranked)
        QCOMPARE((*report)[u"cases_skipped"].toDouble(), 1.0);
        QCOMPARE((*report)[u"skipped"].at(0).toString(),
                 QStringLiteral("Dana Okafor: already on the server (same bytes)"));
        // The report names the cases it copied, too.
        QCOMPARE((*report)[u"copied"].size(), 1);
        QCOMPARE((*report)[u"copied"].at(0).toString(), QStringLiteral("Dana Local: copied (2 version(s))"));
        r = library(QStringLiteral("alice"), {QStringLiteral("push")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(
                     QStringLiteral("pushed to alice@127.0.0.1:%1/library: 0 case(s) copied (0 versions, 0 "
                                    "notes, 0 audit entries), 0 updated, 2 skipped, 0 conflict(s), 0 "
                                    "failed\n")
                         .arg(m_pg.port())
                         .toUtf8()),
                 r.out.constData());
        r = library(QStringLiteral("alice"), {QStringLiteral("list")});
        QVERIFY(r.out.endsWith("3 cases\n"));
    }

    // A client killed while its transaction is open: the server rolls it back, no partial case remains.
    void killedInsideTheTransactionLeavesNoPartialCase() {
        // Test-only: every audit insert sleeps, so the import waits inside its transaction (after the case
        // and its version were inserted).
        QVERIFY2(
            m_pg.runSql(QStringLiteral(
                "CREATE FUNCTION pw_test_sleep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM "
                "pg_sleep(30); RETURN NEW; END $$; CREATE TRIGGER pw_test_sleep BEFORE INSERT ON audit FOR "
                "EACH ROW EXECUTE FUNCTION pw_test_sleep()")),
            qPrintable(m_pg.error()));
        writeCase(QStringLiteral("slow"), QStringLiteral("k.json"), QStringLiteral("Killed"));
        const QString before = m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM versions"));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), m_pg.password(QStringLiteral("alice")));
        child.setProcessEnvironment(env);
        child.start(QStringLiteral(PW_BINARY),
                    {QStringLiteral("library"), QStringLiteral("--server"), m_pg.url(QStringLiteral("alice")),
                     QStringLiteral("import"), m_dir.filePath(QStringLiteral("slow"))});
        QVERIFY(child.waitForStarted(10000));
        QElapsedTimer t;
        t.start();
        QString state;
        while (t.elapsed() < 20000) {
            state =
                m_pg.scalar(QStringLiteral("SELECT state FROM pg_stat_activity WHERE usename = 'alice' AND "
                                           "query LIKE '%pg_sleep%' OR (usename = 'alice' AND wait_event = "
                                           "'PgSleep')"));
            if (!state.isEmpty()) break;
            QTest::qWait(50);
        }
        QCOMPARE(state, QStringLiteral("active")); // inside the trigger, inside the transaction
        QVERIFY(
            m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE usename = 'alice' AND "
                                       "xact_start IS NOT NULL"))
                .toInt() >= 1);
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10000));
        // The server finds the closed socket when the sleep ends; ending the backend now stands for that.
        QVERIFY(m_pg.runSql(
            QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = "
                           "'alice'")));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE usename = "
                                       "'alice'")),
            QStringLiteral("0"), 10000);
        QVERIFY2(
            m_pg.runSql(QStringLiteral("DROP TRIGGER pw_test_sleep ON audit; DROP FUNCTION pw_test_sleep()")),
            qPrintable(m_pg.error()));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM versions")), before);
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM cases WHERE current_version = 0 OR "
                                            "current_version NOT IN (SELECT id FROM versions)")),
                 QStringLiteral("0"));
        QCOMPARE(
            m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM versions WHERE insured_name = 'Dana Killed'")),
            QStringLiteral("0"));
        const auto r = library(QStringLiteral("alice"),
                               {QStringLiteral("import"), m_dir.filePath(QStringLiteral("slow"))});
        QCOMPARE(r.out, QByteArray("imported 1 new, 0 updated, 0 unchanged, 0 skipped\n"));
    }

    void noOutputCarriesAPassword() {
        for (const QString &user : {QStringLiteral("alice"), QStringLiteral("uma"), QStringLiteral("owner")})
            for (const QByteArray &o : m_outputs)
                QVERIFY(!o.contains(m_pg.password(user).toUtf8()));
        QVERIFY(m_outputs.size() > 10);
    }
};

QTEST_GUILESS_MAIN(TestPgLibraryCli)
#include "tst_pglibrarycli.moc"
