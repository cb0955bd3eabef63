// SPDX-License-Identifier: MIT
// The case library: cases saved and opened byte for byte, found by name, ZIP, carrier and policy number,
// filtered by state and line; edits and rankings in the audit trail; copy-and-re-quote versions; notes;
// recovery records and their orphan rule; a failed write rolled back and reported.
#include "io/jsonpath.h"
#include "store/autosavesession.h"
#include "store/caselibrary.h"
#include "store/sqlcaselibrary.h"
#include "testsupport.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

JsonValue sampleRoot() {
    return test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
}

// The sample household under another name, place and carrier.
QByteArray household(const QString &first, const QString &last, const QString &state, const QString &zip,
                     const QString &carrier, const QString &policy, const QStringList &lines) {
    JsonValue root = sampleRoot();
    setJsonValueAt(root, QStringLiteral("input.applicant.first_name"), first);
    setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), last);
    setJsonValueAt(root, QStringLiteral("input.address.state"), state);
    setJsonValueAt(root, QStringLiteral("input.address.zip_code"), zip);
    setJsonValueAt(root, QStringLiteral("input.current_coverage.home.carrier"), carrier);
    setJsonValueAt(root, QStringLiteral("input.current_coverage.home.policy_number"), policy);
    JsonValue arr = JsonValue::array();
    for (const QString &l : lines)
        arr.append(l);
    setJsonValueAt(root, QStringLiteral("input.coverage_types"), arr);
    return writeJson(root);
}

QStringList names(const std::vector<LibraryCase> &cases) {
    QStringList out;
    for (const LibraryCase &c : cases)
        out << c.facts.insuredName;
    return out;
}

SaveOptions by(const QString &author) {
    SaveOptions o;
    o.author = author;
    return o;
}

} // namespace

class TestCaseLibrary : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<CaseLibrary> m_lib;

    void fillSearchLibrary() {
        // Added oldest first; the list is newest first.
        const struct {
            const char *first, *last, *state, *zip, *carrier, *policy;
            QStringList lines;
        } rows[] = {
            {"Dana", "Okafor", "NY", "11231", "21st Century", "HO-4471-NY", {"home", "auto", "umbrella"}},
            {"Zoë", "Ångström", "NJ", "07030", "Keystone Mutual", "KM_2020%7", {"home"}},
            {"Luis", "Ortega", "NY", "10027", "Acme Fire", "AF-0099", {"auto"}},
            {"Mary", "Zip11231son", "CT", "06103", "Bay & Co", "X900", {"auto", "umbrella"}},
        };
        for (const auto &r : rows) {
            const auto id =
                m_lib->addCase(household(QString::fromUtf8(r.first), QString::fromUtf8(r.last),
                                         QString::fromUtf8(r.state), QString::fromUtf8(r.zip),
                                         QString::fromUtf8(r.carrier), QString::fromUtf8(r.policy), r.lines),
                               by(QStringLiteral("tester")));
            QVERIFY2(id, qPrintable(m_lib->lastError()));
            QTest::qWait(2); // distinct modified times
        }
    }

private Q_SLOTS:
    void init() {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("library.sqlite")));
        m_lib = openCaseLibrary(m_dir.filePath(QStringLiteral("library.sqlite")));
        QVERIFY2(m_lib->isOpen(), qPrintable(m_lib->lastError()));
    }
    void cleanup() { m_lib.reset(); }

    void saveAndOpenRoundTrip() {
        const QByteArray bytes =
            test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json")));
        SaveOptions o = by(QStringLiteral("agent7"));
        o.filePath = QStringLiteral("/cases/brooklyn.json");
        const auto versionId = m_lib->addCase(bytes, o);
        QVERIFY2(versionId, qPrintable(m_lib->lastError()));
        const QString path = m_dir.filePath(QStringLiteral("library.sqlite"));
        m_lib.reset();
        m_lib = openCaseLibrary(path); // reopened: everything persisted
        QCOMPARE(m_lib->schemaVersion(), SqlCaseLibrary::kSchemaVersion);
        const auto v = m_lib->version(*versionId);
        QVERIFY(v);
        QCOMPARE(v->body, bytes); // byte for byte
        QCOMPARE(v->number, 1);
        QCOMPARE(v->label, QStringLiteral("Original"));
        const auto c = m_lib->caseById(v->caseId);
        QVERIFY(c);
        QCOMPARE(c->versionId, *versionId);
        QCOMPARE(c->facts.insuredName, QStringLiteral("Dana Okafor"));
        QCOMPARE(c->facts.state, QStringLiteral("NY"));
        QCOMPARE(c->facts.zip, QStringLiteral("11231"));
        QCOMPARE(c->facts.lines, (QStringList{"home", "auto", "umbrella"}));
        QVERIFY(c->facts.carriers.contains(QStringLiteral("21st Century")));
        QVERIFY(c->facts.carriers.contains(QStringLiteral("Harborview Mutual")));
        QCOMPARE(c->filePath, QStringLiteral("/cases/brooklyn.json"));
        QCOMPARE(m_lib->caseByFile(QStringLiteral("/cases/brooklyn.json"))->caseId, c->caseId);
        QVERIFY(!m_lib->caseByFile(QStringLiteral("/cases/other.json")));
        QCOMPARE(m_lib->caseCount(), 1);
        QCOMPARE(m_lib->integrityCheck(), QStringLiteral("ok"));
    }

    void search_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("everything, newest first")
            << QString() << QString() << QString()
            << QStringList{"Mary Zip11231son", "Luis Ortega", "Zoë Ångström", "Dana Okafor"};
        QTest::newRow("name, any case") << "okafor" << QString() << QString() << QStringList{"Dana Okafor"};
        QTest::newRow("name, unicode case")
            << "ÅNGSTRÖM" << QString() << QString() << QStringList{"Zoë Ångström"};
        QTest::newRow("name without accents")
            << "zoe angstrom" << QString() << QString() << QStringList{"Zoë Ångström"};
        QTest::newRow("name, accents typed on plain letters")
            << "ZÖE" << QString() << QString() << QStringList{"Zoë Ångström"};
        QTest::newRow("zip") << "07030" << QString() << QString() << QStringList{"Zoë Ångström"};
        QTest::newRow("zip prefix") << "100" << QString() << QString() << QStringList{"Luis Ortega"};
        QTest::newRow("zip in a name too")
            << "11231" << QString() << QString() << QStringList{"Mary Zip11231son", "Dana Okafor"};
        QTest::newRow("current carrier") << "acme" << QString() << QString() << QStringList{"Luis Ortega"};
        QTest::newRow("offering carrier, all share it")
            << "harborview" << QString() << QString()
            << QStringList{"Mary Zip11231son", "Luis Ortega", "Zoë Ångström", "Dana Okafor"};
        QTest::newRow("policy number") << "ho-4471" << QString() << QString() << QStringList{"Dana Okafor"};
        QTest::newRow("percent is literal")
            << "2020%7" << QString() << QString() << QStringList{"Zoë Ångström"};
        QTest::newRow("percent alone matches only a percent")
            << "%" << QString() << QString() << QStringList{"Zoë Ångström"};
        QTest::newRow("underscore is literal")
            << "km_" << QString() << QString() << QStringList{"Zoë Ångström"};
        QTest::newRow("ampersand") << "bay & co" << QString() << QString() << QStringList{"Mary Zip11231son"};
        QTest::newRow("two words, any order")
            << "ortega 10027" << QString() << QString() << QStringList{"Luis Ortega"};
        QTest::newRow("words across fields do not join")
            << "okafornj" << QString() << QString() << QStringList{};
        QTest::newRow("no match") << "nobody" << QString() << QString() << QStringList{};
        QTest::newRow("state filter")
            << QString() << "NY" << QString() << QStringList{"Luis Ortega", "Dana Okafor"};
        QTest::newRow("state filter, lower case")
            << QString() << "ny" << QString() << QStringList{"Luis Ortega", "Dana Okafor"};
        QTest::newRow("line filter") << QString() << QString() << "umbrella"
                                     << QStringList{"Mary Zip11231son", "Dana Okafor"};
        QTest::newRow("line filter is exact") << QString() << QString() << "umb" << QStringList{};
        QTest::newRow("search and both filters") << "o"
                                                 << "NY"
                                                 << "auto" << QStringList{"Luis Ortega", "Dana Okafor"};
    }
    void search() {
        QFETCH(QString, text);
        QFETCH(QString, state);
        QFETCH(QString, line);
        QFETCH(QStringList, expected);
        fillSearchLibrary();
        LibraryQuery q;
        q.text = text;
        q.state = state;
        q.line = line;
        const auto found = m_lib->cases(q);
        QVERIFY2(m_lib->lastError().isEmpty(), qPrintable(m_lib->lastError()));
        QCOMPARE(names(found), expected);
        QCOMPARE(m_lib->states(), (QStringList{"CT", "NJ", "NY"}));
        q.limit = 1;
        QCOMPARE(names(m_lib->cases(q)), expected.mid(0, 1));
    }

    void editsAreAudited() {
        const QByteArray before =
            test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json")));
        const auto versionId = m_lib->addCase(before, by(QStringLiteral("agent7")));
        QVERIFY(versionId);
        JsonValue root = *parseJson(before);
        setJsonValueAt(root, QStringLiteral("input.address.zip_code"), QStringLiteral("11215"));
        setJsonValueAt(root, QStringLiteral("offerings[0].attributes.line_premium_annual"), 3700);
        removeJsonValueAt(root, QStringLiteral("input.residence.pool"));
        setJsonValueAt(root, QStringLiteral("input.applicant.suffix"), QStringLiteral("Jr."));
        const QByteArray after = writeJson(root);
        SaveOptions o = by(QStringLiteral("agent9"));
        o.filePath = QStringLiteral("/cases/okafor.json");
        QVERIFY2(m_lib->saveVersion(*versionId, after, o), qPrintable(m_lib->lastError()));
        const auto v = m_lib->version(*versionId);
        QCOMPARE(v->body, after);
        QCOMPARE(v->facts.zip, QStringLiteral("11215"));
        const auto trail = m_lib->auditTrail(v->caseId);
        QStringList lines;
        for (const AuditEntry &e : trail)
            lines << QStringLiteral("%1|%2|%3|%4|%5").arg(e.kind, e.author, e.path, e.oldValue, e.newValue);
        QCOMPARE(lines, (QStringList{
                            "created|agent7|||",
                            "edit|agent9|input.address.zip_code|\"11231\"|\"11215\"",
                            "edit|agent9|input.applicant.suffix||\"Jr.\"",
                            "edit|agent9|input.residence.pool|false|",
                            "edit|agent9|offerings[0].attributes.line_premium_annual|3890|3700",
                        }));
        QCOMPARE(m_lib->caseById(v->caseId)->filePath, QStringLiteral("/cases/okafor.json"));
        // Saving the same bytes again adds nothing.
        QVERIFY(m_lib->saveVersion(*versionId, after, by(QStringLiteral("agent9"))));
        QCOMPARE(m_lib->auditTrail(v->caseId).size(), trail.size());
    }

    void rankingsAreAudited() {
        const JsonValue root = sampleRoot();
        const auto versionId = m_lib->addCase(writeJson(root), by(QStringLiteral("agent7")));
        QVERIFY(versionId);
        const RankingSnapshot r = rankCaseSnapshot(root, test::fixedNow());
        QVERIFY(r.hasRun);
        QVERIFY(m_lib->recordRanking(*versionId, r, QStringLiteral("agent7")));
        QVERIFY(m_lib->recordRanking(*versionId, r, QStringLiteral("agent7"))); // same input: not again
        const auto caseId = m_lib->version(*versionId)->caseId;
        auto trail = m_lib->auditTrail(caseId);
        QCOMPARE(trail.size(), size_t(2));
        const AuditEntry &e = trail.back();
        QCOMPARE(e.kind, QStringLiteral("ranking"));
        QCOMPARE(e.engineVersion, QStringLiteral(PW_VERSION));
        QCOMPARE(e.profileHash, bundledProfileHash());
        QCOMPARE(e.profileHash.size(), 16);
        QCOMPARE(e.inputHash, caseInputHash(root));
        QCOMPARE(e.clock, test::fixedNow());
        QCOMPARE(e.topResult,
                 QStringLiteral("Harborview Mutual / Harborview Mutual / Harborview Mutual, $6,620"));
        // The list shows the last ranking.
        const auto c = m_lib->caseById(caseId);
        QVERIFY(c->ranking.hasRun);
        QCOMPARE(c->ranking.qualifiedCount, 6);
        QCOMPARE(c->ranking.top()->costLow, 6620.0);
        // The workbench object is not ranked: it does not change the input hash. A premium does.
        JsonValue notes = root;
        setJsonValueAt(notes, QStringLiteral("workbench.notes"), QStringLiteral("called back"));
        QCOMPARE(caseInputHash(notes), caseInputHash(root));
        JsonValue cheaper = root;
        setJsonValueAt(cheaper, QStringLiteral("offerings[0].attributes.package_premium_annual"), 6000);
        QVERIFY(caseInputHash(cheaper) != caseInputHash(root));
        QVERIFY(m_lib->recordRanking(*versionId, rankCaseSnapshot(cheaper, test::fixedNow()),
                                     QStringLiteral("x")));
        trail = m_lib->auditTrail(caseId);
        QCOMPARE(trail.size(), size_t(3));
        QCOMPARE(trail.back().inputHash, caseInputHash(cheaper));
    }

    void notesOnCaseAndOffering() {
        const auto versionId = m_lib->addCase(writeJson(sampleRoot()), by(QStringLiteral("a")));
        QVERIFY(versionId);
        const qint64 caseId = m_lib->version(*versionId)->caseId;
        const QDateTime t0 = test::fixedNow();
        LibraryNote n{0,
                      caseId,
                      *versionId,
                      QString(),
                      QStringLiteral("Pat Lee"),
                      t0,
                      QStringLiteral("Client wants <b>umbrella</b>\nnext year"),
                      QString()};
        QVERIFY(m_lib->addNote(n));
        LibraryNote o{0,
                      caseId,
                      *versionId,
                      QStringLiteral("quote_line_harborview_home_001"),
                      QStringLiteral("Sam"),
                      t0.addSecs(60),
                      QStringLiteral("Ask about water backup"),
                      QString()};
        QVERIFY(m_lib->addNote(o));
        const auto notes = m_lib->notes(caseId);
        QCOMPARE(notes.size(), size_t(2));
        QCOMPARE(notes[0].text, n.text); // plain data, kept as written
        QCOMPARE(notes[0].author, QStringLiteral("Pat Lee"));
        QCOMPARE(notes[0].createdAt, t0);
        QVERIFY(notes[0].offeringId.isEmpty());
        QCOMPARE(notes[1].offeringId, QStringLiteral("quote_line_harborview_home_001"));
        QVERIFY(m_lib->notes(caseId + 1).empty());
    }

    void recoveryRecordsAndOrphans() {
        const QString folder = m_dir.path();
        auto live = std::make_unique<AutosaveSession>(folder);
        auto crashed = std::make_unique<AutosaveSession>(folder);
        QVERIFY(live->isValid());
        QVERIFY(crashed->isValid());
        const QDateTime t0 = test::fixedNow();
        QVERIFY(m_lib->writeRecovery({live->id(), 0, 0, QString(), QStringLiteral("live"), t0, "{}"}));
        QVERIFY(m_lib->writeRecovery(
            {crashed->id(), 3, 4, QStringLiteral("/c/x.json"), QStringLiteral("old"), t0, "{}"}));
        QVERIFY(
            m_lib->writeRecovery({crashed->id(), 3, 4, QStringLiteral("/c/x.json"), QStringLiteral("newer"),
                                  t0.addSecs(5), "{\"a\":1}"})); // replaces its own record
        QCOMPARE(m_lib->recoveryRecords().size(), size_t(2));
        // Both sessions alive: nothing is orphaned.
        QVERIFY(AutosaveSession::orphanedRecords(*m_lib, folder, QString()).empty());
        crashed->abandonForTests();
        const auto orphans = AutosaveSession::orphanedRecords(*m_lib, folder, live->id());
        QCOMPARE(orphans.size(), size_t(1));
        QCOMPARE(orphans[0].title, QStringLiteral("newer"));
        QCOMPARE(orphans[0].body, QByteArray("{\"a\":1}"));
        QCOMPARE(orphans[0].savedAt, t0.addSecs(5));
        QCOMPARE(orphans[0].versionId, 4);
        QVERIFY(AutosaveSession::discard(*m_lib, folder, orphans[0].sessionId));
        QVERIFY(AutosaveSession::orphanedRecords(*m_lib, folder, live->id()).empty());
        QVERIFY(m_lib->removeRecovery(live->id()));
        QVERIFY(m_lib->recoveryRecords().empty());
    }

    void failedWriteIsRolledBackAndReported() {
        const QByteArray before = writeJson(sampleRoot());
        const auto versionId = m_lib->addCase(before, by(QStringLiteral("a")));
        QVERIFY(versionId);
        {
            // Another program breaks the audit table behind the library's back.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("vandal"));
            db.setDatabaseName(m_dir.filePath(QStringLiteral("library.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE audit")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("vandal"));
        JsonValue root = sampleRoot();
        setJsonValueAt(root, QStringLiteral("input.address.zip_code"), QStringLiteral("99999"));
        QVERIFY(!m_lib->saveVersion(*versionId, writeJson(root), by(QStringLiteral("a"))));
        QVERIFY2(m_lib->lastError().startsWith(QStringLiteral("Cannot write the audit trail: ")),
                 qPrintable(m_lib->lastError()));
        QCOMPARE(m_lib->version(*versionId)->body, before); // the version's update was rolled back
        QCOMPARE(m_lib->caseById(m_lib->version(*versionId)->caseId)->facts.zip, QStringLiteral("11231"));
        QVERIFY(!m_lib->saveVersion(*versionId + 100, before, by(QStringLiteral("a"))));
        QVERIFY(m_lib->lastError().contains(QStringLiteral("not in the library")));
    }

    void newerSchemaIsRefusedUntouched() {
        const QString path = m_dir.filePath(QStringLiteral("library.sqlite"));
        m_lib.reset();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE library_schema SET version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        auto lib = openCaseLibrary(path);
        QVERIFY(!lib->isOpen());
        QVERIFY2(lib->lastError().contains(QStringLiteral("newer version")), qPrintable(lib->lastError()));
        QVERIFY(!lib->addCase("{}", SaveOptions()));
        QVERIFY(!lib->lastError().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCaseLibrary)
#include "tst_caselibrary.moc"
