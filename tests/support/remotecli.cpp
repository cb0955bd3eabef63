// SPDX-License-Identifier: MIT
#include "remotecli.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QStandardPaths>

namespace pw::test {

namespace {

QByteArray utf16(const QByteArray &utf8, bool littleEndian) {
    QByteArray out;
    for (const QChar c : QString::fromUtf8(utf8)) {
        const char lo = char(c.unicode() & 0xff), hi = char(c.unicode() >> 8);
        out.append(littleEndian ? lo : hi);
        out.append(littleEndian ? hi : lo);
    }
    return out;
}

} // namespace

RemoteCliEnvironment::RemoteCliEnvironment(const QString &apiKey)
    : m_key(apiKey) {
    for (const char *sub : {"data", "config", "cache", "state", "runtime", "tmp"})
        QDir(m_home.path()).mkpath(QString::fromLatin1(sub));
    m_dataDir = m_home.filePath(QStringLiteral("data/placement-workbench"));
}

QString RemoteCliEnvironment::freshDataDir(const QString &name) const {
    const QString dir = m_home.filePath(QStringLiteral("stores/") + name);
    QDir().mkpath(dir);
    return dir;
}

QStringList RemoteCliEnvironment::env(const QString &dataDir) const {
    const QString home = m_home.path();
    return {QStringLiteral("NEXIO_API_KEY=") + m_key,
            QStringLiteral("PLACEMENT_WORKBENCH_DATA_DIR=") + (dataDir.isEmpty() ? m_dataDir : dataDir),
            QStringLiteral("NEXIO_BASE_URL=https://must-not-be-used.invalid"),
            QStringLiteral("HOME=") + home,
            QStringLiteral("XDG_DATA_HOME=") + home + QStringLiteral("/data"),
            QStringLiteral("XDG_CONFIG_HOME=") + home + QStringLiteral("/config"),
            QStringLiteral("XDG_CACHE_HOME=") + home + QStringLiteral("/cache"),
            QStringLiteral("XDG_STATE_HOME=") + home + QStringLiteral("/state"),
            QStringLiteral("XDG_RUNTIME_DIR=") + home + QStringLiteral("/runtime"),
            QStringLiteral("TMPDIR=") + home + QStringLiteral("/tmp")};
}

ProcessResult RemoteCliEnvironment::run(const QStringList &args, const QString &dataDir) const {
    return runWorkbench(args, env(dataDir));
}

QStringList RemoteCliEnvironment::fastOptions(const QUrl &baseUrl) {
    return {QStringLiteral("--base-url"),        baseUrl.toString(),
            QStringLiteral("--poll-initial-ms"), QStringLiteral("30"),
            QStringLiteral("--poll-max-ms"),     QStringLiteral("60")};
}

QStringList RemoteCliEnvironment::filesContaining(const QByteArray &needle, int *files) const {
    const QString strings = QStandardPaths::findExecutable(QStringLiteral("strings"));
    QStringList found;
    int searched = 0;
    QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        ++searched;
        const QByteArray bytes = readFileBytes(file);
        bool hit = bytes.contains(needle) || bytes.contains(utf16(needle, true)) ||
                   bytes.contains(utf16(needle, false));
        if (!strings.isEmpty())
            for (const char *encoding : {"s", "l", "b"}) {
                if (hit) break;
                QProcess p;
                p.start(strings,
                        {QStringLiteral("-a"), QStringLiteral("-e"), QString::fromLatin1(encoding), file});
                p.waitForFinished(30000);
                hit = p.readAllStandardOutput().contains(needle);
            }
        if (hit) found << file;
    }
    if (files) *files = searched;
    return found;
}

} // namespace pw::test
