// SPDX-License-Identifier: MIT
#include "casediff.h"

#include "util/numbers.h"

#include <QHash>
#include <QSet>

namespace pw {

namespace {

QString keyPath(const QString &base, const QString &key) {
    // Keys that are not plain identifiers are written as they are: the path is for reading.
    return base.isEmpty() ? key : base + u'.' + key;
}

QString indexPath(const QString &base, int index) {
    return base + u'[' + QString::number(index) + u']';
}

// The identity member of an array's objects, when every item is an object with a distinct, non-empty one.
QString identityKey(const JsonValue &a, const JsonValue &b) {
    for (const char *candidate : {"id", "driver_id"}) {
        const QLatin1StringView key(candidate);
        bool ok = true;
        QSet<QString> seenA, seenB;
        for (const auto *arr : {&a, &b}) {
            QSet<QString> &seen = arr == &a ? seenA : seenB;
            for (const JsonValue &item : arr->arrayItems()) {
                const QString id = item[key].toString();
                if (!item.isObject() || id.isEmpty() || seen.contains(id)) {
                    ok = false;
                    break;
                }
                seen.insert(id);
            }
            if (!ok) break;
        }
        if (ok && (!seenA.isEmpty() || !seenB.isEmpty())) return QString(key);
    }
    return QString();
}

class Differ {
public:
    std::vector<JsonChange> out;

    void value(const QString &path, const JsonValue &a, const JsonValue &b, const QString &offering) {
        if (a == b) return;
        if (a.isObject() && b.isObject()) return object(path, a, b, offering);
        if (a.isArray() && b.isArray()) return array(path, a, b, offering);
        out.push_back({JsonChange::Kind::Changed, path, a, b, offering});
    }

private:
    void object(const QString &path, const JsonValue &a, const JsonValue &b, const QString &offering) {
        for (const auto &[key, va] : a.objectMembers()) {
            const QString p = keyPath(path, key);
            if (const JsonValue *vb = b.find(key))
                value(p, va, *vb, offering);
            else
                out.push_back({JsonChange::Kind::Removed, p, va, std::nullopt, offering});
        }
        for (const auto &[key, vb] : b.objectMembers())
            if (!a.contains(key))
                out.push_back({JsonChange::Kind::Added, keyPath(path, key), std::nullopt, vb, offering});
    }

    void array(const QString &path, const JsonValue &a, const JsonValue &b, const QString &offering) {
        const bool offerings = path == u"offerings";
        const QString idKey = identityKey(a, b);
        if (idKey.isEmpty()) {
            const int n = std::max(a.size(), b.size());
            for (int i = 0; i < n; ++i) {
                const QString p = indexPath(path, i);
                if (i >= a.size())
                    out.push_back({JsonChange::Kind::Added, p, std::nullopt, b.at(i), offering});
                else if (i >= b.size())
                    out.push_back({JsonChange::Kind::Removed, p, a.at(i), std::nullopt, offering});
                else
                    value(p, a.at(i), b.at(i), offering);
            }
            return;
        }
        QHash<QString, int> inA;
        for (int i = 0; i < a.size(); ++i)
            inA.insert(a.at(i)[idKey].toString(), i);
        QSet<QString> matched;
        for (int j = 0; j < b.size(); ++j) {
            const QString id = b.at(j)[idKey].toString();
            const QString p = indexPath(path, j);
            const QString off = offerings ? id : offering;
            const auto it = inA.constFind(id);
            if (it == inA.constEnd()) {
                out.push_back({JsonChange::Kind::Added, p, std::nullopt, b.at(j), off});
                continue;
            }
            matched.insert(id);
            value(p, a.at(*it), b.at(j), off);
        }
        for (int i = 0; i < a.size(); ++i) {
            const QString id = a.at(i)[idKey].toString();
            if (!matched.contains(id))
                out.push_back({JsonChange::Kind::Removed, indexPath(path, i), a.at(i), std::nullopt,
                               offerings ? id : offering});
        }
    }
};

QString compact(const std::optional<JsonValue> &v) {
    if (!v) return QStringLiteral("(absent)");
    QString text = QString::fromUtf8(writeJson(*v, -1));
    if (text.size() > 120) text = text.left(117) + QStringLiteral("…");
    return text;
}

QString moneyOr(const std::optional<double> &v) {
    return v ? formatMoney(*v) : QStringLiteral("—");
}

QString rankOr(const std::optional<int> &v) {
    return v ? QStringLiteral("#%1").arg(*v) : QStringLiteral("—");
}

} // namespace

QString JsonChange::kindName(Kind k) {
    switch (k) {
    case Kind::Added:
        return QStringLiteral("added");
    case Kind::Removed:
        return QStringLiteral("removed");
    case Kind::Changed:
        break;
    }
    return QStringLiteral("changed");
}

std::vector<JsonChange> diffJson(const JsonValue &before, const JsonValue &after) {
    Differ d;
    d.value(QString(), before, after, QString());
    return std::move(d.out);
}

RankingDiff diffRankings(const RankingSnapshot &before, const RankingSnapshot &after) {
    RankingDiff d;
    d.topBefore = before.topText();
    d.topAfter = after.topText();
    d.topChanged =
        (before.top() ? before.top()->key : QString()) != (after.top() ? after.top()->key : QString());
    d.qualifiedBefore = before.qualifiedCount;
    d.qualifiedAfter = after.qualifiedCount;
    QHash<QString, const RankedPackage *> old;
    for (const RankedPackage &p : before.packages)
        old.insert(p.key, &p);
    QSet<QString> seen;
    for (const RankedPackage &p : after.packages) {
        RankingMove m{p.key, p.carriers, std::nullopt, p.rank, std::nullopt, p.costLow, QString(), p.label};
        if (const RankedPackage *o = old.value(p.key)) {
            m.rankBefore = o->rank;
            m.costBefore = o->costLow;
            m.labelBefore = o->label;
        }
        seen.insert(p.key);
        d.moves.push_back(m);
    }
    for (const RankedPackage &o : before.packages)
        if (!seen.contains(o.key))
            d.moves.push_back(
                {o.key, o.carriers, o.rank, std::nullopt, o.costLow, std::nullopt, o.label, QString()});
    return d;
}

QString renderCaseDiff(const std::vector<JsonChange> &changes, const RankingDiff &r) {
    QString text;
    text += changes.empty() ? QStringLiteral("Fields and offerings: no change\n")
                            : QStringLiteral("Fields and offerings: %1 change%2\n")
                                  .arg(changes.size())
                                  .arg(changes.size() == 1 ? QString() : QStringLiteral("s"));
    for (const JsonChange &c : changes) {
        text += QStringLiteral("  %1  %2").arg(JsonChange::kindName(c.kind).leftJustified(8), c.path);
        if (!c.offeringId.isEmpty()) text += QStringLiteral("  (offering %1)").arg(c.offeringId);
        text += QStringLiteral(": %1 → %2\n").arg(compact(c.before), compact(c.after));
    }
    text += QStringLiteral("\nRanking: ");
    if (r.topBefore.isEmpty() && r.topAfter.isEmpty()) {
        text += QStringLiteral("neither version was ranked\n");
        return text;
    }
    text += r.topChanged ? QStringLiteral("top package changed\n") : QStringLiteral("same top package\n");
    text += QStringLiteral("  top before: %1\n  top after:  %2\n")
                .arg(r.topBefore.isEmpty() ? QStringLiteral("(not ranked)") : r.topBefore,
                     r.topAfter.isEmpty() ? QStringLiteral("(not ranked)") : r.topAfter);
    text += QStringLiteral("  qualified packages: %1 → %2\n").arg(r.qualifiedBefore).arg(r.qualifiedAfter);
    for (const RankingMove &m : r.moves) {
        if (m.rankBefore == m.rankAfter && m.costBefore == m.costAfter && m.labelBefore == m.labelAfter)
            continue;
        text += QStringLiteral("  %1: rank %2 → %3, cost %4 → %5")
                    .arg(m.carriers, rankOr(m.rankBefore), rankOr(m.rankAfter), moneyOr(m.costBefore),
                         moneyOr(m.costAfter));
        if (m.labelBefore != m.labelAfter)
            text += QStringLiteral(", label %1 → %2")
                        .arg(m.labelBefore.isEmpty() ? QStringLiteral("none") : m.labelBefore,
                             m.labelAfter.isEmpty() ? QStringLiteral("none") : m.labelAfter);
        text += u'\n';
    }
    return text;
}

} // namespace pw
