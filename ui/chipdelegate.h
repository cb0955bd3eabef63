// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace pw {

// Paints a level as a chip with text ("L1 88") on the level's colour: L1 green, L2 olive, L3 amber,
// L4 red — never colour alone. Reads RankingModel::LevelRole; other cells paint normally.
class ChipDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ChipDelegate(int levelRole, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_levelRole;
};

} // namespace pw
