// SPDX-License-Identifier: MIT
#pragma once

#include "store/casefacts.h"
#include "store/librarylocation.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace pw {

// The case library (product.md §8): every household the agent has saved, its versions ("copy and re-quote"
// keeps the original intact), notes, an audit trail and the autosave recovery records.
//
// Model. A *case* is a household; it has one or more *versions*, numbered 1, 2, … in creation order. Each
// version holds the case file's exact bytes (the API request body plus the optional "workbench" object,
// as saved — so an export is byte-identical), the facts indexed for search (CaseFacts), and its last
// ranking (RankingSnapshot). The case's *current* version is the newest one; the list shows it. A case may
// also name the JSON file it was opened from or saved to (`filePath`): files stay first-class, the library
// only remembers them.
//
// Times are UTC. Ids are positive; 0 means "none". Every write is one transaction: it either happens in
// full or not at all, and a failure is reported — write methods are [[nodiscard]], return false / nullopt,
// and leave one sentence in lastError(). Reads report failure the same way (an empty result *and* a
// non-empty lastError(); an empty result with an empty lastError() is a true "nothing found").
//
// This is the interface the window and the command line use. SqlCaseLibrary implements it over Qt SQL, on
// a local SQLite file or an agency's PostgreSQL server (SqlDialect). An instance belongs to the thread that
// opened it; openAnother() gives a second connection to the same library for a worker thread.
//
// Sharing (a server library). Several people write the same cases, so a save can be refused for reasons a
// local file never has; lastFailure() tells which (with lastError()'s sentence):
//   Conflict    the version moved on since the caller read it (SaveOptions::expectedRevision); lastConflict()
//               says who changed it and when. Nothing was written. Also another client writing the same
//               thing at the same moment (a unique key, SQLSTATE 23505 / 40001 / 40P01): nothing was
//               written, and trying again is the answer (lastConflict() is then empty).
//   Refused     the server's grants refused the change (SQLSTATE 42501: an underwriter may only add notes).
//   Unreachable the server cannot be reached (host:port named); every later call tries to connect again.
//   NotSetUp    opening: the server's library lacks the schema this version needs (not set up yet, or an
//               older schema) and this user may not make it; only its owner can (setup-server).
// Each version carries a revision (1 when created, one more on every successful saveVersion) and the user
// who saved it last: the database user on a server (the server's current_user, not the client's word), the
// OS user locally.

enum class LibraryFailure {
    None,
    Conflict,
    Refused /*server denied: role/grant*/,
    Unreachable,
    NotSetUp /*schema missing or old; only the owner can make it*/,
    Other
};

// The stored case moved on since the caller read it.
struct SaveConflict {
    qint64 versionId = 0;
    int storedRevision = 0;   // what the library has now
    int expectedRevision = 0; // what the caller had
    QString modifiedBy;       // database user (server) or OS user (local)
    QDateTime modifiedAt;     // UTC
    bool operator==(const SaveConflict &) const = default;
};

// What the connected user may do: Owner (a local file, or the server schema's owner) and Agent edit;
// Underwriter reads everything and adds notes only (enforced by the server's grants, not the client).
enum class LibraryRole { Owner, Agent, Underwriter };

// One row of the list. Its facts leave out policyNumbers and searchText (see the version for those) and
// its ranking holds the top package and the counts only.
struct LibraryCase {
    qint64 caseId = 0;
    qint64 versionId = 0; // the current (newest) version
    int versionNumber = 0;
    int versionCount = 0;
    CaseFacts facts;
    RankingSnapshot ranking;
    QString filePath;
    QDateTime createdAt, modifiedAt;
    int remoteRunCount = 0;
    int revision = 0;   // the current version's revision
    QString modifiedBy; // who saved the current version last
    // The case's identity across libraries (a UUID made when the case was created, kept by push): a case
    // pushed again is recognised by it, whatever happened to its versions meanwhile.
    QString uid;
    bool operator==(const LibraryCase &) const = default;
};

struct LibraryVersion {
    qint64 versionId = 0;
    qint64 caseId = 0;
    int number = 0;
    QString label;              // "Original", "Re-quote 2", or the user's words
    qint64 parentVersionId = 0; // the version it was copied from (0 for the original)
    QDateTime createdAt, modifiedAt;
    CaseFacts facts;
    RankingSnapshot ranking;
    QByteArray body;    // the case file bytes (only filled by version(), not by versions())
    int revision = 0;   // 1 when created, one more on every successful saveVersion
    QString modifiedBy; // who saved it last (database user on a server, OS user locally)
    // The SHA-256 of the bytes the version had when it was made here (saves change the bytes, not this):
    // push tells "the other side changed it" from "only this side did" by it.
    QString baseHash;
    bool operator==(const LibraryVersion &) const = default;
};

// A note on a case, or on one offering of it (offeringId non-empty). `versionId` is the version that was
// open when it was written (notes belong to the household and show on every version).
struct LibraryNote {
    qint64 noteId = 0;
    qint64 caseId = 0;
    qint64 versionId = 0;
    QString offeringId;
    QString author;
    QDateTime createdAt;
    QString text;
    QString databaseUser; // who wrote it, as the server knows them (filled by the library on reading)
    bool operator==(const LibraryNote &) const = default;
};

// One audit entry. Kinds: "created", "imported", "edit" (path, oldValue, newValue as compact JSON, empty
// when the member was absent), "copied" (a new version from another), "ranking" (engineVersion,
// profileHash, inputHash, clock, topResult), "exported", "note", "deleted" (the case was deleted; its
// entries stay), and on a server "bytes replaced" / "bytes deleted" (written by the server itself whenever
// a version's stored bytes change or go). Entries are only ever appended.
// `databaseUser` is the user the library knew when the entry was written: on a server the server's own
// current_user (a column default the client cannot choose), locally the OS user.
struct AuditEntry {
    qint64 entryId = 0;
    qint64 caseId = 0;
    qint64 versionId = 0;
    QDateTime at;
    QString kind;
    QString author;
    QString path;
    QString oldValue, newValue;
    QString engineVersion, profileHash, inputHash;
    QDateTime clock;
    QString topResult;
    QString detail; // a plain sentence (file imported from, version copied from, …)
    QString databaseUser;
    bool operator==(const AuditEntry &) const = default;
};

// The autosaved state of an open case, kept until the window closes normally. `sessionId` names the
// window's process (see AutosaveSession); after a crash the next start finds the record orphaned.
struct RecoveryRecord {
    QString sessionId;
    qint64 caseId = 0, versionId = 0; // the library version the case came from (0: none)
    QString filePath;                 // the file it came from (empty: none)
    QString title;                    // what the window showed ("Dana Okafor — brooklyn.json")
    QDateTime savedAt;
    QByteArray body;
    bool operator==(const RecoveryRecord &) const = default;
};

// What the list shows: `text` matched (case-insensitively, as a substring) against the insured name, ZIP,
// state, carriers and policy numbers; `state` and `line` filter exactly (empty: any). Newest first.
// `limit` 0 means no limit.
struct LibraryQuery {
    QString text;
    QString state;
    QString line;
    int limit = 0;
};

// What a save brings besides the bytes: the ranking in effect (hasRun false: leave the version's last
// ranking as it is), the file the case lives in (empty: keep), and who saves.
struct SaveOptions {
    RankingSnapshot ranking;
    QString filePath;
    QString author;
    QString detail; // for the audit entry of a new case ("imported from /x/y.json")
    // Set: saveVersion refuses (LibraryFailure::Conflict, nothing written) when the stored revision
    // differs. The check and the update are one transaction with the version's row locked.
    std::optional<int> expectedRevision;
    // Set: saveVersion also refuses (Conflict, nothing written) when the case's current version is no
    // longer this one — someone made another version current (a "save as new version") since the caller
    // read the case; lastConflict() then names that version, who saved it and when. A save makes the
    // saved version current, so without this check an edit of an older version would silently demote a
    // colleague's newer one.
    std::optional<qint64> expectedCurrentVersion;
};

// A whole case as another library holds it, for copying between libraries (librarypush.h): versions
// oldest first with their bodies and full rankings, notes and audit oldest first. Ids are the source's;
// the copy maps them to its own.
struct CaseCopy {
    LibraryCase summary;
    std::vector<LibraryVersion> versions;
    std::vector<LibraryNote> notes;
    std::vector<AuditEntry> audit;
    QStringList remoteRuns;
};

// What importCase did with one file (the decision and the write are one transaction, so clients
// importing the same folder at once store each case once).
struct ImportOutcome {
    enum class Kind {
        Added,     // a new case
        Updated,   // the file's case gained a version with the new bytes ("Re-imported")
        Unchanged, // the file's case already has these bytes as its current version
        Duplicate  // another case holds exactly these bytes: nothing added
    };
    Kind kind = Kind::Added;
    qint64 caseId = 0, versionId = 0; // Duplicate: the case and version holding the bytes
    QString insuredName;              // of that case
};

// What addCaseCopy did with a case from another library. The case is found by its uid; a case without
// one here, whose versions are exactly the copy's bytes in order, counts as already there too.
struct CopyOutcome {
    enum class Kind {
        Copied,       // a new case with every version, note, audit entry and remote-run link
        AlreadyThere, // every version's bytes are already in the case here: nothing written
        Appended,     // the case is here; the copy's versions it lacked were added as new versions
        Conflict      // as Appended, but the case here had changes the copy never saw: the added
                      // versions are labelled "Offline edit by USER", and changedBy/changedAt say who
                      // changed this side and when (the newest such change)
    };
    Kind kind = Kind::Copied;
    qint64 caseId = 0;
    int versionsAdded = 0, notesAdded = 0, auditAdded = 0;
    QString changedBy;
    QDateTime changedAt;
};

class CaseLibrary {
public:
    virtual ~CaseLibrary() = default;

    virtual bool isOpen() const = 0;
    virtual QString lastError() const = 0;
    virtual int schemaVersion() const = 0;
    // A second connection to the same library, for another thread.
    virtual std::unique_ptr<CaseLibrary> openAnother() const = 0;
    // A function that opens another connection; it may be called on any thread, also after this object
    // is gone (workers take it with them).
    virtual std::function<std::unique_ptr<CaseLibrary>()> connector() const = 0;
    // The database's own consistency check: "ok", or what it found.
    virtual QString integrityCheck() = 0;
    // The kind of the last failure (None after a success); lastConflict() is set when it is Conflict.
    virtual LibraryFailure lastFailure() const = 0;
    virtual std::optional<SaveConflict> lastConflict() const = 0;
    virtual LibraryRole role() const = 0;
    virtual QString userName() const = 0; // the database user, or systemUserName() locally
    virtual LibraryLocation location() const = 0;
    // What the library wants its user to know about how it works here (e.g. "search has no trigram index
    // on this server: pg_trgm could not be created"); empty normally.
    virtual QStringList notices() const { return {}; }

    // New case with its version 1 (label "Original"); returns the version id.
    [[nodiscard]] virtual std::optional<qint64> addCase(const QByteArray &body,
                                                        const SaveOptions &options) = 0;
    // Replaces a version's bytes (the open case saved again); audit entries for every changed JSON path,
    // and a ranking entry when the ranking's input or profile differs from the version's last one.
    [[nodiscard]] virtual bool saveVersion(qint64 versionId, const QByteArray &body,
                                           const SaveOptions &options) = 0;
    // Copy and re-quote: a new version of the same case with `fromVersionId`'s bytes (the original stays
    // as it is); returns the new version's id.
    [[nodiscard]] virtual std::optional<qint64> copyVersion(qint64 fromVersionId, const QString &label,
                                                            const QString &author) = 0;
    // Records a ranking of a version (audit entry and the version's last ranking), unless the version's
    // last ranking has the same input hash, profile hash and appetite. True also when nothing was needed.
    [[nodiscard]] virtual bool recordRanking(qint64 versionId, const RankingSnapshot &ranking,
                                             const QString &author) = 0;
    [[nodiscard]] virtual bool setFilePath(qint64 caseId, const QString &filePath) = 0;
    [[nodiscard]] virtual bool linkRemoteRuns(qint64 caseId, const QStringList &runIds) = 0;
    [[nodiscard]] virtual bool addAudit(const AuditEntry &entry) = 0;
    [[nodiscard]] virtual bool deleteCase(qint64 caseId) = 0;
    // A copy of a case from another library (times, labels, authors kept; the versions' revisions start
    // at 1).
    // Adds the case of another library, or the versions of it this library lacks (CopyOutcome), in one
    // transaction under a lock on the case's identity and bytes: clients pushing at once store it once.
    [[nodiscard]] virtual std::optional<CopyOutcome> addCaseCopy(const CaseCopy &copy) = 0;
    // A case file read from options.filePath (absolute; its bytes `body`): a new case, a new version of the
    // file's known case when the bytes changed, or nothing when they did not or another case holds exactly
    // these bytes. Decided and written in one transaction under a lock on the path and the bytes.
    [[nodiscard]] virtual std::optional<ImportOutcome> importCase(const QByteArray &body,
                                                                  const SaveOptions &options) = 0;

    virtual std::vector<LibraryCase> cases(const LibraryQuery &query = {}) const = 0;
    virtual std::optional<LibraryCase> caseById(qint64 caseId) const = 0;
    // The case whose file is `filePath` (absolute), if the library knows one.
    virtual std::optional<LibraryCase> caseByFile(const QString &filePath) const = 0;
    // The versions whose stored bytes are exactly `body` (oldest first; found by a SHA-256 index).
    virtual std::vector<qint64> versionsWithBytes(const QByteArray &body) const = 0;
    virtual std::optional<LibraryVersion> version(qint64 versionId) const = 0;
    virtual std::vector<LibraryVersion> versions(qint64 caseId) const = 0; // oldest first, without bodies
    virtual QStringList remoteRuns(qint64 caseId) const = 0;
    virtual QStringList states() const = 0; // every state in the library, sorted (for the filter)
    virtual int caseCount() const = 0;

    [[nodiscard]] virtual std::optional<qint64> addNote(const LibraryNote &note) = 0;
    virtual std::vector<LibraryNote> notes(qint64 caseId) const = 0;     // oldest first
    virtual std::vector<AuditEntry> auditTrail(qint64 caseId) const = 0; // oldest first

    [[nodiscard]] virtual bool writeRecovery(const RecoveryRecord &record) = 0;
    [[nodiscard]] virtual bool removeRecovery(const QString &sessionId) = 0;
    virtual std::vector<RecoveryRecord> recoveryRecords() const = 0; // newest first
};

// The library in the user's data folder: PLACEMENT_WORKBENCH_DATA_DIR/library.sqlite when that variable
// is set, else <AppDataLocation>/library.sqlite.
QString defaultLibraryPath();
// Opens (creating or migrating) the SQLite library at `path` (empty: defaultLibraryPath()). Check
// isOpen() and lastError().
std::unique_ptr<CaseLibrary> openCaseLibrary(const QString &path = QString());
// Opens the library at `location`: the SQLite file, or the PostgreSQL server with `password` (only for a
// server; kept in memory for reconnecting, never stored or logged). Check isOpen(), lastError() and
// lastFailure() (Unreachable: the server cannot be reached; Refused: the login or the grants refused).
std::unique_ptr<CaseLibrary> openCaseLibrary(const LibraryLocation &location, const QString &password = {});

// What opening a library found out about it: who the user is there and what they may do. Read by a full
// open (openCaseLibrary) on a worker thread, and handed to openCheckedCaseLibrary.
struct LibraryIdentity {
    LibraryRole role = LibraryRole::Owner;
    QString userName;
    QStringList notices;
    int schemaVersion = 0;
};
LibraryIdentity identityOf(const CaseLibrary &library);
// The library at `location` that a full open on another thread just opened (and migrated) as `identity`:
// no connection is made now, so this never waits for a server. Its first statement connects (on the
// calling thread), and connector() opens connections for workers as usual. isOpen() is true; a server
// that went away meanwhile is noticed on the first statement (lastFailure() Unreachable). Meant for a
// thread that only hands work to workers (the window's), so that it never waits on the network.
std::unique_ptr<CaseLibrary> openCheckedCaseLibrary(const LibraryLocation &location, const QString &password,
                                                    const LibraryIdentity &identity);

// The OS user name (USER, USERNAME, LOGNAME, else the process's account), or "unknown": the default
// author of notes and audit entries.
QString systemUserName();

} // namespace pw
