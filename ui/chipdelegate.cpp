// SPDX-License-Identifier: MIT
#include "chipdelegate.h"

#include "fieldformat.h"

#include <QApplication>
#include <QPainter>

namespace pw {

namespace {
// How much of a greyed row's colour is kept: qualified rows, disqualified rows.
constexpr double kGreyedOpacity = 0.4, kGreyedDisqualifiedOpacity = 0.25;

QColor mixed(const QColor &c, const QColor &base, double keep) {
    return QColor::fromRgbF(float(c.redF() * keep + base.redF() * (1 - keep)),
                            float(c.greenF() * keep + base.greenF() * (1 - keep)),
                            float(c.blueF() * keep + base.blueF() * (1 - keep)));
}
} // namespace

ChipDelegate::ChipDelegate(int levelRole, int qualifiedRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_levelRole(levelRole)
    , m_qualifiedRole(qualifiedRole) {}

bool ChipDelegate::qualified(const QModelIndex &index) const {
    const QVariant q = m_qualifiedRole < 0 ? QVariant() : index.data(m_qualifiedRole);
    return !q.isValid() || q.toBool();
}

void ChipDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const {
    QStyledItemDelegate::initStyleOption(option, index);
    if (!m_wrapping.contains(index.column())) option->features &= ~QStyleOptionViewItem::WrapText;
    if (option->state & QStyle::State_Enabled) return;
    // Greyed: plain text of the window's colour faded towards the background, the same for every row
    // but paler for a disqualified one; no selection highlight stands out of the greyed list.
    option->state &= ~QStyle::State_Selected;
    const QColor base = option->palette.color(QPalette::Active, QPalette::Base);
    const QColor text = option->palette.color(QPalette::Active, QPalette::WindowText);
    const QColor grey = mixed(text, base, qualified(index) ? kGreyedOpacity : kGreyedDisqualifiedOpacity);
    option->palette.setColor(QPalette::Text, grey);
    option->palette.setColor(QPalette::WindowText, grey);
    option->backgroundBrush = QBrush();
}

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
    // One line tall and centred, also in a row that other columns wrap onto two lines.
    const int h = std::min(option.rect.height() - 6, fm.height() + 4);
    const QRect chip(option.rect.left() + 2, option.rect.center().y() - h / 2, w, h);
    QColor fill(levelColorName(level)), ink(Qt::white);
    if (!(opt.state & QStyle::State_Enabled)) {
        const QColor base = opt.palette.color(QPalette::Active, QPalette::Base);
        const double keep = qualified(index) ? kGreyedOpacity : kGreyedDisqualifiedOpacity;
        fill = mixed(fill, base, keep);
        ink = opt.palette.color(QPalette::Text); // the row's grey (initStyleOption)
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(chip, 4, 4);
    painter->setPen(ink);
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
