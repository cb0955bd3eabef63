// SPDX-License-Identifier: MIT
#include "librarylocation.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace pw {

namespace {

bool hasControls(const QString &text) {
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u < 0xa0) || c.category() == QChar::Other_Format) return true;
    }
    return false;
}

} // namespace

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
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return refuse(QStringLiteral("a library server is written postgresql://USER@HOST:PORT/DATABASE"));
    if (hasControls(trimmed))
        return refuse(QStringLiteral("the library server URL contains a control character"));
    // Port and IPv6 mistakes are said as such (QUrl only says "invalid"). The authority is what lies
    // between "//" and the next "/", "?" or "#"; the host part after its last "@".
    static const QRegularExpression authorityRe(QStringLiteral("^[A-Za-z]+://([^/?#]*)"));
    if (const auto m = authorityRe.match(trimmed); m.hasMatch()) {
        const QString authority = m.captured(1);
        const QString hostPort = authority.mid(authority.lastIndexOf(u'@') + 1);
        if (!hostPort.startsWith(u'[') && hostPort.count(u':') > 1)
            return refuse(QStringLiteral("an IPv6 address is written in brackets: "
                                         "postgresql://USER@[::1]:5432/DATABASE"));
        const qsizetype colon = hostPort.lastIndexOf(u':');
        if (colon >= 0 && colon > hostPort.lastIndexOf(u']')) {
            bool ok = false;
            const QString portText = hostPort.mid(colon + 1);
            const qlonglong port = portText.toLongLong(&ok);
            if (!ok || port < 1 || port > 65535)
                return refuse(QStringLiteral("the library server's port must be a number from 1 to 65535 "
                                             "(not \"%1\")")
                                  .arg(portText.left(12)));
        }
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"postgresql" && url.scheme() != u"postgres"))
        return refuse(QStringLiteral("a library server is written postgresql://USER@HOST:PORT/DATABASE"));
    if (url.hasFragment()) return refuse(QStringLiteral("the library server URL must not have a #fragment"));
    // The URL is not echoed back: it may hold a password the user should not see printed again.
    if (!url.password().isEmpty())
        return refuse(QStringLiteral("a library server URL must not contain a password (use PGPASSWORD or "
                                     "the keychain: Edit → Library settings… in the window)"));
    LibraryLocation l;
    l.kind = Kind::Server;
    l.host = url.host();
    l.port = url.port(5432);
    l.user = url.userName();
    l.database = url.path().mid(1);
    if (l.host.isEmpty()) return refuse(QStringLiteral("the library server URL names no host"));
    if (l.port <= 0 || l.port > 65535)
        return refuse(QStringLiteral("the library server's port must be a number from 1 to 65535"));
    // %00 or %1B decode to control characters: libpq would cut or misread the connection string.
    if (hasControls(l.host) || hasControls(l.user) || hasControls(l.database))
        return refuse(QStringLiteral("the library server URL contains a control character"));
    if (l.database.isEmpty() || l.database.contains(u'/'))
        return refuse(QStringLiteral("the library server URL names no database (…/DATABASE)"));
    if (l.user.isEmpty()) return refuse(QStringLiteral("the library server URL names no user (USER@HOST)"));
    const QUrlQuery query(url);
    QStringList seen;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        // A repeated option is refused: which one wins (encryption on or off) must not be a guess.
        if (seen.contains(key))
            return refuse(QStringLiteral("the library server URL gives an option twice (%1)")
                              .arg(hasControls(key) ? QStringLiteral("?") : key.left(20)));
        seen << key;
        if (hasControls(value))
            return refuse(QStringLiteral("the library server URL contains a control character"));
        if (key == u"sslmode") {
            if (!librarySslModes().contains(value))
                return refuse(QStringLiteral("sslmode must be one of %1")
                                  .arg(librarySslModes().join(QStringLiteral(", "))));
            l.sslMode = value;
        } else if (key == u"password") {
            return refuse(QStringLiteral("a library server URL must not contain a password (use PGPASSWORD "
                                         "or the keychain: Edit → Library settings… in the window)"));
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
