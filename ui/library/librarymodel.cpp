// SPDX-License-Identifier: MIT
#include "librarymodel.h"

#include "fieldformat.h"
#include "util/displaytext.h"
#include "util/numbers.h"

#include <QFileInfo>
#include <QLocale>

namespace pw {

QString singleLine(const QString &text) {
    QString s = text;
    for (QChar &c : s)
        if (c == u'\n' || c == u'\r' || c == u'\u2028' || c == u'\u2029') c = u'·';
    // Other control and bidirectional formatting characters as visible escapes: "\u202E" in a name
    // would otherwise draw the rest of the line (and of the label around it) right to left.
    return escapeControls(s);
}

LibraryModel::LibraryModel(QObject *parent)
    : QAbstractTableModel(parent) {}

std::vector<LibraryCase> LibraryModel::replaceCases(std::vector<LibraryCase> cases) {
    beginResetModel();
    std::swap(m_cases, cases);
    endResetModel();
    return cases;
}

int LibraryModel::rowOf(qint64 caseId) const {
    for (size_t i = 0; i < m_cases.size(); ++i)
        if (m_cases[i].caseId == caseId) return int(i);
    return -1;
}

int LibraryModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_cases.size());
}

int LibraryModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LibraryModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= int(m_cases.size())) return {};
    const LibraryCase &c = m_cases[size_t(index.row())];
    if (role == CaseIdRole) return c.caseId;
    if (role == VersionIdRole) return c.versionId;
    const RankedPackage *top = c.ranking.top();
    if (role == SortRole) {
        switch (index.column()) {
        case Cost:
            return top ? QVariant(top->costLow) : QVariant(-1.0);
        case Qualified:
            return c.ranking.hasRun ? c.ranking.qualifiedCount : -1;
        case Versions:
            return c.versionCount;
        case Runs:
            return c.remoteRunCount;
        case Modified:
            return c.modifiedAt;
        default:
            return data(index, Qt::DisplayRole).toString().toLower();
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Cost:
        case Qualified:
        case Versions:
        case Runs:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Carriers:
            return singleLine(c.facts.carriers.join(QStringLiteral(", ")));
        case Lines:
            return singleLine(c.facts.lines.join(QStringLiteral(", ")));
        case TopPackage:
            return top ? singleLine(top->carriers) : QVariant();
        case Cost:
            return top ? tr("Estimated annual cost of the top package") : QVariant();
        case File:
            return c.filePath.isEmpty() ? tr("Kept in the library only") : c.filePath;
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Insured:
        return c.facts.insuredName.isEmpty() ? tr("(no name)") : singleLine(c.facts.insuredName);
    case State:
        return singleLine(c.facts.state);
    case Zip:
        return singleLine(c.facts.zip);
    case Lines: {
        // Short, so three lines fit the column; the tooltip names them in full.
        QStringList titles;
        for (const QString &l : c.facts.lines)
            titles << (l == u"umbrella" ? tr("Umb.") : lineTitle(l));
        return singleLine(titles.join(u'+'));
    }
    case Carriers:
        return c.facts.carriers.size() <= 2
                   ? singleLine(c.facts.carriers.join(QStringLiteral(", ")))
                   : singleLine(c.facts.carriers.mid(0, 2).join(QStringLiteral(", "))) +
                         tr(" +%1").arg(c.facts.carriers.size() - 2);
    case TopPackage:
        if (!c.ranking.hasRun) return tr("not ranked");
        return top ? singleLine(top->carriers) : tr("no package");
    case Cost:
        if (!top) return QString();
        return top->costLow == top->costHigh
                   ? formatMoney(top->costLow)
                   : formatMoney(top->costLow) + QStringLiteral("–") + formatMoney(top->costHigh);
    case Qualified:
        return c.ranking.hasRun ? formatCount(c.ranking.qualifiedCount) : QStringLiteral("—");
    case Versions:
        return c.versionCount;
    case Runs:
        return c.remoteRunCount == 0 ? QString() : QString::number(c.remoteRunCount);
    case Modified:
        return QLocale().toString(c.modifiedAt.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
    case File:
        return c.filePath.isEmpty() ? tr("library only") : QFileInfo(c.filePath).fileName();
    default:
        return {};
    }
}

QVariant LibraryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char *titles[] = {QT_TR_NOOP("Insured"), QT_TR_NOOP("St"),          QT_TR_NOOP("ZIP"),
                                   QT_TR_NOOP("Lines"),   QT_TR_NOOP("Top package"), QT_TR_NOOP("Cost"),
                                   QT_TR_NOOP("Qual."),   QT_TR_NOOP("Modified"),    QT_TR_NOOP("Ver."),
                                   QT_TR_NOOP("Runs"),    QT_TR_NOOP("Carriers"),    QT_TR_NOOP("File")};
    return section >= 0 && section < ColumnCount ? tr(titles[section]) : QVariant();
}

} // namespace pw
