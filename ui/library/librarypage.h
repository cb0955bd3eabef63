// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace pw {

class CaseHistoryPanel;
class ElidingLabel;
class LibraryModel;

// The library start page: every household in the case library, searched as you type (name, ZIP, state,
// carrier, policy or quote number; every word must match), filtered by state and line, sorted by any
// column, opened with Enter or a double click. Beside the list, the selected case's versions, notes and
// audit trail (CaseHistoryPanel).
//
// Queries never run on the GUI thread: each one runs on a worker thread with its own connection
// (CaseLibrary::openAnother), first the top kFirstPage rows (shown at once) and then the rest; every query
// carries a generation number and the results of a superseded query are dropped.
class LibraryPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kFirstPage = 200;

    LibraryPage(CaseLibrary *library, QWidget *parent = nullptr);
    ~LibraryPage() override;

    // Shows another library (Settings → Library, offline, back online); the caller refreshes.
    void setLibrary(CaseLibrary *library);
    // Runs the current query again (after a save, an import, a copy).
    void refresh();
    // Blocks until the running query has delivered (tests, screenshots).
    bool waitForIdle(int timeoutMs = 10000);
    bool isLoading() const { return m_pending > 0; }
    void setBackEnabled(bool enabled);
    // Import folder… is offered only to users who may add cases (not to an underwriter).
    void setImportEnabled(bool enabled);
    void focusSearch();
    void selectCase(qint64 caseId);
    CaseHistoryPanel *history() const { return m_history; }
    QTableView *table() const { return m_table; }

signals:
    void openRequested(qint64 versionId);
    void backRequested();
    void importRequested();
    void message(const QString &text);
    // The list could not be read because the server cannot be reached: `words` in plain words, `detail`
    // the server's or driver's own (the window marks the library offline and checks again).
    void unreachable(const QString &words, const QString &detail);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void startQuery();
    void deliver(quint64 generation, std::vector<LibraryCase> cases, bool complete, const QString &error,
                 int total, LibraryFailure failure = LibraryFailure::None);
    void openCurrent();
    void currentChanged();
    void reloadStates();
    void showSource();

    CaseLibrary *m_library;
    LibraryModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QHash<int, int> m_numberWidths; // the columns of numbers and their designed widths (fitWholeValues)
    QLineEdit *m_search = nullptr;
    QComboBox *m_state = nullptr, *m_line = nullptr;
    QLabel *m_count = nullptr;
    ElidingLabel *m_source = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_import = nullptr;
    CaseHistoryPanel *m_history = nullptr;
    QTimer *m_debounce = nullptr;
    quint64 m_generation = 0;
    int m_pending = 0;
    qint64 m_selectAfterLoad = 0;
};

} // namespace pw
