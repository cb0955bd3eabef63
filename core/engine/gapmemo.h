// SPDX-License-Identifier: MIT
#pragma once

#include "engine/gaps.h"

namespace pw {

// The gap memo of engine.md §9: the analysis as plain paragraphs (separated by blank lines) for the
// proposal report — who and when, what is in force, the count by severity, each gap with its
// recommendation, and what could not be assessed and why. No markup; amounts as agents write them.
// The only line breaks are the blank lines between paragraphs: a line break in case text is a space.
QString gapMemo(const GapAnalysis &analysis, const CaseInput &input, const CoverageLines &lines,
                const QStringList &requested, const QDateTime &now);

// A few words naming what a rule looks at ("uninsured motorist limits"), for sentences.
QString gapRuleSubject(const QString &ruleId);

} // namespace pw
