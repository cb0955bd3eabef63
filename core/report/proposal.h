// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportdocument.h"
#include "report/reportinputs.h"

namespace pw {

// The client proposal (product.md §6): cover (insured, address, date, agency); the recommended package and
// why; today's coverage beside the top qualified options, line by line (carrier, product, financial
// strength in words, limits, deductibles, premium; cost range and change against today); the coverage
// gaps today and which option closes each (the gap memo); the assumptions (package prices and broken
// bundles, indicative rates, quote expiry dates); the disclosure. It never shows commission, internal
// notes (the case's workbench object), scores or levels. Options are the run's qualified solutions in
// rank order; disqualified packages are not offered to a client and are only counted.
ReportDocument buildProposal(const ReportInputs &inputs, const AgencyInfo &agency,
                             const ProposalSections &sections);

// How many options the side-by-side table shows beside today's coverage on one page width.
constexpr int kProposalOptionsPerTable = 3;

} // namespace pw
