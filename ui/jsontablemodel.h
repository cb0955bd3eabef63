// SPDX-License-Identifier: MIT
#pragma once

#include "fieldformat.h"
#include "io/json.h"

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace pw {

class CaseDocument;

// A thin table adapter over one array of the document (drivers, vehicles, lapses, offerings…): one row
// per element, one column per FieldSpec (its key is a path inside the element). Edits become undoable
// document edits; add, duplicate and remove edit the array. Cells whose path has a validation problem,
// or that a column check rejects (VIN check digit, model year), are tinted with the message as tooltip.
class JsonTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // CompletionRole: values an editor of the cell offers to complete (a QStringList; empty for none).
    // ProblemLevelRole: 2 when the cell has an error (refused text included), 1 a warning only, else 0;
    // the delegate frames such cells as form editors are framed (red, amber).
    enum Role {
        KindRole = Qt::UserRole + 1,
        ChoicesRole,
        ProblemRole,
        PathRole,
        SortRole,
        CompletionRole,
        ProblemLevelRole
    };
    using CellCheck = std::function<QString(const JsonValue &row, const JsonValue &cell)>;

    JsonTableModel(CaseDocument *doc, const QString &arrayPath, std::vector<FieldSpec> columns,
                   QObject *parent);

    QString arrayPath() const { return m_arrayPath; }
    const FieldSpec &column(int c) const { return m_columns[size_t(c)]; }
    int columnOf(const QString &key) const;
    void setCellCheck(const QString &key, CellCheck check);
    // Replaces a Choice column's choices (the vehicles' primary driver follows the drivers).
    void setChoices(const QString &key, const std::vector<std::pair<QString, QString>> &choices);
    // Offset of the first document column (subclasses may put computed columns in front).
    virtual int leadingColumns() const { return 0; }
    JsonValue rowValue(int row) const;
    QString cellPath(int row, int column) const;

    // Row operations (each one undoable edit).
    void addItem(const JsonValue &item);
    void duplicateItems(const QList<int> &rows);
    void removeItems(const QList<int> &rows);
    QString idKey() const { return m_idKey; }
    void setIdKey(const QString &key) { m_idKey = key; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void inputRejected(const QString &message);

protected:
    void documentEdited(const QString &path);
    // A cell's tooltip as plain text: its problem, else the column's tooltip (data() shows it literally).
    QString toolTipText(const QModelIndex &index) const;
    virtual void refreshCache() {}
    CaseDocument *m_doc;

private:
    QString problemFor(int row, int docColumn, bool *isError = nullptr) const;

    QString m_arrayPath;
    std::vector<FieldSpec> m_columns;
    std::vector<std::pair<QString, CellCheck>> m_checks;
    QString m_idKey;
    int m_rows = 0;
};

} // namespace pw
