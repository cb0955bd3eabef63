// SPDX-License-Identifier: MIT
// Several command-line clients at once on one PostgreSQL library: ten `setup-server` on an empty database
// and ten owners opening one (every run succeeds: grants and migration under one lock); ten imports of one
// folder and three pushes of one local library (each case stored once, the summaries adding up); two
// agents importing different edits of one file at once (both kept as versions, never a raw SQL error).
#include "io/jsonpath.h"
#include "pgcluster.h"
#include "store/caselibrary.h"
#include "store/sqlcaselibrary.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace pw;

class TestPgLibraryRaces : public QObject {
    Q_OBJECT

    test::PgTestCluster m_pg;
    QTemporaryDir m_dir;

    QStringList env(const QString &user, const QString &dataDir = QStringLiteral("data")) const {
        return {QStringLiteral("PGPASSWORD=") + m_pg.password(user),
                QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + m_dir.filePath(dataDir)};
    }

    // Runs the commands at once (one thread each); results in the same order.
    static std::vector<test::ProcessResult>
    atOnce(const std::vector<std::pair<QStringList, QStringList>> &runs) {
        std::vector<test::ProcessResult> results(runs.size());
        std::vector<std::thread> threads;
        for (size_t i = 0; i < runs.size(); ++i)
            threads.emplace_back([&, i] { results[i] = test::runWorkbench(runs[i].first, runs[i].second); });
        for (auto &t : threads)
            t.join();
        return results;
    }

    static QString describe(const std::vector<test::ProcessResult> &results) {
        QString out;
        for (size_t i = 0; i < results.size(); ++i)
            out += QStringLiteral("run %1: exit %2\n%3%4\n")
                       .arg(i)
                       .arg(results[i].exitCode)
                       .arg(QString::fromUtf8(results[i].out), QString::fromUtf8(results[i].err));
        return out;
    }

    QByteArray caseBytes(const QString &last, const QString &zip = QStringLiteral("11231")) {
        JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), last);
        setJsonValueAt(root, QStringLiteral("input.address.zip_code"), zip);
        return writeJson(root);
    }

    void writeFile(const QString &path, const QByteArray &bytes) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        QVERIFY2(m_pg.createAgency({QStringLiteral("alice"), QStringLiteral("bob")}, {QStringLiteral("uma")}),
                 qPrintable(m_pg.error()));
        auto owner =
            openCaseLibrary(m_pg.location(QStringLiteral("owner")), m_pg.password(QStringLiteral("owner")));
        QVERIFY2(owner->isOpen(), qPrintable(owner->lastError()));
    }

    // Ten administrators' `setup-server`, or ten owners' first `list`, on an empty database at once.
    void concurrentSetupOnAnEmptyDatabase_data() {
        QTest::addColumn<QString>("command");
        QTest::newRow("setup-server") << QStringLiteral("setup-server");
        QTest::newRow("list") << QStringLiteral("list");
    }
    void concurrentSetupOnAnEmptyDatabase() {
        QFETCH(QString, command);
        const QString db = QStringLiteral("empty_") + QString(command).replace(u'-', u'_');
        QVERIFY2(m_pg.createDatabase(db, QStringLiteral("owner")), qPrintable(m_pg.error()));
        std::vector<std::pair<QStringList, QStringList>> runs;
        for (int i = 0; i < 10; ++i)
            runs.push_back({{QStringLiteral("library"), QStringLiteral("--server"),
                             m_pg.url(QStringLiteral("owner"), db), command},
                            env(QStringLiteral("owner"))});
        const auto results = atOnce(runs);
        for (const auto &r : results) {
            QVERIFY2(r.exitCode == 0, qPrintable(describe(results)));
            QVERIFY2(r.err.isEmpty(), qPrintable(describe(results)));
        }
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT version FROM library_schema"), db),
                 QString::number(pw::SqlCaseLibrary::kSchemaVersion));
        // The grants are in place: an agent can add a case.
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT has_table_privilege('alice', 'cases', 'INSERT')"), db),
                 QStringLiteral("t"));
    }

    // Ten agents import the same folder at once: each case is stored once, and the ten summaries say so.
    void concurrentImportsStoreEachCaseOnce_data() {
        QTest::addColumn<int>("files");
        QTest::newRow("one file") << 1;
        QTest::newRow("twenty files") << 20;
    }
    void concurrentImportsStoreEachCaseOnce() {
        QFETCH(int, files);
        QVERIFY(
            m_pg.runSql(QStringLiteral("TRUNCATE cases, versions, version_data, notes, audit, case_runs")));
        const QString folder = m_dir.filePath(QStringLiteral("par%1").arg(files));
        for (int i = 0; i < files; ++i)
            writeFile(folder + QStringLiteral("/c%1.json").arg(i, 3, 10, QChar(u'0')),
                      caseBytes(QStringLiteral("Par%1x%2").arg(files).arg(i)));
        std::vector<std::pair<QStringList, QStringList>> runs;
        for (int i = 0; i < 10; ++i) {
            const QString user = i % 2 ? QStringLiteral("bob") : QStringLiteral("alice");
            runs.push_back({{QStringLiteral("library"), QStringLiteral("--server"), m_pg.url(user),
                             QStringLiteral("import"), folder},
                            env(user)});
        }
        const auto results = atOnce(runs);
        int added = 0, unchanged = 0;
        static const QRegularExpression summary(
            QStringLiteral("^imported (\\d+) new, 0 updated, (\\d+) unchanged, 0 skipped\\n$"));
        for (const auto &r : results) {
            QVERIFY2(r.exitCode == 0, qPrintable(describe(results)));
            const auto m = summary.match(QString::fromUtf8(r.out));
            QVERIFY2(m.hasMatch(), qPrintable(describe(results)));
            added += m.captured(1).toInt();
            unchanged += m.captured(2).toInt();
        }
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM cases")), QString::number(files));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM versions")), QString::number(files));
        // Every file was added by exactly one run and found unchanged by the nine others.
        QCOMPARE(added, files);
        QCOMPARE(unchanged, 9 * files);
    }

    // Two agents import different edits of one file (the same path on their computers) at once, and
    // copy a version of the case at once, twenty times: nothing is lost (every edit is a version of the one
    // case, numbered one at a time), and no save fails with a raw SQL error.
    void concurrentEditsOfOneFileAreBothKept() {
        QVERIFY(
            m_pg.runSql(QStringLiteral("TRUNCATE cases, versions, version_data, notes, audit, case_runs")));
        const QString path = QStringLiteral("/agency/cases/edited.json");
        auto alice =
            openCaseLibrary(m_pg.location(QStringLiteral("alice")), m_pg.password(QStringLiteral("alice")));
        auto bob =
            openCaseLibrary(m_pg.location(QStringLiteral("bob")), m_pg.password(QStringLiteral("bob")));
        QVERIFY(alice->isOpen() && bob->isOpen());
        const auto aliceConnect = alice->connector(), bobConnect = bob->connector();
        SaveOptions o;
        o.filePath = path;
        const auto first = alice->importCase(caseBytes(QStringLiteral("Edited"), QStringLiteral("99999")), o);
        QVERIFY2(first && first->kind == ImportOutcome::Kind::Added, qPrintable(alice->lastError()));
        QStringList failures;
        for (int round = 0; round < 20; ++round) {
            std::optional<ImportOutcome> ra, rb;
            std::optional<qint64> ca, cb;
            QString errA, errB;
            std::thread ta([&] {
                auto lib = aliceConnect();
                ra = lib->importCase(
                    caseBytes(QStringLiteral("Edited"), QStringLiteral("1%1").arg(round, 4, 10, QChar(u'0'))),
                    o);
                ca = lib->copyVersion(first->versionId, QString(), QStringLiteral("a"));
                errA = lib->lastError();
            });
            std::thread tb([&] {
                auto lib = bobConnect();
                rb = lib->importCase(
                    caseBytes(QStringLiteral("Edited"), QStringLiteral("2%1").arg(round, 4, 10, QChar(u'0'))),
                    o);
                cb = lib->copyVersion(first->versionId, QString(), QStringLiteral("b"));
                errB = lib->lastError();
            });
            ta.join();
            tb.join();
            if (!ra || !ca) failures << QStringLiteral("alice: %1").arg(errA);
            if (!rb || !cb) failures << QStringLiteral("bob: %1").arg(errB);
            if (ra && ra->kind != ImportOutcome::Kind::Updated)
                failures << QStringLiteral("alice: not updated");
            if (rb && rb->kind != ImportOutcome::Kind::Updated)
                failures << QStringLiteral("bob: not updated");
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM cases")), QStringLiteral("1"));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM versions")), QStringLiteral("81"));
        QCOMPARE(m_pg.scalar(
                     QStringLiteral("SELECT COUNT(DISTINCT number) = 81 AND MAX(number) = 81 FROM versions")),
                 QStringLiteral("t"));
        // Each agent's forty versions are theirs (the server's word).
        QCOMPARE(m_pg.scalar(
                     QStringLiteral("SELECT string_agg(modified_by || '=' || n, ',' ORDER BY modified_by) "
                                    "FROM (SELECT modified_by, COUNT(*) AS n FROM versions GROUP BY 1) x")),
                 QStringLiteral("alice=41,bob=40"));
    }

    // Three agents push the same local library at once: each case is on the server once.
    void concurrentPushesStoreEachCaseOnce() {
        QVERIFY(
            m_pg.runSql(QStringLiteral("TRUNCATE cases, versions, version_data, notes, audit, case_runs")));
        {
            auto local = openCaseLibrary(m_dir.filePath(QStringLiteral("pushdata/library.sqlite")));
            QVERIFY2(local->isOpen(), qPrintable(local->lastError()));
            for (int i = 0; i < 30; ++i) {
                SaveOptions o;
                o.author = QStringLiteral("a");
                QVERIFY(local->addCase(caseBytes(QStringLiteral("Push%1").arg(i)), o));
            }
        }
        std::vector<std::pair<QStringList, QStringList>> runs;
        for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("alice")})
            runs.push_back({{QStringLiteral("library"), QStringLiteral("--server"), m_pg.url(user),
                             QStringLiteral("push"), QStringLiteral("--format"), QStringLiteral("json")},
                            env(user, QStringLiteral("pushdata"))});
        const auto results = atOnce(runs);
        int copied = 0, skipped = 0;
        for (const auto &r : results) {
            QVERIFY2(r.exitCode == 0, qPrintable(describe(results)));
            const auto o = parseJson(r.out);
            QVERIFY2(o, r.out.constData());
            copied += int((*o)[u"cases_copied"].toDouble());
            skipped += int((*o)[u"cases_skipped"].toDouble());
        }
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM cases")), QStringLiteral("30"));
        QCOMPARE(copied, 30);
        QCOMPARE(skipped, 60);
    }
};

QTEST_GUILESS_MAIN(TestPgLibraryRaces)
#include "tst_pglibraryraces.moc"
