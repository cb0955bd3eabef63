// SPDX-License-Identifier: MIT
// A line's coverage assessment (core/engine/coverage.h, engine.md §5.2) with and without its reasons: the
// prepared case keeps points only and a solution's scorecard assesses its lines again with their texts,
// so both ways must give the same points, blocking and fallback, and the reasons must add up to them.
#include "randomhousehold.h"
#include "testsupport.h"

#include "engine/coverage.h"
#include "engine/profile.h"
#include "io/casereader.h"

#include <QDir>
#include <QTest>

using namespace pw;

class TestLineAssessment : public QObject {
    Q_OBJECT
private slots:
    void pointsOnlyMatchesKept_data();
    void pointsOnlyMatchesKept();
};

void TestLineAssessment::pointsOnlyMatchesKept_data() {
    QTest::addColumn<QString>("path"); // a case file, or empty for a random household
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("minimumLines"); // offerings on a ranked line the case is known to hold
    const QDir ranking(test::fixturePath(QStringLiteral("ranking")));
    for (const QString &dir : ranking.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QTest::newRow(qPrintable(QStringLiteral("golden %1").arg(dir)))
            << ranking.filePath(dir + QStringLiteral("/case.json")) << 0 << 1;
    QTest::newRow("brooklyn sample") << test::samplePath(QStringLiteral("brooklyn-household.json")) << 0 << 3;
    // Random households: partly stated coverage, tier fallbacks, every settlement and deductible kind.
    for (int seed = 1; seed <= 60; ++seed)
        QTest::newRow(qPrintable(QStringLiteral("household %1").arg(seed))) << QString() << seed << 1;
}

void TestLineAssessment::pointsOnlyMatchesKept() {
    QFETCH(QString, path);
    QFETCH(int, seed);
    QFETCH(int, minimumLines);
    const Case cs = readCase(
        path.isEmpty() ? test::RandomHousehold(quint32(seed)).make() : test::readJsonFile(path), nullptr);
    const EngineProfile &p = defaultProfile();
    const QDateTime now = test::fixedNow();
    int assessed = 0;
    for (const Offering &o : cs.offerings) {
        const auto line = lineFromName(o.category);
        if (!line) continue;
        const LineAssessment kept = assessLine(*line, o, cs.input, now, p);
        const LineAssessment bare = assessLine(*line, o, cs.input, now, p, LineReasons::PointsOnly);
        QVERIFY2(bare.reasons.empty(), qPrintable(o.id));
        QCOMPARE(bare.points, kept.points);
        QCOMPARE(bare.blocked, kept.blocked);
        QCOMPARE(bare.fallback, kept.fallback);
        // The kept reasons explain the points: one per rule, each with its sentence.
        QVERIFY2(!kept.reasons.empty(), qPrintable(o.id));
        double sum = 0;
        bool anyBlocker = false;
        for (const Reason &r : kept.reasons) {
            QVERIFY2(!r.code.isEmpty() && !r.text.isEmpty(), qPrintable(o.id));
            sum += r.points;
            anyBlocker = anyBlocker || r.blocker;
        }
        QCOMPARE(sum, kept.points);
        QCOMPARE(anyBlocker, kept.blocked);
        ++assessed;
    }
    QVERIFY(assessed >= minimumLines);
}

QTEST_GUILESS_MAIN(TestLineAssessment)
#include "tst_lineassessment.moc"
