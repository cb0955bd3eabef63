// SPDX-License-Identifier: MIT
#pragma once

#include "io/casefile.h"

#include <QMainWindow>

#include <atomic>
#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QDockWidget;
class QFrame;
class QLabel;
class QMenu;
class QPushButton;
class QProgressBar;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace pw {
struct RecoveryRecord;

struct LibrarySaveOutcome;
class CaseDocument;
class CaseEditor;
class LibraryController;
class LibraryPage;
class ElidingLabel;
class ProblemsModel;
class ProgressStrip;
struct OpenedCase;
class RankingController;
class ResultsPanel;

// The workbench's main window: the case on the left (sections and their editors), results on the right
// (Ranking, Compare, Gaps), the problems dock at the bottom and the case summary in the status bar.
// Appetite bucket and requested lines sit in the toolbar because they drive the ranking. Window,
// splitter and dock state are remembered in QSettings.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a case file and waits for it (the command line's case, tests); the window's own Open, recent
    // files and drops use openCaseInBackground.
    bool openCase(const QString &fileName);
    // Reads, parses and validates on a worker thread with progress and Cancel in the "openProgress"
    // strip; the case on screen stays until the new one is ready, and a failure is said in the strip.
    void openCaseInBackground(const QString &fileName);
    void cancelOpen(); // stops an open in flight; the case on screen stays
    bool isOpening() const;
    bool openSample(const QString &name);
    void showResultTab(const QString &name);
    // A temporary message in the status bar (six seconds), beside the case summary.
    void showMessage(const QString &text);
    // Renders the window to a PNG through the safe writer; empty on success, else the reason.
    QString saveScreenshot(const QString &fileName);

    bool saveTo(const QString &fileName);
    void newCase();
    // Sets the appetite bucket as the toolbar does (an undoable edit of input.appetite_bucket).
    void setAppetite(const QString &bucket);

    CaseDocument *document() const { return m_doc; }
    RankingController *ranking() const { return m_ranking; }
    ResultsPanel *results() const { return m_results; }
    CaseEditor *caseEditor() const { return m_editor; }
    ProblemsModel *problemsModel() const { return m_problems; }
    // The case library (mainwindowlibrary.cpp): the start page, opening a version, saving into the
    // library, copy and re-quote, and the crash recovery offer.
    LibraryController *library() const { return m_library; }
    LibraryPage *libraryPage() const { return m_libraryPage; }
    bool isLibraryShown() const;
    void showLibrary(bool show);
    // With no case given at start: the library when it holds a case (true), else nothing (false: the
    // caller opens the sample).
    bool showLibraryAtStart();
    bool openFromLibrary(qint64 versionId);
    bool copyAndRequote(const QString &label = QString());
    // Offers to restore the work an earlier window lost in a crash (the newest orphaned autosave). Tests
    // pre-answer with QMessageBox::Open (restore), Discard or Cancel (ask again next start). When this
    // window shows or is opening a case the agent named (a file), that case stays: the work is restored
    // in a new window (deleted when closed), never in its place.
    void offerRecovery();
    void setRecoveryAnswerForTests(int answer) { m_recoveryAnswer = answer; }

    // The shared library (mainwindowserver.cpp, issue 16): Edit → Library settings… (the local file or a
    // PostgreSQL server), the banner over the case (offline, read-only, refused, upload offer), the
    // conflict dialog when a save is refused because someone saved first.
    void showLibrarySettings();
    // The banner's sentence as shown (empty: the banner is hidden).
    QString libraryBannerText() const;

    // Whether closing may proceed (asks about unsaved changes; tests can pre-answer).
    bool maybeSave();
    void setUnsavedAnswerForTests(int answer) { m_testAnswer = answer; }
    // Tests: how many times the unsaved-changes question was asked.
    int unsavedQuestionsForTests() const { return m_questionsAsked; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // Puts the recovered work in this window; the error to show, empty when restored.
    QString restoreRecovery(const RecoveryRecord &record);
    void buildActions();
    void buildToolbar();
    void buildDock();
    bool finishOpen(const QString &fileName, OpenedCase result);
    void loadBytes(const QByteArray &bytes, const QString &fileName, bool isSample);
    static bool isBundledSample(const QString &fileName, const JsonValue &root);
    void documentEdited();
    void runChanged();
    void updateTitle();
    void updateSummary();
    void addRecent(const QString &fileName);
    void rebuildRecentMenu();
    void problemActivated(const QModelIndex &index);
    void openDialog();
    bool save();
    bool saveAs();
    void toggleFocusResults(bool on);
    void sectionChanged(int section);
    void buildLibrary();
    void addLibraryActions(QMenu *file);
    void addCaseLibraryActions(QMenu *caseMenu);
    bool saveToLibrary();
    void importFolderIntoLibrary();
    void buildLibraryBanner();
    void updateLibraryState();
    void setLibraryBusy(bool busy);
    // True (and said in the status bar) while a library call is out: a command that would replace the
    // case or write the library again waits for it.
    bool refusedWhileLibraryBusy();
    void closeWhenNoDialog(); // a close deferred until the library call and its dialogs are done
    // After a save into the library: conflict dialog, refusal banner, offline note or error. True when the
    // case ended up saved somewhere.
    bool handleSaveOutcome(const LibrarySaveOutcome &outcome, bool fileWritten);
    bool resolveConflict(const LibrarySaveOutcome &outcome);
    void showRefusal(const QString &text);

    CaseDocument *m_doc = nullptr;
    RankingController *m_ranking = nullptr;
    CaseEditor *m_editor = nullptr;
    ResultsPanel *m_results = nullptr;
    QSplitter *m_split = nullptr;
    ProblemsModel *m_problems = nullptr;
    QDockWidget *m_dock = nullptr;
    QTableView *m_problemsView = nullptr;
    QComboBox *m_appetite = nullptr;
    QCheckBox *m_lineBoxes[3] = {};
    QProgressBar *m_busy = nullptr;
    QLabel *m_packages = nullptr;
    ElidingLabel *m_summary = nullptr;
    QLabel *m_saved = nullptr;
    ElidingLabel *m_message = nullptr; // temporary messages, beside (never over) the summary
    QTimer *m_messageTimer = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_undo = nullptr, *m_redo = nullptr, *m_focusResults = nullptr;
    bool m_isSample = false;
    bool m_wideCase = false;
    QList<int> m_narrowSizes, m_wideSizes;
    int m_testAnswer = -1;
    int m_questionsAsked = 0;
    // Changes to the case on screen (edits, refusals, loads), and the count when the agent last chose to
    // discard them: a file opened after that answer asks again only about changes made since.
    quint64 m_caseChanges = 0;
    std::optional<quint64> m_discardedAt;
    QString m_pressedProblem; // the path of the problem under the pointer when the button went down
    int m_recoveryAnswer = -1;
    LibraryController *m_library = nullptr;
    LibraryPage *m_libraryPage = nullptr;
    QStackedWidget *m_stack = nullptr;
    bool m_dockWasVisible = true;
    ProgressStrip *m_openStrip = nullptr;
    std::shared_ptr<std::atomic<bool>> m_openCancel; // the open in flight, if any
    quint64 m_openGeneration = 0;
    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_retry = nullptr, *m_upload = nullptr, *m_stopWaiting = nullptr;
    QProgressBar *m_uploadProgress = nullptr, *m_libraryBusy = nullptr;
    QLabel *m_libraryBusyText = nullptr;
    QTimer *m_libraryBusyTick = nullptr; // the elapsed time of a long library call, in the banner
    bool m_closeWhenIdle = false;        // Quit was chosen during a library call
    QString m_refusal; // the server's last refusal of a write, until the next successful save
};

} // namespace pw
