// SPDX-License-Identifier: MIT
// The engine on cases of any size: a run can be cancelled (the window stops a ranking that an edit,
// closing the case or quitting made useless), and the tables kept beside the enumeration stay bounded.
#include "engine/engine.h"
#include "engine/packages.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QtTest>

#include <set>
#include <thread>

using namespace pw;

namespace {

// `perLine` plain offerings per line (home, auto, umbrella), premiums varying, four umbrella requirements.
JsonValue plainCase(const std::vector<int> &perLine) {
    const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
    JsonValue input = JsonValue::object();
    JsonValue address = JsonValue::object();
    address.insert(QStringLiteral("state"), QStringLiteral("NY"));
    input.insert(QStringLiteral("address"), address);
    JsonValue types = JsonValue::array();
    for (size_t i = 0; i < perLine.size(); ++i)
        types.append(lines[qsizetype(i)]);
    input.insert(QStringLiteral("coverage_types"), types);
    JsonValue offerings = JsonValue::array();
    for (size_t li = 0; li < perLine.size(); ++li) {
        for (int k = 0; k < perLine[li]; ++k) {
            JsonValue o = JsonValue::object();
            o.insert(QStringLiteral("id"), QStringLiteral("%1-%2").arg(lines[qsizetype(li)]).arg(k));
            o.insert(QStringLiteral("provider_id"), QStringLiteral("carrier-%1").arg(k % 7));
            o.insert(QStringLiteral("category"), lines[qsizetype(li)]);
            JsonValue c = JsonValue::object();
            if (li == 0) c.insert(QStringLiteral("liability_limit"), 300000 + 100000 * (k % 3));
            if (li == 1) {
                c.insert(QStringLiteral("bi_per_person"), 100000 + 150000 * (k % 2));
                c.insert(QStringLiteral("bi_per_accident"), 300000 + 200000 * (k % 2));
            }
            if (li == 2) {
                JsonValue req = JsonValue::object();
                req.insert(QStringLiteral("auto_bi_per_person"), 100000 + 150000 * (k % 2));
                req.insert(QStringLiteral("home_liability"), 300000 + 100000 * ((k / 2) % 2));
                c.insert(QStringLiteral("required_underlying"), req);
                c.insert(QStringLiteral("umbrella_limit"), 1000000);
            }
            o.insert(QStringLiteral("coverage"), c);
            JsonValue a = JsonValue::object();
            a.insert(QStringLiteral("line_premium_annual"),
                     500 + (k * 37 + int(li) * 11) % 2000 + 0.25 * (k % 4));
            o.insert(QStringLiteral("attributes"), a);
            offerings.append(o);
        }
    }
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("input"), input);
    root.insert(QStringLiteral("offerings"), offerings);
    return root;
}

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
        const JsonValue root = plainCase({30, 30, 30});
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

    // Cancelled from another thread, a run of 216 million packages stops within moments.
    void cancelledWhileRunning() {
        const JsonValue root = plainCase({600, 600, 600});
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        const EngineOptions options = optionsWith(cancel);
        Preparation prep;
        QElapsedTimer t;
        std::thread worker([&] { prep = prepareCase(root, options); });
        QTest::qSleep(100);
        t.start();
        cancel->store(true);
        worker.join();
        QVERIFY(prep.cancelled);
        QVERIFY(!prep.prepared);
        QVERIFY2(t.elapsed() < 2000, qPrintable(QStringLiteral("stopped after %1 ms").arg(t.elapsed())));
    }

    // Past a million prefixes the per-prefix table is not kept, and umbrellas with the same requirement
    // share one row of the underlying tables: memory does not grow with the product of the lines.
    void tablesStayBounded() {
        const JsonValue root = plainCase({1030, 1030, 8});
        const Preparation prep = prepareCase(root, optionsWith());
        QVERIFY(prep.prepared);
        const PreparedCase &pc = *prep.prepared;
        QCOMPARE(pc.packageCount, 1030ll * 1030 * 8);
        QVERIFY(pc.prefixes.empty());
        const std::set<int> rows(pc.umbrellaRow.begin(), pc.umbrellaRow.end());
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(pc.underAuto.size(), size_t(4 * 1030));
        QCOMPARE(pc.underHome.size(), size_t(4 * 1030));
        // The same case with the table kept ranks the same.
        PreparedCase tabled = pc;
        QVERIFY(computeReference(tabled, size_t(1) << 21));
        QVERIFY(!tabled.prefixes.empty());
        EngineOptions options = optionsWith();
        options.top = 25;
        QCOMPARE(rankPrepared(tabled, options)[u"solutions"], rankPrepared(pc, options)[u"solutions"]);
    }
};

QTEST_GUILESS_MAIN(TestEngineBounds)
#include "tst_enginebounds.moc"
