// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "io/problem.h"

#include <QAbstractTableModel>

namespace pw {

// The document's validation problems (errors first, then warnings), live: severity, where the problem is
// in words named from the case ("Offering 13 (Northpoint auto), quote expiry"), the sentence with its
// timestamps as dates (engine/problemwords.h), and the raw JSON path last, for underwriters (also in the
// tooltip with the message as the validator wrote it). Activating a row asks the window to open the field
// the path names.
class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Place, Message, Path, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    // `root` is the case the problems are about (its names word the places).
    void setProblems(const Problems &problems, const JsonValue &root);
    const Problem &problem(int row) const { return m_problems[size_t(row)]; }
    int errorCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Problems m_problems;
    JsonValue m_root;
};

} // namespace pw
