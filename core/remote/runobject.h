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

// Whether a poll's answer (a 200 run object) can be taken as the state of run `runId`. A run_id that
// differs from the one asked for (or is not a string) means the answer is another run's; no status, or
// one that is not a string, or one outside the enum, or a bad member (checkRunObject) means it cannot be
// followed. Reading chosen: an absent run_id is tolerated (the client asked for this run by its id and the
// documentation's tolerance covers missing optional members), a present one must match. Each of these
// ends the watch and marks the stored run so it is not resumed; only an unknown status is recorded as the
// server said it (the run's row keeps what the server last said that could be read otherwise).
struct RunAnswerProblem {
    enum class Kind { None, OtherRun, NoStatus, UnknownStatus, Unreadable };
    Kind kind = Kind::None;
    QString message; // one sentence naming the run, the value and what is wrong; empty for None
    explicit operator bool() const { return kind != Kind::None; }
};
RunAnswerProblem checkRunAnswer(const JsonValue &run, const QString &runId);

} // namespace pw
