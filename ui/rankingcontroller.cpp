// SPDX-License-Identifier: MIT
#include "rankingcontroller.h"

#include "backgroundwork.h"
#include "casedocument.h"
#include "engine/engine.h"
#include "engine/prepared.h"
#include "io/offeringimport.h"
#include "solutionutil.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent>

#include <algorithm>

namespace pw {

struct RankingController::JobResult {
    std::shared_ptr<const PreparedCase> prepared;
    std::optional<JsonValue> run;
    double engineMs = 0;
    bool preparedAgain = false;                       // a full run (filter and price), not a re-rank
    JsonValue gapsOnly;                               // see coverageAnalysis()
    std::shared_ptr<const OfferingVerdicts> verdicts; // see offeringVerdicts(), with the run
    bool shortened = false;                           // ranked for kQuickTop only (see isTopShortened())
};

namespace {

// The options a job ranks `pc` with: the short list first on a large case unless the whole top was asked
// for. `shortened` says whether it was cut.
EngineOptions rankingOptions(const PreparedCase &pc, EngineOptions opts, bool wholeTop, bool *shortened) {
    *shortened = !wholeTop && pc.packageCount > RankingController::kLargeEnumeration &&
                 opts.top > RankingController::kQuickTop;
    if (*shortened) opts.top = RankingController::kQuickTop;
    return opts;
}

} // namespace

RankingController::RankingController(CaseDocument *doc, QObject *parent)
    : QObject(parent)
    , m_doc(doc) {
    connect(doc, &CaseDocument::edited, this, &RankingController::documentEdited);
    // A refusal leaves the case as it was: no new ranking, and the run shown stays current.
    connect(doc, &CaseDocument::loaded, this, &RankingController::documentLoaded);
    m_progressTick = new QTimer(this);
    m_progressTick->setInterval(200);
    connect(m_progressTick, &QTimer::timeout, this, &RankingController::progressChanged);
}

RankingController::Progress RankingController::progress() const {
    Progress p;
    if (m_progress) {
        p.stage = EngineProgress::Stage(m_progress->stage.load(std::memory_order_relaxed));
        p.done = m_progress->done.load(std::memory_order_relaxed);
        p.total = m_progress->total.load(std::memory_order_relaxed);
    }
    p.elapsedMs = m_pending > 0 ? m_clock.elapsed() : 0;
    return p;
}

void RankingController::cancel() {
    if (m_pending == 0) return;
    cancelJob();
    m_userCancelled = true;
    // A run of the case as it stands (the cancelled job only asked for a longer list, or ranked again)
    // stays current; one from before an edit is stale.
    m_stale = m_run.isObject() && !m_runOfCase;
    // The worker stops at its next prefix; busy ends when it hands back (finishJob drops its result).
    emit runChanged();
}

RankingController::~RankingController() {
    // Quitting or closing the window does not wait for a long ranking: it stops at its next prefix.
    cancelJob();
}

void RankingController::cancelJob() {
    ++m_generation; // results still in flight are dropped
    if (m_cancel) m_cancel->store(true);
    m_cancel.reset();
}

QString RankingController::appetite() const {
    // Read from the tree, not the typed case: after an edit of a large case the typed case is re-read on a
    // worker (CaseDocument::isChecking) while the ranking starts at once.
    const JsonValue &v = m_doc->root()[u"input"][u"appetite_bucket"];
    const QString b = v.isString() ? v.toString().trimmed() : QString();
    const EngineProfile &p = defaultProfile();
    return p.hasBucket(b) ? b : p.defaultBucket;
}

Weights RankingController::bucketWeights() const {
    const EngineProfile &p = defaultProfile();
    const auto it = p.weights.find(appetite());
    return it != p.weights.end() ? it->second : Weights{};
}

namespace {
const QString kWeightsPath = QStringLiteral("workbench.custom_weights");
} // namespace

std::optional<Weights> RankingController::customWeights() const {
    const JsonValue v = m_doc->value(kWeightsPath);
    if (!v.isObject()) return std::nullopt;
    Weights w{};
    for (size_t i = 0; i < w.size(); ++i) {
        const JsonValue &x = v[dimensionKeys().at(qsizetype(i))];
        w[i] = x.isNumber() ? std::max(0.0, x.toDouble()) : 0.0;
    }
    return w;
}

void RankingController::setCustomWeights(const std::optional<Weights> &raw) {
    JsonValue v;
    if (raw) {
        v = JsonValue::object();
        for (size_t i = 0; i < raw->size(); ++i)
            v.insert(dimensionKeys().at(qsizetype(i)), JsonValue((*raw)[i]));
    }
    m_doc->setValue(kWeightsPath, v, raw ? tr("Change weights") : tr("Reset weights to the bucket"));
}

void RankingController::setTop(int top) {
    m_top = std::max(1, top);
    rankNow();
}

void RankingController::documentEdited(const QString &path) {
    m_runOfCase = false;
    // The bucket does not change filtering, pricing or scores: only the ranking.
    if ((path == u"input.appetite_bucket" || path.startsWith(kWeightsPath)) && m_prepared)
        rankNow();
    else
        prepareNow();
}

bool RankingController::isStale() const {
    return m_stale;
}

int RankingController::errorCount() const {
    // Of the tree: text a field refused left the case as it was and blocks no ranking (F4 of the window
    // findings: "the case keeps its previous value" and a current ranking agree).
    const Problems &problems = m_doc->validationProblems();
    return int(std::count_if(problems.begin(), problems.end(), [](const Problem &p) { return p.isError(); }));
}

const JsonValue &RankingController::coverageAnalysis() const {
    const JsonValue &ca = m_run[u"output"][u"coverage_analysis"];
    return hasRun() && !isStale() ? ca : m_gapsOnly;
}

void RankingController::documentLoaded() {
    cancelJob(); // a job of the previous case still in flight stops and is dropped
    // The previous case's run and prepared case may be large: freed off the GUI thread.
    releaseInBackground(std::exchange(m_run, JsonValue()));
    releaseInBackground(std::exchange(m_verdicts, nullptr));
    releaseInBackground(std::exchange(m_gapsOnly, JsonValue()));
    releaseInBackground(std::exchange(m_prepared, nullptr), ReturnMemory::Yes);
    m_stale = false;
    m_runOfCase = false;
    m_wholeTop = false;
    m_shortened = false;
    emit runChanged();
}

void RankingController::setPending(int delta) {
    const bool was = m_pending > 0;
    m_pending += delta;
    if (was == (m_pending > 0)) return;
    if (m_pending > 0)
        m_progressTick->start();
    else
        m_progressTick->stop();
    emit busyChanged(m_pending > 0);
}

EngineOptions RankingController::currentOptions() const {
    EngineOptions opts;
    opts.now = m_doc->now();
    opts.appetite = appetite();
    if (auto w = customWeights()) {
        double sum = 0;
        for (double x : *w)
            sum += x;
        if (sum > 0) {
            for (double &x : *w)
                x /= sum;
            opts.customWeights = w;
        }
    }
    opts.top = m_top;
    return opts;
}

void RankingController::startJob(EngineOptions opts, std::function<JobResult(const EngineOptions &)> work) {
    cancelJob(); // a new edit makes the job in flight useless
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    opts.cancel = m_cancel;
    m_userCancelled = false;
    m_progress = std::make_shared<SharedProgress>();
    opts.progress = [progress = m_progress, observer = m_progressObserver](const EngineProgress &p) {
        progress->done.store(p.done, std::memory_order_relaxed);
        progress->total.store(p.total, std::memory_order_relaxed);
        progress->stage.store(int(p.stage), std::memory_order_relaxed);
        if (observer) observer(p);
    };
    const quint64 gen = ++m_generation;
    m_clock.start();
    setPending(+1);
    emit jobStarted();
    auto *watcher = new QFutureWatcher<JobResult>(this);
    connect(watcher, &QFutureWatcher<JobResult>::finished, this, [this, watcher, gen] {
        // Taken out of the future, so what the job made is dropped where finishJob says, not with the
        // watcher.
        JobResult r = watcher->future().takeResult();
        watcher->deleteLater();
        finishJob(gen, std::move(r));
    });
    watcher->setFuture(
        runInBackground([work = std::move(work), opts = std::move(opts)] { return work(opts); }));
}

void RankingController::rankWholeTop() {
    m_wholeTop = true;
    rankNow();
}

void RankingController::prepareNow() {
    // The prepared case is of an older tree now: a re-rank asked for before this job ends (the bucket, the
    // weights, "Rank the top") prepares the case again instead of ranking the older one.
    releaseInBackground(std::exchange(m_prepared, nullptr));
    startJob(currentOptions(), [root = m_doc->root(), whole = m_wholeTop](const EngineOptions &opts) {
        JobResult r;
        r.preparedAgain = true;
        const Preparation prep = prepareCase(root, opts);
        r.prepared = prep.prepared;
        if (prep.prepared) {
            const EngineOptions ranking = rankingOptions(*prep.prepared, opts, whole, &r.shortened);
            if (JsonValue run = rankPrepared(*prep.prepared, ranking, &r.engineMs); run.isObject()) {
                r.verdicts = OfferingVerdicts::of(root, run[u"output"]);
                r.run = std::move(run);
            }
        } else if (prep.routing.gapAnalysis && !prep.cancelled) {
            const Preparation gaps = prepareCase(gapOnlyCase(root), opts);
            if (gaps.prepared)
                r.gapsOnly = rankPrepared(*gaps.prepared, opts)[u"output"][u"coverage_analysis"];
        }
        return r;
    });
}

void RankingController::rankNow() {
    if (!m_prepared) {
        prepareNow();
        return;
    }
    // Only the bucket or the weights changed since the case was prepared (documentEdited): the prepared
    // case's verdicts are those of the tree as it now stands.
    startJob(currentOptions(),
             [prepared = m_prepared, root = m_doc->root(), whole = m_wholeTop](const EngineOptions &opts) {
                 JobResult r;
                 r.prepared = prepared;
                 const EngineOptions ranking = rankingOptions(*prepared, opts, whole, &r.shortened);
                 if (JsonValue run = rankPrepared(*prepared, ranking, &r.engineMs); run.isObject()) {
                     r.verdicts = OfferingVerdicts::of(root, run[u"output"]);
                     r.run = std::move(run);
                 }
                 return r;
             });
}

void RankingController::finishJob(quint64 generation, JobResult r) {
    setPending(-1);
    if (generation != m_generation) {
        // A newer edit superseded (or cancelled) this job: what it made (a prepared case of a large case)
        // is freed off the GUI thread.
        releaseInBackground(std::move(r));
        return;
    }
    m_cancel.reset();
    m_wallMs = double(m_clock.nsecsElapsed()) / 1e6;
    if (r.preparedAgain) {
        releaseInBackground(std::exchange(m_prepared, r.prepared));
        releaseInBackground(std::exchange(m_gapsOnly, r.gapsOnly));
    }
    if (r.run) {
        releaseInBackground(std::exchange(m_run, *r.run));
        releaseInBackground(std::exchange(m_verdicts, r.verdicts));
        m_stale = false;
        m_runOfCase = true; // the job was not superseded: no edit came after it started
        m_shortened = r.shortened;
        m_engineMs = r.engineMs;
    } else {
        m_stale = m_run.isObject();
        m_runOfCase = false;
    }
    emit runChanged();
}

bool RankingController::waitForIdle(int timeoutMs) {
    return processEventsWhile([this] { return m_pending > 0; }, timeoutMs);
}

} // namespace pw
