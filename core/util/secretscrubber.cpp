// SPDX-License-Identifier: MIT
#include "secretscrubber.h"

#include <QByteArray>
#include <QStringList>

namespace pw {

namespace {

constexpr qsizetype kMinSecretLength = 8;

// A pattern for `text` where each character may also be percent-encoded (its UTF-8 bytes as %XX) or
// written as a JSON \u escape; letter case is left to the expression's option.
QString spellings(const QString &text) {
    QString pattern;
    for (const char32_t c : text.toUcs4()) {
        const QString ch = QString::fromUcs4(&c, 1);
        QString percent;
        for (const char byte : ch.toUtf8())
            percent += QStringLiteral("%%1").arg(uint(uchar(byte)), 2, 16, QChar(u'0'));
        QString alternatives = QRegularExpression::escape(ch) + u'|' + percent;
        if (c <= 0xffff) alternatives += QStringLiteral("|\\\\u%1").arg(uint(c), 4, 16, QChar(u'0'));
        pattern += QStringLiteral("(?:") + alternatives + u')';
    }
    return pattern;
}

// The characters of the base64 encodings of `secret` (preceded by 0, 1 or 2 other bytes) that depend on
// the secret's bytes alone, so they appear whatever surrounds the secret in the encoded value.
QStringList base64Forms(const QByteArray &secret) {
    QStringList forms;
    for (int offset = 0; offset < 3; ++offset) {
        const QByteArray padded = QByteArray(offset, '\0') + secret;
        const qsizetype firstBit = 8 * offset, endBit = 8 * padded.size();
        const qsizetype first = (firstBit + 5) / 6; // first character whose 6 bits are all the secret's
        const qsizetype end = endBit / 6;           // one past the last such character
        if (end - first < kMinSecretLength) continue;
        for (const auto option : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding}) {
            const QByteArray encoded = padded.toBase64(option | QByteArray::OmitTrailingEquals);
            forms << QString::fromLatin1(encoded.mid(first, end - first));
        }
    }
    forms.removeDuplicates();
    return forms;
}

// Where the public part of a key ends: after "nx_<env>_" (nexio-api.md key prefixes); 0 for other keys.
qsizetype publicPrefixLength(const QString &key) {
    if (!key.startsWith(QStringLiteral("nx_"))) return 0;
    const qsizetype second = key.indexOf(u'_', 3);
    return second < 0 ? 0 : second + 1;
}

} // namespace

SecretScrubber::SecretScrubber(const QString &secret)
    : m_secret(secret.trimmed()) {
    if (m_secret.size() < kMinSecretLength) return;
    m_active = true;
    const qsizetype publicPart = publicPrefixLength(m_secret);
    m_minPrefix = std::max(kMinSecretLength, publicPart + 1);
    QStringList alternatives{spellings(m_secret)};
    const QString secretPart = m_secret.mid(publicPart);
    if (publicPart > 0 && secretPart.size() >= kMinSecretLength) alternatives << spellings(secretPart);
    for (const QString &form : base64Forms(m_secret.toUtf8()))
        alternatives << QRegularExpression::escape(form);
    m_pattern =
        QRegularExpression(alternatives.join(u'|'), QRegularExpression::CaseInsensitiveOption |
                                                        QRegularExpression::UseUnicodePropertiesOption);
    m_pattern.optimize();
}

qsizetype SecretScrubber::prefixEndingAt(const QString &text, qsizetype end) const {
    for (qsizetype n = std::min(end, m_secret.size() - 1); n >= m_minPrefix; --n)
        if (QStringView(text).mid(end - n, n).compare(QStringView(m_secret).left(n), Qt::CaseInsensitive) ==
            0)
            return n;
    return 0;
}

QString SecretScrubber::scrub(const QString &text) const {
    if (!m_active || text.isEmpty()) return text;
    QString out = text;
    out.replace(m_pattern, replacement());
    // A start of the key left where a message was cut: at the end, or before an ellipsis.
    for (qsizetype end = out.size(); end > 0;) {
        if (const qsizetype n = prefixEndingAt(out, end)) {
            out.replace(end - n, n, replacement());
            end -= n;
        }
        if (end <= 1) break;
        end = out.lastIndexOf(u'…', end - 1);
        if (end < 0) break;
    }
    return out;
}

bool SecretScrubber::foundIn(const QString &text) const {
    return m_active && !text.isEmpty() && scrub(text) != text;
}

} // namespace pw
