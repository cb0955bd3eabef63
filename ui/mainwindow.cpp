// SPDX-License-Identifier: MIT
#include "mainwindow.h"
#include "backgroundwork.h"
#include "plaintext.h"
#include "report/reportactions.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "elidinglabel.h"
#include "engine/plainwords.h"
#include "engine/profile.h"
#include "fieldformat.h"
#include "helpcontent.h"
#include "io/casefile.h"
#include "io/caseopening.h"
#include "library/libraryconnection.h"
#include "library/librarycontroller.h"
#include "library/librarypage.h"
#include "offeringspage.h"
#include "problemsmodel.h"
#include "progressstrip.h"
#include "rankingcontroller.h"
#include "remote/keychainsecretstore.h"
#include "remote/remotetab.h"
#include "resultspanel.h"
#include "solutionutil.h"
#include "util/displaytext.h"
#include "util/numbers.h"
#include "windowfit.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace pw {

namespace {
const char *kLines[] = {"home", "auto", "umbrella"};
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent) {
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    m_doc = new CaseDocument(this);
    m_ranking = new RankingController(m_doc, this);

    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(QStringLiteral("mainSplitter"));
    m_editor = new CaseEditor(m_doc, m_split);
    m_results = new ResultsPanel(m_doc, m_ranking, m_split);
    m_results->tabs()->addTab(
        new RemoteTab(m_doc, m_ranking, std::make_unique<KeychainSecretStore>(), m_results->tabs()),
        tr("Remote"));
    m_split->addWidget(m_editor);
    m_split->addWidget(m_results);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 1);
    // The case side may narrow to 470 px so the ranking's dimension chips fit at 1366 px.
    m_editor->setMinimumWidth(470);
    m_split->setSizes({470, 896});
    buildLibrary(); // the central widget: the case, or the library start page
    // Opening a case says how far it is, and why it failed, in a strip above the case it will replace.
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_openStrip = new ProgressStrip(QStringLiteral("openProgress"), central);
    centralLayout->addWidget(m_openStrip);
    centralLayout->addWidget(takeCentralWidget(), 1);
    setCentralWidget(central);
    connect(m_openStrip, &ProgressStrip::cancelRequested, this, &MainWindow::cancelOpen);

    buildDock();
    buildActions();
    buildToolbar();

    m_summary = new ElidingLabel(this); // plain text: the insured's name is case text
    m_summary->setObjectName(QStringLiteral("statusSummary"));
    m_saved = new QLabel(this);
    m_saved->setObjectName(QStringLiteral("savedState"));
    // Temporary messages have a place of their own beside the summary: QStatusBar::showMessage would draw
    // them over it. Messages shown through the status bar directly are moved there too.
    m_message = new ElidingLabel(this);
    m_message->setObjectName(QStringLiteral("statusMessage"));
    m_message->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    connect(m_messageTimer, &QTimer::timeout, m_message, [this] { m_message->setFullText(QString()); });
    statusBar()->addPermanentWidget(m_summary, 3);
    statusBar()->addPermanentWidget(m_message, 2);
    statusBar()->addPermanentWidget(m_libraryBusyText);
    statusBar()->addPermanentWidget(m_libraryBusy);
    statusBar()->addPermanentWidget(m_saved);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString &message) {
        if (message.isEmpty()) return;
        const QString text = message; // `message` refers to the status bar's own, cleared next
        statusBar()->clearMessage();
        showMessage(text);
    });

    // Ctrl+Z in a field with nothing of its own to undo undoes the document's last edit (eventFilter).
    qApp->installEventFilter(this);
    connect(m_doc, &CaseDocument::edited, this, &MainWindow::documentEdited);
    connect(m_doc, &CaseDocument::validated, this, &MainWindow::documentEdited);
    connect(m_doc, &CaseDocument::refusedInputChanged, this, &MainWindow::documentEdited);
    connect(m_doc, &CaseDocument::edited, this, [this] { ++m_caseChanges; });
    connect(m_doc, &CaseDocument::refusedInputChanged, this, [this] { ++m_caseChanges; });
    connect(m_doc, &CaseDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &CaseDocument::fileNameChanged, this, &MainWindow::updateTitle);
    connect(m_ranking, &RankingController::runChanged, this, &MainWindow::runChanged);
    connect(m_ranking, &RankingController::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_ranking, &RankingController::busyChanged, m_editor->offeringsPage(),
            &OfferingsPage::setRankingBusy);
    connect(m_editor, &CaseEditor::message, this, &MainWindow::showMessage);
    // The status bar's note that a text was refused goes when that text does.
    connect(m_doc, &CaseDocument::refusedInputCleared, this, [this](const QString &, const QString &text) {
        if (m_message->fullText().contains(u'"' + escapeControls(text) + u'"'))
            m_message->setFullText(QString());
    });
    connect(m_results, &ResultsPanel::addOfferingRequested, this, [this](const QString &line) {
        m_editor->showSection(CaseEditor::Offerings);
        m_editor->offeringsPage()->addOffering(line);
    });

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First launch: nine tenths of a large screen, at least 1366×768, and never more than fits the
        // screen's available area with the frame (panels excluded, title bar and status bar on screen).
        // The title bar is not known before the window is shown; 32 px at the top and 4 px elsewhere is a
        // common decoration.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1366, 768);
        const QSize preferred(std::max(1366, available.width() * 9 / 10),
                              std::max(768, available.height() * 9 / 10));
        setGeometry(fitWindowGeometry(available, preferred, QMargins(4, 32, 4, 4)));
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_split->restoreState(settings.value(QStringLiteral("window/split")).toByteArray());
    // Table sections (drivers, vehicles, offerings) get a wide case side, forms a narrow one so the
    // ranking's chips fit; each layout remembers where the user last dragged the splitter.
    m_narrowSizes = m_split->sizes();
    const QList<int> wide = settings.value(QStringLiteral("window/splitWide")).value<QList<int>>();
    m_wideSizes = wide.size() == 2 ? wide : QList<int>{820, 546};
    connect(m_editor->sectionList(), &QListWidget::currentRowChanged, this, &MainWindow::sectionChanged);
    documentEdited();
    updateTitle();
    updateLibraryState();
}

MainWindow::~MainWindow() {
    if (m_openCancel) m_openCancel->store(true); // an open in flight stops at its next step
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event) {
    if (event->type() != QEvent::ShortcutOverride) return QMainWindow::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const bool undo = key->matches(QKeySequence::Undo);
    const bool redo = !undo && (key->matches(QKeySequence::Redo) ||
                                m_redo->shortcuts().contains(QKeySequence(key->keyCombination())));
    auto *w = qobject_cast<QWidget *>(watched);
    if ((!undo && !redo) || !w || !isAncestorOf(w)) return QMainWindow::eventFilter(watched, event);
    // A text field (alone, or inside a spin box or an editable combo) claims Ctrl+Z for its own undo
    // history; when that history is empty, leave the key to the window's Undo.
    auto *edit = qobject_cast<QLineEdit *>(w);
    if (!edit) edit = w->findChild<QLineEdit *>(QString(), Qt::FindDirectChildrenOnly);
    if (!edit) return QMainWindow::eventFilter(watched, event);
    if (undo ? edit->isUndoAvailable() : edit->isRedoAvailable())
        return QMainWindow::eventFilter(watched, event);
    event->ignore();
    return true;
}

void MainWindow::buildDock() {
    m_problems = new ProblemsModel(this);
    m_dock = new QDockWidget(tr("Problems"), this);
    m_dock->setObjectName(QStringLiteral("problemsDock"));
    m_problemsView = new QTableView(m_dock);
    m_problemsView->setObjectName(QStringLiteral("problemsView"));
    m_problemsView->setModel(m_problems);
    m_problemsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problemsView->verticalHeader()->hide();
    m_problemsView->verticalHeader()->setDefaultSectionSize(22);
    // The words first, the sentence taking the room; the raw path last, for underwriters.
    m_problemsView->horizontalHeader()->setSectionResizeMode(ProblemsModel::Message, QHeaderView::Stretch);
    m_problemsView->setColumnWidth(ProblemsModel::Severity, 90);
    m_problemsView->setColumnWidth(ProblemsModel::Place, 300);
    m_problemsView->setColumnWidth(ProblemsModel::Path, 260);
    m_problemsView->setWordWrap(false);
    m_problemsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_dock->setWidget(m_problemsView);
    m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                        QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    resizeDocks({m_dock}, {110}, Qt::Vertical);
    // A click does not take focus from the field being edited (so pressing here commits nothing and the
    // list cannot change under the pointer); the problem opened is the one that was under the pointer
    // when the button went down. Keyboard users reach the list with Tab and open a problem with Enter.
    m_problemsView->setFocusPolicy(Qt::TabFocus);
    connect(m_problemsView, &QAbstractItemView::pressed, this, [this](const QModelIndex &index) {
        m_pressedProblem = index.isValid() ? m_problems->problem(index.row()).path : QString();
    });
    connect(m_problemsView, &QAbstractItemView::clicked, this, [this] {
        const QString path = std::exchange(m_pressedProblem, QString());
        if (!path.isNull() && !m_editor->focusPath(path)) showMessage(tr("No editor shows %1").arg(path));
    });
    connect(m_problemsView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        // Enter on the focused list; a click never focuses it and opens through `clicked` above.
        if (m_problemsView->hasFocus()) problemActivated(index);
    });
}

void MainWindow::buildActions() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    auto add = [this](QMenu *menu, const QString &text, const QString &name, QKeySequence key, auto slot) {
        auto *a = menu->addAction(text);
        a->setObjectName(name);
        if (!key.isEmpty()) a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    add(file, tr("&New"), QStringLiteral("actionNew"), QKeySequence::New, [this] {
        if (maybeSave()) newCase();
    });
    add(file, tr("&Open…"), QStringLiteral("actionOpen"), QKeySequence::Open, [this] { openDialog(); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();
    addLibraryActions(file);
    add(file, tr("&Save"), QStringLiteral("actionSave"), QKeySequence::Save, [this] { save(); });
    add(file, tr("Save &As…"), QStringLiteral("actionSaveAs"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
        [this] { saveAs(); });
    file->addSeparator();
    add(file, tr("&Import offerings…"), QStringLiteral("actionImport"), QKeySequence(Qt::CTRL | Qt::Key_I),
        [this] {
            m_editor->showSection(CaseEditor::Offerings);
            const QString f =
                QFileDialog::getOpenFileName(this, tr("Import offerings"), QString(),
                                             tr("Quote tables (*.csv *.tsv *.txt *.json);;All files (*)"));
            if (!f.isEmpty()) m_editor->offeringsPage()->importFile(f);
        });
    file->addSeparator();
    auto *reports = new ReportActions(m_doc, m_ranking, this);
    file->addAction(reports->exportAction());
    file->addAction(reports->printPreviewAction());
    file->addAction(reports->printAction());
    file->addSeparator();
    add(file, tr("&Quit"), QStringLiteral("actionQuit"), QKeySequence::Quit, [this] { close(); });

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Undo and Redo keep their words ("Undo", "Redo") so the toolbar never moves; what they would undo
    // is in the tooltip and the status tip ("Undo Change appetite to simplicity").
    QUndoStack *stack = m_doc->undoStack();
    m_undo = new QAction(tr("&Undo"), this);
    m_undo->setObjectName(QStringLiteral("actionUndo"));
    m_undo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Z)});
    m_redo = new QAction(tr("&Redo"), this);
    m_redo->setObjectName(QStringLiteral("actionRedo"));
    connect(m_undo, &QAction::triggered, stack, &QUndoStack::undo);
    connect(m_redo, &QAction::triggered, stack, &QUndoStack::redo);
    auto describe = [this, stack] {
        const QString u = stack->undoText(), r = stack->redoText();
        m_undo->setEnabled(stack->canUndo());
        m_redo->setEnabled(stack->canRedo());
        m_undo->setToolTip(u.isEmpty() ? tr("Nothing to undo") : tr("Undo %1").arg(u));
        m_redo->setToolTip(r.isEmpty() ? tr("Nothing to redo") : tr("Redo %1").arg(r));
        m_undo->setStatusTip(m_undo->toolTip());
        m_redo->setStatusTip(m_redo->toolTip());
    };
    connect(stack, &QUndoStack::indexChanged, this, describe);
    connect(stack, &QUndoStack::cleanChanged, this, describe);
    connect(stack, &QUndoStack::canUndoChanged, this, describe);
    connect(stack, &QUndoStack::canRedoChanged, this, describe);
    describe();
    m_redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(m_undo);
    edit->addAction(m_redo);
    edit->addSeparator();
    // Settings → Library: the window has no Settings menu, so the library's settings sit in Edit (where
    // desktop applications keep preferences on Linux).
    add(edit, tr("&Library settings…"), QStringLiteral("actionLibrarySettings"), QKeySequence(),
        [this] { showLibrarySettings(); });

    QMenu *caseMenu = menuBar()->addMenu(tr("&Case"));
    for (int i = 0; i < CaseEditor::SectionCount; ++i) {
        static const char *names[] = {QT_TR_NOOP("Insured"),          QT_TR_NOOP("Residence"),
                                      QT_TR_NOOP("Drivers"),          QT_TR_NOOP("Vehicles"),
                                      QT_TR_NOOP("Current coverage"), QT_TR_NOOP("History"),
                                      QT_TR_NOOP("Offerings")};
        add(caseMenu, tr(names[i]), QStringLiteral("actionSection%1").arg(i + 1),
            QKeySequence(Qt::CTRL | (Qt::Key_1 + i)), [this, i] {
                m_editor->showSection(i);
                m_editor->page(i)->setFocus();
            });
    }
    addCaseLibraryActions(caseMenu);
    QMenu *results = menuBar()->addMenu(tr("&Results"));
    // One entry per result tab, named as the tab is (Ranking, Compare, Gaps, Remote).
    for (int i = 0; i < std::min(4, m_results->tabs()->count()); ++i)
        add(results, m_results->tabs()->tabText(i), QStringLiteral("actionResultTab%1").arg(i + 1),
            QKeySequence(Qt::CTRL | Qt::ALT | (Qt::Key_1 + i)),
            [this, i] { showResultTab(m_results->tabs()->tabText(i)); });
    m_focusResults = add(results, tr("&Focus results"), QStringLiteral("actionFocusResults"),
                         QKeySequence(Qt::Key_F11), [this](bool on) { toggleFocusResults(on); });
    m_focusResults->setCheckable(true);
    results->addAction(m_dock->toggleViewAction());
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    add(help, tr("&Reading the results"), QStringLiteral("actionReadingResults"), QKeySequence(Qt::Key_F1),
        [this] {
            showHelpPage(this, QStringLiteral("readingResultsDialog"), tr("Reading the results"),
                         readingResultsHtml(m_ranking->profile()));
        });
    add(help, tr("&Keyboard shortcuts"), QStringLiteral("actionShortcuts"), QKeySequence(), [this] {
        showHelpPage(this, QStringLiteral("shortcutsDialog"), tr("Keyboard shortcuts"),
                     shortcutSheetHtml(this));
    });
    help->addSeparator();
    add(help, tr("&About"), QStringLiteral("actionAbout"), QKeySequence(), [this] {
        QMessageBox::about(
            this, tr("About Placement Workbench"),
            tr("Placement Workbench %1\nRanks personal-lines placement packages with explainable "
               "scorecards.")
                .arg(QStringLiteral(PW_VERSION)));
    });
}

void MainWindow::buildToolbar() {
    QToolBar *tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolbar"));
    tb->setMovable(false);
    for (const char *name : {"actionOpen", "actionSave"})
        tb->addAction(findChild<QAction *>(QString::fromLatin1(name)));
    tb->addAction(m_undo);
    tb->addAction(m_redo);
    tb->addSeparator();
    auto *appLabel = new QLabel(tr(" Appetite: "), tb);
    appLabel->setToolTip(tr("The client's appetite bucket sets the weights of the six dimensions"));
    tb->addWidget(appLabel);
    m_appetite = new QComboBox(tb);
    m_appetite->setObjectName(QStringLiteral("appetiteCombo"));
    for (const QString &b : defaultProfile().bucketOrder)
        m_appetite->addItem(labelText(b), b);
    m_appetite->setToolTip(
        tr("balanced · coverage first · cost sensitive · simplicity (changes the ranking at once)"));
    connect(m_appetite, &QComboBox::activated, this,
            [this] { setAppetite(m_appetite->currentData().toString()); });
    tb->addWidget(m_appetite);
    tb->addSeparator();
    auto *linesLabel = new QLabel(tr(" Lines: "), tb);
    linesLabel->setToolTip(tr("Requested coverage types (input.coverage_types)"));
    tb->addWidget(linesLabel);
    for (int i = 0; i < 3; ++i) {
        const QString line = QString::fromLatin1(kLines[i]);
        m_lineBoxes[i] = new QCheckBox(lineTitle(line), tb);
        m_lineBoxes[i]->setObjectName(QStringLiteral("line_") + line);
        m_lineBoxes[i]->setToolTip(
            tr("Request the %1 line; every package takes one offering per requested line").arg(line));
        connect(m_lineBoxes[i], &QCheckBox::clicked, this, [this] {
            JsonValue arr = JsonValue::array();
            for (int j = 0; j < 3; ++j)
                if (m_lineBoxes[j]->isChecked()) arr.append(JsonValue(QString::fromLatin1(kLines[j])));
            m_doc->setValue(QStringLiteral("input.coverage_types"), arr, tr("Change requested lines"));
        });
        tb->addWidget(m_lineBoxes[i]);
    }
    tb->addSeparator();
    m_busy = new QProgressBar(tb);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(60);
    m_busy->setMaximumHeight(14);
    m_busy->setToolTip(tr("Ranking…"));
    m_busy->setVisible(false);
    tb->addWidget(m_busy);
    m_packages = new QLabel(tb);
    m_packages->setObjectName(QStringLiteral("packageCount"));
    m_packages->setToolTip(tr("Packages ranked by the local engine (qualified: no ⛔ reason)"));
    tb->addWidget(m_packages);
}

bool MainWindow::openCase(const QString &fileName) {
    cancelOpen();
    return finishOpen(fileName, openCaseFile(fileName, m_doc->now(), defaultProfile()));
}

namespace {

QString openStageText(OpenStage stage, const QString &file) {
    switch (stage) {
    case OpenStage::Reading:
        return MainWindow::tr("Opening %1: reading…").arg(file);
    case OpenStage::Parsing:
        return MainWindow::tr("Opening %1: reading the case…").arg(file);
    case OpenStage::Validating:
        return MainWindow::tr("Opening %1: checking the case…").arg(file);
    }
    return file;
}

} // namespace

void MainWindow::openCaseInBackground(const QString &fileName) {
    // Reading, parsing and validating run on a worker thread, so a large file never freezes the window;
    // the case on screen stays until the new one is ready. A newer open replaces one in flight.
    cancelOpen();
    const QString shown = escapeControls(QFileInfo(fileName).fileName());
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_openCancel = cancel;
    const quint64 generation = ++m_openGeneration;
    m_openStrip->start(openStageText(OpenStage::Reading, shown));
    auto *watcher = new QFutureWatcher<OpenedCase>(this);
    connect(watcher, &QFutureWatcher<OpenedCase>::finished, this, [this, watcher, fileName, generation] {
        OpenedCase r = watcher->future().takeResult(); // moved on, not copied (the typed case is large)
        watcher->deleteLater();
        if (generation != m_openGeneration) { // cancelled, or replaced by a newer open
            releaseInBackground(std::move(r), ReturnMemory::Yes);
            return;
        }
        m_openCancel.reset();
        finishOpen(fileName, std::move(r));
    });
    // Progress is posted to the window (dropped if it is gone); only changes of the bar are sent.
    auto report = [this, generation, shown, last = std::make_shared<int>(-1)](OpenStage stage, int percent) {
        const int key = int(stage) * 1000 + percent;
        if (key == *last) return;
        *last = key;
        QMetaObject::invokeMethod(
            this,
            [this, generation, shown, stage, percent] {
                if (generation == m_openGeneration && m_openStrip->isRunning())
                    m_openStrip->setProgress(openStageText(stage, shown), percent);
            },
            Qt::QueuedConnection);
    };
    watcher->setFuture(runInBackground([fileName, now = m_doc->now(), cancel, report] {
        OpenControl control;
        control.cancel = cancel.get();
        control.progress = report;
        return openCaseFile(fileName, now, defaultProfile(), control);
    }));
}

void MainWindow::cancelOpen() {
    if (!m_openCancel) return;
    m_openCancel->store(true);
    m_openCancel.reset();
    ++m_openGeneration; // its result, if it still comes, is dropped
    m_openStrip->finish();
    showMessage(tr("Opening cancelled; the case shown is unchanged"));
}

bool MainWindow::isOpening() const {
    return m_openCancel != nullptr;
}

bool MainWindow::finishOpen(const QString &fileName, OpenedCase r) {
    const QString shown = QFileInfo(fileName).fileName();
    const bool answered = m_discardedAt == m_caseChanges; // the answer was for this open only
    m_discardedAt.reset();
    if (r.cancelled) {
        m_openStrip->finish();
        return false;
    }
    if (!r.file.root || !r.validation) {
        const QString why = tr("Cannot open %1: %2").arg(shown, r.file.problem.message);
        showMessage(why);
        // Where the eye is: in place of the progress, above the case that stays open.
        m_openStrip->fail(escapeControls(why));
        return false;
    }
    // Edits made to the case on screen while this one was read are asked about before they go; what the
    // agent already chose to discard before the file was picked is not asked about again.
    if (m_doc->hasUnsavedWork() && !answered && !maybeSave()) {
        m_openStrip->finish();
        showMessage(tr("%1 was not opened: the case on screen has unsaved changes").arg(shown));
        return false;
    }
    m_openStrip->finish();
    // A bundled sample opened from disk (resources/samples, the installed samples folder) is untitled:
    // Save asks for a name, so the sample is never saved over in place.
    m_isSample = isBundledSample(fileName, *r.file.root);
    m_doc->load(*r.file.root, m_isSample ? QString() : QFileInfo(fileName).absoluteFilePath(),
                std::move(*r.validation));
    updateTitle();
    addRecent(QFileInfo(fileName).absoluteFilePath());
    showMessage(tr("Opened %1").arg(shown));
    return true;
}

bool MainWindow::isBundledSample(const QString &fileName, const JsonValue &root) {
    // The same case as the sample of that name built into the program (whatever folder it sits in).
    const QString bundled = QStringLiteral(":/samples/") + QFileInfo(fileName).fileName();
    if (!QFileInfo::exists(bundled)) return false;
    const CaseFileResult r = readCaseFile(bundled);
    return r.root && *r.root == root;
}

bool MainWindow::openSample(const QString &name) {
    const CaseFileResult r = readCaseFile(QStringLiteral(":/samples/") + name);
    if (!r.root) return false;
    m_isSample = true;
    m_doc->load(*r.root, QString());
    setWindowTitle(name + QStringLiteral(" — Placement Workbench"));
    updateTitle();
    return true;
}

void MainWindow::newCase() {
    // A new case asks for both quote matching and gap analysis, so the Gaps tab works as soon as the
    // current coverage is entered.
    const auto r =
        parseJson(R"({"input":{"coverage_types":["home","auto","umbrella"],"appetite_bucket":"balanced",)"
                  R"("request_config":{"quote_matching":true,"coverage_analysis":true},)"
                  R"("address":{},"applicant":{},"drivers":[],"vehicles_detail":[],"residence":{},)"
                  R"("current_coverage":{},"insurance_history":{"lapses":[],"claims":[],"non_renewals":[]}},)"
                  R"("offerings":[],"workbench":{"format_version":1}})");
    m_isSample = false;
    m_doc->load(*r, QString());
}

void MainWindow::loadBytes(const QByteArray &bytes, const QString &fileName, bool isSample) {
    const CaseFileResult r = parseCaseBytes(bytes);
    if (r.root) {
        m_isSample = isSample;
        m_doc->load(*r.root, fileName);
    }
}

void MainWindow::setAppetite(const QString &bucket) {
    m_doc->setValue(QStringLiteral("input.appetite_bucket"), JsonValue(bucket),
                    tr("Change appetite to %1").arg(labelText(bucket)));
}

void MainWindow::documentEdited() {
    m_problems->setProblems(m_doc->problems(), m_doc->root());
    const int e = m_problems->errorCount(), w = m_problems->warningCount();
    // While the last edit of a large case is checked on a worker, the list is the one before it.
    m_dock->setWindowTitle((e + w == 0 ? tr("Problems (none)")
                                       : tr("Problems (%1, %2) — click one to open its field")
                                             .arg(countText(e, tr("error")), countText(w, tr("warning")))) +
                           (m_doc->isChecking() ? tr(" · checking the last edit…") : QString()));
    const int idx = m_appetite->findData(m_ranking->appetite());
    m_appetite->setCurrentIndex(idx);
    // From the tree (the typed case may still be re-read on a worker after an edit).
    QStringList types;
    for (const JsonValue &t : m_doc->root()[u"input"][u"coverage_types"].arrayItems())
        types << t.toString();
    for (int i = 0; i < 3; ++i)
        m_lineBoxes[i]->setChecked(types.contains(QString::fromLatin1(kLines[i])));
    updateSummary();
}

void MainWindow::runChanged() {
    const JsonValue &out = m_ranking->run()[u"output"];
    m_editor->offeringsPage()->setVerdicts(m_ranking->offeringVerdicts());
    if (!m_ranking->hasRun()) {
        m_packages->setText(tr(" no ranking yet"));
        return;
    }
    // Counts pass through qint64: a large case has more packages than an int holds.
    const qint64 total = qint64(out[u"solution_count"].toDouble());
    const QString qualified = formatCount(qint64(out[u"qualified_count"].toDouble()));
    m_packages->setText((total == 1 ? tr(" ● 1 package, %1 qualified").arg(qualified)
                                    : tr(" ● %1 packages, %2 qualified").arg(formatCount(total), qualified)) +
                        (m_ranking->isStale() ? tr(" (stale)") : QString()));
}

void MainWindow::updateSummary() {
    if (!m_doc->hasCase()) { // nothing is open yet (a named case may be opening): nothing to sum up
        m_summary->setFullText(QString());
        return;
    }
    const CaseInput &in = m_doc->typedCase().input;
    QStringList parts;
    const QString name = QString(in.applicant.firstName + u' ' + in.applicant.lastName).trimmed();
    parts << (name.isEmpty() ? tr("(no insured name)") : name);
    parts << QString(in.address.state + u' ' + in.address.zipCode).trimmed();
    parts << in.coverageTypes.join(u'+');
    const JsonValue cp = m_ranking->run()[u"output"][u"current_premium"];
    if (in.premium)
        parts << tr("current %1").arg(formatMoney(*in.premium));
    else if (cp.isNumber())
        parts << tr("current %1").arg(formatMoney(cp.toDouble()));
    parts << (m_doc->typedCase().offerings.size() == 1
                  ? tr("1 offering")
                  : tr("%1 offerings").arg(formatCount(qint64(m_doc->typedCase().offerings.size()))));
    m_summary->setFullText(escapeControls(parts.join(QStringLiteral(" · "))));
}

void MainWindow::updateTitle() {
    const QString inLibrary = m_library->libraryTitle();
    QString name = !inLibrary.isEmpty()          ? inLibrary
                   : m_doc->fileName().isEmpty() ? (m_isSample ? tr("sample case") : tr("untitled"))
                                                 : QFileInfo(m_doc->fileName()).fileName();
    setWindowTitle(name + QStringLiteral("[*] — Placement Workbench"));
    setWindowModified(m_doc->isModified());
    // Only edits look unsaved: an untouched sample or new case has nothing to save ("no changes"), the
    // way a case just opened or saved has nothing to save ("saved").
    m_saved->setText(m_doc->isModified()                                        ? tr("● modified")
                     : (m_doc->fileName().isEmpty() && !m_library->versionId()) ? tr("no changes")
                                                                                : tr("saved"));
}

bool MainWindow::saveTo(const QString &fileName) {
    // The library is asked first: a save it refuses (someone else saved the case meanwhile, or the server
    // denies the write) writes nothing anywhere, the file on disk included. Any other library failure
    // does not keep the file from being written (said after the file is saved).
    // The case as it is now is what the library and the file get (serialised once, on a worker, while the
    // window stays usable); an edit made while the save runs keeps the case modified, for the next save.
    const JsonValue root = m_doc->root();
    const LibrarySaveOutcome library = m_library->recordFileSave(QFileInfo(fileName).absoluteFilePath());
    if (!library.ok &&
        (library.failure == LibraryFailure::Conflict || library.failure == LibraryFailure::Refused))
        return handleSaveOutcome(library, false);
    const QString err =
        writeFileAtomically(fileName, library.bytes.isEmpty() ? writeJson(root) : library.bytes);
    if (!err.isEmpty()) {
        // The document stays modified and keeps its file name: nothing was written, the old file is intact.
        showMessage(err);
        QMessageBox box(QMessageBox::Critical, tr("Save case"),
                        tr("The case was not saved. The file on disk is unchanged."), QMessageBox::Ok, this);
        box.setObjectName(QStringLiteral("saveErrorDialog"));
        box.setTextFormat(Qt::PlainText);
        box.setInformativeText(library.ok ? tr("%1\n(The case library has the case as it is now.)").arg(err)
                                          : err);
        box.exec();
        return false;
    }
    m_isSample = false;
    m_doc->setFileName(QFileInfo(fileName).absoluteFilePath());
    if (library.documentUnchanged) m_doc->markSaved();
    addRecent(QFileInfo(fileName).absoluteFilePath());
    updateTitle();
    showMessage(!library.documentUnchanged
                    ? tr("Saved %1 as it was when the save began; the edits made meanwhile are not saved yet")
                          .arg(fileName)
                : m_doc->refusedCount() > 0
                    ? tr("Saved %1; %n value(s) not accepted are not in the file", "", m_doc->refusedCount())
                          .arg(fileName)
                    : tr("Saved %1").arg(fileName));
    handleSaveOutcome(library, true); // what the library says about it is the last word
    return true;
}

bool MainWindow::save() {
    if (refusedWhileLibraryBusy()) return false; // a save is already out: one at a time, in order
    if (m_library->connection()->isReadOnly()) {
        showRefusal(tr("Not saved: an underwriter cannot change cases (add a note instead)"));
        return false;
    }
    if (m_doc->fileName().isEmpty() && m_library->versionId()) return saveToLibrary();
    return m_doc->fileName().isEmpty() ? saveAs() : saveTo(m_doc->fileName());
}

bool MainWindow::saveAs() {
    QFileDialog dialog(this, tr("Save case"), m_doc->fileName(), tr("Case files (*.json)"));
    dialog.setObjectName(QStringLiteral("saveCaseDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return false;
    // "alvarez-nj", "lee.nj" and "lee v2.1" are saved as NAME.pwcase.json (caseFileNameForSave); the
    // dialog asked about replacing the typed name, so a file at the appended name is asked about here.
    const QString typed = dialog.selectedFiles().constFirst();
    const QString target = caseFileNameForSave(typed);
    if (target != typed && QFileInfo::exists(target)) {
        const int answer = m_testAnswer >= 0
                               ? int(QMessageBox::Yes)
                               : QMessageBox::question(
                                     this, tr("Save case"),
                                     tr("%1 already exists. Replace it?").arg(QFileInfo(target).fileName()));
        if (answer != QMessageBox::Yes) return false;
    }
    return saveTo(target);
}

void MainWindow::openDialog() {
    if (!maybeSave()) return;
    const QString f = QFileDialog::getOpenFileName(this, tr("Open case"), QString(),
                                                   tr("Case files (*.json);;All files (*)"));
    if (f.isEmpty())
        m_discardedAt.reset(); // nothing was opened: the answer was for that open only
    else
        openCaseInBackground(f);
}

bool MainWindow::maybeSave() {
    // The case is not replaced while a library call on it runs (its outcome would land on another case).
    if (refusedWhileLibraryBusy()) return false;
    if (!m_doc->hasUnsavedWork()) return true;
    ++m_questionsAsked;
    int answer = m_testAnswer;
    if (answer < 0) {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                        tr("The case has unsaved changes. Save them first?"),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setDefaultButton(QMessageBox::Save);
        box.setTextFormat(Qt::PlainText);
        if (m_doc->refusedCount() > 0)
            box.setInformativeText(
                tr("%n value(s) typed into the form were not accepted; they are in no file "
                   "and are lost unless fixed (see the Problems panel).",
                   "", m_doc->refusedCount()));
        answer = box.exec();
    }
    if (answer == QMessageBox::Save) return save();
    if (answer != QMessageBox::Discard) return false;
    m_discardedAt = m_caseChanges;
    return true;
}

void MainWindow::sectionChanged(int section) {
    const bool wide =
        section == CaseEditor::Drivers || section == CaseEditor::Vehicles || section == CaseEditor::Offerings;
    if (wide == m_wideCase) return;
    (m_wideCase ? m_wideSizes : m_narrowSizes) = m_split->sizes();
    m_wideCase = wide;
    m_split->setSizes(wide ? m_wideSizes : m_narrowSizes);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (m_library->isBusy()) {
        // Quit during a save: the save is never cut off or lost. The window closes when it is done (then
        // asking about edits made meanwhile, as any close does).
        m_closeWhenIdle = true;
        showMessage(tr("%1 The window closes when it is done.").arg(m_library->busyText()));
        event->ignore();
        return;
    }
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    (m_wideCase ? m_wideSizes : m_narrowSizes) = m_split->sizes();
    if (m_wideCase) m_split->setSizes(m_narrowSizes);
    settings.setValue(QStringLiteral("window/split"), m_split->saveState());
    settings.setValue(QStringLiteral("window/splitWide"), QVariant::fromValue(m_wideSizes));
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (event->mimeData()->hasUrls())
        for (const QUrl &u : event->mimeData()->urls())
            if (u.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
}

void MainWindow::dropEvent(QDropEvent *event) {
    for (const QUrl &u : event->mimeData()->urls()) {
        if (!u.isLocalFile()) continue;
        const QString f = u.toLocalFile();
        const QString suffix = QFileInfo(f).suffix().toLower();
        if (suffix == u"csv" || suffix == u"tsv" || suffix == u"txt") {
            m_editor->showSection(CaseEditor::Offerings);
            m_editor->offeringsPage()->importFile(f);
        } else if (maybeSave()) {
            openCaseInBackground(f);
        }
        event->acceptProposedAction();
        return;
    }
}

void MainWindow::addRecent(const QString &fileName) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(fileName);
    recent.prepend(fileName);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &f : recent) {
        QAction *a = m_recentMenu->addAction(QFileInfo(f).fileName());
        a->setToolTip(f);
        connect(a, &QAction::triggered, this, [this, f] {
            if (maybeSave()) openCaseInBackground(f);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::problemActivated(const QModelIndex &index) {
    if (!index.isValid()) return;
    const Problem &p = m_problems->problem(index.row());
    if (!m_editor->focusPath(p.path)) showMessage(tr("No editor shows %1").arg(p.path));
}

void MainWindow::showResultTab(const QString &name) {
    // A result tab, or a tab inside one (Scorecard, Cost vs coverage, Weights): its parents are shown too.
    for (QTabWidget *tabs : m_results->findChildren<QTabWidget *>()) {
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i).remove(u'&').compare(name, Qt::CaseInsensitive) != 0) continue;
            // Built before it is shown, so a screenshot or a test sees the tab as a user does.
            if (auto *remote = qobject_cast<RemoteTab *>(tabs->widget(i))) remote->ensureBuilt();
            tabs->setCurrentIndex(i);
            for (QWidget *w = tabs; w && w != m_results; w = w->parentWidget())
                if (auto *outer = qobject_cast<QTabWidget *>(
                        w->parentWidget() ? w->parentWidget()->parentWidget() : nullptr))
                    outer->setCurrentWidget(w->parentWidget());
        }
    }
}

void MainWindow::toggleFocusResults(bool on) {
    m_editor->setVisible(!on);
    m_focusResults->setChecked(on);
}

void MainWindow::showMessage(const QString &text) {
    // File names and server text may hold anything: shown as one escaped line, elided to its room.
    m_message->setFullText(escapeControls(text));
    m_messageTimer->start(6000);
}

QString MainWindow::saveScreenshot(const QString &fileName) {
    m_ranking->waitForIdle(5000);
    if (isLibraryShown()) m_libraryPage->waitForIdle(5000);
    QApplication::processEvents();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!grab().save(&buffer, "PNG")) return tr("Cannot render the window to PNG");
    return writeFileAtomically(fileName, png);
}

} // namespace pw
