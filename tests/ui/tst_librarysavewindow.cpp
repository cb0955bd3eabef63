// SPDX-License-Identifier: MIT
// Saving into the library on this computer (SQLite) while the save takes long (another program holds
// the library's write lock): the window stays usable — menus, toolbars and fields enabled — and says
// what happens in plain words ("Saving the case to the library on this computer…", never "Waiting for
// the library server"), with the time so far when it is long and no "Stop waiting" (there is no server
// to stop waiting for). An edit made during the save is not in the saved version and keeps the case
// modified; the next save stores it. Quit during a save waits for it and loses nothing.
#include "serverwindowfixture.h"

#include "casedocument.h"
#include "elidinglabel.h"
#include "mainwindow.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QTest>
#include <QToolBar>

using namespace pw;

namespace {

// What the window looked like at one moment of the save.
struct Seen {
    bool menus = false, toolbars = false, fields = false, stopWaiting = true, busyWords = false;
    QString busyText, banner;
};

Seen look(MainWindow &w) {
    Seen s;
    s.menus = w.menuBar()->isEnabled();
    s.toolbars = true;
    for (QToolBar *tb : w.findChildren<QToolBar *>())
        s.toolbars = s.toolbars && tb->isEnabled();
    w.caseEditor()->showSection(CaseEditor::Insured);
    auto *field =
        w.caseEditor()->page(CaseEditor::Insured)->findChild<QLineEdit *>(QStringLiteral("field_first_name"));
    s.fields = field && field->isEnabled() && field->isEnabledTo(&w) &&
               w.findChild<QStackedWidget *>(QStringLiteral("centralStack"))->isEnabled();
    s.stopWaiting = w.findChild<QPushButton *>(QStringLiteral("libraryStopWaitingButton"))->isVisible();
    auto *busy = w.findChild<QLabel *>(QStringLiteral("libraryBusyText"));
    s.busyWords = busy && busy->isVisible();
    s.busyText = busy ? busy->text() : QString();
    s.banner = w.libraryBannerText();
    return s;
}

QString field(const QByteArray &body, const QString &path) {
    return jsonValueAt(*parseJson(body), path).toString();
}

} // namespace

class TestLibrarySaveWindow : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_data;
    qint64 m_versionId = 0;

    QString libraryPath() const { return m_data->filePath(QStringLiteral("library.sqlite")); }

    // Another connection takes the library's write lock (BEGIN IMMEDIATE): a save waits for it.
    QSqlDatabase holdWriteLock() {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("lockHolder"));
        db.setDatabaseName(libraryPath());
        if (!db.open()) qWarning("cannot open the library to hold its lock");
        QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
        return db;
    }
    static void releaseWriteLock() {
        {
            QSqlDatabase db = QSqlDatabase::database(QStringLiteral("lockHolder"), false);
            QSqlQuery(db).exec(QStringLiteral("COMMIT"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("lockHolder"));
    }

    std::unique_ptr<MainWindow> windowOnLibraryCase() {
        auto w = std::make_unique<MainWindow>();
        w->setUnsavedAnswerForTests(QMessageBox::Discard);
        w->document()->setNow(test::fixedNow());
        w->resize(1366, 768);
        w->show();
        w->activateWindow();
        if (!QTest::qWaitForWindowActive(w.get())) qWarning("the window did not become active");
        if (!w->openFromLibrary(m_versionId)) return nullptr;
        return w;
    }

    std::unique_ptr<CaseLibrary> library() const { return openCaseLibrary(libraryPath()); }

private Q_SLOTS:
    void init() {
        m_data = std::make_unique<QTemporaryDir>();
        qputenv("PLACEMENT_WORKBENCH_DATA_DIR", m_data->path().toUtf8());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_data->filePath(QStringLiteral("config")));
        QSettings().clear();
        auto lib = library();
        QVERIFY2(lib->isOpen(), qPrintable(lib->lastError()));
        SaveOptions o;
        o.author = QStringLiteral("seed");
        const auto id = lib->addCase(
            test::householdBytes(QStringLiteral("Dana"), QStringLiteral("Okafor"), QStringLiteral("11231")),
            o);
        QVERIFY2(id, qPrintable(lib->lastError()));
        m_versionId = *id;
    }
    void cleanup() {
        if (QSqlDatabase::contains(QStringLiteral("lockHolder"))) releaseWriteLock();
    }

    void longLocalSaveKeepsTheWindowUsable_data() {
        QTest::addColumn<bool>("editDuringSave");
        QTest::newRow("no edit during the save") << false;
        QTest::newRow("an edit during the save") << true;
    }
    void longLocalSaveKeepsTheWindowUsable() {
        QFETCH(bool, editDuringSave);
        auto w = windowOnLibraryCase();
        QVERIFY(w);
        QVERIFY(w->document()->fileName().isEmpty()); // kept in the library only: Save goes there
        QVERIFY(test::typeIntoInsured(*w, "field_zip_code", QStringLiteral("11215")));
        holdWriteLock();

        Seen early, late;
        bool typed = false;
        QTimer::singleShot(400, w.get(), [&] {
            early = look(*w);
            if (editDuringSave)
                typed = test::typeIntoInsured(*w, "field_first_name", QStringLiteral("Danielle"));
        });
        // Longer than LibraryController::kSlowMs: the banner says it too, with the time so far.
        QTimer::singleShot(LibraryController::kSlowMs + 700, w.get(), [&] {
            late = look(*w);
            releaseWriteLock();
        });
        w->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();

        QVERIFY(early.menus);
        QVERIFY(early.toolbars);
        QVERIFY(early.fields);
        QVERIFY(late.menus && late.toolbars && late.fields);
        QVERIFY2(early.busyWords, qPrintable(early.busyText));
        QCOMPARE(early.busyText, QStringLiteral("Saving the case to the library on this computer…"));
        QVERIFY2(!early.banner.contains(QStringLiteral("server")), qPrintable(early.banner));
        QVERIFY2(late.banner.startsWith(QStringLiteral("Saving the case to the library on this computer… (")),
                 qPrintable(late.banner));
        QVERIFY2(late.banner.contains(QStringLiteral("s so far")), qPrintable(late.banner));
        QVERIFY2(!late.banner.contains(QStringLiteral("server")), qPrintable(late.banner));
        QVERIFY(!late.stopWaiting);
        QVERIFY(!early.stopWaiting);
        QCOMPARE(typed, editDuringSave);

        // After the save: the words are gone; the library holds the case as it was when Save was chosen.
        QVERIFY(!w->findChild<QLabel *>(QStringLiteral("libraryBusyText"))->isVisible());
        QCOMPARE(w->libraryBannerText(), QString());
        QByteArray stored = library()->version(m_versionId)->body;
        QCOMPARE(field(stored, QStringLiteral("input.address.zip_code")), QStringLiteral("11215"));
        QCOMPARE(field(stored, QStringLiteral("input.applicant.first_name")), QStringLiteral("Dana"));
        // An edit made meanwhile is not saved: the case stays modified, and the next save stores it.
        QCOMPARE(w->document()->isModified(), editDuringSave);
        QCOMPARE(w->document()->value(QStringLiteral("input.applicant.first_name")).toString(),
                 editDuringSave ? QStringLiteral("Danielle") : QStringLiteral("Dana"));
        if (editDuringSave) {
            w->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
            QVERIFY(!w->document()->isModified());
            stored = library()->version(m_versionId)->body;
            QCOMPARE(field(stored, QStringLiteral("input.applicant.first_name")), QStringLiteral("Danielle"));
            QCOMPARE(stored, writeJson(w->document()->root()));
        }
    }

    void quitDuringSaveWaitsForIt_data() {
        QTest::addColumn<bool>("editDuringSave");
        QTest::newRow("quit during the save") << false;
        QTest::newRow("edit, then quit during the save; Save when asked") << true;
    }
    void quitDuringSaveWaitsForIt() {
        QFETCH(bool, editDuringSave);
        auto w = windowOnLibraryCase();
        QVERIFY(w);
        QVERIFY(test::typeIntoInsured(*w, "field_zip_code", QStringLiteral("11215")));
        w->setUnsavedAnswerForTests(QMessageBox::Save); // edits made during the save: saved when asked
        holdWriteLock();
        bool closedAtOnce = true, stillShown = false;
        QTimer::singleShot(300, w.get(), [&] {
            if (editDuringSave) test::typeIntoInsured(*w, "field_first_name", QStringLiteral("Danielle"));
            closedAtOnce = w->close(); // Quit (Ctrl+Q) closes the window the same way
            stillShown = w->isVisible();
        });
        QTimer::singleShot(1200, w.get(), [] { releaseWriteLock(); });
        w->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(!closedAtOnce);
        QVERIFY(stillShown);
        // The window closes by itself once the save is done, asking about the later edit (answered Save).
        QTRY_VERIFY_WITH_TIMEOUT(!w->isVisible(), 10000);
        const QByteArray stored = library()->version(m_versionId)->body;
        QCOMPARE(field(stored, QStringLiteral("input.address.zip_code")), QStringLiteral("11215"));
        QCOMPARE(field(stored, QStringLiteral("input.applicant.first_name")),
                 editDuringSave ? QStringLiteral("Danielle") : QStringLiteral("Dana"));
        QCOMPARE(w->unsavedQuestionsForTests(), editDuringSave ? 1 : 0);
    }
};

QTEST_MAIN(TestLibrarySaveWindow)
#include "tst_librarysavewindow.moc"
