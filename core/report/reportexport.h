// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportinputs.h"

#include <QByteArray>

namespace pw {

// The data formats of a report (product.md §6), written from the run object without retyping a figure.
//
// CSV of solutions: one row per solution, one column per field, numbers as the run object writes them
// (unformatted: 6620, -410.5), text through csvField (quoted when needed; a cell a spreadsheet would run
// as a formula made inert). Per requested line: offering id, carrier, product, grade and line premium.
// The underwriter CSV has every solution with commission, overall score and level, and score, level,
// weight and contribution of each dimension; the proposal CSV has the options the proposal offers (the
// qualified solutions, numbered) and no commission, score or level.
//
// JSON: the run object (engine.md §10). For the proposal kind it is a client-facing copy: the
// disqualified solutions are left out, and only the members the proposal itself shows are kept (a list of
// known members, not of removed ones), so no scorecard (scores, levels, weights, reasons), commission,
// eligibility rules, validation warnings or unknown members (where agents keep notes) reach the client.
QByteArray solutionsCsv(const ReportInputs &inputs, ReportKind kind);
QByteArray runJson(const ReportInputs &inputs, ReportKind kind);

} // namespace pw
