// SPDX-License-Identifier: MIT
// Push and import on a real PostgreSQL: a case is recognised by its identity, whatever happened to it —
// edited offline it gains the versions the server lacks; when the server's copy changed meanwhile the
// versions are added as "Offline edit by USER" and the case is reported as a conflict naming who and when;
// never a second case. Text PostgreSQL cannot hold (U+0000) is stored safely, the bytes exact; a case or
// file the server refuses is skipped with its reason and the rest go on; the CLI report shows names as
// data (no terminal controls).
#include "io/jsonpath.h"
#include "pgcluster.h"
#include "store/caselibrary.h"
#include "store/librarypush.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

QByteArray household(const QString &last, const QString &zip = QStringLiteral("11231")) {
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), last);
    setJsonValueAt(root, QStringLiteral("input.address.zip_code"), zip);
    return writeJson(root);
}

QByteArray withZip(const QByteArray &body, const QString &zip) {
    JsonValue root = *parseJson(body);
    setJsonValueAt(root, QStringLiteral("input.address.zip_code"), zip);
    return writeJson(root);
}

// The first character a terminal would act on. U+FFFD is left out: it is the library's documented
// stand-in for U+0000 in a name (shown as such), not a control.
QString safe(const QByteArray &output) {
    return test::firstTerminalUnsafe(QString::fromUtf8(output).replace(QChar(0xfffd), u'?'));
}

} // namespace

class TestPgLibraryPush : public QObject {
    Q_OBJECT

    test::PgTestCluster m_pg;
    QTemporaryDir m_dir;
    int m_local = 0;

    std::unique_ptr<CaseLibrary> server(const QString &user) {
        return openCaseLibrary(m_pg.location(user), m_pg.password(user));
    }
    QString dataDir() const { return m_dir.filePath(QStringLiteral("data%1").arg(m_local)); }
    std::unique_ptr<CaseLibrary> freshLocal() {
        ++m_local;
        return openCaseLibrary(dataDir() + QStringLiteral("/library.sqlite"));
    }
    void emptyServer() {
        QVERIFY(
            m_pg.runSql(QStringLiteral("TRUNCATE cases, versions, version_data, notes, audit, case_runs")));
    }
    test::ProcessResult cli(const QString &user, const QStringList &args) {
        return test::runWorkbench(
            QStringList{QStringLiteral("library"), QStringLiteral("--server"), m_pg.url(user)} + args,
            {QStringLiteral("PGPASSWORD=") + m_pg.password(user),
             QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + dataDir()});
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_pg.start(), qPrintable(m_pg.error()));
        QVERIFY2(m_pg.createAgency({QStringLiteral("alice"), QStringLiteral("bob")}, {}),
                 qPrintable(m_pg.error()));
        QVERIFY(server(QStringLiteral("owner"))->isOpen());
    }

    // alice pushes her case, works on it offline (a new version, or the same version saved again), and
    // bob may have changed the server's copy (a new version, or version 1 saved again) meanwhile.
    void offlineEditsFollowTheirCase_data() {
        QTest::addColumn<bool>("aliceInPlace");
        QTest::addColumn<QString>("bobDoes"); // "", "copy", "save"
        QTest::addColumn<QString>("outcome"); // "updated" or "conflict"
        QTest::addColumn<int>("serverVersions");
        QTest::newRow("new version offline, server as pushed") << false << ""
                                                               << "updated" << 2;
        QTest::newRow("saved again offline, server as pushed") << true << ""
                                                               << "updated" << 2;
        QTest::newRow("new version offline, bob added one") << false << "copy"
                                                            << "conflict" << 3;
        QTest::newRow("saved again offline, bob added one") << true << "copy"
                                                            << "conflict" << 3;
        QTest::newRow("saved again offline, bob saved version 1") << true << "save"
                                                                  << "conflict" << 2;
    }
    void offlineEditsFollowTheirCase() {
        QFETCH(bool, aliceInPlace);
        QFETCH(QString, bobDoes);
        QFETCH(QString, outcome);
        QFETCH(int, serverVersions);
        emptyServer();
        auto local = freshLocal();
        auto alice = server(QStringLiteral("alice"));
        SaveOptions o;
        o.author = QStringLiteral("Alice");
        const auto v1 = local->addCase(household(QStringLiteral("Okafor")), o);
        QVERIFY(v1);
        QCOMPARE(pushLibrary(*local, *alice).casesCopied, 1);
        const qint64 serverCase = alice->cases().front().caseId;
        const qint64 serverV1 = alice->cases().front().versionId;
        const QDateTime beforeBob = QDateTime::currentDateTimeUtc().addMSecs(-5);
        auto bob = server(QStringLiteral("bob"));
        if (bobDoes == u"copy") {
            const auto v = bob->copyVersion(serverV1, QStringLiteral("Bob's"), QStringLiteral("Bob"));
            QVERIFY(v && bob->saveVersion(
                             *v, withZip(household(QStringLiteral("Okafor")), QStringLiteral("22222")),
                             SaveOptions()));
        } else if (bobDoes == u"save") {
            QVERIFY(bob->saveVersion(serverV1,
                                     withZip(household(QStringLiteral("Okafor")), QStringLiteral("22222")),
                                     SaveOptions()));
        }
        const QByteArray offline = withZip(household(QStringLiteral("Okafor")), QStringLiteral("33333"));
        if (aliceInPlace) {
            QVERIFY(local->saveVersion(*v1, offline, o));
        } else {
            const auto v2 = local->copyVersion(*v1, QStringLiteral("Renewal"), QStringLiteral("Alice"));
            QVERIFY(v2 && local->saveVersion(*v2, offline, o));
        }
        const PushReport r = pushLibrary(*local, *alice);
        QVERIFY2(r.ok(), qPrintable(r.error + r.failed.join(u';')));
        QCOMPARE(r.casesCopied, 0);
        QCOMPARE(r.casesUpdated, 1);
        QCOMPARE(r.versionsCopied, 1);
        // Never a second case: the offline version joined the case it came from.
        QCOMPARE(alice->caseCount(), 1);
        const auto versions = alice->versions(serverCase);
        QCOMPARE(int(versions.size()), serverVersions);
        QCOMPARE(alice->version(versions.back().versionId)->body, offline);
        QCOMPARE(alice->cases().front().versionId, versions.back().versionId); // the current version
        if (outcome == u"updated") {
            QVERIFY(r.conflicts.isEmpty());
            QCOMPARE(r.updated, QStringList{QStringLiteral("Dana Okafor: 1 version(s) added")});
            QCOMPARE(versions.back().label,
                     aliceInPlace ? QStringLiteral("Original") : QStringLiteral("Renewal"));
        } else {
            QVERIFY(r.updated.isEmpty());
            QCOMPARE(r.conflicts.size(), 1);
            QCOMPARE(versions.back().label, QStringLiteral("Offline edit by alice"));
            // Who changed the server's copy, and when.
            QVERIFY2(r.conflicts.front().startsWith(
                         QStringLiteral("Dana Okafor: bob changed the server's copy at ")),
                     qPrintable(r.conflicts.front()));
            const QString at = r.conflicts.front().section(QStringLiteral(" at "), 1).section(u';', 0, 0);
            const QDateTime when = QDateTime::fromString(at, Qt::ISODate);
            QVERIFY2(when.isValid() && when >= beforeBob.addSecs(-1) &&
                         when <= QDateTime::currentDateTimeUtc(),
                     qPrintable(at));
            QVERIFY(r.conflicts.front().contains(QStringLiteral("\"Offline edit by alice\"")));
        }
        // Pushed again: nothing more.
        const PushReport again = pushLibrary(*local, *alice);
        QCOMPARE(again.casesSkipped, 1);
        QCOMPARE(again.versionsCopied, 0);
        QCOMPARE(int(alice->versions(serverCase).size()), serverVersions);
    }

    // Through the command line: a conflict is exit 6 and is named; the copied case is named too.
    void cliReportsConflictsAndCopies() {
        emptyServer();
        auto local = freshLocal();
        SaveOptions o;
        const auto v1 = local->addCase(household(QStringLiteral("Okafor")), o);
        QVERIFY(v1);
        auto r = cli(QStringLiteral("alice"), {QStringLiteral("push")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("\n  copied Dana Okafor: copied (1 version(s))\n"), r.out.constData());
        auto bob = server(QStringLiteral("bob"));
        QVERIFY(bob->saveVersion(bob->cases().front().versionId,
                                 withZip(household(QStringLiteral("Okafor")), QStringLiteral("22222")), o));
        QVERIFY(local->saveVersion(*v1, withZip(household(QStringLiteral("Okafor")), QStringLiteral("33333")),
                                   o));
        r = cli(QStringLiteral("alice"), {QStringLiteral("push")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.out.contains("  CONFLICT Dana Okafor: bob changed the server's copy at "),
                 r.out.constData());
        QVERIFY2(r.err.contains("1 case(s) had changed on the server meanwhile"), r.err.constData());
        // `library versions` says who saved each version and its revision.
        const qint64 caseId = bob->cases().front().caseId;
        r = cli(QStringLiteral("alice"), {QStringLiteral("versions"), QString::number(caseId)});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].contains(" Rev  Saved by "), lines[0].constData());
        QVERIFY2(lines[1].contains(" 2    bob "), lines[1].constData());
        QVERIFY2(lines[2].contains("Offline edit by ali") && lines[2].contains(" 1    alice "),
                 lines[2].constData());
        r = cli(QStringLiteral("alice"), {QStringLiteral("versions"), QString::number(caseId),
                                          QStringLiteral("--format"), QStringLiteral("json")});
        const auto json = parseJson(r.out);
        QVERIFY(json);
        QCOMPARE(json->at(0)[u"modified_by"].toString(), QStringLiteral("bob"));
        QCOMPARE(json->at(0)[u"revision"].toDouble(), 2.0);
    }

    // U+0000 in a name and terminal controls in names: stored safely (the bytes exact), every case pushed,
    // every file imported, and the reports show them as visible escapes.
    void hostileNamesAreStoredAndShownSafely() {
        emptyServer();
        auto local = freshLocal();
        const QStringList names{QStringLiteral("Null") + QChar(u'\0') + QStringLiteral("Name"),
                                QStringLiteral("Clear\x1b[2JScreen"),
                                QStringLiteral("Title\x1b]0;owned\x07"),
                                QStringLiteral("Back\bspace\rReturn"),
                                QStringLiteral("Right") + QChar(0x202e) + QStringLiteral("Left") +
                                    QChar(0x2066),
                                QStringLiteral("Plain")};
        const QString folder = m_dir.filePath(QStringLiteral("hostile"));
        QDir().mkpath(folder);
        SaveOptions o;
        for (int i = 0; i < names.size(); ++i) {
            const QByteArray bytes = household(names[i], QStringLiteral("1000%1").arg(i));
            QVERIFY2(local->addCase(bytes, o), qPrintable(local->lastError()));
            QFile f(folder + QStringLiteral("/%1.json").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(household(names[i], QStringLiteral("2000%1").arg(i)));
        }
        auto r = cli(QStringLiteral("alice"), {QStringLiteral("push")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(QStringLiteral("%1 case(s) copied").arg(names.size()).toUtf8()),
                 r.out.constData());
        QCOMPARE(safe(r.out + r.err), QString());
        QVERIFY2(r.out.contains("Dana Clear\\u001b[2JScreen") || r.out.contains("Dana Clear\\x1b[2JScreen") ||
                     r.out.contains("Clear\\e[2JScreen"),
                 r.out.constData());
        r = cli(QStringLiteral("alice"), {QStringLiteral("import"), folder});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QStringLiteral("imported %1 new, 0 updated, 0 unchanged, 0 skipped\n")
                            .arg(names.size())
                            .toUtf8());
        QCOMPARE(safe(r.out + r.err), QString());
        r = cli(QStringLiteral("alice"), {QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(safe(r.out + r.err), QString());
        // The name's U+0000 is U+FFFD in the text columns; the bytes are exactly the file's.
        auto alice = server(QStringLiteral("alice"));
        const auto found = alice->cases({QStringLiteral("10000"), {}, {}, 0});
        QCOMPARE(found.size(), size_t(1));
        QCOMPARE(found.front().facts.insuredName,
                 QStringLiteral("Dana Null") + QChar(0xfffd) + QStringLiteral("Name"));
        QCOMPARE(alice->version(found.front().versionId)->body, household(names[0], QStringLiteral("10000")));
        // diff of two versions whose carrier names are hostile: shown as data.
        const auto v2 = alice->copyVersion(found.front().versionId, QString(), QStringLiteral("a"));
        QVERIFY(v2);
        QVERIFY(alice->saveVersion(*v2, household(names[1], QStringLiteral("10000")), SaveOptions()));
        r = cli(QStringLiteral("alice"),
                {QStringLiteral("diff"), QString::number(found.front().versionId), QString::number(*v2)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("input.applicant.last_name"), r.out.constData());
        QCOMPARE(safe(r.out), QString());
    }

    // A case or file the server will not take is skipped with its reason; the others still go.
    void oneBadCaseDoesNotStopTheRest() {
        emptyServer();
        QVERIFY2(
            m_pg.runSql(QStringLiteral(
                "CREATE FUNCTION pw_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
                "NEW.insured_name LIKE '%Refused%' THEN RAISE EXCEPTION 'test refuses %', NEW.insured_name; "
                "END IF; RETURN NEW; END $$; CREATE TRIGGER pw_test_refuse BEFORE INSERT ON versions FOR "
                "EACH ROW EXECUTE FUNCTION pw_test_refuse()")),
            qPrintable(m_pg.error()));
        auto local = freshLocal();
        SaveOptions o;
        const QString folder = m_dir.filePath(QStringLiteral("refused"));
        QDir().mkpath(folder);
        const QStringList names{QStringLiteral("Alpha"), QStringLiteral("Refused"), QStringLiteral("Gamma")};
        for (int i = 0; i < names.size(); ++i) {
            QVERIFY(local->addCase(household(names[i]), o));
            QFile f(folder + QStringLiteral("/%1.json").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(household(names[i], QStringLiteral("99999")));
        }
        auto r = cli(QStringLiteral("alice"), {QStringLiteral("push")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.startsWith("pushed to "), r.out.constData());
        QVERIFY2(r.out.contains(": 2 case(s) copied"), r.out.constData());
        QVERIFY2(
            r.out.contains("  failed Dana Refused: Cannot store the case: ERROR: test refuses Dana Refused"),
            r.out.constData());
        r = cli(QStringLiteral("alice"), {QStringLiteral("import"), folder});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QByteArray("imported 2 new, 0 updated, 0 unchanged, 1 skipped\n"));
        QVERIFY2(r.err.contains("library import: skipped 1.json: Cannot store the case: ERROR: test refuses"),
                 r.err.constData());
        QVERIFY2(!r.err.contains("QPSQL") && !r.err.contains("Unable to"), r.err.constData());
        QCOMPARE(m_pg.scalar(QStringLiteral("SELECT COUNT(*) FROM cases")), QStringLiteral("4"));
        QVERIFY(m_pg.runSql(QStringLiteral("DROP TRIGGER pw_test_refuse ON versions")));
    }
};

QTEST_GUILESS_MAIN(TestPgLibraryPush)
#include "tst_pglibrarypush.moc"
