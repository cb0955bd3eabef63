// SPDX-License-Identifier: MIT
// Editing a large case keeps the window responsive: typing into a field of the 50 MB case (44,100
// offerings) validates the case on a worker, not on the GUI thread (where it held the loop for seconds),
// and the Problems panel then lists the problems of the latest edit. A newer edit supersedes the check of
// an older one: the problems shown are never those of a value already replaced. The loop's longest gap is
// measured with a 10 ms timer; the bound (1.5 s) is generous so a loaded machine never fails it
// (bench_eventloop prints the figures), where validating on the GUI thread took 2.7 s and more.
#include "casedocument.h"
#include "caseeditor.h"
#include "casegen.h"
#include "gapmeter.h"
#include "mainwindow.h"
#include "problemsmodel.h"
#include "rankingcontroller.h"
#include "testsupport.h"

#include <QLineEdit>
#include <QMessageBox>
#include <QTableView>
#include <QtTest>

using namespace pw;

namespace {

// The messages the Problems panel lists at `path`, as the panel's model holds them.
QStringList shownProblemsAt(MainWindow &w, const QString &path) {
    auto *view = w.findChild<QTableView *>(QStringLiteral("problemsView"));
    QStringList out;
    if (!view) return {QStringLiteral("(no problems view)")};
    const QAbstractItemModel *m = view->model();
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, ProblemsModel::Path).data().toString() == path)
            out << m->index(r, ProblemsModel::Message).data().toString();
    return out;
}

// Types `text` into the line edit and commits it with Enter, as an agent does.
void typeInto(QLineEdit *edit, const QString &text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

const QString kZipPath = QStringLiteral("input.address.zip_code");

} // namespace

class TestLargeCaseEdit : public QObject {
    Q_OBJECT

private:
    MainWindow *m_window = nullptr;

private slots:
    void initTestCase() {
        m_window = new MainWindow;
        m_window->setUnsavedAnswerForTests(QMessageBox::Discard);
        m_window->document()->setNow(test::fixedNow());
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        // A household in NY 11231 with 3 lines × 14,700 offerings (the 50 MB case).
        m_window->document()->load(
            bench::householdCase({QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")},
                                 {14700, 14700, 14700}, 60, 19),
            QString());
        QCOMPARE(m_window->document()->typedCase().offerings.size(), size_t(44100));
        QVERIFY(m_window->document()->root()[u"offerings"].size() >=
                m_window->document()->backgroundValidationThreshold());
        m_window->ranking()->cancel(); // its CPU is not what this test is about
        QVERIFY(m_window->ranking()->waitForIdle(30000));
        m_window->findChild<CaseEditor *>()->showSection(CaseEditor::Insured);
    }

    void cleanupTestCase() { delete m_window; }

    void typingIntoFieldsDoesNotBlockAndShowsTheProblems_data() {
        QTest::addColumn<QString>("zip");
        QTest::addColumn<QString>("expected"); // a word of the ZIP's problem; empty: none
        QTest::newRow("unknown ZIP") << QStringLiteral("00000") << QStringLiteral("not a known US ZIP code");
        QTest::newRow("a New Jersey ZIP in NY") << QStringLiteral("07030") << QStringLiteral("belongs to NJ");
        QTest::newRow("a ZIP of the case's state") << QStringLiteral("10001") << QString();
    }

    void typingIntoFieldsDoesNotBlockAndShowsTheProblems() {
        QFETCH(QString, zip);
        QFETCH(QString, expected);
        MainWindow &w = *m_window;
        auto *street = w.findChild<QLineEdit *>(QStringLiteral("field_line1"));
        auto *city = w.findChild<QLineEdit *>(QStringLiteral("field_city"));
        auto *zipEdit = w.findChild<QLineEdit *>(QStringLiteral("field_zip_code"));
        QVERIFY(street && city && zipEdit);
        QTRY_VERIFY(zipEdit->isVisible());

        // An agent corrects the address field after field: nine edits, each committed with Enter, and the
        // ZIP last. Each commit took a whole validation of the case on the GUI thread (0.25–0.9 s here).
        bench::GapMeter meter;
        qint64 committingMs = 0;
        for (int i = 0; i < 3; ++i) {
            for (const auto &[edit, text] :
                 {std::pair{street, QStringLiteral("%1 Court Street").arg(100 + i)},
                  std::pair{city, QStringLiteral("Brooklyn %1").arg(i)},
                  std::pair{zipEdit, i == 2 ? zip : QStringLiteral("1120%1").arg(i)}}) {
                QElapsedTimer typing;
                typing.start();
                typeInto(edit, text);
                committingMs += typing.elapsed();
                QTest::qWait(20); // the agent moves on; the loop turns
            }
        }
        // The tree has every edit at once; the check of the last comes from a worker.
        QCOMPARE(w.document()->value(kZipPath).toString(), zip);
        QCOMPARE(w.document()->value(QStringLiteral("input.address.city")).toString(),
                 QStringLiteral("Brooklyn 2"));
        QVERIFY(w.document()->waitForValidation(60000));
        QTest::qWait(100); // the panels take the problems
        meter.stop();
        qInfo("nine edits committed in %lld ms; longest event-loop gap until the problems are shown: %.0f ms",
              committingMs, meter.maxGap());
        QVERIFY2(committingMs < 1500,
                 qPrintable(QStringLiteral("committing nine edits took %1 ms").arg(committingMs)));
        QVERIFY2(meter.maxGap() < 1500,
                 qPrintable(QStringLiteral("the event loop stalled for %1 ms").arg(meter.maxGap())));

        // The problems are those of the values typed last, in the document and in the Problems panel.
        QCOMPARE(w.document()->typedCase().input.address.zipCode, zip);
        QCOMPARE(w.document()->typedCase().input.address.city, QStringLiteral("Brooklyn 2"));
        const QStringList shown = shownProblemsAt(w, kZipPath);
        if (expected.isEmpty()) {
            QVERIFY2(shown.isEmpty(), qPrintable(shown.join(u'\n')));
        } else {
            QCOMPARE(shown.size(), 1);
            QVERIFY2(shown.first().contains(expected), qPrintable(shown.first()));
            QVERIFY2(shown.first().contains(zip), qPrintable(shown.first()));
        }
    }

    void aNewerEditSupersedesTheCheckOfAnOlderOne_data() {
        QTest::addColumn<QStringList>("zips"); // typed one after another, without waiting
        QTest::addColumn<QString>("expected"); // of the last one
        QTest::newRow("bad, then good")
            << QStringList{QStringLiteral("00000"), QStringLiteral("11231")} << QString();
        QTest::newRow("good, then bad") << QStringList{QStringLiteral("11231"), QStringLiteral("07030")}
                                        << QStringLiteral("belongs to NJ");
        QTest::newRow("three, the last unknown")
            << QStringList{QStringLiteral("07030"), QStringLiteral("10001"), QStringLiteral("00000")}
            << QStringLiteral("not a known US ZIP code");
    }

    void aNewerEditSupersedesTheCheckOfAnOlderOne() {
        QFETCH(QStringList, zips);
        QFETCH(QString, expected);
        MainWindow &w = *m_window;
        auto *edit = w.findChild<QLineEdit *>(QStringLiteral("field_zip_code"));
        QVERIFY(edit);
        int validations = 0;
        connect(w.document(), &CaseDocument::validated, this, [&validations] { ++validations; });
        for (const QString &zip : zips) {
            typeInto(edit, zip);
            // The first check is running on its worker when the next value comes.
            QTest::qWait(250);
        }
        QVERIFY(w.document()->isChecking() || validations > 0);
        QVERIFY(w.document()->waitForValidation(60000));
        QTest::qWait(100);
        disconnect(w.document(), &CaseDocument::validated, this, nullptr);
        // Whatever checks finished in between, the problems shown are the last value's.
        QCOMPARE(w.document()->typedCase().input.address.zipCode, zips.last());
        const QStringList shown = shownProblemsAt(w, kZipPath);
        if (expected.isEmpty()) {
            QVERIFY2(shown.isEmpty(), qPrintable(shown.join(u'\n')));
        } else {
            QCOMPARE(shown.size(), 1);
            QVERIFY2(shown.first().contains(expected) && shown.first().contains(zips.last()),
                     qPrintable(shown.first()));
        }
        // Superseded checks are dropped, not shown: at most one result per value typed, and fewer when
        // a newer value came before a check ended.
        QVERIFY(validations >= 1 && validations <= zips.size());
    }
};

QTEST_MAIN(TestLargeCaseEdit)
#include "tst_largecaseedit.moc"
