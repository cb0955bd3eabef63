// SPDX-License-Identifier: MIT
#pragma once

#include "engine/profile.h"
#include "engine/routing.h"
#include "io/json.h"
#include "io/problem.h"
#include "model/case.h"

#include <QDateTime>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace pw {

struct PreparedCase; // filtered, priced and scored packages (engine internals)
class RunSolutions;  // a run's solutions, built one at a time (engine internals)

// Where a run stands, for a progress display (the window's ranking strip). Reported at the start of each
// stage of prepareCase and rankPrepared, and after each returned solution is explained. `total` is the
// stage's size where it is known, else 0: the packages the case assembles (the product of the eligible
// offerings per requested line) for Pricing and Ranking, the solutions returned for Explaining; `done`
// counts the solutions explained. Stages of one run come in this order, some may be skipped (gap-only
// runs have no Pricing, Ranking or Explaining).
struct EngineProgress {
    enum class Stage { Validating, Preparing, Pricing, Ranking, Explaining };
    Stage stage = Stage::Validating;
    qint64 done = 0;
    qint64 total = 0;
};

// What a run is asked to do. `now` is the injected clock every date rule uses.
struct EngineOptions {
    QDateTime now;
    QString appetite;                     // overrides input.appetite_bucket when not empty
    std::optional<Weights> customWeights; // the window's adjusted weights; overrides the bucket's
    int top = 10;
    const EngineProfile *profile = nullptr; // nullptr: defaultProfile()
    bool forceGapAnalysis = false; // the `gaps` command runs the analysis whatever request_config says
    // Set to true from another thread to stop a long run early (the window cancels a run that a new edit,
    // closing the case or quitting made useless). Checked between prefixes of the enumeration.
    std::shared_ptr<const std::atomic<bool>> cancel;
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    // Called on the thread running the engine as the run passes its stages (see EngineProgress); may be
    // empty. It must be quick and thread-safe (the window stores the figures in atomics).
    std::function<void(const EngineProgress &)> progress;
    void report(EngineProgress::Stage stage, qint64 done = 0, qint64 total = 0) const {
        if (progress) progress({stage, done, total});
    }
};

// The result of one local run: validation problems and, when there are no errors, the run object of
// engine.md §10 (`environment: "local"`), serialised exactly like a remote one.
struct EngineRun {
    Problems problems;            // errors and warnings
    std::optional<JsonValue> run; // absent when validation found errors
    Routing routing;
    double engineMs = 0; // engine time, measured
    bool ok() const { return run.has_value(); }
};

// Validates and runs the whole pipeline on a case file's JSON tree.
EngineRun runEngine(const JsonValue &caseRoot, const EngineOptions &options);

// The same run with its solutions not built yet: `run` holds "solutions": [] and `solutions` builds each
// solution object (engine.md §7, with its gap lists of §9) when asked, so that a long --top is written one
// solution at a time instead of held whole. `run` with every solution(i) appended equals runEngine's.
// duration_ms covers ranking, the gap analysis of every solution and the output object; the solution
// objects (scorecard reasons, breakdowns) are built while they are written.
struct StagedRun {
    Problems problems;
    std::optional<JsonValue> run; // absent when validation found errors (or cancelled)
    std::shared_ptr<const RunSolutions> solutions;
    double engineMs = 0;
    bool ok() const { return run.has_value(); }
};
StagedRun runEngineStaged(const JsonValue &caseRoot, const EngineOptions &options);

class RunSolutions {
public:
    virtual ~RunSolutions() = default;
    virtual size_t size() const = 0;
    virtual JsonValue solution(size_t i) const = 0; // the i-th solution object (rank i + 1)
};

// Two-step form for the window: prepare once (filter, assemble, price, score), then rank for any bucket
// or custom weights without filtering or pricing again. A PreparedCase is immutable and thread-safe to
// share; rankPrepared is cheap enough to call on every weight change.
struct Preparation {
    Problems problems;
    std::shared_ptr<const PreparedCase> prepared; // null when validation found errors or when cancelled
    Routing routing;
    bool cancelled = false; // options.cancel was set before the case was prepared
};
Preparation prepareCase(const JsonValue &caseRoot, const EngineOptions &options);
// Returns null (not a run object) when options.cancel was set before ranking finished.
JsonValue rankPrepared(const PreparedCase &prepared, const EngineOptions &options,
                       double *engineMs = nullptr);

// The case as a gap-only request (request_config replaced by {quote_matching: false,
// coverage_analysis: true}; offerings are then not checked): what the `gaps` command analyses, and what
// the window analyses while the case cannot be ranked yet (no offerings, no state).
JsonValue gapOnlyCase(const JsonValue &caseRoot);

} // namespace pw
