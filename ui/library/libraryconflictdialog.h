// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "store/caselibrary.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace pw {

// The save was refused because someone saved the same case first (LibraryFailure::Conflict, issue 16).
// Says who and when in plain words — "Dana Okafor was changed by bob at 2026-11-29 14:02 (you opened
// revision 3, the library has 4)." — and offers: Reload (their version; the caller confirms before
// dropping the edits), Compare (the unsaved document against their stored version, the library's version
// diff, shown in the dialog), Save as new version (nothing overwritten), Cancel (keep editing). Nothing
// is ever saved over their version from here.
// Object names: libraryConflictDialog, conflictText, conflictReload, conflictCompare, conflictSaveAsNew,
// conflictCancel, conflictDiff.
class LibraryConflictDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Cancel, Reload, SaveAsNew };

    // Case names longer than this many graphemes are cut with "…" in the sentence (the dialog fits).
    static constexpr int kNameGraphemes = 80;

    // `caseName`: the insured's name (case text, shown as plain text, cut to kNameGraphemes); `theirs`:
    // the stored version, if it could be read; `mine`: the open document; `myRanking`: its ranking in
    // effect (may be empty); `openedVersionId`: the version the window had open (a conflict on another
    // version means someone made that one the case's current version).
    LibraryConflictDialog(const QString &caseName, const SaveConflict &conflict,
                          const std::optional<LibraryVersion> &theirs, const JsonValue &mine,
                          const RankingSnapshot &myRanking, qint64 openedVersionId,
                          QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    QString text() const;
    // The sentence of the dialog (also for the status bar).
    static QString describe(const QString &caseName, const SaveConflict &conflict,
                            const std::optional<LibraryVersion> &theirs = std::nullopt,
                            qint64 openedVersionId = 0);

private:
    void compare();

    Choice m_choice = Choice::Cancel;
    std::optional<LibraryVersion> m_theirs;
    JsonValue m_mine;
    RankingSnapshot m_myRanking;
    QLabel *m_text = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QPushButton *m_compare = nullptr;
};

} // namespace pw
