// SPDX-License-Identifier: MIT
#pragma once

#include "engine/ranking.h"
#include "io/json.h"

#include <QStringList>

namespace pw {

// Per-solution gap lists (engine.md §9), empty when gap analysis does not run.
struct GapLists {
    QStringList closed, open, added;
};

// The solution object of engine.md §7 for a ranked package, with the reasons of every dimension.
JsonValue solutionJson(const PreparedCase &pc, const RankedPackage &pkg, const Weights &weights, int rank,
                       const QString &label, bool winner, const GapLists &gaps);

} // namespace pw
