// SPDX-License-Identifier: MIT
// Cancelling "Rank the top 200" of a large case leaves its short list as it was: the case did not change,
// so the top 10 shown are still current — not greyed, not "(stale)" — and the banner says only that the
// longer list was cancelled. A ranking cancelled after an edit still leaves the earlier run stale.
#include "windowfixture.h"

#include "casedocument.h"
#include "casegen.h"
#include "mainwindow.h"
#include "progressstrip.h"
#include "rankingcontroller.h"
#include "rankinghold.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace pw;

class TestCancelledLongList : public QObject {
    Q_OBJECT

private slots:
    void cancellingKeepsACurrentRunCurrent_data() {
        QTest::addColumn<QString>("what");   // the ranking that is cancelled
        QTest::addColumn<bool>("stale");     // the run shown afterwards
        QTest::addColumn<QString>("banner"); // what the banner starts with
        QTest::newRow("the top 200 of the same case")
            << "whole top" << false
            << QStringLiteral("<b>Ranking the top 200 cancelled.</b> The 10 best below");
        QTest::newRow("a ranking after an edit")
            << "edit" << true << QStringLiteral("<b>Ranking cancelled.</b> The greyed results below");
    }

    void cancellingKeepsACurrentRunCurrent() {
        QFETCH(QString, what);
        QFETCH(bool, stale);
        QFETCH(QString, banner);
        MainWindow w;
        const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto"),
                                   QStringLiteral("umbrella")};
        // 470³ ≈ 1.04 × 10⁸ packages: ranked for its short list first.
        QVERIFY(test::showWindowWithCase(w, bench::generateCase(lines, {470, 470, 470}, 20, 7)));
        RankingController *ranking = w.ranking();
        QVERIFY(ranking->waitForIdle(120000));
        QVERIFY(ranking->isTopShortened());
        const JsonValue shortList = ranking->run();

        test::RankingHold hold(ranking);
        if (what == u"whole top") {
            auto *wholeTop = w.findChild<QPushButton *>(QStringLiteral("rankWholeTop"));
            QVERIFY(wholeTop && wholeTop->isVisible());
            QTest::mouseClick(wholeTop, Qt::LeftButton);
        } else {
            w.document()->setValue(QStringLiteral("input.appetite_bucket"),
                                   JsonValue(QStringLiteral("simplicity")));
        }
        QTRY_VERIFY_WITH_TIMEOUT(hold.isHeld(), 60000);
        auto *strip = w.findChild<ProgressStrip *>(QStringLiteral("rankingProgress"));
        QVERIFY(strip);
        auto *cancel = strip->findChild<QPushButton *>(QStringLiteral("rankingProgressCancel"));
        QVERIFY(cancel && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        hold.release();
        QVERIFY(ranking->waitForIdle(60000));
        QVERIFY(ranking->wasCancelled());

        QCOMPARE(ranking->run(), shortList);
        QCOMPARE(ranking->isStale(), stale);
        auto *count = w.findChild<QLabel *>(QStringLiteral("packageCount"));
        QVERIFY(count);
        QCOMPARE(count->text().contains(QStringLiteral("(stale)")), stale);
        auto *label = w.findChild<QLabel *>(QStringLiteral("resultsBanner"));
        QVERIFY(label && label->isVisibleTo(&w));
        QVERIFY2(label->text().startsWith(banner), qPrintable(label->text()));
    }
};

QTEST_MAIN(TestCancelledLongList)
#include "tst_cancelledlonglist.moc"
