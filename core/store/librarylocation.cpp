// SPDX-License-Identifier: MIT
#include "librarylocation.h"

#include <QUrl>
#include <QUrlQuery>

namespace pw {

QStringList librarySslModes() {
    return {QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
            QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
}

LibraryLocation LibraryLocation::local(const QString &path) {
    LibraryLocation l;
    l.path = path;
    return l;
}

std::optional<LibraryLocation> LibraryLocation::fromUrl(const QString &text, QString *error) {
    auto refuse = [error](const QString &why) -> std::optional<LibraryLocation> {
        if (error) *error = why;
        return std::nullopt;
    };
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql" && url.scheme() != u"postgres"))
        return refuse(QStringLiteral("a library server is written postgresql://USER@HOST:PORT/DATABASE"));
    // The URL is not echoed back: it may hold a password the user should not see printed again.
    if (!url.password().isEmpty())
        return refuse(QStringLiteral("a library server URL must not contain a password (use PGPASSWORD or "
                                     "the keychain: Settings → Library)"));
    LibraryLocation l;
    l.kind = Kind::Server;
    l.host = url.host();
    l.port = url.port(5432);
    l.user = url.userName();
    l.database = url.path().mid(1);
    if (l.host.isEmpty()) return refuse(QStringLiteral("the library server URL names no host"));
    if (l.port <= 0 || l.port > 65535)
        return refuse(QStringLiteral("the library server's port is not valid"));
    if (l.database.isEmpty() || l.database.contains(u'/'))
        return refuse(QStringLiteral("the library server URL names no database (…/DATABASE)"));
    if (l.user.isEmpty()) return refuse(QStringLiteral("the library server URL names no user (USER@HOST)"));
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"sslmode") {
            if (!librarySslModes().contains(value))
                return refuse(QStringLiteral("sslmode must be one of %1")
                                  .arg(librarySslModes().join(QStringLiteral(", "))));
            l.sslMode = value;
        } else if (key == u"password") {
            return refuse(QStringLiteral("a library server URL must not contain a password (use PGPASSWORD "
                                         "or the keychain: Settings → Library)"));
        } else {
            return refuse(QStringLiteral("the library server URL has an unknown option (only sslmode)"));
        }
    }
    return l;
}

QString LibraryLocation::toUrl() const {
    if (kind == Kind::Local) return path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(QStringLiteral("/") + database);
    if (sslMode != u"prefer") url.setQuery(QStringLiteral("sslmode=") + sslMode);
    return url.toString(QUrl::FullyEncoded);
}

QString LibraryLocation::displayName() const {
    if (kind == Kind::Local) return path;
    const QString h = host.contains(u':') ? QStringLiteral("[%1]").arg(host) : host;
    return QStringLiteral("%1@%2:%3/%4").arg(user, h).arg(port).arg(database);
}

QString LibraryLocation::secretName() const {
    return QStringLiteral("library-password:") + toUrl();
}

} // namespace pw
