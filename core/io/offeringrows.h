// SPDX-License-Identifier: MIT
#pragma once

#include "io/offeringimport.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <map>
#include <vector>

namespace pw {

// What every imported offering goes through, whichever reader (table or JSON, io/offeringimport.cpp)
// built it: ids, carrier ids, the fields ranking needs, member order, then the plausibility of its amounts
// and case validation. Used by io/offeringimport.cpp only.

// Hands out offering ids in time linear in the rows: each base remembers the number it stopped at, so
// 100,000 rows of one carrier and line do not probe _001, _002, … again for every row.
class IdAllocator {
public:
    explicit IdAllocator(const QStringList &existing)
        : m_taken(existing.begin(), existing.end()) {}

    // base_001, base_002, …: the next number after the last one handed out that no existing id uses.
    QString numbered(const QString &base) {
        int &next = m_next[base];
        for (next = std::max(next, 1);; ++next) {
            QString candidate = base + QStringLiteral("_%1").arg(next, 3, 10, QLatin1Char('0'));
            if (!m_taken.contains(candidate)) {
                m_taken.insert(candidate);
                ++next;
                return candidate;
            }
        }
    }

    // The id itself when free, else id_2, id_3, …
    QString claim(const QString &id) {
        if (!m_taken.contains(id)) {
            m_taken.insert(id);
            return id;
        }
        int &next = m_next[id + u'#'];
        for (next = std::max(next, 2);; ++next) {
            QString candidate = id + QStringLiteral("_%1").arg(next);
            if (!m_taken.contains(candidate)) {
                m_taken.insert(candidate);
                ++next;
                return candidate;
            }
        }
    }

private:
    QSet<QString> m_taken;
    QHash<QString, int> m_next;
};

// Fills ids and carrier ids, checks that the offering names what ranking needs, and orders its members.
// `failedPaths`: fields whose cell had an error already reported, so not reported again as missing.
void finishOffering(ImportedRow &row, IdAllocator &ids, int idColumn, const QSet<QString> &failedPaths = {});

// The paths each row's cells wrote, and the column of each, to name the column of a validation error.
using WrittenPaths = std::map<QString, int>;

// Refuses implausible amounts (io/offeringplausibility.h), then validates the accepted offerings as a
// case holding them would be validated, and turns every error there into an error of its row, at the
// column that wrote the value: an import never hands on a value that `validate` or `rank` would then
// refuse.
void refuseUnsoundOfferings(std::vector<ImportedRow> &rows, const std::vector<WrittenPaths> &written,
                            const QStringList &headers);

} // namespace pw
