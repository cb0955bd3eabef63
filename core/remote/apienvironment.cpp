// SPDX-License-Identifier: MIT
#include "apienvironment.h"

#include <QRegularExpression>

namespace pw {

ApiEnvironment ApiEnvironment::fromKey(const QString &apiKey) {
    static const QRegularExpression re(QStringLiteral("^nx_([a-z0-9][a-z0-9-]*)_\\S+$"));
    ApiEnvironment e;
    const auto m = re.match(apiKey.trimmed());
    if (!m.hasMatch()) return e;
    const QString slug = m.captured(1);
    e.known = true;
    if (slug == u"test")
        e.name = QStringLiteral("TEST");
    else if (slug == u"live") {
        e.name = QStringLiteral("LIVE");
        e.live = true;
    } else
        e.name = slug;
    return e;
}

QString maskApiKey(const QString &apiKey) {
    const QString key = apiKey.trimmed();
    if (key.isEmpty()) return QString();
    static const QRegularExpression re(QStringLiteral("^(nx_[a-z0-9][a-z0-9-]*_)"));
    const auto m = re.match(key);
    const QString prefix = m.hasMatch() ? m.captured(1) : QString();
    const qsizetype rest = key.size() - prefix.size();
    // Show the last two characters only when the secret part is long enough to stay secret.
    const QString tail = rest >= 12 ? key.right(2) : QString();
    return prefix + QString(8, QChar(0x2022)) + tail;
}

} // namespace pw
