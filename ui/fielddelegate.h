// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace pw {

// Editors for table cells by field kind (JsonTableModel::KindRole): a combo box for choices (line,
// tier, settlement…), a DateField (ISO or US typing, calendar) for dates, a line edit that accepts "$1,790",
// "13%" or "none" for money and percentages. The model parses and validates what is typed. A cell with
// a problem (JsonTableModel::ProblemLevelRole) is framed red for an error, amber for a warning, as form
// editors are.
class FieldDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace pw
