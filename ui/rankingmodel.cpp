// SPDX-License-Identifier: MIT
#include "rankingmodel.h"
#include "plaintext.h"

#include "engine/plainwords.h"
#include "fieldformat.h"
#include "solutionutil.h"
#include "util/numbers.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace pw {

RankingModel::RankingModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void RankingModel::setRun(const JsonValue &run, const QStringList &lines) {
    beginResetModel();
    m_solutions = run[u"solutions"].arrayItems();
    m_lines = lines;
    const JsonValue &analysis = run[u"output"][u"coverage_analysis"];
    m_gapsAnalysed = analysis.isObject();
    m_todayGaps.clear();
    m_gapTitles.clear();
    for (const auto &g : analysis[u"gaps"].arrayItems()) {
        const QString id = g[u"rule_id"].toString();
        if (m_todayGaps.contains(id)) continue;
        m_todayGaps << id;
        m_gapTitles.insert(id, g[u"title"].toString());
    }
    QSet<QString> present;
    for (const auto &s : m_solutions)
        present.insert(solutionKey(s));
    if (!m_userPicked) {
        // Until the user picks, compare the top three.
        m_compared.clear();
        for (size_t i = 0; i < m_solutions.size() && i < 3; ++i)
            m_compared.insert(solutionKey(m_solutions[i]));
    } else {
        m_compared.intersect(present);
    }
    endResetModel();
    emit comparedChanged();
}

const JsonValue &RankingModel::solution(int row) const {
    static const JsonValue none;
    return row >= 0 && row < int(m_solutions.size()) ? m_solutions[size_t(row)] : none;
}

int RankingModel::rowOfKey(const QString &key) const {
    for (size_t i = 0; i < m_solutions.size(); ++i)
        if (solutionKey(m_solutions[i]) == key) return int(i);
    return -1;
}

QStringList RankingModel::comparedKeys() const {
    QStringList keys;
    for (const auto &s : m_solutions) {
        const QString k = solutionKey(s);
        if (m_compared.contains(k)) keys << k;
    }
    return keys;
}

void RankingModel::setCompared(const QStringList &keys) {
    m_compared = QSet<QString>(keys.begin(), keys.end());
    m_userPicked = true;
    if (!m_solutions.empty()) emit dataChanged(index(0, Compare), index(rowCount() - 1, Compare));
    emit comparedChanged();
}

int RankingModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_solutions.size());
}

int RankingModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : firstDimensionColumn() + int(dimensionKeys().size());
}

QVariant RankingModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const JsonValue &s = m_solutions[size_t(index.row())];
    const JsonValue &card = s[u"scorecard"];
    const bool qualified = card[u"qualified"].toBool(true);
    const int c = index.column();
    if (role == KeyRole) return solutionKey(s);
    if (role == QualifiedRole) return qualified;
    if (role == Qt::ForegroundRole && !qualified && c < firstDimensionColumn())
        return QBrush(QColor(0x9e, 0x9e, 0x9e));
    if (c == Compare) {
        if (role == Qt::CheckStateRole)
            return m_compared.contains(solutionKey(s)) ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole) return tr("Compare this package (2–4 at a time)");
        return {};
    }
    if (c == Rank) {
        if (role == Qt::DisplayRole) return s[u"rank"].toDouble();
        if (role == Qt::TextAlignmentRole) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole && !qualified) return tr("Disqualified: a ⛔ reason blocks this package");
        return {};
    }
    if (c == Label) {
        if (!qualified) {
            // A disqualified package is commended by no label (engine/plainwords.h, showsLabel).
            if (role == Qt::DisplayRole) return tr("   ⛔ disqualified");
            if (role == Qt::ToolTipRole)
                return tr("Disqualified: a ⛔ reason blocks this package; it carries no label");
            return {};
        }
        const QString label = solutionLabelWords(s);
        const bool winner = s[u"label_winner"].toBool();
        if (role == Qt::DisplayRole)
            return QString((winner ? QStringLiteral("★ ") : QStringLiteral("   ")) + label);
        if (role == Qt::FontRole && winner) {
            QFont f;
            f.setBold(true);
            return f;
        }
        if (role == Qt::ToolTipRole)
            return winner ? tr("★ %1: this package wins the label").arg(label)
                          : tr("%1: the package's strongest side (not the label winner)").arg(label);
        return {};
    }
    if (c >= FirstLine && c < costColumn()) {
        const QString line = m_lines[c - FirstLine];
        const JsonValue o = solutionOffering(s, line);
        if (role == Qt::DisplayRole) return shortCarrierName(carrierName(o));
        if (role == Qt::ToolTipRole)
            return plainToolTip(tr("%1: %2 — %3, %4")
                                    .arg(lineTitle(line), carrierName(o),
                                         o[u"coverage"][u"product_name"].toString(),
                                         formatMoney(o[u"attributes"][u"line_premium_annual"].toDouble())));
        return {};
    }
    if (c == costColumn()) {
        // The whole range, as ui.md writes ranges ("$5,940 – $6,534"): half a range reads as a price.
        if (role == Qt::DisplayRole) return costRange(s);
        if (role == Qt::TextAlignmentRole) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole)
            return tr("Estimated annual cost %1: low %2, high %3, mid %4")
                .arg(costRange(s))
                .arg(formatMoney(s[u"est_cost_low"].toDouble()), formatMoney(s[u"est_cost_high"].toDouble()),
                     formatMoney(s[u"cost_mid"].toDouble()));
        if (role == Qt::UserRole) return s[u"cost_mid"].toDouble();
        return {};
    }
    if (c == changeColumn()) {
        const JsonValue ch = s[u"change_vs_current"];
        // The amount in the cell, with the percentage in the tooltip (keeps the chips on screen at 1366 px);
        // how many of today's gaps the package closes sits in the next column.
        if (role == Qt::DisplayRole)
            return ch.isNumber() ? formatSignedMoney(roundHalfAway(ch.toDouble(), 0)) : tr("no current");
        if (role == Qt::TextAlignmentRole) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ForegroundRole && ch.isNumber())
            return QBrush(ch.toDouble() > 0 ? QColor(0xc6, 0x28, 0x28) : QColor(0x2e, 0x7d, 0x32));
        if (role == Qt::ToolTipRole)
            return tr("%1 against the current premium (low estimate; positive = dearer)").arg(changeText(s));
        return {};
    }
    if (c == gapsColumn()) {
        const JsonValue &closed = s[u"gaps_closed"];
        if (!m_gapsAnalysed || !closed.isArray()) {
            if (role == Qt::DisplayRole) return QStringLiteral("—");
            if (role == Qt::ToolTipRole) return tr("Gap analysis did not run for this case");
            return {};
        }
        QStringList ids, opened;
        for (const auto &g : closed.arrayItems())
            if (!ids.contains(g.toString())) ids << g.toString();
        for (const auto &g : s[u"gaps_new"].arrayItems())
            if (!opened.contains(g.toString())) opened << g.toString();
        // What the why-line says, in short: how many of today's gaps it closes and how many it opens.
        if (role == Qt::DisplayRole)
            return opened.isEmpty()
                       ? tr("%1 of %2").arg(ids.size()).arg(m_todayGaps.size())
                       : tr("%1 of %2, opens %3").arg(ids.size()).arg(m_todayGaps.size()).arg(opened.size());
        if (role == Qt::TextAlignmentRole) return QVariant(Qt::AlignCenter);
        if (role == Qt::UserRole) return double(ids.size()) - double(opened.size());
        if (role == Qt::ForegroundRole && !m_todayGaps.isEmpty())
            return QBrush(!opened.isEmpty()                  ? QColor(0xc6, 0x28, 0x28)
                          : ids.size() == m_todayGaps.size() ? QColor(0x2e, 0x7d, 0x32)
                                                             : QColor(0x42, 0x42, 0x42));
        if (role == Qt::ToolTipRole) {
            QStringList tip{
                tr("Closes %1 of today's %2").arg(ids.size()).arg(countText(m_todayGaps.size(), tr("gap")))};
            if (!opened.isEmpty())
                tip.first() += tr(", opens %1").arg(countText(opened.size(), tr("new gap")));
            for (const QString &id : ids)
                tip << QStringLiteral("  ✓ ") + m_gapTitles.value(id, gapTitle(id));
            for (const auto &g : s[u"gaps_open"].arrayItems())
                tip << tr("  open: ") + m_gapTitles.value(g.toString(), gapTitle(g.toString()));
            for (const auto &g : s[u"gaps_new"].arrayItems())
                tip << tr("  new: ") + gapTitle(g.toString());
            return plainToolTip(tip.join(u'\n'));
        }
        return {};
    }
    QString level;
    double score = 0;
    QString tip;
    if (c == overallColumn()) {
        level = card[u"overall_level"].toString();
        score = card[u"overall_score"].toDouble();
        tip = tr("Overall: %1 (%2)%3")
                  .arg(formatNumber(score, 2), level, qualified ? QString() : tr(", disqualified"));
    } else {
        const QString dim = dimensionKeys().value(c - firstDimensionColumn());
        const JsonValue &d = card[u"dimensions"][dim];
        level = d[u"level"].toString();
        score = d[u"score"].toDouble();
        tip = tr("%1: %2, %3 (weight %4)%5")
                  .arg(dimensionHeading(dim), formatNumber(score, 2), level,
                       formatNumber(d[u"weight"].toDouble(), 2),
                       d[u"blocked"].toBool() ? tr(" — ⛔ blocked") : QString());
    }
    switch (role) {
    case Qt::DisplayRole:
        return c == overallColumn() ? QString(level + QStringLiteral(" ") + formatNumber(score, 0)) : level;
    case LevelRole:
        return level;
    case ScoreRole:
    case Qt::UserRole:
        return score;
    case Qt::ToolTipRole:
        return QString(tip + u'\n' + levelTooltip(level));
    default:
        return {};
    }
}

bool RankingModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (!index.isValid() || index.column() != Compare || role != Qt::CheckStateRole) return false;
    const QString key = solutionKey(m_solutions[size_t(index.row())]);
    const bool on = value.toInt() == Qt::Checked;
    if (on && !m_compared.contains(key) && m_compared.size() >= kMaxCompared) {
        emit compareLimitReached();
        return false;
    }
    if (on)
        m_compared.insert(key);
    else
        m_compared.remove(key);
    m_userPicked = true;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit comparedChanged();
    return true;
}

Qt::ItemFlags RankingModel::flags(const QModelIndex &index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() == Compare) f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant RankingModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    QString title, tip;
    if (section == Compare) {
        title = tr("Cmp");
        tip = tr("Compare: tick 2–4 packages for the Compare tab");
    } else if (section == Rank) {
        title = QStringLiteral("#");
        tip = tr("Rank: qualified packages first, then overall score");
    } else if (section == Label) {
        title = tr("Label");
        tip = tr("★ marks the winner of a label (recommended, best value, best coverage, simplest)");
    } else if (section >= FirstLine && section < costColumn()) {
        title = lineTitle(m_lines[section - FirstLine]);
        tip = tr("Carrier for the %1 line").arg(m_lines[section - FirstLine]);
    } else if (section == costColumn()) {
        // One word, as ui.md's sketch heads it: the column wraps to its range's two halves.
        title = tr("Cost");
        tip = tr("Estimated annual cost range (low – high; bundle breaks and indicative rates widen it)");
    } else if (section == changeColumn()) {
        title = tr("vs today");
        tip = tr("Change against the current premium (low estimate; positive = dearer)");
    } else if (section == gapsColumn()) {
        title = tr("Gaps");
        tip = tr("How many of today's coverage gaps the package closes, and how many new ones it opens");
    } else if (section == overallColumn()) {
        title = tr("Overall");
        tip = tr("Overall level and score (weighted sum of the six dimensions); L4 when disqualified");
    } else {
        const QString dim = dimensionKeys().value(section - firstDimensionColumn());
        title = dimensionTitle(dim).left(3);
        tip = dimensionTooltip(dim);
    }
    if (role == Qt::DisplayRole) return title;
    if (role == Qt::ToolTipRole) return tip;
    return {};
}

} // namespace pw
