// SPDX-License-Identifier: MIT
#include "runcomparison.h"

#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <map>

namespace pw {

namespace {

const QStringList kKnownLabels = {QStringLiteral("recommended"), QStringLiteral("best_value"),
                                  QStringLiteral("best_coverage"), QStringLiteral("simplest")};

std::optional<double> number(const JsonValue &v) {
    if (v.isNumber() && std::isfinite(v.toDouble())) return v.toDouble();
    return std::nullopt;
}

RunComparison::Package readPackage(const JsonValue &s, int index) {
    RunComparison::Package p;
    for (const JsonValue &o : s[u"offerings"].arrayItems()) {
        if (o.isObject())
            p.offeringIds << (o[u"id"].isString() ? o[u"id"].toString()
                                                  : QString::fromUtf8(writeJson(o[u"id"], -1)));
        else if (o.isString()) // tolerate a list of ids
            p.offeringIds << o.toString();
    }
    p.rank = s[u"rank"].isNumber() ? int(s[u"rank"].toDouble()) : index + 1;
    p.clusterLabel = s[u"cluster_label"].toString();
    p.labelWinner = s[u"label_winner"].toBool();
    p.costLow = number(s[u"est_cost_low"]);
    p.costHigh = number(s[u"est_cost_high"]);
    const JsonValue &level = s[u"scorecard"][u"overall_level"];
    p.overallLevel = level.isNumber() ? QString::fromUtf8(level.numberText()) : level.toString();
    return p;
}

QString packageKey(const QStringList &ids) {
    QStringList sorted = ids;
    sorted.sort();
    return sorted.join(QChar(0x1f));
}

std::vector<RunComparison::Package> readSolutions(const JsonValue &run) {
    std::vector<RunComparison::Package> out;
    const JsonValue &solutions = run[u"solutions"];
    if (!solutions.isArray()) return out;
    int i = 0;
    for (const JsonValue &s : solutions.arrayItems())
        if (s.isObject()) out.push_back(readPackage(s, i++));
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.rank < b.rank; });
    return out;
}

QString money(const std::optional<double> &v) {
    if (!v) return QStringLiteral("—");
    return QStringLiteral("$") + QString::number(*v, 'f', 2);
}

QString delta(const std::optional<double> &v) {
    if (!v) return QStringLiteral("—");
    if (std::abs(*v) < 0.005) return QStringLiteral("same");
    return (*v > 0 ? QStringLiteral("+$") : QStringLiteral("-$")) + QString::number(std::abs(*v), 'f', 2);
}

QString describe(const std::optional<RunComparison::Package> &p) {
    if (!p) return QStringLiteral("(none)");
    return p->offeringIds.join(QStringLiteral(" + "));
}

QString row(const QStringList &cells, const std::vector<int> &widths) {
    QString line;
    for (size_t i = 0; i < size_t(cells.size()); ++i) {
        const int w = i < widths.size() ? widths[i] : 0;
        line += (i + 1 < size_t(cells.size()) ? cells[int(i)].leftJustified(w) : cells[int(i)]);
        if (i + 1 < size_t(cells.size())) line += QStringLiteral("  ");
    }
    return line.trimmed().isEmpty() ? line : line + u'\n';
}

QString table(const QList<QStringList> &rows) {
    std::vector<int> widths;
    for (const QStringList &r : rows)
        for (int i = 0; i < r.size(); ++i) {
            if (size_t(i) >= widths.size()) widths.resize(size_t(i) + 1, 0);
            widths[size_t(i)] = std::max(widths[size_t(i)], int(r[i].size()));
        }
    QString out;
    for (const QStringList &r : rows)
        out += row(r, widths);
    return out;
}

} // namespace

RunComparison compareRuns(const JsonValue &localRun, const JsonValue &remoteRun) {
    RunComparison c;
    const auto local = readSolutions(localRun);
    const auto remote = readSolutions(remoteRun);
    c.localCount = int(local.size());
    c.remoteCount = int(remote.size());
    if (!local.empty()) c.localTop = local.front();
    if (!remote.empty()) c.remoteTop = remote.front();
    c.sameTopPackage = c.localTop && c.remoteTop &&
                       packageKey(c.localTop->offeringIds) == packageKey(c.remoteTop->offeringIds);

    // Label winners on each side (the first winner of a label counts).
    QStringList labels = kKnownLabels;
    std::map<QString, RunComparison::Package> localWinners, remoteWinners;
    auto collect = [&labels](const std::vector<RunComparison::Package> &side, auto &winners) {
        for (const auto &p : side) {
            if (!p.labelWinner || p.clusterLabel.isEmpty() || winners.count(p.clusterLabel)) continue;
            winners.emplace(p.clusterLabel, p);
            if (!labels.contains(p.clusterLabel)) labels << p.clusterLabel;
        }
    };
    collect(local, localWinners);
    collect(remote, remoteWinners);
    for (const QString &label : labels) {
        RunComparison::LabelAgreement a;
        a.label = label;
        if (auto it = localWinners.find(label); it != localWinners.end()) a.local = it->second;
        if (auto it = remoteWinners.find(label); it != remoteWinners.end()) a.remote = it->second;
        if (!a.local && !a.remote) continue;
        a.same = a.local && a.remote && packageKey(a.local->offeringIds) == packageKey(a.remote->offeringIds);
        c.labels.push_back(a);
    }

    std::map<QString, const RunComparison::Package *> remoteByKey;
    for (const auto &p : remote)
        remoteByKey.emplace(packageKey(p.offeringIds), &p);
    std::map<QString, bool> matched;
    for (const auto &l : local) {
        const QString key = packageKey(l.offeringIds);
        const auto it = remoteByKey.find(key);
        if (it == remoteByKey.end() || matched.count(key)) {
            ++c.localOnly;
            continue;
        }
        matched[key] = true;
        const auto &r = *it->second;
        RunComparison::CostDifference d;
        d.offeringIds = l.offeringIds;
        d.localRank = l.rank;
        d.remoteRank = r.rank;
        d.localLow = l.costLow;
        d.localHigh = l.costHigh;
        d.remoteLow = r.costLow;
        d.remoteHigh = r.costHigh;
        if (l.costLow && r.costLow) d.lowDelta = *r.costLow - *l.costLow;
        if (l.costHigh && r.costHigh) d.highDelta = *r.costHigh - *l.costHigh;
        d.localLevel = l.overallLevel;
        d.remoteLevel = r.overallLevel;
        c.costs.push_back(d);
    }
    c.remoteOnly = c.remoteCount - int(matched.size());
    return c;
}

QString RunComparison::summary() const {
    QStringList parts;
    if (!localTop && !remoteTop)
        parts << QStringLiteral("Neither run has a solution");
    else if (!localTop)
        parts << QStringLiteral("Only the remote run has solutions");
    else if (!remoteTop)
        parts << QStringLiteral("Only the local run has solutions");
    else
        parts << (sameTopPackage ? QStringLiteral("Same top package")
                                 : QStringLiteral("Different top packages"));
    int agree = 0, compared = 0;
    for (const auto &l : labels) {
        if (l.local && l.remote) ++compared;
        if (l.same) ++agree;
    }
    if (compared > 0) parts << QStringLiteral("%1 of %2 labels agree").arg(agree).arg(compared);
    int sameCost = 0;
    for (const auto &d : costs)
        if (d.lowDelta && d.highDelta && std::abs(*d.lowDelta) < 0.005 && std::abs(*d.highDelta) < 0.005)
            ++sameCost;
    if (!costs.empty())
        parts << QStringLiteral("%1 packages on both sides, %2 with the same cost")
                     .arg(costs.size())
                     .arg(sameCost);
    if (localOnly || remoteOnly)
        parts << QStringLiteral("%1 only local, %2 only remote").arg(localOnly).arg(remoteOnly);
    return parts.join(QStringLiteral("; ")) + u'.';
}

QString renderComparisonTable(const RunComparison &c) {
    QString out;
    out += QStringLiteral("Local vs remote: ") + c.summary() + u'\n';
    out +=
        QStringLiteral("Top package: local %1; remote %2\n").arg(describe(c.localTop), describe(c.remoteTop));
    if (!c.labels.empty()) {
        out += u'\n';
        QList<QStringList> rows;
        rows << QStringList{QStringLiteral("LABEL"), QStringLiteral("AGREE"), QStringLiteral("LOCAL"),
                            QStringLiteral("REMOTE")};
        for (const auto &l : c.labels)
            rows << QStringList{l.label,
                                l.same                  ? QStringLiteral("yes")
                                : (l.local && l.remote) ? QStringLiteral("no")
                                                        : QStringLiteral("one side"),
                                describe(l.local), describe(l.remote)};
        out += table(rows);
    }
    if (!c.costs.empty()) {
        out += u'\n';
        QList<QStringList> rows;
        rows << QStringList{QStringLiteral("PACKAGE"),    QStringLiteral("RANK L/R"),
                            QStringLiteral("LOCAL COST"), QStringLiteral("REMOTE COST"),
                            QStringLiteral("DIFF LOW"),   QStringLiteral("DIFF HIGH"),
                            QStringLiteral("LEVEL L/R")};
        for (const auto &d : c.costs)
            rows << QStringList{d.offeringIds.join(QStringLiteral(" + ")),
                                QStringLiteral("%1/%2").arg(d.localRank).arg(d.remoteRank),
                                money(d.localLow) + u'-' + money(d.localHigh),
                                money(d.remoteLow) + u'-' + money(d.remoteHigh),
                                delta(d.lowDelta),
                                delta(d.highDelta),
                                (d.localLevel.isEmpty() ? QStringLiteral("—") : d.localLevel) + u'/' +
                                    (d.remoteLevel.isEmpty() ? QStringLiteral("—") : d.remoteLevel)};
        out += table(rows);
    }
    return out;
}

} // namespace pw
