// SPDX-License-Identifier: MIT
#pragma once

#include "engine/engine.h"
#include "engine/profile.h"
#include "io/json.h"
#include "io/problem.h"
#include "offeringverdicts.h"

#include <QElapsedTimer>
#include <QObject>

class QTimer;

#include <atomic>
#include <functional>

#include <memory>
#include <optional>

namespace pw {

class CaseDocument;
struct PreparedCase;

// Keeps the local ranking in step with the document. After every edit it prepares the case (filter,
// assemble, price, score) off the GUI thread with QtConcurrent and ranks it; a change of appetite bucket
// or custom weights only re-ranks the prepared case. Every job carries a generation number and results
// of superseded jobs are dropped; it also carries a cancel flag (EngineOptions::cancel), set by a new
// edit, by loading another case and by destruction (quit, closing the window), so that a long ranking
// stops at its next prefix instead of running on, or keeping the application from quitting. While the case
// has validation errors the last good run is kept and marked stale. A run always belongs to the document it
// was computed from: loading another case (New, Open, a sample, a drop) drops the run, the prepared case and
// any job still in flight, so a case never shows results computed from another case.
class RankingController : public QObject {
    Q_OBJECT
public:
    RankingController(CaseDocument *doc, QObject *parent);
    ~RankingController() override;

    const JsonValue &run() const { return m_run; }
    bool hasRun() const { return m_run.isObject(); }
    // What the shown run decided about each offering, with the offerings and input it ranked (so the
    // window shows a verdict only while it is true of the case as it stands); null without a run.
    std::shared_ptr<const OfferingVerdicts> offeringVerdicts() const { return m_verdicts; }
    bool isBusy() const { return m_pending > 0; }
    // Stale: the run shown is not of the case as it stands (validation errors, a cancelled re-rank). Text a
    // field refused is not: the case kept its previous value, so its run stays current.
    bool isStale() const;
    // Errors of the document's latest validation, not the refused inputs: they follow each edit at once
    // (not the last preparation, which ends later), so the "fix to re-rank" banner goes with the problem.
    int errorCount() const;
    double lastEngineMs() const { return m_engineMs; }
    double lastWallMs() const { return m_wallMs; }

    // The coverage analysis of the current coverage (output.coverage_analysis): the fresh run's, else,
    // while the case cannot be ranked (no offerings yet, a missing state) but asks for gap analysis,
    // that of the case as a gap-only request; null when neither exists.
    const JsonValue &coverageAnalysis() const;

    // The engine profile the window ranks with (its weights, thresholds and points; Help shows them).
    const EngineProfile &profile() const { return defaultProfile(); }
    QString appetite() const; // the bucket in effect (the case's, else the profile default)
    Weights bucketWeights() const;
    // The agent's adjusted weights as entered (raw, any sum), kept in the case's workbench object
    // (workbench.custom_weights, never sent to the API) so that each change is an undoable edit and
    // belongs to this case; nullopt: the bucket's weights. The engine gets them normalised to sum 1.
    std::optional<Weights> customWeights() const;
    void setCustomWeights(const std::optional<Weights> &raw);
    int top() const { return m_top; }
    void setTop(int top);
    // A case whose packages number more than kLargeEnumeration is ranked for its best kQuickTop first,
    // as `rank` does by default: the top 200 of 3 trillion packages takes nearly twice as long as the top
    // 10 (the search prunes less). isTopShortened(): the run shown is such a short list; rankWholeTop()
    // ranks the prepared case again for top() (and so every later run of this case).
    static constexpr qint64 kLargeEnumeration = 100'000'000;
    static constexpr int kQuickTop = 10;
    bool isTopShortened() const { return m_shortened; }

    // The options the ranking runs with (clock, appetite, the agent's weights normalised, top), for
    // anything that must rank the case as the window does (reports).
    EngineOptions currentOptions() const;

    // Where the job in flight stands (engine.md's stages, see EngineProgress), for the ranking's
    // progress strip; `elapsedMs` since the job started. Meaningful while isBusy().
    struct Progress {
        EngineProgress::Stage stage = EngineProgress::Stage::Validating;
        qint64 done = 0, total = 0;
        qint64 elapsedMs = 0;
    };
    Progress progress() const;
    // The last job was cancelled by the user (cancel()); cleared by the next job.
    bool wasCancelled() const { return m_userCancelled; }

    // Blocks until the current job is done (tests and screenshots).
    bool waitForIdle(int timeoutMs = 10000);
    // Tests: called on the worker with each progress report of later jobs, after the strip's figures
    // are stored; it may block there (a test holds a run at a stage to act on it while it is in flight).
    void setProgressObserverForTests(std::function<void(const EngineProgress &)> observer) {
        m_progressObserver = std::move(observer);
    }

public slots:
    void prepareNow(); // full re-run
    void rankNow();    // re-rank the prepared case
    // Stops the job in flight at the user's request: the run shown stays (marked stale when the case
    // changed since), and the next edit or a re-rank starts again.
    void cancel();
    void rankWholeTop();

signals:
    void runChanged();
    void busyChanged(bool busy);
    // A job started (an edit, another case, a re-rank, "Rank the top"), replacing any job in flight:
    // progress().elapsedMs counts from here, and so does the strip that shows it.
    void jobStarted();
    // While busy, about every 200 ms and at each change of stage: see progress().
    void progressChanged();

private:
    struct JobResult; // what a worker hands back
    void documentEdited(const QString &path);
    void documentLoaded();
    // Runs `work` on a worker thread with a fresh cancel flag (in `opts`); its result arrives in
    // finishJob unless a newer job superseded it. The job before it is cancelled.
    void startJob(EngineOptions opts, std::function<JobResult(const EngineOptions &)> work);
    // Stops the job in flight: its engine run ends at the next prefix and its result is dropped.
    void cancelJob();
    void finishJob(quint64 generation, JobResult r);
    void setPending(int delta);

    CaseDocument *m_doc;
    JsonValue m_run;
    std::shared_ptr<const OfferingVerdicts> m_verdicts;
    JsonValue m_gapsOnly; // coverage_analysis of the gap-only request, while the case cannot be ranked
    std::shared_ptr<const PreparedCase> m_prepared;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel; // the flag of the job in flight, if any
    // What the job in flight reports from its worker (EngineOptions::progress), read by progress().
    struct SharedProgress {
        std::atomic<int> stage{0};
        std::atomic<qint64> done{0}, total{0};
    };
    std::shared_ptr<SharedProgress> m_progress;
    std::function<void(const EngineProgress &)> m_progressObserver; // tests only, see its setter
    QTimer *m_progressTick = nullptr;
    bool m_userCancelled = false;
    int m_pending = 0;
    bool m_stale = false;
    bool m_runOfCase = false; // m_run was ranked from the case as it stands (no edit since its job started)
    int m_top = 200;
    bool m_wholeTop = false;  // the agent asked for top() on a large case (until another case is loaded)
    bool m_shortened = false; // the run shown was ranked for kQuickTop only
    double m_engineMs = 0, m_wallMs = 0;
    QElapsedTimer m_clock;
};

} // namespace pw
