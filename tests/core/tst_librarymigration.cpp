// SPDX-License-Identifier: MIT
// A library written by schema 1 (tests/fixtures/library/library-v1.sqlite, made by make-library-v1.py)
// opens migrated to the current schema with every case, version and byte intact and the new indexes
// backfilled; a migration that fails leaves the file at its old version.
#include "store/caselibrary.h"
#include "store/sqlcaselibrary.h"
#include "testsupport.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

int schemaOf(const QString &path) {
    int version = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT version FROM library_schema")) && q.next())
                version = q.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return version;
}

bool execOn(const QString &path, const QString &sql) {
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("poke"));
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("poke"));
    return ok;
}

} // namespace

class TestLibraryMigration : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString copyFixture() {
        const QString path = m_dir.filePath(QStringLiteral("library.sqlite"));
        QFile::remove(path);
        if (!QFile::copy(test::fixturePath(QStringLiteral("library/library-v1.sqlite")), path))
            return QString();
        QFile(path).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

private Q_SLOTS:
    void migratesSchemaOne() {
        const QString path = copyFixture();
        QVERIFY(!path.isEmpty());
        QCOMPARE(schemaOf(path), 1);
        auto lib = openCaseLibrary(path);
        QVERIFY2(lib->isOpen(), qPrintable(lib->lastError()));
        QCOMPARE(lib->schemaVersion(), SqlCaseLibrary::kSchemaVersion);
        QCOMPARE(schemaOf(path), SqlCaseLibrary::kSchemaVersion);
        QCOMPARE(lib->integrityCheck(), QStringLiteral("ok"));

        const auto all = lib->cases();
        QCOMPARE(all.size(), size_t(2));
        QCOMPARE(all[0].facts.insuredName, QStringLiteral("Ruth Bader")); // modified later: first
        QCOMPARE(all[0].versionNumber, 2);
        QCOMPARE(all[0].versionCount, 2);
        QVERIFY(!all[0].ranking.hasRun);
        QCOMPARE(all[1].facts.insuredName, QStringLiteral("Dana Okafor"));
        QCOMPARE(all[1].filePath, QStringLiteral("/cases/okafor.json"));
        QVERIFY(all[1].ranking.hasRun);
        QCOMPARE(all[1].ranking.qualifiedCount, 6);
        QCOMPARE(all[1].ranking.top()->costLow, 6620.0);
        QCOMPARE(all[1].ranking.top()->costHigh, 6620.0); // backfilled from top_cost

        // Policy numbers and offering carriers were not indexed by schema 1: backfilled from the bytes.
        QCOMPARE(lib->version(all[0].versionId)->facts.policyNumbers.value(0), QStringLiteral("HB-7788"));
        LibraryQuery q;
        q.text = QStringLiteral("hb-7788");
        QCOMPARE(lib->cases(q).size(), size_t(1));
        q.text = QStringLiteral("keystone"); // an offering's carrier in both households
        QCOMPARE(lib->cases(q).size(), size_t(2));

        // Every version and its bytes survived.
        const auto versions = lib->versions(all[0].caseId);
        QCOMPARE(versions.size(), size_t(2));
        QCOMPARE(versions[1].label, QStringLiteral("Re-quote 2"));
        QCOMPARE(versions[1].parentVersionId, versions[0].versionId);
        const QByteArray sample =
            test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json")));
        QCOMPARE(lib->version(all[1].versionId)->body, sample);

        // The new tables work on the migrated file.
        QVERIFY(lib->addNote({0, all[0].caseId, all[0].versionId, QString(), QStringLiteral("me"),
                              test::fixedNow(), QStringLiteral("migrated"), QString()}));
        QVERIFY(lib->copyVersion(all[0].versionId, QString(), QStringLiteral("me")));
        QCOMPARE(lib->versions(all[0].caseId).back().label, QStringLiteral("Re-quote 3"));
        QCOMPARE(lib->auditTrail(all[0].caseId).back().kind, QStringLiteral("copied"));

        // Opening again does not migrate again.
        lib.reset();
        auto again = openCaseLibrary(path);
        QVERIFY(again->isOpen());
        QCOMPARE(again->cases().size(), size_t(2));
    }

    void failedMigrationLeavesTheOldSchema() {
        const QString path = copyFixture();
        // A table of the new schema's name already there (another program's): step 2 cannot complete.
        QVERIFY(execOn(path, QStringLiteral("CREATE TABLE audit (x INTEGER)")));
        auto lib = openCaseLibrary(path);
        QVERIFY(!lib->isOpen());
        QVERIFY2(lib->lastError().startsWith(QStringLiteral("Cannot upgrade the case library to schema 2")),
                 qPrintable(lib->lastError()));
        lib.reset();
        QCOMPARE(schemaOf(path), 1);
        // Nothing of step 2 stayed: the columns it adds are not there.
        QVERIFY(!execOn(path, QStringLiteral("SELECT search_text FROM versions")));
        QVERIFY(execOn(path, QStringLiteral("SELECT insured_name FROM versions")));
    }
};

QTEST_GUILESS_MAIN(TestLibraryMigration)
#include "tst_librarymigration.moc"
