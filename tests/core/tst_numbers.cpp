// SPDX-License-Identifier: MIT
// Rounding as engine.md §11.1 says (half away from zero on the shortest decimal form), the fast path the
// ranking loops use, and money/number text as agents read it.
#include "engine/packages.h"
#include "util/numbers.h"
#include "util/numbertext.h"

#include <QRandomGenerator>
#include <QTest>

#include <charconv>
#include <cmath>
#include <cstdio>

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

    // The early return for values already on a decimal of at most `decimals` places agrees with rounding
    // the shortest decimal form digit by digit (written out here independently), for every precision.
    void roundingEqualsShortestFormRounding() {
        auto reference = [](double v, int decimals) {
            char buf[512];
            const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
            QString s = QString::fromLatin1(buf, r.ptr - buf);
            const bool negative = s.startsWith(u'-');
            if (negative) s.remove(0, 1);
            const qsizetype dot = s.indexOf(u'.');
            if (dot < 0 || s.size() - dot - 1 <= decimals) return v;
            QString digits = s.left(dot) + s.mid(dot + 1, decimals);
            if (s.at(dot + 1 + decimals) >= u'5') {
                qsizetype i = digits.size() - 1;
                for (; i >= 0 && digits.at(i) == u'9'; --i)
                    digits[i] = u'0';
                if (i < 0)
                    digits.prepend(u'1');
                else
                    digits[i] = QChar(digits.at(i).unicode() + 1);
            }
            const QString text = digits.left(digits.size() - decimals) +
                                 (decimals > 0 ? QStringLiteral(".") + digits.right(decimals) : QString());
            const double out = text.toDouble();
            return negative ? -out : out;
        };
        QRandomGenerator rng(7);
        for (int i = 0; i < 100000; ++i) {
            const int decimals = int(rng.bounded(5));
            const int places = int(rng.bounded(7));
            double scale = 1;
            for (int k = 0; k < places; ++k)
                scale *= 10;
            // Whole and half cents, figures with up to six decimals, and arbitrary doubles.
            const double v = i % 3 == 0   ? double(qint64(rng.bounded(200000000)) - 100000000) / scale
                             : i % 3 == 1 ? (rng.generateDouble() - 0.5) * 1e7
                                          : double(rng.bounded(1000000)) / 200.0;
            QCOMPARE(pw::roundHalfAway(v, decimals), reference(v, decimals));
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

    // The strict reading behind the window's fields (decimal point) and every import (the file's
    // convention): grouping only in threes, one decimal mark, ASCII digits; anything else is no number.
    void numberText_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("mark"); // 0 point, 1 comma
        QTest::addColumn<bool>("readable");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("percent");
        auto row = [](const char *name, const char *text, int mark, bool ok, double v, bool pct = false) {
            QTest::newRow(name) << QString::fromUtf8(text) << mark << ok << v << pct;
        };
        row("money", "$1,790.00", 0, true, 1790);
        row("plain", "1790", 0, true, 1790);
        row("grouped millions", "1,234,567.5", 0, true, 1234567.5);
        row("percent", "13%", 0, true, 0.13, true);
        row("negative parentheses", "($1,234)", 0, true, -1234);
        row("unicode minus", "\u22121,200", 0, true, -1200);
        row("comma decimals under point", "3240,50", 0, false, 0);
        row("comma groups of two", "1,79", 0, false, 0);
        row("grouping after decimals", "1.234,5", 0, false, 0);
        row("leading zero group", "0,125", 0, false, 0);
        row("dot thousands under point", "3.240,00", 0, false, 0);
        row("n/a", "n/a", 0, false, 0);
        row("empty", "", 0, false, 0);
        row("fullwidth digit", "1\uFF17", 0, false, 0);
        row("Arabic-Indic digit", "\u0661\u0662", 0, false, 0);
        row("two dollar signs", "$$5", 0, false, 0);
        row("dollar percent", "$13%", 0, false, 0);
        row("decimal comma", "3240,50", 1, true, 3240.5);
        row("dot grouping", "3.240,00", 1, true, 3240);
        row("dot thousands", "1.790", 1, true, 1790);
        row("commission half", "0,5", 1, true, 0.5);
        row("wind percent", "2,5%", 1, true, 0.025, true);
        row("space grouping", "3 240,50", 1, true, 3240.5);
        row("no-break space grouping", "3\u00A0240,50", 1, true, 3240.5);
        row("point under comma", "1,234.56", 1, false, 0);
        row("mixed grouping", "1.234 567", 1, false, 0);
    }

    void numberText() {
        QFETCH(QString, text);
        QFETCH(int, mark);
        QFETCH(bool, readable);
        QFETCH(double, value);
        QFETCH(bool, percent);
        bool pct = !percent;
        const auto v = parseNumberText(text, mark ? DecimalMark::Comma : DecimalMark::Point, &pct);
        QCOMPARE(bool(v), readable);
        if (!readable) return;
        QCOMPARE(*v, value);
        QCOMPARE(pct, percent);
    }

    void shapes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("shape");
        QTest::newRow("plain") << QStringLiteral("1790") << int(NumberShape::Plain);
        QTest::newRow("space grouped") << QStringLiteral("1 790") << int(NumberShape::Plain);
        QTest::newRow("decimal comma") << QStringLiteral("1790,50") << int(NumberShape::CommaOnly);
        QTest::newRow("both marks comma") << QStringLiteral("3.240,50") << int(NumberShape::CommaOnly);
        QTest::newRow("dot groups") << QStringLiteral("1.234.567") << int(NumberShape::CommaOnly);
        QTest::newRow("half") << QStringLiteral("0,5") << int(NumberShape::CommaOnly);
        QTest::newRow("both marks point") << QStringLiteral("1,234.56") << int(NumberShape::PointOnly);
        QTest::newRow("fraction") << QStringLiteral("0.13") << int(NumberShape::PointOnly);
        QTest::newRow("comma groups") << QStringLiteral("1,234,567") << int(NumberShape::PointOnly);
        QTest::newRow("1,790") << QStringLiteral("1,790") << int(NumberShape::Either);
        QTest::newRow("1.790") << QStringLiteral("1.790") << int(NumberShape::Either);
        QTest::newRow("text") << QStringLiteral("call me") << int(NumberShape::NotNumber);
    }

    void shapes() {
        QFETCH(QString, text);
        QFETCH(int, shape);
        QCOMPARE(int(numberShape(text)), shape);
    }

    void splitLimits_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("mark");
        QTest::addColumn<QList<double>>("dollars"); // empty: refused
        QTest::newRow("dollars") << QStringLiteral("$100,000/$300,000/$50,000") << 0
                                 << QList<double>{100000, 300000, 50000};
        QTest::newRow("thousands") << QStringLiteral("100/300/100") << 0
                                   << QList<double>{100000, 300000, 100000};
        QTest::newRow("two parts") << QStringLiteral("250/500") << 0 << QList<double>{250000, 500000};
        QTest::newRow("spaces") << QStringLiteral(" 25 / 50 / 25 ") << 0
                                << QList<double>{25000, 50000, 25000};
        QTest::newRow("decimal thousands")
            << QStringLiteral("12.5/25/7.5") << 0 << QList<double>{12500, 25000, 7500};
        QTest::newRow("decimal comma dollars")
            << QStringLiteral("100.000/300.000") << 1 << QList<double>{100000, 300000};
        QTest::newRow("mixed") << QStringLiteral("100/300000") << 0 << QList<double>{};
        QTest::newRow("dollar sign small") << QStringLiteral("$100/$300") << 0 << QList<double>{};
        QTest::newRow("four parts") << QStringLiteral("1/2/3/4") << 0 << QList<double>{};
        QTest::newRow("text part") << QStringLiteral("100/abc") << 0 << QList<double>{};
    }

    void splitLimits() {
        QFETCH(QString, text);
        QFETCH(int, mark);
        QFETCH(QList<double>, dollars);
        QString why;
        const auto parts = parseSplitLimitText(text, mark ? DecimalMark::Comma : DecimalMark::Point, &why);
        QCOMPARE(bool(parts), !dollars.isEmpty());
        if (!parts) {
            QVERIFY(!why.isEmpty());
            return;
        }
        QCOMPARE(QList<double>(parts->begin(), parts->end()), dollars);
        QCOMPARE(splitLimitInThousands(*parts), [&] {
            QStringList t;
            for (double d : dollars)
                t << QString::number(d / 1000);
            return t.join(u'/');
        }());
        QCOMPARE(*parseCombinedSingleLimitText(QStringLiteral("500 CSL"), DecimalMark::Point), 500000.0);
        QCOMPARE(*parseCombinedSingleLimitText(QStringLiteral("$1,000,000 csl"), DecimalMark::Point),
                 1000000.0);
        QVERIFY(!parseCombinedSingleLimitText(QStringLiteral("$500 CSL"), DecimalMark::Point));
    }

    // Number and money text against printf's fixed notation of the rounded value (the exact binary value
    // rounded to the places asked), grouped by threes: amounts written from their integer count of
    // units must read the same as the general printer's, on every kind of value up to and past the
    // range where the count is used (2^43 units).
    void groupedTextMatchesPrintf_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("decimals");
        const char *kinds[] = {"whole dollars",   "cents", "three decimals", "arbitrary",
                               "near 2^43 units", "huge",  "tiny",           "negative cents"};
        for (int k = 0; k < 8; ++k)
            for (int d : {0, 1, 2, 3})
                QTest::addRow("%s, %d places", kinds[k], d) << k << d;
    }

    void groupedTextMatchesPrintf() {
        QFETCH(int, kind);
        QFETCH(int, decimals);
        QRandomGenerator rng(quint32(7 + kind * 31 + decimals));
        const auto grouped = [](const QByteArray &fixed) { // "-1234567.50" → "-1,234,567.50"
            const bool negative = fixed.startsWith('-');
            QByteArray body = negative ? fixed.mid(1) : fixed;
            const qsizetype dot = body.contains('.') ? body.indexOf('.') : body.size();
            for (qsizetype i = dot - 3; i > 0; i -= 3)
                body.insert(i, ',');
            return QString::fromLatin1((negative ? QByteArray("-") : QByteArray()) + body);
        };
        for (int i = 0; i < 20000; ++i) {
            double v = 0;
            switch (kind) {
            case 0:
                v = double(rng.bounded(5000000));
                break;
            case 1:
                v = double(rng.bounded(100000000)) / 100.0;
                break;
            case 2:
                v = double(rng.bounded(100000000)) / 1000.0;
                break;
            case 3:
                v = (rng.generateDouble() - 0.5) * std::pow(10.0, rng.bounded(12));
                break;
            case 4:
                v = (8796093022208.0 + double(int(rng.bounded(2000)) - 1000)) / std::pow(10.0, decimals);
                break;
            case 5:
                v = rng.generateDouble() * 1e18;
                break;
            case 6:
                v = (rng.generateDouble() - 0.5) * 0.01;
                break;
            case 7:
                v = -double(rng.bounded(100000000)) / 100.0;
                break;
            }
            double rounded = pw::roundHalfAway(v, decimals);
            if (rounded == 0) rounded = 0;
            char fixed[400];
            std::snprintf(fixed, sizeof fixed, "%.*f", decimals, rounded);
            const QString expected = grouped(QByteArray(fixed));
            QCOMPARE(formatNumber(v, decimals), expected);
            if (decimals == 2) {
                const QString money = formatMoney(v, true);
                const QString sign = expected.startsWith(u'-') ? QStringLiteral("-") : QString();
                QCOMPARE(money, sign + u'$' + expected.mid(sign.size()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestNumbers)
#include "tst_numbers.moc"
