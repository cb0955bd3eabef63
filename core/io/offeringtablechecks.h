// SPDX-License-Identifier: MIT
#pragma once

#include "io/offeringcolumns.h"
#include "io/tabletext.h"

#include <QChar>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace pw {

// Decisions an offering table needs from more than one cell, made once per table before any row is
// converted (io/offeringimport.cpp): how a percent column writes plain numbers, in which order the
// file's slash dates put day and month, and whether a row's cells have shifted out of their columns.
// `records` are a table's records, `rowNumbers` their spreadsheet rows, `firstData` the first record
// after the header and `specs` the column of each cell (nullopt: a column the import does not read).

// How a percent column ("Commission %": 12,5 or 0.125) writes plain numbers; *anyPlain is set when the
// column holds any plain number at all.
PercentScale percentScale(const std::vector<QStringList> &records, const std::vector<int> &rowNumbers,
                          size_t firstData, int column, DecimalMark mark, bool *anyPlain);

// The day/month order of the date columns' slash dates: decided by a date only one order reads
// ("01/15/2027": month first); dates read only one way in both orders are an error naming one of each.
struct DateDecision {
    DateOrder order = DateOrder::Unknown;
    QString note;                     // the summary's sentence, empty when no date decided anything
    std::optional<ImportIssue> error; // dates written both ways
};
DateDecision decideDateOrder(const std::vector<QStringList> &records, const std::vector<int> &rowNumbers,
                             size_t firstData, const std::vector<std::optional<ColumnSpec>> &specs);

// Whether a data row's cells have left their columns, as a delimiter inside an unquoted value
// ("$3,240.00" in a comma-separated file) does: an error for the row when it has more cells than the
// header (`headerCells`; without a header row: the column order) with a value past the last named column
// (`headerWidth`), or when a number cell and the cell after it read as one amount split in two ("$3" and
// "240.00"). nullopt for a sound row.
std::optional<ImportIssue> shiftedRow(const QStringList &cells, int row, bool hasHeader, int headerCells,
                                      int headerWidth, const std::vector<std::optional<ColumnSpec>> &specs,
                                      QChar delimiter);

} // namespace pw
