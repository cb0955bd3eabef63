// SPDX-License-Identifier: MIT
#include "casefacts.h"

#include "engine/engine.h"
#include "io/casefile.h"
#include "util/dates.h"
#include "util/numbers.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSet>

#include <algorithm>

namespace pw {

namespace {

QString hash16(const QByteArray &bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16));
}

// A list of distinct texts in first-seen order. The set beside it keeps each addition O(1): a large case
// has tens of thousands of distinct quote ids, and searching the list for each one made saving a 50 MB
// case take seconds of pure comparison (quadratic in the offerings).
class DistinctList {
public:
    explicit DistinctList(QStringList &list)
        : m_list(list) {
        for (const QString &t : std::as_const(list))
            m_seen.insert(t);
    }
    void add(const QString &text) {
        const QString t = text.trimmed();
        if (t.isEmpty() || m_seen.contains(t)) return;
        m_seen.insert(t);
        m_list << t;
    }

private:
    QStringList &m_list;
    QSet<QString> m_seen;
};

QString carrierOf(const JsonValue &offering) {
    const QString name = offering[u"provider_name"].toString().trimmed();
    return name.isEmpty() ? offering[u"provider_id"].toString().trimmed() : name;
}

} // namespace

QString searchKey(const QString &text) {
    // Agents type "jose", "muller" or "strasse" for José Müller of Hauptstraße: compatibility decomposition,
    // combining marks dropped, case folded (ß → ss), for the stored text and the typed query alike.
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed)
        if (c.category() != QChar::Mark_NonSpacing && c.category() != QChar::Mark_Enclosing) out += c;
    return out.toCaseFolded();
}

CaseFacts caseFactsOf(const JsonValue &root) {
    CaseFacts f;
    const JsonValue &in = root[u"input"];
    const JsonValue &applicant = in[u"applicant"];
    f.insuredName = QString(applicant[u"first_name"].toString().trimmed() + u' ' +
                            applicant[u"last_name"].toString().trimmed())
                        .trimmed();
    f.state = in[u"address"][u"state"].toString().trimmed();
    f.zip = in[u"address"][u"zip_code"].toString().trimmed();
    DistinctList lines(f.lines), carriers(f.carriers), policies(f.policyNumbers);
    for (const JsonValue &t : in[u"coverage_types"].arrayItems())
        lines.add(t.toString());
    // Current coverage may be stated per line under current_coverage or current_portfolio.
    for (const char *key : {"current_coverage", "current_portfolio"}) {
        const JsonValue &cc = in[QLatin1StringView(key)];
        if (!cc.isObject()) continue;
        for (const auto &[line, detail] : cc.objectMembers()) {
            carriers.add(detail[u"carrier"].toString());
            policies.add(detail[u"policy_number"].toString());
        }
    }
    for (const JsonValue &o : root[u"offerings"].arrayItems()) {
        carriers.add(carrierOf(o));
        policies.add(o[u"coverage"][u"policy_number"].toString());
        policies.add(o[u"attributes"][u"policy_number"].toString());
        policies.add(o[u"attributes"][u"quote_id"].toString());
    }
    // One separator that no field contains, so a term never matches across two fields.
    const QChar sep(0x1f);
    QStringList parts{f.insuredName, f.state, f.zip};
    parts += f.carriers;
    parts += f.policyNumbers;
    f.searchText = searchKey(parts.join(sep));
    return f;
}

QString RankingSnapshot::topText() const {
    const RankedPackage *t = top();
    if (!t) return QString();
    const QString cost = t->costLow == t->costHigh
                             ? formatMoney(t->costLow)
                             : formatMoney(t->costLow) + QStringLiteral("–") + formatMoney(t->costHigh);
    return t->carriers + QStringLiteral(", ") + cost;
}

JsonValue RankingSnapshot::toJson() const {
    JsonValue o = JsonValue::object();
    o.appendMember(QStringLiteral("has_run"), hasRun);
    o.appendMember(QStringLiteral("solution_count"), solutionCount);
    o.appendMember(QStringLiteral("qualified_count"), qualifiedCount);
    o.appendMember(QStringLiteral("engine_version"), engineVersion);
    o.appendMember(QStringLiteral("profile_hash"), profileHash);
    o.appendMember(QStringLiteral("input_hash"), inputHash);
    o.appendMember(QStringLiteral("appetite"), appetite);
    o.appendMember(QStringLiteral("clock"),
                   clock.isValid() ? JsonValue(formatTimestamp(clock)) : JsonValue());
    JsonValue arr = JsonValue::array();
    for (const RankedPackage &p : packages) {
        JsonValue x = JsonValue::object();
        x.appendMember(QStringLiteral("rank"), p.rank);
        x.appendMember(QStringLiteral("key"), p.key);
        x.appendMember(QStringLiteral("carriers"), p.carriers);
        x.appendMember(QStringLiteral("cost_low"), p.costLow);
        x.appendMember(QStringLiteral("cost_high"), p.costHigh);
        x.appendMember(QStringLiteral("label"), p.label);
        x.appendMember(QStringLiteral("qualified"), p.qualified);
        arr.append(x);
    }
    o.appendMember(QStringLiteral("packages"), arr);
    return o;
}

RankingSnapshot RankingSnapshot::fromJson(const JsonValue &o) {
    RankingSnapshot s;
    if (!o.isObject()) return s;
    s.hasRun = o[u"has_run"].toBool();
    s.solutionCount = qint64(o[u"solution_count"].toDouble());
    s.qualifiedCount = qint64(o[u"qualified_count"].toDouble());
    s.engineVersion = o[u"engine_version"].toString();
    s.profileHash = o[u"profile_hash"].toString();
    s.inputHash = o[u"input_hash"].toString();
    s.appetite = o[u"appetite"].toString();
    if (const auto t = parseTimestamp(o[u"clock"].toString())) s.clock = *t;
    for (const JsonValue &x : o[u"packages"].arrayItems()) {
        RankedPackage p;
        p.rank = int(x[u"rank"].toDouble());
        p.key = x[u"key"].toString();
        p.carriers = x[u"carriers"].toString();
        p.costLow = x[u"cost_low"].toDouble();
        p.costHigh = x[u"cost_high"].toDouble();
        p.label = x[u"label"].toString();
        p.qualified = x[u"qualified"].toBool(true);
        s.packages.push_back(p);
    }
    return s;
}

RankingSnapshot snapshotOfRun(const JsonValue &run, const JsonValue &caseRoot, const QString &appetite,
                              const QDateTime &clock, const QByteArray &profileBytes) {
    RankingSnapshot s;
    if (!run.isObject()) return s;
    s.hasRun = true;
    const JsonValue &out = run[u"output"];
    s.solutionCount = qint64(out[u"solution_count"].toDouble());
    s.qualifiedCount = qint64(out[u"qualified_count"].toDouble());
    s.engineVersion = run[u"engine_version"].toString();
    s.profileHash = profileBytes.isEmpty() ? bundledProfileHash() : hash16(profileBytes);
    s.inputHash = caseInputHash(caseRoot);
    s.appetite = appetite;
    if (clock.isValid())
        s.clock = clock.toUTC();
    else if (const auto t = parseTimestamp(run[u"created_at"].toString()))
        s.clock = *t;
    for (const JsonValue &sol : run[u"solutions"].arrayItems()) {
        if (int(s.packages.size()) >= RankingSnapshot::kSnapshotPackages) break;
        RankedPackage p;
        p.rank = int(sol[u"rank"].toDouble());
        QStringList ids, carriers;
        // Local runs carry the offerings themselves; the API's run shape may carry only their ids.
        for (const JsonValue &o : sol[u"offerings"].arrayItems()) {
            ids << o[u"id"].toString();
            carriers << carrierOf(o);
        }
        if (ids.isEmpty())
            for (const JsonValue &id : sol[u"offering_ids"].arrayItems())
                ids << id.toString();
        std::sort(ids.begin(), ids.end());
        p.key = ids.join(u'+');
        p.carriers = carriers.join(QStringLiteral(" / "));
        p.costLow = sol[u"est_cost_low"].toDouble();
        p.costHigh = sol[u"est_cost_high"].toDouble();
        p.label = sol[u"cluster_label"].toString();
        p.qualified = sol[u"scorecard"][u"qualified"].toBool(true);
        s.packages.push_back(p);
    }
    return s;
}

RankingSnapshot rankCaseSnapshot(const JsonValue &caseRoot, const QDateTime &now) {
    EngineOptions options;
    options.now = now;
    const EngineRun r = runEngine(caseRoot, options);
    if (!r.run) return RankingSnapshot();
    return snapshotOfRun(*r.run, caseRoot, caseRoot[u"input"][u"appetite_bucket"].toString(), now);
}

QString caseInputHash(const JsonValue &caseRoot) {
    // The full SHA-256 of the request body written compactly: the library's audit trail and the underwriter
    // report print the same figure, so a report can be matched to the ranking the library recorded.
    return QString::fromLatin1(
        QCryptographicHash::hash(writeJson(apiRequestBody(caseRoot), -1), QCryptographicHash::Sha256)
            .toHex());
}

QString bundledProfileHash() {
    static const QString hash = [] {
        QFile f(QStringLiteral(":/engine-profile.json"));
        return f.open(QIODevice::ReadOnly) ? hash16(f.readAll()) : QString();
    }();
    return hash;
}

} // namespace pw
