// SPDX-License-Identifier: MIT
// Two windows on one PostgreSQL library (a throwaway cluster), signed in as two agents, save the same
// case: the second is refused and sees the conflict dialog naming the first agent, when and the
// revisions; Compare shows what differs, Save as new version keeps both, Reload (once confirmed) shows
// theirs, Cancel keeps editing — never a silent overwrite, nothing lost. An underwriter's window is
// read-only with a banner and can add a note; a write the server refuses is said in the banner. The
// conflict dialog over the window is rendered to library-conflict.png beside the test binary.
#include "serverwindowfixture.h"

#include "casedocument.h"
#include "library/casehistorypanel.h"
#include "library/libraryconflictdialog.h"
#include "mainwindow.h"

#include "library/librarysettingsdialog.h"
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace pw;

namespace {

QString zipOf(const QByteArray &body) {
    return jsonValueAt(*parseJson(body), QStringLiteral("input.address.zip_code")).toString();
}
QString firstNameOf(const QByteArray &body) {
    return jsonValueAt(*parseJson(body), QStringLiteral("input.applicant.first_name")).toString();
}

// The window with the dialog drawn over its middle, as the agent sees it.
QString renderOver(QWidget *window, QWidget *dialog, const QString &file) {
    // Offscreen windows have no frame: the dialog gets a title strip drawn with its window title.
    QImage img = window->grab().toImage();
    const QPixmap d = dialog->grab();
    const int title = 26;
    QPainter p(&img);
    const QPoint at((img.width() - d.width()) / 2, (img.height() - d.height() - title) / 3);
    const QRect frame(at, QSize(d.width(), d.height() + title));
    p.fillRect(frame.translated(5, 5), QColor(0, 0, 0, 70)); // a shadow
    p.fillRect(QRect(at, QSize(d.width(), title)), QColor(60, 72, 88));
    p.setPen(Qt::white);
    p.drawText(QRect(at + QPoint(10, 0), QSize(d.width() - 20, title)), Qt::AlignVCenter | Qt::AlignLeft,
               dialog->windowTitle());
    p.drawPixmap(at + QPoint(0, title), d);
    p.setPen(QColor(60, 72, 88));
    p.drawRect(frame.adjusted(0, 0, -1, -1));
    p.end();
    return img.save(file, "PNG") ? QString() : QStringLiteral("cannot write %1").arg(file);
}

} // namespace

class TestLibraryServer : public QObject {
    Q_OBJECT

    test::ServerWindows m_env;
    qint64 m_caseId = 0, m_versionId = 0;

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(m_env.start(&error), qPrintable(error));
        // A second library written by a newer version of the workbench (its schema number moved on).
        QVERIFY2(m_env.pg.createDatabase(QStringLiteral("future"), QStringLiteral("owner")),
                 qPrintable(m_env.pg.error()));
        auto future = openCaseLibrary(m_env.pg.location(QStringLiteral("owner"), QStringLiteral("future")),
                                      m_env.pg.password(QStringLiteral("owner")));
        QVERIFY2(future->isOpen(), qPrintable(future->lastError()));
        future.reset();
        QVERIFY2(m_env.pg.runSql(QStringLiteral("UPDATE library_schema SET version = 99"), {}, nullptr,
                                 QStringLiteral("future")),
                 qPrintable(m_env.pg.error()));
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
        m_caseId = alice->version(*id)->caseId;
    }
    void cleanup() { setLibrarySecretStoreForTests(nullptr); }

    void secondSaveSeesTheConflict_data() {
        QTest::addColumn<QString>("choice");
        QTest::newRow("save as new version") << QStringLiteral("conflictSaveAsNew");
        QTest::newRow("cancel keeps editing") << QStringLiteral("conflictCancel");
        QTest::newRow("reload after confirming") << QStringLiteral("conflictReload");
        QTest::newRow("reload not confirmed, then cancel") << QStringLiteral("reloadRefused");
    }
    void secondSaveSeesTheConflict() {
        QFETCH(QString, choice);
        auto alice = m_env.windowAs(QStringLiteral("alice"));
        auto bob = m_env.windowAs(QStringLiteral("bob"));
        QCOMPARE(alice->library()->connection()->state(), LibraryConnection::State::Online);
        QCOMPARE(bob->library()->connection()->role(), LibraryRole::Agent);
        QVERIFY(test::openFromLibraryPage(*alice, QStringLiteral("okafor")));
        QVERIFY(test::openFromLibraryPage(*bob, QStringLiteral("okafor")));
        QCOMPARE(bob->library()->revision(), 1);

        // Alice changes the ZIP and saves first.
        QVERIFY(test::typeIntoInsured(*alice, "field_zip_code", QStringLiteral("11215")));
        alice->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(!alice->document()->isModified());
        QCOMPARE(alice->library()->revision(), 2);

        // Bob changes the first name, never having seen her change, and saves.
        QVERIFY(test::typeIntoInsured(*bob, "field_first_name", QStringLiteral("Danielle")));
        QVERIFY(bob->document()->isModified());
        const QByteArray bobsBytes = writeJson(bob->document()->root());
        QString dialogText, diffText, screenshotError;
        bool answered = false;
        const QString png =
            QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("library-conflict.png"));
        test::whenShown(QStringLiteral("libraryConflictDialog"), [&](QWidget *d) {
            dialogText = d->findChild<QLabel *>(QStringLiteral("conflictText"))->text();
            QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("conflictCompare")), Qt::LeftButton);
            auto *diff = d->findChild<QPlainTextEdit *>(QStringLiteral("conflictDiff"));
            diffText = diff->isVisible() ? diff->toPlainText() : QString();
            QApplication::processEvents();
            screenshotError = renderOver(bob.get(), d, png);
            if (choice == u"reloadRefused" || choice == u"conflictReload") {
                test::whenShown(QStringLiteral("conflictReloadConfirm"), [&, choice](QWidget *box) {
                    auto *m = qobject_cast<QMessageBox *>(box);
                    if (choice == u"conflictReload") {
                        m->button(QMessageBox::Discard)->click();
                        answered = true;
                        return;
                    }
                    m->button(QMessageBox::Cancel)->click(); // back to the conflict dialog: cancel there
                    test::whenShown(QStringLiteral("libraryConflictDialog"), [&](QWidget *again) {
                        again->findChild<QPushButton *>(QStringLiteral("conflictCancel"))->click();
                        answered = true;
                    });
                });
                QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("conflictReload")),
                                  Qt::LeftButton);
                return;
            }
            QTest::mouseClick(d->findChild<QPushButton *>(choice), Qt::LeftButton);
            answered = true;
        });
        bob->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(answered);

        // Who, when, and which revisions, in plain words.
        const auto stored = m_env.serverAs(QStringLiteral("alice"))->version(m_versionId);
        QVERIFY(stored);
        const QString when =
            QLocale().toString(stored->modifiedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
        QVERIFY2(dialogText.contains(
                     QStringLiteral("Dana Okafor was changed by alice at %1 (you opened revision 1, "
                                    "the library has 2).")
                         .arg(when)),
                 qPrintable(dialogText));
        // Compare: their saved ZIP against Bob's unsaved first name.
        QVERIFY2(diffText.contains(QStringLiteral("input.address.zip_code: \"11215\" → \"11231\"")),
                 qPrintable(diffText));
        QVERIFY2(diffText.contains(QStringLiteral("input.applicant.first_name: \"Dana\" → \"Danielle\"")),
                 qPrintable(diffText));
        QVERIFY2(screenshotError.isEmpty(), qPrintable(screenshotError));
        QVERIFY(QImage(png).width() >= 1366);

        // Alice's save stands in every case: never overwritten.
        auto server = m_env.serverAs(QStringLiteral("alice"));
        QCOMPARE(zipOf(server->version(m_versionId)->body), QStringLiteral("11215"));
        QCOMPARE(firstNameOf(server->version(m_versionId)->body), QStringLiteral("Dana"));
        QCOMPARE(server->version(m_versionId)->modifiedBy, QStringLiteral("alice"));
        const auto versions = server->versions(m_caseId);
        if (choice == u"conflictSaveAsNew") {
            // Both kept: Bob's case is a new version holding his bytes, and his window is on it.
            QCOMPARE(versions.size(), size_t(2));
            const auto mine = server->version(versions[1].versionId);
            QCOMPARE(mine->body, bobsBytes);
            QCOMPARE(mine->modifiedBy, QStringLiteral("bob"));
            QCOMPARE(bob->library()->versionId(), versions[1].versionId);
            QVERIFY(!bob->document()->isModified());
        } else if (choice == u"conflictReload") {
            QCOMPARE(versions.size(), size_t(1));
            QVERIFY(!bob->document()->isModified());
            QCOMPARE(bob->document()->value(QStringLiteral("input.address.zip_code")).toString(),
                     QStringLiteral("11215"));
            QCOMPARE(bob->document()->value(QStringLiteral("input.applicant.first_name")).toString(),
                     QStringLiteral("Dana"));
            // He now edits on top of her revision: his next save goes through.
            QCOMPARE(bob->library()->revision(), 2);
            QVERIFY(test::typeIntoInsured(*bob, "field_first_name", QStringLiteral("Dani")));
            bob->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
            QVERIFY(!bob->document()->isModified());
            const auto after = server->version(m_versionId);
            QCOMPARE(after->revision, 3);
            QCOMPARE(firstNameOf(after->body), QStringLiteral("Dani"));
            QCOMPARE(zipOf(after->body), QStringLiteral("11215"));
        } else {
            // Cancel: nothing written, Bob's edit still open and unsaved.
            QCOMPARE(versions.size(), size_t(1));
            QCOMPARE(server->version(m_versionId)->revision, 2);
            QVERIFY(bob->document()->isModified());
            QCOMPARE(writeJson(bob->document()->root()), bobsBytes);
        }
    }

    void testConnectionSaysWhatHappened_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password"); // empty: the user's own
        QTest::addColumn<QString>("database");
        QTest::addColumn<bool>("closedPort");
        QTest::addColumn<QString>("expected");
        const QString library = QStringLiteral("library");
        QTest::newRow("agent") << QStringLiteral("alice") << QString() << library << false
                               << QStringLiteral(
                                      "Connected as alice, an agent: you can open, edit and save cases.");
        QTest::newRow("underwriter")
            << QStringLiteral("uma") << QString() << library << false
            << QStringLiteral(
                   "Connected as uma, an underwriter: you can open cases read-only and add notes.");
        QTest::newRow("wrong password")
            << QStringLiteral("alice") << QStringLiteral("not-her-password") << library << false
            << QStringLiteral("Wrong user name or password: the server refused to sign you in.");
        QTest::newRow("unknown user")
            << QStringLiteral("mallory") << QStringLiteral("guess") << library << false
            << QStringLiteral("Wrong user name or password: the server refused to sign you in.");
        QTest::newRow("server unreachable") << QStringLiteral("alice") << QString() << library << true
                                            << QStringLiteral("The server could not be reached");
        QTest::newRow("schema newer")
            << QStringLiteral("alice") << QString() << QStringLiteral("future") << false
            << QStringLiteral("The library was made by a newer version of the "
                              "workbench: update the workbench to use it.");
    }
    void testConnectionSaysWhatHappened() {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, database);
        QFETCH(bool, closedPort);
        QFETCH(QString, expected);
        const QString typed = password.isEmpty() ? m_env.pg.password(user) : password;
        QSettings settings;
        LibrarySettingsDialog d(&settings, m_env.secrets);
        d.show();
        QTest::mouseClick(d.findChild<QRadioButton *>(QStringLiteral("libraryServerRadio")), Qt::LeftButton,
                          {}, QPoint(5, 5));
        auto type = [&](const char *name, const QString &text) {
            auto *e = d.findChild<QLineEdit *>(QString::fromLatin1(name));
            e->setFocus();
            e->selectAll();
            QTest::keyClick(e, Qt::Key_Delete);
            QTest::keyClicks(e, text);
        };
        type("libraryHostEdit", QStringLiteral("127.0.0.1"));
        auto *port = d.findChild<QSpinBox *>(QStringLiteral("libraryPortSpin"));
        port->setFocus();
        port->selectAll();
        QTest::keyClicks(port, QString::number(closedPort ? test::closedPort() : m_env.pg.port()));
        type("libraryDatabaseEdit", database);
        type("libraryUserEdit", user);
        type("libraryPasswordEdit", typed);
        auto *tls = d.findChild<QComboBox *>(QStringLiteral("libraryTlsCombo"));
        tls->setCurrentIndex(tls->findData(QStringLiteral("disable"))); // the test cluster has no certificate
        QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("libraryTestButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!d.isTesting(), 20000);
        const QString said = d.findChild<QLabel *>(QStringLiteral("libraryTestResult"))->text();
        QVERIFY2(said.startsWith(expected), qPrintable(said));
        QVERIFY2(!said.contains(typed), qPrintable(said)); // never the password
        // Testing saves nothing.
        QCOMPARE(savedLibraryLocation(settings).kind, LibraryLocation::Kind::Local);
    }

    void wrongPasswordAtStart() {
        m_env.secrets->write(m_env.pg.location(QStringLiteral("bob")).secretName(),
                             QStringLiteral("stale-password"));
        auto bob = m_env.windowAs(QStringLiteral("bob"));
        LibraryConnection *c = bob->library()->connection();
        QCOMPARE(c->state(), LibraryConnection::State::Offline);
        const QString banner = bob->libraryBannerText();
        QVERIFY2(banner.contains(QStringLiteral("Wrong user name or password")), qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("Fix it in Edit → Library settings…")), qPrintable(banner));
        QVERIFY(!banner.contains(QStringLiteral("stale-password")));
        QVERIFY(!c->isRetrying()); // a refused login is not tried again and again
    }

    void underwriterReadsAndAddsNotes() {
        auto uma = m_env.windowAs(QStringLiteral("uma"));
        QCOMPARE(uma->library()->connection()->role(), LibraryRole::Underwriter);
        QVERIFY(test::openFromLibraryPage(*uma, QStringLiteral("okafor")));
        QCOMPARE(uma->libraryBannerText(),
                 QStringLiteral("Read-only: you are signed in as an underwriter — you can add notes"));
        QVERIFY(uma->findChild<QWidget *>(QStringLiteral("libraryBanner"))->isVisible());
        // The edit widgets refuse; Save is off, and Ctrl+S saves nothing.
        QVERIFY(!test::typeIntoInsured(*uma, "field_zip_code", QStringLiteral("99999")));
        QVERIFY(!uma->findChild<QAction *>(QStringLiteral("actionSave"))->isEnabled());
        QTest::keySequence(uma.get(), QKeySequence::Save);
        auto server = m_env.serverAs(QStringLiteral("alice"));
        QCOMPARE(server->version(m_versionId)->revision, 1);

        // Notes are open to her: Case → Notes and history, type, Add note.
        uma->findChild<QAction *>(QStringLiteral("actionCaseHistory"))->trigger();
        QVERIFY(uma->isLibraryShown());
        auto *text = uma->findChild<QPlainTextEdit *>(QStringLiteral("noteText"));
        QVERIFY(text->isEnabled());
        QTest::keyClicks(text, QStringLiteral("Roof age verified from inspection."));
        QTest::mouseClick(uma->findChild<QPushButton *>(QStringLiteral("noteAdd")), Qt::LeftButton);
        QVERIFY(uma->libraryPage()->waitForIdle()); // written on a worker, then the notes are read again
        auto *table = uma->findChild<QTableWidget *>(QStringLiteral("notesTable"));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Roof age verified from inspection."));
        const auto notes = server->notes(m_caseId);
        QCOMPARE(notes.size(), size_t(1));
        QCOMPARE(notes[0].text, QStringLiteral("Roof age verified from inspection."));
        QCOMPARE(notes[0].databaseUser, QStringLiteral("uma"));
    }

    void refusedWriteIsSaidInTheBanner() {
        auto alice = m_env.windowAs(QStringLiteral("alice"));
        QVERIFY(test::openFromLibraryPage(*alice, QStringLiteral("okafor")));
        QVERIFY(test::typeIntoInsured(*alice, "field_zip_code", QStringLiteral("11215")));
        // Her agent grant is taken away while the window is open: the server refuses the save itself.
        QVERIFY2(m_env.pg.runSql(QStringLiteral("REVOKE pw_agent FROM alice; GRANT pw_underwriter TO alice")),
                 qPrintable(m_env.pg.error()));
        alice->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY2(m_env.pg.runSql(QStringLiteral("REVOKE pw_underwriter FROM alice; GRANT pw_agent TO alice")),
                 qPrintable(m_env.pg.error()));
        QVERIFY2(alice->libraryBannerText().contains(QStringLiteral("The server refused to save the case")),
                 qPrintable(alice->libraryBannerText()));
        QVERIFY(alice->findChild<QWidget *>(QStringLiteral("libraryBanner"))->isVisible());
        QVERIFY(alice->document()->isModified()); // the edit is still there
        QCOMPARE(m_env.serverAs(QStringLiteral("alice"))->version(m_versionId)->revision, 1);
        // The next save that goes through clears the banner.
        alice->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(!alice->document()->isModified());
        QCOMPARE(alice->libraryBannerText(), QString());
    }
};

QTEST_MAIN(TestLibraryServer)
#include "tst_libraryserver.moc"
