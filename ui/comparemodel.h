// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace pw {

// Side-by-side comparison of 2–4 solutions (ui.md "Compare"): one column per solution, after a first
// "Current" column with what the household has today when the case states a current-coverage source
// (engine.md §9: `current_portfolio` when it is an object, else `current_coverage`). Rows are grouped as
// Summary, one group per requested line (carrier, product, premium, every §8 limit and deductible),
// Scorecard and Gaps. "not stated" (key absent), "None" (the string "none") and "$0" stay distinct; a line
// the household has no policy for says "no current policy". A package's cell that differs from the
// Current column (or, in rows Current has nothing for, from the first package) is tinted; the best value
// among the packages of a comparable row is bold. Gap rules and labels are shown in words, their codes in
// the tooltips.
//
// Copies (Ctrl+C, "Copy for client") are an HTML table and tab-separated text of the same cells, the
// scorecard's level and score in separate rows so each cell holds one value. The agent copy keeps the
// commission row and the case's internal notes (`workbench.notes`); the client copy leaves both out.
class CompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { GroupRole = Qt::UserRole + 20, NotStatedRole, DiffersRole, BestRole };
    enum class Audience { Agent, Client };

    explicit CompareModel(QObject *parent = nullptr);
    // `gapsAnalysed`: whether the run analysed coverage gaps; when it did not, the Gaps rows say
    // "not analysed" (an empty list would read as "no gaps", which nobody checked). `caseRoot` is the case
    // (its current coverage, premium and notes); `runOutput` the run's `output` (current premium, gaps).
    void setSolutions(const std::vector<JsonValue> &solutions, const QStringList &lines,
                      bool gapsAnalysed = true, const JsonValue &caseRoot = {},
                      const JsonValue &runOutput = {});
    int solutionCount() const { return int(m_columns.size()) - firstSolutionColumn(); }
    // 1 when the Current column is shown, else 0.
    int firstSolutionColumn() const { return m_hasCurrent ? 1 : 0; }
    QString toTsv(Audience audience = Audience::Agent) const;
    QString toHtml(Audience audience = Audience::Agent) const;
    // The row of a label within a group ("" group: first match), -1 when absent.
    int rowOf(const QString &group, const QString &label) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Cell {
        QString text;
        QString tooltip; // plain text (codes, full names)
        bool notStated = false;
        bool notApplicable = false; // "—": the row has no meaning for this column (Current's rank)
        bool hasNumber = false;
        double number = 0;
        QString level; // scorecard rows
        QString key;   // what the cell is compared by when set (carrier ids), else its text
    };
    struct Row {
        QString group, label, tooltip;
        bool header = false;
        bool agentOnly = false; // commission: never in a client copy
        bool scorecard = false; // level and score: copied as two rows
        int better = 0;         // +1 higher is better, -1 lower is better, 0 not comparable
        std::vector<Cell> cells;
    };
    struct CopyRow {
        QString label;
        bool header = false;
        bool levels = false; // the level half of a scorecard row: words, not figures
        QStringList cells;
        std::vector<const Cell *> source; // for tints and bold in HTML (null: none)
        const Row *row = nullptr;
    };
    void addHeader(const QString &group);
    int baseline(const Row &r) const;
    bool differs(const Row &r, int col) const;
    bool isBest(const Row &r, int col) const;
    std::vector<CopyRow> copyRows(Audience audience) const;

    std::vector<Row> m_rows;
    QStringList m_columns;
    bool m_hasCurrent = false;
    QString m_notes;
};

} // namespace pw
