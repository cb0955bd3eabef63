// SPDX-License-Identifier: MIT
// The case library on a real PostgreSQL server (a throwaway cluster) and, data-driven, the same behaviour on
// SQLite: bytes kept, search and filters, versions, audit with the database user, notes; two clients saving
// the same case (the second told who and when, nothing lost); an underwriter refused by the server itself
// (also in raw SQL); a stopped server reported as unreachable and used again after a restart; a wrong
// password never echoed; pushing a local library (copied, then skipped as the same bytes).
#include "io/json.h"
#include "io/jsonpath.h"
#include "pgcluster.h"
#include "store/casefacts.h"
#include "store/caselibrary.h"
#include "store/librarypush.h"
#include "store/sqlcaselibrary.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

QByteArray household(const QString &last, const QString &state, const QString &zip, const QString &carrier) {
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), last);
    setJsonValueAt(root, QStringLiteral("input.address.state"), state);
    setJsonValueAt(root, QStringLiteral("input.address.zip_code"), zip);
    setJsonValueAt(root, QStringLiteral("input.current_coverage.home.carrier"), carrier);
    return writeJson(root);
}

QByteArray withZip(const QByteArray &body, const QString &zip) {
    JsonValue root = *parseJson(body);
    setJsonValueAt(root, QStringLiteral("input.address.zip_code"), zip);
    return writeJson(root);
}

SaveOptions by(const QString &author, std::optional<int> expected = std::nullopt) {
    SaveOptions o;
    o.author = author;
    o.expectedRevision = expected;
    return o;
}

} // namespace

class TestPgLibrary : public QObject {
    Q_OBJECT

    test::PgTestCluster m_pg;
    QTemporaryDir m_dir;
    int m_sqliteCount = 0;

    // A fresh, empty library of the back-end `kind`, as `user` (the OS user on SQLite).
    std::unique_ptr<CaseLibrary> open(const QString &kind, const QString &user = QStringLiteral("alice")) {
        if (kind == u"sqlite")
            return openCaseLibrary(m_dir.filePath(QStringLiteral("lib%1.sqlite").arg(m_sqliteCount)));
        return openCaseLibrary(m_pg.location(user), m_pg.password(user));
    }
    std::unique_ptr<CaseLibrary> fresh(const QString &kind) {
        if (kind == u"sqlite") {
            ++m_sqliteCount;
        } else {
            // Every test starts from an empty book: the owner empties the tables.
            const bool ok = m_pg.runSql(
                QStringLiteral("TRUNCATE cases, versions, version_data, notes, audit, case_runs, recovery"));
            if (!ok) qWarning("%s", qPrintable(m_pg.error()));
        }
        return open(kind);
    }

    void backends() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        QVERIFY2(m_pg.createAgency({QStringLiteral("alice"), QStringLiteral("bob")}, {QStringLiteral("uma")}),
                 qPrintable(m_pg.error()));
        // The owner opens it first: the schema is made and the roles are granted.
        auto owner =
            openCaseLibrary(m_pg.location(QStringLiteral("owner")), m_pg.password(QStringLiteral("owner")));
        QVERIFY2(owner->isOpen(), qPrintable(owner->lastError()));
        QCOMPARE(owner->role(), LibraryRole::Owner);
        QCOMPARE(owner->schemaVersion(), SqlCaseLibrary::kSchemaVersion);
        QCOMPARE(owner->notices(), QStringList()); // the trigram index exists
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE indexname IN "
                                            "('versions_search_trgm', 'versions_state', 'cases_newest')")),
                 QStringLiteral("3"));
    }

    void sharedBehaviour_data() { backends(); }
    void sharedBehaviour() {
        QFETCH(QString, kind);
        auto lib = fresh(kind);
        QVERIFY2(lib->isOpen(), qPrintable(lib->lastError()));
        const QByteArray okafor = household(QStringLiteral("Okafor"), QStringLiteral("NY"),
                                            QStringLiteral("11231"), QStringLiteral("21st Century"));
        const QByteArray strom = household(QStringLiteral("Ångström"), QStringLiteral("NJ"),
                                           QStringLiteral("07030"), QStringLiteral("Keystone 100% Mutual"));
        const auto v1 = lib->addCase(okafor, by(QStringLiteral("Pat")));
        QVERIFY2(v1, qPrintable(lib->lastError()));
        QTest::qWait(2);
        const auto v2 = lib->addCase(strom, by(QStringLiteral("Pat")));
        QVERIFY2(v2, qPrintable(lib->lastError()));
        QCOMPARE(lib->version(*v1)->body, okafor); // byte for byte
        QCOMPARE(lib->version(*v1)->revision, 1);
        const QString user = kind == u"sqlite" ? systemUserName() : QStringLiteral("alice");
        QCOMPARE(lib->userName(), user);
        QCOMPARE(lib->version(*v1)->modifiedBy, user);

        // Search folds accents and case, % is literal; filters; newest first.
        auto names = [&](const LibraryQuery &q) {
            QStringList out;
            for (const LibraryCase &c : lib->cases(q))
                out << c.facts.insuredName;
            return out;
        };
        QCOMPARE(names({}), QStringList({QStringLiteral("Dana Ångström"), QStringLiteral("Dana Okafor")}));
        QCOMPARE(names({QStringLiteral("angstrom"), {}, {}, 0}),
                 QStringList{QStringLiteral("Dana Ångström")});
        QCOMPARE(names({QStringLiteral("100%"), {}, {}, 0}), QStringList{QStringLiteral("Dana Ångström")});
        QCOMPARE(names({QStringLiteral("0%"), {}, {}, 0}), QStringList{QStringLiteral("Dana Ångström")});
        QCOMPARE(names({QStringLiteral("11231"), {}, {}, 0}), QStringList{QStringLiteral("Dana Okafor")});
        QCOMPARE(names({{}, QStringLiteral("ny"), {}, 0}), QStringList{QStringLiteral("Dana Okafor")});
        QCOMPARE(names({{}, {}, QStringLiteral("umbrella"), 1}).size(), 1);
        QCOMPARE(lib->states(), QStringList({QStringLiteral("NJ"), QStringLiteral("NY")}));

        // An edit: audited path by path with the database user; revision up by one.
        QVERIFY2(
            lib->saveVersion(*v1, withZip(okafor, QStringLiteral("11215")), by(QStringLiteral("Pat"), 1)),
            qPrintable(lib->lastError()));
        QCOMPARE(lib->version(*v1)->revision, 2);
        const auto c1 = lib->caseById(lib->version(*v1)->caseId);
        QCOMPARE(c1->revision, 2);
        const auto trail = lib->auditTrail(c1->caseId);
        QCOMPARE(trail.back().kind, QStringLiteral("edit"));
        QCOMPARE(trail.back().path, QStringLiteral("input.address.zip_code"));
        QCOMPARE(trail.back().author, QStringLiteral("Pat"));
        QCOMPARE(trail.back().databaseUser, kind == u"sqlite" ? user : QStringLiteral("alice"));

        // Copy and re-quote; notes (with their audit entry); recovery; duplicates found by bytes.
        const auto v3 = lib->copyVersion(*v1, QString(), QStringLiteral("Pat"));
        QVERIFY(v3);
        QCOMPARE(lib->versions(c1->caseId).size(), size_t(2));
        QCOMPARE(lib->versions(c1->caseId).back().label, QStringLiteral("Re-quote 2"));
        QVERIFY(lib->addNote(
            {0, c1->caseId, *v3, {}, QStringLiteral("Pat"), {}, QStringLiteral("call back"), {}}));
        QCOMPARE(lib->notes(c1->caseId).front().databaseUser, user);
        QCOMPARE(lib->auditTrail(c1->caseId).back().kind, QStringLiteral("note"));
        QCOMPARE(lib->versionsWithBytes(strom), std::vector<qint64>{*v2});
        QVERIFY(lib->versionsWithBytes("{}").empty());
        // Recovery records are each computer's own (the window keeps them in the local library): the
        // server gives an agent no rights on them.
        const bool wrote =
            lib->writeRecovery({QStringLiteral("s1"), c1->caseId, *v3, {}, QStringLiteral("t"), {}, "{}"});
        QCOMPARE(wrote, kind == u"sqlite");
        if (kind == u"sqlite")
            QCOMPARE(lib->recoveryRecords().size(), size_t(1));
        else
            QCOMPARE(lib->lastFailure(), LibraryFailure::Refused);
        QCOMPARE(lib->integrityCheck(), QStringLiteral("ok"));
        QVERIFY(lib->deleteCase(c1->caseId));
        QCOMPARE(lib->caseCount(), 1);
    }

    // A large case's ranking counts (3.2 × 10^12 packages, 616,612,602,168 qualified) are kept exactly:
    // a server's 32-bit column refused the save before schema 6.
    void largeCountsAreKept_data() { backends(); }
    void largeCountsAreKept() {
        QFETCH(QString, kind);
        auto lib = fresh(kind);
        QVERIFY2(lib->isOpen(), qPrintable(lib->lastError()));
        const QByteArray bytes = household(QStringLiteral("Okafor"), QStringLiteral("NY"),
                                           QStringLiteral("11231"), QStringLiteral("21st Century"));
        const auto v = lib->addCase(bytes, by(QStringLiteral("Pat")));
        QVERIFY2(v, qPrintable(lib->lastError()));
        RankingSnapshot r = rankCaseSnapshot(*parseJson(bytes), test::fixedNow());
        QVERIFY(r.hasRun);
        r.solutionCount = 3176523000000;
        r.qualifiedCount = 616612602168;
        QVERIFY2(lib->recordRanking(*v, r, QStringLiteral("Pat")), qPrintable(lib->lastError()));
        const auto c = lib->caseById(lib->version(*v)->caseId);
        QVERIFY(c && c->ranking.hasRun);
        QCOMPARE(c->ranking.qualifiedCount, qint64(616612602168));
    }

    // Two clients read the same version; the second save is refused with who and when; nothing is lost.
    void twoClientsConflict_data() { backends(); }
    void twoClientsConflict() {
        QFETCH(QString, kind);
        auto first = fresh(kind);
        const QByteArray body = household(QStringLiteral("Okafor"), QStringLiteral("NY"),
                                          QStringLiteral("11231"), QStringLiteral("Acme"));
        const auto v = first->addCase(body, by(QStringLiteral("a")));
        QVERIFY(v);
        auto second = open(kind, QStringLiteral("bob"));
        QVERIFY2(second->isOpen(), qPrintable(second->lastError()));
        const int read1 = first->version(*v)->revision, read2 = second->version(*v)->revision;
        QCOMPARE(read1, 1);
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-5);
        QVERIFY(
            first->saveVersion(*v, withZip(body, QStringLiteral("11111")), by(QStringLiteral("a"), read1)));
        QVERIFY(
            !second->saveVersion(*v, withZip(body, QStringLiteral("22222")), by(QStringLiteral("b"), read2)));
        QCOMPARE(second->lastFailure(), LibraryFailure::Conflict);
        const auto conflict = second->lastConflict();
        QVERIFY(conflict);
        QCOMPARE(conflict->versionId, *v);
        QCOMPARE(conflict->storedRevision, 2);
        QCOMPARE(conflict->expectedRevision, 1);
        QCOMPARE(conflict->modifiedBy, kind == u"sqlite" ? systemUserName() : QStringLiteral("alice"));
        QVERIFY(conflict->modifiedAt >= before && conflict->modifiedAt <= QDateTime::currentDateTimeUtc());
        QVERIFY(second->lastError().contains(conflict->modifiedBy));
        QVERIFY(second->version(*v)->body.contains("11111")); // the first save stands
        // Reloaded, the second client saves on top of it.
        QVERIFY(second->saveVersion(*v, withZip(body, QStringLiteral("22222")), by(QStringLiteral("b"), 2)));
        QCOMPARE(first->version(*v)->revision, 3);
        QCOMPARE(second->lastFailure(), LibraryFailure::None);
    }

    void underwriterIsRefusedByTheServer() {
        auto agent = fresh(QStringLiteral("postgresql"));
        QCOMPARE(agent->role(), LibraryRole::Agent);
        const QByteArray body = household(QStringLiteral("Okafor"), QStringLiteral("NY"),
                                          QStringLiteral("11231"), QStringLiteral("Acme"));
        const auto v = agent->addCase(body, by(QStringLiteral("a")));
        QVERIFY2(v, qPrintable(agent->lastError()));
        auto uw = open(QStringLiteral("postgresql"), QStringLiteral("uma"));
        QVERIFY2(uw->isOpen(), qPrintable(uw->lastError()));
        QCOMPARE(uw->role(), LibraryRole::Underwriter);
        QCOMPARE(uw->cases().size(), size_t(1)); // reads everything
        QVERIFY(!uw->saveVersion(*v, withZip(body, QStringLiteral("99999")), by(QStringLiteral("u"))));
        QCOMPARE(uw->lastFailure(), LibraryFailure::Refused);
        QVERIFY2(uw->lastError().contains(
                     QStringLiteral("the library server refused: uma may not change cases (underwriter)")),
                 qPrintable(uw->lastError()));
        QVERIFY(!uw->addCase(body, by(QStringLiteral("u"))));
        QCOMPARE(uw->lastFailure(), LibraryFailure::Refused);
        QVERIFY(!uw->copyVersion(*v, QString(), QStringLiteral("u")));
        QVERIFY(!uw->deleteCase(agent->version(*v)->caseId));
        QCOMPARE(uw->lastFailure(), LibraryFailure::Refused);
        // Notes are what an underwriter adds; the server records who.
        const qint64 caseId = agent->version(*v)->caseId;
        QVERIFY2(
            uw->addNote({0, caseId, *v, {}, QStringLiteral("Uma"), {}, QStringLiteral("ok to bind"), {}}),
            qPrintable(uw->lastError()));
        QCOMPARE(agent->notes(caseId).back().databaseUser, QStringLiteral("uma"));
        QCOMPARE(agent->auditTrail(caseId).back().databaseUser, QStringLiteral("uma"));
        // The client is not what stops it: raw SQL as uma is refused too.
        QVERIFY(!m_pg.runSql(QStringLiteral("UPDATE versions SET label = 'x'"), QStringLiteral("uma")));
        QVERIFY2(m_pg.error().contains(QStringLiteral("permission denied")), qPrintable(m_pg.error()));
        QVERIFY(!m_pg.runSql(QStringLiteral("DELETE FROM cases"), QStringLiteral("uma")));
        QVERIFY(!m_pg.runSql(QStringLiteral("INSERT INTO audit (case_id, at, kind) VALUES (1, 'x', 'edit')"),
                             QStringLiteral("uma")));
        QVERIFY2(m_pg.error().contains(QStringLiteral("row-level security")), qPrintable(m_pg.error()));
        // Nobody writes a note in another's name: the server stores its own current_user, whatever the
        // statement said.
        QVERIFY2(m_pg.runSql(QStringLiteral("INSERT INTO notes (case_id, created_at, body, db_user) VALUES "
                                            "(%1, 'x', 'forged 1', 'alice')")
                                 .arg(caseId),
                             QStringLiteral("uma")),
                 qPrintable(m_pg.error()));
        QVERIFY2(m_pg.runSql(QStringLiteral("INSERT INTO notes (case_id, created_at, body, db_user) VALUES "
                                            "(%1, 'x', 'forged 2', 'bob')")
                                 .arg(caseId),
                             QStringLiteral("alice")),
                 qPrintable(m_pg.error()));
        QCOMPARE(m_pg.scalar(QStringLiteral(
                     "SELECT string_agg(db_user, ',' ORDER BY body) FROM notes WHERE body LIKE 'forged%'")),
                 QStringLiteral("uma,alice"));
        QCOMPARE(agent->version(*v)->body, body);
        QCOMPARE(agent->notes(caseId).size(), size_t(3));
    }

    void stoppedServerIsUnreachableThenBack() {
        auto lib = fresh(QStringLiteral("postgresql"));
        QVERIFY(lib->addCase(household(QStringLiteral("Okafor"), QStringLiteral("NY"),
                                       QStringLiteral("11231"), QStringLiteral("Acme")),
                             by(QStringLiteral("a"))));
        QVERIFY2(m_pg.stop(), qPrintable(m_pg.error()));
        const QString where = QStringLiteral("127.0.0.1:%1").arg(m_pg.port());
        QVERIFY(lib->cases().empty());
        QCOMPARE(lib->lastFailure(), LibraryFailure::Unreachable);
        QVERIFY2(lib->lastError().contains(where), qPrintable(lib->lastError()));
        QVERIFY(!lib->addCase("{}", by(QStringLiteral("a"))));
        QCOMPARE(lib->lastFailure(), LibraryFailure::Unreachable);
        auto other = open(QStringLiteral("postgresql"));
        QVERIFY(!other->isOpen());
        QCOMPARE(other->lastFailure(), LibraryFailure::Unreachable);
        QVERIFY2(other->lastError().contains(where), qPrintable(other->lastError()));
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        // The same object works again: it connects anew.
        QCOMPARE(lib->cases().size(), size_t(1));
        QCOMPARE(lib->lastFailure(), LibraryFailure::None);
        QVERIFY(lib->addCase(household(QStringLiteral("Ortega"), QStringLiteral("NY"),
                                       QStringLiteral("10027"), QStringLiteral("Acme")),
                             by(QStringLiteral("a"))));
        QCOMPARE(lib->caseCount(), 2);
    }

    void wrongPasswordIsRefusedWithoutEchoingIt() {
        const QString wrong = QStringLiteral("Wr0ng-%1").arg(QDateTime::currentMSecsSinceEpoch());
        auto lib = openCaseLibrary(m_pg.location(QStringLiteral("alice")), wrong);
        QVERIFY(!lib->isOpen());
        QCOMPARE(lib->lastFailure(), LibraryFailure::Refused);
        QVERIFY2(lib->lastError().contains(QStringLiteral("password authentication failed")),
                 qPrintable(lib->lastError()));
        QVERIFY(!lib->lastError().contains(wrong));
        QVERIFY(!lib->lastError().contains(m_pg.password(QStringLiteral("alice"))));
    }

    void pushCopiesThenSkipsTheSameBytes() {
        auto server = fresh(QStringLiteral("postgresql"));
        auto local = fresh(QStringLiteral("sqlite"));
        const auto a = local->addCase(household(QStringLiteral("Okafor"), QStringLiteral("NY"),
                                                QStringLiteral("11231"), QStringLiteral("Acme")),
                                      by(QStringLiteral("a")));
        const auto b = local->addCase(household(QStringLiteral("Ortega"), QStringLiteral("NY"),
                                                QStringLiteral("10027"), QStringLiteral("Acme")),
                                      by(QStringLiteral("a")));
        QVERIFY(a && b);
        const auto copy = local->copyVersion(*a, QStringLiteral("Renewal"), QStringLiteral("a"));
        QVERIFY(copy);
        const qint64 caseA = local->version(*a)->caseId;
        QVERIFY(local->addNote({0, caseA, *a, {}, QStringLiteral("a"), {}, QStringLiteral("n"), {}}));
        const int auditA = int(local->auditTrail(caseA).size());
        const int auditB = int(local->auditTrail(local->version(*b)->caseId).size());
        PushReport r = pushLibrary(*local, *server);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.casesCopied, 2);
        QCOMPARE(r.versionsCopied, 3);
        QCOMPARE(r.notesCopied, 1);
        QCOMPARE(r.auditCopied, auditA + auditB);
        QCOMPARE(r.casesSkipped, 0);
        const auto onServer = server->cases({QStringLiteral("okafor"), {}, {}, 0});
        QCOMPARE(onServer.size(), size_t(1));
        QCOMPARE(onServer[0].versionCount, 2);
        const auto versions = server->versions(onServer[0].caseId);
        QCOMPARE(versions.back().label, QStringLiteral("Renewal"));
        QCOMPARE(versions.back().parentVersionId, versions.front().versionId);
        QCOMPARE(server->version(versions.front().versionId)->body, local->version(*a)->body);
        r = pushLibrary(*local, *server);
        QCOMPARE(r.casesCopied, 0);
        QCOMPARE(r.casesSkipped, 2);
        QCOMPARE(r.skipped, QStringList({QStringLiteral("Dana Okafor: already on the server (same bytes)"),
                                         QStringLiteral("Dana Ortega: already on the server (same bytes)")}));
        QCOMPARE(server->caseCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPgLibrary)
#include "tst_pglibrary.moc"
