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
#include <QHeaderView>
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
#include <QToolButton>
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
    void historyNothingClipped();
    void choicesShowWords_data();
    void choicesShowWords();

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
    QTest::newRow("dwelling 12M") << int(CaseEditor::Current) << "field_dwelling_limit"
                                  << "12345678.90"
                                  << "$12,345,678.90";
    QTest::newRow("dwelling 123M") << int(CaseEditor::Current) << "field_dwelling_limit"
                                   << "123456789.99"
                                   << "$123,456,789.99";
    QTest::newRow("liability 123M") << int(CaseEditor::Current) << "field_liability_limit"
                                    << "123456789.99"
                                    << "$123,456,789.99";
    QTest::newRow("net worth 123M") << int(CaseEditor::Insured) << "field_net_worth"
                                    << "123456789.99"
                                    << "$123,456,789.99";
    QTest::newRow("replacement cost 12M") << int(CaseEditor::Residence) << "field_replacement_cost"
                                          << "12345678.90"
                                          << "$12,345,678.90";
    QTest::newRow("offering dwelling 123M") << int(CaseEditor::Offerings) << "field_dwelling_limit"
                                            << "123456789.99"
                                            << "$123,456,789.99";
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
    QApplication::processEvents(); // the form lays itself out again, as on screen
    auto fits = [e] {
        const int room = e->width() - 2 * e->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) - 4;
        const QRect r(e->mapTo(e->window(), QPoint(0, 0)), e->size());
        return e->fontMetrics().horizontalAdvance(e->text()) <= room &&
               e->visibleRegion().boundingRect().width() == e->width() && r.width() > 0;
    };
    QVERIFY2(fits(), qPrintable(e->text()));
    QTest::keyClick(e, Qt::Key_Return);
    QApplication::processEvents();
    QCOMPARE(e->text(), shown);
    QVERIFY2(fits(), qPrintable(QStringLiteral("%1 in %2 px").arg(e->text()).arg(e->width())));
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

namespace {

// Cells and headers of a table whose text does not fit its column, and an open cell editor whose text
// does not fit the editor (a date's editor also holds its calendar button).
QStringList tableClipped(QTableView *view) {
    QStringList out;
    QAbstractItemModel *m = view->model();
    const QFontMetrics fm = view->fontMetrics();
    const int margins = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1) + 2;
    for (int c = 0; c < m->columnCount(); ++c) {
        const QString head = m->headerData(c, Qt::Horizontal).toString();
        if (view->horizontalHeader()->fontMetrics().horizontalAdvance(head) + margins > view->columnWidth(c))
            out << QStringLiteral("header \"%1\" in %2 px").arg(head).arg(view->columnWidth(c));
        for (int r = 0; r < m->rowCount(); ++r) {
            const QString text = m->index(r, c).data().toString();
            if (fm.horizontalAdvance(text) + margins > view->columnWidth(c))
                out << QStringLiteral("cell \"%1\" in %2 px").arg(text).arg(view->columnWidth(c));
        }
    }
    for (QLineEdit *e : view->viewport()->findChildren<QLineEdit *>()) {
        if (!e->isVisible()) continue;
        int room = e->width() - 2 * e->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) - 4;
        if (!e->actions().isEmpty()) room -= e->style()->pixelMetric(QStyle::PM_SmallIconSize) + 9;
        if (e->fontMetrics().horizontalAdvance(e->text()) > room)
            out << QStringLiteral("editor \"%1\" in %2 px").arg(e->text()).arg(room);
    }
    return out;
}

} // namespace

void TestFormFit::historyNothingClipped() {
    m_w->caseEditor()->showSection(CaseEditor::History);
    QWidget *page = m_w->caseEditor()->page(CaseEditor::History);
    QApplication::processEvents();
    // Each table's title is whole and no button covers it.
    for (const QString &title :
         {QStringLiteral("Lapses in coverage"), QStringLiteral("Claims"), QStringLiteral("Non-renewals")}) {
        QLabel *label = nullptr;
        for (QLabel *l : page->findChildren<QLabel *>())
            if (l->text().contains(title)) label = l;
        QVERIFY2(label, qPrintable(title));
        QVERIFY2(label->width() >= label->sizeHint().width(),
                 qPrintable(QStringLiteral("%1 cut to %2 of %3 px")
                                .arg(title)
                                .arg(label->width())
                                .arg(label->sizeHint().width())));
        const QRect at(label->mapTo(page, QPoint(0, 0)), label->size());
        QVERIFY(at.left() >= 0 && at.right() < page->width());
        for (QToolButton *b : label->parentWidget()->findChildren<QToolButton *>()) {
            const QRect br(b->mapTo(page, QPoint(0, 0)), b->size());
            const QRect text(at.topLeft(), QSize(label->sizeHint().width(), at.height()));
            QVERIFY2(!br.intersects(text), qPrintable(title + QStringLiteral(" under ") + b->text()));
        }
    }
    // A lapse typed as agents type it: the cell, its open editor and the headers show every character.
    auto *view = page->findChild<QTableView *>(QStringLiteral("lapsesTable"));
    QVERIFY(view);
    QTest::mouseClick(page->findChild<QToolButton *>(QStringLiteral("lapsesAddButton")), Qt::LeftButton);
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("03/01/2021"));
    QStringList bad = tableClipped(view);
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QStringLiteral("; "))));
    QTest::keyClick(editor, Qt::Key_Tab);
    QCoreApplication::processEvents();
    editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("2021-04-15"));
    bad = tableClipped(view);
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QStringLiteral("; "))));
    QTest::keyClick(editor, Qt::Key_Return);
    QCoreApplication::processEvents();
    QCOMPARE(m_w->document()->value(QStringLiteral("input.insurance_history.lapses[0].start")).toString(),
             QStringLiteral("2021-03-01"));
    QCOMPARE(m_w->document()->value(QStringLiteral("input.insurance_history.lapses[0].end")).toString(),
             QStringLiteral("2021-04-15"));
    for (QTableView *v : page->findChildren<QTableView *>()) {
        bad = tableClipped(v);
        QVERIFY2(bad.isEmpty(), qPrintable(v->objectName() + u": " + bad.join(QStringLiteral("; "))));
        // And the table itself lies inside the pane.
        QVERIFY(QRect(v->mapTo(page, QPoint(0, 0)), v->size()).right() < page->width());
    }
}

void TestFormFit::choicesShowWords_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<int>("tab");
    QTest::newRow("Insured") << int(CaseEditor::Insured) << 0;
    QTest::newRow("Residence") << int(CaseEditor::Residence) << 0;
    QTest::newRow("Current home") << int(CaseEditor::Current) << 0;
    QTest::newRow("Offering quote") << int(CaseEditor::Offerings) << 1;
}

void TestFormFit::choicesShowWords() {
    QFETCH(int, section);
    QFETCH(int, tab);
    const QList<QScrollArea *> areas = show(section, tab);
    int combos = 0;
    for (QScrollArea *a : areas)
        for (QComboBox *c : a->widget()->findChildren<QComboBox *>()) {
            ++combos;
            for (int i = 0; i < c->count(); ++i)
                QVERIFY2(!c->itemText(i).contains(u'_'),
                         qPrintable(c->objectName() + QStringLiteral(": ") + c->itemText(i)));
        }
    QVERIFY(combos > 0);
    if (section != CaseEditor::Residence) return;
    // The words are shown, the codes stored: typing "Fire" picks "Fire resistive".
    auto *construction =
        areas.first()->widget()->findChild<QComboBox *>(QStringLiteral("field_construction"));
    QVERIFY(construction);
    QVERIFY(construction->findText(QStringLiteral("Masonry veneer")) >= 0);
    construction->setFocus();
    QTest::keyClicks(construction, QStringLiteral("Fire"));
    QCOMPARE(construction->currentText(), QStringLiteral("Fire resistive"));
    QCOMPARE(m_w->document()->value(QStringLiteral("input.residence.construction")).toString(),
             QStringLiteral("fire_resistive"));
}

QTEST_MAIN(TestFormFit)
#include "tst_formfit.moc"
