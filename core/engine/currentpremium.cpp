// SPDX-License-Identifier: MIT
#include "currentpremium.h"

#include "engine/gaps.h"
#include "engine/plainwords.h"
#include "util/numbers.h"

#include <cmath>

namespace pw {

std::optional<CurrentPremiumDisagreement> currentPremiumDisagreement(const CaseInput &input) {
    if (!input.premium || !std::isfinite(*input.premium)) return std::nullopt;
    const CoverageLines &lines = currentSource(input);
    if (lines.empty()) return std::nullopt;
    CurrentPremiumDisagreement d;
    d.stated = *input.premium;
    long long cents = 0;
    for (const auto &[name, line] : lines) {
        if (!line.annualPremium || !std::isfinite(*line.annualPremium)) return std::nullopt;
        cents += std::llround(*line.annualPremium * 100);
        d.lines << name;
    }
    d.lineSum = double(cents) / 100;
    if (std::llround(d.stated * 100) == cents) return std::nullopt;
    return d;
}

QString currentPremiumDisagreementText(const CurrentPremiumDisagreement &d) {
    const QString stated = formatMoney(d.stated, true);
    const QString lines = d.lines.size() == 1
                              ? QStringLiteral("today's %1 premium is").arg(d.lines.first())
                              : QStringLiteral("today's %1 premiums add up to").arg(joinWords(d.lines));
    return QStringLiteral("Today's premium is stated as %1, but %2 %3; changes against "
                          "today are measured from %1 — check which is right.")
        .arg(stated, lines, formatMoney(d.lineSum, true));
}

} // namespace pw
