// SPDX-License-Identifier: MIT
// What the server itself enforces, proved with raw SQL as an agent (alice) and an underwriter (uma): who
// saved a version and who wrote a note or an audit entry is the server's word; the audit trail is
// append-only and outlives a deleted case; a version's bytes never change without an audit entry; a note
// is deleted only by its author and needs its case; nobody has rights on recovery records. And on the
// command line: an underwriter's export is audited (exit 0); a library not set up says so (exit 2);
// setup-server as a non-owner is refused before any GRANT (exit 4, no server warnings), set up yet or not.
#include "io/jsonpath.h"
#include "pgcluster.h"
#include "store/caselibrary.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pw;

class TestPgLibraryIntegrity : public QObject {
    Q_OBJECT

    test::PgTestCluster m_pg;
    QTemporaryDir m_dir;
    qint64 m_caseId = 0, m_versionId = 0;

    std::unique_ptr<CaseLibrary> open(const QString &user) {
        return openCaseLibrary(m_pg.location(user), m_pg.password(user));
    }
    QString sql(const QString &query) { return m_pg.scalar(query); }
    test::ProcessResult cli(const QString &user, const QStringList &args,
                            const QString &database = QStringLiteral("library")) {
        return test::runWorkbench(
            QStringList{QStringLiteral("library"), QStringLiteral("--server"), m_pg.url(user, database)} +
                args,
            {QStringLiteral("PGPASSWORD=") + m_pg.password(user),
             QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + m_dir.filePath(QStringLiteral("data"))});
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        QVERIFY2(m_pg.createAgency({QStringLiteral("alice"), QStringLiteral("bob")}, {QStringLiteral("uma")}),
                 qPrintable(m_pg.error()));
        QVERIFY(open(QStringLiteral("owner"))->isOpen());
    }

    // Every test starts from one case by alice, saved again by bob, with a note by each of the three.
    void init() {
        QVERIFY(
            m_pg.runSql(QStringLiteral("TRUNCATE cases, versions, version_data, notes, audit, case_runs")));
        auto alice = open(QStringLiteral("alice"));
        SaveOptions o;
        o.author = QStringLiteral("Alice");
        const auto v = alice->addCase(
            test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json"))), o);
        QVERIFY2(v, qPrintable(alice->lastError()));
        m_versionId = *v;
        m_caseId = alice->version(*v)->caseId;
        auto bob = open(QStringLiteral("bob"));
        JsonValue root = *parseJson(bob->version(*v)->body);
        setJsonValueAt(root, QStringLiteral("input.address.zip_code"), QStringLiteral("11215"));
        QVERIFY2(bob->saveVersion(*v, writeJson(root), SaveOptions()), qPrintable(bob->lastError()));
        for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("uma")})
            QVERIFY2(open(user)->addNote({0, m_caseId, *v, {}, user, {}, QStringLiteral("by ") + user, {}}),
                     qPrintable(user));
        QCOMPARE(sql(QStringLiteral("SELECT modified_by FROM versions")), QStringLiteral("bob"));
    }

    // Statements a person may send, and whether the server refuses them (and with which words).
    void refusedStatements_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("refusal");
        QTest::newRow("alice deletes bob's audit") << "alice"
                                                   << "DELETE FROM audit WHERE db_user = 'bob'"
                                                   << "permission denied";
        QTest::newRow("alice rewrites the audit") << "alice"
                                                  << "UPDATE audit SET detail = 'nothing happened'"
                                                  << "permission denied";
        QTest::newRow("uma deletes the audit") << "uma"
                                               << "DELETE FROM audit"
                                               << "permission denied";
        QTest::newRow("alice rewrites uma's note") << "alice"
                                                   << "UPDATE notes SET body = 'x'"
                                                   << "permission denied";
        QTest::newRow("uma deletes notes") << "uma"
                                           << "DELETE FROM notes"
                                           << "permission denied";
        QTest::newRow("uma writes recovery")
            << "uma"
            << "INSERT INTO recovery (session_id, saved_at, body) VALUES ('alice-session-1', 'x', '\\x00')"
            << "permission denied";
        QTest::newRow("uma alters recovery") << "uma"
                                             << "UPDATE recovery SET body = '\\x00'"
                                             << "permission denied";
        QTest::newRow("uma deletes recovery") << "uma"
                                              << "DELETE FROM recovery"
                                              << "permission denied";
        QTest::newRow("alice reads recovery") << "alice"
                                              << "SELECT * FROM recovery"
                                              << "permission denied";
        QTest::newRow("alice notes a case that is not there")
            << "alice"
            << "INSERT INTO notes (case_id, created_at, body) VALUES (999999, 'x', 'ghost')"
            << "notes_case_fk";
        QTest::newRow("uma notes a case that is not there")
            << "uma"
            << "INSERT INTO notes (case_id, created_at, body) VALUES (999999, 'x', 'ghost')"
            << "notes_case_fk";
        QTest::newRow("uma audits an edit") << "uma"
                                            << "INSERT INTO audit (case_id, at, kind) VALUES (1, 'x', 'edit')"
                                            << "row-level security";
    }
    void refusedStatements() {
        QFETCH(QString, user);
        QFETCH(QString, statement);
        QFETCH(QString, refusal);
        const QString audit = sql(QStringLiteral("SELECT COUNT(*) FROM audit"));
        const QString notes = sql(QStringLiteral("SELECT string_agg(body, ',' ORDER BY id) FROM notes"));
        QVERIFY2(!m_pg.runSql(statement, user), qPrintable(statement));
        QVERIFY2(m_pg.error().contains(refusal), qPrintable(m_pg.error()));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM audit")), audit);
        QCOMPARE(sql(QStringLiteral("SELECT string_agg(body, ',' ORDER BY id) FROM notes")), notes);
    }

    // Statements the server lets through, but not as written: who did it is the server's word.
    void whoIsTheServersWord() {
        QVERIFY(
            m_pg.runSql(QStringLiteral("UPDATE versions SET modified_by = 'bob', revision = revision + 1"),
                        QStringLiteral("alice")));
        QCOMPARE(sql(QStringLiteral("SELECT modified_by FROM versions")), QStringLiteral("alice"));
        QVERIFY(
            m_pg.runSql(QStringLiteral("UPDATE versions SET modified_by = 'uma'"), QStringLiteral("alice")));
        QCOMPARE(sql(QStringLiteral("SELECT modified_by FROM versions")), QStringLiteral("alice"));
        // Without a save (the revision unchanged) nobody can claim another's version, not even as himself.
        QVERIFY(m_pg.runSql(QStringLiteral("UPDATE versions SET modified_by = 'x'"), QStringLiteral("bob")));
        QCOMPARE(sql(QStringLiteral("SELECT modified_by FROM versions")), QStringLiteral("alice"));
        QVERIFY(m_pg.runSql(QStringLiteral("INSERT INTO audit (case_id, at, kind, db_user) VALUES (%1, 'x', "
                                           "'edit', 'bob')")
                                .arg(m_caseId),
                            QStringLiteral("alice")));
        QCOMPARE(sql(QStringLiteral("SELECT db_user FROM audit ORDER BY id DESC LIMIT 1")),
                 QStringLiteral("alice"));
        QVERIFY(m_pg.runSql(QStringLiteral("INSERT INTO notes (case_id, created_at, body, author, db_user) "
                                           "VALUES (%1, 'x', 'n', 'alice', 'alice')")
                                .arg(m_caseId),
                            QStringLiteral("uma")));
        QCOMPARE(sql(QStringLiteral("SELECT db_user FROM notes ORDER BY id DESC LIMIT 1")),
                 QStringLiteral("uma"));
    }

    // Rewriting a stored version's bytes by hand leaves an audit entry by the server's user.
    void rewrittenBytesAreAudited() {
        const int before = sql(QStringLiteral("SELECT COUNT(*) FROM audit")).toInt();
        QVERIFY(m_pg.runSql(QStringLiteral("UPDATE version_data SET body = convert_to('{}', 'UTF8')"),
                            QStringLiteral("alice")));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM audit")).toInt(), before + 1);
        QCOMPARE(
            sql(QStringLiteral("SELECT kind || ' by ' || db_user || ' on ' || version_id FROM audit ORDER BY "
                               "id DESC LIMIT 1")),
            QStringLiteral("bytes replaced by alice on %1").arg(m_versionId));
    }

    // alice may delete her own note only; the others stay.
    void onlyTheAuthorDeletesANote() {
        QVERIFY(m_pg.runSql(QStringLiteral("DELETE FROM notes"), QStringLiteral("alice")));
        QCOMPARE(sql(QStringLiteral("SELECT string_agg(db_user, ',' ORDER BY db_user) FROM notes")),
                 QStringLiteral("bob,uma"));
    }

    // Deleting a case keeps its audit trail (and says who deleted it); its notes go with it.
    void aDeletedCaseKeepsItsAudit() {
        const int before =
            sql(QStringLiteral("SELECT COUNT(*) FROM audit WHERE case_id = %1").arg(m_caseId)).toInt();
        auto alice = open(QStringLiteral("alice"));
        QVERIFY2(alice->deleteCase(m_caseId), qPrintable(alice->lastError()));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM cases")), QStringLiteral("0"));
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM notes")), QStringLiteral("0"));
        // The entries before, one "deleted" and one "bytes deleted" per version, all still there.
        QCOMPARE(sql(QStringLiteral("SELECT COUNT(*) FROM audit WHERE case_id = %1").arg(m_caseId)).toInt(),
                 before + 2);
        QCOMPARE(
            sql(QStringLiteral("SELECT string_agg(kind || '/' || db_user, ',' ORDER BY id) FROM audit WHERE "
                               "kind IN ('deleted', 'bytes deleted')")),
            QStringLiteral("deleted/alice,bytes deleted/alice"));
    }

    // An underwriter exports a case: the file is written, the audit says so, exit 0 (also to stdout).
    void underwriterExportIsAudited() {
        const QString file = m_dir.filePath(QStringLiteral("uma.json"));
        auto r = cli(QStringLiteral("uma"),
                     {QStringLiteral("export"), QString::number(m_caseId), QStringLiteral("-o"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(test::readFileBytes(file), open(QStringLiteral("uma"))->version(m_versionId)->body);
        r = cli(QStringLiteral("uma"), {QStringLiteral("export"), QString::number(m_caseId),
                                        QStringLiteral("-o"), QStringLiteral("-")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(
            sql(QStringLiteral("SELECT COUNT(*) FROM audit WHERE kind = 'exported' AND db_user = 'uma'")),
            QStringLiteral("2"));
    }

    // A database the owner has not set up: agents and underwriters are told so in plain words.
    void notSetUpIsSaidPlainly_data() {
        QTest::addColumn<QString>("user");
        QTest::newRow("agent") << QStringLiteral("alice");
        QTest::newRow("underwriter") << QStringLiteral("uma");
    }
    void notSetUpIsSaidPlainly() {
        QFETCH(QString, user);
        const QString db = QStringLiteral("fresh_") + user;
        QVERIFY2(m_pg.createDatabase(db, QStringLiteral("owner")), qPrintable(m_pg.error()));
        const auto r = cli(user, {QStringLiteral("list")}, db);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QByteArray("library: the library on the server is not set up yet: ask the agency's "
                                   "administrator to run `placement-workbench library setup-server`\n"));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT to_regclass('library_schema') IS NULL"), db),
                 QStringLiteral("t"));
    }

    // setup-server as a non-owner: refused before any GRANT reaches the server (no server warnings), exit 4
    // (README), on a library that is set up and on one that is not set up yet (which other commands report
    // as "not set up yet", exit 2); the fresh database stays without tables.
    void setupServerAsANonOwnerIsRefused_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("setUp");
        for (const char *user : {"alice", "uma"}) {
            QTest::addRow("%s, set up", user) << QString::fromLatin1(user) << true;
            QTest::addRow("%s, not set up yet", user) << QString::fromLatin1(user) << false;
        }
    }
    void setupServerAsANonOwnerIsRefused() {
        QFETCH(QString, user);
        QFETCH(bool, setUp);
        const QString db = setUp ? QStringLiteral("library") : QStringLiteral("bare_") + user;
        if (!setUp) QVERIFY2(m_pg.createDatabase(db, QStringLiteral("owner")), qPrintable(m_pg.error()));
        const auto r = cli(user, {QStringLiteral("setup-server")}, db);
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.out, QByteArray());
        QCOMPARE(r.err,
                 QStringLiteral("library setup-server: %1 does not own the library's tables on the server: "
                                "run setup-server as the owner (e.g. pw_owner, README: Sharing a library "
                                "across an agency)\n")
                     .arg(user)
                     .toUtf8());
        if (!setUp)
            QCOMPARE(m_pg.scalar(QStringLiteral("SELECT to_regclass('library_schema') IS NULL"), db),
                     QStringLiteral("t"));
    }
};

QTEST_GUILESS_MAIN(TestPgLibraryIntegrity)
#include "tst_pglibraryintegrity.moc"
