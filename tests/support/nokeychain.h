// SPDX-License-Identifier: MIT
#pragma once

#include "store/secretstore.h"

namespace pw::test {

// A system keychain that is not there (no Secret Service on the session bus): every call fails with the
// words the real one gives.
class NoKeychain : public SecretStore {
public:
    std::optional<QString> read(const QString &, QString *error) override {
        if (error) *error = QStringLiteral("Could not connect: No such file or directory");
        return std::nullopt;
    }
    bool write(const QString &key, const QString &, QString *error) override {
        return read(key, error).has_value();
    }
    bool remove(const QString &key, QString *error) override { return read(key, error).has_value(); }
};

} // namespace pw::test
