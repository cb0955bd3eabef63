// SPDX-License-Identifier: MIT
// Versions and their diff: copy-and-re-quote keeps the original; fields and offerings compared by JSON
// path (offerings matched by id, not position); the ranking's top package, costs and labels compared.
#include "io/jsonpath.h"
#include "store/casediff.h"
#include "store/caselibrary.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

QString describe(const std::vector<JsonChange> &changes) {
    QStringList out;
    for (const JsonChange &c : changes) {
        QString line = JsonChange::kindName(c.kind) + u' ' + c.path;
        if (c.before) line += QStringLiteral(" ") + QString::fromUtf8(writeJson(*c.before, -1));
        line += QStringLiteral(" ->");
        if (c.after) line += QStringLiteral(" ") + QString::fromUtf8(writeJson(*c.after, -1));
        if (!c.offeringId.isEmpty()) line += QStringLiteral(" @") + c.offeringId;
        out << line;
    }
    return out.join(u'\n');
}

} // namespace

class TestCaseDiff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonDiff_data() {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<QString>("expected");
        QTest::newRow("same") << QByteArray(R"({"a":1,"b":[1,2]})") << QByteArray(R"({"a":1,"b":[1,2]})")
                              << QString();
        QTest::newRow("member order is not a change")
            << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"b":2,"a":1})") << QString();
        QTest::newRow("number changed")
            << QByteArray(R"({"input":{"premium":10}})") << QByteArray(R"({"input":{"premium":12.5}})")
            << "changed input.premium 10 -> 12.5";
        QTest::newRow("same number, other text")
            << QByteArray(R"({"p":10.50})") << QByteArray(R"({"p":10.5})") << QString();
        QTest::newRow("added and removed") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1,"c":3})")
                                           << "removed b 2 ->\nadded c -> 3";
        QTest::newRow("null is not absent")
            << QByteArray(R"({"a":null})") << QByteArray(R"({})") << "removed a null ->";
        QTest::newRow("type changed")
            << QByteArray(R"({"a":{"x":1}})") << QByteArray(R"({"a":[1]})") << R"(changed a {"x":1} -> [1])";
        QTest::newRow("plain array by position")
            << QByteArray(R"({"t":["home","auto"]})") << QByteArray(R"({"t":["home","umbrella","auto"]})")
            << "changed t[1] \"auto\" -> \"umbrella\"\nadded t[2] -> \"auto\"";
        QTest::newRow("offerings by id, moved is no change")
            << QByteArray(R"({"offerings":[{"id":"a","p":1},{"id":"b","p":2}]})")
            << QByteArray(R"({"offerings":[{"id":"b","p":2},{"id":"a","p":1}]})") << QString();
        QTest::newRow("offering changed, path in the new list")
            << QByteArray(R"({"offerings":[{"id":"a","p":1},{"id":"b","p":2}]})")
            << QByteArray(R"({"offerings":[{"id":"b","p":3},{"id":"a","p":1}]})")
            << "changed offerings[0].p 2 -> 3 @b";
        QTest::newRow("offering added and removed")
            << QByteArray(R"({"offerings":[{"id":"a"},{"id":"b"}]})")
            << QByteArray(R"({"offerings":[{"id":"a"},{"id":"c"}]})")
            << "added offerings[1] -> {\"id\":\"c\"} @c\nremoved offerings[1] {\"id\":\"b\"} -> @b";
        QTest::newRow("duplicate ids fall back to positions")
            << QByteArray(R"({"offerings":[{"id":"a","p":1},{"id":"a","p":2}]})")
            << QByteArray(R"({"offerings":[{"id":"a","p":2},{"id":"a","p":1}]})")
            << "changed offerings[0].p 1 -> 2\nchanged offerings[1].p 2 -> 1";
        QTest::newRow("drivers by driver_id")
            << QByteArray(R"({"drivers":[{"driver_id":"x","n":1},{"driver_id":"y","n":1}]})")
            << QByteArray(R"({"drivers":[{"driver_id":"y","n":2}]})")
            << "changed drivers[0].n 1 -> 2\nremoved drivers[0] {\"driver_id\":\"x\",\"n\":1} ->";
    }
    void jsonDiff() {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(QString, expected);
        const auto a = parseJson(before), b = parseJson(after);
        QVERIFY(a && b);
        QCOMPARE(describe(diffJson(*a, *b)), expected);
    }

    void requoteVersionsAndTheirDiff() {
        QTemporaryDir dir;
        auto lib = openCaseLibrary(dir.filePath(QStringLiteral("library.sqlite")));
        QVERIFY(lib->isOpen());
        const JsonValue original =
            test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
        SaveOptions o;
        o.author = QStringLiteral("agent");
        o.ranking = rankCaseSnapshot(original, test::fixedNow());
        const QByteArray originalBytes = writeJson(original);
        const auto v1 = lib->addCase(originalBytes, o);
        QVERIFY2(v1, qPrintable(lib->lastError()));

        // Copy and re-quote: Harborview's package becomes dearer than Keystone's best.
        const auto v2 = lib->copyVersion(*v1, QStringLiteral("Renewal 2027"), QStringLiteral("agent"));
        QVERIFY2(v2, qPrintable(lib->lastError()));
        JsonValue requote = original;
        for (int i = 0; i < requote[u"offerings"].size(); ++i) {
            const QString base = QStringLiteral("offerings[%1].attributes.").arg(i);
            if (requote[u"offerings"].at(i)[u"provider_name"].toString() != u"Harborview Mutual") continue;
            setJsonValueAt(requote, base + QStringLiteral("package_premium_annual"), 9100);
        }
        setJsonValueAt(requote, QStringLiteral("input.address.zip_code"), QStringLiteral("11215"));
        SaveOptions o2 = o;
        o2.ranking = rankCaseSnapshot(requote, test::fixedNow());
        QVERIFY(lib->saveVersion(*v2, writeJson(requote), o2));

        // The original is intact, both are listed, the case shows the newest.
        const auto first = lib->version(*v1);
        QCOMPARE(first->body, originalBytes);
        const auto versions = lib->versions(first->caseId);
        QCOMPARE(versions.size(), size_t(2));
        QCOMPARE(versions[0].number, 1);
        QCOMPARE(versions[1].number, 2);
        QCOMPARE(versions[1].label, QStringLiteral("Renewal 2027"));
        QCOMPARE(versions[1].parentVersionId, *v1);
        QCOMPARE(lib->caseById(first->caseId)->versionId, *v2);
        QCOMPARE(lib->caseById(first->caseId)->versionCount, 2);

        const auto second = lib->version(*v2);
        const auto changes = diffJson(*parseJson(first->body), *parseJson(second->body));
        QStringList paths;
        for (const JsonChange &c : changes)
            paths << c.path;
        QVERIFY(paths.contains(QStringLiteral("input.address.zip_code")));
        QVERIFY(paths.contains(QStringLiteral("offerings[0].attributes.package_premium_annual")));
        for (const JsonChange &c : changes)
            if (c.path.startsWith(u"offerings"))
                QVERIFY2(c.offeringId.contains(QStringLiteral("harborview")), qPrintable(c.offeringId));

        const RankingDiff r = diffRankings(first->ranking, second->ranking);
        QVERIFY2(r.topChanged, qPrintable(renderCaseDiff(changes, r)));
        QVERIFY(r.topBefore.startsWith(
            QStringLiteral("Harborview Mutual / Harborview Mutual / Harborview Mutual")));
        QVERIFY2(!r.topAfter.startsWith(QStringLiteral("Harborview Mutual / Harborview Mutual / Harborview")),
                 qPrintable(r.topAfter));
        const auto harborview = std::find_if(r.moves.begin(), r.moves.end(), [&](const RankingMove &m) {
            return m.key == first->ranking.top()->key;
        });
        QVERIFY(harborview != r.moves.end());
        QCOMPARE(harborview->rankBefore, 1);
        QCOMPARE(harborview->costBefore, 6620.0);
        QCOMPARE(harborview->labelBefore, QStringLiteral("recommended"));
        QVERIFY(harborview->rankAfter != 1);
        if (harborview->costAfter) QCOMPARE(*harborview->costAfter, 9100.0);
        const QString text = renderCaseDiff(changes, r);
        QVERIFY(text.contains(QStringLiteral("changed   input.address.zip_code: \"11231\" → \"11215\"")));
        QVERIFY(text.contains(QStringLiteral("Ranking: top package changed")));
        QVERIFY(text.contains(QStringLiteral("rank #1 → ")));
    }

    void unrankedVersions() {
        const RankingDiff r = diffRankings(RankingSnapshot(), RankingSnapshot());
        QVERIFY(!r.topChanged);
        QVERIFY(r.moves.empty());
        QVERIFY(renderCaseDiff({}, r).contains(QStringLiteral("neither version was ranked")));
    }
};

QTEST_GUILESS_MAIN(TestCaseDiff)
#include "tst_casediff.moc"
