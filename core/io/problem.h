// SPDX-License-Identifier: MIT
#pragma once

#include "util/displaytext.h"

#include <QString>

#include <utility>
#include <vector>

namespace pw {

// One finding about a case: a severity, the JSON path it concerns (`offerings[3].attributes.
// line_premium_annual`; empty for the file as a whole) and a plain sentence for people.
struct Problem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString path;
    QString message;

    bool isError() const { return severity == Severity::Error; }
    QString severityName() const { return isError() ? QStringLiteral("error") : QStringLiteral("warning"); }
    bool operator==(const Problem &) const = default;
};

using Problems = std::vector<Problem>;

// A piece of a case file's text as it may be quoted in a problem message or path: at most `maxLength`
// graphemes (cut on grapheme boundaries, followed by "…" when cut), with line breaks, other control
// characters and bidirectional formatting characters written as escapes (\n, \u202e), so that a message
// stays on one line and a hostile value cannot forge or reorder the text around it.
inline QString excerpt(const QString &text, qsizetype maxLength = 40) {
    return escapeControls(elideGraphemes(text, int(maxLength)));
}

inline bool hasErrors(const Problems &ps) {
    for (const auto &p : ps)
        if (p.isError()) return true;
    return false;
}

} // namespace pw
