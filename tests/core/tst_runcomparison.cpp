// SPDX-License-Identifier: MIT
// Local versus remote runs: same top package, label agreement and cost differences, stated plainly.
#include "remote/runcomparison.h"

#include <QTest>

using namespace pw;

namespace {

JsonValue run(const char *json) {
    auto v = parseJson(QByteArray(json));
    if (!v) qFatal("bad test JSON");
    return *v;
}

const char *kLocal = R"({"status":"completed","solutions":[
 {"rank":1,"cluster_label":"recommended","label_winner":true,"offerings":[{"id":"h1"},{"id":"a1"}],
  "est_cost_low":6620,"est_cost_high":6620,"scorecard":{"overall_level":"L1"}},
 {"rank":2,"cluster_label":"best_value","label_winner":true,"offerings":[{"id":"h2"},{"id":"a1"}],
  "est_cost_low":5940,"est_cost_high":6300.5,"scorecard":{"overall_level":"L1"}},
 {"rank":3,"cluster_label":"simplest","label_winner":true,"offerings":[{"id":"h3"},{"id":"a3"}],
  "est_cost_low":7000,"est_cost_high":7100,"scorecard":{"overall_level":"L2"}},
 {"rank":4,"cluster_label":"best_value","label_winner":false,"offerings":[{"id":"h9"},{"id":"a9"}],
  "est_cost_low":9000,"est_cost_high":9000,"scorecard":{"overall_level":"L3"}}]})";

} // namespace

class TestRunComparison : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void agreementAndDifferences() {
        // Remote: same top package (ids listed in another order), best_value won by another package,
        // simplest the same, a remote-only package, a different cost for h2+a1, unknown fields.
        const JsonValue remote = run(R"({"status":"completed","x_new":1,"solutions":[
 {"rank":1,"cluster_label":"recommended","label_winner":true,"offerings":[{"id":"a1"},{"id":"h1"}],
  "est_cost_low":6620,"est_cost_high":6620,"scorecard":{"overall_level":"L1","x_dim":{}}},
 {"rank":2,"cluster_label":"best_value","label_winner":true,"offerings":[{"id":"h7"},{"id":"a7"}],
  "est_cost_low":5800,"est_cost_high":5800,"scorecard":{"overall_level":"L2"}},
 {"rank":3,"cluster_label":"simplest","label_winner":true,"offerings":[{"id":"h3"},{"id":"a3"}],
  "est_cost_low":7000,"est_cost_high":7100,"scorecard":{"overall_level":"L2"}},
 {"rank":4,"cluster_label":"best_coverage","label_winner":false,"offerings":[{"id":"h2"},{"id":"a1"}],
  "est_cost_low":6000,"est_cost_high":6300.5,"scorecard":{"overall_level":"L1"}}]})");
        const RunComparison c = compareRuns(run(kLocal), remote);
        QVERIFY(c.sameTopPackage);
        QCOMPARE(c.localCount, 4);
        QCOMPARE(c.remoteCount, 4);
        QCOMPARE(int(c.labels.size()), 3); // recommended, best_value, simplest (best_coverage won nowhere)
        QCOMPARE(c.labels[0].label, QStringLiteral("recommended"));
        QVERIFY(c.labels[0].same);
        QCOMPARE(c.labels[1].label, QStringLiteral("best_value"));
        QVERIFY(!c.labels[1].same);
        QCOMPARE(c.labels[1].remote->offeringIds, (QStringList{QStringLiteral("h7"), QStringLiteral("a7")}));
        QCOMPARE(c.labels[2].label, QStringLiteral("simplest"));
        QVERIFY(c.labels[2].same);

        QCOMPARE(int(c.costs.size()), 3); // h1+a1, h2+a1, h3+a3
        QCOMPARE(c.costs[1].offeringIds, (QStringList{QStringLiteral("h2"), QStringLiteral("a1")}));
        QCOMPARE(c.costs[1].localRank, 2);
        QCOMPARE(c.costs[1].remoteRank, 4);
        QCOMPARE(*c.costs[1].lowDelta, 60.0);
        QCOMPARE(*c.costs[1].highDelta, 0.0);
        QCOMPARE(c.localOnly, 1);
        QCOMPARE(c.remoteOnly, 1);
        QCOMPARE(c.summary(),
                 QStringLiteral("Same top package; 2 of 3 labels agree; 3 packages on both sides, 2 with "
                                "the same cost; 1 only local, 1 only remote."));

        const QString text = renderComparisonTable(c);
        QVERIFY2(text.contains(u"Local vs remote: Same top package"), qPrintable(text));
        QVERIFY2(text.contains(u"best_value"), qPrintable(text));
        QVERIFY2(text.contains(u"+$60.00"), qPrintable(text));
        QVERIFY2(text.contains(u"h7 + a7"), qPrintable(text));
        QVERIFY2(text.contains(u"2/4"), qPrintable(text));
    }

    void differentTop() {
        const JsonValue remote =
            run(R"({"solutions":[{"rank":1,"cluster_label":"recommended","label_winner":true,
 "offerings":[{"id":"h2"},{"id":"a1"}],"est_cost_low":5940,"est_cost_high":6300.5}]})");
        const RunComparison c = compareRuns(run(kLocal), remote);
        QVERIFY(!c.sameTopPackage);
        QVERIFY(c.summary().startsWith(u"Different top packages; 0 of 1 labels agree"));
        QVERIFY(renderComparisonTable(c).contains(u"Top package: local h1 + a1; remote h2 + a1"));
    }

    void emptyAndMissing() {
        const RunComparison none = compareRuns(run(R"({"solutions":[]})"), run(R"({"status":"failed"})"));
        QVERIFY(!none.sameTopPackage);
        QCOMPARE(none.summary(), QStringLiteral("Neither run has a solution."));
        const RunComparison oneSide = compareRuns(run(kLocal), run(R"({"solutions":"garbage"})"));
        QCOMPARE(oneSide.summary().left(34), QStringLiteral("Only the local run has solutions; "));
        QVERIFY(!renderComparisonTable(oneSide).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "tst_runcomparison.moc"
