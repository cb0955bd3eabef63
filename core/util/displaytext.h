// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace pw {

// Untrusted text (from a case, an import or a server) made safe to show, print or store.
//
// Every human-readable output goes through escapeControls(): C0 and C1 control characters (ESC, BEL, CR,
// LF, TAB…), DEL, the Unicode line and paragraph separators and the bidirectional formatting characters
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) become visible escapes (\n, \r, \t, \u001b,
// \u202e), as do lone UTF-16 surrogates. The result is one line that can neither move the cursor, set a
// terminal title, forge a line of a table nor reorder the text around it. Backslashes are left alone, so
// the function may be applied twice without change.
QString escapeControls(const QString &text);
// As escapeControls, but keeps line feeds: for blocks of prose (a memo) whose lines are our own.
QString escapeControlsKeepLines(const QString &text);
bool isBidiControl(char32_t c);

// At most maxGraphemes user-perceived characters (QTextBoundaryFinder graphemes), never splitting a
// surrogate pair or a base character from its combining marks.
QString cutGraphemes(const QString &text, int maxGraphemes);

// One field of a CSV record the project writes (RFC 4180): a cell starting with = + - @ TAB or CR, which
// a spreadsheet would run as a formula, gets a leading apostrophe; a cell containing a comma, a quote, LF
// or CR is quoted, with quotes doubled.
QString csvField(const QString &text);

// `secret` replaced by "[api key]" wherever it occurs (nothing when the secret is shorter than 8
// characters, which could not be a key and would mangle ordinary text).
QString scrubSecret(QString text, const QString &secret);

} // namespace pw
