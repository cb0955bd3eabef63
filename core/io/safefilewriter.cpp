// SPDX-License-Identifier: MIT
#include "safefilewriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pw {
namespace {

QString failure(const QString &fileName, const QString &reason) {
    return QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(fileName), reason);
}

QString systemReason(int err) {
    return QString::fromLocal8Bit(std::strerror(err));
}

// Makes the rename itself durable. Failure is not reported: the data is already synced and renamed, and
// several file systems (tmpfs on old kernels, some network mounts) do not support syncing a folder.
void syncFolder(const QString &folder) {
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// A target that exists and is not a regular file — a terminal, /dev/null, a pipe (`-o /dev/stdout`, a shell's
// `>(…)`), a character device — cannot be replaced by renaming a new file over it, and must not be: the
// bytes go straight into it, every write checked, and nothing is renamed or truncated.
QString writeIntoSpecialFile(const QString &fileName, const QByteArray &bytes) {
    const int fd = ::open(QFile::encodeName(fileName).constData(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return failure(fileName, systemReason(errno));
    const char *p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            ::close(fd);
            return failure(fileName, systemReason(err));
        }
        p += n;
        left -= n;
    }
    if (::close(fd) != 0 && errno != EINTR) return failure(fileName, systemReason(errno));
    return {};
}

} // namespace

QString writeFileAtomically(const QString &fileName, const QByteArray &bytes) {
    struct stat target {};
    const bool exists = ::stat(QFile::encodeName(fileName).constData(), &target) == 0; // follows links
    if (exists && !S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode))
        return writeIntoSpecialFile(fileName, bytes);
    QSaveFile f(fileName);
    // Unbuffered: every write() reaches the system at once, so its errno is the reason (Qt's own text for
    // EFBIG is "Unknown error"), and commit() has no buffered data left to flush behind our back.
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) return failure(fileName, f.errorString());
    const auto cancel = [&](int err) {
        const QString reason = err != 0 ? systemReason(err) : f.errorString();
        // The destructor removes the temporary file of a cancelled write; the target is never touched.
        f.cancelWriting();
        return failure(fileName, reason);
    };
    // The new file keeps the old one's owner and group (QSaveFile keeps its mode): a case an administrator
    // saves for an agent stays the agent's. Only root may give a file away; others keep their own group.
    if (exists && (target.st_uid != ::geteuid() || target.st_gid != ::getegid()))
        if (::fchown(f.handle(), ::geteuid() == 0 ? target.st_uid : uid_t(-1), target.st_gid) != 0) {
            // best effort: a group the user is not in stays the user's own
        }
    errno = 0;
    if (f.write(bytes) != bytes.size()) return cancel(errno);
    if (!f.flush() || f.error() != QFileDevice::NoError) return cancel(errno);
    if (::fsync(f.handle()) != 0) return cancel(errno);
    if (!f.commit()) return failure(fileName, f.errorString());
    syncFolder(QFileInfo(fileName).absolutePath());
    return {};
}

} // namespace pw
