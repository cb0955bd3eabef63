// SPDX-License-Identifier: MIT
#include "offeringtablechecks.h"

#include "io/problem.h"

#include <QRegularExpression>

namespace pw {

PercentScale percentScale(const std::vector<QStringList> &records, const std::vector<int> &rowNumbers,
                          size_t firstData, int column, DecimalMark mark, bool *anyPlain) {
    PercentScale s;
    for (size_t r = firstData; r < records.size(); ++r) {
        if (column >= records[r].size()) continue;
        const QString t = records[r][column].trimmed();
        if (t.isEmpty() || t.endsWith(u'%')) continue;
        const auto v = parseNumberText(t, mark);
        if (!v) continue;
        *anyPlain = true;
        if (*v > 1) {
            s.points = true;
            s.witness = QStringLiteral("%1 in row %2").arg(excerpt(t, 20)).arg(rowNumbers[r]);
            return s;
        }
    }
    return s;
}

DateDecision decideDateOrder(const std::vector<QStringList> &records, const std::vector<int> &rowNumbers,
                             size_t firstData, const std::vector<std::optional<ColumnSpec>> &specs) {
    struct Witness {
        int row = 0, column = -1;
        QString text;
    };
    std::optional<Witness> monthFirst, dayFirst;
    for (size_t r = firstData; r < records.size() && !(monthFirst && dayFirst); ++r) {
        for (int c = 0; c < int(records[r].size()) && c < int(specs.size()); ++c) {
            const auto &spec = specs[size_t(c)];
            if (!spec || (spec->kind != CellKind::ExpiryDate && spec->kind != CellKind::Timestamp)) continue;
            const auto d = slashDateOf(records[r][c]);
            if (!d) continue;
            if (d->second > 12 && d->first <= 12 && !monthFirst)
                monthFirst = Witness{rowNumbers[r], c, records[r][c].trimmed()};
            if (d->first > 12 && d->second <= 12 && !dayFirst)
                dayFirst = Witness{rowNumbers[r], c, records[r][c].trimmed()};
        }
    }
    auto where = [](const Witness &w) {
        return QStringLiteral("row %1, column %2: \"%3\"")
            .arg(w.row)
            .arg(columnLetter(w.column), excerpt(w.text, 20));
    };
    DateDecision d;
    if (monthFirst && dayFirst) {
        const Witness &first = monthFirst->row <= dayFirst->row ? *monthFirst : *dayFirst;
        const Witness &other = &first == &*monthFirst ? *dayFirst : *monthFirst;
        const bool firstIsMonthFirst = &first == &*monthFirst;
        d.error = ImportIssue{
            first.row, first.column, QString(),
            QStringLiteral("dates are written two ways: \"%1\" here reads only %2, but %3 "
                           "reads only %4; write every date as YYYY-MM-DD")
                .arg(excerpt(first.text, 20),
                     firstIsMonthFirst ? QStringLiteral("month first") : QStringLiteral("day first"),
                     where(other),
                     firstIsMonthFirst ? QStringLiteral("day first") : QStringLiteral("month first")),
            true};
        return d;
    }
    if (monthFirst) {
        d.order = DateOrder::MonthFirst;
        d.note = QStringLiteral("dates: month first (MM/DD/YYYY), as %1 shows").arg(where(*monthFirst));
    } else if (dayFirst) {
        d.order = DateOrder::DayFirst;
        d.note = QStringLiteral("dates: day first (DD/MM/YYYY), as %1 shows").arg(where(*dayFirst));
    }
    return d;
}

std::optional<ImportIssue> shiftedRow(const QStringList &cells, int row, bool hasHeader, int headerCells,
                                      int headerWidth, const std::vector<std::optional<ColumnSpec>> &specs,
                                      QChar delimiter) {
    int width = 0;
    for (int c = 0; c < int(cells.size()); ++c)
        if (!cells[c].trimmed().isEmpty()) width = c + 1;
    const QString what = delimiterName(delimiter);
    if (int(cells.size()) > headerCells && width > headerWidth)
        return ImportIssue{
            row, -1, QString(),
            QStringLiteral(
                "the row has %1 cells but the %2 has %3 columns: a %4 inside a value without "
                "quotes (such as $3,240.00) splits it in two and shifts every cell after it; quote "
                "the value or remove the %4")
                .arg(width)
                .arg(hasHeader ? QStringLiteral("header") : QStringLiteral("table without a header row"))
                .arg(headerWidth)
                .arg(what),
            true};
    if (delimiter != u',') return std::nullopt;
    // "$3,240.00" written without quotes: "$3" in the premium column and "240.00" in the next one.
    static const QRegularExpression head(QStringLiteral("^\\$?\\s*\\d{1,3}$"));
    static const QRegularExpression tail(QStringLiteral("^\\d{3}(\\.\\d{1,2})?$"));
    for (int c = 0; c + 1 < int(cells.size()) && c < int(specs.size()); ++c) {
        if (!specs[size_t(c)] || !isNumberKind(specs[size_t(c)]->kind)) continue;
        const QString a = cells[c].trimmed(), b = cells[c + 1].trimmed();
        if (!head.match(a).hasMatch() || !tail.match(b).hasMatch()) continue;
        if (!a.startsWith(u'$') && !b.contains(u'.')) continue;
        return ImportIssue{
            row, c, QString(),
            QStringLiteral("\"%1\" and \"%2\" in the next column read as one amount, %1,%2, split "
                           "by a comma without quotes; quote the amount or remove the comma")
                .arg(excerpt(a, 20), excerpt(b, 20)),
            true};
    }
    return std::nullopt;
}

} // namespace pw
