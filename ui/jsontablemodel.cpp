// SPDX-License-Identifier: MIT
#include "jsontablemodel.h"
#include "plaintext.h"

#include "casedocument.h"
#include "io/jsonpath.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace pw {

JsonTableModel::JsonTableModel(CaseDocument *doc, const QString &arrayPath, std::vector<FieldSpec> columns,
                               QObject *parent)
    : QAbstractTableModel(parent)
    , m_doc(doc)
    , m_arrayPath(arrayPath)
    , m_columns(std::move(columns)) {
    m_rows = m_doc->value(m_arrayPath).size();
    connect(doc, &CaseDocument::edited, this, &JsonTableModel::documentEdited);
    connect(doc, &CaseDocument::refusedInputChanged, this, &JsonTableModel::documentEdited);
    // The problems of an edit validated on a worker tint the cells when they arrive; only the roles that
    // show problems change (a sorting or filtering proxy has nothing to redo).
    connect(doc, &CaseDocument::validated, this, [this] {
        if (m_rows > 0)
            emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1),
                             {Qt::BackgroundRole, Qt::ToolTipRole, ProblemRole, ProblemLevelRole});
    });
}

int JsonTableModel::columnOf(const QString &key) const {
    for (size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].key == key) return int(i) + leadingColumns();
    return -1;
}

void JsonTableModel::setCellCheck(const QString &key, CellCheck check) {
    m_checks.emplace_back(key, std::move(check));
}

void JsonTableModel::setChoices(const QString &key, const std::vector<std::pair<QString, QString>> &choices) {
    for (auto &c : m_columns)
        if (c.key == key) c.choices = choices;
}

JsonValue JsonTableModel::rowValue(int row) const {
    const JsonValue arr = m_doc->value(m_arrayPath);
    return row >= 0 && row < arr.size() ? arr.at(row) : JsonValue();
}

QString JsonTableModel::cellPath(int row, int column) const {
    const int c = column - leadingColumns();
    if (c < 0 || c >= int(m_columns.size())) return QStringLiteral("%1[%2]").arg(m_arrayPath).arg(row);
    return QStringLiteral("%1[%2].%3").arg(m_arrayPath).arg(row).arg(m_columns[size_t(c)].key);
}

void JsonTableModel::documentEdited(const QString &) {
    const int rows = m_doc->value(m_arrayPath).size();
    if (rows != m_rows) {
        beginResetModel();
        m_rows = rows;
        refreshCache();
        endResetModel();
        return;
    }
    refreshCache();
    if (m_rows > 0) emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1));
}

int JsonTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : m_rows;
}

int JsonTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_columns.size()) + leadingColumns();
}

QString JsonTableModel::problemFor(int row, int docColumn, bool *isError) const {
    const FieldSpec &spec = m_columns[size_t(docColumn)];
    const QString path = QStringLiteral("%1[%2].%3").arg(m_arrayPath).arg(row).arg(spec.key);
    QStringList msgs;
    if (isError) *isError = false;
    // While an edit is validated on a worker, the validation's problems are of the tree before it: a cell
    // that changed since shows none of them (only the text it refused, which never waits).
    const bool unchecked =
        m_doc->isChecking() && jsonValueAt(m_doc->validatedRoot(), path) != jsonValueAt(m_doc->root(), path);
    for (const Problem &p : m_doc->problems())
        if ((p.path == path || p.path.startsWith(path + u'.') || p.path.startsWith(path + u'[')) &&
            (!unchecked || m_doc->refusedText(p.path))) {
            msgs << p.message;
            if (isError) *isError = *isError || p.isError();
        }
    for (const auto &[key, check] : m_checks) {
        if (key != spec.key) continue;
        const JsonValue r = rowValue(row);
        const QString m = check(r, jsonValueAt(r, key));
        if (!m.isEmpty() && !msgs.contains(m)) msgs << m;
    }
    return msgs.join(u'\n');
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows) return {};
    const int c = index.column() - leadingColumns();
    if (c < 0 || c >= int(m_columns.size())) return {};
    const FieldSpec &spec = m_columns[size_t(c)];
    const JsonValue cell = jsonValueAt(rowValue(index.row()), spec.key);
    switch (role) {
    case Qt::DisplayRole:
        if (const auto refused = m_doc->refusedText(cellPath(index.row(), index.column()))) return *refused;
        if (spec.kind == FieldKind::Choice && cell.isString())
            for (const auto &[v, label] : spec.choices)
                if (v == cell.toString()) return label;
        return displayValue(cell, spec.kind);
    case Qt::EditRole:
        if (const auto refused = m_doc->refusedText(cellPath(index.row(), index.column()))) return *refused;
        return editText(cell, spec.kind);
    case Qt::TextAlignmentRole:
        switch (spec.kind) {
        case FieldKind::Money:
        case FieldKind::MoneyOrPercent:
        case FieldKind::MoneyOrNone:
        case FieldKind::SplitOrMoney:
        case FieldKind::Fraction:
        case FieldKind::Integer:
        case FieldKind::Number:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    case Qt::ToolTipRole: {
        const QString tip = toolTipText(index);
        return tip.isEmpty() ? QVariant() : QVariant(plainToolTip(tip));
    }
    case Qt::BackgroundRole:
        return problemFor(index.row(), c).isEmpty() ? QVariant() : QVariant(QBrush(QColor(255, 228, 220)));
    case ProblemRole:
        return problemFor(index.row(), c);
    case ProblemLevelRole: {
        bool error = false;
        if (problemFor(index.row(), c, &error).isEmpty()) return 0;
        return error ? 2 : 1;
    }
    case KindRole:
        return int(spec.kind);
    case ChoicesRole: {
        QVariantList l;
        for (const auto &[v, label] : spec.choices)
            l << QVariant(QStringList{v, label});
        return l;
    }
    case PathRole:
        return cellPath(index.row(), index.column());
    case SortRole:
        if (cell.isNumber()) return cell.toDouble();
        return displayValue(cell, spec.kind).toLower();
    default:
        return {};
    }
}

bool JsonTableModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (role != Qt::EditRole || !index.isValid()) return false;
    const int c = index.column() - leadingColumns();
    if (c < 0 || c >= int(m_columns.size())) return false;
    const FieldSpec &spec = m_columns[size_t(c)];
    QString error;
    const QString path = cellPath(index.row(), index.column());
    const auto v = parseFieldText(value.toString(), spec.kind, &error);
    if (!v) {
        // The cell keeps the refused text, tinted, and the Problems dock lists it until fixed or undone.
        m_doc->setRefusedInput(path, value.toString(), error);
        emit inputRejected(spec.label + QStringLiteral(": ") + error);
        return false;
    }
    m_doc->clearRefusedInput(path);
    m_doc->setValue(path, *v, tr("Edit %1").arg(spec.label.toLower()));
    return true;
}

Qt::ItemFlags JsonTableModel::flags(const QModelIndex &index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() >= leadingColumns()) f |= Qt::ItemIsEditable;
    return f;
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole) return section + 1;
        return {};
    }
    const int c = section - leadingColumns();
    if (c < 0 || c >= int(m_columns.size())) return {};
    const FieldSpec &spec = m_columns[size_t(c)];
    if (role == Qt::DisplayRole) return spec.label;
    if (role == Qt::ToolTipRole) return spec.tooltip.isEmpty() ? spec.label : spec.tooltip;
    return {};
}

QString JsonTableModel::toolTipText(const QModelIndex &index) const {
    const int c = index.column() - leadingColumns();
    if (!index.isValid() || index.row() >= m_rows || c < 0 || c >= int(m_columns.size())) return QString();
    const QString p = problemFor(index.row(), c);
    return p.isEmpty() ? m_columns[size_t(c)].tooltip : p;
}

void JsonTableModel::addItem(const JsonValue &item) {
    m_doc->appendItems(m_arrayPath, {item}, tr("Add row"));
}

void JsonTableModel::duplicateItems(const QList<int> &rows) {
    m_doc->duplicateItems(m_arrayPath, rows, m_idKey, tr("Duplicate rows"));
}

void JsonTableModel::removeItems(const QList<int> &rows) {
    m_doc->removeItems(m_arrayPath, rows, tr("Delete rows"));
}

} // namespace pw
