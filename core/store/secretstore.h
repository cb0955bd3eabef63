// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace pw {

// Where secrets (the Nexio API key) are kept: the system keychain in the application, memory in tests.
// Calls are synchronous; an implementation over an asynchronous backend waits for it. Errors come back as
// a sentence in *error (never containing the secret). Implementations must never log the value.
class SecretStore {
public:
    virtual ~SecretStore() = default;
    // nullopt when the key is absent or unreadable (*error set in the latter case).
    virtual std::optional<QString> read(const QString &key, QString *error = nullptr) = 0;
    virtual bool write(const QString &key, const QString &value, QString *error = nullptr) = 0;
    virtual bool remove(const QString &key, QString *error = nullptr) = 0;
};

// The name under which the Nexio API key is kept in a SecretStore.
inline QString nexioApiKeySecretName() {
    return QStringLiteral("nexio-api-key");
}

} // namespace pw
