// SPDX-License-Identifier: MIT
// The time in the ranking's progress line counts from the start of the job it describes: a ranking that
// replaces one still in flight (a new edit, another case opened, another appetite bucket) starts again
// from 0 s, instead of counting on from the first job of a burst (13 s became 43 s through edits; a
// small case opened during a ranking showed "23 s" at once).
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "casepage.h"
#include "mainwindow.h"
#include "rankingcontroller.h"
#include "rankinghold.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QTabWidget>
#include <QTest>

using namespace pw;

namespace {

QString elapsedText(MainWindow &w) {
    auto *l = w.findChild<QLabel *>(QStringLiteral("rankingProgressElapsed"));
    return l && l->isVisibleTo(&w) ? l->text() : QString();
}

// The current home policy's annual premium field, typed into as a person does.
void typeCurrentPremium(MainWindow &w, const QString &text) {
    QLineEdit *e = test::currentHomeField(w, QStringLiteral("field_annual_premium"));
    QVERIFY(e);
    test::typeAndTab(e, text);
}

} // namespace

class TestRankingTimer : public QObject {
    Q_OBJECT

private slots:
    void timerCountsFromTheJobItDescribes_data() {
        QTest::addColumn<QString>("replacement"); // what starts the job that replaces the one in flight
        QTest::newRow("a new edit") << "edit";
        QTest::newRow("another case opened") << "open";
        QTest::newRow("another appetite bucket (a re-rank)") << "bucket";
    }

    void timerCountsFromTheJobItDescribes() {
        QFETCH(QString, replacement);
        std::unique_ptr<MainWindow> w(test::openWindowOnSample());
        QVERIFY(w);
        RankingController *ranking = w->ranking();
        test::RankingHold hold(ranking); // every later ranking waits at its Ranking stage
        const auto releaseOnExit = qScopeGuard([&hold] { hold.release(); }); // a failing row too
        typeCurrentPremium(*w, QStringLiteral("4100"));
        QVERIFY(ranking->isBusy());
        // The first job has been running for over a second.
        QTRY_COMPARE_WITH_TIMEOUT(elapsedText(*w), QStringLiteral("1 s"), 5000);

        if (replacement == u"edit") {
            typeCurrentPremium(*w, QStringLiteral("4200"));
        } else if (replacement == u"open") {
            QVERIFY(w->openSample(QStringLiteral("brooklyn-household.json")));
        } else {
            auto *bucket = w->findChild<QComboBox *>(QStringLiteral("appetiteCombo"));
            QVERIFY(bucket);
            QVERIFY(bucket->count() > 1);
            bucket->setFocus();
            QTest::keyClick(bucket, bucket->currentIndex() > 0 ? Qt::Key_Up : Qt::Key_Down);
        }
        QCoreApplication::processEvents();
        QVERIFY(ranking->isBusy());
        QVERIFY2(ranking->progress().elapsedMs < 1000,
                 qPrintable(QString::number(ranking->progress().elapsedMs)));
        QCOMPARE(elapsedText(*w), QStringLiteral("0 s")); // not the first job's time
        // …and it counts on from there, second by second.
        QTRY_COMPARE_WITH_TIMEOUT(elapsedText(*w), QStringLiteral("1 s"), 3000);

        hold.release();
        QVERIFY(ranking->waitForIdle(10000));
        QCOMPARE(elapsedText(*w), QString()); // the strip is gone once the ranking has handed back
    }
};

QTEST_MAIN(TestRankingTimer)
#include "tst_rankingtimer.moc"
