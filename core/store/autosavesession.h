// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QString>

#include <memory>
#include <vector>

class QLockFile;

namespace pw {

// One running window's claim on its autosave recovery record. The session holds a lock file
// (<folder>/recovery-<id>.lock, QLockFile: it names the owning process and goes stale when that process
// dies) for as long as it lives; a recovery record whose session's lock is not held by a live process is
// *orphaned* — its window crashed or was killed — and is what the next start offers to restore. Two
// windows running side by side never offer each other's records.
class AutosaveSession {
public:
    // Creates the session's lock in `folder` (the library's folder). isValid() is false when the lock
    // could not be taken; autosave then still works, but a crash of this process cannot be told apart
    // from a live one until the stale lock times out.
    explicit AutosaveSession(const QString &folder);
    ~AutosaveSession(); // releases the lock (the record itself is removed by the caller on a normal close)
    AutosaveSession(const AutosaveSession &) = delete;
    AutosaveSession &operator=(const AutosaveSession &) = delete;

    QString id() const { return m_id; }
    bool isValid() const;
    // Gives up the lock as a crash would (tests): the record stays and now counts as orphaned.
    void abandonForTests();

    // The records no live session owns, newest first.
    static std::vector<RecoveryRecord> orphanedRecords(const CaseLibrary &library, const QString &folder,
                                                       const QString &ownSessionId);
    // Removes an orphaned record and its stale lock file.
    [[nodiscard]] static bool discard(CaseLibrary &library, const QString &folder, const QString &sessionId);

private:
    QString m_id;
    QString m_folder;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace pw
