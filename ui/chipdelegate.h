// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QStyledItemDelegate>

namespace pw {

// Paints a level as a chip with text ("L1 88") on the level's colour: L1 green, L2 olive, L3 amber,
// L4 red — never colour alone. Reads RankingModel::LevelRole; other cells paint normally.
// In a disabled view (results greyed while the case cannot be re-ranked) every row is greyed alike,
// whatever colours the model gives (red changes, grey disqualified rows, level chips, the selection),
// and a disqualified row (`qualifiedRole` false) is paler than a qualified one, never more prominent.
// In a view that wraps words, only the columns given to setWrappingColumns wrap; the others keep one line
// (elided when cut), so a long name never makes a row many lines tall.
class ChipDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ChipDelegate(int levelRole, int qualifiedRole = -1, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setWrappingColumns(const QSet<int> &columns) { m_wrapping = columns; }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    bool qualified(const QModelIndex &index) const;

    int m_levelRole;
    int m_qualifiedRole;
    QSet<int> m_wrapping;
};

} // namespace pw
