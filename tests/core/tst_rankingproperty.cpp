// SPDX-License-Identifier: MIT
// Property test: on hundreds of random cases the engine's top N equals a plain brute-force ranking —
// every package enumerated, sorted by the rules of engine.md §7 written out again here, and labelled by
// scanning the sorted list — in ids, order, scores and labels.
#include "testsupport.h"

#include "engine/engine.h"
#include "engine/packages.h"
#include "util/numbers.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace pw;

namespace {

struct Brute {
    QStringList ids;
    PackageNumbers n;
    double overall = 0;
};

class CaseGenerator {
public:
    explicit CaseGenerator(quint32 seed)
        : m_rng(seed) {}

    JsonValue make() {
        const QStringList all = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
        QStringList lines = all;
        std::shuffle(lines.begin(), lines.end(), m_rng);
        lines = lines.mid(0, 1 + bounded(3));
        JsonValue input = JsonValue::object();
        JsonValue address = JsonValue::object();
        address.insert(QStringLiteral("state"), QStringLiteral("NY"));
        input.insert(QStringLiteral("address"), address);
        JsonValue types = JsonValue::array();
        for (const auto &l : lines)
            types.append(l);
        input.insert(QStringLiteral("coverage_types"), types);
        const QStringList buckets = {QStringLiteral("balanced"), QStringLiteral("coverage_first"),
                                     QStringLiteral("cost_sensitive"), QStringLiteral("simplicity")};
        input.insert(QStringLiteral("appetite_bucket"), buckets[bounded(4)]);
        JsonValue residence = JsonValue::object();
        if (chance(80)) residence.insert(QStringLiteral("replacement_cost"), 400000 + 50000 * bounded(10));
        input.insert(QStringLiteral("residence"), residence);
        input.insert(QStringLiteral("vehicles"), 1 + bounded(3));
        JsonValue drivers = JsonValue::array();
        JsonValue d = JsonValue::object();
        d.insert(QStringLiteral("violations_5yr"), bounded(2));
        drivers.append(d);
        input.insert(QStringLiteral("drivers"), drivers);
        if (chance(30)) input.insert(QStringLiteral("naics"), QStringLiteral("541310"));
        const int carriers = 2 + bounded(5);
        JsonValue history = JsonValue::object();
        JsonValue nonRenewals = JsonValue::array();
        if (chance(25)) {
            JsonValue nr = JsonValue::object();
            nr.insert(QStringLiteral("carrier"), QStringLiteral("Carrier %1").arg(bounded(carriers)));
            nonRenewals.append(nr);
        }
        history.insert(QStringLiteral("non_renewals"), nonRenewals);
        input.insert(QStringLiteral("insurance_history"), history);
        JsonValue current = JsonValue::object();
        for (const auto &l : lines) {
            if (!chance(50)) continue;
            JsonValue c = JsonValue::object();
            c.insert(QStringLiteral("carrier"), QStringLiteral("Carrier %1").arg(bounded(carriers)));
            c.insert(QStringLiteral("annual_premium"), 500 + bounded(3000));
            current.insert(l, c);
        }
        input.insert(QStringLiteral("current_coverage"), current);

        JsonValue offerings = JsonValue::array();
        int next = 0;
        const QStringList grades = {QStringLiteral("A++"),
                                    QStringLiteral("A"),
                                    QStringLiteral("A-"),
                                    QStringLiteral("B++"),
                                    QStringLiteral("B"),
                                    QStringLiteral("NR"),
                                    QString()};
        const QStringList tiers = {QStringLiteral("premium"), QStringLiteral("standard"),
                                   QStringLiteral("economy"), QString()};
        for (int c = 0; c < carriers; ++c) {
            const bool bundles = chance(50);
            const double packagePrice = 1000 + 100 * bounded(40);
            const QString grade = grades[bounded(grades.size())];
            for (const auto &l : all) {
                const int count = bounded(3);
                for (int k = 0; k < count; ++k) {
                    JsonValue o = JsonValue::object();
                    o.insert(QStringLiteral("id"), QStringLiteral("o%1").arg(next++, 3, 10, QChar(u'0')));
                    o.insert(QStringLiteral("provider_id"), QStringLiteral("p%1").arg(c));
                    o.insert(QStringLiteral("provider_name"), QStringLiteral("Carrier %1").arg(c));
                    o.insert(QStringLiteral("category"), l);
                    if (!grade.isEmpty()) o.insert(QStringLiteral("quality_rating"), grade);
                    o.insert(QStringLiteral("pricing_tier"), tiers[bounded(tiers.size())]);
                    o.insert(QStringLiteral("commission"), 0.1);
                    JsonValue cons = JsonValue::object();
                    if (chance(5)) {
                        JsonValue ex = JsonValue::array();
                        ex.append(QStringLiteral("NY"));
                        cons.insert(QStringLiteral("excluded_states"), ex);
                    }
                    if (chance(15)) {
                        JsonValue av = JsonValue::array();
                        av.append(QStringLiteral("5413"));
                        cons.insert(QStringLiteral("avoided_naics"), av);
                    }
                    o.insert(QStringLiteral("constraints"), cons);
                    o.insert(QStringLiteral("coverage"), coverage(l));
                    JsonValue a = JsonValue::object();
                    a.insert(QStringLiteral("line_premium_annual"),
                             200 + 10 * bounded(200) + (chance(20) ? 0.5 : 0));
                    if (bundles && k == 0) {
                        a.insert(QStringLiteral("package_id"), QStringLiteral("pkg%1").arg(c));
                        a.insert(QStringLiteral("package_premium_annual"), packagePrice);
                    }
                    if (chance(10))
                        a.insert(QStringLiteral("quote_expires_at"), QStringLiteral("2026-11-01"));
                    if (chance(10)) a.insert(QStringLiteral("rate_type"), QStringLiteral("indicative"));
                    if (chance(10)) a.insert(QStringLiteral("bindable"), false);
                    if (chance(30)) a.insert(QStringLiteral("service_rating"), 2.5 + 0.5 * bounded(6));
                    if (chance(10))
                        a.insert(QStringLiteral("quote_generated_at"),
                                 QStringLiteral("2026-09-01T00:00:00Z"));
                    o.insert(QStringLiteral("attributes"), a);
                    offerings.append(o);
                }
            }
        }
        JsonValue root = JsonValue::object();
        root.insert(QStringLiteral("input"), input);
        root.insert(QStringLiteral("offerings"), offerings);
        return root;
    }

private:
    std::mt19937 m_rng;
    int bounded(int n) { return int(m_rng() % quint32(n)); }
    bool chance(int pct) { return bounded(100) < pct; }

    void maybe(JsonValue &o, const char *key, JsonValue v, int pct = 75) {
        if (chance(pct)) o.insert(QString::fromLatin1(key), std::move(v));
    }

    JsonValue coverage(const QString &line) {
        JsonValue c = JsonValue::object();
        if (chance(10)) return c; // tier fallback
        if (line == u"home") {
            maybe(c, "dwelling_limit", 300000 + 50000 * bounded(14));
            const QStringList st = {QStringLiteral("replacement_cost"), QStringLiteral("actual_cash_value"),
                                    QStringLiteral("extended_replacement_cost"),
                                    QStringLiteral("guaranteed_replacement_cost")};
            maybe(c, "settlement", st[bounded(4)]);
            maybe(c, "extended_replacement_pct", 25, 30);
            maybe(c, "liability_limit", 100000 * (1 + bounded(5)));
            maybe(c, "water_backup_limit", 5000 * bounded(3));
            maybe(c, "deductible",
                  chance(30) ? JsonValue(QStringLiteral("2%")) : JsonValue(500 * (1 + bounded(6))));
        } else if (line == u"auto") {
            const int pp[] = {50000, 100000, 250000, 500000};
            const int i = bounded(4);
            maybe(c, "bi_per_person", pp[i]);
            maybe(c, "bi_per_accident", pp[i] * 2 + (chance(50) ? 100000 : 0));
            maybe(c, "limit_combined_single", 300000 + 200000 * bounded(2), 15);
            maybe(c, "um_per_person", pp[bounded(4)]);
            maybe(c, "um_per_accident", pp[bounded(4)] * 2);
            maybe(c, "collision_deductible", chance(15) ? JsonValue(QStringLiteral("none")) : JsonValue(500));
        } else {
            maybe(c, "umbrella_limit", 1000000 * bounded(3));
            if (chance(40)) {
                JsonValue req = JsonValue::object();
                req.insert(QStringLiteral("auto_bi_per_person"), chance(50) ? 100000 : 250000);
                req.insert(QStringLiteral("home_liability"), 300000);
                c.insert(QStringLiteral("required_underlying"), req);
            }
        }
        return c;
    }
};

// §7 written out again: qualified first; overall desc; cost_mid asc in cents; fewer carriers; ids.
bool bruteBefore(const Brute &a, const Brute &b) {
    if (a.n.qualified != b.n.qualified) return a.n.qualified;
    if (a.overall != b.overall) return a.overall > b.overall;
    const long long ca = std::llround(roundHalfAway(a.n.mid, 2) * 100),
                    cb = std::llround(roundHalfAway(b.n.mid, 2) * 100);
    if (ca != cb) return ca < cb;
    if (a.n.carriers != b.n.carriers) return a.n.carriers < b.n.carriers;
    return a.ids.join(u',').toUtf8() < b.ids.join(u',').toUtf8();
}

} // namespace

class TestRankingProperty : public QObject {
    Q_OBJECT

private slots:
    void engineEqualsBruteForce() {
        int compared = 0, withSolutions = 0;
        for (quint32 seed = 1; seed <= 600; ++seed) {
            CaseGenerator gen(seed);
            const JsonValue root = gen.make();
            EngineOptions options;
            options.now = test::fixedNow();
            options.top = 1 + int(seed % 12);
            const Preparation prep = prepareCase(root, options);
            if (!prep.prepared) {
                for (const auto &p : prep.problems)
                    qWarning("seed %u: %s: %s", seed, qPrintable(p.path), qPrintable(p.message));
                QFAIL("generated case did not validate");
            }
            const PreparedCase &pc = *prep.prepared;
            const JsonValue run = rankPrepared(pc, options);
            // Without the per-prefix table (what a case too large for it gets), ranking finds the same.
            PreparedCase untabled = pc;
            computeReference(untabled, 0);
            QVERIFY(untabled.prefixes.empty());
            const JsonValue untabledRun = rankPrepared(untabled, options);
            QCOMPARE(untabledRun[u"solutions"], run[u"solutions"]);
            QCOMPARE(untabledRun[u"output"], run[u"output"]);
            const auto &solutions = run[u"solutions"].arrayItems();
            ++compared;

            const EngineProfile &profile = defaultProfile();
            const Weights w = profile.weights.at(root[u"input"][u"appetite_bucket"].toString());
            std::vector<Brute> all;
            forEachPackage(pc, [&](const PackagePositions &pos) {
                Brute b;
                evaluatePackage(pc, pos, b.n);
                double sum = 0;
                for (Dimension d : kDimensions)
                    sum += w[size_t(d)] * b.n.dims[size_t(d)];
                b.overall = roundHalfAway(sum, 2);
                for (int s = 0; s < int(pc.lines.size()); ++s)
                    b.ids << pc.cs.offerings[size_t(factAt(pc, pos, s).offering)].id;
                all.push_back(b);
            });
            // The pricing reference and the counts, from the brute-force list.
            long long qualifiedCount = 0;
            std::optional<double> refQualified, refAll;
            for (const auto &b : all) {
                refAll = refAll ? std::min(*refAll, b.n.mid) : b.n.mid;
                if (b.n.qualified) {
                    ++qualifiedCount;
                    refQualified = refQualified ? std::min(*refQualified, b.n.mid) : b.n.mid;
                }
            }
            if (!all.empty()) QCOMPARE(pc.referenceMid, refQualified ? *refQualified : *refAll);
            QCOMPARE(run[u"output"][u"qualified_count"].toDouble(), double(qualifiedCount));
            std::sort(all.begin(), all.end(), bruteBefore);
            QCOMPARE(run[u"output"][u"solution_count"].toDouble(), double(all.size()));
            if (all.empty()) {
                QCOMPARE(solutions.size(), size_t(0));
                continue;
            }
            ++withSolutions;
            // Labels by scanning the sorted list.
            const bool anyQualified = all.front().n.qualified;
            std::vector<size_t> cand;
            for (size_t i = 0; i < all.size(); ++i)
                if (!anyQualified || all[i].n.qualified) cand.push_back(i);
            QHash<size_t, QString> winner;
            auto mid = [&](size_t i) { return std::llround(roundHalfAway(all[i].n.mid, 2) * 100); };
            auto cov = [&](size_t i) { return all[i].n.dims[size_t(Dimension::Coverage)]; };
            winner[cand[0]] = QStringLiteral("recommended");
            std::optional<size_t> best;
            for (size_t i : cand) {
                const QString level = profile.levelFor(cov(i));
                if (winner.contains(i) || (level != u"L1" && level != u"L2")) continue;
                if (!best || mid(i) < mid(*best)) best = i;
            }
            if (best) winner[*best] = QStringLiteral("best_value");
            best.reset();
            for (size_t i : cand) {
                if (winner.contains(i)) continue;
                if (!best || cov(i) > cov(*best) || (cov(i) == cov(*best) && mid(i) < mid(*best))) best = i;
            }
            if (best) winner[*best] = QStringLiteral("best_coverage");
            best.reset();
            for (size_t i : cand) {
                if (winner.contains(i)) continue;
                if (!best || all[i].n.carriers < all[*best].n.carriers) best = i;
            }
            if (best) winner[*best] = QStringLiteral("simplest");

            const size_t n = std::min(all.size(), size_t(options.top));
            QCOMPARE(solutions.size(), n);
            for (size_t i = 0; i < n; ++i) {
                const JsonValue &s = solutions[i];
                QStringList got;
                for (const auto &o : s[u"offerings"].arrayItems())
                    got << o[u"id"].toString();
                if (got != all[i].ids)
                    qWarning("seed %u rank %zu: engine %s, brute force %s", seed, i + 1,
                             qPrintable(got.join(u',')), qPrintable(all[i].ids.join(u',')));
                QCOMPARE(got, all[i].ids);
                QCOMPARE(s[u"scorecard"][u"overall_score"].toDouble(), all[i].overall);
                QCOMPARE(s[u"cost_mid"].toDouble(), roundHalfAway(all[i].n.mid, 2));
                QCOMPARE(s[u"scorecard"][u"qualified"].toBool(), all[i].n.qualified);
                const bool isWinner = winner.contains(i);
                QCOMPARE(s[u"label_winner"].toBool(), isWinner);
                QString label = winner.value(i);
                if (!isWinner) {
                    const double pr = all[i].n.dims[size_t(Dimension::Pricing)], cv = cov(i),
                                 pl = all[i].n.dims[size_t(Dimension::Placement)];
                    label = pr >= cv && pr >= pl ? QStringLiteral("best_value")
                            : cv >= pl           ? QStringLiteral("best_coverage")
                                                 : QStringLiteral("simplest");
                }
                QCOMPARE(s[u"cluster_label"].toString(), label);
            }
        }
        QVERIFY(compared >= 500);
        QVERIFY2(withSolutions >= 300,
                 qPrintable(QStringLiteral("only %1 cases had packages").arg(withSolutions)));
    }
};

QTEST_GUILESS_MAIN(TestRankingProperty)
#include "tst_rankingproperty.moc"
