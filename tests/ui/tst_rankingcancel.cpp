// SPDX-License-Identifier: MIT
// A long ranking in the window is cancelled when it becomes useless: a new edit, loading another case,
// and destroying the controller (quitting, closing the window) stop it at once instead of letting it
// run on for minutes (a billion packages here) or keeping the application from quitting.
#include "backgroundwork.h"
#include "casedocument.h"
#include "rankingcontroller.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtTest>

#include <memory>

using namespace pw;

namespace {

// 1,000 offerings per line that are all alike (one carrier, one premium, the same limits): 10^9 packages
// with the same cost and score, so no bound can rule any out (each could equal the lowest cost, or tie its
// way into the top by the later keys) and the searches have to visit them all, far more than the test's
// limits allow, however well the bounds prune cases whose packages differ.
JsonValue alikeCase() {
    JsonValue root = test::plainCase({1000, 1000, 1000});
    JsonValue offerings = root[u"offerings"];
    for (JsonValue &o : offerings.arrayItemsMut()) {
        o.insert(QStringLiteral("provider_id"), QStringLiteral("carrier-0"));
        JsonValue c = o[u"coverage"];
        if (c.contains(QStringLiteral("liability_limit")))
            c.insert(QStringLiteral("liability_limit"), 400000);
        if (c.contains(QStringLiteral("bi_per_person"))) {
            c.insert(QStringLiteral("bi_per_person"), 250000);
            c.insert(QStringLiteral("bi_per_accident"), 500000);
        }
        if (c.contains(QStringLiteral("required_underlying"))) {
            JsonValue req = JsonValue::object();
            req.insert(QStringLiteral("auto_bi_per_person"), 250000);
            req.insert(QStringLiteral("home_liability"), 300000);
            c.insert(QStringLiteral("required_underlying"), req);
        }
        o.insert(QStringLiteral("coverage"), c);
        JsonValue a = JsonValue::object();
        a.insert(QStringLiteral("line_premium_annual"), 800);
        o.insert(QStringLiteral("attributes"), a);
    }
    root.insert(QStringLiteral("offerings"), offerings);
    return root;
}

// Processes events until the job in flight enumerates the packages (the search for the pricing reference or
// the ranking's: the long part), or the time is up.
bool waitForEnumeration(const RankingController &ranking, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        const auto stage = ranking.progress().stage;
        if (ranking.isBusy() &&
            (stage == EngineProgress::Stage::Pricing || stage == EngineProgress::Stage::Ranking))
            return true;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return false;
}

} // namespace

class TestRankingCancel : public QObject {
    Q_OBJECT

private slots:
    void cancelledByWhatMakesItUseless_data() {
        QTest::addColumn<QString>("event");
        QTest::newRow("loading another case") << QStringLiteral("load");
        QTest::newRow("an edit") << QStringLiteral("edit");
        QTest::newRow("closing (destroying the controller)") << QStringLiteral("close");
    }

    void cancelledByWhatMakesItUseless() {
        QFETCH(QString, event);
        CaseDocument doc;
        auto ranking = std::make_unique<RankingController>(&doc, nullptr);
        doc.load(alikeCase(), QString()); // an edit of the whole case: the controller starts preparing
        QVERIFY(waitForEnumeration(*ranking, 30000));
        QCOMPARE(ranking->progress().total, qint64(1000) * 1000 * 1000);
        QElapsedTimer t;
        t.start();
        if (event == u"close") {
            ranking.reset();
            // Nothing is left running on the pool once the controller is gone.
            QVERIFY(backgroundPool()->waitForDone(5000));
            QVERIFY2(t.elapsed() < 5000, qPrintable(QStringLiteral("%1 ms").arg(t.elapsed())));
            return;
        }
        if (event == u"load") {
            doc.load(test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json"))),
                     QString());
        } else {
            // The agent narrows the request to one line: 1,000 packages, ranked at once.
            JsonValue types = JsonValue::array();
            types.append(QStringLiteral("home"));
            doc.setValue(QStringLiteral("input.coverage_types"), types, QStringLiteral("Lines"));
        }
        QVERIFY(ranking->waitForIdle(5000));
        QVERIFY(backgroundPool()->waitForDone(5000));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QStringLiteral("%1 ms").arg(t.elapsed())));
        QVERIFY(ranking->hasRun());
        QCOMPARE(ranking->run()[u"output"][u"solution_count"].toDouble(), event == u"load" ? 48.0 : 1000.0);
    }
};

QTEST_MAIN(TestRankingCancel)
#include "tst_rankingcancel.moc"
