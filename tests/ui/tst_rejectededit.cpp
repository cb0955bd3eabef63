// SPDX-License-Identifier: MIT
// An edit the window refuses leaves the case as it was: the case is not marked modified and no ranking
// starts, and its ranking stays current (no "fix to re-rank" banner: the refused text is pointed out in
// its field and the Problems dock); putting back the value the case holds starts none either. The "fix to
// re-rank" banner follows the latest validation at once: it goes when the problem is fixed (or the edit
// undone), not when the next ranking ends.
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "rankingcontroller.h"
#include "rankinghold.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace pw;

namespace {

// Types `text` into a form field (Return, as a person confirms it) or an offering's table cell.
void typeInto(MainWindow &w, const QString &where, const QString &text) {
    if (where == u"offering premium cell") {
        test::typeIntoOfferingCell(w, 0, QStringLiteral("attributes.line_premium_annual"), text);
    } else {
        QLineEdit *e = test::currentHomeField(w, QStringLiteral("field_annual_premium"));
        QVERIFY(e);
        e->setFocus();
        e->selectAll();
        QTest::keyClick(e, Qt::Key_Delete);
        QTest::keyClicks(e, text);
        QTest::keyClick(e, Qt::Key_Return);
    }
    QCoreApplication::processEvents();
}

QString bannerText(MainWindow &w) {
    auto *banner = w.findChild<QLabel *>(QStringLiteral("resultsBanner"));
    return banner && banner->isVisibleTo(&w) ? banner->text() : QString();
}

} // namespace

class TestRejectedEdit : public QObject {
    Q_OBJECT

private slots:
    void refusedEditChangesNothing_data() {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("refused");
        QTest::newRow("offering premium cell") << "offering premium cell"
                                               << "offerings[0].attributes.line_premium_annual"
                                               << "-50";
        QTest::newRow("current premium field") << "current premium field"
                                               << "input.current_coverage.home.annual_premium"
                                               << "-50";
        QTest::newRow("letters in the cell") << "offering premium cell"
                                             << "offerings[0].attributes.line_premium_annual"
                                             << "12O0";
    }

    void refusedEditChangesNothing() {
        QFETCH(QString, where);
        QFETCH(QString, path);
        QFETCH(QString, refused);
        std::unique_ptr<MainWindow> w(test::openWindowOnSample());
        QVERIFY(w);
        RankingController *ranking = w->ranking();
        const JsonValue before = w->document()->value(path);
        QVERIFY(before.isNumber());
        const JsonValue runBefore = ranking->run();
        QSignalSpy rankings(ranking, &RankingController::busyChanged);

        typeInto(*w, where, refused);
        QCOMPARE(w->document()->refusedText(path), std::optional<QString>(refused));
        QCOMPARE(w->document()->value(path), before);
        QVERIFY(!w->document()->isModified());
        QVERIFY(!w->isWindowModified());
        QCOMPARE(rankings.count(), 0); // no ranking started
        QVERIFY(ranking->waitForIdle(10000));
        QCOMPARE(ranking->run(), runBefore);
        // The case is as it was: its ranking stands, not greyed, nothing to fix before it re-ranks.
        QVERIFY2(!bannerText(*w).contains(QStringLiteral("Fix")), qPrintable(bannerText(*w)));
        QVERIFY(!ranking->isStale());

        // The value the case holds, typed back: the refusal goes, and still nothing was changed or ranked.
        typeInto(*w, where, QString::number(before.toDouble()));
        QCOMPARE(w->document()->refusedText(path), std::nullopt);
        QCOMPARE(w->document()->value(path), before);
        QVERIFY(!w->document()->isModified());
        QVERIFY(!w->isWindowModified());
        QCOMPARE(rankings.count(), 0);
        QVERIFY2(!bannerText(*w).contains(QStringLiteral("Fix")), qPrintable(bannerText(*w)));
        QVERIFY(!ranking->isStale());
    }

    void fixBannerFollowsTheLatestValidation_data() {
        QTest::addColumn<QString>("fix"); // how the problem is fixed
        QTest::newRow("undo") << "undo";
        QTest::newRow("typing a valid date") << "type";
    }

    void fixBannerFollowsTheLatestValidation() {
        QFETCH(QString, fix);
        std::unique_ptr<MainWindow> w(test::openWindowOnSample());
        QVERIFY(w);
        RankingController *ranking = w->ranking();
        // Rankings after the fix are held at their Ranking stage, so the banner is seen while one runs.
        test::RankingHold hold(ranking);
        w->caseEditor()->showSection(CaseEditor::Insured);
        auto *dob = w->caseEditor()
                        ->page(CaseEditor::Insured)
                        ->findChild<QLineEdit *>(QStringLiteral("field_date_of_birth"));
        QVERIFY(dob);
        const QString valid = dob->text();
        test::typeAndTab(dob, QStringLiteral("01/01/2099")); // a birth date in the future: an error
        QVERIFY(ranking->waitForIdle(10000));
        QVERIFY2(bannerText(*w).contains(QStringLiteral("Fix 1 problem(s) to re-rank")),
                 qPrintable(bannerText(*w)));

        if (fix == u"undo")
            w->findChild<QAction *>(QStringLiteral("actionUndo"))->trigger();
        else
            test::typeAndTab(dob, valid);
        QCoreApplication::processEvents();
        QVERIFY(ranking->isBusy()); // the case ranks again…
        QVERIFY2(!bannerText(*w).contains(QStringLiteral("Fix")), qPrintable(bannerText(*w))); // …unblamed
        QCOMPARE(ranking->errorCount(), 0);
        hold.release();
        QVERIFY(ranking->waitForIdle(10000));
        QVERIFY(!ranking->isStale());
        QVERIFY2(!bannerText(*w).contains(QStringLiteral("Fix")), qPrintable(bannerText(*w)));
    }
};

QTEST_MAIN(TestRejectedEdit)
#include "tst_rejectededit.moc"
