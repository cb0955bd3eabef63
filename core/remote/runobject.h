// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QString>

namespace pw {

// What the client accepts in a Nexio run object (nexio-api.md "Run object"). The status enum is closed:
// queued and processing go on, completed, degraded and failed are terminal, anything else is unknown and
// ends the watch. Unknown members are tolerated everywhere; the members the workbench reads and shows
// must have the documented types, so a lying server cannot make a table of "—", "$inf" or rank 1e400.
bool isKnownRunStatus(const QString &status);
bool isTerminalRunStatus(const QString &status);

// Empty when the run object is usable, else one sentence naming the first bad member by its path
// (`solutions[2].est_cost_low is "cheap", not a number`). Checks solutions (an array of objects, each with
// a finite whole positive rank, finite costs, an offerings array, a scorecard object), output (an
// object), stage (a string) and duration_ms (a finite number); null stands for absent.
QString checkRunObject(const JsonValue &run);

} // namespace pw
