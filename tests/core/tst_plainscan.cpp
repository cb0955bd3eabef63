// SPDX-License-Identifier: MIT
// The plain scanners that replaced the regular expressions on the ranking's path (a percentage, a split
// limit, a carrier name's key) accept exactly what the patterns accepted and give the same values: each
// is compared with the pattern it replaced on edge cases and with every BMP character (and lone
// surrogates) put in the places where a space, a digit, a letter or a separator can go.
#include "engine/coverage.h"
#include "io/casereader.h"
#include "util/plainscan.h"

#include <QRegularExpression>
#include <QtTest>

using namespace pw;

namespace {

// The patterns as they were (the reference behaviour).
std::optional<double> percentByPattern(const QString &text) {
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch()) return std::nullopt;
    return m.captured(1).toDouble();
}

std::vector<double> splitByPattern(const QString &text) {
    static const QRegularExpression re(QStringLiteral(
        "^\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*(\\d+(?:\\.\\d+)?)(?:\\s*/\\s*(\\d+(?:\\.\\d+)?))?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch()) return {};
    std::vector<double> parts;
    for (int i = 1; i <= 3; ++i)
        if (m.hasCaptured(i)) parts.push_back(m.captured(i).toDouble());
    return parts;
}

QString carrierKeyByPattern(const QString &name) {
    static const QRegularExpression punct(QStringLiteral("[^\\p{L}\\p{N}\\s]"));
    static const QStringList filler = {
        QStringLiteral("insurance"),   QStringLiteral("ins"),   QStringLiteral("company"),
        QStringLiteral("co"),          QStringLiteral("inc"),   QStringLiteral("corp"),
        QStringLiteral("corporation"), QStringLiteral("group"), QStringLiteral("the")};
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    QString s = name.toLower();
    s.replace(punct, QStringLiteral(" "));
    QString out;
    for (const auto &word : s.split(spaces, Qt::SkipEmptyParts))
        if (!filler.contains(word)) out += word;
    return out;
}

QString describe(const QString &s) {
    QString out;
    for (QChar c : s)
        out += c.unicode() < 0x20 || c.unicode() > 0x7e
                   ? QStringLiteral("\\u%1").arg(uint(c.unicode()), 4, 16, QChar(u'0'))
                   : QString(c);
    return out;
}

// Every BMP code unit (lone surrogates included) and a few astral characters.
QStringList everyCharacter() {
    QStringList out;
    for (int u = 0; u <= 0xffff; ++u)
        out << QString(QChar(char16_t(u)));
    for (char32_t c : {U'\U0001D400', U'\U0001F600', U'\U00010107', U'\U0001D7CE', U'\U00020000'})
        out << QString::fromUcs4(&c, 1);
    return out;
}

} // namespace

class TestPlainScan : public QObject {
    Q_OBJECT

private slots:
    void percent_data() {
        QTest::addColumn<QString>("text");
        for (const char *t : {"2%",
                              " 12.5 % ",
                              "0%",
                              "007.50%",
                              "100 %\n",
                              "\t3%\r\n",
                              "\v4\f%\v",
                              "2",
                              "%",
                              "2%%",
                              "-2%",
                              "+2%",
                              "2.%",
                              ".5%",
                              "2.5.1%",
                              "2 5%",
                              "1e3%",
                              "",
                              "  ",
                              "2% x",
                              "x2%",
                              "2 %\n\n",
                              "99999999999999999999%",
                              "2,5%",
                              "١٢%",
                              "２%",
                              "2\u00a0%",
                              "\u00a02%",
                              "2%\u2003",
                              "3.14159265358979323846%"})
            QTest::newRow(t) << QString::fromUtf8(t);
    }
    void percent() {
        QFETCH(QString, text);
        QCOMPARE(scanPercent(text), percentByPattern(text));
    }

    void split_data() {
        QTest::addColumn<QString>("text");
        for (const char *t : {"100/300",    "100/300/100", " 100 / 300 / 100 ",
                              "12.345/50",  "1/2/3/4",     "1/2/",
                              "/1/2",       "1//2",        "1/2 /",
                              "1 /2 / 3\n", "1.5/2.25",    "1./2",
                              "1/.2",       "100",         "",
                              "1/2 x",      "-1/2",        "1/2\u00a0",
                              "\u00a01/2",  "1\u2009/2",   "１/2",
                              "1/٢",        "1/2/3 ",      "\t1\t/\t2\t",
                              "0/0",        "1e2/3",       "250000/500000/100000"})
            QTest::newRow(t) << QString::fromUtf8(t);
    }
    void split() {
        QFETCH(QString, text);
        QCOMPARE(scanSplitNumbers(text), splitByPattern(text));
        // The case reader's split limit (in dollars) follows the scanner.
        const std::vector<double> parts = splitByPattern(text);
        QCOMPARE(parseSplitLimit(text).size(), parts.size());
    }

    void carrierKey_data() {
        QTest::addColumn<QString>("name");
        for (const char *t : {"The Hartford Insurance Co.",
                              "State Farm",
                              "  GEICO  ",
                              "Liberty-Mutual",
                              "Chubb Group",
                              "the the",
                              "Insurance",
                              "Co-operative",
                              "AT&T Ins.",
                              "Erie\tIns\n",
                              "Allstate\u00a0Corp",
                              "Zürich Versicherung",
                              "ÆON",
                              "Travelers®",
                              "Nationwide™",
                              "Progressive\u2003Inc",
                              "東京海上",
                              "ΑΣΦΑΛΙΣΤΙΚΗ",
                              "Mapfre S.A.",
                              "USAA 2",
                              "",
                              "İstanbul Sigorta",
                              "Ǆemal",
                              "Ⅻ Mutual",
                              "co.op",
                              "the-group",
                              "a_b",
                              "x\u0301y",
                              "\U0001D400 Math",
                              "😀 Emoji Ins"})
            QTest::newRow(t) << QString::fromUtf8(t);
        // Not valid UTF-16: an unpaired surrogate anywhere (JSON's "\ud800" escapes can carry one).
        const QString lone[] = {
            QStringLiteral("Acme Ins.") + QChar(0xd800), QChar(0xdc00) + QStringLiteral("The Co"),
            QStringLiteral("a") + QChar(0xdbff) + QStringLiteral(" b"), QString(QChar(0xdfff))};
        for (const QString &t : lone)
            QTest::newRow(qPrintable(describe(t))) << t;
    }
    void carrierKey() {
        QFETCH(QString, name);
        QCOMPARE(carrierNameKey(name), carrierKeyByPattern(name));
        QCOMPARE(normaliseCarrierName(name), carrierKeyByPattern(name));
    }

    // Every character where a space, a digit, a letter or a separator can stand.
    void everyCharacterAsBefore_data() {
        QTest::addColumn<QString>("pattern"); // `#` stands for the character
        QTest::newRow("percent: leading") << QStringLiteral("#2%");
        QTest::newRow("percent: digit") << QStringLiteral("1#%");
        QTest::newRow("percent: after the sign") << QStringLiteral("2%#");
        QTest::newRow("percent: decimals") << QStringLiteral("2.#%");
        QTest::newRow("split: around the slash") << QStringLiteral("1#/#2");
        QTest::newRow("split: digit") << QStringLiteral("1/#");
        QTest::newRow("split: trailing") << QStringLiteral("1/2#");
        QTest::newRow("carrier: separator") << QStringLiteral("acme#mutual");
        QTest::newRow("carrier: alone") << QStringLiteral("#");
        QTest::newRow("carrier: filler after") << QStringLiteral("the#co");
    }
    void everyCharacterAsBefore() {
        QFETCH(QString, pattern);
        int differences = 0;
        QString first;
        for (const QString &c : everyCharacter()) {
            QString text = pattern;
            text.replace(u'#', c);
            bool same = true;
            if (pattern.contains(u'%'))
                same = scanPercent(text) == percentByPattern(text);
            else if (pattern.contains(u'/'))
                same = scanSplitNumbers(text) == splitByPattern(text);
            else
                same = carrierNameKey(text) == carrierKeyByPattern(text);
            if (!same && differences++ == 0) first = describe(text);
        }
        QVERIFY2(
            differences == 0,
            qPrintable(
                QStringLiteral("%1 characters differ, the first in \"%2\"").arg(differences).arg(first)));
    }
};

QTEST_MAIN(TestPlainScan)
#include "tst_plainscan.moc"
