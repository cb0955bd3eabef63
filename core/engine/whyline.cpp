// SPDX-License-Identifier: MIT
#include "engine/whyline.h"

#include "engine/plainwords.h"
#include "util/displaytext.h"
#include "util/numbers.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace pw {

namespace {

constexpr int kMaxNameLength = 40;

const QStringList &dimensionOrder() {
    static const QStringList keys = {QStringLiteral("pricing"),   QStringLiteral("coverage"),
                                     QStringLiteral("financial"), QStringLiteral("appetite"),
                                     QStringLiteral("placement"), QStringLiteral("service")};
    return keys;
}

QStringList stringList(const JsonValue &array) {
    QStringList out;
    for (const auto &v : array.arrayItems())
        if (v.isString() && !out.contains(v.toString())) out << v.toString();
    return out;
}

QString dollars(double v) {
    return formatMoney(roundHalfAway(v, 0));
}

QString phrases(const QStringList &ruleIds) {
    QStringList words;
    for (const QString &id : ruleIds)
        words << gapPhrase(id);
    return joinWords(words);
}

// The rule ids of today's gaps (§9 `gaps[]`, each id once), or nullopt when no gap analysis ran.
std::optional<QStringList> todaysGaps(const JsonValue &run) {
    const JsonValue &analysis = run[u"output"][u"coverage_analysis"];
    if (!analysis.isObject()) return std::nullopt;
    QStringList ids;
    for (const auto &g : analysis[u"gaps"].arrayItems()) {
        const QString id = g[u"rule_id"].toString();
        if (!id.isEmpty() && !ids.contains(id)) ids << id;
    }
    return ids;
}

// "closes all 5 gaps", "closes 3 of 5 gaps (leaves water backup open)", with "but opens …" for new gaps.
QString gapPart(const JsonValue &solution, const QStringList &today) {
    const QStringList closed = stringList(solution[u"gaps_closed"]);
    const QStringList open = stringList(solution[u"gaps_open"]);
    const QStringList added = stringList(solution[u"gaps_new"]);
    const qsizetype n = today.size();
    QString s;
    if (n == 0)
        s = QObject::tr("no gaps today");
    else if (closed.size() >= n)
        s = n == 1 ? QObject::tr("closes today's one gap") : QObject::tr("closes all %1 gaps").arg(n);
    else if (closed.isEmpty())
        s = QObject::tr("closes none of today's %1").arg(countText(n, QObject::tr("gap")));
    else
        s = QObject::tr("closes %1 of %2 gaps").arg(closed.size()).arg(n);
    if (!open.isEmpty() && !closed.isEmpty() && closed.size() < n)
        s += QObject::tr(" (leaves %1 open)").arg(phrases(open));
    if (!added.isEmpty())
        s += (n == 0 ? QObject::tr(" but it opens %1 (%2)") : QObject::tr(" but opens %1 (%2)"))
                 .arg(added.size() == 1 ? QObject::tr("one") : QString::number(added.size()), phrases(added));
    return s;
}

// "+$2,632 a year against today", "$410 a year less than today", or the cost alone without a current premium.
QString costPart(const JsonValue &solution) {
    const JsonValue &change = solution[u"change_vs_current"];
    if (change.isNumber()) {
        const double c = roundHalfAway(change.toDouble(), 0);
        if (c > 0) return QObject::tr("%1 a year against today").arg(formatSignedMoney(c));
        if (c < 0) return QObject::tr("%1 a year less than today").arg(formatMoney(-c));
        return QObject::tr("the same cost as today");
    }
    const double lo = solution[u"est_cost_low"].toDouble(), hi = solution[u"est_cost_high"].toDouble();
    if (roundHalfAway(hi, 0) > roundHalfAway(lo, 0))
        return QObject::tr("%1 – %2 a year").arg(dollars(lo), dollars(hi));
    return QObject::tr("%1 a year").arg(dollars(lo));
}

// "saves $680", "saves $86 – $680", "costs $120 more", "costs the same" — `a` against `b`. Both ends of the
// cost range are compared (§4): a saving that holds only at the low estimate is never stated as certain.
QString costAgainst(const JsonValue &a, const JsonValue &b, bool *cheaper) {
    const double dLow = roundHalfAway(a[u"est_cost_low"].toDouble() - b[u"est_cost_low"].toDouble(), 0);
    const double dHigh = roundHalfAway(a[u"est_cost_high"].toDouble() - b[u"est_cost_high"].toDouble(), 0);
    const double least = std::min(dLow, dHigh), most = std::max(dLow, dHigh);
    *cheaper = most < 0 || (most <= 0 && least < 0);
    if (most <= 0 && least < 0)
        return most == least || most == 0 ? QObject::tr("saves %1").arg(dollars(-least))
                                          : QObject::tr("saves %1 – %2").arg(dollars(-most), dollars(-least));
    if (least >= 0 && most > 0)
        return least == most || least == 0
                   ? QObject::tr("costs %1 more").arg(dollars(most))
                   : QObject::tr("costs %1 – %2 more").arg(dollars(least), dollars(most));
    if (least < 0 && most > 0)
        return QObject::tr("costs from %1 less to %2 more").arg(dollars(-least), dollars(most));
    return QObject::tr("costs the same");
}

// The dimensions where `a` scores below `b`, largest weighted loss first.
QStringList weakerDimensions(const JsonValue &a, const JsonValue &b) {
    struct Loss {
        QString dim;
        double weighted;
    };
    std::vector<Loss> losses;
    const JsonValue &da = a[u"scorecard"][u"dimensions"];
    const JsonValue &db = b[u"scorecard"][u"dimensions"];
    for (const QString &dim : dimensionOrder()) {
        const JsonValue &x = da[dim], &y = db[dim];
        if (!x[u"score"].isNumber() || !y[u"score"].isNumber()) continue;
        const double diff = y[u"score"].toDouble() - x[u"score"].toDouble();
        if (diff > 0) losses.push_back({dim, diff * y[u"weight"].toDouble(1)});
    }
    std::stable_sort(losses.begin(), losses.end(),
                     [](const Loss &l, const Loss &r) { return l.weighted > r.weighted; });
    QStringList out;
    for (const Loss &l : losses)
        out << dimensionWords(l.dim);
    return out;
}

QStringList blockedDimensions(const JsonValue &solution) {
    QStringList out;
    const JsonValue &dims = solution[u"scorecard"][u"dimensions"];
    for (const QString &dim : dimensionOrder())
        if (dims[dim][u"blocked"].toBool()) out << dimensionWords(dim);
    return out;
}

bool qualified(const JsonValue &solution) {
    return solution[u"scorecard"][u"qualified"].toBool(true);
}

// What `a` gives up against `b`: disqualification, gaps (when `withGaps`), weaker dimensions (those that
// disqualify it are named once, as the reason it is disqualified).
QStringList downsides(const JsonValue &a, const JsonValue &b, bool withGaps) {
    QStringList out;
    QStringList blocked;
    if (!qualified(a) && qualified(b)) {
        blocked = blockedDimensions(a);
        out << (blocked.isEmpty() ? QObject::tr("is disqualified")
                                  : QObject::tr("is disqualified on %1").arg(joinWords(blocked)));
    }
    if (withGaps) {
        const QStringList bClosed = stringList(b[u"gaps_closed"]);
        QStringList leftOpen;
        for (const QString &id : stringList(a[u"gaps_open"]))
            if (bClosed.contains(id)) leftOpen << id;
        if (!leftOpen.isEmpty()) out << QObject::tr("leaves %1 open").arg(phrases(leftOpen));
        const QStringList bNew = stringList(b[u"gaps_new"]);
        QStringList opened;
        for (const QString &id : stringList(a[u"gaps_new"]))
            if (!bNew.contains(id)) opened << id;
        if (opened.size() == 1)
            out << QObject::tr("opens a gap (%1)").arg(phrases(opened));
        else if (!opened.isEmpty())
            out << QObject::tr("opens %1 gaps (%2)").arg(opened.size()).arg(phrases(opened));
    }
    QStringList weaker = weakerDimensions(a, b);
    for (const QString &dim : blocked)
        weaker.removeAll(dim);
    weaker = weaker.mid(0, 3); // the three that cost it most: a sentence, not a table
    if (!weaker.isEmpty()) out << QObject::tr("is weaker on %1").arg(joinWords(weaker));
    return out;
}

// "saves $680 but <downsides>", or "costs $120 more, <downside> and <downside>".
QString comparison(const JsonValue &a, const JsonValue &b, bool withGaps) {
    bool cheaper = false;
    const QString cost = costAgainst(a, b, &cheaper);
    const QStringList down = downsides(a, b, withGaps);
    if (down.isEmpty()) return cost;
    if (cheaper) return cost + QObject::tr(" but ") + joinWords(down);
    return joinWords(QStringList{cost} + down);
}

QString numberWord(qsizetype n) {
    switch (n) {
    case 2:
        return QObject::tr("both");
    case 3:
        return QObject::tr("all three");
    default:
        return QObject::tr("all %1").arg(n);
    }
}

QString elideName(const QString &name) {
    QString cut = cutGraphemes(name, kMaxNameLength);
    if (cut.size() >= name.size()) return name;
    const qsizetype space = cut.lastIndexOf(u' ');
    if (space >= cut.size() / 2) cut.truncate(space);
    // No dangling separator before the ellipsis ("Harborview Mutual of …", "Keystone, …").
    while (!cut.isEmpty() && (cut.back().isSpace() || cut.back().isPunct()))
        cut.chop(1);
    return cut + u'…';
}

} // namespace

QString packageName(const JsonValue &solution) {
    QStringList carriers, lines;
    for (const auto &o : solution[u"offerings"].arrayItems()) {
        QString name = o[u"provider_name"].toString();
        if (name.trimmed().isEmpty()) name = o[u"provider_id"].toString();
        // A name is a word or three; a longer one (a damaged or hostile case) is cut on a grapheme boundary
        // (never inside an accented letter or an emoji), before a space when there is one in its second
        // half, and marked "…"; the reports print the whole name elsewhere (the tables of each option).
        carriers << elideName(shortCarrierName(name));
        lines << lineWords(o[u"category"].toString());
    }
    if (carriers.isEmpty()) return QString();
    QStringList distinct = carriers;
    distinct.removeDuplicates();
    if (distinct.size() > 1) return carriers.join(u'/');
    if (lines.size() == 1) return QObject::tr("%1 for %2").arg(carriers.first(), lines.first());
    return QObject::tr("%1 for %2 lines").arg(carriers.first(), numberWord(lines.size()));
}

QString whyLine(const JsonValue &run, int solutionIndex) {
    const auto &solutions = run[u"solutions"].arrayItems();
    if (solutionIndex < 0 || solutionIndex >= int(solutions.size())) {
        const JsonValue &message = run[u"output"][u"message"];
        return message.isString() ? message.toString() : QString();
    }
    const JsonValue &s = solutions[size_t(solutionIndex)];
    const bool first = solutionIndex == 0;

    QString head = packageName(s);
    if (!first) {
        QStringList tags;
        if (s[u"label_winner"].toBool() && showsLabel(s)) tags << solutionLabelWords(s);
        const qint64 total = qint64(run[u"output"][u"solution_count"].toDouble(double(solutions.size())));
        const qint64 rank = qint64(s[u"rank"].toDouble(solutionIndex + 1));
        tags << QObject::tr("ranked %1 of %2").arg(ordinalText(rank), formatCount(total));
        head += QStringLiteral(", ") + tags.join(QStringLiteral(", "));
    }
    if (!qualified(s)) {
        const QStringList blocked = blockedDimensions(s);
        head += blocked.isEmpty() ? QObject::tr(", disqualified")
                                  : QObject::tr(", disqualified on %1").arg(joinWords(blocked));
    }

    QStringList facts;
    const auto today = todaysGaps(run);
    if (today) facts << gapPart(s, *today);
    facts << costPart(s);
    QString line = head + QStringLiteral(": ") + facts.join(QStringLiteral(", "));

    if (first && solutions.size() > 1) {
        const JsonValue &runnerUp = solutions[1];
        line +=
            QStringLiteral("; ") + packageName(runnerUp) + u' ' + comparison(runnerUp, s, today.has_value());
    } else if (!first) {
        const JsonValue &leader = solutions[0];
        line += QObject::tr("; against %1 it ").arg(packageName(leader)) + comparison(s, leader, false);
    }
    return line;
}

} // namespace pw
