// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QString>

#include <memory>

class QSettings;

namespace pw {

class SecretStore;

// Where the window's case library lives, as chosen in Settings → Library (issue 16): kept in QSettings
// under library/location/* — kind, file, host, port, database, user and TLS mode. The password is never
// in settings: it is kept in a SecretStore (the system keychain) under LibraryLocation::secretName().
LibraryLocation savedLibraryLocation(const QSettings &settings);
void saveLibraryLocation(QSettings &settings, const LibraryLocation &location);

// The password of a server location from the secret store (empty for a local file, or when none is kept).
// A keychain that cannot be read leaves the reason in *error.
QString savedLibraryPassword(SecretStore &secrets, const LibraryLocation &location, QString *error = nullptr);

// The author written on notes and audit entries: QSettings "library/author" when set, else the user
// signed in to the library (`signedInUser`: the database user on a server, the OS user locally).
QString libraryAuthor(const QSettings &settings, const QString &signedInUser);

// The store the window keeps library passwords in: the system keychain, or what a test installed.
SecretStore &librarySecretStore();
// Tests: replaces the store (nullptr: back to the keychain).
void setLibrarySecretStoreForTests(std::unique_ptr<SecretStore> store);

// The libpq TLS modes in plain words, for the settings dialog: {mode, words}.
struct TlsModeChoice {
    QString mode;
    QString words;
};
const std::vector<TlsModeChoice> &tlsModeChoices();

} // namespace pw
