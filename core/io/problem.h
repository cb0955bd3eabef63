// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <vector>

namespace pw {

// One finding about a case: a severity, the JSON path it concerns (`offerings[3].attributes.
// line_premium_annual`; empty for the file as a whole) and a plain sentence for people.
struct Problem
{
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString path;
    QString message;

    bool isError() const { return severity == Severity::Error; }
    QString severityName() const { return isError() ? QStringLiteral("error") : QStringLiteral("warning"); }
    bool operator==(const Problem &) const = default;
};

using Problems = std::vector<Problem>;

inline bool hasErrors(const Problems &ps)
{
    for (const auto &p : ps)
        if (p.isError())
            return true;
    return false;
}

} // namespace pw
