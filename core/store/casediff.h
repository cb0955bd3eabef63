// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "store/casefacts.h"

#include <QString>

#include <optional>
#include <vector>

namespace pw {

// One difference between two case trees, at a JSON path (io/jsonpath.h syntax). `before`/`after` are
// absent when the member did not exist on that side (added / removed), so "removed" and "set to null"
// stay distinct. Arrays of objects that carry an identity (`id` for offerings, `driver_id` for drivers)
// are matched by it, not by position: an offering moved in the list is not a change, and a changed
// offering is reported under its path in the newer tree (the older one for a removed offering), with
// `offeringId` set.
struct JsonChange {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path;
    std::optional<JsonValue> before, after;
    QString offeringId; // set for changes inside offerings[]
    static QString kindName(Kind k);
    bool operator==(const JsonChange &) const = default;
};

// Every leaf-level difference from `before` to `after`, in document order. Objects are compared member by
// member, arrays item by item (or by identity, see above); a value whose type changed is one Changed
// entry. The "workbench" object (notes, format version) is compared like any other member.
std::vector<JsonChange> diffJson(const JsonValue &before, const JsonValue &after);

// How a ranking moved between two versions: the top package before and after, and for every package in
// either snapshot its rank, cost and label on each side (absent: not in that side's top list).
struct RankingMove {
    QString key;
    QString carriers;
    std::optional<int> rankBefore, rankAfter;
    std::optional<double> costBefore, costAfter; // low estimate, annual USD
    QString labelBefore, labelAfter;
    bool operator==(const RankingMove &) const = default;
};

struct RankingDiff {
    bool topChanged = false;
    QString topBefore, topAfter; // RankingSnapshot::topText()
    qint64 qualifiedBefore = 0, qualifiedAfter = 0;
    std::vector<RankingMove> moves; // after's order first, then packages only in before
    bool operator==(const RankingDiff &) const = default;
};

RankingDiff diffRankings(const RankingSnapshot &before, const RankingSnapshot &after);

// A plain-text report of both diffs, one change a line ("changed  input.address.zip_code: "11231" →
// "11215""), for the CLI and the window. Values are written as compact JSON, so hostile text stays data.
QString renderCaseDiff(const std::vector<JsonChange> &changes, const RankingDiff &ranking);

} // namespace pw
