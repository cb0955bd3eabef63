// SPDX-License-Identifier: MIT
#include "chipdelegate.h"

#include "fieldformat.h"

#include <QApplication>
#include <QPainter>

namespace pw {

ChipDelegate::ChipDelegate(int levelRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_levelRole(levelRole) {}

void ChipDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const {
    const QString level = index.data(m_levelRole).toString();
    if (level.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    const QString text = index.data(Qt::DisplayRole).toString();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont f = option.font;
    f.setBold(true);
    painter->setFont(f);
    const QFontMetrics fm(f);
    const int w = std::min(option.rect.width() - 4, fm.horizontalAdvance(text) + 10);
    const QRect chip(option.rect.left() + 2, option.rect.top() + 3, w, option.rect.height() - 6);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(levelColorName(level)));
    painter->drawRoundedRect(chip, 4, 4);
    painter->setPen(Qt::white);
    painter->drawText(chip, Qt::AlignCenter, text);
    painter->restore();
}

QSize ChipDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    QFont f = option.font;
    f.setBold(true);
    s.setWidth(QFontMetrics(f).horizontalAdvance(index.data(Qt::DisplayRole).toString()) + 16);
    return s;
}

} // namespace pw
