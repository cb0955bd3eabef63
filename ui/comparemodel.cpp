// SPDX-License-Identifier: MIT
#include "comparemodel.h"
#include "plaintext.h"

#include "coveragefields.h"
#include "engine/plainwords.h"
#include "fieldformat.h"
#include "io/jsonpath.h"
#include "solutionutil.h"
#include "util/numbers.h"
#include "util/numbertext.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <cmath>
#include <functional>

namespace pw {

namespace {

// A coverage key of §8 as the case reader reads it: a split string in `bi_per_person` ("100/300/100")
// or `um_per_person` ("100/300") fills the per-person, per-accident and property-damage figures, and
// keys stated beside it win (engine.md §11.7).
JsonValue coverageValue(const JsonValue &detail, const QString &key) {
    const JsonValue &stated = jsonValueAt(detail, key);
    static const QStringList bi = {QStringLiteral("bi_per_person"), QStringLiteral("bi_per_accident"),
                                   QStringLiteral("pd_per_accident")};
    static const QStringList um = {QStringLiteral("um_per_person"), QStringLiteral("um_per_accident")};
    const QStringList &group = bi.contains(key) ? bi : um;
    if (!group.contains(key) || (!stated.isNull() && !stated.isString())) return stated;
    const JsonValue &split = detail[group.first()];
    if (!split.isString() || !split.toString().contains(u'/')) return stated;
    const auto parts = parseSplitLimitText(split.toString(), DecimalMark::Point);
    const qsizetype i = group.indexOf(key);
    if (!parts || i >= qsizetype(parts->size())) return stated;
    return JsonValue((*parts)[size_t(i)]);
}

// The current-coverage source of engine.md §9: `current_portfolio` when it is an object, else
// `current_coverage` (null when neither is an object).
JsonValue currentSource(const JsonValue &input) {
    if (input[u"current_portfolio"].isObject()) return input[u"current_portfolio"];
    if (input[u"current_coverage"].isObject()) return input[u"current_coverage"];
    return {};
}

// A spreadsheet must not run a pasted cell as a formula: case text starting with = or @, or with + or -
// not followed by a figure, gets a leading apostrophe (as csvField does for CSV).
QString tsvCell(QString text) {
    text.replace(u'\t', u' ').replace(u'\n', u' ').replace(u'\r', u' ');
    if (text.isEmpty()) return text;
    const QChar c = text.front();
    const QChar next = text.size() > 1 ? text.at(1) : QChar();
    if (c == u'=' || c == u'@' || ((c == u'+' || c == u'-') && !next.isDigit() && next != u'$'))
        text.prepend(u'\'');
    return text;
}

} // namespace

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
                                bool gapsAnalysed, const JsonValue &caseRoot, const JsonValue &runOutput) {
    beginResetModel();
    m_rows.clear();
    m_columns.clear();
    const JsonValue current = currentSource(caseRoot[u"input"]);
    m_hasCurrent = current.isObject() && !solutions.empty();
    m_notes = caseRoot[u"workbench"][u"notes"].toString();
    if (m_hasCurrent) m_columns << tr("Current");
    for (const auto &s : solutions)
        m_columns << (showsLabel(s) ? tr("#%1 %2").arg(s[u"rank"].toDouble()).arg(solutionLabelWords(s))
                                    : tr("#%1 ⛔").arg(s[u"rank"].toDouble()));
    const size_t n = solutions.size();

    using CellFn = std::function<Cell(const JsonValue &)>;
    auto notApplicable = [] {
        Cell c;
        c.text = QStringLiteral("—");
        c.notApplicable = true;
        return c;
    };
    auto add = [&](const QString &group, const QString &label, int better, const CellFn &cellFor,
                   const QString &tip = {}, const std::function<Cell()> &currentCell = {}) -> Row & {
        Row r;
        r.group = group;
        r.label = label;
        r.better = better;
        r.tooltip = tip;
        if (m_hasCurrent) r.cells.push_back(currentCell ? currentCell() : notApplicable());
        for (size_t i = 0; i < n; ++i)
            r.cells.push_back(cellFor(solutions[i]));
        m_rows.push_back(std::move(r));
        return m_rows.back();
    };
    auto notStated = [] {
        Cell c;
        c.text = tr("not stated");
        c.notStated = true;
        return c;
    };
    auto money = [&](const JsonValue &v) {
        Cell c;
        if (v.isNull()) return notStated();
        if (v.isNumber()) {
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
    auto textOrNotStated = [&](const QString &s) { return s.trimmed().isEmpty() ? notStated() : text(s); };

    // Summary
    const QString summary = tr("Summary");
    addHeader(summary);
    add(summary, tr("Rank"), 0,
        [&](const JsonValue &s) { return text(QString::number(s[u"rank"].toDouble())); });
    add(summary, tr("Label"), 0, [&](const JsonValue &s) {
        if (!showsLabel(s)) {
            Cell c = text(tr("⛔ disqualified"));
            c.tooltip = tr("Disqualified packages carry no label");
            return c;
        }
        Cell c =
            text((s[u"label_winner"].toBool() ? QStringLiteral("★ ") : QString()) + solutionLabelWords(s));
        c.tooltip = s[u"cluster_label"].toString();
        return c;
    });
    add(
        summary, tr("Carriers"), 0,
        [&](const JsonValue &s) {
            // Short names in the cell so two or three carriers fit; the full names in the tooltip.
            QStringList names, full, ids;
            for (const auto &p : s[u"providers"].arrayItems()) {
                const QString name = p[u"provider_name"].toString();
                full << name;
                names << shortCarrierName(name);
                ids << p[u"provider_id"].toString();
            }
            Cell c = text(names.join(QStringLiteral(", ")));
            c.tooltip = full.join(QStringLiteral(", "));
            c.key = ids.join(u'\n');
            return c;
        },
        {},
        [&] {
            QStringList names;
            for (const auto &[line, detail] : current.objectMembers()) {
                const QString name = detail[u"carrier"].toString().trimmed();
                if (!name.isEmpty() && !names.contains(name)) names << name;
            }
            return names.isEmpty() ? notStated() : text(names.join(QStringLiteral(", ")));
        });
    // Today's premium: what the run compared against (output.current_premium), else the case's own.
    auto currentPremium = [&] {
        const JsonValue &p = runOutput[u"current_premium"];
        return money(p.isNumber() ? p : caseRoot[u"input"][u"premium"]);
    };
    add(
        summary, tr("Annual cost (low)"), -1, [&](const JsonValue &s) { return money(s[u"est_cost_low"]); },
        {}, currentPremium);
    add(
        summary, tr("Annual cost (high)"), -1, [&](const JsonValue &s) { return money(s[u"est_cost_high"]); },
        {}, currentPremium);
    add(summary, tr("Change vs current"), -1, [&](const JsonValue &s) {
        Cell c = money(s[u"change_vs_current"]);
        c.text = c.notStated ? tr("no current premium") : changeText(s);
        return c;
    });
    add(
        summary, tr("Today's gaps closed"), 1,
        [&](const JsonValue &s) {
            if (!gapsAnalysed || !s[u"gaps_closed"].isArray()) {
                Cell c = text(tr("not analysed"));
                c.notStated = true;
                return c;
            }
            QStringList ids;
            for (const auto &g : s[u"gaps_closed"].arrayItems())
                if (!ids.contains(g.toString())) ids << g.toString();
            QStringList distinctToday;
            for (const auto &g : runOutput[u"coverage_analysis"][u"gaps"].arrayItems())
                if (!distinctToday.contains(g[u"rule_id"].toString()))
                    distinctToday << g[u"rule_id"].toString();
            Cell c = text(tr("%1 of %2").arg(ids.size()).arg(distinctToday.size()));
            c.hasNumber = true;
            c.number = double(ids.size());
            return c;
        },
        tr("How many of today's gaps the package closes: read a higher price with what it buys"));
    add(
        summary, tr("Commission (agent)"), 0,
        [&](const JsonValue &s) {
            Cell c = money(s[u"commission_annual"]);
            if (s[u"commission_pct"].isNumber())
                c.text += QStringLiteral(" (%1 %)").arg(formatNumber(s[u"commission_pct"].toDouble(), 2));
            return c;
        },
        tr("For agents only; never shown on the client proposal or in a client copy"))
        .agentOnly = true;

    // One group per line
    for (const QString &line : lines) {
        const QString group = lineTitle(line);
        const JsonValue &today = current[line];
        const bool inForce = today.isObject();
        auto currentOr = [&](const std::function<Cell()> &f) -> std::function<Cell()> {
            return [&, f] {
                if (inForce) return f();
                Cell c = text(tr("no current policy"));
                c.notApplicable = true;
                return c;
            };
        };
        addHeader(group);
        add(
            group, tr("Carrier"), 0,
            [&](const JsonValue &s) {
                const JsonValue o = solutionOffering(s, line);
                Cell c = text(carrierName(o));
                c.key = o[u"provider_id"].toString();
                return c;
            },
            {}, currentOr([&] { return textOrNotStated(today[u"carrier"].toString()); }));
        add(
            group, tr("Product"), 0,
            [&](const JsonValue &s) {
                return textOrNotStated(solutionOffering(s, line)[u"coverage"][u"product_name"].toString());
            },
            {}, currentOr([&] { return textOrNotStated(today[u"product_name"].toString()); }));
        add(
            group, tr("Premium"), -1,
            [&](const JsonValue &s) {
                return money(solutionOffering(s, line)[u"attributes"][u"line_premium_annual"]);
            },
            {}, currentOr([&] { return money(today[u"annual_premium"]); }));
        add(
            group, tr("AM Best"), 0,
            [&](const JsonValue &s) {
                const JsonValue g = solutionOffering(s, line)[u"quality_rating"];
                return g.isNull() ? notStated() : text(g.toString());
            },
            {}, currentOr([&] { return notApplicable(); }));
        for (const FieldSpec &f : coverageFields(line)) {
            auto cellOf = [&, f](const JsonValue &detail) {
                const JsonValue v = coverageValue(detail, f.key);
                if (f.kind == FieldKind::Choice && v.isString()) {
                    Cell c = text(codeWords(v.toString()));
                    for (const auto &[val, label] : f.choices)
                        if (val == v.toString()) c.text = label;
                    c.tooltip = v.toString();
                    return c;
                }
                if (f.kind == FieldKind::Number && v.isNumber()) {
                    Cell c = text(displayValue(v, f.kind) + f.unit);
                    c.hasNumber = true;
                    c.number = v.toDouble();
                    return c;
                }
                return money(v);
            };
            add(
                group, f.label, higherIsBetter(f.key) ? 1 : -1,
                [&, cellOf](const JsonValue &s) { return cellOf(solutionOffering(s, line)[u"coverage"]); },
                f.tooltip, currentOr([&, cellOf] { return cellOf(today); }));
        }
    }

    // Scorecard
    const QString scorecard = tr("Scorecard");
    addHeader(scorecard);
    Row &overall = add(scorecard, tr("Overall"), 1, [&](const JsonValue &s) {
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
    overall.scorecard = true;
    for (const QString &dim : dimensionKeys()) {
        Row &r = add(
            scorecard, dimensionHeading(dim), 1,
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
        r.scorecard = true;
    }

    // Gaps, in words; the rule ids in the tooltip.
    QHash<QString, QString> titles; // rule id -> the run's own title (it may name amounts)
    QStringList todayIds;
    for (const auto &g : runOutput[u"coverage_analysis"][u"gaps"].arrayItems()) {
        const QString id = g[u"rule_id"].toString();
        if (!titles.contains(id)) titles.insert(id, g[u"title"].toString());
        if (!todayIds.contains(id)) todayIds << id;
    }
    auto gapCell = [&](const QStringList &ids) {
        QStringList words, tips;
        for (const QString &id : ids) {
            words << gapPhrase(id);
            tips << QStringLiteral("%1 (%2)").arg(titles.value(id, gapTitle(id)), id);
        }
        Cell c = text(ids.isEmpty()
                          ? tr("none")
                          : QStringLiteral("%1: %2").arg(ids.size()).arg(words.join(QStringLiteral(", "))));
        c.tooltip = tips.join(u'\n');
        c.hasNumber = true;
        c.number = double(ids.size());
        return c;
    };
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
                if (!ids.contains(g.toString())) ids << g.toString();
            return gapCell(ids);
        };
    };
    add(gaps, tr("Closed"), 1, gapList("gaps_closed"),
        tr("Gaps of the current coverage this package closes"));
    add(gaps, tr("Still open"), -1, gapList("gaps_open"),
        tr("Gaps of the current coverage this package leaves open"), [&] {
            if (!gapsAnalysed) {
                Cell c = text(tr("not analysed"));
                c.notStated = true;
                return c;
            }
            return gapCell(todayIds);
        });
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

int CompareModel::baseline(const Row &r) const {
    // Packages are read against today; where Current has nothing to say, against the first package.
    if (m_hasCurrent && !r.cells.empty() && !r.cells[0].notApplicable) return 0;
    return firstSolutionColumn();
}

bool CompareModel::differs(const Row &r, int col) const {
    const int base = baseline(r);
    if (col <= base || col < firstSolutionColumn() || r.header || r.cells.empty()) return false;
    // Carriers are compared by carrier id where both cells have one: "liberty mutual" and "Liberty  Mutual"
    // under one id are one carrier, and the cells are not tinted as different.
    const Cell &a = r.cells[size_t(col)], &b = r.cells[size_t(base)];
    if (!a.key.isEmpty() && !b.key.isEmpty()) return a.key != b.key;
    return a.text != b.text;
}

bool CompareModel::isBest(const Row &r, int col) const {
    if (r.better == 0 || r.header || col < firstSolutionColumn() || solutionCount() < 2 ||
        !r.cells[size_t(col)].hasNumber)
        return false;
    double best = 0;
    bool any = false, allSame = true;
    for (size_t i = size_t(firstSolutionColumn()); i < r.cells.size(); ++i) {
        const Cell &c = r.cells[i];
        if (!c.hasNumber) continue;
        if (any && c.number != best) allSame = false;
        if (!any || (r.better > 0 ? c.number > best : c.number < best)) best = c.number;
        any = true;
    }
    return !allSame && r.cells[size_t(col)].number == best;
}

std::vector<CompareModel::CopyRow> CompareModel::copyRows(Audience audience) const {
    std::vector<CopyRow> out;
    for (const Row &r : m_rows) {
        if (r.agentOnly && audience == Audience::Client) continue;
        if (r.header) {
            out.push_back({r.label, true, false, {}, {}, &r});
            continue;
        }
        const QString label = r.group + QStringLiteral(" · ") + r.label;
        if (!r.scorecard) {
            CopyRow c{label, false, false, {}, {}, &r};
            for (const Cell &cell : r.cells) {
                c.cells << cell.text;
                c.source.push_back(&cell);
            }
            out.push_back(c);
            continue;
        }
        // Level and score apart, so a spreadsheet reads the score as a number.
        CopyRow level{label + tr(" · level"), false, true, {}, {}, &r};
        CopyRow score{label + tr(" · score"), false, false, {}, {}, &r};
        for (const Cell &cell : r.cells) {
            const bool has = !cell.level.isEmpty();
            level.cells << (has ? cell.level : cell.text);
            score.cells << (has ? QString::number(roundHalfAway(cell.number, 2), 'f', 2) : cell.text);
            level.source.push_back(&cell);
            score.source.push_back(&cell);
        }
        out.push_back(level);
        out.push_back(score);
    }
    return out;
}

QString CompareModel::toTsv(Audience audience) const {
    QStringList lines;
    QStringList head{tr("Field")};
    for (const QString &c : m_columns)
        head << tsvCell(c);
    lines << head.join(u'\t');
    for (const CopyRow &r : copyRows(audience)) {
        QStringList cells{tsvCell(r.label)};
        for (const QString &c : r.cells)
            cells << tsvCell(c);
        lines << cells.join(u'\t');
    }
    if (audience == Audience::Agent && !m_notes.trimmed().isEmpty())
        lines << tr("Internal notes") + u'\t' + tsvCell(m_notes);
    return lines.join(u'\n') + u'\n';
}

QString CompareModel::toHtml(Audience audience) const {
    const int cols = int(m_columns.size()) + 1;
    QString html = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n<tr><th>%1</th>")
                       .arg(tr("Field").toHtmlEscaped());
    for (const QString &c : m_columns)
        html += QStringLiteral("<th>%1</th>").arg(c.toHtmlEscaped());
    html += QStringLiteral("</tr>\n");
    for (const CopyRow &r : copyRows(audience)) {
        if (r.header) {
            html += QStringLiteral(
                        "<tr><th colspan=\"%1\" align=\"left\" style=\"background:#e8eaf0\">%2</th></tr>\n")
                        .arg(cols)
                        .arg(r.label.toHtmlEscaped());
            continue;
        }
        html += QStringLiteral("<tr><td>%1</td>").arg(r.label.toHtmlEscaped());
        for (int i = 0; i < r.cells.size(); ++i) {
            const Cell *cell = r.source[size_t(i)];
            QString style;
            if (differs(*r.row, i)) style += QStringLiteral("background:#fff4d6;");
            if (isBest(*r.row, i) && !r.levels) style += QStringLiteral("font-weight:bold;");
            if (cell->notStated) style += QStringLiteral("font-style:italic;color:#757575;");
            const bool right = cell->hasNumber && !r.levels;
            html += QStringLiteral("<td%1%2>%3</td>")
                        .arg(right ? QStringLiteral(" align=\"right\"") : QString(),
                             style.isEmpty() ? QString() : QStringLiteral(" style=\"%1\"").arg(style),
                             r.cells[i].toHtmlEscaped());
        }
        html += QStringLiteral("</tr>\n");
    }
    html += QStringLiteral("</table>\n");
    if (audience == Audience::Agent && !m_notes.trimmed().isEmpty())
        html += QStringLiteral("<p><b>%1:</b> %2</p>\n")
                    .arg(tr("Internal notes").toHtmlEscaped(), m_notes.toHtmlEscaped());
    return html;
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
    case Qt::ToolTipRole: {
        // The cell's whole text (a cut one is elided in the middle), its code or details, the row's help.
        QStringList tip;
        if (!r.header && !c.text.isEmpty()) tip << c.text;
        if (!c.tooltip.isEmpty()) tip << c.tooltip;
        if (!r.tooltip.isEmpty()) tip << r.tooltip;
        return tip.isEmpty() ? QVariant() : QVariant(plainToolTip(tip.join(u'\n')));
    }
    case Qt::FontRole: {
        if (!c.notStated && !isBest(r, index.column()) && !r.header) return {};
        QFont f;
        f.setItalic(c.notStated);
        f.setBold(isBest(r, index.column()) || r.header);
        return f;
    }
    case Qt::ForegroundRole:
        if (c.notStated || c.notApplicable) return QBrush(QColor(0x75, 0x75, 0x75));
        if (!c.level.isEmpty()) return QBrush(QColor(levelColorName(c.level)));
        if (r.label == tr("Change vs current") && c.hasNumber)
            return QBrush(c.number > 0 ? QColor(0xc6, 0x28, 0x28) : QColor(0x2e, 0x7d, 0x32));
        return {};
    case Qt::BackgroundRole:
        if (r.header) return QBrush(QColor(0xe8, 0xea, 0xf0));
        if (m_hasCurrent && index.column() == 0) return QBrush(QColor(0xf1, 0xf3, 0xf6));
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
        if (role == Qt::ToolTipRole && m_hasCurrent && section == 0)
            return tr("What the household has today (current coverage); packages that differ are tinted");
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
