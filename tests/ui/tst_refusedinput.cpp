// SPDX-License-Identifier: MIT
// Values a field refused stay in the field, marked, and in the Problems dock until fixed or undone; a
// click on a problem opens its field without changing anything, and the list holds still.
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "problemsmodel.h"
#include "rankingcontroller.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace pw;

class TestRefusedInput : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void refusedTextStaysUntilFixed_data();
    void refusedTextStaysUntilFixed();
    void refusedTextGoesWithFieldUndo();
    void refusedCellStays();
    void problemClickChangesNothing();

private:
    MainWindow *m_w = nullptr;
    QLineEdit *field(int section, const QString &name) const;
    int problemRow(const QString &path) const {
        for (int r = 0; r < m_w->problemsModel()->rowCount(); ++r)
            if (m_w->problemsModel()->problem(r).path == path) return r;
        return -1;
    }
};

void TestRefusedInput::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
}

void TestRefusedInput::cleanup() {
    delete m_w;
    m_w = nullptr;
}

QLineEdit *TestRefusedInput::field(int section, const QString &name) const {
    m_w->caseEditor()->showSection(section);
    QWidget *page = m_w->caseEditor()->page(section);
    if (auto *tabs = page->findChild<QTabWidget *>(QStringLiteral("currentCoverageTabs"))) {
        tabs->setCurrentIndex(0);
        page = tabs->widget(0);
    }
    return page->findChild<QLineEdit *>(name);
}

void TestRefusedInput::refusedTextStaysUntilFixed_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("refused");
    QTest::addColumn<QString>("fixed");
    QTest::addColumn<double>("value");
    const QString premium = QStringLiteral("input.current_coverage.home.annual_premium");
    QTest::newRow("negative premium")
        << int(CaseEditor::Current) << "field_annual_premium" << premium << "-1780"
        << "1780" << 1780.0;
    QTest::newRow("letter O in premium")
        << int(CaseEditor::Current) << "field_annual_premium" << premium << "1,9OO"
        << "1,900" << 1900.0;
    QTest::newRow("cash reserve in words") << int(CaseEditor::Insured) << "field_cash_reserve"
                                           << "input.applicant.cash_reserve"
                                           << "twenty thousand"
                                           << "20000" << 20000.0;
    QTest::newRow("years as text") << int(CaseEditor::Residence) << "field_year_built"
                                   << "input.residence.year_built"
                                   << "19O5"
                                   << "1905" << 1905.0;
}

void TestRefusedInput::refusedTextStaysUntilFixed() {
    QFETCH(int, section);
    QFETCH(QString, name);
    QFETCH(QString, path);
    QFETCH(QString, refused);
    QFETCH(QString, fixed);
    QFETCH(double, value);
    QLineEdit *e = field(section, name);
    QVERIFY(e);
    const JsonValue before = m_w->document()->value(path);
    e->setFocus();
    e->selectAll();
    QTest::keyClicks(e, refused);
    QTest::keyClick(e, Qt::Key_Tab);
    // Still there after focus left, after a re-rank, after another edit elsewhere.
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    m_w->document()->setValue(QStringLiteral("input.applicant.occupation"),
                              JsonValue(QStringLiteral("Teacher")));
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    QCOMPARE(e->text(), refused);
    QVERIFY(m_w->document()->value(path) == before);
    QVERIFY2(e->styleSheet().contains(QStringLiteral("#c62828")), qPrintable(e->styleSheet()));
    QVERIFY(e->toolTip().contains(refused));
    const int row = problemRow(path);
    QVERIFY2(row >= 0, qPrintable(path));
    QVERIFY(m_w->problemsModel()->problem(row).isError());
    QVERIFY(m_w->problemsModel()->problem(row).message.contains(refused));
    // The results say they no longer match what is on screen.
    QVERIFY(m_w->ranking()->isStale());
    QVERIFY(
        m_w->findChild<QLabel *>(QStringLiteral("resultsBanner"))->text().contains(QStringLiteral("Fix")));
    // Fixed: the value is stored, the mark and the problem are gone.
    e->setFocus();
    e->selectAll();
    QTest::keyClicks(e, fixed);
    QTest::keyClick(e, Qt::Key_Return);
    QCOMPARE(m_w->document()->value(path).toDouble(), value);
    QCOMPARE(problemRow(path), -1);
    QVERIFY(!e->styleSheet().contains(QStringLiteral("#c62828")));
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    QVERIFY(!m_w->ranking()->isStale());
}

void TestRefusedInput::refusedTextGoesWithFieldUndo() {
    QLineEdit *e = field(CaseEditor::Current, QStringLiteral("field_annual_premium"));
    const QString original = e->text();
    e->setFocus();
    e->selectAll();
    QTest::keyClicks(e, QStringLiteral("-1780"));
    QTest::keyClick(e, Qt::Key_Return);
    const QString path = QStringLiteral("input.current_coverage.home.annual_premium");
    QVERIFY(problemRow(path) >= 0);
    // Ctrl+Z in the field takes the typing back; the refused text and its problem go with it.
    QTest::keyClick(e, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(e->text(), original);
    QTest::keyClick(e, Qt::Key_Return);
    QCOMPARE(problemRow(path), -1);
    QCOMPARE(e->text(), original);
}

void TestRefusedInput::refusedCellStays() {
    m_w->caseEditor()->showSection(CaseEditor::Offerings);
    auto *view = m_w->findChild<QTableView *>(QStringLiteral("offeringsTable"));
    OfferingsModel *om = m_w->caseEditor()->offeringsPage()->model();
    const int col = om->columnOf(QStringLiteral("attributes.line_premium_annual"));
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
    const QModelIndex idx = proxy->mapFromSource(om->index(0, col));
    view->setFocus();
    view->setCurrentIndex(idx);
    QTest::keyClicks(view, QStringLiteral("-"));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("1780"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCoreApplication::processEvents();
    const QString path = QStringLiteral("offerings[0].attributes.line_premium_annual");
    QCOMPARE(m_w->document()->value(path).toDouble(), 3890.0);
    QCOMPARE(idx.data().toString(), QStringLiteral("-1780"));
    QVERIFY(!idx.data(JsonTableModel::ProblemRole).toString().isEmpty());
    QVERIFY(problemRow(path) >= 0);
    // Fixing the cell stores the value and clears the mark.
    QVERIFY(om->setData(om->index(0, col), QStringLiteral("$3,950"), Qt::EditRole));
    QCOMPARE(problemRow(path), -1);
    QCOMPARE(idx.data().toString(), QStringLiteral("$3,950"));
}

void TestRefusedInput::problemClickChangesNothing() {
    // The file holds values in forms the window writes differently (a number as text): visiting them from
    // the Problems dock must not rewrite them.
    m_w->document()->setValue(QStringLiteral("input.applicant.net_worth"),
                              JsonValue(QStringLiteral("1400000")));
    m_w->document()->setValue(QStringLiteral("input.residence.year_built"),
                              JsonValue(QStringLiteral("1899")));
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    const JsonValue root = m_w->document()->root();
    const int edits = m_w->document()->undoStack()->count();
    ProblemsModel *pm = m_w->problemsModel();
    auto problems = [pm] {
        QStringList out;
        for (int r = 0; r < pm->rowCount(); ++r)
            out << pm->problem(r).path + u'|' + pm->problem(r).message;
        return out;
    };
    const QStringList listed = problems();
    QVERIFY(problemRow(QStringLiteral("input.applicant.net_worth")) >= 0);
    QVERIFY(problemRow(QStringLiteral("input.residence.year_built")) >= 0);
    auto *view = m_w->findChild<QTableView *>(QStringLiteral("problemsView"));
    for (const QString &path :
         {QStringLiteral("input.applicant.net_worth"), QStringLiteral("input.residence.year_built"),
          QStringLiteral("input.applicant.net_worth")}) {
        const int row = problemRow(path);
        QVERIFY(row >= 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(pm->index(row, 0)).center());
        QWidget *f = QApplication::focusWidget();
        QVERIFY(f);
        QCOMPARE(f->objectName(), QStringLiteral("field_") + path.section(u'.', -1));
        QVERIFY(m_w->document()->root() == root);
        QCOMPARE(problems(), listed);
    }
    QCOMPARE(m_w->document()->undoStack()->count(), edits);
}

QTEST_MAIN(TestRefusedInput)
#include "tst_refusedinput.moc"
