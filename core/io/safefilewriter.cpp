// SPDX-License-Identifier: MIT
#include "safefilewriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
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

} // namespace

QString writeFileAtomically(const QString &fileName, const QByteArray &bytes) {
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
    errno = 0;
    if (f.write(bytes) != bytes.size()) return cancel(errno);
    if (!f.flush() || f.error() != QFileDevice::NoError) return cancel(errno);
    if (::fsync(f.handle()) != 0) return cancel(errno);
    if (!f.commit()) return failure(fileName, f.errorString());
    syncFolder(QFileInfo(fileName).absolutePath());
    return {};
}

} // namespace pw
