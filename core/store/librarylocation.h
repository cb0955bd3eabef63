// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace pw {

// Where the case library lives (product.md §8): the local SQLite file (Settings → Library "on this
// computer", the default) or the agency's PostgreSQL server (Settings → Library "on a server", or
// `placement-workbench library --server URL` on the command line).
//
// The URL form is postgresql://user@host:port/database?sslmode=MODE (also postgres://). A password in the
// URL is refused: the password is kept in the system keychain under secretName() or given through
// PGPASSWORD, and never appears in a URL, the settings, a log line or an error message.
struct LibraryLocation {
    enum class Kind { Local, Server };
    Kind kind = Kind::Local;
    QString path; // Local: the SQLite file (empty: defaultLibraryPath())
    QString host; // Server: PostgreSQL host name or address
    int port = 5432;
    QString database;
    QString user;
    // libpq sslmode: disable|allow|prefer|require|verify-ca|verify-full
    QString sslMode = QStringLiteral("prefer");

    static LibraryLocation local(const QString &path = {});
    // Parses a server URL; nullopt and *error set (one sentence, never the password) on a mistake.
    static std::optional<LibraryLocation> fromUrl(const QString &url, QString *error);
    QString toUrl() const;       // never carries a password; a local location gives its path
    QString displayName() const; // "alice@db.agency.example:5432/agency", or the file path
    QString secretName() const;  // the keychain entry of the password: "library-password:" + toUrl()
    bool isServer() const { return kind == Kind::Server; }
    bool operator==(const LibraryLocation &) const = default;
};

// The libpq sslmode values LibraryLocation accepts, in order of strictness.
QStringList librarySslModes();

} // namespace pw
