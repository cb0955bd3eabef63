// SPDX-License-Identifier: MIT
// The engine's searches skip subtrees of packages that their bounds rule out (engine/bounds.h). Here the
// pruned searches are compared with the full enumeration (Search::Exhaustive: every package priced and
// scored) on hundreds of random households — equal costs and scores, disqualified packages, every
// appetite bucket, custom weights (zero and negative ones) and profiles whose numbers break the usual
// shapes — and must agree exactly: the pricing reference, the counts, the top N in order with their
// numbers, and every label winner. A bound that is too low on any dimension makes them differ.
#include "randomhousehold.h"
#include "testsupport.h"

#include "engine/bounds.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "engine/ranking.h"

#include <QTest>

using namespace pw;

namespace {

// Profiles over the bundled one: the default; steeper pricing, bigger bundle bonus and a service
// penalty that adds, an umbrella scored higher when its underlying is not stated; negative uplifts (the cost
// floors bound nothing) and a pricing slope that rewards dearer packages.
const EngineProfile &profileVariant(int v) {
    static const std::vector<EngineProfile> variants = [] {
        std::vector<EngineProfile> out{defaultProfile()};
        auto load = [&](const char *json) {
            const ProfileResult r = loadProfile(*parseJson(QByteArray(json)));
            if (!r.profile) qFatal("profile variant: %s", qPrintable(r.errors.join(u'\n')));
            out.push_back(*r.profile);
        };
        load(R"({"pricing": {"score_slope": 500},
                 "placement": {"carriers": [60, 90, 40], "bundle_line_bonus": 25, "cap": 100},
                 "service": {"incumbent": 35, "renewal_penalty": 5},
                 "coverage": {"underlying": {"not_stated": 15}}, "appetite": {"start": 90}})");
        load(R"({"pricing": {"bundle_break_uplift": -0.2, "indicative_uplift": -0.05, "score_slope": -50},
                 "placement": {"bundle_line_bonus": -10}, "service": {"incumbent": -20}})");
        return out;
    }();
    return variants[size_t(v)];
}

Weights weightsVariant(const PreparedCase &pc, quint32 seed) {
    std::mt19937 rng(seed);
    switch (seed % 4) {
    case 0:
        return pc.profile->weights.at(pc.inputBucket);
    case 1: { // one dimension alone
        Weights w{};
        w[rng() % 6] = 1;
        return w;
    }
    case 2: { // random, some zero
        Weights w{};
        double sum = 0;
        for (double &x : w) {
            x = rng() % 3 == 0 ? 0 : double(rng() % 100);
            sum += x;
        }
        for (double &x : w)
            x = sum > 0 ? x / sum : 1.0 / 6;
        return w;
    }
    default: { // one negative weight
        Weights w{0.3, 0.3, 0.2, 0.2, 0.2, 0.0};
        w[rng() % 6] -= 0.2;
        return w;
    }
    }
}

QString describe(const PreparedCase &pc, const RankedPackage &p) {
    return QString::fromUtf8(packageKey(pc, p.pos)) + QStringLiteral(" overall %1 mid %2 qualified %3")
                                                          .arg(p.overall)
                                                          .arg(p.nums.midCents)
                                                          .arg(p.nums.qualified);
}

// Random household `seed` prepared under profile variant `profile`.
std::shared_ptr<const PreparedCase> prepared(quint32 seed, int profile) {
    // Larger households every fourth seed (up to 24 offerings per line), so that whole subtrees are
    // skipped at every depth.
    test::RandomHousehold gen(seed * 7 + quint32(profile), seed % 4 == 3 ? 4 : 2);
    EngineOptions options;
    options.now = test::fixedNow();
    options.profile = &profileVariant(profile);
    return prepareCase(gen.make(), options).prepared;
}

} // namespace

class TestPrunedSearch : public QObject {
    Q_OBJECT

public:
    static void profiles_data() {
        QTest::addColumn<int>("profile");
        QTest::newRow("bundled profile") << 0;
        QTest::newRow("steep pricing, big bonus, adding penalty") << 1;
        QTest::newRow("negative uplifts and slope") << 2;
    }

private slots:
    // The bounds themselves: for every package and each of its partial choices (the first d slots
    // chosen, d = 0 … lines), the bound of the choice holds for the package's exact numbers.
    void boundsHoldForEveryPackage_data() { profiles_data(); }
    void boundsHoldForEveryPackage() {
        QFETCH(int, profile);
        long long checked = 0;
        for (quint32 seed = 1; seed <= 300; ++seed) {
            const auto pc = prepared(seed, profile);
            QVERIFY(pc);
            if (pc->packageCount == 0) continue;
            const Weights weights = weightsVariant(*pc, seed);
            const ScoreBounds bounds(*pc, weights);
            const int n = int(pc->lines.size());
            bool ok = true;
            forEachPackage(*pc, [&](const PackagePositions &pos) {
                if (!ok) return;
                PackageNumbers num;
                evaluatePackage(*pc, pos, num);
                const double overall = overallScore(num, weights);
                const double midCents = num.mid * 100;
                std::array<PartialChoice, kMaxLines + 1> choice{};
                for (int d = 0; d <= n && ok; ++d) {
                    if (d > 0)
                        choice[size_t(d)] =
                            bounds.extend(choice[size_t(d - 1)], d - 1, pos[size_t(d - 1)], pos);
                    const ChoiceBound b = bounds.bound(choice[size_t(d)], d);
                    ok = b.overall >= overall && b.coverage >= num.dims[size_t(Dimension::Coverage)] &&
                         b.midCents <= midCents && b.carriers <= num.carriers &&
                         (b.mayQualify || !num.qualified);
                    if (!ok)
                        qWarning(
                            "seed %u %s, first %d slots: bound overall %.4f coverage %.4f mid %.2f carriers "
                            "%d may qualify %d; package %.2f %.2f %.2f %d %d",
                            seed, packageKey(*pc, pos).constData(), d, b.overall, b.coverage, b.midCents,
                            b.carriers, b.mayQualify, overall, num.dims[size_t(Dimension::Coverage)],
                            midCents, num.carriers, num.qualified);
                    ++checked;
                }
                // Alone: the bound of any package containing one offering.
                for (int s = 0; s < n && ok; ++s) {
                    const ChoiceBound b = bounds.offeringBound(s, pos[size_t(s)]);
                    ok = b.overall >= overall;
                }
            });
            QVERIFY(ok);
        }
        QVERIFY2(checked > 50000, qPrintable(QString::number(checked)));
    }

    void prunedEqualsExhaustive_data() { profiles_data(); }

    void prunedEqualsExhaustive() {
        QFETCH(int, profile);
        int compared = 0, pruningMattered = 0;
        for (quint32 seed = 1; seed <= 400; ++seed) {
            const auto pc = prepared(seed, profile);
            QVERIFY(pc);
            const PreparedCase &searched = *pc;
            if (searched.packageCount == 0) continue;

            PreparedCase enumerated = searched;
            QVERIFY(computeReference(enumerated, Search::Exhaustive));
            QCOMPARE(searched.packageCount, enumerated.packageCount);
            QCOMPARE(searched.qualifiedCount, enumerated.qualifiedCount);
            QCOMPARE(searched.referenceMid, enumerated.referenceMid);

            const Weights weights = weightsVariant(searched, seed);
            for (int top : {1, 1 + int(seed % 9)}) {
                const RankResult got = rankPackages(searched, weights, top, nullptr, Search::Pruned);
                const RankResult want = rankPackages(searched, weights, top, nullptr, Search::Exhaustive);
                QCOMPARE(got.top.size(), want.top.size());
                for (size_t i = 0; i < want.top.size(); ++i) {
                    if (got.top[i].pos != want.top[i].pos)
                        qWarning("seed %u top %d rank %zu: pruned %s, every package %s", seed, top, i + 1,
                                 qPrintable(describe(searched, got.top[i])),
                                 qPrintable(describe(searched, want.top[i])));
                    QVERIFY(got.top[i].pos == want.top[i].pos);
                    QCOMPARE(got.top[i].overall, want.top[i].overall);
                    QCOMPARE(got.top[i].nums.midCents, want.top[i].nums.midCents);
                    QCOMPARE(got.top[i].nums.dims, want.top[i].nums.dims);
                }
                QCOMPARE(got.winners.size(), want.winners.size());
                for (size_t i = 0; i < want.winners.size(); ++i) {
                    if (got.winners[i].package.pos != want.winners[i].package.pos)
                        qWarning("seed %u top %d %s: pruned %s, every package %s", seed, top,
                                 qPrintable(labelName(want.winners[i].label)),
                                 qPrintable(describe(searched, got.winners[i].package)),
                                 qPrintable(describe(searched, want.winners[i].package)));
                    QCOMPARE(got.winners[i].label, want.winners[i].label);
                    QVERIFY(got.winners[i].package.pos == want.winners[i].package.pos);
                }
                QCOMPARE(want.evaluated, searched.packageCount);
                QVERIFY(got.evaluated <= want.evaluated);
                if (got.evaluated < want.evaluated) ++pruningMattered;
            }
            ++compared;
        }
        QVERIFY(compared >= 300);
        // Enough cases where the bounds skipped packages.
        QVERIFY2(pruningMattered >= 200, qPrintable(QString::number(pruningMattered)));
    }
};

QTEST_GUILESS_MAIN(TestPrunedSearch)
#include "tst_prunedsearch.moc"
