// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QString>

#include <functional>
#include <vector>

namespace pw {

// Addressing inside a JSON tree with the paths problems are reported at: `input.drivers[0].first_name`,
// `offerings[3].attributes.line_premium_annual`. A segment is an object key or an array index.
struct JsonPathSegment {
    QString key;    // object member name (empty for an index)
    int index = -1; // array index (-1 for a key)
    bool isIndex() const { return index >= 0; }
    bool operator==(const JsonPathSegment &) const = default;
};

// Parses a path; an empty vector for an empty or malformed path.
std::vector<JsonPathSegment> parseJsonPath(const QString &path);
QString joinJsonPath(const std::vector<JsonPathSegment> &segments);
// The value at a path, or null when any step is missing.
JsonValue jsonValueAt(const JsonValue &root, const QString &path);
// Whether the path names an existing member or element (a null member exists).
bool jsonPathExists(const JsonValue &root, const QString &path);
// Sets the value at a path, creating objects on the way (and growing arrays with nulls up to an index).
// Returns false when a step meets a value of the wrong kind (a key into a number, an index into an object).
bool setJsonValueAt(JsonValue &root, const QString &path, const JsonValue &value);
// Removes the member or element at a path; returns false when it did not exist.
bool removeJsonValueAt(JsonValue &root, const QString &path);

// Calls `report` once for each member name an object states more than once, with the member's path
// (`offerings[2].attributes.line_premium_annual`) and how many times that object states it, depth first in
// document order (at the name's second statement). JSON tools disagree on which of such members counts, so
// a file with one means different things.
// Read two ways: a member stated three times could be one problem or two (one per extra statement). The
// tree keeps no line numbers, so two reports would be two identical lines at one path; chosen: one report
// naming the path and the count ("stated 3 times"). A path is reported once even when two statements of an
// enclosing member both repeat it (with the larger count).
void forEachDuplicateMember(const JsonValue &root,
                            const std::function<void(const QString &path, int times)> &report);
// "twice", "3 times": how often a member is stated, for the messages about forEachDuplicateMember's finds.
QString statedTimesText(int times);

} // namespace pw
