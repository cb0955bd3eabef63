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
// The characters escapeControls shows as an escape (besides lone surrogates).
bool isUnsafeControl(char32_t c);

// One paragraph of prose from data: every line or paragraph break in it (LF, CR, VT, FF, U+0085, U+2028,
// U+2029) becomes a space, so text from a case can never start a line or a paragraph of its own in a
// document whose line structure is ours (the gap memo). Other characters are kept.
QString withoutLineBreaks(const QString &text);

// A message of several lines (libpq's "…failed: Connection refused" over "\tIs the server running…?")
// as one line of sentences: each line break becomes a space, and a line that ends without its own
// punctuation (. ! ? : ; …) and is followed by one that starts with a capital is closed with a full stop
// first, so two sentences never run together ("Connection refused. Is the server…"); a line that goes on
// in lower case continues the sentence. Runs of white space become one space; the ends are trimmed.
QString joinLines(const QString &text);

// At most maxGraphemes user-perceived characters (QTextBoundaryFinder graphemes), never splitting a
// surrogate pair or a base character from its combining marks.
QString cutGraphemes(const QString &text, int maxGraphemes);
// As cutGraphemes, followed by "…" when something was cut (the result then holds maxGraphemes + 1
// graphemes): for labels that must stay short, such as chart legends.
QString elideGraphemes(const QString &text, int maxGraphemes);

// Terminal columns: how many columns a monospaced terminal gives the text. Each grapheme counts 2 when it
// starts with an East Asian wide or full-width character or is shown as an emoji (Unicode East Asian
// Width W/F, emoji ranges, a U+FE0F presentation selector, a flag), 0 when it holds only combining marks
// or format characters, else 1. An approximation of wcwidth() that needs no locale; text is expected to
// have gone through escapeControls first (controls count 0).
int displayWidth(const QString &text);
// The longest grapheme-aligned start of `text` that fits in `columns` terminal columns.
QString cutToWidth(const QString &text, int columns);
// `text` followed by spaces up to `columns` terminal columns (unchanged when it is as wide or wider).
QString padToWidth(const QString &text, int columns);

// One field of a CSV record the project writes (RFC 4180). A cell a spreadsheet would run as a formula
// gets a leading apostrophe: one whose first visible character is = + - @ or a full-width or small form of
// them (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫), after any leading whitespace (spaces, TAB, CR, LF, NBSP, U+3000…) and
// invisible format characters (U+200B, a BOM, bidirectional controls), and one starting with TAB, CR or
// LF. Control characters (TAB, CR, LF, ESC, BEL, DEL, C1 such as U+009B), the line and paragraph
// separators and bidirectional formatting characters become visible escapes as in escapeControls ("\t",
// "\n", "\u001b"), so a record never spans two lines. A cell containing a comma or a quote is quoted,
// with quotes doubled.
QString csvField(const QString &text);

// `secret` (an API key) removed from text, as SecretScrubber does (util/secretscrubber.h): every spelling
// of it becomes "[api key]"; nothing changes when the secret is shorter than 8 characters, which could
// not be a key and would mangle ordinary text.
QString scrubSecret(const QString &text, const QString &secret);

} // namespace pw
