// SPDX-License-Identifier: MIT
// A long ranking in the window is cancelled when it becomes useless: a new edit, loading another case,
// and destroying the controller (quitting, closing the window) stop it at once instead of letting it
// run on for minutes (a billion packages here) or keeping the application from quitting.
#include "casedocument.h"
#include "rankingcontroller.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QtTest>

#include <memory>

using namespace pw;

namespace {

// 1,000 offerings per line: 10^9 packages, far too many to rank within the test's limits.
JsonValue hugeCase() {
    return test::plainCase({1000, 1000, 1000});
}

// Lets the job start on its worker and get into the enumeration.
void letItRun() {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 300)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
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
        doc.load(hugeCase(), QString()); // an edit of the whole case: the controller starts preparing
        letItRun();
        QVERIFY(ranking->isBusy());
        QElapsedTimer t;
        t.start();
        if (event == u"close") {
            ranking.reset();
            // Nothing is left running on the pool once the controller is gone.
            QVERIFY(QThreadPool::globalInstance()->waitForDone(5000));
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
        QVERIFY(QThreadPool::globalInstance()->waitForDone(5000));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QStringLiteral("%1 ms").arg(t.elapsed())));
        QVERIFY(ranking->hasRun());
        QCOMPARE(ranking->run()[u"output"][u"solution_count"].toDouble(), event == u"load" ? 48.0 : 1000.0);
    }
};

QTEST_MAIN(TestRankingCancel)
#include "tst_rankingcancel.moc"
