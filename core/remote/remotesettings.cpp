// SPDX-License-Identifier: MIT
#include "remotesettings.h"

#include <QHostAddress>

#include <algorithm>
#include <cmath>

namespace pw {

QString apiFamilyName(ApiFamily family) {
    return family == ApiFamily::Engine ? QStringLiteral("engine") : QStringLiteral("jobs");
}

ApiFamily apiFamilyFromName(const QString &name) {
    return name == u"engine" ? ApiFamily::Engine : ApiFamily::Jobs;
}

int RemoteSettings::nextDelay(int current) const {
    const double next = std::ceil(double(std::max(current, 1)) * std::max(pollFactor, 1.0));
    return int(std::min(next, double(std::max(pollMaxMs, 1))));
}

QString checkBaseUrl(const QUrl &url) {
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("The base URL \"%1\" is not a valid http(s) URL").arg(url.toString());
    if (!url.userInfo().isEmpty())
        return QStringLiteral("The base URL must not contain a user name or password");
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https") return QString();
    if (scheme == u"http") {
        const QString host = url.host().toLower();
        const QHostAddress address(host);
        if (host == u"localhost" || (!address.isNull() && address.isLoopback())) return QString();
        return QStringLiteral("The base URL %1 is not HTTPS; plain HTTP is allowed only to this computer "
                              "(127.0.0.1, ::1, localhost) so the API key is never sent in the clear")
            .arg(url.toDisplayString());
    }
    return QStringLiteral("The base URL \"%1\" must start with https://").arg(url.toDisplayString());
}

} // namespace pw
