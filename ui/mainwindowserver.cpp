// SPDX-License-Identifier: MIT
// MainWindow and the shared library (issue 16): Edit → Library settings…, the banner over the case that
// says when the server cannot be reached (saves go to this computer; Retry now; the upload offer when it
// is back), when the signed-in user is an underwriter (read-only, notes allowed) and when the server
// refused a write; the conflict dialog when someone else saved the case first.
#include "mainwindow.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "library/libraryconflictdialog.h"
#include "library/libraryconnection.h"
#include "library/librarycontroller.h"
#include "library/librarylocationsettings.h"
#include "library/librarypage.h"
#include "library/librarysettingsdialog.h"
#include "plaintext.h"
#include "rankingcontroller.h"
#include "util/displaytext.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace pw {

void MainWindow::buildLibraryBanner() {
    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("libraryBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_bannerText = plainTextLabel(new QLabel(m_banner)); // server messages are data
    m_bannerText->setObjectName(QStringLiteral("libraryBannerText"));
    m_bannerText->setWordWrap(true);
    m_retry = new QPushButton(tr("Retry now"), m_banner);
    m_retry->setObjectName(QStringLiteral("libraryRetryButton"));
    m_stopWaiting = new QPushButton(tr("Stop waiting"), m_banner);
    m_stopWaiting->setObjectName(QStringLiteral("libraryStopWaitingButton"));
    m_stopWaiting->setToolTip(tr("Keep working: a save goes to the library on this computer"));
    m_upload = new QPushButton(m_banner);
    m_upload->setObjectName(QStringLiteral("libraryUploadButton"));
    m_uploadProgress = new QProgressBar(m_banner);
    m_uploadProgress->setObjectName(QStringLiteral("libraryUploadProgress"));
    m_uploadProgress->setMaximumWidth(160);
    m_uploadProgress->setVisible(false);
    auto *row = new QHBoxLayout(m_banner);
    row->setContentsMargins(8, 4, 8, 4);
    row->addWidget(m_bannerText, 1);
    row->addWidget(m_uploadProgress);
    row->addWidget(m_upload);
    row->addWidget(m_stopWaiting);
    row->addWidget(m_retry);
    m_banner->setVisible(false);

    m_libraryBusy = new QProgressBar(this);
    m_libraryBusy->setObjectName(QStringLiteral("libraryBusy"));
    m_libraryBusy->setRange(0, 0);
    m_libraryBusy->setMaximumWidth(80);
    m_libraryBusy->setMaximumHeight(14);
    m_libraryBusy->setVisible(false);
    // What the library call out is doing, in words, beside the bar (a local save is no server wait).
    m_libraryBusyText = plainTextLabel(new QLabel(this));
    m_libraryBusyText->setObjectName(QStringLiteral("libraryBusyText"));
    m_libraryBusyText->setVisible(false);
    m_libraryBusyTick = new QTimer(this);
    m_libraryBusyTick->setInterval(1000);
    connect(m_libraryBusyTick, &QTimer::timeout, this, &MainWindow::updateLibraryState);

    LibraryConnection *connection = m_library->connection();
    connect(m_retry, &QPushButton::clicked, connection, [this, connection] {
        connection->retryNow();
        updateLibraryState();
    });
    connect(m_upload, &QPushButton::clicked, connection, [this, connection] {
        if (connection->upload()) updateLibraryState();
    });
    connect(connection, &LibraryConnection::stateChanged, this, &MainWindow::updateLibraryState);
    connect(connection, &LibraryConnection::uploadProgress, this, [this](int done, int total) {
        m_uploadProgress->setRange(0, total);
        m_uploadProgress->setValue(done);
    });
    connect(connection, &LibraryConnection::uploadFinished, this, [this](const PushReport &r) {
        updateTitle(); // the open case may be the server's copy now
        QString text =
            r.error.isEmpty()
                ? tr("Uploaded to the server: %1 new case(s), %2 case(s) updated, %3 version(s), %4 "
                     "note(s); %5 skipped.")
                      .arg(r.casesCopied)
                      .arg(r.casesUpdated)
                      .arg(r.versionsCopied)
                      .arg(r.notesCopied)
                      .arg(r.casesSkipped)
                : tr("The upload stopped: %1").arg(r.error);
        // Someone changed a case on the server meanwhile: said first, nothing of theirs was overwritten.
        if (!r.conflicts.isEmpty())
            text = tr("Changed on the server meanwhile (your edits were added as new versions, theirs kept): "
                      "%1. ")
                       .arg(r.conflicts.join(QStringLiteral("; "))) +
                   text;
        showMessage(text);
        QMessageBox box(r.error.isEmpty() ? QMessageBox::Information : QMessageBox::Warning,
                        tr("Upload to the library server"), text, QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("uploadReport"));
        box.setTextFormat(Qt::PlainText);
        const QStringList details = r.conflicts + r.updated + r.copied + r.skipped + r.failed;
        if (!details.isEmpty()) box.setDetailedText(escapeControlsKeepLines(details.join(u'\n')));
        if (m_testAnswer < 0) box.exec();
        if (isLibraryShown()) m_libraryPage->refresh();
    });
    connect(m_library, &LibraryController::busyChanged, this, &MainWindow::setLibraryBusy);
    connect(m_library, &LibraryController::slowChanged, this, &MainWindow::updateLibraryState);
    connect(m_stopWaiting, &QPushButton::clicked, m_library, &LibraryController::stopWaiting);
    connect(m_library, &LibraryController::activeLibraryChanged, this, [this] {
        m_libraryPage->setLibrary(m_library->library());
        if (isLibraryShown()) m_libraryPage->refresh();
    });
}

void MainWindow::setLibraryBusy(bool busy) {
    // While a library call is out the window paints and stays usable: edits go on (a save took the case
    // as it was when it began; later edits belong to the next save), and only commands that would replace
    // the case or start another library write wait for it (refusedWhileLibraryBusy).
    m_libraryBusy->setVisible(busy);
    m_libraryBusy->setToolTip(m_library->busyText());
    m_libraryBusyText->setText(escapeControls(m_library->busyText()));
    m_libraryBusyText->setVisible(busy);
    if (busy && !m_libraryBusyTick->isActive()) m_libraryBusyTick->start();
    if (!busy) m_libraryBusyTick->stop();
    updateLibraryState();
    if (!busy && m_closeWhenIdle) {
        // Quit was chosen while the library call ran: the window closes now that it is done (asking
        // about edits made meanwhile, like any close) — once the outcome's own dialogs are answered.
        m_closeWhenIdle = false;
        closeWhenNoDialog();
    }
}

void MainWindow::closeWhenNoDialog() {
    QTimer::singleShot(0, this, [this] {
        if (m_library->isBusy()) {
            m_closeWhenIdle = true;
            return;
        }
        if (QApplication::activeModalWidget()) {
            QTimer::singleShot(200, this, &MainWindow::closeWhenNoDialog);
            return;
        }
        close();
    });
}

bool MainWindow::refusedWhileLibraryBusy() {
    if (!m_library->isBusy()) return false;
    showMessage(tr("%1 Try again when it is done.").arg(m_library->busyText()));
    return true;
}

QString MainWindow::libraryBannerText() const {
    return m_banner->isVisible() || !m_banner->isHidden() ? m_bannerText->text() : QString();
}

void MainWindow::updateLibraryState() {
    LibraryConnection *c = m_library->connection();
    const bool readOnly = c->isReadOnly();
    const int waiting = c->offlineCases().size();
    QStringList lines;
    QString colour = QStringLiteral("#fff8e1"); // amber: attention
    if (!m_refusal.isEmpty()) {
        lines << m_refusal;
        colour = QStringLiteral("#ffebee");
    }
    const bool waitingForServer = m_library->isWaitingLong() && m_library->isWaitingForServer();
    if (waitingForServer)
        lines
            << tr("Waiting for the library server %1… The window stays usable: you can stop waiting and keep "
                  "the case in the library on this computer.")
                   .arg(c->location().displayName());
    else if (m_library->isWaitingLong())
        // The library on this computer is no server: nothing to stop waiting for, the work runs on.
        lines << tr("%1 (%2 s so far) The window stays usable; edits you make now are kept for the next "
                    "save.")
                     .arg(m_library->busyText())
                     .arg(m_library->busyElapsedMs() / 1000);
    if (c->state() == LibraryConnection::State::Offline) {
        lines << tr("Not connected to the library server %1. %2 Your case stays open; saving keeps it in the "
                    "library on this computer until the server is back.")
                     .arg(c->location().displayName(), c->offlineReason());
        const int seconds = std::max(1, c->probeIntervalMs() / 1000);
        lines << (!c->isRetrying() ? tr("Fix it in Edit → Library settings…, then Retry now.")
                  : seconds == 1   ? tr("Checking again every second.")
                                   : tr("Checking again every %1 seconds.").arg(seconds));
    } else if (readOnly) {
        lines << tr("Read-only: you are signed in as an underwriter — you can add notes");
        colour = QStringLiteral("#e3f2fd");
    }
    if (c->state() == LibraryConnection::State::Online && waiting > 0)
        lines << (c->isUploading() ? tr("Uploading the cases saved while the server was unreachable…")
                                   : tr("The library server is back. %n case(s) were saved on this computer "
                                        "while it was unreachable.",
                                        "", waiting));
    // One line per message: a refusal and the read-only notice never run into each other.
    for (QString &line : lines)
        line = escapeControls(line); // server words inside stay on their line
    m_bannerText->setText(lines.join(u'\n'));
    m_bannerText->setToolTip(c->state() == LibraryConnection::State::Offline
                                 ? escapeControls(c->offlineDetail())
                                 : QString()); // the server's own words, apart from the plain sentence
    m_banner->setStyleSheet(QStringLiteral("QFrame#libraryBanner { background: %1; }").arg(colour));
    m_banner->setVisible(!lines.isEmpty());
    m_stopWaiting->setVisible(waitingForServer);
    m_retry->setVisible(c->state() == LibraryConnection::State::Offline);
    m_retry->setEnabled(!c->isProbing());
    m_upload->setText(tr("Upload %n case(s) saved while offline", "", waiting));
    m_upload->setVisible(c->state() == LibraryConnection::State::Online && waiting > 0);
    m_upload->setEnabled(!c->isUploading());
    m_uploadProgress->setVisible(c->isUploading());

    // An underwriter opens cases read-only: the server refuses their writes, and the window does not offer
    // them. Notes stay open (Case → Notes and history).
    m_editor->setEditable(!readOnly); // the section list stays usable for reading
    m_libraryPage->setImportEnabled(!readOnly);
    m_appetite->setEnabled(!readOnly);
    for (QCheckBox *box : m_lineBoxes)
        box->setEnabled(!readOnly);
    for (const char *name : {"actionSave", "actionCopyRequote", "actionLibraryImport", "actionImport"})
        if (auto *a = findChild<QAction *>(QString::fromLatin1(name))) a->setEnabled(!readOnly);
}

void MainWindow::showRefusal(const QString &text) {
    m_refusal = text;
    updateLibraryState();
    showMessage(text);
}

void MainWindow::showLibrarySettings() {
    if (refusedWhileLibraryBusy()) return;
    QSettings settings;
    LibrarySettingsDialog dialog(&settings, &librarySecretStore(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    const LibraryLocation location = dialog.location();
    QString error;
    const QString password = !dialog.sessionPassword().isEmpty()
                                 ? dialog.sessionPassword()
                                 : savedLibraryPassword(librarySecretStore(), location, &error);
    m_refusal.clear();
    m_library->switchLibrary(location, password);
    m_libraryPage->setLibrary(m_library->library());
    if (isLibraryShown()) m_libraryPage->refresh();
    updateTitle();
    updateLibraryState();
    const bool unreachable =
        location.isServer() && m_library->connection()->state() == LibraryConnection::State::Offline;
    showMessage(!error.isEmpty() ? error
                : unreachable    ? tr("The case library is now %1, but it cannot be reached: the library on "
                                         "this computer is shown until it can.")
                                    .arg(location.displayName())
                              : tr("The case library is now %1")
                                    .arg(location.isServer() ? location.displayName()
                                                             : tr("the file on this computer")));
}

bool MainWindow::handleSaveOutcome(const LibrarySaveOutcome &out, bool fileWritten) {
    if (out.ok) {
        m_refusal.clear();
        updateLibraryState();
        updateTitle();
        if (out.savedOffline)
            showMessage(tr("The library server cannot be reached: the case was saved in the library on this "
                           "computer and will be offered for upload."));
        else if (!fileWritten)
            showMessage(tr("Saved in the library"));
        return true;
    }
    if (out.failure == LibraryFailure::Conflict && out.conflict) return resolveConflict(out);
    if (out.failure == LibraryFailure::Refused) {
        showRefusal(tr("The server refused to save the case: %1").arg(out.error));
        return false;
    }
    if (fileWritten) {
        // The file is written either way; a library that could not follow is said, never hidden.
        showMessage(tr("Saved the file, but the case library was not updated: %1").arg(out.error));
        return true;
    }
    QMessageBox box(QMessageBox::Critical, tr("Save case"), tr("The case was not saved in the library."),
                    QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("saveErrorDialog"));
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(out.error);
    if (m_testAnswer < 0) box.exec();
    showMessage(out.error);
    return false;
}

bool MainWindow::resolveConflict(const LibrarySaveOutcome &out) {
    // The case is named as the library has it (their version), else as the open document has it.
    const CaseInput &in = m_doc->typedCase().input;
    const QString name = out.theirs && !out.theirs->facts.insuredName.isEmpty()
                             ? out.theirs->facts.insuredName
                             : QString(in.applicant.firstName + u' ' + in.applicant.lastName).trimmed();
    RankingSnapshot mine;
    if (m_ranking->hasRun() && !m_ranking->isStale() && !m_ranking->isBusy())
        mine = snapshotOfRun(m_ranking->run(), m_doc->root(), m_ranking->appetite(), m_doc->now());
    const qint64 opened = m_library->versionId();
    showMessage(LibraryConflictDialog::describe(name, *out.conflict, out.theirs, opened));
    for (;;) {
        LibraryConflictDialog dialog(name, *out.conflict, out.theirs, m_doc->root(), mine, opened, this);
        dialog.exec();
        switch (dialog.choice()) {
        case LibraryConflictDialog::Choice::Cancel:
            showMessage(tr("Not saved: your edits are still open"));
            return false;
        case LibraryConflictDialog::Choice::SaveAsNew:
            return copyAndRequote(tr("Saved beside %1's change").arg(out.conflict->modifiedBy));
        case LibraryConflictDialog::Choice::Reload: {
            QMessageBox confirm(
                QMessageBox::Warning, tr("Reload their version"),
                tr("Drop your unsaved edits and open the version %1 saved?").arg(out.conflict->modifiedBy),
                QMessageBox::Discard | QMessageBox::Cancel, this);
            confirm.setObjectName(QStringLiteral("conflictReloadConfirm"));
            confirm.setTextFormat(Qt::PlainText);
            confirm.button(QMessageBox::Discard)->setText(tr("Drop my edits and reload"));
            if (confirm.exec() != QMessageBox::Discard) continue; // back to the choice
            const qint64 id = out.conflict->versionId ? out.conflict->versionId : m_library->versionId();
            openFromLibrary(id);
            return false;
        }
        }
    }
}

} // namespace pw
