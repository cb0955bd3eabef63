// SPDX-License-Identifier: MIT
#include "keychainsecretstore.h"

#include <QEventLoop>

#include <qt6keychain/keychain.h>

namespace pw {

namespace {

// Runs a job to its end; returns its error (NoError on success) and the message in *error.
QKeychain::Error runJob(QKeychain::Job &job, QString *error) {
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&loop](QKeychain::Job *) { loop.quit(); });
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.start();
    loop.exec();
    if (error)
        *error = job.error() == QKeychain::NoError ? QString()
                                                   : QStringLiteral("Keychain: %1").arg(job.errorString());
    return job.error();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service)
    : m_service(service) {}

std::optional<QString> KeychainSecretStore::read(const QString &key, QString *error) {
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(key);
    const QKeychain::Error e = runJob(job, error);
    if (e == QKeychain::EntryNotFound) {
        if (error) error->clear();
        return std::nullopt;
    }
    if (e != QKeychain::NoError) return std::nullopt;
    return job.textData();
}

bool KeychainSecretStore::write(const QString &key, const QString &value, QString *error) {
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(key);
    job.setTextData(value);
    return runJob(job, error) == QKeychain::NoError;
}

bool KeychainSecretStore::remove(const QString &key, QString *error) {
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(key);
    const QKeychain::Error e = runJob(job, error);
    if (e == QKeychain::EntryNotFound) {
        if (error) error->clear();
        return true;
    }
    return e == QKeychain::NoError;
}

} // namespace pw
