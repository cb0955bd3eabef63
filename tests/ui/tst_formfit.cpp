// SPDX-License-Identifier: MIT
// Forms at 1366×768: every editor and value lies inside its pane, tabbing never slides a form sideways,
// a money field shows every digit it holds, and the wheel over an unfocused combo scrolls the form.
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "mainwindow.h"
#include "offeringspage.h"
#include "rankingcontroller.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpontaneKeyEvent>
#include <QStyle>
#include <QStyleOptionFrame>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QWheelEvent>

using namespace pw;

class TestFormFit : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void nothingClipped_data();
    void nothingClipped();
    void tabbingKeepsTheFormInPlace_data();
    void tabbingKeepsTheFormInPlace();
    void moneyShowsEveryDigit_data();
    void moneyShowsEveryDigit();
    void wheelOverUnfocusedComboScrollsTheForm();

private:
    MainWindow *m_w = nullptr;
    // Shows a section (and a tab of it); returns the visible form scroll areas.
    QList<QScrollArea *> show(int section, int tab);
};

namespace {

// Widgets of a scroll area's form that do not lie wholly inside its viewport, or whose text does not fit.
QStringList clipped(QScrollArea *area) {
    QStringList out;
    QWidget *vp = area->viewport();
    for (QWidget *w : area->widget()->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(area->widget()) || w->parentWidget() == nullptr) continue;
        if (!qobject_cast<QLineEdit *>(w) && !qobject_cast<QComboBox *>(w) && !qobject_cast<QCheckBox *>(w) &&
            !qobject_cast<QLabel *>(w) && !qobject_cast<QAbstractSpinBox *>(w))
            continue;
        if (qobject_cast<QLineEdit *>(w) && qobject_cast<QAbstractSpinBox *>(w->parentWidget())) continue;
        if (qobject_cast<QLineEdit *>(w) && qobject_cast<QComboBox *>(w->parentWidget())) continue;
        const QRect r(w->mapTo(vp, QPoint(0, 0)), w->size());
        const QString name =
            w->objectName().isEmpty()
                ? QString::fromLatin1(w->metaObject()->className()) + u':' +
                      (qobject_cast<QLabel *>(w) ? qobject_cast<QLabel *>(w)->text() : QString())
                : w->objectName();
        if (r.left() < 0 || r.right() > vp->width())
            out << QStringLiteral("%1 at x %2–%3 of %4")
                       .arg(name)
                       .arg(r.left())
                       .arg(r.right())
                       .arg(vp->width());
        if (auto *e = qobject_cast<QLineEdit *>(w)) {
            const QString text = e->text().isEmpty() ? e->placeholderText() : e->text();
            const int room = e->width() - 2 * e->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) - 4;
            if (e->fontMetrics().horizontalAdvance(text) > room)
                out << QStringLiteral("%1: \"%2\" does not fit %3 px").arg(name, text).arg(room);
        }
        if (auto *l = qobject_cast<QLabel *>(w))
            if (!l->wordWrap() && !l->text().isEmpty() && l->minimumSizeHint().width() > l->width())
                out << QStringLiteral("label \"%1\" cut to %2 px").arg(l->text()).arg(l->width());
    }
    return out;
}

} // namespace

void TestFormFit::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
}

void TestFormFit::cleanup() {
    delete m_w;
    m_w = nullptr;
}

QList<QScrollArea *> TestFormFit::show(int section, int tab) {
    m_w->caseEditor()->showSection(section);
    QWidget *page = m_w->caseEditor()->page(section);
    if (section == CaseEditor::Current)
        page->findChild<QTabWidget *>(QStringLiteral("currentCoverageTabs"))->setCurrentIndex(tab);
    if (section == CaseEditor::Offerings) {
        auto *view = m_w->findChild<QTableView *>(QStringLiteral("offeringsTable"));
        view->setCurrentIndex(view->model()->index(0, 1));
        page->findChild<QTabWidget *>(QStringLiteral("offeringDetail"))->setCurrentIndex(tab);
    }
    QApplication::processEvents();
    QList<QScrollArea *> areas;
    for (QScrollArea *a : page->findChildren<QScrollArea *>())
        if (a->isVisible() && a->widget()) areas << a;
    return areas;
}

void TestFormFit::nothingClipped_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<int>("tab");
    QTest::newRow("Insured") << int(CaseEditor::Insured) << 0;
    QTest::newRow("Residence") << int(CaseEditor::Residence) << 0;
    QTest::newRow("Vehicles") << int(CaseEditor::Vehicles) << 0;
    QTest::newRow("Current home") << int(CaseEditor::Current) << 0;
    QTest::newRow("Current auto") << int(CaseEditor::Current) << 1;
    QTest::newRow("Current umbrella") << int(CaseEditor::Current) << 2;
    QTest::newRow("Current flood") << int(CaseEditor::Current) << 3;
    QTest::newRow("History") << int(CaseEditor::History) << 0;
    QTest::newRow("Offering coverage") << int(CaseEditor::Offerings) << 0;
    QTest::newRow("Offering quote") << int(CaseEditor::Offerings) << 1;
}

void TestFormFit::nothingClipped() {
    QFETCH(int, section);
    QFETCH(int, tab);
    const QList<QScrollArea *> areas = show(section, tab);
    QVERIFY(!areas.isEmpty());
    for (QScrollArea *a : areas) {
        const QStringList bad = clipped(a);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QStringLiteral("; "))));
        QCOMPARE(a->widget()->width(), a->viewport()->width());
    }
}

void TestFormFit::tabbingKeepsTheFormInPlace_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<int>("tab");
    QTest::newRow("Insured") << int(CaseEditor::Insured) << 0;
    QTest::newRow("Residence") << int(CaseEditor::Residence) << 0;
    QTest::newRow("Current home") << int(CaseEditor::Current) << 0;
}

void TestFormFit::tabbingKeepsTheFormInPlace() {
    QFETCH(int, section);
    QFETCH(int, tab);
    const QList<QScrollArea *> areas = show(section, tab);
    QVERIFY(!areas.isEmpty());
    QScrollArea *area = areas.first();
    QLineEdit *first = area->widget()->findChild<QLineEdit *>();
    QVERIFY(first);
    first->setFocus();
    for (int i = 0; i < 25; ++i) {
        QWidget *f = QApplication::focusWidget();
        QVERIFY(f);
        if (!area->widget()->isAncestorOf(f)) break;
        QCOMPARE(area->widget()->x(), 0);
        QCOMPARE(area->horizontalScrollBar()->value(), 0);
        const QStringList bad = clipped(area);
        QVERIFY2(bad.isEmpty(), qPrintable(f->objectName() + u": " + bad.join(QStringLiteral("; "))));
        QTest::keyClick(f, Qt::Key_Tab);
    }
}

void TestFormFit::moneyShowsEveryDigit_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("shown");
    QTest::newRow("net worth") << int(CaseEditor::Insured) << "field_net_worth"
                               << "450000"
                               << "$450,000";
    QTest::newRow("home premium") << int(CaseEditor::Current) << "field_annual_premium"
                                  << "1780.55"
                                  << "$1,780.55";
    QTest::newRow("dwelling") << int(CaseEditor::Current) << "field_dwelling_limit"
                              << "1250000"
                              << "$1,250,000";
    QTest::newRow("replacement cost") << int(CaseEditor::Residence) << "field_replacement_cost"
                                      << "985000"
                                      << "$985,000";
}

void TestFormFit::moneyShowsEveryDigit() {
    QFETCH(int, section);
    QFETCH(QString, field);
    QFETCH(QString, typed);
    QFETCH(QString, shown);
    const QList<QScrollArea *> areas = show(section, 0);
    auto *e = areas.first()->widget()->findChild<QLineEdit *>(field);
    QVERIFY(e);
    e->setFocus();
    e->selectAll();
    QTest::keyClicks(e, typed);
    auto fits = [e] {
        const int room = e->width() - 2 * e->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) - 4;
        const QRect r(e->mapTo(e->window(), QPoint(0, 0)), e->size());
        return e->fontMetrics().horizontalAdvance(e->text()) <= room &&
               e->visibleRegion().boundingRect().width() == e->width() && r.width() > 0;
    };
    QVERIFY2(fits(), qPrintable(e->text()));
    QTest::keyClick(e, Qt::Key_Return);
    QCOMPARE(e->text(), shown);
    QVERIFY2(fits(), qPrintable(e->text()));
    // The whole editor is on screen, not behind the pane's edge.
    QCOMPARE(e->visibleRegion().boundingRect().width(), e->width());
}

void TestFormFit::wheelOverUnfocusedComboScrollsTheForm() {
    const QList<QScrollArea *> areas = show(CaseEditor::Insured, 0);
    QScrollArea *area = areas.first();
    m_w->document()->setValue(QStringLiteral("input.address.state"), JsonValue(QStringLiteral("NJ")));
    m_w->document()->setValue(QStringLiteral("input.address.zip_code"), JsonValue(QStringLiteral("07030")));
    auto *state = area->widget()->findChild<QComboBox *>(QStringLiteral("field_state"));
    QVERIFY(state);
    QCOMPARE(state->currentData().toString(), QStringLiteral("NJ"));
    area->widget()->findChild<QLineEdit *>(QStringLiteral("field_first_name"))->setFocus();
    QVERIFY(area->verticalScrollBar()->maximum() > 0);
    area->verticalScrollBar()->setValue(area->verticalScrollBar()->maximum() / 2);
    const int before = area->verticalScrollBar()->value();
    const QPoint at = state->rect().center();
    QWheelEvent down(at, state->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                     Qt::NoScrollPhase, false);
    QSpontaneKeyEvent::setSpontaneous(&down); // as from the mouse: Qt propagates only such wheel events
    QApplication::sendEvent(state, &down);
    QCOMPARE(state->currentData().toString(), QStringLiteral("NJ"));
    QCOMPARE(m_w->document()->value(QStringLiteral("input.address.state")).toString(), QStringLiteral("NJ"));
    QVERIFY2(area->verticalScrollBar()->value() > before,
             qPrintable(QStringLiteral("%1 → %2").arg(before).arg(area->verticalScrollBar()->value())));
    // With focus the wheel does change the combo, as agents expect of a focused control.
    state->setFocus();
    QWheelEvent again(at, state->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QSpontaneKeyEvent::setSpontaneous(&again);
    QApplication::sendEvent(state, &again);
    QVERIFY(state->currentData().toString() != QStringLiteral("NJ"));
}

QTEST_MAIN(TestFormFit)
#include "tst_formfit.moc"
