// SPDX-License-Identifier: MIT
#include "runoutcome.h"

namespace pw {

QString RunOutcome::kindName(Kind k) {
    switch (k) {
    case Kind::Completed:
        return QStringLiteral("completed");
    case Kind::Degraded:
        return QStringLiteral("degraded");
    case Kind::Failed:
        return QStringLiteral("failed");
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

} // namespace pw
