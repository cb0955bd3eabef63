// SPDX-License-Identifier: MIT
// The Offerings table's Status column (and what derives from it: the carrier struck through, the reason
// in the tooltip, the line under the table) follows the case as it stands. After an edit that changes an
// offering's verdict (its premium set to $0, the insured moved to a state the carrier writes) it never shows
// the last run's verdict as if it were current: an error the validation finds is shown at once, and while the
// ranking that will judge the edit runs the row says "ranking…" (or "checking…" while the edit is validated
// on a worker), until the new verdict arrives.
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "casepage.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "rankingcontroller.h"
#include "rankinghold.h"

#include <QApplication>
#include <QComboBox>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace pw;

namespace {

// Types an offering id into the detail pane's Offering ID field of the selected `row`, as a person does.
void typeOfferingId(MainWindow &w, int row, const QString &id) {
    w.caseEditor()->showSection(CaseEditor::Offerings);
    auto *view = w.findChild<QTableView *>(QStringLiteral("offeringsTable"));
    OfferingsModel *om = w.caseEditor()->offeringsPage()->model();
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
    view->setCurrentIndex(proxy->mapFromSource(om->index(row, OfferingsModel::StatusColumn)));
    auto *e = w.caseEditor()->offeringsPage()->findChild<QLineEdit *>(QStringLiteral("field_id"));
    QVERIFY(e);
    test::typeAndTab(e, id);
}

// Picks a state in the Insured section's State field by typing its code.
void chooseState(MainWindow &w, const QString &code) {
    w.caseEditor()->showSection(CaseEditor::Insured);
    auto *box =
        w.caseEditor()->page(CaseEditor::Insured)->findChild<QComboBox *>(QStringLiteral("field_state"));
    QVERIFY(box);
    box->setFocus();
    QTest::keyClicks(box, code);
    QTest::keyClick(box, Qt::Key_Tab);
}

QString statusText(MainWindow &w, int row) {
    OfferingsModel *om = w.caseEditor()->offeringsPage()->model();
    return om->index(row, OfferingsModel::StatusColumn).data().toString();
}

bool struckOut(MainWindow &w, int row) {
    OfferingsModel *om = w.caseEditor()->offeringsPage()->model();
    const QVariant f = om->index(row, om->columnOf(QStringLiteral("provider_name"))).data(Qt::FontRole);
    return f.isValid() && f.value<QFont>().strikeOut();
}

QString statusLine(MainWindow &w) {
    auto *l = w.findChild<QLabel *>(QStringLiteral("offeringStatus"));
    return l ? l->text() : QString();
}

} // namespace

class TestOfferingStatus : public QObject {
    Q_OBJECT

private slots:
    void statusFollowsTheEdit_data() {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("before");     // OfferingsModel::Status before the edit
        QTest::addColumn<QString>("during"); // the Status text while the new ranking runs (held)
        QTest::addColumn<int>("after");      // once it has handed back
        QTest::addColumn<QString>("afterText");
        // The sample is in NY; Granite State Casualty's home quote (row 8) excludes NY and NJ.
        QTest::newRow("premium set to $0") << "premium 0" << 0 << int(OfferingsModel::Eligible) << "ranking…"
                                           << int(OfferingsModel::Filtered) << "⊘ No usable premium";
        QTest::newRow("insured moved to a state the carrier writes")
            << "state CT" << 8 << int(OfferingsModel::Filtered) << "ranking…" << int(OfferingsModel::Eligible)
            << "✓ eligible";
        QTest::newRow("insured moved to another state it excludes")
            << "state NJ" << 8 << int(OfferingsModel::Filtered) << "ranking…" << int(OfferingsModel::Filtered)
            << "⊘ Not written in NJ";
        // A refused premium ("-50") leaves the offering as it was, its verdict standing:
        // tst_refusedkeepsranking.
        QTest::newRow("premium set to $0, checked on a worker")
            << "premium 0 on a worker" << 0 << int(OfferingsModel::Eligible) << "ranking…"
            << int(OfferingsModel::Filtered) << "⊘ No usable premium";
    }

    void statusFollowsTheEdit() {
        QFETCH(QString, edit);
        QFETCH(int, row);
        QFETCH(int, before);
        QFETCH(QString, during);
        QFETCH(int, after);
        QFETCH(QString, afterText);
        std::unique_ptr<MainWindow> w(test::openWindowOnSample());
        QVERIFY(w);
        RankingController *ranking = w->ranking();
        CaseDocument *doc = w->document();
        OfferingsModel *om = w->caseEditor()->offeringsPage()->model();
        QCOMPARE(int(om->statusOf(row)), before);
        QCOMPARE(struckOut(*w, row), before == int(OfferingsModel::Filtered));
        const bool onWorker = edit.endsWith(u"on a worker");
        if (onWorker) doc->setBackgroundValidationThreshold(0); // every edit is checked on a worker
        test::RankingHold hold(ranking);
        const auto releaseOnExit = qScopeGuard([&hold] { hold.release(); }); // a failing row too

        if (edit.startsWith(u"premium"))
            test::typeIntoOfferingCell(*w, row, QStringLiteral("attributes.line_premium_annual"),
                                       edit.section(u' ', 1, 1));
        else
            chooseState(*w, edit.section(u' ', 1, 1));
        QCoreApplication::processEvents();
        if (onWorker) {
            // The edit's validation has not ended: the row says so, not the last verdict.
            QVERIFY(doc->isChecking());
            QCOMPARE(statusText(*w, row), QStringLiteral("checking…"));
            QCOMPARE(int(om->statusOf(row)), int(OfferingsModel::Pending));
            QVERIFY(doc->waitForValidation(10000));
        }
        // At once (the ranking is held): never the old verdict as if it were current.
        QCOMPARE(statusText(*w, row), during);
        QVERIFY(int(om->statusOf(row)) != before);
        QVERIFY(!struckOut(*w, row)); // the carrier is struck through only for a current ⊘
        const QString tip = om->index(row, OfferingsModel::StatusColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(!tip.contains(QStringLiteral("takes part in ranking")) &&
                     !tip.contains(QStringLiteral("NY")),
                 qPrintable(tip));
        // The line under the table says the same of the selected row.
        auto *view = w->findChild<QTableView *>(QStringLiteral("offeringsTable"));
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
        view->setCurrentIndex(proxy->mapFromSource(om->index(row, OfferingsModel::StatusColumn)));
        QVERIFY2(!statusLine(*w).contains(QStringLiteral("eligible")) &&
                     !statusLine(*w).contains(QStringLiteral("filtered")),
                 qPrintable(statusLine(*w)));
        // Rows the edit did not touch keep their verdict when only that offering changed.
        if (edit.startsWith(u"premium")) QCOMPARE(statusText(*w, 3), QStringLiteral("✓ eligible"));

        hold.release();
        QVERIFY(ranking->waitForIdle(10000));
        QCOMPARE(int(om->statusOf(row)), after);
        QCOMPARE(statusText(*w, row), afterText);
        QCOMPARE(struckOut(*w, row), after == int(OfferingsModel::Filtered));
    }

    // While a fix is validated on a worker (a large case), the row and its cell no longer show the error
    // the fix removed: the Status column says "checking…" and the cell loses its tint at once.
    void fixedErrorIsNotShownWhileChecked_data() {
        QTest::addColumn<bool>("onWorker");
        QTest::newRow("validated on a worker") << true;
        QTest::newRow("validated at once") << false;
    }

    void fixedErrorIsNotShownWhileChecked() {
        QFETCH(bool, onWorker);
        std::unique_ptr<MainWindow> w(test::openWindowOnSample());
        QVERIFY(w);
        CaseDocument *doc = w->document();
        OfferingsModel *om = w->caseEditor()->offeringsPage()->model();
        if (onWorker) doc->setBackgroundValidationThreshold(0);
        const int idColumn = om->columnOf(QStringLiteral("id"));
        // Row 1 takes row 0's id: a duplicate, an error at row 1's id.
        typeOfferingId(*w, 1, om->rowValue(0)[u"id"].toString());
        QVERIFY(doc->waitForValidation(10000));
        QVERIFY(w->ranking()->waitForIdle(10000));
        QCOMPARE(int(om->statusOf(1)), int(OfferingsModel::Invalid));
        QCOMPARE(statusText(*w, 1), QStringLiteral("⛔ invalid"));
        QCOMPARE(om->index(1, idColumn).data(JsonTableModel::ProblemLevelRole).toInt(), 2);

        // The ranking of the fix is held, so what the row shows meanwhile is seen however fast it is.
        test::RankingHold hold(w->ranking());
        const auto releaseOnExit = qScopeGuard([&hold] { hold.release(); });
        typeOfferingId(*w, 1, QStringLiteral("quote_line_harborview_auto_009"));
        QCoreApplication::processEvents();
        QCOMPARE(doc->isChecking(), onWorker);
        QCOMPARE(statusText(*w, 1), onWorker ? QStringLiteral("checking…") : QStringLiteral("ranking…"));
        QCOMPARE(om->index(1, idColumn).data(JsonTableModel::ProblemLevelRole).toInt(), 0);
        QVERIFY(!om->index(1, idColumn).data(Qt::BackgroundRole).isValid());
        QVERIFY(doc->waitForValidation(10000));
        QCOMPARE(statusText(*w, 1), QStringLiteral("ranking…"));
        hold.release();
        QVERIFY(w->ranking()->waitForIdle(10000));
        QCOMPARE(statusText(*w, 1), QStringLiteral("✓ eligible"));
    }
};

QTEST_MAIN(TestOfferingStatus)
#include "tst_offeringstatus.moc"
