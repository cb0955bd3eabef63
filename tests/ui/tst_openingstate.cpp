// SPDX-License-Identifier: MIT
// A window that has no case yet (a case named at start still being read and checked in the background, or
// nothing given) shows nothing of the empty placeholder it holds: no problems in the Problems dock, no
// "Fix N problem(s)" banner, no ⛔/⚠ section badges, no "(no insured name) · 0 offerings" summary (ui.md
// "Empty and error states": validation errors are for a case that has them). Once the case is open, its own
// problems and summary are shown.
#include "windowfixture.h"

#include "elidinglabel.h"
#include "problemsmodel.h"
#include "resultspanel.h"

#include <QListWidget>
#include <QTemporaryDir>

using namespace pw;

namespace {

QString summary(MainWindow &w) {
    auto *l = w.findChild<ElidingLabel *>(QStringLiteral("statusSummary"));
    return l ? l->fullText() : QStringLiteral("<no summary label>");
}

QString banner(MainWindow &w) {
    auto *l = w.findChild<QLabel *>(QStringLiteral("resultsBanner"));
    return l && l->isVisibleTo(&w) ? l->text() : QString();
}

QStringList badgedSections(MainWindow &w) {
    QStringList out;
    auto *list = w.findChild<QListWidget *>(QStringLiteral("sectionList"));
    for (int i = 0; list && i < list->count(); ++i)
        if (list->item(i)->text().contains(u'⛔') || list->item(i)->text().contains(u'⚠'))
            out << list->item(i)->text();
    return out;
}

} // namespace

class TestOpeningState : public QObject {
    Q_OBJECT

private slots:
    void nothingShownOfACaseNotLoaded_data() {
        QTest::addColumn<bool>("opening"); // a named case is being opened in the background
        QTest::newRow("a case named at start, still opening") << true;
        QTest::newRow("no case given yet") << false;
    }

    void nothingShownOfACaseNotLoaded() {
        QFETCH(bool, opening);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("named.json"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json"))));
        }
        MainWindow w;
        w.setUnsavedAnswerForTests(QMessageBox::Discard);
        w.document()->setNow(test::fixedNow());
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        if (opening) w.openCaseInBackground(file);
        // Before the worker hands the case back (its result is delivered by this thread's event loop).
        QCOMPARE(w.isOpening(), opening);
        QCOMPARE(w.problemsModel()->errorCount(), 0);
        QCOMPARE(w.problemsModel()->warningCount(), 0);
        QVERIFY2(!banner(w).contains(QStringLiteral("Fix")), qPrintable(banner(w)));
        QVERIFY2(badgedSections(w).isEmpty(), qPrintable(badgedSections(w).join(u'|')));
        QVERIFY2(!summary(w).contains(QStringLiteral("no insured name")) &&
                     !summary(w).contains(QStringLiteral("0 offerings")),
                 qPrintable(summary(w)));
        if (!opening) return;
        QTRY_VERIFY_WITH_TIMEOUT(!w.isOpening(), 10000);
        QCOMPARE(QFileInfo(w.document()->fileName()).fileName(), QStringLiteral("named.json"));
        QVERIFY2(summary(w).contains(QStringLiteral("offerings")), qPrintable(summary(w)));
        QVERIFY2(!summary(w).contains(QStringLiteral("no insured name")), qPrintable(summary(w)));
        // The case's own problems are shown once it is open: an error put into it appears.
        w.document()->setValue(QStringLiteral("input.address.state"), JsonValue(QStringLiteral("ZZ")));
        QVERIFY(w.document()->waitForValidation(10000));
        QVERIFY(w.problemsModel()->errorCount() > 0);
    }
};

QTEST_MAIN(TestOpeningState)
#include "tst_openingstate.moc"
