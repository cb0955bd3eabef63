// SPDX-License-Identifier: MIT
#pragma once

#include "testsupport.h"

#include <QTemporaryDir>
#include <QUrl>

namespace pw::test {

// The surroundings of workbench processes run against a fake Nexio server: HOME, the XDG folders, TMPDIR
// and the data folder all inside one temporary folder (so every file a process writes can be searched for
// the key), NEXIO_API_KEY set, and NEXIO_BASE_URL pointing nowhere usable (a command must take the URL
// from --base-url or from the run store, never fall back to another).
class RemoteCliEnvironment {
public:
    explicit RemoteCliEnvironment(const QString &apiKey);
    bool isValid() const { return m_home.isValid(); }

    QString home() const { return m_home.path(); }
    QString dataDir() const { return m_dataDir; }
    QString apiKey() const { return m_key; }
    void setApiKey(const QString &apiKey) { m_key = apiKey; }
    // A new, empty data folder (its own run store) under home().
    QString freshDataDir(const QString &name) const;
    // KEY=value pairs for runWorkbench(); dataDir empty: dataDir().
    QStringList env(const QString &dataDir = QString()) const;
    ProcessResult run(const QStringList &args, const QString &dataDir = QString()) const;
    // --base-url and short poll waits.
    static QStringList fastOptions(const QUrl &baseUrl);

    // The files under home() that hold `needle`: as UTF-8 or UTF-16 bytes, or in what `strings` finds
    // (when installed). `files` receives how many files were searched.
    QStringList filesContaining(const QByteArray &needle, int *files = nullptr) const;

private:
    QTemporaryDir m_home;
    QString m_key;
    QString m_dataDir;
};

} // namespace pw::test
