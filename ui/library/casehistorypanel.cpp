// SPDX-License-Identifier: MIT
#include "casehistorypanel.h"

#include "columnfit.h"
#include "elidinglabel.h"
#include "librarylocationsettings.h"
#include "librarymodel.h"
#include "store/casediff.h"
#include "store/caselibrary.h"
#include "util/dates.h"
#include "util/numbers.h"

#include "libraryconnection.h"
#include <array>

#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pw {

namespace {

// The designed widths of the versions table's first columns (#, Label, Saved, By, Current, Qual.).
constexpr std::array kVersionWidths{26, 100, 122, 70, 56, 42};

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

// Who wrote an audit entry: the user the library knew (on a server its own current_user, which the client
// cannot choose), and the typed author's name beside it when that says something else.
QString auditWho(const AuditEntry &e) {
    if (e.databaseUser.isEmpty()) return e.author;
    if (e.author.isEmpty() || e.author == e.databaseUser || e.author == u"unknown") return e.databaseUser;
    return QCoreApplication::translate("pw::CaseHistoryPanel", "%1 (author: %2)")
        .arg(e.databaseUser, e.author);
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
    m_title = new ElidingLabel(this); // a long name is cut to the room, never widens the window
    m_title->setObjectName(QStringLiteral("caseHistoryTitle"));
    layout->addWidget(m_title);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs);

    // Versions
    auto *versionsPage = new QWidget(m_tabs);
    auto *vl = new QVBoxLayout(versionsPage);
    m_versions = makeTable(
        QStringLiteral("versionsTable"),
        {tr("#"), tr("Label"), tr("Saved"), tr("By"), tr("Current"), tr("Qual."), tr("Top package")},
        versionsPage);
    m_versions->setSelectionMode(QAbstractItemView::ExtendedSelection);
    for (int c = 0; c < 6; ++c)
        m_versions->setColumnWidth(c, kVersionWidths[size_t(c)]);
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
    m_notes = makeTable(QStringLiteral("notesTable"),
                        {tr("When"), tr("Author"), tr("Signed in as"), tr("On"), tr("Note")}, notesPage);
    for (int c = 0; c < 4; ++c)
        m_notes->setColumnWidth(c, std::array{130, 90, 90, 150}[size_t(c)]);
    m_notes->horizontalHeaderItem(2)->setToolTip(
        tr("The user the library server knows: the Author is typed, this is who was signed in"));
    nl->addWidget(m_notes, 1);
    auto *form = new QFormLayout;
    m_author = new QLineEdit(notesPage);
    m_author->setObjectName(QStringLiteral("noteAuthor"));
    m_author->setText(libraryAuthor(QSettings(), signedInUser()));
    m_author->setToolTip(tr("Written on every note and audit entry (the user signed in to the library unless "
                            "you change it); the library also records who was signed in"));
    connect(m_author, &QLineEdit::editingFinished, this, [this] {
        // Only a name that differs from the signed-in user is kept: the default follows the sign-in.
        const QString typed = m_author->text().trimmed();
        QSettings settings;
        if (typed.isEmpty() || typed == signedInUser())
            settings.remove(QStringLiteral("library/author"));
        else
            settings.setValue(QStringLiteral("library/author"), typed);
    });
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
    return a.isEmpty() ? signedInUser() : a;
}

QString CaseHistoryPanel::signedInUser() const {
    return m_library ? m_library->userName() : systemUserName();
}

void CaseHistoryPanel::setLibrary(CaseLibrary *library) {
    m_library = library;
    m_author->setText(libraryAuthor(QSettings(), signedInUser()));
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

struct CaseHistoryPanel::History {
    std::optional<LibraryCase> libraryCase;
    std::vector<LibraryVersion> versions;
    std::vector<std::pair<QString, QString>> offerings; // id, "Offering id (provider)"
    std::vector<LibraryNote> notes;
    std::vector<AuditEntry> trail;
    QString error;
};

template <class R>
void CaseHistoryPanel::onWorker(std::function<R(CaseLibrary &)> work, std::function<void(R)> done,
                                bool latestOnly) {
    const quint64 generation = latestOnly ? ++m_generation : 0;
    ++m_pending;
    QPointer<CaseHistoryPanel> self(this);
    (void)QtConcurrent::run(libraryThreadPool(),
                            [connect = m_library->connector(), work, done, self, generation, latestOnly] {
                                const std::unique_ptr<CaseLibrary> lib = connect();
                                R result = work(*lib);
                                QMetaObject::invokeMethod(
                                    qApp,
                                    [self, done, generation, latestOnly, result = std::move(result)] {
                                        if (!self) return;
                                        --self->m_pending;
                                        if (!latestOnly || generation == self->m_generation) done(result);
                                    },
                                    Qt::QueuedConnection);
                            });
}

bool CaseHistoryPanel::waitForIdle(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (m_pending > 0 && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return m_pending == 0;
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
        ++m_generation; // a read still on its way is of another case
        m_title->setFullText(tr("Select a case to see its versions, notes and audit trail."));
        return;
    }
    m_title->setFullText(tr("Reading…"));
    const qint64 caseId = m_caseId;
    onWorker<History>(
        [caseId](CaseLibrary &lib) {
            History h;
            if (!lib.isOpen()) {
                h.error = lib.lastError();
                return h;
            }
            h.libraryCase = lib.caseById(caseId);
            h.versions = lib.versions(caseId);
            if (h.libraryCase)
                if (const auto v = lib.version(h.libraryCase->versionId))
                    if (const auto root = parseJson(v->body))
                        for (const JsonValue &o : (*root)[u"offerings"].arrayItems()) {
                            const QString id = o[u"id"].toString();
                            if (!id.isEmpty())
                                h.offerings.emplace_back(
                                    id,
                                    QObject::tr("Offering %1 (%2)").arg(id, o[u"provider_name"].toString()));
                        }
            h.notes = lib.notes(caseId);
            h.trail = lib.auditTrail(caseId);
            h.error = lib.lastError();
            return h;
        },
        [this](const History &h) { showHistory(h); }, true);
}

void CaseHistoryPanel::showHistory(const History &h) {
    const auto &c = h.libraryCase;
    m_title->setFullText(
        c ? tr("%1 — %2 %3")
                .arg(c->facts.insuredName.isEmpty() ? tr("(no name)") : singleLine(c->facts.insuredName),
                     singleLine(c->facts.state), singleLine(c->facts.zip))
          : QString());
    const auto &versions = h.versions;
    m_versions->setRowCount(int(versions.size()));
    for (int i = 0; i < int(versions.size()); ++i) {
        const LibraryVersion &v = versions[size_t(i)];
        setRow(m_versions, i,
               {QString::number(v.number), v.label, when(v.modifiedAt, false), v.modifiedBy,
                c && c->versionId == v.versionId ? tr("current") : QString(),
                v.ranking.hasRun ? formatCount(v.ranking.qualifiedCount) : QStringLiteral("—"),
                v.ranking.hasRun ? v.ranking.topText() : tr("not ranked")});
        m_versions->item(i, 0)->setData(Qt::UserRole, v.versionId);
        m_versions->item(i, 1)->setToolTip(
            tr("Created %1").arg(when(v.createdAt)) +
            (v.parentVersionId ? tr(", copied from an earlier version") : QString()));
    }
    // The version number and the qualified count are never cut: "616,…" would read as 616.
    fitWholeValues(m_versions, {{0, kVersionWidths[0]}, {5, kVersionWidths[5]}});
    m_noteOffering->clear();
    m_noteOffering->addItem(tr("The whole case"), QString());
    for (const auto &[id, words] : h.offerings)
        m_noteOffering->addItem(singleLine(words), id);
    const auto &notes = h.notes;
    m_notes->setRowCount(int(notes.size()));
    for (int i = 0; i < int(notes.size()); ++i) {
        const LibraryNote &n = notes[size_t(i)];
        setRow(m_notes, i,
               {when(n.createdAt), n.author, n.databaseUser.isEmpty() ? n.author : n.databaseUser,
                n.offeringId.isEmpty() ? tr("case") : n.offeringId, n.text});
    }
    const auto &trail = h.trail;
    m_audit->setRowCount(int(trail.size()));
    for (int i = 0; i < int(trail.size()); ++i) {
        const AuditEntry &e = trail[size_t(i)];
        QString details = e.detail;
        if (e.kind == u"ranking")
            details = tr("top %1; engine %2, profile %3, input %4, clock %5; %6")
                          .arg(e.topResult.isEmpty() ? tr("none") : e.topResult, e.engineVersion,
                               e.profileHash, e.inputHash, formatTimestamp(e.clock), e.detail);
        setRow(m_audit, i, {when(e.at), auditWho(e), e.kind, e.path, e.oldValue, e.newValue, details});
    }
    m_audit->scrollToBottom();
    if (!h.error.isEmpty()) emit message(h.error);
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
    using Pair = std::pair<std::optional<LibraryVersion>, std::optional<LibraryVersion>>;
    using Compared = std::pair<Pair, QString>;
    m_diff->setPlainText(tr("Comparing…"));
    onWorker<Compared>(
        [a, b](CaseLibrary &lib) {
            Compared r{{lib.version(a), lib.version(b)}, QString()};
            r.second = lib.lastError();
            return r;
        },
        [this](const Compared &r) {
            const auto &[va, vb] = r.first;
            const auto ra = va ? parseJson(va->body) : std::nullopt;
            const auto rb = vb ? parseJson(vb->body) : std::nullopt;
            if (!ra || !rb) {
                m_diff->setPlainText(tr("Cannot compare: %1").arg(r.second));
                return;
            }
            m_diff->setPlainText(tr("Version %1 (%2) → version %3 (%4)\n\n")
                                     .arg(va->number)
                                     .arg(va->label)
                                     .arg(vb->number)
                                     .arg(vb->label) +
                                 renderCaseDiff(diffJson(*ra, *rb), diffRankings(va->ranking, vb->ranking)));
        },
        false);
}

void CaseHistoryPanel::addNote() {
    const QString text = m_noteText->toPlainText().trimmed();
    if (m_caseId == 0 || text.isEmpty()) return;
    LibraryNote n;
    n.caseId = m_caseId;
    n.offeringId = m_noteOffering->currentData().toString();
    n.author = author();
    n.createdAt = QDateTime::currentDateTimeUtc();
    n.text = text;
    m_addNote->setEnabled(false); // one note at a time
    onWorker<QString>(
        [n](CaseLibrary &lib) mutable {
            if (!lib.isOpen()) return lib.lastError();
            const auto c = lib.caseById(n.caseId);
            n.versionId = c ? c->versionId : 0;
            return lib.addNote(n) ? QString() : lib.lastError();
        },
        [this, caseId = n.caseId](const QString &error) {
            m_addNote->setEnabled(m_caseId != 0);
            if (!error.isEmpty()) {
                emit message(tr("The note was not saved: %1").arg(error)); // the text stays to try again
                return;
            }
            if (m_caseId != caseId) return;
            m_noteText->clear();
            reload();
            m_tabs->setCurrentIndex(1);
        },
        false);
}

} // namespace pw
