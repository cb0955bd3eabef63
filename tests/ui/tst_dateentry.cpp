// SPDX-License-Identifier: MIT
// Dates typed as agents type them: ISO and US forms, Tab leaves the field, the calendar opens near today
// or at a plausible birth year, and an age over 100 is a validation warning.
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "datefield.h"
#include "mainwindow.h"
#include "problemsmodel.h"
#include "rankingcontroller.h"

#include <QAction>
#include <QApplication>
#include <QCalendarWidget>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QTest>

using namespace pw;

class TestDateEntry : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void typedDateIsStored_data();
    void typedDateIsStored();
    void tabLeavesTheDate();
    void calendarOpensNearby_data();
    void calendarOpensNearby();
    void centenarianIsAWarning_data();
    void centenarianIsAWarning();
    void futureBirthIsAnError_data();
    void futureBirthIsAnError();

private:
    MainWindow *m_w = nullptr;
    DateField *dateOfBirth() const {
        m_w->caseEditor()->showSection(CaseEditor::Insured);
        return m_w->findChild<DateField *>(QStringLiteral("field_date_of_birth"));
    }
    void typeInto(QLineEdit *e, const QString &text) {
        e->setFocus();
        e->selectAll();
        QTest::keyClick(e, Qt::Key_Delete);
        QTest::keyClicks(e, text);
    }
};

void TestDateEntry::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
}

void TestDateEntry::cleanup() {
    delete m_w;
    m_w = nullptr;
}

void TestDateEntry::typedDateIsStored_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored");
    QTest::newRow("ISO") << "1985-06-15"
                         << "1985-06-15";
    QTest::newRow("US") << "06/15/1985"
                        << "1985-06-15";
    QTest::newRow("US short") << "6/5/1985"
                              << "1985-06-05";
    QTest::newRow("spaces") << " 12/31/1990 "
                            << "1990-12-31";
    QTest::newRow("ISO unpadded") << "1985-6-5"
                                  << "1985-06-05";
    QTest::newRow("ISO unpadded month") << "1985-6-15"
                                        << "1985-06-15";
}

void TestDateEntry::typedDateIsStored() {
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    // Into an empty date of birth, as a new client's.
    m_w->document()->setValue(QStringLiteral("input.applicant.date_of_birth"), JsonValue());
    DateField *dob = dateOfBirth();
    QVERIFY(dob);
    QCOMPARE(dob->text(), QString());
    typeInto(dob, typed);
    QCOMPARE(dob->text(), typed); // shown as typed, not reinterpreted digit by digit
    QTest::keyClick(dob, Qt::Key_Tab);
    QCOMPARE(m_w->document()->value(QStringLiteral("input.applicant.date_of_birth")).toString(), stored);
    QCOMPARE(dob->text(), stored);
}

void TestDateEntry::tabLeavesTheDate() {
    // Current home policy: Expires, Tab, then the dwelling amount lands in Dwelling, not in Expires.
    m_w->caseEditor()->showSection(CaseEditor::Current);
    QWidget *home = m_w->findChild<QTabWidget *>(QStringLiteral("currentCoverageTabs"))->widget(0);
    auto *expires = home->findChild<QLineEdit *>(QStringLiteral("field_expiration_date"));
    QVERIFY(expires);
    typeInto(expires, QStringLiteral("2027-03-01"));
    QTest::keyClick(expires, Qt::Key_Tab);
    QWidget *next = QApplication::focusWidget();
    QVERIFY(next != expires);
    QCOMPARE(next->objectName(), QStringLiteral("field_dwelling_limit"));
    QTest::keyClicks(next, QStringLiteral("700000"));
    QTest::keyClick(next, Qt::Key_Tab);
    const QString base = QStringLiteral("input.current_coverage.home.");
    QCOMPARE(m_w->document()->value(base + QStringLiteral("expiration_date")).toString(),
             QStringLiteral("2027-03-01"));
    QCOMPARE(m_w->document()->value(base + QStringLiteral("dwelling_limit")).toDouble(), 700000.0);
}

void TestDateEntry::calendarOpensNearby_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value"); // "" = empty field
    QTest::addColumn<int>("minYear");   // relative to this year
    QTest::addColumn<int>("maxYear");
    QTest::newRow("empty birth date") << "field_date_of_birth"
                                      << "" << -80 << -18;
    QTest::newRow("birth date") << "field_date_of_birth"
                                << "1979-04-12" << 1979 << 1979;
    QTest::newRow("empty expiry") << "field_expiration_date"
                                  << "" << 0 << 0;
}

void TestDateEntry::calendarOpensNearby() {
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(int, minYear);
    QFETCH(int, maxYear);
    const bool birth = field == u"field_date_of_birth";
    m_w->caseEditor()->showSection(birth ? CaseEditor::Insured : CaseEditor::Current);
    const QString path = birth ? QStringLiteral("input.applicant.date_of_birth")
                               : QStringLiteral("input.current_coverage.home.expiration_date");
    m_w->document()->setValue(path, value.isEmpty() ? JsonValue() : JsonValue(value));
    DateField *f = nullptr;
    for (DateField *d : m_w->findChildren<DateField *>(field))
        if (d->isVisible()) f = d;
    QVERIFY(f);
    QAction *open = f->calendarAction();
    QCOMPARE(open->objectName(), QStringLiteral("openCalendar"));
    open->trigger();
    QCalendarWidget *cal = f->calendar();
    QVERIFY(cal && cal->isVisible());
    const int thisYear = QDate::currentDate().year();
    const int lo = value.isEmpty() ? thisYear + minYear : minYear;
    const int hi = value.isEmpty() ? thisYear + maxYear : maxYear;
    QVERIFY2(cal->yearShown() >= lo && cal->yearShown() <= hi, qPrintable(QString::number(cal->yearShown())));
    if (!birth) QCOMPARE(cal->monthShown(), QDate::currentDate().month());
    // Picking a day writes it to the field and the case.
    const QDate pick(cal->yearShown(), cal->monthShown(), 10);
    emit cal->clicked(pick);
    QVERIFY(!cal->isVisible());
    QCOMPARE(m_w->document()->value(path).toString(), pick.toString(Qt::ISODate));
}

void TestDateEntry::centenarianIsAWarning_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("warned");
    QTest::newRow("1901") << "1901-06-15" << true;
    QTest::newRow("US 1901") << "06/15/1901" << true;
    QTest::newRow("1985") << "1985-06-15" << false;
}

void TestDateEntry::centenarianIsAWarning() {
    QFETCH(QString, typed);
    QFETCH(bool, warned);
    DateField *dob = dateOfBirth();
    typeInto(dob, typed);
    QTest::keyClick(dob, Qt::Key_Return);
    ProblemsModel *pm = m_w->problemsModel();
    bool found = false;
    for (int r = 0; r < pm->rowCount(); ++r) {
        const Problem &p = pm->problem(r);
        if (p.path == u"input.applicant.date_of_birth" && p.message.contains(QStringLiteral("years old"))) {
            found = true;
            QVERIFY(!p.isError());
        }
    }
    QCOMPARE(found, warned);
}

void TestDateEntry::futureBirthIsAnError_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("error");
    QTest::newRow("2030") << "2030-01-01" << true;
    QTest::newRow("US 2030") << "01/01/2030" << true;
    QTest::newRow("tomorrow") << "2026-11-29" << true;
    QTest::newRow("1985") << "1985-06-15" << false;
}

void TestDateEntry::futureBirthIsAnError() {
    QFETCH(QString, typed);
    QFETCH(bool, error);
    DateField *dob = dateOfBirth();
    typeInto(dob, typed);
    QTest::keyClick(dob, Qt::Key_Tab);
    ProblemsModel *pm = m_w->problemsModel();
    bool found = false;
    for (int r = 0; r < pm->rowCount(); ++r) {
        const Problem &p = pm->problem(r);
        if (p.path == u"input.applicant.date_of_birth" &&
            p.message.contains(QStringLiteral("in the future"))) {
            found = true;
            QVERIFY(p.isError());
        }
    }
    QCOMPARE(found, error);
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    // An error stops ranking until fixed: the results are marked as of an earlier version.
    QCOMPARE(m_w->ranking()->isStale(), error);
}

QTEST_MAIN(TestDateEntry)
#include "tst_dateentry.moc"
