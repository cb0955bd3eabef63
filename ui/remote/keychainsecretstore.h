// SPDX-License-Identifier: MIT
#pragma once

#include "store/secretstore.h"

#include <QString>

namespace pw {

// SecretStore over the system keychain (QtKeychain: Secret Service, macOS Keychain, Windows Credential
// Store). QtKeychain jobs are asynchronous; each call here waits for its job in a local event loop (they
// take milliseconds). The insecure plain-text fallback is never enabled: without a keychain, writes fail
// with a clear message and the key is not kept.
class KeychainSecretStore final : public SecretStore {
public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("PlacementWorkbench"));

    std::optional<QString> read(const QString &key, QString *error = nullptr) override;
    bool write(const QString &key, const QString &value, QString *error = nullptr) override;
    bool remove(const QString &key, QString *error = nullptr) override;

private:
    QString m_service;
};

} // namespace pw
