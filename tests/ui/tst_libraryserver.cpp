// SPDX-License-Identifier: MIT
// Two windows on one PostgreSQL library (a throwaway cluster), signed in as two agents, save the same
// case: the second is refused and sees the conflict dialog naming the first agent, when and the
// revisions; Compare shows what differs, Save as new version keeps both, Reload (once confirmed) shows
// theirs, Cancel keeps editing — never a silent overwrite, nothing lost. An underwriter's window is
// read-only with a banner and can add a note; a write the server refuses is said in the banner. The
// conflict dialog over the window is rendered to library-conflict.png beside the test binary.
#include "nokeychain.h"
#include "serverwindowfixture.h"

#include "casedocument.h"
#include "elidinglabel.h"
#include "library/casehistorypanel.h"
#include "library/libraryconflictdialog.h"
#include "mainwindow.h"

#include "library/librarysettingsdialog.h"
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSpinBox>
#include <QStackedWidget>
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

// What the status bar says now.
QString statusOf(const MainWindow &w) {
    return w.findChild<ElidingLabel *>(QStringLiteral("statusMessage"))->fullText();
}

// The column of `table` whose header reads `header` (-1: none).
int columnOf(const QTableWidget *table, const QString &header) {
    for (int c = 0; c < table->columnCount(); ++c)
        if (table->horizontalHeaderItem(c) && table->horizontalHeaderItem(c)->text() == header) return c;
    return -1;
}

// Answers the next conflict dialog with the button named `button`; *seen gets its sentence.
void answerConflict(const QString &button, QString *seen) {
    test::whenShown(QStringLiteral("libraryConflictDialog"), [button, seen](QWidget *d) {
        *seen = d->findChild<QLabel *>(QStringLiteral("conflictText"))->text();
        QTest::mouseClick(d->findChild<QPushButton *>(button), Qt::LeftButton);
    });
}

// File → Save As…: types `path` into the file dialog and presses Enter, as a person does.
void saveAsThroughDialog(MainWindow &w, const QString &path) {
    test::whenShown(QStringLiteral("saveCaseDialog"), [path](QWidget *d) {
        auto *name = d->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        name->setText(path);
        QTest::keyClick(name, Qt::Key_Return);
    });
    w.findChild<QAction *>(QStringLiteral("actionSaveAs"))->trigger();
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
        const auto seeded = m_env.resetWithOneCase(&error);
        QVERIFY2(seeded, qPrintable(error));
        m_versionId = seeded->versionId;
        m_caseId = seeded->caseId;
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

    // A case on the server names a file (imported from a folder on some computer). Opening it from the
    // library never makes that path this window's file: Save writes the server only. A save the library
    // refuses (a conflict) writes no file at all, also with Save As, and the status bar does not say
    // "saved".
    void refusedSaveWritesNoFile_data() {
        QTest::addColumn<QString>("how");
        QTest::newRow("save goes to the server only") << QStringLiteral("save");
        QTest::newRow("conflict on Save") << QStringLiteral("conflict");
        QTest::newRow("conflict on Save As") << QStringLiteral("conflictSaveAs");
    }
    void refusedSaveWritesNoFile() {
        QFETCH(QString, how);
        const QString imported = m_env.dir->filePath(QStringLiteral("brooklyn-household.json"));
        const QByteArray original =
            test::householdBytes(QStringLiteral("Ama"), QStringLiteral("Mensah"), QStringLiteral("11201"));
        {
            QFile f(imported);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(original);
        }
        SaveOptions o;
        o.filePath = imported; // as an import from a folder records it
        o.detail = QStringLiteral("imported from %1").arg(imported);
        auto carol = m_env.serverAs(QStringLiteral("alice"));
        const auto id = carol->addCase(original, o);
        QVERIFY2(id, qPrintable(carol->lastError()));

        auto bob = m_env.windowAs(QStringLiteral("bob"));
        QVERIFY(test::openFromLibraryPage(*bob, QStringLiteral("mensah")));
        QCOMPARE(bob->document()->fileName(), QString()); // the server's case, not a file here
        QVERIFY(test::typeIntoInsured(*bob, "field_first_name", QStringLiteral("Amara")));
        const QString saveAsPath = m_env.dir->filePath(QStringLiteral("bobs-copy.json"));
        if (how == u"save") {
            bob->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
            QVERIFY(!bob->document()->isModified());
            QCOMPARE(firstNameOf(m_env.serverAs(QStringLiteral("alice"))->version(*id)->body),
                     QStringLiteral("Amara"));
            QCOMPARE(statusOf(*bob), QStringLiteral("Saved in the library"));
        } else {
            // Alice saves first; Bob's save is refused and he cancels.
            QVERIFY(carol->saveVersion(*id,
                                       test::householdBytes(QStringLiteral("Ama"), QStringLiteral("Mensah"),
                                                            QStringLiteral("11215")),
                                       SaveOptions{}));
            QString seen;
            answerConflict(QStringLiteral("conflictCancel"), &seen);
            if (how == u"conflict")
                bob->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
            else
                saveAsThroughDialog(*bob, saveAsPath);
            QVERIFY2(seen.contains(QStringLiteral("nothing was overwritten")), qPrintable(seen));
            QVERIFY(bob->document()->isModified());
            QCOMPARE(statusOf(*bob), QStringLiteral("Not saved: your edits are still open"));
            QCOMPARE(bob->findChild<QLabel *>(QStringLiteral("savedState"))->text(),
                     QStringLiteral("● modified"));
            QCOMPARE(zipOf(m_env.serverAs(QStringLiteral("alice"))->version(*id)->body),
                     QStringLiteral("11215"));
        }
        // The file the import named is as it was; a refused Save As wrote nothing.
        QFile f(imported);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), original);
        QVERIFY(!QFile::exists(saveAsPath));
    }

    // Notes and the audit trail say who was signed in (the server's own record), whatever name was typed
    // as the author; the author field starts as the signed-in user.
    void historyShowsTheSignedInUser() {
        auto uma = m_env.windowAs(QStringLiteral("uma"));
        QVERIFY(test::openFromLibraryPage(*uma, QStringLiteral("okafor")));
        uma->findChild<QAction *>(QStringLiteral("actionCaseHistory"))->trigger();
        auto *author = uma->findChild<QLineEdit *>(QStringLiteral("noteAuthor"));
        QCOMPARE(author->text(), QStringLiteral("uma"));
        // She writes someone else's name as the author.
        author->setFocus();
        author->selectAll();
        QTest::keyClicks(author, QStringLiteral("alice"));
        QTest::keyClick(author, Qt::Key_Tab);
        QTest::keyClicks(uma->findChild<QPlainTextEdit *>(QStringLiteral("noteText")),
                         QStringLiteral("Checked."));
        QTest::mouseClick(uma->findChild<QPushButton *>(QStringLiteral("noteAdd")), Qt::LeftButton);
        QVERIFY(uma->libraryPage()->waitForIdle());
        QVERIFY(uma->libraryPage()->history()->waitForIdle());
        auto *notes = uma->findChild<QTableWidget *>(QStringLiteral("notesTable"));
        QCOMPARE(notes->rowCount(), 1);
        QCOMPARE(notes->item(0, columnOf(notes, QStringLiteral("Author")))->text(), QStringLiteral("alice"));
        QCOMPARE(notes->item(0, columnOf(notes, QStringLiteral("Signed in as")))->text(),
                 QStringLiteral("uma"));
        QCOMPARE(notes->item(0, columnOf(notes, QStringLiteral("Note")))->text(), QStringLiteral("Checked."));

        // Alice edits and saves; her edit's audit entries say "alice", the note's says uma wrote it.
        QSettings().remove(QStringLiteral("library/author"));
        auto alice = m_env.windowAs(QStringLiteral("alice"));
        QVERIFY(test::openFromLibraryPage(*alice, QStringLiteral("okafor")));
        QVERIFY(test::typeIntoInsured(*alice, "field_zip_code", QStringLiteral("11215")));
        alice->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(!alice->document()->isModified());
        alice->findChild<QAction *>(QStringLiteral("actionCaseHistory"))->trigger();
        QVERIFY(alice->libraryPage()->history()->waitForIdle());
        auto *audit = alice->findChild<QTableWidget *>(QStringLiteral("auditTable"));
        const int who = columnOf(audit, QStringLiteral("Who")),
                  what = columnOf(audit, QStringLiteral("What")),
                  path = columnOf(audit, QStringLiteral("Path"));
        bool sawEdit = false, sawNote = false;
        for (int r = 0; r < audit->rowCount(); ++r) {
            const QString kind = audit->item(r, what)->text();
            if (kind == u"edit" && audit->item(r, path)->text() == u"input.address.zip_code") {
                QCOMPARE(audit->item(r, who)->text(), QStringLiteral("alice"));
                sawEdit = true;
            }
            if (kind == u"note") {
                QCOMPARE(audit->item(r, who)->text(), QStringLiteral("uma (author: alice)"));
                sawNote = true;
            }
        }
        QVERIFY(sawEdit);
        QVERIFY(sawNote);
    }

    // Bob made another version the case's current one while Alice kept the older version open: her save
    // is a conflict naming his version, never a silent demotion of it. The Versions list says who saved
    // each version and which is current.
    void saveOfAnOlderVersionIsAConflict() {
        auto alice = m_env.windowAs(QStringLiteral("alice"));
        QVERIFY(test::openFromLibraryPage(*alice, QStringLiteral("okafor")));
        auto bob = m_env.serverAs(QStringLiteral("bob"));
        const auto his =
            bob->copyVersion(m_versionId, QStringLiteral("Bob's renewal"), QStringLiteral("bob"));
        QVERIFY2(his, qPrintable(bob->lastError()));
        QCOMPARE(bob->caseById(m_caseId)->versionId, *his);

        QVERIFY(test::typeIntoInsured(*alice, "field_zip_code", QStringLiteral("11215")));
        QString seen;
        answerConflict(QStringLiteral("conflictCancel"), &seen);
        alice->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY2(seen.contains(QStringLiteral("Dana Okafor was changed by bob")), qPrintable(seen));
        QVERIFY2(seen.contains(
                     QStringLiteral("their version 2 (Bob's renewal) is now the case's current version")),
                 qPrintable(seen));
        QVERIFY(alice->document()->isModified());
        auto server = m_env.serverAs(QStringLiteral("alice"));
        QCOMPARE(server->caseById(m_caseId)->versionId, *his); // still Bob's
        QCOMPARE(server->version(m_versionId)->revision, 1);   // her version untouched

        alice->showLibrary(true);
        QVERIFY(alice->libraryPage()->waitForIdle());
        alice->libraryPage()->history()->setCase(m_caseId);
        QVERIFY(alice->libraryPage()->history()->waitForIdle());
        auto *versions = alice->findChild<QTableWidget *>(QStringLiteral("versionsTable"));
        QCOMPARE(versions->rowCount(), 2);
        const int by = columnOf(versions, QStringLiteral("By")),
                  current = columnOf(versions, QStringLiteral("Current"));
        QVERIFY(by >= 0 && current >= 0);
        QCOMPARE(versions->item(0, by)->text(), QStringLiteral("alice"));
        QCOMPARE(versions->item(1, by)->text(), QStringLiteral("bob"));
        QCOMPARE(versions->item(0, current)->text(), QString());
        QCOMPARE(versions->item(1, current)->text(), QStringLiteral("current"));
    }

    // Case text that is hostile to a layout or to the reading order: a name of thousands of characters
    // never widens the window or the conflict dialog beyond the screen, and right-to-left overrides are
    // shown as escapes in the list, the history header and the window title.
    void hostileNamesStayInTheirPlace_data() {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("last");
        QTest::addColumn<QString>("search");
        QTest::newRow("5,000 characters")
            << QString(5000, u'W') << QStringLiteral("Long") << QStringLiteral("long");
        QTest::newRow("right-to-left override")
            << QStringLiteral("\u202Eevil gnp.exe\u202C") << QStringLiteral("Doe") << QStringLiteral("doe");
    }
    void hostileNamesStayInTheirPlace() {
        QFETCH(QString, first);
        QFETCH(QString, last);
        QFETCH(QString, search);
        auto carol = m_env.serverAs(QStringLiteral("alice"));
        const auto id =
            carol->addCase(test::householdBytes(first, last, QStringLiteral("11201")), SaveOptions{});
        QVERIFY2(id, qPrintable(carol->lastError()));
        auto bob = m_env.windowAs(QStringLiteral("bob"));
        // The window's own width (the offscreen screen is narrower than the fixture's 1366 pixels).
        const int screenWidth = std::max(bob->width(), bob->screen()->availableGeometry().width());
        bob->showLibrary(true);
        QVERIFY(bob->libraryPage()->waitForIdle());
        bob->libraryPage()->selectCase(carol->version(*id)->caseId);
        QVERIFY(bob->libraryPage()->history()->waitForIdle());
        QApplication::processEvents();
        QVERIFY2(bob->width() <= screenWidth, qPrintable(QString::number(bob->width())));
        auto *header = bob->findChild<ElidingLabel *>(QStringLiteral("caseHistoryTitle"));
        QVERIFY2(header->fullText().contains(last), qPrintable(header->fullText()));
        QVERIFY(header->width() < screenWidth);
        auto *list = bob->libraryPage()->table();
        QVERIFY2(list->width() > 300, qPrintable(QString::number(list->width()))); // the list keeps its room
        const QString cell = list->model()->index(list->currentIndex().row(), 0).data().toString();
        QVERIFY2(cell.contains(last), qPrintable(cell));
        for (const QString &shown : {cell, header->fullText()}) {
            QVERIFY(!shown.contains(QChar(0x202E)));
            QVERIFY(!shown.contains(QChar(0x202C)));
        }

        QVERIFY(test::openFromLibraryPage(*bob, search));
        QApplication::processEvents();
        QVERIFY2(bob->width() <= screenWidth, qPrintable(QString::number(bob->width())));
        QVERIFY(!bob->windowTitle().contains(QChar(0x202E)));
        QVERIFY(bob->windowTitle().size() < 300);

        // Someone saves first: the conflict dialog fits the screen and says the whole question.
        QVERIFY(carol->saveVersion(*id, test::householdBytes(first, last, QStringLiteral("11215")),
                                   SaveOptions{}));
        QVERIFY(test::typeIntoInsured(*bob, "field_zip_code", QStringLiteral("11230")));
        int dialogWidth = 0;
        QString text;
        test::whenShown(QStringLiteral("libraryConflictDialog"), [&](QWidget *d) {
            dialogWidth = d->width();
            text = d->findChild<QLabel *>(QStringLiteral("conflictText"))->text();
            QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("conflictCancel")), Qt::LeftButton);
        });
        bob->findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(dialogWidth > 0);
        QVERIFY2(dialogWidth <= screenWidth, qPrintable(QString::number(dialogWidth)));
        QVERIFY2(text.endsWith(QStringLiteral("What now?")), qPrintable(text));
        QVERIFY2(text.size() < 400, qPrintable(QString::number(text.size())));
        QVERIFY(!text.contains(QChar(0x202E)));
    }

    // An underwriter reads every section (the section list moves between them) but cannot import
    // offerings or a folder; a refused save and the read-only notice are separate lines of the banner.
    void underwriterNavigatesButCannotImport() {
        auto uma = m_env.windowAs(QStringLiteral("uma"));
        QVERIFY(test::openFromLibraryPage(*uma, QStringLiteral("okafor")));
        auto *sections = uma->findChild<QListWidget *>(QStringLiteral("sectionList"));
        QVERIFY(sections->isEnabled());
        uma->caseEditor()->showSection(CaseEditor::Insured);
        const QRect drivers = sections->visualItemRect(sections->item(CaseEditor::Drivers));
        QTest::mouseClick(sections->viewport(), Qt::LeftButton, {}, drivers.center());
        QCOMPARE(sections->currentRow(), int(CaseEditor::Drivers));
        QCOMPARE(uma->findChild<QStackedWidget *>(QStringLiteral("sectionStack"))->currentIndex(),
                 int(CaseEditor::Drivers));
        QVERIFY(!uma->findChild<QStackedWidget *>(QStringLiteral("sectionStack"))->isEnabled());
        QVERIFY(!uma->findChild<QAction *>(QStringLiteral("actionImport"))->isEnabled());
        uma->showLibrary(true);
        QVERIFY(!uma->findChild<QPushButton *>(QStringLiteral("libraryImport"))->isEnabled());
        uma->showLibrary(false);
        // Quit with a change on screen, answering Save: the refusal is said on its own line.
        uma->document()->setValue(QStringLiteral("input.address.zip_code"),
                                  JsonValue(QStringLiteral("99999")), QStringLiteral("Change ZIP"));
        uma->setUnsavedAnswerForTests(QMessageBox::Save);
        QVERIFY(!uma->close());
        uma->setUnsavedAnswerForTests(QMessageBox::Discard);
        const QStringList lines = uma->libraryBannerText().split(u'\n');
        QCOMPARE(lines,
                 (QStringList{
                     QStringLiteral("Not saved: an underwriter cannot change cases (add a note instead)"),
                     QStringLiteral("Read-only: you are signed in as an underwriter — you can add notes")}));
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
            << QStringLiteral("Wrong user name or password: the server at 127.0.0.1:");
        QTest::newRow("unknown user")
            << QStringLiteral("mallory") << QStringLiteral("guess") << library << false
            << QStringLiteral("Wrong user name or password: the server at 127.0.0.1:");
        QTest::newRow("server unreachable") << QStringLiteral("alice") << QString() << library << true
                                            << QStringLiteral("Nothing is listening on 127.0.0.1:");
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

    // No keychain at start: the banner says the password could not be read (not "wrong password") and
    // where to type it.
    void noKeychainAtStart() {
        setLibrarySecretStoreForTests(std::make_unique<test::NoKeychain>());
        auto bob = m_env.windowAs(QStringLiteral("bob"));
        QCOMPARE(bob->library()->connection()->state(), LibraryConnection::State::Offline);
        const QString banner = bob->libraryBannerText();
        QVERIFY2(banner.contains(QStringLiteral("could not be read from the system keychain")),
                 qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("Edit → Library settings…")), qPrintable(banner));
        QVERIFY2(!banner.contains(QStringLiteral("Wrong user name or password")), qPrintable(banner));
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
        QCOMPARE(table->item(0, columnOf(table, QStringLiteral("Note")))->text(),
                 QStringLiteral("Roof age verified from inspection."));
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
