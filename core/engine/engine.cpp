// SPDX-License-Identifier: MIT
// The pipeline FILTER → ASSEMBLE → PRICE → SCORE → RANK and the run object (engine.md §1–§10).
#include "engine.h"

#include "engine/explain.h"
#include "engine/gaps.h"
#include "engine/packages.h"
#include "engine/ranking.h"
#include "io/validation.h"
#include "util/dates.h"

#include <QElapsedTimer>
#include <QUuid>

namespace pw {

namespace {

const EngineProfile &profileOf(const EngineOptions &o) {
    return o.profile ? *o.profile : defaultProfile();
}

JsonValue warningsJson(const Problems &ps) {
    JsonValue arr = JsonValue::array();
    for (const Problem &p : ps) {
        if (p.isError()) continue;
        JsonValue w = JsonValue::object();
        w.insert(QStringLiteral("path"), p.path);
        w.insert(QStringLiteral("message"), p.message);
        arr.append(w);
    }
    return arr;
}

Weights weightsFor(const PreparedCase &pc, const EngineOptions &o) {
    if (o.customWeights) return *o.customWeights;
    const EngineProfile &p = *pc.profile;
    QString bucket = !o.appetite.isEmpty() ? o.appetite : pc.inputBucket;
    if (!p.hasBucket(bucket)) bucket = p.defaultBucket;
    return p.weights.at(bucket);
}

JsonValue runObject(const QDateTime &created, double engineMs, const JsonValue &output,
                    const JsonValue &solutions) {
    JsonValue run = JsonValue::object();
    run.insert(QStringLiteral("run_id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    run.insert(QStringLiteral("status"), QStringLiteral("completed"));
    run.insert(QStringLiteral("environment"), QStringLiteral("local"));
    run.insert(QStringLiteral("created_at"), formatTimestamp(created));
    run.insert(QStringLiteral("completed_at"), formatTimestamp(QDateTime::currentDateTimeUtc()));
    run.insert(QStringLiteral("duration_ms"), JsonValue(std::round(engineMs * 1000) / 1000));
    run.insert(QStringLiteral("stage"), QStringLiteral("COMPLETE"));
    run.insert(QStringLiteral("engine_version"), QStringLiteral(PW_VERSION));
    run.insert(QStringLiteral("output"), output);
    run.insert(QStringLiteral("solutions"), solutions);
    return run;
}

// The packages ASSEMBLE forms: one eligible offering per requested line (what the enumeration walks).
qint64 assembledPackages(const PreparedCase &pc) {
    if (pc.lines.empty()) return 0;
    qint64 n = 1;
    for (size_t s = 0; s < pc.lines.size(); ++s)
        n *= qint64(pc.packed[s].size());
    return n;
}

} // namespace

JsonValue gapOnlyCase(const JsonValue &caseRoot) {
    JsonValue root = caseRoot;
    if (root[u"input"].isObject()) {
        JsonValue input = root[u"input"];
        JsonValue config = JsonValue::object();
        config.insert(QStringLiteral("quote_matching"), false);
        config.insert(QStringLiteral("coverage_analysis"), true);
        input.insert(QStringLiteral("request_config"), config);
        root.insert(QStringLiteral("input"), input);
    }
    return root;
}

Preparation prepareCase(const JsonValue &caseRoot, const EngineOptions &options) {
    Preparation prep;
    const EngineProfile &profile = profileOf(options);
    options.report(EngineProgress::Stage::Validating);
    ValidationResult v = validateCase(caseRoot, options.now, profile, OfferingsRead::ForQuoteMatching);
    prep.problems = std::move(v.problems);
    if (!options.appetite.isEmpty() && !profile.hasBucket(options.appetite))
        prep.problems.push_back({Problem::Severity::Error, QStringLiteral("--appetite"),
                                 QStringLiteral("unknown appetite bucket \"%1\" (expected %2)")
                                     .arg(options.appetite, profile.bucketOrder.join(QStringLiteral(", ")))});
    prep.routing = routeCase(v.parsed.input);
    if (options.forceGapAnalysis) prep.routing.gapAnalysis = true;
    if (hasErrors(prep.problems)) return prep;
    auto pc = std::make_shared<PreparedCase>();
    pc->cs = std::move(v.parsed);
    pc->root = caseRoot;
    pc->now = options.now;
    pc->profile = &profile;
    pc->inputBucket = pc->cs.input.appetiteBucket;
    pc->routing = prep.routing;
    for (const Problem &p : prep.problems)
        if (!p.isError()) pc->warnings.push_back(p);
    if (pc->routing.quoteMatching) {
        options.report(EngineProgress::Stage::Preparing);
        buildPrepared(*pc);
        options.report(EngineProgress::Stage::Pricing, 0, assembledPackages(*pc));
        if (!computeReference(*pc, Search::Pruned, options.cancel.get())) {
            prep.cancelled = true;
            return prep;
        }
    } else {
        // Gap-only: coverage_types counts only when valid (§11.6).
        for (const auto &t : gapRequestedLines(pc->cs.input))
            pc->lines.push_back(*lineFromName(t));
        pc->currentPremium = currentPremiumOf(pc->cs.input);
    }
    prep.prepared = pc;
    return prep;
}

namespace {

// The ranked packages of a run with what their solution objects need; each object is built on request.
class PackageSolutions : public RunSolutions {
public:
    std::shared_ptr<const PreparedCase> keep; // holds the case for staged runs
    const PreparedCase *pc = nullptr;
    Weights weights{};
    std::vector<RankedPackage> top;
    std::vector<Label> labels;
    std::vector<bool> winners;
    std::vector<GapLists> gaps; // per solution when gap analysis runs, else empty

    size_t size() const override { return top.size(); }
    JsonValue solution(size_t i) const override {
        return solutionJson(*pc, top[i], weights, int(i + 1), labelName(labels[i]), winners[i],
                            gaps.empty() ? GapLists{} : gaps[i]);
    }
};

// Everything of a run but the solution objects. `output` is null when cancelled.
struct Staged {
    QDateTime created;
    JsonValue output;
    std::shared_ptr<PackageSolutions> solutions;
};

Staged rankStaged(const PreparedCase &pc, const EngineOptions &options) {
    Staged st;
    st.created = QDateTime::currentDateTimeUtc();
    st.solutions = std::make_shared<PackageSolutions>();
    PackageSolutions &sols = *st.solutions;
    sols.pc = &pc;
    JsonValue output = JsonValue::object();
    std::optional<GapAnalysis> before;
    if (pc.routing.gapAnalysis) before = analyseCurrentCoverage(pc.cs.input, pc.now, *pc.profile);
    auto currentPremium = pc.currentPremium ? JsonValue(round2(*pc.currentPremium)) : JsonValue();

    if (!pc.routing.quoteMatching) {
        output.insert(QStringLiteral("coverage_analysis"), before->toJson());
        output.insert(QStringLiteral("current_premium"), currentPremium);
        st.output = std::move(output);
        return st;
    }

    sols.weights = weightsFor(pc, options);
    RankResult ranked;
    if (pc.missingLines.isEmpty()) {
        options.report(EngineProgress::Stage::Ranking, 0, assembledPackages(pc));
        ranked = rankPackages(pc, sols.weights, std::max(1, options.top), options.cancel.get());
        if (ranked.cancelled) return st;
    }
    const QStringList requested = gapRequestedLines(pc.cs.input);
    const QString state = normalisedState(pc.cs.input.address.state); // once per run, not per solution
    sols.top = std::move(ranked.top);
    options.report(EngineProgress::Stage::Explaining, 0, qint64(sols.top.size()));
    for (const RankedPackage &pkg : sols.top) {
        std::optional<Label> label;
        for (const auto &w : ranked.winners)
            if (w.package.pos == pkg.pos) label = w.label;
        sols.labels.push_back(label.value_or(ownLabel(pkg.nums)));
        sols.winners.push_back(label.has_value());
        if (before) {
            std::vector<const Offering *> lines;
            for (int s = 0; s < int(pc.lines.size()); ++s)
                lines.push_back(&pc.cs.offerings[size_t(factAt(pc, pkg.pos, s).offering)]);
            const CaseInput &in = pc.cs.input;
            const GapAnalysis after = analysePackageGaps(in, withPackageLines(currentSource(in), lines),
                                                         requested, state, pc.now, *pc.profile);
            sols.gaps.push_back(comparePackageGaps(*before, after));
        }
        options.report(EngineProgress::Stage::Explaining, qint64(sols.labels.size()),
                       qint64(sols.top.size()));
    }
    output.insert(QStringLiteral("pool_size"), int(pc.cs.offerings.size()));
    output.insert(QStringLiteral("ignored"), int(pc.ignored.size()));
    output.insert(QStringLiteral("filtered"), int(pc.filtered.size()));
    JsonValue ignored = JsonValue::array();
    for (int i : pc.ignored) {
        JsonValue o = JsonValue::object();
        o.insert(QStringLiteral("id"), pc.cs.offerings[size_t(i)].id);
        o.insert(QStringLiteral("category"), pc.cs.offerings[size_t(i)].category);
        ignored.append(o);
    }
    output.insert(QStringLiteral("ignored_offerings"), ignored);
    JsonValue filtered = JsonValue::array();
    for (const auto &f : pc.filtered) {
        const Offering &o = pc.cs.offerings[size_t(f.offering)];
        JsonValue x = JsonValue::object();
        x.insert(QStringLiteral("id"), o.id);
        x.insert(QStringLiteral("provider_id"), o.statedText(u"provider_id"));
        x.insert(QStringLiteral("provider_name"), o.statedText(u"provider_name"));
        x.insert(QStringLiteral("category"), o.category);
        x.insert(QStringLiteral("reason"), f.reason);
        x.insert(QStringLiteral("detail"), f.detail);
        filtered.append(x);
    }
    output.insert(QStringLiteral("filtered_offerings"), filtered);
    JsonValue missing = JsonValue::array();
    for (const auto &l : pc.missingLines)
        missing.append(l);
    output.insert(QStringLiteral("missing_lines"), missing);
    output.insert(QStringLiteral("message"),
                  pc.missingLines.isEmpty()
                      ? JsonValue()
                      : JsonValue(QStringLiteral("No complete package: no eligible offering for %1.")
                                      .arg(pc.missingLines.join(QStringLiteral(", ")))));
    output.insert(QStringLiteral("current_premium"), currentPremium);
    output.insert(QStringLiteral("solution_count"),
                  JsonValue(qint64(pc.missingLines.isEmpty() ? pc.packageCount : 0)));
    output.insert(QStringLiteral("qualified_count"),
                  JsonValue(qint64(pc.missingLines.isEmpty() ? pc.qualifiedCount : 0)));
    output.insert(QStringLiteral("warnings"), warningsJson(pc.warnings));
    if (before) output.insert(QStringLiteral("coverage_analysis"), before->toJson());
    st.output = std::move(output);
    return st;
}

} // namespace

JsonValue rankPrepared(const PreparedCase &pc, const EngineOptions &options, double *engineMs) {
    QElapsedTimer timer;
    timer.start();
    const Staged st = rankStaged(pc, options);
    if (st.output.isNull()) return JsonValue();
    JsonValue solutions = JsonValue::array();
    for (size_t i = 0; i < st.solutions->size(); ++i)
        solutions.append(st.solutions->solution(i));
    const double ms = timer.nsecsElapsed() / 1e6;
    if (engineMs) *engineMs = ms;
    return runObject(st.created, ms, st.output, solutions);
}

namespace {

// Starts the engine's clock and prepares the case. The built-in profile and the state minimum table are
// read once per process, before the first case's clock starts: `duration_ms` is the engine's time on the
// case, not the process's start-up.
Preparation startAndPrepare(const JsonValue &caseRoot, const EngineOptions &options, QElapsedTimer &timer) {
    profileOf(options);
    stateMinimum(QString());
    timer.start();
    return prepareCase(caseRoot, options);
}

} // namespace

EngineRun runEngine(const JsonValue &caseRoot, const EngineOptions &options) {
    QElapsedTimer timer;
    Preparation prep = startAndPrepare(caseRoot, options, timer);
    EngineRun r;
    r.problems = std::move(prep.problems);
    r.routing = prep.routing;
    if (!prep.prepared) return r;
    double rankMs = 0;
    JsonValue run = rankPrepared(*prep.prepared, options, &rankMs);
    if (!run.isObject()) return r; // cancelled
    r.engineMs = timer.nsecsElapsed() / 1e6;
    run.insert(QStringLiteral("duration_ms"), JsonValue(std::round(r.engineMs * 1000) / 1000));
    r.run = std::move(run);
    return r;
}

StagedRun runEngineStaged(const JsonValue &caseRoot, const EngineOptions &options) {
    QElapsedTimer timer;
    Preparation prep = startAndPrepare(caseRoot, options, timer);
    StagedRun r;
    r.problems = std::move(prep.problems);
    if (!prep.prepared) return r;
    Staged st = rankStaged(*prep.prepared, options);
    if (st.output.isNull()) return r; // cancelled
    st.solutions->keep = prep.prepared;
    r.engineMs = timer.nsecsElapsed() / 1e6;
    r.run = runObject(st.created, r.engineMs, st.output, JsonValue::array());
    r.solutions = std::move(st.solutions);
    return r;
}

} // namespace pw
