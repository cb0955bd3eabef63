// SPDX-License-Identifier: MIT
// The SQLite run store: every field round-trips, runs are listed per case, unfinished runs are found,
// several connections share a file, and a bad location is a clear error.
#include "store/memorysecretstore.h"
#include "store/runstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

using namespace pw;

namespace {

StoredRun sample(const QString &id, const QString &casePath, const QDateTime &created,
                 const QString &status = QStringLiteral("queued")) {
    StoredRun r;
    r.runId = id;
    r.casePath = casePath;
    r.baseUrl = QStringLiteral("https://api.usenexio.com");
    r.family = QStringLiteral("engine");
    r.engineSlug = QStringLiteral("default");
    r.engineVersion = QStringLiteral("1.x");
    r.environment = QStringLiteral("TEST");
    r.createdAt = created;
    r.updatedAt = created;
    r.status = status;
    return r;
}

} // namespace

class TestRunStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Two runs in the same second, the first on the whole second: the newer is listed first.
    void newestFirstWithinOneSecond() {
        QTemporaryDir dir;
        RunStore store(dir.filePath(QStringLiteral("runs.sqlite")));
        QVERIFY2(store.isOpen(), qPrintable(store.lastError()));
        const QDateTime t0(QDate(2026, 11, 28), QTime(12, 0, 1), QTimeZone::utc());
        QVERIFY(store.addRun(sample(QStringLiteral("older"), QString(), t0)));
        QVERIFY(store.addRun(sample(QStringLiteral("newer"), QString(), t0.addMSecs(250))));
        const auto runs = store.runs();
        QCOMPARE(int(runs.size()), 2);
        QCOMPARE(runs[0].runId, QStringLiteral("newer"));
        QCOMPARE(runs[0].createdAt, t0.addMSecs(250));
        QCOMPARE(runs[1].createdAt, t0);
    }

    void roundTrip() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/folder/runs.sqlite"));
        const QDateTime t0(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
        {
            RunStore store(path);
            QVERIFY2(store.isOpen(), qPrintable(store.lastError()));
            QVERIFY(store.addRun(sample(QStringLiteral("run-a"), QStringLiteral("/c/one.json"), t0)));
            QVERIFY(
                store.addRun(sample(QStringLiteral("run-b"), QStringLiteral("/c/two.json"), t0.addSecs(60))));
            QVERIFY(store.addRun(
                sample(QStringLiteral("run-c"), QStringLiteral("/c/one.json"), t0.addSecs(120))));
            const auto run =
                parseJson(R"({"run_id":"run-a","status":"completed","stage":"COMPLETE","x":{"n":1.50}})");
            QVERIFY(run);
            QVERIFY(store.updateFromRun(QStringLiteral("run-a"), *run, t0.addSecs(300)));
            QVERIFY(!store.updateFromRun(QStringLiteral("nope"), *run, t0));
            QVERIFY(
                store.setLastError(QStringLiteral("run-b"), QStringLiteral("Server error"), t0.addSecs(400)));
        }
        RunStore store(path); // reopened: everything persisted
        QVERIFY(store.isOpen());
        const auto a = store.run(QStringLiteral("run-a"));
        QVERIFY(a);
        QCOMPARE(a->status, QStringLiteral("completed"));
        QCOMPARE(a->stage, QStringLiteral("COMPLETE"));
        QCOMPARE(a->createdAt, t0);
        QCOMPARE(a->updatedAt, t0.addSecs(300));
        QCOMPARE(a->family, QStringLiteral("engine"));
        QCOMPARE(a->engineSlug, QStringLiteral("default"));
        QCOMPARE(a->engineVersion, QStringLiteral("1.x"));
        QCOMPARE(a->environment, QStringLiteral("TEST"));
        QCOMPARE(QString::fromUtf8(writeJson(a->lastRun[u"x"], -1)), QStringLiteral("{\"n\":1.50}"));
        QVERIFY(a->isFinished());
        QCOMPARE(store.run(QStringLiteral("run-b"))->lastError, QStringLiteral("Server error"));

        const auto all = store.runs();
        QCOMPARE(int(all.size()), 3);
        QCOMPARE(all[0].runId, QStringLiteral("run-c")); // newest first
        const auto one = store.runs(QStringLiteral("/c/one.json"));
        QCOMPARE(int(one.size()), 2);
        QCOMPARE(one[0].runId, QStringLiteral("run-c"));
        QCOMPARE(one[1].runId, QStringLiteral("run-a"));

        auto unfinished = store.unfinishedRuns();
        QCOMPARE(int(unfinished.size()), 2);
        QCOMPARE(unfinished[0].runId, QStringLiteral("run-b")); // oldest first
        QVERIFY(store.setAbandoned(QStringLiteral("run-b"), true));
        unfinished = store.unfinishedRuns();
        QCOMPARE(int(unfinished.size()), 1);
        QCOMPARE(unfinished[0].runId, QStringLiteral("run-c"));
        QVERIFY(!store.run(QStringLiteral("missing")));
    }

    void twoConnectionsShareAFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
        RunStore a(path);
        RunStore b(path);
        QVERIFY(a.isOpen() && b.isOpen());
        QVERIFY(a.addRun(sample(QStringLiteral("r1"), QString(), QDateTime::currentDateTimeUtc())));
        QVERIFY(b.run(QStringLiteral("r1")));
        QCOMPARE(int(b.unfinishedRuns().size()), 1);
    }

    void unusableLocation() {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("file"));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        RunStore store(blocker + QStringLiteral("/runs.sqlite")); // a folder that is a file
        QVERIFY(!store.isOpen());
        QVERIFY2(store.lastError().contains(u"Cannot"), qPrintable(store.lastError()));
        QVERIFY(!store.addRun(sample(QStringLiteral("x"), QString(), QDateTime::currentDateTimeUtc())));
        QVERIFY(store.lastError().contains(blocker)); // every message names the database file
        QVERIFY(store.runs().empty());
        QVERIFY(store.lastError().contains(blocker));
    }

    void damagedStoreIsNotOpened_data() {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<int>("bytes");
        QTest::newRow("a table page") << qint64(4096) << 4096;
        QTest::newRow("not a database") << qint64(0) << 100;
    }
    void damagedStoreIsNotOpened() {
        QFETCH(qint64, offset);
        QFETCH(int, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
        {
            RunStore store(path);
            for (int i = 0; i < 20; ++i)
                QVERIFY(store.addRun(sample(QStringLiteral("run-%1").arg(i), QStringLiteral("/c.json"),
                                            QDateTime::currentDateTimeUtc())));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(offset));
        QVERIFY(f.write(QByteArray(bytes, char(0xa5))) == bytes);
        f.close();
        RunStore store(path);
        QVERIFY(!store.isOpen());
        QVERIFY(store.isDamaged());
        QVERIFY2(store.lastError().contains(u"damaged") && store.lastError().contains(path),
                 qPrintable(store.lastError()));
        QVERIFY(store.runs().empty());
        QVERIFY(!store.lastError().isEmpty()); // not an empty store
        QVERIFY(!store.run(QStringLiteral("run-1")));
        QVERIFY(!store.lastError().isEmpty()); // not "no such run"
    }

    void busyStoreIsWaitedFor() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("runs.sqlite"));
        RunStore writer(path, 4000);
        QVERIFY(writer.isOpen());
        // Another connection, on another thread, holds the write lock for 600 ms.
        QSemaphore locked;
        QThread *holder = QThread::create([path, &locked] {
            {
                QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
                db.setDatabaseName(path);
                db.open();
                QSqlQuery(db).exec(QStringLiteral("BEGIN EXCLUSIVE"));
                locked.release();
                QThread::msleep(600);
                QSqlQuery(db).exec(QStringLiteral("COMMIT"));
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        });
        holder->start();
        QVERIFY(locked.tryAcquire(1, 5000));
        QElapsedTimer t;
        t.start();
        const bool added =
            writer.addRun(sample(QStringLiteral("r"), QString(), QDateTime::currentDateTimeUtc()));
        QVERIFY2(added, qPrintable(writer.lastError()));
        QVERIFY(t.elapsed() >= 300); // it waited for the lock rather than failing
        holder->wait();
        delete holder;
        QVERIFY(writer.run(QStringLiteral("r")));
    }

    void defaultPathIsInAppData() { QVERIFY(RunStore::defaultDatabasePath().endsWith(u"/runs.sqlite")); }

    void memorySecretStore() {
        MemorySecretStore s;
        SecretStore &store = s;
        QVERIFY(!store.read(nexioApiKeySecretName()));
        QVERIFY(store.write(nexioApiKeySecretName(), QStringLiteral("nx_test_abc123")));
        QCOMPARE(store.read(nexioApiKeySecretName()).value_or(QString()), QStringLiteral("nx_test_abc123"));
        QVERIFY(store.remove(nexioApiKeySecretName()));
        QVERIFY(!store.read(nexioApiKeySecretName()));
    }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "tst_runstore.moc"
