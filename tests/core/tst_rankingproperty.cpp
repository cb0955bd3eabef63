// SPDX-License-Identifier: MIT
// Property test: on hundreds of random cases the engine's top N equals a plain brute-force ranking —
// every package enumerated, sorted by the rules of engine.md §7 written out again here, and labelled by
// scanning the sorted list — in ids, order, scores and labels.
#include "randomhousehold.h"
#include "testsupport.h"

#include "engine/bounds.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "util/numbers.h"

#include <QTest>

#include <algorithm>

using namespace pw;

namespace {

struct Brute {
    QStringList ids;
    PackageNumbers n;
    double overall = 0;
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
            test::RandomHousehold gen(seed);
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
