// SPDX-License-Identifier: MIT
// The rank command and engine profiles, end to end through the built binary.
#include "testsupport.h"

#include "engine/engine.h"
#include "engine/profile.h"
#include "io/json.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

const QString kNow = QStringLiteral("2026-11-28T12:00:00Z");

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// A run object's encoding without what differs from run to run (id, timestamps, measured time).
QByteArray withoutRunIdentity(const JsonValue &run) {
    JsonValue r = run;
    for (const char *key : {"run_id", "created_at", "completed_at", "duration_ms"})
        r.insert(QString::fromLatin1(key), JsonValue());
    return writeJson(r);
}

} // namespace

class TestCliRank : public QObject {
    Q_OBJECT

private slots:
    void tableNamesTopPackagesAndFilteredOfferings() {
        const auto r = test::runWorkbench({QStringLiteral("rank"),
                                           test::samplePath(QStringLiteral("brooklyn-household.json")),
                                           QStringLiteral("--now"), kNow});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY(out.contains(QStringLiteral("48 packages, 6 qualified")));
        const QStringList lines = out.split(u'\n');
        const auto row = [&](int rank) {
            for (const QString &l : lines)
                if (l.trimmed().startsWith(QString::number(rank) + QStringLiteral("  "))) return l;
            return QString();
        };
        QVERIFY(row(1).contains(QStringLiteral("*recommended")));
        QVERIFY(row(1).contains(QStringLiteral("$6,620")));
        QVERIFY(row(2).contains(QStringLiteral("$5,940–$6,534")));
        QVERIFY(out.contains(QStringLiteral("quote_line_granite_home_001")));
        QVERIFY(out.contains(QStringLiteral("state_excluded")));
        QVERIFY(out.contains(QStringLiteral("quote_expired")));
        // Warnings go to stderr.
        QVERIFY(QString::fromUtf8(r.err).contains(QStringLiteral("warning")));
    }

    void jsonIsTheRunObjectAndCsvOneRowPerSolution() {
        const QString sample = test::samplePath(QStringLiteral("brooklyn-household.json"));
        const auto json = test::runWorkbench({QStringLiteral("rank"), sample, QStringLiteral("--now"), kNow,
                                              QStringLiteral("--format"), QStringLiteral("json"),
                                              QStringLiteral("--top"), QStringLiteral("3")});
        QCOMPARE(json.exitCode, 0);
        const auto run = parseJson(json.out);
        QVERIFY(run);
        QCOMPARE((*run)[u"environment"].toString(), QStringLiteral("local"));
        QCOMPARE((*run)[u"stage"].toString(), QStringLiteral("COMPLETE"));
        QCOMPARE((*run)[u"solutions"].size(), 3);
        const auto csv = test::runWorkbench({QStringLiteral("rank"), sample, QStringLiteral("--now"), kNow,
                                             QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(csv.exitCode, 0);
        const QStringList rows = QString::fromUtf8(csv.out).trimmed().split(u'\n');
        QCOMPARE(rows.size(), 11); // header + top 10
        QVERIFY(rows[0].startsWith(QStringLiteral("rank,cluster_label,label_winner")));
        QVERIFY(rows[1].startsWith(QStringLiteral("1,recommended,true,")));
        QVERIFY(rows[1].contains(QStringLiteral(",6620,6620,6620,")));
    }

    void jsonIsWrittenAsTheWholeRunObjectWouldBe_data() {
        QTest::addColumn<QString>("caseFile");
        QTest::addColumn<int>("top");
        QTest::newRow("household, gap lists per solution")
            << test::samplePath(QStringLiteral("brooklyn-household.json")) << 10;
        QTest::newRow("one solution") << test::samplePath(QStringLiteral("brooklyn-household.json")) << 1;
        QTest::newRow("no solutions") << test::samplePath(QStringLiteral("seed-job.json")) << 10;
        QTest::newRow("every package of a varied household")
            << test::fixturePath(QStringLiteral("ranking/varied-household/case.json")) << 500;
    }

    // `rank --format json` writes its solutions one at a time; the bytes are those of the whole run object
    // as the engine builds it in memory.
    void jsonIsWrittenAsTheWholeRunObjectWouldBe() {
        QFETCH(QString, caseFile);
        QFETCH(int, top);
        const auto r = test::runWorkbench({QStringLiteral("rank"), caseFile, QStringLiteral("--now"), kNow,
                                           QStringLiteral("--format"), QStringLiteral("json"),
                                           QStringLiteral("--top"), QString::number(top)});
        QCOMPARE(r.exitCode, 0);
        const auto printed = parseJson(r.out);
        QVERIFY(printed);
        EngineOptions options;
        options.now = QDateTime::fromString(kNow, Qt::ISODate);
        options.top = top;
        const EngineRun expected = runEngine(test::readJsonFile(caseFile), options);
        QVERIFY(expected.ok());
        QVERIFY((*expected.run)[u"solutions"].size() > 0 || caseFile.endsWith(u"seed-job.json"));
        // The printed bytes are the encoding of what they parse to (nothing spliced in wrongly) …
        QCOMPARE(writeJson(*printed), r.out);
        // … and that is the in-memory run object.
        QCOMPARE(withoutRunIdentity(*printed), withoutRunIdentity(*expected.run));
    }

    void zeroSolutionsIsAnAnswer() {
        const auto r =
            test::runWorkbench({QStringLiteral("rank"), test::samplePath(QStringLiteral("seed-job.json")),
                                QStringLiteral("--now"), kNow});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QString::fromUtf8(r.out).contains(
            QStringLiteral("No complete package: no eligible offering for auto, umbrella.")));
    }

    void gapOnlyCaseListsGapsInsteadOfPackages() {
        QTemporaryDir dir;
        JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        JsonValue input = root[u"input"];
        JsonValue config = JsonValue::object();
        config.insert(QStringLiteral("quote_matching"), false);
        config.insert(QStringLiteral("coverage_analysis"), true);
        input.insert(QStringLiteral("request_config"), config);
        root.insert(QStringLiteral("input"), input);
        const QString file = writeFile(dir, QStringLiteral("gaps.json"), writeJson(root));
        const auto r = test::runWorkbench({QStringLiteral("rank"), file, QStringLiteral("--now"), kNow});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY(out.contains(QStringLiteral("Gap analysis only")));
        QVERIFY(out.contains(QStringLiteral("critical home.dwelling_under_replacement")));
        QVERIFY(!out.contains(QStringLiteral("packages,")));
        const auto json = test::runWorkbench({QStringLiteral("rank"), file, QStringLiteral("--now"), kNow,
                                              QStringLiteral("--format"), QStringLiteral("json")});
        const auto run = parseJson(json.out);
        QVERIFY(run);
        QCOMPARE((*run)[u"solutions"].size(), 0);
        QCOMPARE((*run)[u"output"].size(), 2); // coverage_analysis and current_premium only (engine.md §10)
        QCOMPARE((*run)[u"output"][u"current_premium"].toDouble(), 3988.23);
    }

    void exitCodes() {
        QTemporaryDir dir;
        const QString bad =
            writeFile(dir, QStringLiteral("bad.json"),
                      R"({"input":{"address":{"state":"ZZ"},"coverage_types":["home"]},"offerings":[]})");
        const auto invalid = test::runWorkbench({QStringLiteral("rank"), bad});
        QCOMPARE(invalid.exitCode, 1);
        QVERIFY(QString::fromUtf8(invalid.err).contains(QStringLiteral("input.address.state: error")));
        const auto missing =
            test::runWorkbench({QStringLiteral("rank"), dir.filePath(QStringLiteral("none.json"))});
        QCOMPARE(missing.exitCode, 2);
        const auto badTop =
            test::runWorkbench({QStringLiteral("rank"), bad, QStringLiteral("--top"), QStringLiteral("0")});
        QCOMPARE(badTop.exitCode, 1);
        const auto badBucket = test::runWorkbench(
            {QStringLiteral("rank"), test::samplePath(QStringLiteral("brooklyn-household.json")),
             QStringLiteral("--appetite"), QStringLiteral("reckless")});
        QCOMPARE(badBucket.exitCode, 1);
        QVERIFY(QString::fromUtf8(badBucket.err).contains(QStringLiteral("unknown appetite bucket")));
    }

    // --top is a whole number from 1 to 10000; a huge one is refused with a message before the engine
    // reserves room for it (it once ran out of memory and crashed), in a single run and in a batch.
    void topIsBounded_data() {
        QTest::addColumn<QString>("top");
        QTest::addColumn<bool>("batch");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("solutions");
        QTest::newRow("zero") << "0" << false << 1 << "--top must be a whole number of at least 1" << -1;
        QTest::newRow("negative") << "-3" << false << 1 << "--top must be a whole number of at least 1" << -1;
        QTest::newRow("words") << "ten" << false << 1 << "--top must be a whole number of at least 1" << -1;
        QTest::newRow("a billion") << "1000000000" << false << 1 << "--top must be at most 10000" << -1;
        QTest::newRow("past int") << "99999999999" << false << 1 << "--top must be at most 10000" << -1;
        QTest::newRow("int max") << "2147483647" << false << 1 << "--top must be at most 10000" << -1;
        QTest::newRow("one past the limit") << "10001" << false << 1 << "--top must be at most 10000" << -1;
        QTest::newRow("a billion, batch") << "1000000000" << true << 1 << "--top must be at most 10000" << -1;
        // At the limit: every package the case has (the Brooklyn sample has 48).
        QTest::newRow("the limit") << "10000" << false << 0 << "" << 48;
        QTest::newRow("three") << "3" << false << 0 << "" << 3;
    }
    void topIsBounded() {
        QFETCH(QString, top);
        QFETCH(bool, batch);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QFETCH(int, solutions);
        QStringList args{
            QStringLiteral("rank"),     test::samplePath(QStringLiteral("brooklyn-household.json")),
            QStringLiteral("--now"),    kNow,
            QStringLiteral("--format"), QStringLiteral("json"),
            QStringLiteral("--top"),    top};
        if (batch) args << QStringLiteral("--batch");
        const auto r = test::runWorkbench(args);
        QCOMPARE(r.exitCode, exitCode);
        if (!message.isEmpty()) {
            QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("rank: ") + message),
                     r.err.constData());
            QVERIFY(r.out.isEmpty());
        }
        if (solutions >= 0) {
            const auto run = parseJson(r.out);
            QVERIFY(run);
            QCOMPARE((*run)[u"solutions"].size(), solutions);
        }
    }

    void batchWritesOneLinePerCase() {
        QTemporaryDir dir;
        QFile::copy(test::samplePath(QStringLiteral("brooklyn-household.json")),
                    dir.filePath(QStringLiteral("a.json")));
        QFile::copy(test::samplePath(QStringLiteral("seed-job.json")),
                    dir.filePath(QStringLiteral("b.json")));
        writeFile(dir, QStringLiteral("c.json"), "{ not json");
        const auto r = test::runWorkbench(
            {QStringLiteral("rank"), QStringLiteral("--batch"), dir.path(), QStringLiteral("--now"), kNow});
        QCOMPARE(r.exitCode, 2); // one case is malformed: it cannot be parsed
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const auto a = parseJson(lines[0]), b = parseJson(lines[1]), c = parseJson(lines[2]);
        QVERIFY(a && b && c);
        QVERIFY((*a)[u"file"].toString().endsWith(QStringLiteral("a.json")));
        QCOMPARE((*a)[u"status"].toString(), QStringLiteral("ranked"));
        QCOMPARE((*a)[u"run"][u"output"][u"solution_count"].toDouble(), 48.0);
        QCOMPARE((*b)[u"run"][u"output"][u"missing_lines"].size(), 2);
        QCOMPARE((*c)[u"status"].toString(), QStringLiteral("unreadable"));
        QVERIFY((*c)[u"problems"].at(0)[u"message"].toString().contains(QStringLiteral("line 1")));
    }

    void profiles() {
        // Unknown keys, wrong types and weights that do not sum to 1 are errors.
        auto errorsOf = [](const char *json) {
            return loadProfile(*parseJson(QByteArray(json))).errors.join(u'|');
        };
        QVERIFY(errorsOf(R"({"pricing":{"bundle_break_uplift":0.1,"surprise":1}})")
                    .contains(QStringLiteral("pricing.surprise: unknown key")));
        QVERIFY(
            errorsOf(R"({"blocked_cap":"39"})").contains(QStringLiteral("blocked_cap: must be a number")));
        QVERIFY(errorsOf(R"({"weights":{"balanced":{"coverage":0.2}}})")
                    .contains(QStringLiteral("weights.balanced: weights sum to 0.95")));
        QVERIFY(errorsOf(R"({"weights":{"balanced":{"coverage":0.2,"pricing":0.3}}})").isEmpty());

        // A profile that values placement above all moves the one-carrier bundle further ahead, and the
        // bundled profile is untouched.
        QTemporaryDir dir;
        const QString profile =
            writeFile(dir, QStringLiteral("p.json"),
                      R"({"weights":{"balanced":{"coverage":0.05,"pricing":0.05,"financial":0.05,
                                              "appetite":0.05,"placement":0.75,"service":0.05}}})");
        const QString sample = test::samplePath(QStringLiteral("brooklyn-household.json"));
        const auto r =
            test::runWorkbench({QStringLiteral("rank"), sample, QStringLiteral("--now"), kNow,
                                QStringLiteral("--profile"), profile, QStringLiteral("--format"),
                                QStringLiteral("json"), QStringLiteral("--top"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        const auto run = parseJson(r.out);
        QVERIFY(run);
        const JsonValue &top = (*run)[u"solutions"].at(0);
        QCOMPARE(top[u"scorecard"][u"dimensions"][u"placement"][u"weight"].toDouble(), 0.75);
        QCOMPARE(top[u"offerings"].at(0)[u"id"].toString(), QStringLiteral("quote_line_harborview_home_001"));
        const QString badProfile =
            writeFile(dir, QStringLiteral("bad.json"), R"({"weights":{"balanced":{"coverage":2}}})");
        const auto bad =
            test::runWorkbench({QStringLiteral("rank"), sample, QStringLiteral("--profile"), badProfile});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(QString::fromUtf8(bad.err).contains(QStringLiteral("weights sum to")));
    }
};

QTEST_GUILESS_MAIN(TestCliRank)
#include "tst_clirank.moc"
