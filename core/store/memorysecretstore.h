// SPDX-License-Identifier: MIT
#pragma once

#include "store/secretstore.h"

#include <map>

namespace pw {

// The secret store for tests and for sessions without a keychain: values live in this object only.
class MemorySecretStore final : public SecretStore {
public:
    std::optional<QString> read(const QString &key, QString *error = nullptr) override {
        if (error) error->clear();
        const auto it = m_values.find(key);
        if (it == m_values.end()) return std::nullopt;
        return it->second;
    }
    bool write(const QString &key, const QString &value, QString *error = nullptr) override {
        if (error) error->clear();
        m_values[key] = value;
        return true;
    }
    bool remove(const QString &key, QString *error = nullptr) override {
        if (error) error->clear();
        m_values.erase(key);
        return true;
    }

private:
    std::map<QString, QString> m_values;
};

} // namespace pw
