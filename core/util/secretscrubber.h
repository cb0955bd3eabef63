// SPDX-License-Identifier: MIT
#pragma once

#include <QRegularExpression>
#include <QString>

namespace pw {

// Removes a secret (the Nexio API key) from text a server sent, before the text is cut, printed, logged or
// stored (nexio-api.md: the key never goes into logs or reports). A server may echo the key in any
// spelling, so every one of these becomes "[api key]":
//  - the key in any letter case, with any of its characters percent-encoded (%6E, %6e) or written as a
//    JSON \u escape (\u0041) — an echo in a URL, in a raw JSON body, upper-cased by a proxy;
//  - the key's secret part alone (what follows the public "nx_<env>_" prefix) when it is at least 8
//    characters long — the key split in two, or quoted without its prefix;
//  - the key's base64 encodings (standard and URL-safe alphabets, at each of the 3 byte alignments, so it
//    is found inside a longer encoded value);
//  - defence in depth: a start of the key (longer than the public prefix and at least 8 characters) at the
//    end of the text or right before a "…", where some other code cut a message short.
// A secret shorter than 8 characters could not be a key and would mangle ordinary text: nothing is
// scrubbed then (isActive() is false). Build one scrubber per key and reuse it: the patterns are compiled
// once.
class SecretScrubber {
public:
    explicit SecretScrubber(const QString &secret);

    bool isActive() const { return m_active; }
    // The text without any spelling of the secret.
    QString scrub(const QString &text) const;
    // Whether scrub() would change the text.
    bool foundIn(const QString &text) const;

    static QString replacement() { return QStringLiteral("[api key]"); }

private:
    // The length of the longest start of the secret (at least m_minPrefix long) that ends at `end`.
    qsizetype prefixEndingAt(const QString &text, qsizetype end) const;

    QString m_secret;
    bool m_active = false;
    qsizetype m_minPrefix = 0;
    QRegularExpression m_pattern;
};

} // namespace pw
