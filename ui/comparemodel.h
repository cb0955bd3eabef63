// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace pw {

// Side-by-side comparison of 2–4 solutions: one column per solution, rows grouped as Summary, one group
// per requested line (carrier, product, premium, every §8 limit and deductible), Scorecard and Gaps.
// "not stated" (key absent), "None" (the string "none") and "$0" stay distinct. A cell that differs from
// the first solution's is tinted; the best value of a comparable row is bold. toTsv() is what Ctrl+C copies.
class CompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { GroupRole = Qt::UserRole + 20, NotStatedRole, DiffersRole, BestRole };

    explicit CompareModel(QObject *parent = nullptr);
    // `gapsAnalysed`: whether the run analysed coverage gaps; when it did not, the Gaps rows say
    // "not analysed" (an empty list would read as "no gaps", which nobody checked).
    void setSolutions(const std::vector<JsonValue> &solutions, const QStringList &lines,
                      bool gapsAnalysed = true);
    int solutionCount() const { return int(m_columns.size()); }
    QString toTsv() const;
    // The row of a label within a group ("" group: first match), -1 when absent.
    int rowOf(const QString &group, const QString &label) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Cell {
        QString text;
        bool notStated = false;
        bool hasNumber = false;
        double number = 0;
        QString level; // scorecard rows
        QString key;   // what the cell is compared by when set (carrier ids), else its text
    };
    struct Row {
        QString group, label, tooltip;
        bool header = false;
        int better = 0; // +1 higher is better, -1 lower is better, 0 not comparable
        std::vector<Cell> cells;
    };
    void addHeader(const QString &group);
    bool differs(const Row &r, int col) const;
    bool isBest(const Row &r, int col) const;

    std::vector<Row> m_rows;
    QStringList m_columns;
};

} // namespace pw
