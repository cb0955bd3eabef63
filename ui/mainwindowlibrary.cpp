// SPDX-License-Identifier: MIT
// MainWindow and the case library: the start page, File → Library… (Ctrl+L), opening a version, saving into
// the library, copy and re-quote, importing a folder, and the offer to restore an autosave after a crash.
#include "mainwindow.h"

#include "casedocument.h"
#include "elidinglabel.h"
#include "library/casehistorypanel.h"
#include "library/libraryconnection.h"
#include "library/librarycontroller.h"
#include "library/librarypage.h"
#include "rankingcontroller.h"
#include "store/libraryimport.h"
#include "util/numbers.h"

#include "library/libraryconnection.h"
#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pw {

void MainWindow::buildLibrary() {
    m_library = new LibraryController(m_doc, m_ranking, this);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("centralStack"));
    m_libraryPage = new LibraryPage(m_library->library(), m_stack);
    m_stack->addWidget(m_split);
    m_stack->addWidget(m_libraryPage);
    // The banner (offline, read-only, refused, upload offer) sits over the case and the library alike.
    buildLibraryBanner();
    auto *central = new QWidget(this);
    central->setObjectName(QStringLiteral("centralArea"));
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_banner);
    column->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_library, &LibraryController::message, this, &MainWindow::showMessage);
    connect(m_library, &LibraryController::libraryChanged, this, [this](qint64 caseId) {
        updateTitle();
        if (isLibraryShown()) {
            m_libraryPage->selectCase(caseId);
            m_libraryPage->refresh();
        }
    });
    connect(m_libraryPage, &LibraryPage::openRequested, this, [this](qint64 versionId) {
        if (maybeSave()) openFromLibrary(versionId);
    });
    connect(m_libraryPage, &LibraryPage::backRequested, this, [this] { showLibrary(false); });
    connect(m_libraryPage, &LibraryPage::importRequested, this, &MainWindow::importFolderIntoLibrary);
    connect(m_libraryPage, &LibraryPage::message, this, &MainWindow::showMessage);
    // The list could not reach the server: the window says so in the banner and checks again; when the
    // server is back the list is read again by itself (activeLibraryChanged).
    connect(m_libraryPage, &LibraryPage::unreachable, m_library->connection(),
            [this](const QString &words, const QString &detail) {
                m_library->connection()->markOffline(words, detail);
            });
}

void MainWindow::addLibraryActions(QMenu *file) {
    auto *library = file->addAction(tr("&Library…"));
    library->setObjectName(QStringLiteral("actionLibrary"));
    library->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    library->setToolTip(tr("Every saved household: search, versions, notes and audit trail"));
    connect(library, &QAction::triggered, this, [this] { showLibrary(true); });
    auto *import = file->addAction(tr("Import &folder into library…"));
    import->setObjectName(QStringLiteral("actionLibraryImport"));
    connect(import, &QAction::triggered, this, &MainWindow::importFolderIntoLibrary);
}

void MainWindow::addCaseLibraryActions(QMenu *caseMenu) {
    caseMenu->addSeparator();
    auto *copy = caseMenu->addAction(tr("Copy and &re-quote…"));
    copy->setObjectName(QStringLiteral("actionCopyRequote"));
    copy->setToolTip(tr("A new version of this household; the version it came from stays as it was saved"));
    connect(copy, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString label =
            QInputDialog::getText(this, tr("Copy and re-quote"), tr("Label of the new version:"),
                                  QLineEdit::Normal, QString(), &ok);
        if (ok && !refusedWhileLibraryBusy()) copyAndRequote(label);
    });
    auto *history = caseMenu->addAction(tr("&Notes and history…"));
    history->setObjectName(QStringLiteral("actionCaseHistory"));
    connect(history, &QAction::triggered, this, [this] {
        if (!m_library->caseId()) {
            showMessage(
                tr("Save the case (or copy and re-quote it) to keep notes and history in the library"));
            return;
        }
        showLibrary(true);
        m_libraryPage->selectCase(m_library->caseId());
        m_libraryPage->history()->setCase(m_library->caseId());
        m_libraryPage->history()->showNotes();
    });
}

bool MainWindow::isLibraryShown() const {
    return m_stack->currentWidget() == m_libraryPage;
}

void MainWindow::showLibrary(bool show) {
    if (show != isLibraryShown()) {
        // The problems and the case summary are the open case's: not shown over the library.
        if (show) m_dockWasVisible = m_dock->isVisible();
        m_dock->setVisible(!show && m_dockWasVisible);
        m_summary->setVisible(!show);
        m_saved->setVisible(!show);
        m_stack->setCurrentWidget(show ? static_cast<QWidget *>(m_libraryPage) : m_split);
    }
    if (show) {
        m_libraryPage->setBackEnabled(true);
        m_libraryPage->refresh();
        if (m_library->caseId()) m_libraryPage->selectCase(m_library->caseId());
        m_libraryPage->focusSearch();
    }
}

bool MainWindow::showLibraryAtStart() {
    if (!m_library->isOpen() || m_library->caseCount() == 0) return false;
    newCase();
    showLibrary(true);
    m_libraryPage->setBackEnabled(false); // nothing open to go back to
    return true;
}

bool MainWindow::openFromLibrary(qint64 versionId) {
    QString error;
    if (!m_library->openVersion(versionId, &error)) {
        showMessage(tr("Cannot open the case: %1").arg(error));
        return false;
    }
    m_isSample = false;
    if (!m_doc->fileName().isEmpty()) addRecent(m_doc->fileName());
    showLibrary(false);
    updateTitle();
    showMessage(tr("Opened %1 from the library").arg(windowTitle().section(QStringLiteral("[*]"), 0, 0)));
    return true;
}

bool MainWindow::saveToLibrary() {
    const LibrarySaveOutcome out = m_library->saveToLibrary();
    const bool saved = handleSaveOutcome(out, false);
    if (out.ok && !out.documentUnchanged)
        showMessage(tr("Saved in the library as the case was when the save began; the edits made meanwhile "
                       "are not saved yet"));
    return saved;
}

bool MainWindow::copyAndRequote(const QString &label) {
    const QString err = m_library->copyAndRequote(label);
    if (!err.isEmpty()) {
        showMessage(tr("Copy and re-quote failed: %1").arg(err));
        return false;
    }
    m_isSample = false;
    updateTitle();
    showMessage(tr("New version created; the original is kept as it was saved"));
    return true;
}

void MainWindow::importFolderIntoLibrary() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a folder of case files"));
    if (dir.isEmpty()) return;
    showMessage(tr("Importing %1…").arg(dir));
    auto *watcher = new QFutureWatcher<ImportReport>(this);
    connect(watcher, &QFutureWatcher<ImportReport>::finished, this, [this, watcher] {
        const ImportReport r = watcher->result();
        watcher->deleteLater();
        QString text = tr("Imported %1 new, %2 updated, %3 unchanged, %4 skipped")
                           .arg(formatCount(r.added))
                           .arg(formatCount(r.updated))
                           .arg(formatCount(r.unchanged))
                           .arg(formatCount(qint64(r.skipped.size())));
        if (!r.libraryError.isEmpty()) text += tr(" — library error: %1").arg(r.libraryError);
        showMessage(text);
        if (!r.skipped.isEmpty() || !r.libraryError.isEmpty()) {
            QMessageBox box(QMessageBox::Warning, tr("Import folder"), text, QMessageBox::Ok, this);
            box.setTextFormat(Qt::PlainText);
            box.setDetailedText(r.skipped.join(u'\n'));
            box.exec();
        }
        m_libraryPage->refresh();
    });
    watcher->setFuture(QtConcurrent::run(libraryThreadPool(), [connect = m_library->library()->connector(),
                                                               dir, author = m_library->author()] {
        const auto lib = connect();
        if (!lib->isOpen()) {
            ImportReport r;
            r.libraryError = lib->lastError();
            return r;
        }
        return importCaseFolder(*lib, dir, QDateTime::currentDateTimeUtc(), author);
    }));
}

void MainWindow::offerRecovery() {
    const auto records = m_library->orphanedRecoveries();
    if (records.empty()) return;
    const RecoveryRecord &r = records.front(); // the newest
    // A case the agent named (on the command line, or chosen in Open) is the one this window shows: the
    // recovered work is offered in a window of its own, never put in its place (product.md §8: never a
    // clobbered file). Named means: being opened now, or opened from a file.
    const bool named = isOpening() || !m_doc->fileName().isEmpty();
    QMessageBox box(QMessageBox::Question, tr("Restore unsaved work"),
                    tr("The workbench did not close normally. Unsaved work was kept:"), QMessageBox::NoButton,
                    this);
    box.setObjectName(QStringLiteral("recoveryDialog"));
    box.setTextFormat(Qt::PlainText);
    QString where = r.filePath.isEmpty()
                        ? (r.versionId ? tr("a case in the library") : tr("a case never saved"))
                        : r.filePath;
    QString info =
        tr("%1\nfrom %2\nautosaved %3")
            .arg(r.title, where,
                 QLocale().toString(r.savedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (records.size() > 1)
        info += tr("\n(%1 older records are kept for the next start)").arg(records.size() - 1);
    if (named) info += tr("\n\nThe case you opened stays in this window; restoring opens a new one.");
    box.setInformativeText(info);
    QPushButton *restore =
        box.addButton(named ? tr("Restore in a new window") : tr("Restore"), QMessageBox::AcceptRole);
    restore->setObjectName(QStringLiteral("recoveryRestore"));
    QPushButton *discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("recoveryDiscard"));
    QPushButton *later = box.addButton(tr("Ask again next time"), QMessageBox::RejectRole);
    later->setObjectName(QStringLiteral("recoveryLater"));
    box.setDefaultButton(restore);
    int answer = m_recoveryAnswer;
    if (answer < 0) {
        box.exec();
        answer = box.clickedButton() == restore   ? QMessageBox::Open
                 : box.clickedButton() == discard ? QMessageBox::Discard
                                                  : QMessageBox::Cancel;
    }
    QString error;
    if (answer == QMessageBox::Open) {
        if (named) {
            auto *other = new MainWindow;
            other->setAttribute(Qt::WA_DeleteOnClose);
            error = other->restoreRecovery(r);
            if (!error.isEmpty()) {
                delete other;
                showMessage(error);
                return;
            }
            other->show();
            showMessage(tr("Restored %1 in a new window").arg(r.title));
        } else if (maybeSave()) {
            error = restoreRecovery(r);
            if (!error.isEmpty()) showMessage(error);
        }
    } else if (answer == QMessageBox::Discard && !m_library->discard(r, &error)) {
        showMessage(tr("The autosave record could not be removed: %1").arg(error));
    }
}

QString MainWindow::restoreRecovery(const RecoveryRecord &r) {
    QString error;
    if (!m_library->restore(r, &error)) return tr("The work could not be restored: %1").arg(error);
    m_isSample = false;
    showLibrary(false);
    updateTitle();
    showMessage(tr("Restored %1 — save it to keep it").arg(r.title));
    return QString();
}

} // namespace pw
