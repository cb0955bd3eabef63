// SPDX-License-Identifier: MIT
#include "apiresult.h"

namespace pw {

QString ApiResult::kindName(Kind k) {
    switch (k) {
    case Kind::Ok:
        return QStringLiteral("ok");
    case Kind::Refused:
        return QStringLiteral("refused");
    case Kind::RateLimited:
        return QStringLiteral("rate_limited");
    case Kind::ServerError:
        return QStringLiteral("server_error");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::TooLarge:
        return QStringLiteral("too_large");
    case Kind::Malformed:
        return QStringLiteral("malformed");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Insecure:
        return QStringLiteral("insecure");
    case Kind::NotStored:
        return QStringLiteral("not_stored");
    }
    return QString();
}

} // namespace pw
