// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "remote/apiresult.h"

#include <QString>

namespace pw {

// How following a remote run ended. Completed and Degraded are successes (Degraded with the server's
// warning from output.degradation_reason in `message`); Failed is a run the server reports failed (its
// error and error_details in `message`); Error means the workbench could not get an answer (`error`
// says why: refused, network, timeout, malformed…); Cancelled means the user stopped watching.
struct RunOutcome {
    enum class Kind { Completed, Degraded, Failed, Error, Cancelled };
    Kind kind = Kind::Error;
    QString runId;   // empty when the submission itself failed
    JsonValue run;   // the last run object received
    ApiResult error; // Kind::Error
    QString message; // a plain sentence

    bool succeeded() const { return kind == Kind::Completed || kind == Kind::Degraded; }
    static QString kindName(Kind k);
};

} // namespace pw
