// SPDX-License-Identifier: MIT
#include "autosavesession.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QUuid>

namespace pw {

namespace {

QString lockPath(const QString &folder, const QString &sessionId) {
    return QDir(folder).filePath(QStringLiteral("recovery-%1.lock").arg(sessionId));
}

// Whether a live process holds the session's lock. A lock file whose process is gone is stale and
// tryLock() takes it over; we release it again at once.
bool isHeld(const QString &folder, const QString &sessionId) {
    const QString path = lockPath(folder, sessionId);
    if (!QFile::exists(path)) return false;
    QLockFile probe(path);
    probe.setStaleLockTime(0);
    if (!probe.tryLock(0)) return probe.error() == QLockFile::LockFailedError;
    probe.unlock();
    return false;
}

} // namespace

AutosaveSession::AutosaveSession(const QString &folder)
    : m_id(QUuid::createUuid().toString(QUuid::Id128))
    , m_folder(folder) {
    QDir().mkpath(folder);
    m_lock = std::make_unique<QLockFile>(lockPath(folder, m_id));
    m_lock->setStaleLockTime(0); // only a dead owner makes it stale, never its age
    if (!m_lock->tryLock(0)) m_lock.reset();
}

AutosaveSession::~AutosaveSession() = default;

bool AutosaveSession::isValid() const {
    return m_lock && m_lock->isLocked();
}

void AutosaveSession::abandonForTests() {
    // QLockFile removes the file on unlock; a crashed process leaves it behind with its dead PID. Leaving
    // no file at all reads the same (nobody holds it).
    if (m_lock) m_lock->unlock();
    m_lock.reset();
}

std::vector<RecoveryRecord> AutosaveSession::orphanedRecords(const CaseLibrary &library,
                                                             const QString &folder,
                                                             const QString &ownSessionId) {
    std::vector<RecoveryRecord> out;
    for (RecoveryRecord &r : library.recoveryRecords())
        if (r.sessionId != ownSessionId && !isHeld(folder, r.sessionId)) out.push_back(std::move(r));
    return out;
}

bool AutosaveSession::discard(CaseLibrary &library, const QString &folder, const QString &sessionId) {
    if (!library.removeRecovery(sessionId)) return false;
    QFile::remove(lockPath(folder, sessionId)); // stale: its process is gone
    return true;
}

} // namespace pw
