// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace pw {

// What the case library indexes about one case, read from its JSON tree (product.md §8): the insured's
// name, state and ZIP, the requested lines, the carriers named anywhere (offerings and current coverage)
// and the policy numbers (current coverage and offerings). `searchText` is all of it lower-cased and
// joined, so a search is one portable `LIKE` over one column. Texts are trimmed; a missing field is
// empty, never guessed.
struct CaseFacts {
    QString insuredName;
    QString state;
    QString zip;
    QStringList lines;         // input.coverage_types in their order
    QStringList carriers;      // distinct, in first-seen order
    QStringList policyNumbers; // distinct, in first-seen order
    QString searchText;
    bool operator==(const CaseFacts &) const = default;
};

CaseFacts caseFactsOf(const JsonValue &caseRoot);

// The text a search term is matched against: lower-cased (full Unicode case folding as QString knows it).
QString searchKey(const QString &text);

// One ranked package as a version remembers it: enough to say how a ranking moved between versions.
// `key` identifies the package independently of rank (its offering ids, sorted, joined by '+').
// Costs are annual US dollars; a package with a single price has low == high.
struct RankedPackage {
    int rank = 0;
    QString key;
    QString carriers; // per line, as the ranking shows it ("Harborview / Harborview / Keystone")
    double costLow = 0, costHigh = 0;
    QString label; // cluster_label ("recommended", "budget", …); empty when the run gave none
    bool qualified = true;
    bool operator==(const RankedPackage &) const = default;
};

// The ranking of one version at the time it was saved: its top packages (at most kSnapshotPackages),
// the counts, and what identifies the run (engine.md §10 run object; hashes are SHA-256 hex, first 16
// digits). An empty snapshot (no packages, hasRun false) means the version was never ranked — a case with
// validation errors, for example.
struct RankingSnapshot {
    static constexpr int kSnapshotPackages = 10;
    bool hasRun = false;
    std::vector<RankedPackage> packages;
    qint64 solutionCount = 0; // packages ranked; may exceed 2^31 for a large case
    qint64 qualifiedCount = 0;
    QString engineVersion;
    QString profileHash;
    QString inputHash;
    QString appetite;
    QDateTime clock; // the clock the run used (its created_at), UTC

    const RankedPackage *top() const { return packages.empty() ? nullptr : &packages.front(); }
    // "Harborview / Harborview / Keystone, $6,620" — or empty when there is no ranking.
    QString topText() const;
    JsonValue toJson() const;
    static RankingSnapshot fromJson(const JsonValue &json);
    bool operator==(const RankingSnapshot &) const = default;
};

// Builds the snapshot of a local run object for the case it ranked. `clock` is the injected clock the
// run's date rules used (invalid: the wall clock, taken from the run's created_at); `profileBytes` is the
// engine profile the run used (empty: the bundled one).
RankingSnapshot snapshotOfRun(const JsonValue &run, const JsonValue &caseRoot, const QString &appetite,
                              const QDateTime &clock, const QByteArray &profileBytes = QByteArray());
// Ranks the case with the local engine at `now` (its own appetite bucket) and returns the snapshot; an
// empty snapshot when the case has validation errors. Used where no window has ranked the case (import).
RankingSnapshot rankCaseSnapshot(const JsonValue &caseRoot, const QDateTime &now);

// SHA-256 (first 16 hex digits) of the API request body as compact JSON: what the engine ranked.
QString caseInputHash(const JsonValue &caseRoot);
// SHA-256 (first 16 hex digits) of the bundled engine profile.
QString bundledProfileHash();

} // namespace pw
