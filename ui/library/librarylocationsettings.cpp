// SPDX-License-Identifier: MIT
#include "librarylocationsettings.h"

#include "remote/keychainsecretstore.h"
#include "store/secretstore.h"

#include <QCoreApplication>
#include <QSettings>

namespace pw {

namespace {

const QString kGroup = QStringLiteral("library/location/");

std::unique_ptr<SecretStore> &installedStore() {
    static std::unique_ptr<SecretStore> store;
    return store;
}

} // namespace

LibraryLocation savedLibraryLocation(const QSettings &settings) {
    LibraryLocation l;
    l.kind = settings.value(kGroup + QStringLiteral("kind")).toString() == u"server"
                 ? LibraryLocation::Kind::Server
                 : LibraryLocation::Kind::Local;
    l.path = settings.value(kGroup + QStringLiteral("path")).toString();
    l.host = settings.value(kGroup + QStringLiteral("host")).toString();
    l.port = settings.value(kGroup + QStringLiteral("port"), 5432).toInt();
    l.database = settings.value(kGroup + QStringLiteral("database")).toString();
    l.user = settings.value(kGroup + QStringLiteral("user")).toString();
    l.sslMode = settings.value(kGroup + QStringLiteral("sslMode"), QStringLiteral("prefer")).toString();
    if (l.kind == LibraryLocation::Kind::Server && (l.host.isEmpty() || l.database.isEmpty()))
        l.kind = LibraryLocation::Kind::Local; // an unfinished server choice is no choice
    return l;
}

void saveLibraryLocation(QSettings &settings, const LibraryLocation &location) {
    const bool server = location.kind == LibraryLocation::Kind::Server;
    settings.setValue(kGroup + QStringLiteral("kind"),
                      server ? QStringLiteral("server") : QStringLiteral("local"));
    settings.setValue(kGroup + QStringLiteral("path"), location.path);
    settings.setValue(kGroup + QStringLiteral("host"), location.host);
    settings.setValue(kGroup + QStringLiteral("port"), location.port);
    settings.setValue(kGroup + QStringLiteral("database"), location.database);
    settings.setValue(kGroup + QStringLiteral("user"), location.user);
    settings.setValue(kGroup + QStringLiteral("sslMode"), location.sslMode);
}

QString savedLibraryPassword(SecretStore &secrets, const LibraryLocation &location, QString *error) {
    if (location.kind != LibraryLocation::Kind::Server) return QString();
    return secrets.read(location.secretName(), error).value_or(QString());
}

SecretStore &librarySecretStore() {
    std::unique_ptr<SecretStore> &store = installedStore();
    if (!store) store = std::make_unique<KeychainSecretStore>();
    return *store;
}

void setLibrarySecretStoreForTests(std::unique_ptr<SecretStore> store) {
    installedStore() = std::move(store);
}

const std::vector<TlsModeChoice> &tlsModeChoices() {
    static const std::vector<TlsModeChoice> choices = {
        {QStringLiteral("require"),
         QCoreApplication::translate("LibrarySettings", "Always encrypt (suggested for a server)")},
        {QStringLiteral("verify-full"),
         QCoreApplication::translate("LibrarySettings",
                                     "Always encrypt, and check the server's certificate and name")},
        {QStringLiteral("verify-ca"),
         QCoreApplication::translate("LibrarySettings",
                                     "Always encrypt, and check the server's certificate")},
        {QStringLiteral("prefer"),
         QCoreApplication::translate("LibrarySettings", "Encrypt when the server offers it")},
        {QStringLiteral("allow"),
         QCoreApplication::translate("LibrarySettings", "Encrypt only when the server insists")},
        {QStringLiteral("disable"),
         QCoreApplication::translate("LibrarySettings", "Never encrypt (only on a trusted network)")},
    };
    return choices;
}

QString libraryAuthor(const QSettings &settings, const QString &signedInUser) {
    const QString a = settings.value(QStringLiteral("library/author")).toString().trimmed();
    return a.isEmpty() ? signedInUser : a;
}

} // namespace pw
