// SPDX-License-Identifier: MIT
// The engine on cases of any size: a run can be cancelled (the window stops a ranking that an edit,
// closing the case or quitting made useless), and the tables kept beside the search stay bounded.
#include "engine/bounds.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QtTest>

#include <set>
#include <thread>

using namespace pw;

namespace {

EngineOptions optionsWith(std::shared_ptr<std::atomic<bool>> cancel = {}) {
    EngineOptions o;
    o.now = test::fixedNow();
    o.cancel = std::move(cancel);
    return o;
}

} // namespace

class TestEngineBounds : public QObject {
    Q_OBJECT

private slots:
    void cancelledBeforeItStarts_data() {
        QTest::addColumn<bool>("cancelPrepare");
        QTest::newRow("while preparing") << true;
        QTest::newRow("while ranking") << false;
    }

    // A run whose flag is already set stops without a result, and says so.
    void cancelledBeforeItStarts() {
        QFETCH(bool, cancelPrepare);
        const JsonValue root = test::plainCase({30, 30, 30});
        auto cancel = std::make_shared<std::atomic<bool>>(cancelPrepare);
        const EngineOptions options = optionsWith(cancel);
        const Preparation prep = prepareCase(root, options);
        if (cancelPrepare) {
            QVERIFY(prep.cancelled);
            QVERIFY(!prep.prepared);
            QVERIFY(prep.problems.empty());
            return;
        }
        QVERIFY(!prep.cancelled);
        QVERIFY(prep.prepared);
        QCOMPARE(rankPrepared(*prep.prepared, options)[u"output"][u"solution_count"].toDouble(), 27000.0);
        cancel->store(true);
        QVERIFY(rankPrepared(*prep.prepared, options).isNull());
    }

    // Cancelled from another thread, a ranking that must look at hundreds of millions of packages (a top
    // N too long for the bounds to skip anything) stops within moments.
    void cancelledWhileRunning() {
        const JsonValue root = test::plainCase({600, 600, 600});
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        EngineOptions options = optionsWith(cancel);
        options.top = 100000;
        const Preparation prep = prepareCase(root, options);
        QVERIFY(prep.prepared);
        JsonValue run = JsonValue::object();
        QElapsedTimer t;
        std::thread worker([&] { run = rankPrepared(*prep.prepared, options); });
        QTest::qSleep(100);
        t.start();
        cancel->store(true);
        worker.join();
        QVERIFY(run.isNull());
        QVERIFY2(t.elapsed() < 2000, qPrintable(QStringLiteral("stopped after %1 ms").arg(t.elapsed())));
    }

    // Umbrellas with the same requirement share one row of the underlying tables, and no table grows
    // with the product of the lines: the 8.5 million packages are counted and searched, not stored.
    void tablesStayBounded() {
        const JsonValue root = test::plainCase({1030, 1030, 8});
        const Preparation prep = prepareCase(root, optionsWith());
        QVERIFY(prep.prepared);
        const PreparedCase &pc = *prep.prepared;
        QCOMPARE(pc.packageCount, 1030ll * 1030 * 8);
        const std::set<int> rows(pc.umbrellaRow.begin(), pc.umbrellaRow.end());
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(pc.underAuto.size(), size_t(4 * 1030));
        QCOMPARE(pc.underHome.size(), size_t(4 * 1030));
        // The counts and the reference as the full enumeration finds them.
        PreparedCase enumerated = pc;
        QVERIFY(computeReference(enumerated, Search::Exhaustive));
        QCOMPARE(enumerated.packageCount, pc.packageCount);
        QCOMPARE(enumerated.qualifiedCount, pc.qualifiedCount);
        QCOMPARE(enumerated.referenceMid, pc.referenceMid);
    }
};

QTEST_GUILESS_MAIN(TestEngineBounds)
#include "tst_enginebounds.moc"
