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

// When the proposal offers fewer options than asked for (`inputs.top`): one sentence saying how many it
// shows and why ("Up to 20 options were asked for; 6 options are shown, as only 6 of the 48 packages quoted
// meet every eligibility rule."); empty when it shows as many as asked or none at all (the recommendation
// then says why). The proposal prints it under the recommendation and the `report` command on stderr, so
// a smaller proposal than asked for is never a silent cap.
QString proposalOptionsShortfall(const ReportInputs &inputs);

// How many options the side-by-side table shows beside today's coverage on one page width.
constexpr int kProposalOptionsPerTable = 3;

} // namespace pw
