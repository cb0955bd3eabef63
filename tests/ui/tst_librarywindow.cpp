// SPDX-License-Identifier: MIT
// The library in the window: shown at start only when it holds cases; search as you type, state filter and
// Enter to open; saving a library case audits its edits; copy and re-quote keeps the original; autosave
// recovery offered (what and when) and applied after a simulated crash, and gone after a normal close.
#include "testsupport.h"

#include "casedocument.h"
#include "io/jsonpath.h"
#include "library/casehistorypanel.h"
#include "library/librarycontroller.h"
#include "library/librarypage.h"
#include "mainwindow.h"
#include "rankingcontroller.h"
#include "store/caselibrary.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

using namespace pw;

namespace {

QByteArray household(const QString &first, const QString &last, const QString &state, const QString &zip) {
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    setJsonValueAt(root, QStringLiteral("input.applicant.first_name"), first);
    setJsonValueAt(root, QStringLiteral("input.applicant.last_name"), last);
    setJsonValueAt(root, QStringLiteral("input.address.state"), state);
    setJsonValueAt(root, QStringLiteral("input.address.zip_code"), zip);
    return writeJson(root);
}

std::vector<LibraryCase> find(CaseLibrary &lib, const QString &text) {
    LibraryQuery q;
    q.text = text;
    return lib.cases(q);
}

QString insured(const MainWindow &w) {
    return w.document()->value(QStringLiteral("input.applicant.last_name")).toString();
}

} // namespace

class TestLibraryWindow : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_data;

    std::unique_ptr<CaseLibrary> library() {
        return openCaseLibrary(m_data->filePath(QStringLiteral("library.sqlite")));
    }

    void fill() {
        auto lib = library();
        QVERIFY(lib->isOpen());
        for (const auto &[first, last, state, zip] :
             {std::tuple{"Dana", "Okafor", "NY", "11231"}, std::tuple{"Luis", "Ortega", "NJ", "07030"},
              std::tuple{"Mary", "Smith", "NJ", "07302"}}) {
            SaveOptions o;
            o.author = QStringLiteral("seed");
            QVERIFY(lib->addCase(household(QString::fromUtf8(first), QString::fromUtf8(last),
                                           QString::fromUtf8(state), QString::fromUtf8(zip)),
                                 o));
        }
    }

    // A window opens the library version, changes the first name to "Luisa", autosaves and crashes:
    // its recovery record is left behind.
    void crashWhileEditing(qint64 versionId) {
        auto crashed = std::make_unique<MainWindow>();
        crashed->library()->setAutosaveDelayMs(30);
        QVERIFY(crashed->openFromLibrary(versionId));
        crashed->document()->setValue(QStringLiteral("input.applicant.first_name"),
                                      JsonValue(QStringLiteral("Luisa")));
        QTRY_COMPARE(library()->recoveryRecords().size(), size_t(1));
        QVERIFY(crashed->library()->waitForAutosave());
        crashed->library()->simulateCrashForTests();
    }

private Q_SLOTS:
    void init() {
        m_data = std::make_unique<QTemporaryDir>();
        qputenv("PLACEMENT_WORKBENCH_DATA_DIR", m_data->path().toUtf8());
    }

    void emptyLibraryLeavesTheSample() {
        MainWindow w;
        QVERIFY(!w.showLibraryAtStart());
        QVERIFY(!w.isLibraryShown());
    }

    void searchFilterAndOpen() {
        fill();
        MainWindow w;
        w.show();
        QVERIFY(w.showLibraryAtStart());
        QVERIFY(w.isLibraryShown());
        LibraryPage *page = w.findChild<LibraryPage *>(QStringLiteral("libraryPage"));
        QVERIFY(page);
        QVERIFY(page->waitForIdle());
        auto *table = w.findChild<QTableView *>(QStringLiteral("libraryTable"));
        QAbstractItemModelTester tester(table->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(table->model()->rowCount(), 3);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("Mary Smith")); // newest first
        QVERIFY(!w.findChild<QPushButton *>(QStringLiteral("libraryBack"))->isEnabled());

        auto *search = w.findChild<QLineEdit *>(QStringLiteral("librarySearch"));
        QTest::keyClicks(search, QStringLiteral("0730"));
        QVERIFY(page->waitForIdle());
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("Mary Smith"));
        search->clear();
        QVERIFY(page->waitForIdle());
        auto *state = w.findChild<QComboBox *>(QStringLiteral("libraryStateFilter"));
        state->setCurrentIndex(state->findData(QStringLiteral("NJ")));
        emit state->activated(state->currentIndex());
        QVERIFY(page->waitForIdle());
        QCOMPARE(table->model()->rowCount(), 2);
        QTest::keyClicks(search, QStringLiteral("ortega"));
        QVERIFY(page->waitForIdle());
        QCOMPARE(table->model()->rowCount(), 1);
        QTest::keyClick(search, Qt::Key_Return); // Enter opens
        QVERIFY(!w.isLibraryShown());
        QCOMPARE(insured(w), QStringLiteral("Ortega"));
        QVERIFY(w.library()->versionId() != 0);
        QVERIFY(!w.document()->isModified());
        QVERIFY2(w.windowTitle().contains(QStringLiteral("Luis Ortega — library, version 1")),
                 qPrintable(w.windowTitle()));
        // Ctrl+L brings the library back, on the open case.
        QTest::keySequence(&w, QKeySequence(Qt::CTRL | Qt::Key_L));
        QVERIFY(w.isLibraryShown());
        QVERIFY(page->waitForIdle());
        QCOMPARE(page->history()->caseId(), w.library()->caseId());
    }

    void saveAuditsAndRequoteKeepsOriginal() {
        fill();
        MainWindow w;
        auto lib = library();
        const auto okafor = find(*lib, QStringLiteral("okafor"));
        QCOMPARE(okafor.size(), size_t(1));
        QVERIFY(w.openFromLibrary(okafor[0].versionId));
        w.ranking()->waitForIdle();
        const QByteArray original = lib->version(okafor[0].versionId)->body;
        w.document()->setValue(QStringLiteral("input.address.zip_code"), JsonValue(QStringLiteral("11215")));
        QVERIFY(w.document()->isModified());
        w.ranking()->waitForIdle();
        w.findChild<QAction *>(QStringLiteral("actionSave"))->trigger(); // into its library version
        QVERIFY(!w.document()->isModified());
        auto trail = lib->auditTrail(okafor[0].caseId);
        QCOMPARE(trail[1].kind, QStringLiteral("edit"));
        QCOMPARE(trail[1].path, QStringLiteral("input.address.zip_code"));
        QCOMPARE(trail[1].oldValue, QStringLiteral("\"11231\""));
        QCOMPARE(trail[1].newValue, QStringLiteral("\"11215\""));
        QCOMPARE(trail.back().kind, QStringLiteral("ranking")); // the window's ranking came with the save
        QCOMPARE(trail.back().inputHash, caseInputHash(w.document()->root()));
        QVERIFY(!trail.back().topResult.isEmpty());
        const QByteArray saved = lib->version(okafor[0].versionId)->body;
        QVERIFY(saved != original);

        // Copy and re-quote: unsaved edits go into the new version, the saved one stays as it was.
        w.document()->setValue(QStringLiteral("offerings[0].attributes.line_premium_annual"),
                               JsonValue(4100));
        QVERIFY(w.copyAndRequote(QStringLiteral("Renewal 2027")));
        QCOMPARE(lib->version(okafor[0].versionId)->body, saved);
        const auto versions = lib->versions(okafor[0].caseId);
        QCOMPARE(versions.size(), size_t(2));
        QCOMPARE(versions[1].label, QStringLiteral("Renewal 2027"));
        QCOMPARE(w.library()->versionId(), versions[1].versionId);
        QCOMPARE(jsonValueAt(*parseJson(lib->version(versions[1].versionId)->body),
                             QStringLiteral("offerings[0].attributes.line_premium_annual"))
                     .toDouble(),
                 4100.0);
        QVERIFY(!w.document()->isModified());
    }

    void recoveryAfterCrash() {
        fill();
        const auto ortega = find(*library(), QStringLiteral("ortega"));
        QCOMPARE(ortega.size(), size_t(1));
        crashWhileEditing(ortega[0].versionId);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(library()->recoveryRecords().size(), size_t(1)); // the crash left it

        MainWindow w;
        QString shownText;
        bool clicked = false;
        QTimer::singleShot(50, &w, [&] {
            for (QWidget *top : QApplication::topLevelWidgets())
                if (auto *box = qobject_cast<QMessageBox *>(top);
                    box && box->objectName() == u"recoveryDialog") {
                    shownText = box->informativeText();
                    auto *restore = box->findChild<QPushButton *>(QStringLiteral("recoveryRestore"));
                    if (restore) {
                        restore->click();
                        clicked = true;
                    }
                }
        });
        w.offerRecovery();
        QVERIFY(clicked);
        QVERIFY2(shownText.contains(QStringLiteral("Luisa Ortega — library case")), qPrintable(shownText));
        QVERIFY2(
            shownText.contains(QStringLiteral("autosaved ") + QDate::currentDate().toString(Qt::ISODate)),
            qPrintable(shownText));
        QCOMPARE(w.document()->value(QStringLiteral("input.applicant.first_name")).toString(),
                 QStringLiteral("Luisa"));
        QVERIFY(w.document()->isModified()); // recovered, not saved
        QCOMPARE(w.library()->versionId(), ortega[0].versionId);
        // The old record is gone; this window holds the work in its own record now.
        QVERIFY(w.library()->waitForAutosave());
        QVERIFY(w.library()->orphanedRecoveries().empty());
        QCOMPARE(library()->recoveryRecords().size(), size_t(1));
        QVERIFY(library()->recoveryRecords()[0].body.contains("Luisa"));
    }

    // After a crash, the case the agent names (on the command line: opened in the background; or chosen
    // and opened) is the case the window shows; the recovered work of another case is offered in a window
    // of its own, never put in its place.
    void namedCaseIsNotReplacedByRecovery_data() {
        QTest::addColumn<bool>("inBackground");
        QTest::newRow("named on the command line (opening)") << true;
        QTest::newRow("opened before the offer") << false;
    }

    void namedCaseIsNotReplacedByRecovery() {
        QFETCH(bool, inBackground);
        fill();
        const auto ortega = find(*library(), QStringLiteral("ortega"));
        crashWhileEditing(ortega[0].versionId);
        if (QTest::currentTestFailed()) return;
        const QString named = m_data->filePath(QStringLiteral("named.json"));
        {
            QFile f(named);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(household(QStringLiteral("Bea"), QStringLiteral("Named"), QStringLiteral("NY"),
                              QStringLiteral("11231")));
        }
        const QSet<QWidget *> before(QApplication::topLevelWidgets().begin(),
                                     QApplication::topLevelWidgets().end());
        MainWindow w;
        w.setRecoveryAnswerForTests(QMessageBox::Open);
        w.setUnsavedAnswerForTests(QMessageBox::Cancel); // a question about replacing it is a failure
        if (inBackground)
            w.openCaseInBackground(named);
        else
            QVERIFY(w.openCase(named));
        w.offerRecovery();
        QTRY_VERIFY(!w.isOpening());
        QCOMPARE(insured(w), QStringLiteral("Named"));
        QCOMPARE(QFileInfo(w.document()->fileName()).fileName(), QStringLiteral("named.json"));
        QVERIFY(!w.document()->isModified());
        QCOMPARE(w.unsavedQuestionsForTests(), 0);
        // The recovered work is in a new window, modified (not saved).
        MainWindow *other = nullptr;
        for (QWidget *top : QApplication::topLevelWidgets())
            if (auto *m = qobject_cast<MainWindow *>(top); m && m != &w && !before.contains(m)) other = m;
        QVERIFY(other);
        const std::unique_ptr<MainWindow> owned(other);
        other->setAttribute(Qt::WA_DeleteOnClose, false);
        QCOMPARE(other->document()->value(QStringLiteral("input.applicant.first_name")).toString(),
                 QStringLiteral("Luisa"));
        QCOMPARE(insured(*other), QStringLiteral("Ortega"));
        QVERIFY(other->document()->isModified());
        QVERIFY(other->isVisible());
        other->setUnsavedAnswerForTests(QMessageBox::Discard);
    }

    void normalCloseRemovesTheRecord() {
        fill();
        {
            MainWindow w;
            w.library()->setAutosaveDelayMs(30);
            QVERIFY(w.openFromLibrary(find(*library(), QStringLiteral("smith"))[0].versionId));
            w.document()->setValue(QStringLiteral("input.address.zip_code"),
                                   JsonValue(QStringLiteral("07311")));
            QTRY_COMPARE(library()->recoveryRecords().size(), size_t(1));
        }
        QVERIFY(library()->recoveryRecords().empty());
        MainWindow next;
        next.setRecoveryAnswerForTests(QMessageBox::Open);
        next.offerRecovery(); // nothing to offer
        QVERIFY(!next.document()->isModified());
    }
};

QTEST_MAIN(TestLibraryWindow)
#include "tst_librarywindow.moc"
