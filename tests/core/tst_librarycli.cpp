// SPDX-License-Identifier: MIT
// `placement-workbench library …`: import a folder (bad files skipped with their reason, a second import
// changes nothing), list and search, export byte for byte or as the request body, versions and diff.
#include "io/jsonpath.h"
#include "store/caselibrary.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

class TestLibraryCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_env;

    test::ProcessResult library(const QStringList &args) {
        return test::runWorkbench(QStringList{QStringLiteral("library")} + args, m_env);
    }

    void write(const QString &name, const QByteArray &bytes) {
        QFile f(m_dir.filePath(QStringLiteral("cases/") + name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

private Q_SLOTS:
    void initTestCase() {
        m_env = {QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + m_dir.filePath(QStringLiteral("data"))};
        QDir(m_dir.path()).mkpath(QStringLiteral("cases"));
        write(QStringLiteral("a-okafor.json"),
              test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json"))));
        JsonValue other = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        setJsonValueAt(other, QStringLiteral("input.applicant.last_name"), QStringLiteral("Line\nBreaker"));
        setJsonValueAt(other, QStringLiteral("input.address.state"), QStringLiteral("NJ"));
        setJsonValueAt(other, QStringLiteral("input.address.zip_code"), QStringLiteral("07030"));
        write(QStringLiteral("b-other.json"), writeJson(other));
        write(QStringLiteral("c-broken.json"), "{\"input\": ");
        write(QStringLiteral("d-array.json"), "[1, 2]");
        write(QStringLiteral("notes.txt"), "not a case");
    }

    void importListSearchExport() {
        auto r = library({QStringLiteral("import"), m_dir.filePath(QStringLiteral("cases"))});
        QCOMPARE(r.exitCode, 1); // two files skipped
        QCOMPARE(r.out, QByteArray("imported 2 new, 0 updated, 0 unchanged, 2 skipped\n"));
        QVERIFY(r.err.contains("skipped c-broken.json: malformed JSON at line 1"));
        QVERIFY(r.err.contains("skipped d-array.json: not a case file"));
        r = library({QStringLiteral("import"), m_dir.filePath(QStringLiteral("cases"))});
        QCOMPARE(r.out, QByteArray("imported 0 new, 0 updated, 2 unchanged, 2 skipped\n"));

        r = library({QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.split('\n');
        QCOMPARE(lines.size(), 5); // header, 2 cases, count, ""
        QVERIFY(lines[1].startsWith(
            "2      Dana Line\\nBreaker       NJ  07030")); // newest first; no raw newline
        QVERIFY(lines[2].startsWith(
            "1      Dana Okafor              NY  11231  home+auto+umbrella   Harborview"));
        QVERIFY(lines[2].contains(" 6     1    "));
        QCOMPARE(lines[3], QByteArray("2 cases"));

        r = library({QStringLiteral("search"), QStringLiteral("07030"), QStringLiteral("--format"),
                     QStringLiteral("json")});
        QCOMPARE(r.exitCode, 0);
        const auto found = parseJson(r.out);
        QVERIFY(found);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->at(0)[u"insured_name"].toString(), QStringLiteral("Dana Line\nBreaker"));
        QCOMPARE(found->at(0)[u"top_cost_low"].toDouble(), 6620.0);
        r = library({QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("NY")});
        QVERIFY(r.out.endsWith("1 case\n"));

        const QString out = m_dir.filePath(QStringLiteral("export.json"));
        r = library({QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(test::readFileBytes(out),
                 test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json"))));
        r = library({QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--request-body"),
                     QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 0);
        const JsonValue body = test::readJsonFile(out);
        QVERIFY(!body.contains(u"workbench"));
        QCOMPARE(body[u"input"],
                 test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")))[u"input"]);

        r = library({QStringLiteral("export"), QStringLiteral("99"), QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err, QByteArray("library export: there is no case 99\n"));
        r = library({QStringLiteral("export"), QStringLiteral("x1"), QStringLiteral("-o"), out});
        QCOMPARE(r.exitCode, 1);
        r = library({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(
            r.err.contains("expected list, search, import, export, versions, diff, push or setup-server"));
    }

    void versionsAndDiff() {
        {
            auto lib = openCaseLibrary(m_dir.filePath(QStringLiteral("data/library.sqlite")));
            QVERIFY2(lib->isOpen(), qPrintable(lib->lastError()));
            const auto c = lib->caseById(1);
            QVERIFY(c);
            const auto v2 = lib->copyVersion(c->versionId, QStringLiteral("Renewal"), QStringLiteral("t"));
            QVERIFY(v2);
            JsonValue root = *parseJson(lib->version(*v2)->body);
            setJsonValueAt(root, QStringLiteral("input.address.zip_code"), QStringLiteral("11215"));
            QVERIFY(lib->saveVersion(*v2, writeJson(root), SaveOptions()));
        }
        auto r = library({QStringLiteral("versions"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[1].startsWith("1        1       Original"));
        QVERIFY(lines[2].startsWith("2        3       Renewal"));
        r = library({QStringLiteral("diff"), QStringLiteral("1"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("changed   input.address.zip_code: \"11231\" → \"11215\""),
                 r.out.constData());
        r = library({QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--version"),
                     QStringLiteral("1"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("v1.json"))});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(test::readFileBytes(m_dir.filePath(QStringLiteral("v1.json"))),
                 test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json"))));
    }

    // A file changed since it was imported becomes a new version; the stored one keeps its bytes.
    void reimportOfAChangedFileKeepsTheOriginal() {
        const QString file = m_dir.filePath(QStringLiteral("cases/b-other.json"));
        const QByteArray before = test::readFileBytes(file);
        JsonValue changed = *parseJson(before);
        setJsonValueAt(changed, QStringLiteral("input.address.zip_code"), QStringLiteral("07302"));
        write(QStringLiteral("b-other.json"), writeJson(changed));
        auto r = library({QStringLiteral("import"), m_dir.filePath(QStringLiteral("cases"))});
        // b-other changed; a-okafor differs from its newest version (the "Renewal" of versionsAndDiff).
        QVERIFY2(r.out.contains("2 updated"), r.out.constData());
        auto lib = openCaseLibrary(m_dir.filePath(QStringLiteral("data/library.sqlite")));
        QVERIFY(lib->isOpen());
        const auto c = lib->caseByFile(file);
        QVERIFY(c);
        const auto versions = lib->versions(c->caseId);
        QCOMPARE(int(versions.size()), 2);
        QCOMPARE(lib->version(versions.front().versionId)->body, before);
        QVERIFY(lib->version(versions.back().versionId)->body.contains("07302"));
    }

    // A file whose bytes the library already holds (a copy under another name, or twice in one folder) is
    // recognised and said so, not added as another case.
    void byteIdenticalFileIsNotAddedAgain() {
        QDir(m_dir.path()).mkpath(QStringLiteral("copies"));
        const QByteArray okafor =
            test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json")));
        for (const QString &name :
             {QStringLiteral("copies/okafor-copy.json"), QStringLiteral("copies/z-again.json")}) {
            QFile f(m_dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(okafor);
        }
        JsonValue fresh = *parseJson(okafor);
        setJsonValueAt(fresh, QStringLiteral("input.applicant.last_name"), QStringLiteral("Newcomer"));
        for (const QString &name : {QStringLiteral("copies/n1.json"), QStringLiteral("copies/n2.json")}) {
            QFile f(m_dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(writeJson(fresh));
        }
        const int before =
            int(parseJson(
                    library({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}).out)
                    ->size());
        const auto r = library({QStringLiteral("import"), m_dir.filePath(QStringLiteral("copies"))});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out,
                 QByteArray("imported 1 new, 0 updated, 0 unchanged, 0 skipped, 3 already in the library\n"));
        QVERIFY2(r.err.contains("okafor-copy.json: the same bytes as case 1 (Dana Okafor); not added again"),
                 r.err.constData());
        QVERIFY2(r.err.contains("n2.json: the same bytes as case"), r.err.constData());
        const int after =
            int(parseJson(
                    library({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}).out)
                    ->size());
        QCOMPARE(after, before + 1);
    }

    void unknownFilterValuesAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("state") << QStringList{QStringLiteral("list"), QStringLiteral("--state"),
                                              QStringLiteral("XX")}
                               << QByteArray("--state must be a US state code: AK, AL, AR");
        QTest::newRow("state name") << QStringList{QStringLiteral("search"), QStringLiteral("a"),
                                                   QStringLiteral("--state"), QStringLiteral("New York")}
                                    << QByteArray("WY (not \"New York\")");
        QTest::newRow("empty state") << QStringList{QStringLiteral("list"), QStringLiteral("--state="),
                                                    QString()}
                                     << QByteArray("--state must be");
        QTest::newRow("line") << QStringList{QStringLiteral("list"), QStringLiteral("--line"),
                                             QStringLiteral("boat")}
                              << QByteArray("--line must be home, auto or umbrella (not \"boat\")");
        QTest::newRow("two lines") << QStringList{QStringLiteral("list"), QStringLiteral("--line"),
                                                  QStringLiteral("home,auto")}
                                   << QByteArray("--line must be home, auto or umbrella");
        QTest::newRow("version") << QStringList{QStringLiteral("export"),    QStringLiteral("1"),
                                                QStringLiteral("--version"), QStringLiteral("two"),
                                                QStringLiteral("-o"),        QStringLiteral("-")}
                                 << QByteArray("--version must be a positive number");
    }
    void unknownFilterValuesAreRefused() {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        args.removeAll(QString());
        const auto r = library(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void knownFilterValuesInAnyCase() {
        const auto r = library({QStringLiteral("list"), QStringLiteral("--state"), QStringLiteral("ny"),
                                QStringLiteral("--line"), QStringLiteral("Home")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Dana Okafor"), r.out.constData());
    }

    // -o - is standard output, as for every other command: no file named "-".
    void exportToStandardOutput() {
        QFile::remove(QStringLiteral("-"));
        const auto r = library({QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("--version"),
                                QStringLiteral("1"), QStringLiteral("-o"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json"))));
        QVERIFY(!QFile::exists(QStringLiteral("-")));
        auto lib = openCaseLibrary(m_dir.filePath(QStringLiteral("data/library.sqlite")));
        QCOMPARE(lib->auditTrail(1).back().detail, QStringLiteral("version 1 exported to standard output"));
    }

    // Versions of two households are not one case's edits: refused, and said why.
    void diffAcrossCasesIsRefused() {
        auto lib = openCaseLibrary(m_dir.filePath(QStringLiteral("data/library.sqlite")));
        const auto a = lib->caseById(1), b = lib->caseById(2);
        QVERIFY(a && b);
        const auto r =
            library({QStringLiteral("diff"), QString::number(a->versionId), QString::number(b->versionId)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is of case 1 (Dana Okafor) and version"), r.err.constData());
        QVERIFY2(r.err.contains("only versions of the same case are compared"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    // The usage line names the program and the command, not the executable's path alone.
    void helpUsageLine_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QByteArray>("usage");
        QTest::newRow("library") << QStringLiteral("library")
                                 << QByteArray(
                                        "Usage: placement-workbench library [options] "
                                        "list|search|import|export|versions|diff|push|setup-server [ARGS]\n");
        QTest::newRow("rank") << QStringLiteral("rank")
                              << QByteArray("Usage: placement-workbench rank [options] CASE");
    }
    void helpUsageLine() {
        QFETCH(QString, command);
        QFETCH(QByteArray, usage);
        const auto r = test::runWorkbench({command, QStringLiteral("--help")}, m_env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(usage), r.out.left(200).constData());
    }
};

QTEST_GUILESS_MAIN(TestLibraryCli)
#include "tst_librarycli.moc"
