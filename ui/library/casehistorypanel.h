// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace pw {

class CaseLibrary;
class ElidingLabel;

// The selected household's history beside the library list: its versions (open one, compare any two:
// fields and offerings by JSON path, and how the ranking moved), its notes (on the case or on one offering,
// with author, time and the user who was signed in; the author is the signed-in user unless changed here,
// kept in QSettings "library/author"), and the audit trail, read-only ("Who" is the user the library
// recorded, the typed author beside it when it differs). The versions list says who saved each version
// last and which one is the case's current version. Everything shown from the case is plain text.
// Reads and note writes run on a worker thread with their own connection (the library may be a server);
// each read carries a generation number and the answer to a superseded one is dropped.
class CaseHistoryPanel : public QWidget {
    Q_OBJECT
public:
    CaseHistoryPanel(CaseLibrary *library, QWidget *parent = nullptr);

    // Shows another library; the case shown is cleared.
    void setLibrary(CaseLibrary *library);
    // Shows a case (0: none). Reads its versions, notes and audit trail.
    void setCase(qint64 caseId);
    qint64 caseId() const { return m_caseId; }
    void showNotes();
    // Compares two versions (by id) and shows the report; also what the Compare button does.
    void compareVersions(qint64 a, qint64 b);
    QString author() const;
    // The user signed in to the library shown (the database user on a server, the OS user locally).
    QString signedInUser() const;
    // Blocks (processing events) until the reads and writes in flight have landed (tests, screenshots).
    bool waitForIdle(int timeoutMs = 10000);

signals:
    void openVersionRequested(qint64 versionId);
    void message(const QString &text);

private:
    struct History;
    void reload();
    void showHistory(const History &h);
    // Runs `work` on a worker with a new connection; `done` gets its result on this thread (not at all
    // when the panel is gone or a newer request superseded it and `latestOnly`).
    template <class R>
    void onWorker(std::function<R(CaseLibrary &)> work, std::function<void(R)> done, bool latestOnly);
    void addNote();
    void compareSelected();
    QList<qint64> selectedVersions() const;

    CaseLibrary *m_library;
    qint64 m_caseId = 0;
    QTabWidget *m_tabs = nullptr;
    ElidingLabel *m_title = nullptr;
    QTableWidget *m_versions = nullptr;
    QPushButton *m_open = nullptr, *m_compare = nullptr;
    QPlainTextEdit *m_diff = nullptr;
    QTableWidget *m_notes = nullptr;
    QLineEdit *m_author = nullptr;
    QComboBox *m_noteOffering = nullptr;
    QPlainTextEdit *m_noteText = nullptr;
    QPushButton *m_addNote = nullptr;
    QTableWidget *m_audit = nullptr;
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace pw
