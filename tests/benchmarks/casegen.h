// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

namespace pw::bench {

// Generated benchmark cases: `perLine[i]` offerings for each requested line, spread over carriers with
// bundles, every coverage key stated, realistic grades (a few vulnerable) and premiums. No current
// coverage: quote matching only.
JsonValue generateCase(const QStringList &lines, const std::vector<int> &perLine, int carriers, quint32 seed);

// The same offerings for a household shaped like the cases agents rank: applicant, drivers (one a
// teen), vehicles with model years, a residence, current home and auto coverage with a known incumbent
// among the carriers (so incumbent matching runs for every offering), insurance history and
// request_config asking for quote matching and gap analysis (dual mode). Offerings carry quote dates,
// term, constraints and a few indicative rates, like real quotes.
JsonValue householdCase(const QStringList &lines, const std::vector<int> &perLine, int carriers,
                        quint32 seed);

// How the premiums of a tied case are set: as householdCase (Random), all 1,000 with bundles at 900 a
// line (Equal), or 999.99 / 1,000 / 1,000.01 in turn (Near, pricing scores that round alike). Equal and
// Near also give every offering one grade and one service rating, so that most packages tie on the
// overall score and the later keys of the rank order decide.
// Spread: within ±20 % of a per-line base, no bundles, grades as Random (the 50 MB carrier-per-triple case).
enum class Premiums { Random, Equal, Near, Spread };
JsonValue tiedHouseholdCase(const QStringList &lines, const std::vector<int> &perLine, int carriers,
                            quint32 seed, Premiums premiums);

// A typical household: 10 carriers × 3 lines, 1–2 options each (1,000–9,261 packages), with current
// coverage and gap analysis on.
JsonValue typicalCase(quint32 seed);

} // namespace pw::bench
