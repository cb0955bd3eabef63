// SPDX-License-Identifier: MIT
#include "fielddelegate.h"

#include "choicebox.h"
#include "datefield.h"
#include "fieldformat.h"
#include "jsontablemodel.h"

#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QPainter>

namespace pw {

void FieldDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const {
    QStyledItemDelegate::paint(painter, option, index);
    const int level = index.data(JsonTableModel::ProblemLevelRole).toInt();
    if (level == 0) return;
    painter->save();
    painter->setPen(QPen(QColor(level == 2 ? QStringLiteral("#c62828") : QStringLiteral("#c77800")), 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(option.rect.adjusted(0, 0, -1, -1));
    painter->restore();
}

QWidget *FieldDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const {
    const QVariant kindVar = index.data(JsonTableModel::KindRole);
    if (!kindVar.isValid()) return QStyledItemDelegate::createEditor(parent, option, index);
    const auto kind = FieldKind(kindVar.toInt());
    if (kind == FieldKind::Choice) {
        auto *c = new ChoiceBox(parent);
        c->addItem(tr("not stated"), QString());
        for (const QVariant &v : index.data(JsonTableModel::ChoicesRole).toList()) {
            const QStringList pair = v.toStringList();
            c->addItem(pair.value(1), pair.value(0));
        }
        return c;
    }
    if (kind == FieldKind::Date)
        return new DateField(index.data(JsonTableModel::PathRole).toString().endsWith(u"date_of_birth")
                                 ? DateField::Kind::BirthDate
                                 : DateField::Kind::Any,
                             parent);
    auto *e = new QLineEdit(parent);
    e->setPlaceholderText(tr("not stated"));
    if (kind != FieldKind::Text && kind != FieldKind::StringList && kind != FieldKind::Timestamp)
        e->setAlignment(Qt::AlignRight);
    // Columns with known values (the case's carriers) complete what is typed, inline so that Enter and
    // Tab keep committing the cell.
    const QStringList known = index.data(JsonTableModel::CompletionRole).toStringList();
    if (!known.isEmpty()) {
        auto *completer = new QCompleter(known, e);
        completer->setObjectName(QStringLiteral("cellCompleter"));
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setCompletionMode(QCompleter::InlineCompletion);
        e->setCompleter(completer);
    }
    return e;
}

void FieldDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const {
    // The view calls this again whenever the row's data changes (a finished re-rank, an edit elsewhere):
    // an open editor is filled once, so what is being typed is never wiped.
    if (editor->property("pwEditorFilled").toBool()) return;
    editor->setProperty("pwEditorFilled", true);
    const QString text = index.data(Qt::EditRole).toString();
    if (auto *c = qobject_cast<QComboBox *>(editor)) {
        int i = c->findData(text);
        if (i < 0) {
            c->addItem(text, text);
            i = c->count() - 1;
        }
        c->setCurrentIndex(i);
    } else if (auto *e = qobject_cast<QLineEdit *>(editor)) {
        e->setText(text);
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
}

void FieldDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const {
    if (auto *c = qobject_cast<QComboBox *>(editor))
        model->setData(index, c->currentData().toString(), Qt::EditRole);
    else if (auto *e = qobject_cast<QLineEdit *>(editor))
        model->setData(index, e->text(), Qt::EditRole);
    else
        QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace pw
