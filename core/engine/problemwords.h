// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "io/problem.h"

#include <QString>

namespace pw {

// Validation problems (io/problem.h) in the words an agent reads in the Problems dock (product.md §1:
// "every problem with its JSON path and a plain sentence"): where the problem is, named from the case
// itself, and the message with its timestamps as dates. The JSON path stays the problem's address (the
// dock shows it beside the words and in the tooltip, for underwriters); these functions only describe it.
//
// Case text (carrier, driver and vehicle names) is quoted through excerpt(): at most 40 graphemes, control
// and bidirectional characters escaped. The result is still plain text: escape it as untrusted text where
// it is shown as rich text.

// Where a path points, in words, from the case `root` ({"input", "offerings"}):
//   offerings[12].attributes.quote_expires_at -> "Offering 13 (Northpoint auto), quote expiry"
//   input.drivers[1].date_of_birth           -> "Driver 2 (Sam Okafor), date of birth"
//   input.vehicles_detail[0].vin             -> "Vehicle 1 (2022 Subaru Outback), VIN"
//   input.address.zip_code                   -> "Address, ZIP code"
//   input.insurance_history.lapses[0].days   -> "Insurance history, lapse 1, days"
//   ""                                        -> "The case file"
// Offerings and list items count from 1, as people count; an item the case no longer has (or has no
// name for) is named by its number alone ("Driver 3"). Fields not in the table below are their JSON
// names read as words ("bi per person"); a malformed path is returned as it is.
QString problemPlace(const JsonValue &root, const QString &path);

// `message` with every RFC 3339 timestamp or date in it ("2026-10-31T23:59:59Z", "2026-10-31") written
// as a date in the app's US English ("Oct 31, 2026"), the calendar date as the timestamp states it (its
// own offset, not converted). When two different timestamps of the message fall on the same date, both
// keep their time ("Nov 20, 2026 10:00 UTC"), so that "expired …, before it was generated …" still reads
// in order. Text that is not such a timestamp (a date in a quote id, "2026-13-45") is left as it is.
QString readableDates(const QString &message);

// "Offering 13 (Northpoint auto), quote expiry: quote qt_… expired Oct 31, 2026, before it was …":
// problemPlace and readableDates together, the sentence the dock shows.
QString problemInWords(const JsonValue &root, const Problem &problem);

} // namespace pw
