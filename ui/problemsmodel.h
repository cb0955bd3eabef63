// SPDX-License-Identifier: MIT
#pragma once

#include "io/problem.h"

#include <QAbstractTableModel>

namespace pw {

// The document's validation problems (errors first, then warnings), live: severity, JSON path and the
// plain sentence. Activating a row asks the window to open the field the path names.
class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Path, Message, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setProblems(const Problems &problems);
    const Problem &problem(int row) const { return m_problems[size_t(row)]; }
    int errorCount() const;
    int warningCount() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Problems m_problems;
};

} // namespace pw
