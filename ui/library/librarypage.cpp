// SPDX-License-Identifier: MIT
#include "librarypage.h"

#include "casehistorypanel.h"
#include "columnfit.h"
#include "elidinglabel.h"
#include "fieldformat.h"
#include "libraryconnection.h"
#include "librarymodel.h"
#include "plaintext.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace pw {

LibraryPage::LibraryPage(CaseLibrary *library, QWidget *parent)
    : QWidget(parent)
    , m_library(library) {
    setObjectName(QStringLiteral("libraryPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 4);

    auto *bar = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Case library</b>"), this);
    bar->addWidget(title);
    m_source = new ElidingLabel(this); // which library the list is: the server or this computer's
    m_source->setObjectName(QStringLiteral("librarySource"));
    m_source->setMaximumWidth(260);
    bar->addWidget(m_source);
    showSource();
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("librarySearch"));
    m_search->setPlaceholderText(tr("Search name, ZIP, carrier, policy number…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(300);
    bar->addWidget(m_search, 1);
    bar->addWidget(new QLabel(tr("State:"), this));
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("libraryStateFilter"));
    m_state->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_state);
    bar->addWidget(new QLabel(tr("Line:"), this));
    m_line = new QComboBox(this);
    m_line->setObjectName(QStringLiteral("libraryLineFilter"));
    m_line->addItem(tr("any"), QString());
    for (const char *l : {"home", "auto", "umbrella"})
        m_line->addItem(lineTitle(QString::fromLatin1(l)), QString::fromLatin1(l));
    bar->addWidget(m_line);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("libraryCount"));
    m_count->setMinimumWidth(110);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    bar->addWidget(m_count);
    auto *open = new QPushButton(tr("Open"), this);
    open->setObjectName(QStringLiteral("libraryOpen"));
    open->setToolTip(tr("Open the selected case (Enter)"));
    bar->addWidget(open);
    auto *import = m_import = new QPushButton(tr("Import folder…"), this);
    import->setObjectName(QStringLiteral("libraryImport"));
    import->setToolTip(tr("Add every case file (*.json) of a folder to the library"));
    bar->addWidget(import);
    m_back = new QPushButton(tr("Back to case"), this);
    m_back->setObjectName(QStringLiteral("libraryBack"));
    m_back->setToolTip(tr("Return to the open case (Esc)"));
    bar->addWidget(m_back);
    layout->addLayout(bar);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("librarySplitter"));
    m_model = new LibraryModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(LibraryModel::SortRole);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("libraryTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LibraryModel::Modified, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const int widths[] = {150, 30, 50, 124, 156, 110, 42, 122, 34, 38, 200, 120};
    for (int c = 0; c < LibraryModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, widths[c]);
    // The columns of numbers grow with their widest value when rows arrive: never "616,…".
    for (int c : {int(LibraryModel::Cost), int(LibraryModel::Qualified), int(LibraryModel::Versions),
                  int(LibraryModel::Runs)})
        m_numberWidths.insert(c, widths[c]);
    m_history = new CaseHistoryPanel(library, split);
    split->addWidget(m_table);
    split->addWidget(m_history);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({900, 450});
    layout->addWidget(split, 1);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(120);
    connect(m_debounce, &QTimer::timeout, this, &LibraryPage::startQuery);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &LibraryPage::openCurrent);
    connect(m_state, &QComboBox::activated, this, &LibraryPage::startQuery);
    connect(m_line, &QComboBox::activated, this, &LibraryPage::startQuery);
    connect(m_table, &QAbstractItemView::activated, this, &LibraryPage::openCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LibraryPage::currentChanged);
    connect(open, &QPushButton::clicked, this, &LibraryPage::openCurrent);
    connect(import, &QPushButton::clicked, this, &LibraryPage::importRequested);
    connect(m_back, &QPushButton::clicked, this, &LibraryPage::backRequested);
    connect(m_history, &CaseHistoryPanel::openVersionRequested, this, &LibraryPage::openRequested);
    connect(m_history, &CaseHistoryPanel::message, this, &LibraryPage::message);
    // Down from the search box goes to the list, so type-then-arrows-then-Enter works without the mouse.
    m_search->installEventFilter(this);
    reloadStates();
}

LibraryPage::~LibraryPage() {
    ++m_generation; // queries in flight deliver to nobody
}

void LibraryPage::reloadStates() {
    // Read on a worker like the rows (the library may be a server); the filter keeps its choice.
    ++m_pending;
    QPointer<LibraryPage> self(this);
    (void)QtConcurrent::run(libraryThreadPool(), [connect = m_library->connector(), self] {
        const std::unique_ptr<CaseLibrary> lib = connect();
        const QStringList states = lib->isOpen() ? lib->states() : QStringList();
        QMetaObject::invokeMethod(
            qApp,
            [self, states] {
                if (!self) return;
                --self->m_pending;
                const QString current = self->m_state->currentData().toString();
                self->m_state->clear();
                self->m_state->addItem(tr("any"), QString());
                for (const QString &s : states)
                    self->m_state->addItem(singleLine(s), s);
                self->m_state->setCurrentIndex(std::max(0, self->m_state->findData(current)));
            },
            Qt::QueuedConnection);
    });
}

void LibraryPage::showSource() {
    const LibraryLocation where = m_library ? m_library->location() : LibraryLocation();
    m_source->setFullText(where.isServer() ? tr("on the server %1").arg(where.displayName())
                                           : tr("on this computer"));
}

void LibraryPage::setLibrary(CaseLibrary *library) {
    // Not waited for: a query still running on the old library (perhaps a server that stopped answering)
    // delivers to nobody (the generation moves on below).
    m_library = library;
    showSource();
    m_history->setLibrary(library);
    ++m_generation; // anything still on its way is dropped
}

void LibraryPage::refresh() {
    reloadStates();
    startQuery();
}

void LibraryPage::setImportEnabled(bool enabled) {
    m_import->setEnabled(enabled);
}

void LibraryPage::setBackEnabled(bool enabled) {
    m_back->setEnabled(enabled);
}

void LibraryPage::focusSearch() {
    m_search->setFocus();
    m_search->selectAll();
}

void LibraryPage::selectCase(qint64 caseId) {
    const int row = m_model->rowOf(caseId);
    if (row < 0) {
        m_selectAfterLoad = caseId;
        return;
    }
    const QModelIndex i = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->setCurrentIndex(i);
    m_table->scrollTo(i);
}

void LibraryPage::startQuery() {
    m_debounce->stop();
    LibraryQuery query;
    query.text = m_search->text();
    query.state = m_state->currentData().toString();
    query.line = m_line->currentData().toString();
    const quint64 generation = ++m_generation;
    ++m_pending;
    QPointer<LibraryPage> self(this);
    auto deliverLater = [self, generation](std::vector<LibraryCase> cases, bool complete,
                                           const QString &error, int total,
                                           LibraryFailure failure = LibraryFailure::None) {
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, cases = std::move(cases), complete, error, total, failure]() mutable {
                if (self) self->deliver(generation, std::move(cases), complete, error, total, failure);
            },
            Qt::QueuedConnection);
    };
    // The worker opens its own connection (a connection belongs to its thread) and delivers twice: the
    // first page at once, then everything.
    (void)QtConcurrent::run(libraryThreadPool(), [connect = m_library->connector(), query, deliverLater] {
        const std::unique_ptr<CaseLibrary> lib = connect();
        if (!lib->isOpen()) return deliverLater({}, true, lib->lastError(), 0, lib->lastFailure());
        const int total = lib->caseCount();
        LibraryQuery first = query;
        first.limit = kFirstPage;
        std::vector<LibraryCase> page = lib->cases(first);
        if (!lib->lastError().isEmpty())
            return deliverLater({}, true, lib->lastError(), 0, lib->lastFailure());
        if (int(page.size()) < kFirstPage)
            return deliverLater(std::move(page), true, QString(), int(page.size()));
        deliverLater(std::move(page), false, QString(), total);
        std::vector<LibraryCase> all = lib->cases(query);
        const QString error = lib->lastError();
        const int n = int(all.size());
        deliverLater(std::move(all), true, error, n, lib->lastFailure());
    });
}

bool LibraryPage::waitForIdle(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while ((m_pending > 0 || m_debounce->isActive()) && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return m_history->waitForIdle(int(std::max<qint64>(0, timeoutMs - t.elapsed()))) && m_pending == 0;
}

void LibraryPage::deliver(quint64 generation, std::vector<LibraryCase> cases, bool complete,
                          const QString &error, int total, LibraryFailure failure) {
    if (complete) --m_pending;
    if (generation != m_generation) return; // a newer query is on its way
    if (!error.isEmpty()) {
        // Plain words in the status bar; the driver's own text only in the tooltip. The rows of an
        // earlier read are not shown as if they were current.
        // The list reads the active library: a server here is one the window was connected to.
        const LibraryLocation where = m_library ? m_library->location() : LibraryLocation();
        const QString words = describeLibraryFailure(failure, error, where, where.isServer());
        emit message(tr("The library could not be read: %1").arg(words));
        m_count->setText(tr("unreadable"));
        m_count->setToolTip(plainToolTip(error));
        m_model->replaceCases({});
        m_history->setCase(0);
        if (failure == LibraryFailure::Unreachable) emit unreachable(words, error);
        return;
    }
    m_count->setToolTip(QString());
    const qint64 current = m_history->caseId();
    // The old rows are freed on a worker: ten thousand of them take tens of milliseconds to free.
    std::vector<LibraryCase> old = m_model->replaceCases(std::move(cases));
    if (old.size() > 1000)
        (void)QtConcurrent::run(libraryThreadPool(), [old = std::move(old)]() mutable { old.clear(); });
    fitWholeValues(m_table, m_numberWidths);
    const int shown = m_model->rowCount();
    // total: every case in the library on the first page, the matches when complete.
    m_count->setText(complete ? (shown == 1 ? tr("1 case") : tr("%L1 cases").arg(shown))
                              : tr("%L1 shown, loading…").arg(shown));
    Q_UNUSED(total);
    const qint64 wanted = m_selectAfterLoad ? m_selectAfterLoad : current;
    if (wanted && m_model->rowOf(wanted) >= 0) {
        m_selectAfterLoad = 0;
        selectCase(wanted);
    } else if (m_model->rowCount() > 0 && !m_table->currentIndex().isValid()) {
        m_table->setCurrentIndex(m_proxy->index(0, 0));
    } else if (m_model->rowCount() == 0) {
        m_history->setCase(0);
    }
}

bool LibraryPage::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_PageDown) {
            m_table->setFocus();
            if (!m_table->currentIndex().isValid() && m_proxy->rowCount() > 0)
                m_table->setCurrentIndex(m_proxy->index(0, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LibraryPage::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Escape && m_back->isEnabled()) {
        emit backRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

void LibraryPage::openCurrent() {
    QModelIndex i = m_table->currentIndex();
    if (!i.isValid() && m_proxy->rowCount() > 0) i = m_proxy->index(0, 0);
    if (!i.isValid()) return;
    emit openRequested(i.data(LibraryModel::VersionIdRole).toLongLong());
}

void LibraryPage::currentChanged() {
    const QModelIndex i = m_table->currentIndex();
    const qint64 caseId = i.isValid() ? i.data(LibraryModel::CaseIdRole).toLongLong() : 0;
    if (caseId != m_history->caseId()) m_history->setCase(caseId);
}

} // namespace pw
