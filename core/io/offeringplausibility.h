// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QString>

#include <vector>

namespace pw {

// Whether an imported offering's amounts are ones a quote can hold. Case validation refuses only what
// cannot be read (a negative premium, a string for a number); an import refuses more, because its numbers
// come from cells typed, exported and split by hand: a premium of $3 (the "$3" of "$3,240.00" cut off by an
// unquoted comma), a wind deductible of $2 (2 % meant), a dwelling limit of $875 (thousands meant), a
// premium of 1e300. Each field has a range of plausible values in dollars (percent points, months,
// vehicles where it says so); a value outside it is a problem at its path, naming the range and, where
// a scale of thousands or millions would bring it inside, that reading. Split limits must not state more
// per person than per accident. Every number in the offering, known field or not, must be finite and
// below a trillion.
//
// Reading: the ranges are wide on purpose (personal lines in the US, any state); a rare real quote outside
// one is refused with a message naming the range rather than silently imported.

struct ImplausibleValue {
    QString path;    // offering-relative: "attributes.line_premium_annual"
    QString message; // "$3 is not a plausible annual premium (expected $20 to $1,000,000)"
};
std::vector<ImplausibleValue> implausibleValues(const JsonValue &offering);

} // namespace pw
