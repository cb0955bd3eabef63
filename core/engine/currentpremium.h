// SPDX-License-Identifier: MIT
#pragma once

#include "model/case.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace pw {

// Today's premium stated twice and disagreeing (engine.md §4: `output.current_premium` is
// `input.premium` when stated, else the sum of the current lines' `annual_premium`). When a case
// states `input.premium` and every current line (current_portfolio when it is an object, else
// current_coverage) also states an `annual_premium`, the two figures should agree to the cent; when
// they do not, every change against today is measured from `input.premium` and the per-line figures
// printed beside it silently add up to something else. Amounts in US dollars per year.
struct CurrentPremiumDisagreement {
    double stated = 0;  // input.premium, what changes are measured from
    double lineSum = 0; // Σ annual_premium of the current lines, in cents then dollars
    QStringList lines;  // the current lines summed, by name ("auto", "home", "umbrella")
    bool operator==(const CurrentPremiumDisagreement &) const = default;
};

// The disagreement of a case, or nullopt when the figures agree to the cent, when input.premium is not
// stated, or when a current line states no premium (a partial sum is no second figure).
std::optional<CurrentPremiumDisagreement> currentPremiumDisagreement(const CaseInput &input);

// One plain sentence naming both figures and which one changes are measured from:
// "Today's premium is stated as $3,988.23, but today's auto, home and umbrella premiums
// add up to $3,700.00; changes against today are measured from $3,988.23 — check which is right."
QString currentPremiumDisagreementText(const CurrentPremiumDisagreement &d);

} // namespace pw
