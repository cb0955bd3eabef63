// SPDX-License-Identifier: MIT
// Values a field refused stay in the field, marked, and in the Problems dock until fixed or undone; a
// click on a problem opens its field without changing anything, and the list holds still.
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "elidinglabel.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "problemsmodel.h"
#include "rankingcontroller.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
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
    void everyFieldKindIsFramed_data();
    void everyFieldKindIsFramed();
    void everyTableCellIsFramed_data();
    void everyTableCellIsFramed();
    void refusalSaysWhy_data();
    void refusalSaysWhy();

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
    // The case kept its previous value, so its results stay current: nothing to fix before ranking.
    QVERIFY(!m_w->ranking()->isStale());
    QVERIFY(
        !m_w->findChild<QLabel *>(QStringLiteral("resultsBanner"))->text().contains(QStringLiteral("Fix")));
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

namespace {
const QColor kErrorRed(0xc6, 0x28, 0x28);
} // namespace

void TestRefusedInput::everyFieldKindIsFramed_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("fileValue"); // JSON the case holds instead of typing ("" = type)
    QTest::newRow("birth date, 2-digit year") << int(CaseEditor::Insured) << "field_date_of_birth"
                                              << "6/15/85"
                                              << "input.applicant.date_of_birth"
                                              << "";
    QTest::newRow("birth date, dotted") << int(CaseEditor::Insured) << "field_date_of_birth"
                                        << "15.06.1985"
                                        << "input.applicant.date_of_birth"
                                        << "";
    QTest::newRow("birth date, word") << int(CaseEditor::Insured) << "field_date_of_birth"
                                      << "banana"
                                      << "input.applicant.date_of_birth"
                                      << "";
    QTest::newRow("birth date in the future") << int(CaseEditor::Insured) << "field_date_of_birth"
                                              << "2030-01-01"
                                              << "input.applicant.date_of_birth"
                                              << "";
    QTest::newRow("policy expiry") << int(CaseEditor::Current) << "field_expiration_date"
                                   << "3/1/27"
                                   << "input.current_coverage.home.expiration_date"
                                   << "";
    QTest::newRow("money") << int(CaseEditor::Insured) << "field_net_worth"
                           << "1.4M"
                           << "input.applicant.net_worth"
                           << "";
    QTest::newRow("whole number") << int(CaseEditor::Residence) << "field_year_built"
                                  << "19O5"
                                  << "input.residence.year_built"
                                  << "";
    QTest::newRow("choice") << int(CaseEditor::Insured) << "field_state"
                            << ""
                            << "input.address.state"
                            << R"("ZZ")";
}

void TestRefusedInput::everyFieldKindIsFramed() {
    QFETCH(int, section);
    QFETCH(QString, name);
    QFETCH(QString, typed);
    QFETCH(QString, path);
    QFETCH(QString, fileValue);
    m_w->caseEditor()->showSection(section);
    QWidget *page = m_w->caseEditor()->page(section);
    if (auto *tabs = page->findChild<QTabWidget *>(QStringLiteral("currentCoverageTabs"))) {
        tabs->setCurrentIndex(0);
        page = tabs->widget(0);
    }
    QWidget *editor = page->findChild<QWidget *>(name);
    QVERIFY(editor);
    QApplication::processEvents();
    QVERIFY2(!test::framedWith(editor->grab().toImage(), kErrorRed), "framed before any error");
    if (fileValue.isEmpty()) {
        auto *e = qobject_cast<QLineEdit *>(editor);
        QVERIFY(e);
        test::typeAndTab(e, typed);
        QCOMPARE(e->text(), typed);
    } else {
        m_w->document()->setValue(path, *parseJson(fileValue.toUtf8()));
    }
    const int row = problemRow(path);
    QVERIFY2(row >= 0, qPrintable(path));
    QVERIFY(m_w->problemsModel()->problem(row).isError());
    QApplication::processEvents();
    // Drawn with the red frame, whatever kind of editor it is.
    QVERIFY2(test::framedWith(editor->grab().toImage(), kErrorRed), editor->metaObject()->className());
}

void TestRefusedInput::everyTableCellIsFramed_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("row"); // -1: a row added with "+ Add"
    QTest::addColumn<QString>("typed");
    QTest::newRow("lapse start") << int(CaseEditor::History) << "lapses"
                                 << "start" << -1 << "03/01/21";
    QTest::newRow("claim date") << int(CaseEditor::History) << "claims"
                                << "date" << 0 << "banana";
    QTest::newRow("claim amount") << int(CaseEditor::History) << "claims"
                                  << "amount" << 0 << "-8400";
    QTest::newRow("driver birth date") << int(CaseEditor::Drivers) << "drivers"
                                       << "date_of_birth" << 0 << "6/15/85";
    QTest::newRow("offering expiry") << int(CaseEditor::Offerings) << "offerings"
                                     << "attributes.quote_expires_at" << 0 << "3/1/27";
    QTest::newRow("offering premium") << int(CaseEditor::Offerings) << "offerings"
                                      << "attributes.line_premium_annual" << 0 << "1,9OO";
}

void TestRefusedInput::everyTableCellIsFramed() {
    QFETCH(int, section);
    QFETCH(QString, table);
    QFETCH(QString, key);
    QFETCH(int, row);
    QFETCH(QString, typed);
    m_w->caseEditor()->showSection(section);
    auto *view = m_w->findChild<QTableView *>(table + QStringLiteral("Table"));
    QVERIFY(view);
    auto *proxy = qobject_cast<QSortFilterProxyModel *>(view->model());
    auto *model = qobject_cast<JsonTableModel *>(proxy->sourceModel());
    QVERIFY(model);
    if (row < 0) {
        QTest::mouseClick(m_w->findChild<QToolButton *>(table + QStringLiteral("AddButton")), Qt::LeftButton);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        row = model->rowCount() - 1;
    }
    const QModelIndex idx = proxy->mapFromSource(model->index(row, model->columnOf(key)));
    QVERIFY(idx.isValid());
    view->scrollTo(idx);
    QApplication::processEvents();
    QVERIFY2(!test::framedWith(view->viewport()->grab(view->visualRect(idx)).toImage(), kErrorRed),
             "framed before any error");
    view->setFocus();
    view->setCurrentIndex(idx);
    QTest::keyClicks(view, typed.left(1));
    QTest::keyClicks(QApplication::focusWidget(), typed.mid(1));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCoreApplication::processEvents();
    const QString path = model->cellPath(row, model->columnOf(key));
    QCOMPARE(idx.data().toString(), typed);
    QVERIFY2(problemRow(path) >= 0, qPrintable(path));
    view->clearSelection();
    view->setCurrentIndex(QModelIndex());
    QApplication::processEvents();
    QVERIFY2(test::framedWith(view->viewport()->grab(view->visualRect(idx)).toImage(), kErrorRed),
             qPrintable(path));
}

void TestRefusedInput::refusalSaysWhy_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("why");
    QTest::addColumn<QString>("valid");
    QTest::newRow("negative premium") << int(CaseEditor::Current) << "field_annual_premium"
                                      << "-1780"
                                      << "negative amounts are not allowed"
                                      << "1780";
    QTest::newRow("negative net worth") << int(CaseEditor::Insured) << "field_net_worth"
                                        << "-450,000"
                                        << "negative amounts are not allowed"
                                        << "450,000";
    QTest::newRow("letter O") << int(CaseEditor::Current) << "field_annual_premium"
                              << "1,9OO"
                              << "is not an amount in dollars"
                              << "1,900";
    QTest::newRow("2-digit year") << int(CaseEditor::Insured) << "field_date_of_birth"
                                  << "6/15/85"
                                  << "use a 4-digit year"
                                  << "06/15/1985";
    QTest::newRow("2-digit year, policy expiry") << int(CaseEditor::Current) << "field_expiration_date"
                                                 << "3/1/27"
                                                 << "use a 4-digit year"
                                                 << "3/1/2027";
    QTest::newRow("not a date") << int(CaseEditor::Insured) << "field_date_of_birth"
                                << "banana"
                                << "is not a date"
                                << "1985-06-15";
}

void TestRefusedInput::refusalSaysWhy() {
    QFETCH(int, section);
    QFETCH(QString, name);
    QFETCH(QString, typed);
    QFETCH(QString, why);
    QFETCH(QString, valid);
    QLineEdit *e = field(section, name);
    QVERIFY(e);
    test::typeAndTab(e, typed);
    // Temporary messages have their own label beside the case summary.
    auto *message = m_w->findChild<ElidingLabel *>(QStringLiteral("statusMessage"));
    QVERIFY(message);
    QVERIFY2(message->fullText().contains(why), qPrintable(message->fullText()));
    bool listed = false;
    for (int r = 0; r < m_w->problemsModel()->rowCount(); ++r)
        listed = listed || m_w->problemsModel()->problem(r).message.contains(why);
    QVERIFY(listed);
    // A valid value: the status bar no longer speaks of the refused text.
    test::typeAndTab(e, valid);
    QVERIFY2(!message->fullText().contains(typed), qPrintable(message->fullText()));
}

QTEST_MAIN(TestRefusedInput)
#include "tst_refusedinput.moc"
