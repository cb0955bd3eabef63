// SPDX-License-Identifier: MIT
#include "displaytext.h"

#include <QTextBoundaryFinder>

namespace pw {

namespace {

constexpr qsizetype kMinSecretLength = 8;

QString escaped(const QString &text, bool keepLineFeeds) {
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        if (u == u'\n') {
            out += keepLineFeeds ? QStringLiteral("\n") : QStringLiteral("\\n");
        } else if (u == u'\r') {
            out += QStringLiteral("\\r");
        } else if (u == u'\t') {
            out += QStringLiteral("\\t");
        } else if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029 || isBidiControl(u) ||
                   c.isSurrogate()) {
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QChar(u'0'));
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

bool isBidiControl(char32_t c) {
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

QString escapeControls(const QString &text) {
    return escaped(text, false);
}

QString escapeControlsKeepLines(const QString &text) {
    return escaped(text, true);
}

QString cutGraphemes(const QString &text, int maxGraphemes) {
    if (maxGraphemes <= 0) return QString();
    if (text.size() <= maxGraphemes) return text; // fewer code units than the limit: nothing to cut
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int count = 0;
    qsizetype end = 0;
    while (count < maxGraphemes) {
        const qsizetype next = finder.toNextBoundary();
        if (next < 0) return text;
        end = next;
        ++count;
    }
    return text.left(end);
}

QString csvField(const QString &text) {
    QString s = text;
    if (!s.isEmpty()) {
        const QChar first = s.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' ||
            first == u'\r')
            s.prepend(u'\'');
    }
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r'))
        return u'"' + s.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return s;
}

QString scrubSecret(QString text, const QString &secret) {
    if (secret.size() >= kMinSecretLength) text.replace(secret, QStringLiteral("[api key]"));
    return text;
}

} // namespace pw
