// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QAbstractTableModel>

#include <vector>

namespace pw {

// The library's cases as a table (one row per household, its newest version). A thin adapter: the rows
// are set whole (setCases) from a query that ran off the GUI thread; sorting is a QSortFilterProxyModel
// over SortRole (numbers and times sort as such, text case-insensitively). Case text is plain data: it is
// shown as it is, never interpreted as markup, with control characters made visible.
class LibraryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Insured,
        State,
        Zip,
        Lines,
        TopPackage,
        Cost,
        Qualified,
        Modified,
        Versions,
        Runs,
        Carriers,
        File,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int CaseIdRole = Qt::UserRole + 2;
    static constexpr int VersionIdRole = Qt::UserRole + 3;

    explicit LibraryModel(QObject *parent = nullptr);

    void setCases(std::vector<LibraryCase> cases) { replaceCases(std::move(cases)); }
    // Sets the rows and hands back the old ones (so the caller may free them elsewhere).
    std::vector<LibraryCase> replaceCases(std::vector<LibraryCase> cases);
    const LibraryCase &caseAt(int row) const { return m_cases[size_t(row)]; }
    int rowOf(qint64 caseId) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<LibraryCase> m_cases;
};

// Text from a case for a one-line cell: line breaks shown as '·', other control and bidirectional
// formatting characters as escapes (escapeControls, util/displaytext.h).
QString singleLine(const QString &text);

} // namespace pw
