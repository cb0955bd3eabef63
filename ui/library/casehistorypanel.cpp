// SPDX-License-Identifier: MIT
#include "casehistorypanel.h"

#include "librarymodel.h"
#include "store/casediff.h"
#include "store/caselibrary.h"
#include "util/dates.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pw {

namespace {

QTableWidget *makeTable(const QString &name, const QStringList &headers, QWidget *parent) {
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(22);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setWordWrap(false);
    return t;
}

void setRow(QTableWidget *t, int row, const QStringList &cells) {
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(singleLine(cells[c]));
        item->setToolTip(cells[c].size() > 40 ? cells[c] : QString());
        t->setItem(row, c, item);
    }
}

QString when(const QDateTime &t, bool seconds = true) {
    return t.isValid() ? QLocale().toString(t.toLocalTime(), seconds ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                                                     : QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QString();
}

} // namespace

CaseHistoryPanel::CaseHistoryPanel(CaseLibrary *library, QWidget *parent)
    : QWidget(parent)
    , m_library(library) {
    setObjectName(QStringLiteral("caseHistory"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("caseHistoryTitle"));
    m_title->setTextFormat(Qt::PlainText);
    layout->addWidget(m_title);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs);

    // Versions
    auto *versionsPage = new QWidget(m_tabs);
    auto *vl = new QVBoxLayout(versionsPage);
    m_versions = makeTable(QStringLiteral("versionsTable"),
                           {tr("#"), tr("Label"), tr("Saved"), tr("Qual."), tr("Top package")}, versionsPage);
    m_versions->setSelectionMode(QAbstractItemView::ExtendedSelection);
    for (int c = 0; c < 4; ++c)
        m_versions->setColumnWidth(c, std::array{26, 100, 122, 42}[size_t(c)]);
    auto *buttons = new QHBoxLayout;
    m_open = new QPushButton(tr("Open version"), versionsPage);
    m_open->setObjectName(QStringLiteral("versionOpen"));
    m_compare = new QPushButton(tr("Compare the two selected"), versionsPage);
    m_compare->setObjectName(QStringLiteral("versionCompare"));
    m_compare->setToolTip(tr("Select two versions (Ctrl+click) to see what changed between them"));
    buttons->addWidget(m_open);
    buttons->addWidget(m_compare);
    buttons->addStretch(1);
    m_diff = new QPlainTextEdit(versionsPage);
    m_diff->setObjectName(QStringLiteral("versionDiff"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setPlaceholderText(tr("Select two versions and press Compare."));
    auto *vsplit = new QSplitter(Qt::Vertical, versionsPage);
    vsplit->addWidget(m_versions);
    vsplit->addWidget(m_diff);
    vl->addWidget(vsplit, 1);
    vl->addLayout(buttons);
    m_tabs->addTab(versionsPage, tr("Versions"));

    // Notes
    auto *notesPage = new QWidget(m_tabs);
    auto *nl = new QVBoxLayout(notesPage);
    m_notes =
        makeTable(QStringLiteral("notesTable"), {tr("When"), tr("Author"), tr("On"), tr("Note")}, notesPage);
    m_notes->setColumnWidth(0, 130);
    m_notes->setColumnWidth(1, 90);
    m_notes->setColumnWidth(2, 150);
    nl->addWidget(m_notes, 1);
    auto *form = new QFormLayout;
    m_author = new QLineEdit(notesPage);
    m_author->setObjectName(QStringLiteral("noteAuthor"));
    m_author->setText(QSettings().value(QStringLiteral("library/author"), systemUserName()).toString());
    m_author->setToolTip(
        tr("Written on every note and audit entry (your OS user name unless you change it)"));
    connect(m_author, &QLineEdit::editingFinished, this,
            [this] { QSettings().setValue(QStringLiteral("library/author"), m_author->text().trimmed()); });
    m_noteOffering = new QComboBox(notesPage);
    m_noteOffering->setObjectName(QStringLiteral("noteOffering"));
    m_noteText = new QPlainTextEdit(notesPage);
    m_noteText->setObjectName(QStringLiteral("noteText"));
    m_noteText->setMaximumHeight(60);
    m_addNote = new QPushButton(tr("Add note"), notesPage);
    m_addNote->setObjectName(QStringLiteral("noteAdd"));
    form->addRow(tr("Author:"), m_author);
    form->addRow(tr("On:"), m_noteOffering);
    form->addRow(tr("Note:"), m_noteText);
    nl->addLayout(form);
    nl->addWidget(m_addNote, 0, Qt::AlignRight);
    m_tabs->addTab(notesPage, tr("Notes"));

    // Audit trail
    m_audit = makeTable(QStringLiteral("auditTable"),
                        {tr("When"), tr("Who"), tr("What"), tr("Path"), tr("Old"), tr("New"), tr("Details")},
                        m_tabs);
    for (int c : {0, 1, 2, 3, 4, 5})
        m_audit->setColumnWidth(c, std::array{130, 80, 70, 200, 90, 90}[size_t(c)]);
    m_tabs->addTab(m_audit, tr("Audit trail"));

    connect(m_open, &QPushButton::clicked, this, [this] {
        const auto ids = selectedVersions();
        if (!ids.isEmpty()) emit openVersionRequested(ids.first());
    });
    connect(m_versions, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem *item) {
        emit openVersionRequested(m_versions->item(item->row(), 0)->data(Qt::UserRole).toLongLong());
    });
    connect(m_compare, &QPushButton::clicked, this, &CaseHistoryPanel::compareSelected);
    connect(m_versions, &QTableWidget::itemSelectionChanged, this, [this] {
        const int n = int(selectedVersions().size());
        m_open->setEnabled(n >= 1);
        m_compare->setEnabled(n == 2);
    });
    connect(m_addNote, &QPushButton::clicked, this, &CaseHistoryPanel::addNote);
    setCase(0);
}

QString CaseHistoryPanel::author() const {
    const QString a = m_author->text().trimmed();
    return a.isEmpty() ? systemUserName() : a;
}

void CaseHistoryPanel::setLibrary(CaseLibrary *library) {
    m_library = library;
    setCase(0);
}

void CaseHistoryPanel::setCase(qint64 caseId) {
    m_caseId = caseId;
    reload();
}

void CaseHistoryPanel::showNotes() {
    m_tabs->setCurrentIndex(1);
    m_noteText->setFocus();
}

void CaseHistoryPanel::reload() {
    m_versions->setRowCount(0);
    m_notes->setRowCount(0);
    m_audit->setRowCount(0);
    m_diff->clear();
    m_noteOffering->clear();
    m_open->setEnabled(false);
    m_compare->setEnabled(false);
    m_addNote->setEnabled(m_caseId != 0);
    if (m_caseId == 0) {
        m_title->setText(tr("Select a case to see its versions, notes and audit trail."));
        return;
    }
    const auto c = m_library->caseById(m_caseId);
    m_title->setText(
        c ? tr("%1 — %2 %3")
                .arg(c->facts.insuredName.isEmpty() ? tr("(no name)") : singleLine(c->facts.insuredName),
                     singleLine(c->facts.state), singleLine(c->facts.zip))
          : QString());
    const auto versions = m_library->versions(m_caseId);
    m_versions->setRowCount(int(versions.size()));
    for (int i = 0; i < int(versions.size()); ++i) {
        const LibraryVersion &v = versions[size_t(i)];
        setRow(m_versions, i,
               {QString::number(v.number), v.label, when(v.modifiedAt, false),
                v.ranking.hasRun ? QString::number(v.ranking.qualifiedCount) : QStringLiteral("—"),
                v.ranking.hasRun ? v.ranking.topText() : tr("not ranked")});
        m_versions->item(i, 0)->setData(Qt::UserRole, v.versionId);
        m_versions->item(i, 1)->setToolTip(
            tr("Created %1").arg(when(v.createdAt)) +
            (v.parentVersionId ? tr(", copied from an earlier version") : QString()));
    }
    m_noteOffering->addItem(tr("The whole case"), QString());
    if (c)
        if (const auto v = m_library->version(c->versionId))
            if (const auto root = parseJson(v->body))
                for (const JsonValue &o : (*root)[u"offerings"].arrayItems()) {
                    const QString id = o[u"id"].toString();
                    if (id.isEmpty()) continue;
                    m_noteOffering->addItem(
                        singleLine(tr("Offering %1 (%2)").arg(id, o[u"provider_name"].toString())), id);
                }
    const auto notes = m_library->notes(m_caseId);
    m_notes->setRowCount(int(notes.size()));
    for (int i = 0; i < int(notes.size()); ++i) {
        const LibraryNote &n = notes[size_t(i)];
        setRow(m_notes, i,
               {when(n.createdAt), n.author, n.offeringId.isEmpty() ? tr("case") : n.offeringId, n.text});
    }
    const auto trail = m_library->auditTrail(m_caseId);
    m_audit->setRowCount(int(trail.size()));
    for (int i = 0; i < int(trail.size()); ++i) {
        const AuditEntry &e = trail[size_t(i)];
        QString details = e.detail;
        if (e.kind == u"ranking")
            details = tr("top %1; engine %2, profile %3, input %4, clock %5; %6")
                          .arg(e.topResult.isEmpty() ? tr("none") : e.topResult, e.engineVersion,
                               e.profileHash, e.inputHash, formatTimestamp(e.clock), e.detail);
        setRow(m_audit, i, {when(e.at), e.author, e.kind, e.path, e.oldValue, e.newValue, details});
    }
    m_audit->scrollToBottom();
    if (!m_library->lastError().isEmpty()) emit message(m_library->lastError());
}

QList<qint64> CaseHistoryPanel::selectedVersions() const {
    QList<qint64> ids;
    for (const QModelIndex &i : m_versions->selectionModel()->selectedRows())
        ids << m_versions->item(i.row(), 0)->data(Qt::UserRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void CaseHistoryPanel::compareSelected() {
    const auto ids = selectedVersions();
    if (ids.size() == 2) compareVersions(ids[0], ids[1]);
}

void CaseHistoryPanel::compareVersions(qint64 a, qint64 b) {
    const auto va = m_library->version(a), vb = m_library->version(b);
    const auto ra = va ? parseJson(va->body) : std::nullopt;
    const auto rb = vb ? parseJson(vb->body) : std::nullopt;
    if (!ra || !rb) {
        m_diff->setPlainText(tr("Cannot compare: %1").arg(m_library->lastError()));
        return;
    }
    m_diff->setPlainText(tr("Version %1 (%2) → version %3 (%4)\n\n")
                             .arg(va->number)
                             .arg(va->label)
                             .arg(vb->number)
                             .arg(vb->label) +
                         renderCaseDiff(diffJson(*ra, *rb), diffRankings(va->ranking, vb->ranking)));
}

void CaseHistoryPanel::addNote() {
    const QString text = m_noteText->toPlainText().trimmed();
    if (m_caseId == 0 || text.isEmpty()) return;
    const auto c = m_library->caseById(m_caseId);
    LibraryNote n;
    n.caseId = m_caseId;
    n.versionId = c ? c->versionId : 0;
    n.offeringId = m_noteOffering->currentData().toString();
    n.author = author();
    n.createdAt = QDateTime::currentDateTimeUtc();
    n.text = text;
    if (!m_library->addNote(n)) {
        emit message(tr("The note was not saved: %1").arg(m_library->lastError()));
        return;
    }
    m_noteText->clear();
    reload();
    m_tabs->setCurrentIndex(1);
}

} // namespace pw
