// SPDX-License-Identifier: MIT
// Many clients on one PostgreSQL library at once: 20 clients (threads, each with its own connection) each
// saving 100 different cases — all 2,000 stored with unique ids and a complete audit trail; and several
// clients opening an old-schema library together — migrated once, to the current schema, rows and ids kept
// and the identity sequence moved past them.
#include "io/jsonpath.h"
#include "pgcluster.h"
#include "store/caselibrary.h"
#include "store/sqlcaselibrary.h"
#include "testsupport.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <latch>

using namespace pw;

namespace {

// Runs `work(i)` on `count` threads started together; returns the failures ("client i: reason").
QStringList onThreads(int count, const std::function<QString(int)> &work) {
    std::latch ready(count);
    std::vector<QString> failures(static_cast<size_t>(count));
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            ready.arrive_and_wait();
            failures[size_t(i)] = work(i);
        }));
        threads.back()->start();
    }
    for (auto &t : threads)
        t->wait();
    QStringList out;
    for (int i = 0; i < count; ++i)
        if (!failures[size_t(i)].isEmpty())
            out << QStringLiteral("client %1: %2").arg(i).arg(failures[size_t(i)]);
    return out;
}

} // namespace

class TestPgLibraryConcurrency : public QObject {
    Q_OBJECT

    test::PgTestCluster m_pg;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        QVERIFY2(m_pg.createAgency({QStringLiteral("alice"), QStringLiteral("bob")}, {}),
                 qPrintable(m_pg.error()));
        auto owner =
            openCaseLibrary(m_pg.location(QStringLiteral("owner")), m_pg.password(QStringLiteral("owner")));
        QVERIFY2(owner->isOpen(), qPrintable(owner->lastError()));
    }

    void twentyClientsSaveTwoThousandCases() {
        const QByteArray sample =
            test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json")));
        const QStringList failures = onThreads(20, [&](int client) -> QString {
            const QString user = client % 2 ? QStringLiteral("bob") : QStringLiteral("alice");
            auto lib = openCaseLibrary(m_pg.location(user), m_pg.password(user));
            if (!lib->isOpen()) return lib->lastError();
            JsonValue root = *parseJson(sample);
            for (int n = 0; n < 100; ++n) {
                setJsonValueAt(root, QStringLiteral("input.applicant.last_name"),
                               QStringLiteral("Client%1 Case%2").arg(client).arg(n));
                SaveOptions o;
                o.author = QStringLiteral("client %1").arg(client);
                if (!lib->addCase(writeJson(root), o)) return lib->lastError();
            }
            return {};
        });
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM cases")), QStringLiteral("2000"));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(DISTINCT id) FROM cases")), QStringLiteral("2000"));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(DISTINCT id) FROM versions")),
                 QStringLiteral("2000"));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(DISTINCT insured_name) FROM versions")),
                 QStringLiteral("2000"));
        // Every case points at its own version, which has its bytes.
        QCOMPARE(m_pg.scalar(QStringLiteral(
                     "SELECT COUNT(*) FROM cases c JOIN versions v ON v.id = c.current_version "
                     "AND v.case_id = c.id JOIN version_data d ON d.version_id = v.id")),
                 QStringLiteral("2000"));
        // The audit is complete: one "created" entry per case, each by the server's user for that client.
        QCOMPARE(
            m_pg.scalar(QStringLiteral("SELECT COUNT(DISTINCT case_id) FROM audit WHERE kind = 'created'")),
            QStringLiteral("2000"));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM audit")), QStringLiteral("2000"));
        QCOMPARE(m_pg.scalar(QStringLiteral(
                     "SELECT COUNT(*) FROM audit a JOIN versions v ON v.case_id = a.case_id WHERE "
                     "(a.author ~ '[13579]$') <> (a.db_user = 'bob') OR v.modified_by <> "
                     "a.db_user")),
                 QStringLiteral("0"));
    }

    void clientsMigrateAnOldLibraryOnce() {
        QVERIFY2(m_pg.createDatabase(QStringLiteral("oldlib"), QStringLiteral("owner")),
                 qPrintable(m_pg.error()));
        const QString body = QString::fromUtf8(
            test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json"))));
        QVERIFY2(
            m_pg.runSql(
                QStringLiteral(
                    "CREATE TABLE library_schema (version INTEGER NOT NULL); "
                    "INSERT INTO library_schema VALUES (1); "
                    "CREATE TABLE cases (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, created_at "
                    "TEXT NOT NULL, modified_at TEXT NOT NULL, file_path TEXT NOT NULL DEFAULT '', "
                    "current_version BIGINT NOT NULL DEFAULT 0); "
                    "CREATE TABLE versions (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, case_id "
                    "BIGINT NOT NULL, number INTEGER NOT NULL, label TEXT NOT NULL DEFAULT '', parent_id "
                    "BIGINT NOT NULL DEFAULT 0, created_at TEXT NOT NULL, modified_at TEXT NOT NULL, body "
                    "BYTEA NOT NULL, insured_name TEXT NOT NULL DEFAULT '', state TEXT NOT NULL DEFAULT '', "
                    "zip TEXT NOT NULL DEFAULT '', lines TEXT NOT NULL DEFAULT '[]', carriers TEXT NOT NULL "
                    "DEFAULT '[]', top_package TEXT NOT NULL DEFAULT '', top_cost DOUBLE PRECISION, "
                    "qualified_count INTEGER, UNIQUE (case_id, number)); "
                    "INSERT INTO cases (id, created_at, modified_at, current_version) VALUES "
                    "(1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 12), "
                    "(2, '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', 13); "
                    "INSERT INTO versions (id, case_id, number, created_at, modified_at, body) VALUES "
                    "(11, 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', "
                    "convert_to($j$%1$j$, 'UTF8')), "
                    "(12, 1, 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', "
                    "convert_to($j$%1$j$, 'UTF8')), "
                    "(13, 2, 1, '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z', "
                    "convert_to($j$%1$j$, 'UTF8'))")
                    .arg(body),
                QStringLiteral("owner"), nullptr, QStringLiteral("oldlib")),
            qPrintable(m_pg.error()));
        std::atomic<int> opened = 0;
        const QStringList failures = onThreads(8, [&](int) -> QString {
            auto lib = openCaseLibrary(m_pg.location(QStringLiteral("owner"), QStringLiteral("oldlib")),
                                       m_pg.password(QStringLiteral("owner")));
            if (!lib->isOpen()) return lib->lastError();
            if (lib->schemaVersion() != SqlCaseLibrary::kSchemaVersion)
                return QStringLiteral("schema %1").arg(lib->schemaVersion());
            if (lib->caseCount() != 2) return QStringLiteral("%1 cases").arg(lib->caseCount());
            ++opened;
            return {};
        });
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        QCOMPARE(opened.load(), 8);
        const QString db = QStringLiteral("oldlib");
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT string_agg(version::text, ',') FROM library_schema"), db),
                 QString::number(SqlCaseLibrary::kSchemaVersion));
        QCOMPARE(
            m_pg.scalar(QStringLiteral("SELECT string_agg(id::text, ',' ORDER BY id) FROM versions"), db),
            QStringLiteral("11,12,13"));
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM version_data"), db), QStringLiteral("3"));
        auto lib = openCaseLibrary(m_pg.location(QStringLiteral("owner"), db),
                                   m_pg.password(QStringLiteral("owner")));
        QVERIFY(lib->isOpen());
        QCOMPARE(lib->cases().front().facts.insuredName, QStringLiteral("Dana Okafor")); // facts backfilled
        // The identity sequence was moved past the copied ids: a new version does not collide.
        const auto fresh = lib->copyVersion(13, QString(), QStringLiteral("me"));
        QVERIFY2(fresh, qPrintable(lib->lastError()));
        QCOMPARE(*fresh, qint64(14));
    }
};

QTEST_GUILESS_MAIN(TestPgLibraryConcurrency)
#include "tst_pglibraryconcurrency.moc"
