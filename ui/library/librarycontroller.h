// SPDX-License-Identifier: MIT
#pragma once

#include "store/autosavesession.h"
#include "store/caselibrary.h"

#include <QFuture>
#include <QObject>

#include <memory>

class QTimer;

namespace pw {

class CaseDocument;
class RankingController;

// Ties the open case to the case library. Knows which library version the open document is (0: none —
// a new case, the sample, or a file the library has not seen), saves it there (with the ranking in effect
// and the audit entries that follow), makes "copy and re-quote" versions, links remote runs, and autosaves.
//
// Autosave: a few seconds (autosaveDelayMs) after the last edit of a modified case its bytes go to this
// window's recovery record, written on a worker thread. The record goes when the case is saved or
// replaced, and on a normal close (the destructor); a crash leaves it, and the next start offers it
// (orphanedRecoveries, see AutosaveSession). Every failed library write is reported through message().
class LibraryController : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultAutosaveDelayMs = 3000;

    LibraryController(CaseDocument *doc, RankingController *ranking, QObject *parent = nullptr);
    ~LibraryController() override;

    CaseLibrary *library() const { return m_library.get(); }
    bool isOpen() const { return m_library->isOpen(); }
    qint64 versionId() const { return m_versionId; }
    qint64 caseId() const { return m_caseId; }
    // "Dana Okafor — library, version 2 (Renewal)" for a case kept in the library only; empty otherwise.
    QString libraryTitle() const;
    QString author() const;

    // Loads a version into the document; its file becomes the document's file when this is the case's
    // newest version and the file still holds the same bytes. False with the reason on failure.
    bool openVersion(qint64 versionId, QString *error);
    // After the case was written to `fileName`: saves it into the library too (the version it came from,
    // the case that knows this file, or a new case). Empty on success, else the reason.
    QString recordFileSave(const QString &fileName);
    // Saves the open case into its library version (a case kept in the library only). Empty or the reason.
    QString saveToLibrary();
    // Copy and re-quote: a new version of the open case (added to the library first if it is not there)
    // holding the document as it is now; the version it came from keeps its saved bytes. The document then
    // is that new version, kept in the library only. Empty or the reason.
    QString copyAndRequote(const QString &label);

    void setAutosaveDelayMs(int ms);
    // Writes the recovery record now, on a worker (tests and the timer); waitForAutosave blocks until done.
    void autosaveNow();
    bool waitForAutosave(int timeoutMs = 10000);
    std::vector<RecoveryRecord> orphanedRecoveries() const;
    // Loads a recovered case into the document (modified, not saved) and removes its record.
    bool restore(const RecoveryRecord &record, QString *error);
    bool discard(const RecoveryRecord &record, QString *error);
    // Behaves as a crash would: the lock is given up and the record is left for the next start.
    void simulateCrashForTests();

signals:
    void libraryChanged(qint64 caseId);
    void message(const QString &text);

private:
    void documentLoaded();
    void documentEdited();
    void modifiedChanged(bool modified);
    RankingSnapshot currentRanking() const;
    SaveOptions saveOptions(const QString &filePath) const;
    void linkRuns(qint64 caseId, const QString &filePath);
    void removeOwnRecovery();
    QString libraryFolder() const;

    CaseDocument *m_doc;
    RankingController *m_ranking;
    std::unique_ptr<CaseLibrary> m_library;
    std::unique_ptr<AutosaveSession> m_session;
    QTimer *m_autosave = nullptr;
    QFuture<QString> m_autosaveJob;
    qint64 m_versionId = 0, m_caseId = 0;
    bool m_loadingVersion = false;
    bool m_crashed = false;
};

} // namespace pw
