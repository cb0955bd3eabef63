// SPDX-License-Identifier: MIT
#pragma once

#include "engine/explain.h"
#include "engine/profile.h"
#include "io/json.h"
#include "model/case.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace pw {

// Coverage gap analysis (engine.md §9): what the household lacks today, rule by rule. "Not stated" is
// never read as "none" except for endorsement-type coverage (water backup, flood), as the spec says.
struct Gap {
    QString ruleId;
    QString line;     // empty for history rules (written as null)
    QString severity; // critical, high, medium, low, info
    QString title, detail, recommendation;
    JsonValue current, recommended;
    bool operator==(const Gap &) const = default;
};

struct NotAssessed {
    QString ruleId;
    QString line;
    QStringList missing;
    bool operator==(const NotAssessed &) const = default;
};

struct GapAnalysis {
    std::vector<Gap> gaps; // ordered by severity, then rule table order, then coverage_types order
    std::vector<NotAssessed> notAssessed;
    QString memo; // plain paragraphs for the proposal
    // Rule ids that fired on at least one line, and those that could not be assessed on some line.
    QStringList firedRuleIds() const;
    JsonValue toJson() const; // the output.coverage_analysis object
    // Gaps of one severity (critical, high, medium, low, info).
    int count(const QString &severity) const;
    bool fires(const QString &ruleId) const { return firedRuleIds().contains(ruleId); }
    // Whether a rule fired on that line ("" for history) / could not be assessed there / anywhere.
    bool firesOn(const QString &ruleId, const QString &line) const;
    bool notAssessedOn(const QString &ruleId, const QString &line) const;
    bool notAssessedAnywhere(const QString &ruleId) const;
};

// The rule ids of engine.md §9 in the table's order (the second sort key of gaps[]), and the severities
// from the most to the least urgent.
const QStringList &gapRuleOrder();
const QStringList &gapSeverityOrder();

// A state's minimum auto bodily injury limits (resources/state-minimum-liability.json, read once);
// nullopt for a state missing from the table.
struct StateMinimum {
    double biPerPerson = 0, biPerAccident = 0;
};
std::optional<StateMinimum> stateMinimum(const QString &state);

// The current-coverage source (§9): current_portfolio when it is an object, else current_coverage (a
// `current_portfolio` of another type is ignored; `{}` is a source with nothing in force).
const CoverageLines &currentSource(const CaseInput &input);
// The lines gap analysis counts as requested: coverage_types when it is valid as §1 says (a non-empty
// array of distinct known lines), else none (§11.6: gap-only runs proceed without it).
QStringList gapRequestedLines(const CaseInput &input);
// The analysis of the case's current coverage, with gapRequestedLines and the state when valid: what a
// gap-only or dual run writes as output.coverage_analysis and the `gaps` command prints.
GapAnalysis analyseCurrentCoverage(const CaseInput &input, const QDateTime &now,
                                   const EngineProfile &profile);

// Runs every rule over `lines` (the current-coverage source, or it with a package's lines in place).
// `requested` is coverage_types when valid (empty otherwise); `state` the valid state code or empty.
// `withMemo` false leaves `memo` empty (a package's analysis is only compared, never shown).
GapAnalysis analyseGaps(const CaseInput &input, const CoverageLines &lines, const QStringList &requested,
                        const QString &state, const QDateTime &now, const EngineProfile &profile,
                        bool withMemo = true);

// A package's analysis, only compared with the current coverage's (comparePackageGaps) and never shown:
// the gaps and not-assessed entries of analyseGaps, in its order, but each gap holds its rule id, line and
// severity alone (title, detail, recommendation, current and recommended are empty; no memo). Building
// those texts for every returned solution was most of the per-solution gap work (engine.md §9).
GapAnalysis analysePackageGaps(const CaseInput &input, const CoverageLines &lines,
                               const QStringList &requested, const QString &state, const QDateTime &now,
                               const EngineProfile &profile);

// The current-coverage source with a package's offerings put in place of the current lines.
CoverageLines withPackageLines(const CoverageLines &current, const std::vector<const Offering *> &package);

// gaps_closed / gaps_open / gaps_new of one package, against the analysis of the current coverage.
GapLists comparePackageGaps(const GapAnalysis &before, const GapAnalysis &after);

} // namespace pw
