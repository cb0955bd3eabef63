// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

namespace pw {

// Rounds half away from zero on the shortest decimal form of the double, so 58.175 (stored as
// 58.17499999…) rounds to 58.18 as a person reading "58.175" expects. Non-finite values pass through.
double roundHalfAway(double v, int decimals = 2);

// Money as agents read it: "$6,620" or "$6,620.50" (cents shown only when there are any).
QString formatMoney(double v, bool alwaysCents = false);
// A signed change: "+$2,632" / "−$410".
QString formatSignedMoney(double v);
// A limit as agents write it: 250000 -> "250,000".
QString formatNumber(double v, int decimals = 0);
// A count (packages, offerings, gaps) in every human-readable place — documents, the command line's
// text, the window: US grouping whatever the system's locale, as the amounts beside it are written
// ("$6,620"), since the product's documents are US insurance documents: 3176523000000 ->
// "3,176,523,000,000". Machine fields (CSV cells, JSON members) keep plain numbers.
QString formatCount(qint64 n);

} // namespace pw
