// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

namespace pw::bench {

// Generated benchmark cases: `perLine[i]` offerings for each requested line, spread over carriers with
// bundles, every coverage key stated, realistic grades (a few vulnerable) and premiums.
JsonValue generateCase(const QStringList &lines, const std::vector<int> &perLine, int carriers, quint32 seed);
// A typical household: 10 carriers × 3 lines, 1–2 options each.
JsonValue typicalCase(quint32 seed);

} // namespace pw::bench
