// SPDX-License-Identifier: MIT
#include "problemsmodel.h"
#include "plaintext.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace pw {

void ProblemsModel::setProblems(const Problems &problems) {
    Problems sorted = problems;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Problem &a, const Problem &b) { return a.isError() && !b.isError(); });
    if (sorted == m_problems) return;
    // Row by row: problems that stay keep their rows (and the view its selection), gone ones are removed
    // and new ones inserted where they belong, so the list never reshuffles under the pointer.
    for (int i = int(m_problems.size()) - 1; i >= 0; --i)
        if (std::find(sorted.begin(), sorted.end(), m_problems[size_t(i)]) == sorted.end()) {
            beginRemoveRows(QModelIndex(), i, i);
            m_problems.erase(m_problems.begin() + i);
            endRemoveRows();
        }
    for (size_t j = 0; j < sorted.size(); ++j)
        if (j >= m_problems.size() || !(m_problems[j] == sorted[j])) {
            beginInsertRows(QModelIndex(), int(j), int(j));
            m_problems.insert(m_problems.begin() + long(j), sorted[j]);
            endInsertRows();
        }
    if (m_problems != sorted) { // the order of staying problems changed: start over
        beginResetModel();
        m_problems = std::move(sorted);
        endResetModel();
    }
}

int ProblemsModel::errorCount() const {
    return int(
        std::count_if(m_problems.begin(), m_problems.end(), [](const Problem &p) { return p.isError(); }));
}

int ProblemsModel::warningCount() const {
    return int(m_problems.size()) - errorCount();
}

int ProblemsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_problems.size());
}

int ProblemsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Problem &p = m_problems[size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Severity:
            return p.isError() ? tr("⛔ error") : tr("⚠ warning");
        case Path:
            return p.path.isEmpty() ? tr("(file)") : p.path;
        case Message:
            return p.message;
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Severity)
        return QBrush(p.isError() ? QColor(0xc6, 0x28, 0x28) : QColor(0xc7, 0x78, 0x00));
    if (role == Qt::ToolTipRole)
        return plainToolTip(tr("%1 at %2: %3 — double-click or press Enter to open the field")
                                .arg(p.severityName(), p.path, p.message));
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Severity:
        return tr("Severity");
    case Path:
        return tr("Where (JSON path)");
    case Message:
        return tr("Problem");
    default:
        return {};
    }
}

} // namespace pw
