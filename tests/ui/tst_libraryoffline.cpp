// SPDX-License-Identifier: MIT
// The library server goes away under an open window (a throwaway PostgreSQL cluster is stopped): the
// banner says so, the open case and its edits stay, Save keeps the case in the library on this computer;
// when the server is back the banner offers to upload the cases saved meanwhile, and uploading puts them
// on the server. Also: a server gone at start, and a server gone when a case is opened from the library.
#include "serverwindowfixture.h"

#include "casedocument.h"
#include "mainwindow.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QTest>
#include <QThreadPool>

#include <csignal>
#include <sys/types.h>

using namespace pw;

class TestLibraryOffline : public QObject {
    Q_OBJECT

    test::ServerWindows m_env;
    qint64 m_versionId = 0;
    pid_t m_frozen = 0; // a server process stopped with SIGSTOP, continued at cleanup

    std::unique_ptr<CaseLibrary> localLibrary() const {
        return openCaseLibrary(m_env.dir->filePath(QStringLiteral("library.sqlite")));
    }
    static QPushButton *button(MainWindow &w, const char *name) {
        return w.findChild<QPushButton *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(m_env.start(&error), qPrintable(error));
    }
    void init() {
        QString error;
        QVERIFY2(m_env.reset(&error), qPrintable(error));
        auto alice = m_env.serverAs(QStringLiteral("alice"));
        SaveOptions o;
        o.author = QStringLiteral("seed");
        const auto id = alice->addCase(
            test::householdBytes(QStringLiteral("Dana"), QStringLiteral("Okafor"), QStringLiteral("11231")),
            o);
        QVERIFY2(id, qPrintable(alice->lastError()));
        m_versionId = *id;
    }
    void cleanup() {
        if (m_frozen) ::kill(std::exchange(m_frozen, 0), SIGCONT);
        // A save the window stopped waiting for finishes on its worker before the next test empties the book.
        QThreadPool::globalInstance()->waitForDone(20000);
        if (!m_env.pg.isRunning()) QVERIFY2(m_env.pg.restart(), qPrintable(m_env.pg.error()));
        setLibrarySecretStoreForTests(nullptr);
    }

    void serverStoppedMidSession_data() {
        QTest::addColumn<bool>("saveTwiceOffline");
        QTest::newRow("one save while offline") << false;
        QTest::newRow("two saves while offline: one case") << true;
    }
    void serverStoppedMidSession() {
        QFETCH(bool, saveTwiceOffline);
        auto w = m_env.windowAs(QStringLiteral("alice"));
        LibraryConnection *connection = w->library()->connection();
        connection->setProbeIntervalMs(200);
        QCOMPARE(connection->state(), LibraryConnection::State::Online);
        QCOMPARE(w->libraryBannerText(), QString());
        QVERIFY(test::openFromLibraryPage(*w, QStringLiteral("okafor")));
        QVERIFY(test::typeIntoInsured(*w, "field_zip_code", QStringLiteral("11215")));

        QVERIFY2(m_env.pg.stop(), qPrintable(m_env.pg.error()));
        w->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        // Said plainly, where the eye is; the case is open and kept on this computer.
        QCOMPARE(connection->state(), LibraryConnection::State::Offline);
        QVERIFY2(w->libraryBannerText().contains(QStringLiteral("Not connected to the library server")),
                 qPrintable(w->libraryBannerText()));
        QVERIFY2(w->libraryBannerText().contains(
                     QStringLiteral("saving keeps it in the library on this computer")),
                 qPrintable(w->libraryBannerText()));
        QVERIFY(w->findChild<QWidget *>(QStringLiteral("libraryBanner"))->isVisible());
        QVERIFY(button(*w, "libraryRetryButton")->isVisible());
        const QString png =
            QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("library-offline.png"));
        QCOMPARE(w->saveScreenshot(png), QString()); // the banner as the agent sees it
        QVERIFY(!w->document()->isModified());
        QCOMPARE(w->document()->value(QStringLiteral("input.address.zip_code")).toString(),
                 QStringLiteral("11215"));
        QVERIFY2(w->windowTitle().contains(QStringLiteral("on this computer")), qPrintable(w->windowTitle()));
        if (saveTwiceOffline) {
            QVERIFY(test::typeIntoInsured(*w, "field_first_name", QStringLiteral("Danielle")));
            w->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
            QVERIFY(!w->document()->isModified());
        }
        const QByteArray saved = writeJson(w->document()->root());
        {
            auto local = localLibrary();
            QCOMPARE(local->caseCount(), 1);
            const auto c = local->cases();
            QCOMPARE(local->version(c[0].versionId)->body, saved);
        }
        QCOMPARE(connection->offlineCases().size(), 1);
        // Retry now while it is still down: still offline, still said.
        QTest::mouseClick(button(*w, "libraryRetryButton"), Qt::LeftButton);
        QTRY_VERIFY(!connection->isProbing());
        QCOMPARE(connection->state(), LibraryConnection::State::Offline);

        // The server comes back: the periodic check notices and the upload is offered.
        QVERIFY2(m_env.pg.restart(), qPrintable(m_env.pg.error()));
        QTRY_COMPARE_WITH_TIMEOUT(connection->state(), LibraryConnection::State::Online, 15000);
        QPushButton *upload = button(*w, "libraryUploadButton");
        QTRY_VERIFY(upload->isVisible());
        QCOMPARE(upload->text(), QStringLiteral("Upload 1 case(s) saved while offline"));
        QVERIFY2(w->libraryBannerText().contains(QStringLiteral("The library server is back")),
                 qPrintable(w->libraryBannerText()));
        QTest::mouseClick(upload, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!connection->isUploading() && connection->offlineCases().isEmpty(), 20000);
        QTRY_COMPARE(w->libraryBannerText(), QString());
        auto server = m_env.serverAs(QStringLiteral("alice"));
        QCOMPARE(server->caseCount(), 2); // hers from before, untouched, and the one saved offline
        QCOMPARE(server->versionsWithBytes(saved).size(), size_t(1));
        QVERIFY(server->version(m_versionId)->body != saved);
        // The open case is the server's copy now: its next save goes there, not into another upload.
        QVERIFY2(!w->windowTitle().contains(QStringLiteral("on this computer")),
                 qPrintable(w->windowTitle()));
        QCOMPARE(w->library()->versionId(), server->versionsWithBytes(saved).front());
        QVERIFY(test::typeIntoInsured(*w, "field_zip_code", QStringLiteral("11217")));
        w->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(!w->document()->isModified());
        QCOMPARE(server->caseCount(), 2);
        const auto after = server->version(w->library()->versionId());
        QCOMPARE(after->revision, 2);
        QCOMPARE(after->body, writeJson(w->document()->root()));
        QVERIFY(connection->offlineCases().isEmpty());
    }

    void serverHangsOnSave() {
        auto w = m_env.windowAs(QStringLiteral("alice"));
        QVERIFY(test::openFromLibraryPage(*w, QStringLiteral("okafor")));
        QVERIFY(test::typeIntoInsured(*w, "field_zip_code", QStringLiteral("11215")));
        // The server stops answering: its postmaster is frozen, so a new connection waits.
        const QString dataDir =
            m_env.pg.scalar(QStringLiteral("SELECT setting FROM pg_settings WHERE name = 'data_directory'"));
        QFile pidFile(dataDir + QStringLiteral("/postmaster.pid"));
        QVERIFY2(pidFile.open(QIODevice::ReadOnly), qPrintable(dataDir));
        m_frozen = pidFile.readLine().trimmed().toInt();
        QVERIFY(m_frozen > 0);
        QVERIFY(::kill(m_frozen, SIGSTOP) == 0);

        // While the save waits, the window keeps running its event loop and offers to stop waiting.
        int ticks = 0;
        QTimer tick;
        connect(&tick, &QTimer::timeout, [&] { ++ticks; });
        tick.start(50);
        QString waiting;
        bool stopped = false;
        test::whenShown(QStringLiteral("mainWindow"), [&](QWidget *) {
            QTRY_VERIFY_WITH_TIMEOUT(button(*w, "libraryStopWaitingButton")->isVisible(), 8000);
            waiting = w->libraryBannerText();
            QTest::mouseClick(button(*w, "libraryStopWaitingButton"), Qt::LeftButton);
            stopped = true;
        });
        QElapsedTimer t;
        t.start();
        w->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(stopped);
        QVERIFY2(ticks >= LibraryController::kSlowMs / 50 / 2, qPrintable(QString::number(ticks)));
        QVERIFY2(t.elapsed() < 9000,
                 qPrintable(QString::number(t.elapsed()))); // not the 10 s connect timeout
        QVERIFY2(waiting.contains(QStringLiteral("Waiting for the library server")), qPrintable(waiting));
        // Stopped waiting: the case is kept on this computer, said in the banner, nothing lost.
        QVERIFY(!w->document()->isModified());
        QVERIFY2(w->libraryBannerText().contains(QStringLiteral("Not connected to the library server")),
                 qPrintable(w->libraryBannerText()));
        QCOMPARE(localLibrary()->caseCount(), 1);
        QCOMPARE(w->library()->connection()->offlineCases().size(), 1);
        QVERIFY(!button(*w, "libraryStopWaitingButton")->isVisible());
        ::kill(std::exchange(m_frozen, 0), SIGCONT);
    }

    void serverGoneAtStart() {
        QVERIFY2(m_env.pg.stop(), qPrintable(m_env.pg.error()));
        auto w = m_env.windowAs(QStringLiteral("alice"));
        LibraryConnection *connection = w->library()->connection();
        QCOMPARE(connection->state(), LibraryConnection::State::Offline);
        QVERIFY2(w->libraryBannerText().contains(QStringLiteral("Not connected to the library server")),
                 qPrintable(w->libraryBannerText()));
        QVERIFY(w->library()->isOpen()); // the local library works meanwhile
        QVERIFY2(m_env.pg.restart(), qPrintable(m_env.pg.error()));
        QTest::mouseClick(button(*w, "libraryRetryButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(connection->state(), LibraryConnection::State::Online, 15000);
        QCOMPARE(w->libraryBannerText(), QString());
        QCOMPARE(w->library()->library()->caseCount(), 1); // the server's book
    }

    void serverGoneWhenOpening() {
        auto w = m_env.windowAs(QStringLiteral("alice"));
        QVERIFY(w->openSample(QStringLiteral("brooklyn-household.json")));
        QVERIFY(test::typeIntoInsured(*w, "field_zip_code", QStringLiteral("10001")));
        QVERIFY2(m_env.pg.stop(), qPrintable(m_env.pg.error()));
        w->setUnsavedAnswerForTests(QMessageBox::Cancel); // keep the edits when asked
        QVERIFY(!w->openFromLibrary(m_versionId));
        QVERIFY2(w->libraryBannerText().contains(QStringLiteral("Not connected to the library server")),
                 qPrintable(w->libraryBannerText()));
        QCOMPARE(w->document()->value(QStringLiteral("input.address.zip_code")).toString(),
                 QStringLiteral("10001"));
        QVERIFY(w->document()->isModified());
    }
};

QTEST_MAIN(TestLibraryOffline)
#include "tst_libraryoffline.moc"
