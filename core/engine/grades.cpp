// SPDX-License-Identifier: MIT
#include "grades.h"

#include <algorithm>

namespace pw {

Grade normaliseGrade(const QString &qualityRating, const QString &agency) {
    Grade g;
    g.demotech = QStringView(agency).trimmed().compare(u"demotech", Qt::CaseInsensitive) == 0;
    // Nearly every grade is already canonical ("A++", "B-", "S"): upper-case letters, '+' and '-' only,
    // which no step below changes; it is kept as it is (shared, no text built per offering).
    const bool canonical =
        !qualityRating.isEmpty() && std::all_of(qualityRating.cbegin(), qualityRating.cend(), [](QChar c) {
            return (c >= u'A' && c <= u'Z') || c == u'+' || c == u'-';
        });
    if (canonical) {
        g.grade = qualityRating;
        return g;
    }
    QString s = qualityRating.trimmed().toUpper();
    s.replace(u'\u2212', u'-');
    s.replace(u'\u2013', u'-');
    s.replace(QChar(0x2033), QStringLiteral("''"));
    s.replace(QChar(0x2032), QStringLiteral("'"));
    s.replace(QChar(0x2019), QStringLiteral("'"));
    s.replace(u'"', QStringLiteral("''"));
    // One trailing "(…)" is dropped.
    if (s.endsWith(u')')) {
        const qsizetype open = s.lastIndexOf(u'(');
        if (open >= 0 && s.indexOf(u')', open) == s.size() - 1) s = s.left(open);
    }
    s = s.trimmed();
    const int space = s.lastIndexOf(u' ');
    if (space > 0) s = s.left(space).trimmed();
    g.grade = s;
    return g;
}

std::optional<GradeEntry> gradeEntry(const EngineProfile &profile, const Grade &g) {
    if (g.grade.isEmpty() || g.grade == u"NR") return GradeEntry{profile.notRated, false};
    const auto &table = g.demotech ? profile.demotech : profile.amBest;
    const auto it = table.find(g.grade);
    if (it == table.end()) return std::nullopt;
    return it->second;
}

} // namespace pw
