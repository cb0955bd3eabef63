// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QStringList>

namespace pw {

// The ranked solutions of a run: rank, label, carrier per requested line, cost range, change against
// the current premium beside how many of today's gaps the package closes (a higher price read with what it
// buys), overall level and the six dimension levels (drawn as chips by ChipDelegate).
// A check box per row picks the 2–4 solutions the Compare tab shows; picks are remembered by package
// (offering ids) so they survive re-ranking.
class RankingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { LevelRole = Qt::UserRole + 10, ScoreRole, KeyRole, QualifiedRole };
    enum Column { Compare, Rank, Label, FirstLine };
    static constexpr int kMaxCompared = 4;

    explicit RankingModel(QObject *parent = nullptr);

    void setRun(const JsonValue &run, const QStringList &lines);
    const JsonValue &solution(int row) const;
    int solutionCountShown() const { return int(m_solutions.size()); }
    int rowOfKey(const QString &key) const;

    // Columns after the per-line carriers.
    int costColumn() const { return FirstLine + int(m_lines.size()); }
    int changeColumn() const { return costColumn() + 1; }
    int gapsColumn() const { return costColumn() + 2; }
    int overallColumn() const { return costColumn() + 3; }
    int firstDimensionColumn() const { return costColumn() + 4; }

    QStringList comparedKeys() const; // in rank order
    void setCompared(const QStringList &keys);
    bool userPicked() const { return m_userPicked; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void comparedChanged();
    void compareLimitReached();

private:
    std::vector<JsonValue> m_solutions;
    QStringList m_lines;
    bool m_gapsAnalysed = false;
    QStringList m_todayGaps;             // distinct rule ids of today's gaps
    QHash<QString, QString> m_gapTitles; // rule id -> the run's title
    QSet<QString> m_compared;
    bool m_userPicked = false;
};

} // namespace pw
