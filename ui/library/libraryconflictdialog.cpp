// SPDX-License-Identifier: MIT
#include "libraryconflictdialog.h"

#include "plaintext.h"
#include "store/casediff.h"
#include "util/displaytext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pw {

QString LibraryConflictDialog::describe(const QString &caseName, const SaveConflict &c,
                                        const std::optional<LibraryVersion> &theirs, qint64 openedVersionId) {
    // Local time, as the agent reads a clock; the user name is the library's (database or OS user). A
    // long name is cut (the dialog must fit on the screen) and control characters are shown as escapes.
    const QString when = QLocale().toString(c.modifiedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
    const QString name =
        caseName.isEmpty() ? tr("This case") : elideGraphemes(escapeControls(caseName), kNameGraphemes);
    const QString who = c.modifiedBy.isEmpty() ? tr("someone") : escapeControls(c.modifiedBy);
    if (openedVersionId && c.versionId && c.versionId != openedVersionId && theirs)
        return tr("%1 was changed by %2 at %3: their version %4 (%5) is now the case's current version, "
                  "not the version you opened.")
            .arg(name, who, when)
            .arg(theirs->number)
            .arg(elideGraphemes(escapeControls(theirs->label), kNameGraphemes));
    return tr("%1 was changed by %2 at %3 (you opened revision %4, the library has %5).")
        .arg(name, who, when)
        .arg(c.expectedRevision)
        .arg(c.storedRevision);
}

LibraryConflictDialog::LibraryConflictDialog(const QString &caseName, const SaveConflict &conflict,
                                             const std::optional<LibraryVersion> &theirs,
                                             const JsonValue &mine, const RankingSnapshot &myRanking,
                                             qint64 openedVersionId, QWidget *parent)
    : QDialog(parent)
    , m_theirs(theirs)
    , m_mine(mine)
    , m_myRanking(myRanking) {
    setObjectName(QStringLiteral("libraryConflictDialog"));
    setWindowTitle(tr("Someone else saved this case"));
    m_text = plainTextLabel(new QLabel(this)); // names and user names are data
    m_text->setObjectName(QStringLiteral("conflictText"));
    m_text->setWordWrap(true);
    m_text->setText(describe(caseName, conflict, theirs, openedVersionId) + u'\n' + u'\n' +
                    tr("Your edits are not saved yet and nothing was overwritten. What now?"));
    auto *reload = new QPushButton(tr("Reload their version"), this);
    reload->setObjectName(QStringLiteral("conflictReload"));
    reload->setToolTip(tr("Open the version in the library; your edits are dropped (you are asked first)"));
    m_compare = new QPushButton(tr("Compare"), this);
    m_compare->setObjectName(QStringLiteral("conflictCompare"));
    m_compare->setToolTip(tr("What differs between their saved version and your unsaved case"));
    m_compare->setEnabled(m_theirs.has_value());
    auto *saveNew = new QPushButton(tr("Save as new version"), this);
    saveNew->setObjectName(QStringLiteral("conflictSaveAsNew"));
    saveNew->setToolTip(tr("Keep both: your case becomes a new version of the household"));
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("conflictCancel"));
    cancel->setToolTip(tr("Keep editing; nothing is saved"));
    saveNew->setDefault(true);
    m_diff = new QPlainTextEdit(this);
    m_diff->setObjectName(QStringLiteral("conflictDiff"));
    m_diff->setReadOnly(true);
    m_diff->setVisible(false);
    m_diff->setMinimumHeight(200);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(reload);
    buttons->addWidget(m_compare);
    buttons->addStretch(1);
    buttons->addWidget(saveNew);
    buttons->addWidget(cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_diff, 1);
    layout->addLayout(buttons);
    setMinimumWidth(620);

    connect(reload, &QPushButton::clicked, this, [this] {
        m_choice = Choice::Reload;
        QDialog::accept();
    });
    connect(saveNew, &QPushButton::clicked, this, [this] {
        m_choice = Choice::SaveAsNew;
        QDialog::accept();
    });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_compare, &QPushButton::clicked, this, &LibraryConflictDialog::compare);
}

QString LibraryConflictDialog::text() const {
    return m_text->text();
}

void LibraryConflictDialog::compare() {
    const auto stored = m_theirs ? parseJson(m_theirs->body) : std::nullopt;
    if (!stored) {
        m_diff->setPlainText(tr("Their version could not be read."));
    } else {
        QString report =
            renderCaseDiff(diffJson(*stored, m_mine), diffRankings(m_theirs->ranking, m_myRanking));
        // Against a version saved without a ranking every package would read as moved: said in one line.
        if (!m_theirs->ranking.hasRun)
            report = report.left(report.indexOf(QStringLiteral("\nRanking: "))) +
                     tr("\nRanking: their version was saved without a ranking; nothing to compare.\n");
        m_diff->setPlainText(
            tr("Their saved version (revision %1) → your unsaved case\n\n").arg(m_theirs->revision) + report);
    }
    m_diff->setVisible(true);
    m_compare->setEnabled(false);
    adjustSize();
}

} // namespace pw
