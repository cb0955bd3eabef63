// SPDX-License-Identifier: MIT
#include "comparemodel.h"
#include "plaintext.h"

#include "coveragefields.h"
#include "fieldformat.h"
#include "io/jsonpath.h"
#include "solutionutil.h"
#include "util/numbers.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <cmath>

namespace pw {

CompareModel::CompareModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void CompareModel::addHeader(const QString &group) {
    Row r;
    r.group = group;
    r.label = group;
    r.header = true;
    r.cells.resize(size_t(m_columns.size()));
    m_rows.push_back(r);
}

void CompareModel::setSolutions(const std::vector<JsonValue> &solutions, const QStringList &lines,
                                bool gapsAnalysed) {
    beginResetModel();
    m_rows.clear();
    m_columns.clear();
    for (const auto &s : solutions)
        m_columns << tr("#%1 %2").arg(s[u"rank"].toDouble()).arg(labelText(s[u"cluster_label"].toString()));
    const size_t n = solutions.size();
    auto add = [&](const QString &group, const QString &label, int better, auto cellFor,
                   const QString &tip = {}) {
        Row r;
        r.group = group;
        r.label = label;
        r.better = better;
        r.tooltip = tip;
        for (size_t i = 0; i < n; ++i)
            r.cells.push_back(cellFor(solutions[i]));
        m_rows.push_back(std::move(r));
    };
    auto money = [](const JsonValue &v) {
        Cell c;
        if (v.isNull()) {
            c.text = tr("not stated");
            c.notStated = true;
        } else if (v.isNumber()) {
            c.text = formatMoney(v.toDouble());
            c.hasNumber = true;
            c.number = v.toDouble();
        } else if (v.isString() && v.toString().compare(QStringLiteral("none"), Qt::CaseInsensitive) == 0) {
            c.text = tr("None");
        } else {
            c.text = displayValue(v, FieldKind::Text);
        }
        return c;
    };
    auto text = [](const QString &s) {
        Cell c;
        c.text = s;
        return c;
    };

    const QString summary = tr("Summary");
    addHeader(summary);
    add(summary, tr("Rank"), 0,
        [&](const JsonValue &s) { return text(QString::number(s[u"rank"].toDouble())); });
    add(summary, tr("Label"), 0, [&](const JsonValue &s) {
        return text((s[u"label_winner"].toBool() ? QStringLiteral("★ ") : QString()) +
                    labelText(s[u"cluster_label"].toString()));
    });
    // Carriers are compared by carrier id: "liberty mutual" and "Liberty  Mutual" under one id are one
    // carrier, and the cells are not tinted as different.
    add(summary, tr("Carriers"), 0, [&](const JsonValue &s) {
        QStringList names, ids;
        for (const auto &p : s[u"providers"].arrayItems()) {
            names << p[u"provider_name"].toString();
            ids << p[u"provider_id"].toString();
        }
        Cell c = text(names.join(QStringLiteral(", ")));
        c.key = ids.join(u'\n');
        return c;
    });
    add(summary, tr("Annual cost (low)"), -1, [&](const JsonValue &s) { return money(s[u"est_cost_low"]); });
    add(summary, tr("Annual cost (high)"), -1,
        [&](const JsonValue &s) { return money(s[u"est_cost_high"]); });
    add(summary, tr("Change vs current"), -1, [&](const JsonValue &s) {
        Cell c = money(s[u"change_vs_current"]);
        if (!c.notStated)
            c.text = changeText(s);
        else
            c.text = tr("no current premium");
        return c;
    });
    add(
        summary, tr("Commission (agent)"), 0,
        [&](const JsonValue &s) {
            Cell c = money(s[u"commission_annual"]);
            if (s[u"commission_pct"].isNumber())
                c.text += QStringLiteral(" (%1 %)").arg(formatNumber(s[u"commission_pct"].toDouble(), 2));
            return c;
        },
        tr("For agents only; never shown on the client proposal"));

    for (const QString &line : lines) {
        const QString group = lineTitle(line);
        addHeader(group);
        add(group, tr("Carrier"), 0, [&](const JsonValue &s) {
            const JsonValue o = solutionOffering(s, line);
            Cell c = text(carrierName(o));
            c.key = o[u"provider_id"].toString();
            return c;
        });
        add(group, tr("Product"), 0, [&](const JsonValue &s) {
            const JsonValue o = solutionOffering(s, line);
            Cell c = text(o[u"coverage"][u"product_name"].toString());
            if (c.text.isEmpty()) {
                c.text = tr("not stated");
                c.notStated = true;
            }
            return c;
        });
        add(group, tr("Premium"), -1, [&](const JsonValue &s) {
            return money(solutionOffering(s, line)[u"attributes"][u"line_premium_annual"]);
        });
        add(group, tr("AM Best"), 0, [&](const JsonValue &s) {
            const JsonValue g = solutionOffering(s, line)[u"quality_rating"];
            Cell c = text(g.toString());
            if (g.isNull()) {
                c.text = tr("not stated");
                c.notStated = true;
            }
            return c;
        });
        for (const FieldSpec &f : coverageFields(line)) {
            add(
                group, f.label, higherIsBetter(f.key) ? 1 : -1,
                [&](const JsonValue &s) {
                    const JsonValue v = jsonValueAt(solutionOffering(s, line)[u"coverage"], f.key);
                    if (f.kind == FieldKind::Choice && v.isString()) {
                        Cell c = text(v.toString());
                        for (const auto &[val, label] : f.choices)
                            if (val == v.toString()) c.text = label;
                        return c;
                    }
                    if (f.kind == FieldKind::Number && v.isNumber()) {
                        Cell c = text(displayValue(v, f.kind) + f.unit);
                        c.hasNumber = true;
                        c.number = v.toDouble();
                        return c;
                    }
                    return money(v);
                },
                f.tooltip);
        }
    }

    const QString scorecard = tr("Scorecard");
    addHeader(scorecard);
    add(scorecard, tr("Overall"), 1, [&](const JsonValue &s) {
        const JsonValue &card = s[u"scorecard"];
        Cell c;
        c.level = card[u"overall_level"].toString();
        c.number = card[u"overall_score"].toDouble();
        c.hasNumber = true;
        c.text = QStringLiteral("%1 · %2%3")
                     .arg(c.level, formatNumber(c.number, 2),
                          card[u"qualified"].toBool(true) ? QString() : tr(" · disqualified"));
        return c;
    });
    for (const QString &dim : dimensionKeys()) {
        add(
            scorecard, dimensionTitle(dim), 1,
            [&](const JsonValue &s) {
                const JsonValue &d = s[u"scorecard"][u"dimensions"][dim];
                Cell c;
                c.level = d[u"level"].toString();
                c.number = d[u"score"].toDouble();
                c.hasNumber = true;
                c.text =
                    QStringLiteral("%1 · %2 × %3%4")
                        .arg(c.level, formatNumber(c.number, 2), formatNumber(d[u"weight"].toDouble(), 2),
                             d[u"blocked"].toBool() ? QStringLiteral(" ⛔") : QString());
                return c;
            },
            dimensionTooltip(dim));
    }

    const QString gaps = tr("Gaps");
    addHeader(gaps);
    auto gapList = [&](const char *key) {
        return [&, key](const JsonValue &s) {
            const JsonValue &list = s[QString::fromLatin1(key)];
            if (!gapsAnalysed || !list.isArray()) {
                Cell c = text(tr("not analysed"));
                c.notStated = true;
                return c;
            }
            QStringList ids;
            for (const auto &g : list.arrayItems())
                ids << g.toString();
            Cell c = text(ids.isEmpty() ? tr("none") : ids.join(QStringLiteral(", ")));
            c.hasNumber = true;
            c.number = ids.size();
            return c;
        };
    };
    add(gaps, tr("Closed"), 1, gapList("gaps_closed"),
        tr("Gaps of the current coverage this package closes"));
    add(gaps, tr("Still open"), -1, gapList("gaps_open"),
        tr("Gaps of the current coverage this package leaves open"));
    add(gaps, tr("New"), -1, gapList("gaps_new"),
        tr("Gaps this package opens that the current coverage does not have"));
    endResetModel();
}

int CompareModel::rowOf(const QString &group, const QString &label) const {
    for (size_t i = 0; i < m_rows.size(); ++i)
        if ((group.isEmpty() || m_rows[i].group == group) && m_rows[i].label == label && !m_rows[i].header)
            return int(i);
    return -1;
}

bool CompareModel::differs(const Row &r, int col) const {
    if (col == 0 || r.header || r.cells.empty()) return false;
    const Cell &a = r.cells[size_t(col)], &b = r.cells[0];
    if (!a.key.isEmpty() && !b.key.isEmpty()) return a.key != b.key;
    return a.text != b.text;
}

bool CompareModel::isBest(const Row &r, int col) const {
    if (r.better == 0 || r.header || r.cells.size() < 2 || !r.cells[size_t(col)].hasNumber) return false;
    double best = 0;
    bool any = false, allSame = true;
    for (const Cell &c : r.cells) {
        if (!c.hasNumber) continue;
        if (any && c.number != best) allSame = false;
        if (!any || (r.better > 0 ? c.number > best : c.number < best)) best = c.number;
        any = true;
    }
    return !allSame && r.cells[size_t(col)].number == best;
}

QString CompareModel::toTsv() const {
    QStringList lines;
    lines << (QStringList{tr("Field")} + m_columns).join(u'\t');
    for (const Row &r : m_rows) {
        QStringList cells{r.header ? r.label : r.group + QStringLiteral(" · ") + r.label};
        for (const Cell &c : r.cells)
            cells << (r.header ? QString() : QString(c.text).replace(u'\t', u' '));
        lines << cells.join(u'\t');
    }
    return lines.join(u'\n') + u'\n';
}

int CompareModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CompareModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant CompareModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const Row &r = m_rows[size_t(index.row())];
    const Cell &c = r.cells[size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole:
        return r.header ? QString() : c.text;
    case Qt::ToolTipRole:
        return r.tooltip.isEmpty() ? QVariant() : QVariant(plainToolTip(r.tooltip));
    case Qt::FontRole: {
        if (!c.notStated && !isBest(r, index.column()) && !r.header) return {};
        QFont f;
        f.setItalic(c.notStated);
        f.setBold(isBest(r, index.column()) || r.header);
        return f;
    }
    case Qt::ForegroundRole:
        if (c.notStated) return QBrush(QColor(0x75, 0x75, 0x75));
        if (!c.level.isEmpty()) return QBrush(QColor(levelColorName(c.level)));
        return {};
    case Qt::BackgroundRole:
        if (r.header) return QBrush(QColor(0xe8, 0xea, 0xf0));
        if (differs(r, index.column())) return QBrush(QColor(0xff, 0xf4, 0xd6));
        return {};
    case Qt::TextAlignmentRole:
        return QVariant((c.hasNumber && c.level.isEmpty() ? Qt::AlignRight : Qt::AlignLeft) |
                        Qt::AlignVCenter);
    case GroupRole:
        return r.group;
    case NotStatedRole:
        return c.notStated;
    case DiffersRole:
        return differs(r, index.column());
    case BestRole:
        return isBest(r, index.column());
    default:
        return {};
    }
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal) {
        if (role == Qt::DisplayRole && section < m_columns.size()) return m_columns[section];
        return {};
    }
    if (section >= rowCount()) return {};
    const Row &r = m_rows[size_t(section)];
    if (role == Qt::DisplayRole) return r.header ? r.label.toUpper() : r.label;
    if (role == Qt::ToolTipRole && !r.tooltip.isEmpty()) return plainToolTip(r.tooltip);
    if (role == Qt::FontRole && r.header) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

} // namespace pw
