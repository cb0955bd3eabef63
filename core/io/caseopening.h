// SPDX-License-Identifier: MIT
#pragma once

#include "io/casefile.h"
#include "io/validation.h"

#include <QDateTime>

#include <atomic>
#include <functional>
#include <optional>

namespace pw {

struct EngineProfile;

// Opening a case file as the window does, in one call that may run on a worker thread: read the file,
// parse it and validate it (the typed case and its problems, with `now` as the clock), so that the
// window only swaps the finished case in. The call reports its stage and a percentage (reading 0–5,
// parsing 5–70, validating 70–100) through `progress`, from the calling thread, and stops when
// `cancel` is set: between stages, and within the parse about every megabyte.
enum class OpenStage { Reading, Parsing, Validating };

struct OpenedCase {
    CaseFileResult file;                        // root empty: cannot be read or parsed (file.problem)
    std::optional<ValidationResult> validation; // set when the file parsed and the open was not cancelled
    bool cancelled = false;                     // nothing usable: the open was cancelled
};

struct OpenControl {
    std::function<void(OpenStage stage, int percent)> progress; // may be empty
    const std::atomic<bool> *cancel = nullptr;                  // may be null
    qint64 maxBytes = kMaxCaseFileBytes;
};

OpenedCase openCaseFile(const QString &fileName, const QDateTime &now, const EngineProfile &profile,
                        const OpenControl &control = {});

} // namespace pw
