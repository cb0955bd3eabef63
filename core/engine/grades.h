// SPDX-License-Identifier: MIT
#pragma once

#include "engine/profile.h"

#include <QString>

#include <optional>

namespace pw {

// A financial-strength grade read as engine.md §5.3 says: trimmed, upper case, "−" read as "-", one
// trailing "(…)" and one space-separated suffix dropped; Demotech's A″ / A" / A'' and A′ / A' unified.
struct Grade {
    bool demotech = false;
    QString grade; // canonical; empty = not stated
};

Grade normaliseGrade(const QString &qualityRating, const QString &agency);
// The grade's table entry; nullopt when the grade is unknown (a validation error). Not stated and "NR"
// give the profile's not-rated score.
std::optional<GradeEntry> gradeEntry(const EngineProfile &profile, const Grade &g);

} // namespace pw
