// SPDX-License-Identifier: MIT
#include "problemsmodel.h"
#include "plaintext.h"

#include "engine/problemwords.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace pw {

void ProblemsModel::setProblems(const Problems &problems, const JsonValue &root) {
    Problems sorted = problems;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Problem &a, const Problem &b) { return a.isError() && !b.isError(); });
    // A renamed driver or carrier renames the places of the problems that stay: their places are worded
    // again (a few visible cells). The trees are not compared: two equal trees of a large case (the same
    // file opened again) were compared value by value, 70 ms on the GUI thread for the 50 MB case.
    m_root = root;
    if (!m_problems.empty())
        emit dataChanged(index(0, Place), index(rowCount() - 1, Place), {Qt::DisplayRole, Qt::ToolTipRole});
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
        case Place:
            return problemPlace(m_root, p.path);
        case Message:
            return readableDates(p.message);
        case Path:
            return p.path.isEmpty() ? tr("(file)") : p.path;
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Severity)
        return QBrush(p.isError() ? QColor(0xc6, 0x28, 0x28) : QColor(0xc7, 0x78, 0x00));
    if (role == Qt::ToolTipRole)
        return plainToolTip(tr("%1\n%2 at %3: %4\nClick or press Enter to open the field")
                                .arg(problemInWords(m_root, p), p.severityName(),
                                     p.path.isEmpty() ? tr("(file)") : p.path, p.message));
    return {};
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Severity:
        return tr("Severity");
    case Place:
        return tr("Where");
    case Message:
        return tr("Problem");
    case Path:
        return tr("JSON path");
    default:
        return {};
    }
}

} // namespace pw
