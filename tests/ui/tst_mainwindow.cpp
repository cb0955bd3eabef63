// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "comparemodel.h"
#include "importdialog.h"
#include "io/offeringimport.h"
#include "jsontablemodel.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "problemsmodel.h"
#include "rankingcontroller.h"
#include "rankingmodel.h"
#include "resultspanel.h"
#include "scorecardinspector.h"
#include "solutionutil.h"
#include "util/numbers.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace pw;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void loadsSampleAndRanks();
    void modelsPassTester();
    void editPremiumReranks();
    void appetiteChangesTopPackage();
    void undoRedo();
    void pasteThreeRows();
    void pasteReadsTheFileConvention();
    void importCsvReportsBadRow();
    void compareThreeSolutions();
    void seedHasNoCompletePackage();
    void problemClickFocusesField();
    void vinCheckInline();
    void tableSectionsWidenTheCaseSide();
    void opensFilesOffTheGuiThread();

private:
    MainWindow *m_w = nullptr;
    void waitRun() { QVERIFY(m_w->ranking()->waitForIdle(10000)); }
};

void TestMainWindow::init() {
    QElapsedTimer t;
    t.start();
    m_w = new MainWindow;
    m_w->setUnsavedAnswerForTests(QMessageBox::Discard);
    m_w->document()->setNow(test::fixedNow());
    QVERIFY(m_w->openSample(QStringLiteral("brooklyn-household.json")));
    // The offscreen screen is 800×600; the window opens fitted to it. The tests read it at 1366×768.
    m_w->resize(1366, 768);
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w));
    waitRun();
    qInfo("window shown with a ranked sample in %lld ms; engine %.3f ms, job wall time %.2f ms", t.elapsed(),
          m_w->ranking()->lastEngineMs(), m_w->ranking()->lastWallMs());
}

void TestMainWindow::cleanup() {
    delete m_w;
    m_w = nullptr;
}

void TestMainWindow::loadsSampleAndRanks() {
    auto *table = m_w->findChild<QTableView *>(QStringLiteral("rankingTable"));
    QVERIFY(table);
    const JsonValue &run = m_w->ranking()->run();
    QCOMPARE(run[u"output"][u"solution_count"].toDouble(), 48.0);
    QVERIFY(table->model()->rowCount() > 0);
    const QString packages = m_w->findChild<QLabel *>(QStringLiteral("packageCount"))->text();
    QVERIFY2(packages.contains(QStringLiteral("48 packages, 6 qualified")), qPrintable(packages));
    // Filtered and ignored offerings are marked in the offerings table with their reason.
    OfferingsModel *om = m_w->caseEditor()->offeringsPage()->model();
    QCOMPARE(om->statusOf(8), OfferingsModel::Filtered); // Granite home, excluded in NY
    QCOMPARE(om->index(8, 0).data().toString(), QStringLiteral("⊘ Not written in NY"));
    QCOMPARE(om->statusOf(12), OfferingsModel::Filtered); // Northpoint auto, expired
    QCOMPARE(om->statusOf(13), OfferingsModel::Ignored);  // renters
    QCOMPARE(om->statusOf(0), OfferingsModel::Eligible);
    // The inspector's contributions add up to the overall score.
    const JsonValue &top = m_w->results()->rankingModel()->solution(0);
    QCOMPARE(roundHalfAway(m_w->results()->inspector()->contributionSum(), 2),
             top[u"scorecard"][u"overall_score"].toDouble());
    const QString summary = m_w->findChild<QLabel *>(QStringLiteral("statusSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("Dana Okafor")) && summary.contains(QStringLiteral("NY 11231")),
             qPrintable(summary));
}

void TestMainWindow::modelsPassTester() {
    auto *om = m_w->caseEditor()->offeringsPage()->model();
    QAbstractItemModelTester t1(om, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(m_w->results()->rankingModel(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(m_w->results()->compareModel(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t4(m_w->problemsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t5(m_w->caseEditor()->driversModel(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t6(m_w->caseEditor()->vehiclesModel(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t7(m_w->results()->rankingView()->model(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t8(m_w->findChild<QTableView *>(QStringLiteral("offeringsTable"))->model(),
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Exercise them: edits, row additions and removals, a re-rank.
    m_w->caseEditor()->offeringsPage()->addOffering(QStringLiteral("auto"));
    m_w->caseEditor()->driversModel()->duplicateItems({0});
    m_w->document()->undoStack()->undo();
    m_w->document()->undoStack()->undo();
    waitRun();
    QCOMPARE(om->rowCount(), 14);
}

void TestMainWindow::editPremiumReranks() {
    auto *view = m_w->findChild<QTableView *>(QStringLiteral("offeringsTable"));
    QVERIFY(view);
    auto *om = m_w->caseEditor()->offeringsPage()->model();
    const QString before = solutionKey(m_w->results()->rankingModel()->solution(0));
    // Bayside home (row 6) becomes very cheap: the cheapest packages change and so does their cost.
    const int col = om->columnOf(QStringLiteral("attributes.line_premium_annual"));
    QElapsedTimer edit;
    edit.start();
    QVERIFY(view->model()->setData(view->model()->index(6, col), QStringLiteral("$900"), Qt::EditRole));
    const double guiMs = double(edit.nsecsElapsed()) / 1e6;
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    qInfo("edit: GUI thread busy %.2f ms (document, validation, views); new ranking shown after %.2f ms",
          guiMs, double(edit.nsecsElapsed()) / 1e6);
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings[6].attributes.line_premium_annual")).toDouble(),
             900.0);
    QVERIFY(m_w->ranking()->isBusy() || m_w->ranking()->hasRun());
    waitRun();
    // Keystone home at $3,120 → the Keystone/Harborview/Keystone package was #2; now prices with Bayside home
    // drop.
    double cheapest = 1e9;
    for (const auto &s : m_w->ranking()->run()[u"solutions"].arrayItems())
        cheapest = std::min(cheapest, s[u"est_cost_low"].toDouble());
    QVERIFY2(cheapest < 4000, qPrintable(QString::number(cheapest)));
    QVERIFY(om->index(6, col).data().toString() == QStringLiteral("$900"));
    const QString after = solutionKey(m_w->results()->rankingModel()->solution(0));
    qInfo("top before %s, after %s", qPrintable(before), qPrintable(after));
    // Raising Harborview's package price (the bundle on rank 1) in the table drops that bundle from the top.
    const int pkg = om->columnOf(QStringLiteral("attributes.package_premium_annual"));
    for (int r : {0, 1, 2})
        QVERIFY(
            view->model()->setData(view->model()->index(r, pkg), QStringLiteral("$9,400.00"), Qt::EditRole));
    waitRun();
    const JsonValue &top = m_w->results()->rankingModel()->solution(0);
    QVERIFY(solutionKey(top) != before);
    QCOMPARE(solutionKey(top), QStringLiteral("quote_line_keystone_home_001,quote_line_harborview_auto_001,"
                                              "quote_line_keystone_umbrella_001"));
    QCOMPARE(m_w->results()->rankingView()->model()->index(0, RankingModel::FirstLine).data().toString(),
             QStringLiteral("Keystone"));
}

void TestMainWindow::appetiteChangesTopPackage() {
    auto *combo = m_w->findChild<QComboBox *>(QStringLiteral("appetiteCombo"));
    QVERIFY(combo);
    QCOMPARE(combo->currentData().toString(), QStringLiteral("balanced"));
    const QString balancedTop = solutionKey(m_w->results()->rankingModel()->solution(0));
    QCOMPARE(balancedTop, QStringLiteral("quote_line_harborview_home_001,quote_line_harborview_auto_001,"
                                         "quote_line_harborview_umbrella_001"));
    const int idx = combo->findData(QStringLiteral("cost_sensitive"));
    combo->setCurrentIndex(idx);
    emit combo->activated(idx);
    QCOMPARE(m_w->document()->value(QStringLiteral("input.appetite_bucket")).toString(),
             QStringLiteral("cost_sensitive"));
    waitRun();
    const JsonValue &top = m_w->results()->rankingModel()->solution(0);
    // The Harborview bundle stays on top for every bucket in this case, but the scores follow the
    // bucket's weights (engine.md §6): 89.93 balanced, 88.47 cost sensitive.
    QCOMPARE(solutionKey(top), balancedTop);
    QCOMPARE(top[u"scorecard"][u"overall_score"].toDouble(), 88.47);
    QCOMPARE(top[u"scorecard"][u"dimensions"][u"pricing"][u"weight"].toDouble(), 0.45);
    m_w->setAppetite(QStringLiteral("coverage_first"));
    waitRun();
    QCOMPARE(combo->currentData().toString(), QStringLiteral("coverage_first"));
    QCOMPARE(m_w->results()->rankingModel()->solution(0)[u"scorecard"][u"overall_score"].toDouble(), 92.77);
    QCOMPARE(solutionKey(m_w->results()->rankingModel()->solution(1)),
             QStringLiteral("quote_line_harborview_home_001,quote_line_harborview_auto_001,"
                            "quote_line_northpoint_umbrella_001"));
    m_w->setAppetite(QStringLiteral("cost_sensitive"));
    waitRun();
    // Weights follow the bucket; custom weights re-rank; reset returns to the bucket.
    auto *reset = m_w->findChild<QPushButton *>(QStringLiteral("resetWeights"));
    QVERIFY(reset && !reset->isEnabled());
    auto *placement = m_w->findChild<QDoubleSpinBox *>(QStringLiteral("weight_placement"));
    QVERIFY(placement);
    QCOMPARE(placement->value(), 0.10);
    placement->setValue(0.9);
    waitRun();
    QVERIFY(m_w->ranking()->customWeights().has_value());
    QVERIFY(reset->isEnabled());
    reset->click();
    waitRun();
    QVERIFY(!m_w->ranking()->customWeights().has_value());
    QCOMPARE(solutionKey(m_w->results()->rankingModel()->solution(0)), solutionKey(top));
}

void TestMainWindow::undoRedo() {
    CaseDocument *doc = m_w->document();
    const JsonValue original = doc->root();
    auto *first = m_w->findChild<QLineEdit *>(QStringLiteral("field_first_name"));
    QVERIFY(first);
    first->setFocus();
    first->selectAll();
    QTest::keyClicks(first, QStringLiteral("Danielle"));
    QTest::keyClick(first, Qt::Key_Return);
    QCOMPARE(doc->value(QStringLiteral("input.applicant.first_name")).toString(), QStringLiteral("Danielle"));
    QVERIFY(doc->isModified());
    doc->undoStack()->undo();
    QCOMPARE(doc->value(QStringLiteral("input.applicant.first_name")).toString(), QStringLiteral("Dana"));
    QCOMPARE(first->text(), QStringLiteral("Dana"));
    QVERIFY(doc->root() == original); // unknown fields and order preserved
    doc->undoStack()->redo();
    QCOMPARE(first->text(), QStringLiteral("Danielle"));
    // Clearing a field removes the key (not stated), and undo brings it back.
    auto *net = m_w->findChild<QLineEdit *>(QStringLiteral("field_net_worth"));
    QCOMPARE(net->text(), QStringLiteral("$1,400,000"));
    net->setFocus();
    net->selectAll();
    QTest::keyClick(net, Qt::Key_Delete);
    QTest::keyClick(net, Qt::Key_Return);
    QVERIFY(!doc->root()[u"input"][u"applicant"].contains(u"net_worth"));
    doc->undoStack()->undo();
    QCOMPARE(doc->value(QStringLiteral("input.applicant.net_worth")).toDouble(), 1400000.0);
}

void TestMainWindow::pasteThreeRows() {
    OfferingsPage *page = m_w->caseEditor()->offeringsPage();
    const QString tsv = QStringLiteral("Carrier\tLine\tProduct\tPremium\tAM Best\tTier\tCommission %\n"
                                       "Acme Mutual\thome\tAcme HO-3\t$2,900.00\tA\tstandard\t12%\n"
                                       "Acme Mutual\tauto\tAcme Auto\t$1,600.00\tA\tstandard\t11%\n"
                                       "Acme Mutual\tumbrella\tAcme Umbrella\t$450.00\tA\tstandard\t15%\n");
    QApplication::clipboard()->setText(tsv);
    m_w->caseEditor()->showSection(CaseEditor::Offerings);
    auto *view = m_w->findChild<QTableView *>(QStringLiteral("offeringsTable"));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(page->model()->rowCount(), 17);
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings[15].coverage.product_name")).toString(),
             QStringLiteral("Acme Auto"));
    QCOMPARE(
        m_w->document()->value(QStringLiteral("offerings[16].attributes.line_premium_annual")).toDouble(),
        450.0);
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings[14].commission")).toDouble(), 0.12);
    waitRun();
    QCOMPARE(m_w->ranking()->run()[u"output"][u"solution_count"].toDouble(), 4.0 * 5 * 5);
    // One undo removes the whole paste.
    m_w->document()->undoStack()->undo();
    QCOMPARE(page->model()->rowCount(), 14);
}

void TestMainWindow::pasteReadsTheFileConvention() {
    // Rows copied from a spreadsheet in a decimal-comma locale: read as the import command reads them,
    // never "3.240,50" -> 3.2405; the report states the convention and a row that cannot be read safely.
    OfferingsPage *page = m_w->caseEditor()->offeringsPage();
    const QString tsv = QStringLiteral("Carrier\tLine\tPremium\tCommission %\n"
                                       "Acme Mutual\thome\t3.240,50\t12,5\n"
                                       "Acme Mutual\tauto\t1.790\t15\n"
                                       "Acme Mutual\tumbrella\tn/a\t15\n");
    QCOMPARE(page->pasteText(tsv), 2);
    QCOMPARE(page->model()->rowCount(), 16);
    QCOMPARE(
        m_w->document()->value(QStringLiteral("offerings[14].attributes.line_premium_annual")).toDouble(),
        3240.5);
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings[14].commission")).toDouble(), 0.125);
    QCOMPARE(
        m_w->document()->value(QStringLiteral("offerings[15].attributes.line_premium_annual")).toDouble(),
        1790.0);
    const QString report = page->findChild<QLabel *>(QStringLiteral("importReport"))->text();
    QVERIFY2(report.contains(QStringLiteral("numbers: decimal comma")), qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("row 4, column C (Premium)")), qPrintable(report));
    m_w->document()->undoStack()->undo();
    QCOMPARE(page->model()->rowCount(), 14);
}

void TestMainWindow::importCsvReportsBadRow() {
    OfferingsPage *page = m_w->caseEditor()->offeringsPage();
    const OfferingImport imp = importOfferingFile(test::samplePath(QStringLiteral("spreadsheet-quotes.csv")),
                                                  offeringIds(m_w->document()->root()));
    ImportDialog dlg(imp, QStringLiteral("spreadsheet-quotes.csv"));
    auto *preview = dlg.findChild<QTableWidget *>(QStringLiteral("importPreview"));
    QVERIFY(preview);
    QCOMPARE(preview->rowCount(), 4);
    QCOMPARE(preview->item(3, 0)->text(), QStringLiteral("5"));
    QVERIFY2(preview->item(3, 5)->text().contains(
                 QStringLiteral("row 5, column D (Premium): \"n/a\" is not an amount")),
             qPrintable(preview->item(3, 5)->text()));
    QVERIFY(preview->item(0, 5)->text().startsWith(QStringLiteral("✓")));
    QCOMPARE(page->applyImport(imp, QStringLiteral("spreadsheet-quotes.csv")), 3);
    QCOMPARE(page->model()->rowCount(), 17);
    const QString report = page->findChild<QLabel *>(QStringLiteral("importReport"))->text();
    QVERIFY2(report.contains(QStringLiteral("row 5, column D (Premium)")), qPrintable(report));
    waitRun();
    bool lakeshoreRanked = false;
    for (const auto &s : m_w->ranking()->run()[u"solutions"].arrayItems())
        lakeshoreRanked = lakeshoreRanked || solutionKey(s).contains(QStringLiteral("lakeshore"));
    QVERIFY(lakeshoreRanked);
}

void TestMainWindow::compareThreeSolutions() {
    RankingModel *rm = m_w->results()->rankingModel();
    for (int r = 0; r < rm->rowCount(); ++r)
        rm->setData(rm->index(r, RankingModel::Compare), Qt::Unchecked, Qt::CheckStateRole);
    for (int r : {0, 3, 5})
        QVERIFY(rm->setData(rm->index(r, RankingModel::Compare), Qt::Checked, Qt::CheckStateRole));
    CompareModel *cm = m_w->results()->compareModel();
    QCOMPARE(cm->solutionCount(), 3);
    auto *view = m_w->findChild<QTableView *>(QStringLiteral("compareTable"));
    QCOMPARE(view->model(), cm);
    const int premiumRow = cm->rowOf(QStringLiteral("Home"), QStringLiteral("Premium"));
    const int carrierRow = cm->rowOf(QStringLiteral("Umbrella"), QStringLiteral("Carrier"));
    const int costRow = cm->rowOf(QStringLiteral("Summary"), QStringLiteral("Annual cost (low)"));
    QVERIFY(premiumRow > 0 && carrierRow > 0 && costRow > 0);
    int col = cm->firstSolutionColumn();
    for (int r : {0, 3, 5}) {
        const JsonValue &s = rm->solution(r);
        QCOMPARE(
            cm->index(premiumRow, col).data().toString(),
            formatMoney(solutionOffering(s, QStringLiteral("home"))[u"attributes"][u"line_premium_annual"]
                            .toDouble()));
        QCOMPARE(cm->index(carrierRow, col).data().toString(),
                 carrierName(solutionOffering(s, QStringLiteral("umbrella"))));
        QCOMPARE(cm->index(costRow, col).data().toString(), formatMoney(s[u"est_cost_low"].toDouble()));
        ++col;
    }
    // not stated / None / $0 stay apart: Bayside home states no water backup; Harborview umbrella retains $0.
    const int retained = cm->rowOf(QStringLiteral("Umbrella"), QStringLiteral("Retained limit (SIR)"));
    QCOMPARE(cm->index(retained, cm->firstSolutionColumn()).data().toString(), QStringLiteral("$0"));
    // A fifth pick is refused.
    QVERIFY(rm->setData(rm->index(1, RankingModel::Compare), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(!rm->setData(rm->index(2, RankingModel::Compare), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(cm->solutionCount(), 4);
    // Ctrl+C copies the table as TSV.
    m_w->showResultTab(QStringLiteral("Compare"));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    const QString tsv = QApplication::clipboard()->text();
    QVERIFY2(tsv.startsWith(QStringLiteral("Field\tCurrent\t#1")), qPrintable(tsv));
    QVERIFY(tsv.contains(QStringLiteral("Home · Premium\t$2,480.91\t$3,890")));
}

void TestMainWindow::seedHasNoCompletePackage() {
    QVERIFY(m_w->openSample(QStringLiteral("seed-job.json")));
    waitRun();
    auto *banner = m_w->findChild<QLabel *>(QStringLiteral("resultsBanner"));
    QVERIFY(banner && banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("No eligible offering for auto and umbrella")),
             qPrintable(banner->text()));
    auto *addAuto = m_w->findChild<QPushButton *>(QStringLiteral("addOfferingFor_auto"));
    auto *addUmbrella = m_w->findChild<QPushButton *>(QStringLiteral("addOfferingFor_umbrella"));
    auto *addHome = m_w->findChild<QPushButton *>(QStringLiteral("addOfferingFor_home"));
    QVERIFY(addAuto->isVisible() && addUmbrella->isVisible() && !addHome->isVisible());
    QCOMPARE(m_w->results()->rankingModel()->rowCount(), 0);
    addAuto->click();
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings")).size(), 2);
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings[1].category")).toString(),
             QStringLiteral("auto"));
    QCOMPARE(m_w->caseEditor()->currentSection(), int(CaseEditor::Offerings));
}

void TestMainWindow::problemClickFocusesField() {
    ProblemsModel *pm = m_w->problemsModel();
    QVERIFY(pm->rowCount() >= 2);
    auto *view = m_w->findChild<QTableView *>(QStringLiteral("problemsView"));
    int row = -1;
    for (int r = 0; r < pm->rowCount(); ++r)
        if (pm->problem(r).path.startsWith(QStringLiteral("offerings[12]"))) row = r;
    QVERIFY(row >= 0);
    // In words, named from the case, with a date for a timestamp; the raw path in its own column.
    QCOMPARE(pm->index(row, ProblemsModel::Place).data().toString(),
             QStringLiteral("Offering 13 (Northpoint auto), quote expiry"));
    QVERIFY2(
        pm->index(row, ProblemsModel::Message).data().toString().contains(QStringLiteral("Oct 31, 2026")),
        qPrintable(pm->index(row, ProblemsModel::Message).data().toString()));
    QVERIFY(!pm->index(row, ProblemsModel::Message).data().toString().contains(QStringLiteral("T23:59")));
    QCOMPARE(pm->index(row, ProblemsModel::Path).data().toString(),
             QStringLiteral("offerings[12].attributes.quote_expires_at"));
    QVERIFY(pm->index(row, ProblemsModel::Place)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("offerings[12].attributes.quote_expires_at")));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(pm->index(row, 0)).center());
    QCOMPARE(m_w->caseEditor()->currentSection(), int(CaseEditor::Offerings));
    auto *table = m_w->findChild<QTableView *>(QStringLiteral("offeringsTable"));
    QCOMPARE(table->currentIndex().row(), 12);
    // An invalid state is an error; fixing it live clears it.
    m_w->document()->setValue(QStringLiteral("input.address.state"), JsonValue(QStringLiteral("ZZ")));
    QVERIFY(pm->errorCount() >= 1);
    waitRun();
    QVERIFY(m_w->ranking()->isStale());
    QVERIFY(m_w->findChild<QLabel *>(QStringLiteral("resultsBanner"))
                ->text()
                .contains(QStringLiteral("to re-rank")));
    for (int r = 0; r < pm->rowCount(); ++r)
        if (pm->problem(r).path == u"input.address.state")
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                              view->visualRect(pm->index(r, 0)).center());
    QCOMPARE(m_w->caseEditor()->currentSection(), int(CaseEditor::Insured));
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("field_state"));
    m_w->document()->undoStack()->undo();
    waitRun();
    QVERIFY(!m_w->ranking()->isStale());
}

void TestMainWindow::vinCheckInline() {
    JsonTableModel *vm = m_w->caseEditor()->vehiclesModel();
    const int vin = vm->columnOf(QStringLiteral("vin"));
    QVERIFY(vm->setData(vm->index(0, vin), QStringLiteral("4S4BTGND2N3123456"), Qt::EditRole));
    QVERIFY(vm->index(0, vin)
                .data(JsonTableModel::ProblemRole)
                .toString()
                .contains(QStringLiteral("check digit")));
    const int year = vm->columnOf(QStringLiteral("year"));
    QVERIFY(vm->setData(vm->index(1, year), QStringLiteral("2099"), Qt::EditRole));
    QVERIFY(vm->index(1, year).data(JsonTableModel::ProblemRole).toString().contains(QStringLiteral("2099")));
    QVERIFY(!vm->setData(vm->index(1, year), QStringLiteral("twenty"), Qt::EditRole));
    // The primary driver shows the driver's name.
    QCOMPARE(vm->index(0, vm->columnOf(QStringLiteral("primary_driver_id"))).data().toString(),
             QStringLiteral("Dana Okafor"));
}

void TestMainWindow::tableSectionsWidenTheCaseSide() {
    auto *split = m_w->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QVERIFY(split);
    m_w->caseEditor()->showSection(CaseEditor::Insured);
    const int formWidth = split->sizes().at(0);
    m_w->caseEditor()->showSection(CaseEditor::Offerings);
    const int tableWidth = split->sizes().at(0);
    QVERIFY2(tableWidth > formWidth + 200,
             qPrintable(QStringLiteral("%1 vs %2").arg(tableWidth).arg(formWidth)));
    // Back to a form: the narrow layout returns, so the ranking's chips fit again.
    m_w->caseEditor()->showSection(CaseEditor::Residence);
    QCOMPARE(split->sizes().at(0), formWidth);
}

void TestMainWindow::opensFilesOffTheGuiThread() {
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("seed.json"));
    QVERIFY(QFile::copy(test::samplePath(QStringLiteral("seed-job.json")), good));
    m_w->setUnsavedAnswerForTests(QMessageBox::Discard);
    m_w->openCaseInBackground(good);
    QTRY_COMPARE(m_w->document()->fileName(), QFileInfo(good).absoluteFilePath());
    QCOMPARE(m_w->document()->typedCase().offerings.size(), size_t(1));
    // A damaged file leaves the open case alone and says why.
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"input\": [1, 2");
    f.close();
    m_w->openCaseInBackground(bad);
    // Status messages sit beside the case summary, in their own label.
    auto *message = m_w->findChild<QLabel *>(QStringLiteral("statusMessage"));
    QVERIFY(message);
    QTRY_VERIFY(message->text().contains(QStringLiteral("Cannot open")));
    QVERIFY(message->text().contains(QStringLiteral("line 1")));
    QCOMPARE(m_w->document()->fileName(), QFileInfo(good).absoluteFilePath());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
