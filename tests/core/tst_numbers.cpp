// SPDX-License-Identifier: MIT
// Rounding as engine.md §11.1 says (half away from zero on the shortest decimal form), the fast path the
// ranking loops use, and money/number text as agents read it.
#include "engine/packages.h"
#include "util/numbers.h"
#include "util/numbertext.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pw;

class TestNumbers : public QObject {
    Q_OBJECT

private slots:
    void roundHalfAway_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("expected");
        QTest::newRow("58.175 (stored just below)") << 58.175 << 58.18;
        QTest::newRow("1.005") << 1.005 << 1.01;
        QTest::newRow("2.675") << 2.675 << 2.68;
        QTest::newRow("-2.675 away from zero") << -2.675 << -2.68;
        QTest::newRow("0.125") << 0.125 << 0.13;
        QTest::newRow("0.124999") << 0.124999 << 0.12;
        QTest::newRow("99.995 carries") << 99.995 << 100.0;
        QTest::newRow("integer") << 6620.0 << 6620.0;
        QTest::newRow("65.475 overall") << 65.475 << 65.48;
    }

    void roundHalfAway() {
        QFETCH(double, value);
        QFETCH(double, expected);
        QCOMPARE(pw::roundHalfAway(value, 2), expected);
        QCOMPARE(round2(value), expected);
    }

    void fastRoundingEqualsDecimalRounding() {
        QRandomGenerator rng(42);
        for (int i = 0; i < 200000; ++i) {
            // Values with three decimals hit the half-cent boundary often; others are arbitrary.
            const double v =
                i % 2 ? double(rng.bounded(2000000)) / 1000.0 - 1000.0 : rng.generateDouble() * 1e6;
            QCOMPARE(round2(v), pw::roundHalfAway(v, 2));
        }
    }

    void text() {
        QCOMPARE(formatMoney(6620), QStringLiteral("$6,620"));
        QCOMPARE(formatMoney(5940.5), QStringLiteral("$5,940.50"));
        QCOMPARE(formatMoney(-1234.5), QStringLiteral("-$1,234.50"));
        QCOMPARE(formatMoney(999), QStringLiteral("$999"));
        QCOMPARE(formatMoney(1000000), QStringLiteral("$1,000,000"));
        QCOMPARE(formatNumber(1234567.891, 2), QStringLiteral("1,234,567.89"));
        QCOMPARE(formatNumber(-0.001, 2), QStringLiteral("0.00"));
        QCOMPARE(formatNumber(100, 0), QStringLiteral("100"));
        QCOMPARE(formatSignedMoney(2631.77), QStringLiteral("+$2,631.77"));
        QCOMPARE(formatSignedMoney(-410), QStringLiteral("\u2212$410"));
        bool pct = false;
        QCOMPARE(*parseNumberText(QStringLiteral("$1,790.00"), DecimalMark::Point), 1790.0);
        QCOMPARE(*parseNumberText(QStringLiteral("13%"), DecimalMark::Point, &pct), 0.13);
        QVERIFY(pct);
        QVERIFY(!parseNumberText(QStringLiteral("n/a"), DecimalMark::Point));
    }
};

QTEST_GUILESS_MAIN(TestNumbers)
#include "tst_numbers.moc"
