// SPDX-License-Identifier: MIT
// The window ranks a case of more than RankingController::kLargeEnumeration packages for its short list
// first (the best 10, what `rank` returns by default), because the top 200 of the 50 MB case's 3 trillion
// packages took nearly twice as long as the command line's ranking; the banner says so and "Rank the top
// 200" ranks the whole list, whose first ten are the short list's exactly. Smaller cases are ranked for
// the whole top at once.
#include "casedocument.h"
#include "casegen.h"
#include "mainwindow.h"
#include "rankingcontroller.h"
#include "windowfixture.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QtTest>

using namespace pw;

namespace {

QStringList solutionKeys(const JsonValue &run) {
    QStringList keys;
    for (const JsonValue &s : run[u"solutions"].arrayItems()) {
        QStringList ids;
        for (const JsonValue &o : s[u"offerings"].arrayItems())
            ids << o[u"id"].toString();
        keys << QString::number(s[u"rank"].toDouble()) + u':' + ids.join(u'+');
    }
    return keys;
}

} // namespace

class TestRankingShortList : public QObject {
    Q_OBJECT

private slots:
    void largeCasesAreRankedForTheirShortListFirst_data() {
        QTest::addColumn<int>("perLine");     // offerings per line, 3 lines
        QTest::addColumn<int>("firstListed"); // solutions of the first ranking
        QTest::addColumn<bool>("shortened");
        // 470³ ≈ 1.04 × 10⁸ packages: just over the bound.
        QTest::newRow("470 per line (1.04e8 packages)") << 470 << RankingController::kQuickTop << true;
        // 460³ ≈ 0.97 × 10⁸: just under it, the whole top at once.
        QTest::newRow("460 per line (0.97e8 packages)") << 460 << 200 << false;
        QTest::newRow("40 per line") << 40 << 200 << false;
    }

    void largeCasesAreRankedForTheirShortListFirst() {
        QFETCH(int, perLine);
        QFETCH(int, firstListed);
        QFETCH(bool, shortened);
        MainWindow w;
        const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto"),
                                   QStringLiteral("umbrella")};
        QVERIFY(test::showWindowWithCase(w, bench::generateCase(lines, {perLine, perLine, perLine}, 20, 7)));
        RankingController *ranking = w.ranking();
        QVERIFY(ranking->waitForIdle(120000));
        QVERIFY(ranking->hasRun());
        const JsonValue first = ranking->run();
        const qint64 packages = qint64(first[u"output"][u"solution_count"].toDouble());
        QCOMPARE(packages > RankingController::kLargeEnumeration, shortened);
        QCOMPARE(first[u"solutions"].size(), firstListed);
        QCOMPARE(ranking->isTopShortened(), shortened);

        auto *banner = w.findChild<QLabel *>(QStringLiteral("resultsBanner"));
        auto *wholeTop = w.findChild<QPushButton *>(QStringLiteral("rankWholeTop"));
        QVERIFY(banner && wholeTop);
        QCOMPARE(wholeTop->isVisible(), shortened);
        if (!shortened) return;
        QVERIFY2(banner->isVisible() && banner->text().contains(QStringLiteral("The 10 best of")) &&
                     banner->text().contains(QLocale().toString(packages)),
                 qPrintable(banner->text()));

        // The whole top, on request: its first ten are the short list, in the same order.
        QTest::mouseClick(wholeTop, Qt::LeftButton);
        QVERIFY(ranking->isBusy());
        QVERIFY(ranking->waitForIdle(240000));
        QVERIFY(!ranking->isTopShortened());
        QVERIFY(!wholeTop->isVisible());
        const JsonValue whole = ranking->run();
        QCOMPARE(whole[u"solutions"].size(), ranking->top());
        QCOMPARE(solutionKeys(whole).mid(0, RankingController::kQuickTop), solutionKeys(first));
        QCOMPARE(whole[u"output"][u"solution_count"].toDouble(), double(packages));
        // An edit keeps the whole top the agent asked for.
        w.document()->setValue(QStringLiteral("input.appetite_bucket"),
                               JsonValue(QStringLiteral("simplicity")));
        QVERIFY(ranking->waitForIdle(240000));
        QCOMPARE(ranking->run()[u"solutions"].size(), ranking->top());
    }
};

QTEST_MAIN(TestRankingShortList)
#include "tst_rankingshortlist.moc"
