// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QHash>
#include <QString>

#include <memory>

namespace pw {

// What one run decided about each offering of the case it ranked (engine.md §2 FILTER; the run's
// output.filtered_offerings and ignored_offerings, engine.md §11), with the offerings and the input as
// that run saw them. A verdict is only true of the case as it stands while neither changed: the window
// compares an offering and the case's input with the ones kept here (a cheap comparison, since an unedited
// part of the tree shares its storage with the ranked one) and shows the verdict only when both are the
// same. Built off the GUI thread when a ranking ends (a 50 MB case has tens of thousands of offerings);
// immutable and shared once built.
struct OfferingVerdicts {
    enum class Kind { Eligible, Filtered, Ignored };
    struct Verdict {
        Kind kind = Kind::Eligible;
        QString reason; // the engine's reason code (filtered) or the offering's line (ignored)
        QString detail; // the engine's sentence (filtered), or why an ignored line is ignored
    };

    JsonValue input;               // the ranked case's `input`
    JsonValue offerings;           // the ranked case's `offerings`
    QHash<QString, int> positions; // offering id → its position in `offerings` (the first of an id)
    QHash<QString, Verdict>
        marks; // filtered and ignored offerings by id; any other evaluated one is eligible

    // The verdicts of a run `output` (a run object's `output`) ranked from the case `rankedRoot`.
    static std::shared_ptr<const OfferingVerdicts> of(const JsonValue &rankedRoot, const JsonValue &output);

    // The verdict on `offering` of the case whose input is `input`; nullptr when the run did not evaluate
    // it as it now stands (added, re-keyed or edited since, or the input changed).
    const Verdict *currentVerdict(const JsonValue &offering, const JsonValue &input) const;

private:
    Verdict m_eligible;
};

} // namespace pw
