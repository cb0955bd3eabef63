// SPDX-License-Identifier: MIT
// Financial-strength grades read as engine.md §5.3 says (core/engine/grades.h): grades already canonical
// are kept as they are, every other spelling is trimmed, upper-cased, unified and stripped of a suffix.
#include "engine/grades.h"

#include <QTest>

using namespace pw;

class TestGrades : public QObject {
    Q_OBJECT
private slots:
    void normalise_data();
    void normalise();
};

void TestGrades::normalise_data() {
    QTest::addColumn<QString>("rating");
    QTest::addColumn<QString>("agency");
    QTest::addColumn<QString>("grade");
    QTest::addColumn<bool>("demotech");
    auto row = [](const char *name, const QString &rating, const char *agency, const char *grade,
                  bool demotech) {
        QTest::newRow(name) << rating << QString::fromUtf8(agency) << QString::fromUtf8(grade) << demotech;
    };
    row("canonical", QStringLiteral("A++"), "AM Best", "A++", false);
    row("canonical minus", QStringLiteral("B-"), "AM Best", "B-", false);
    row("canonical letter", QStringLiteral("S"), "Demotech", "S", true);
    row("not rated", QStringLiteral("NR"), "", "NR", false);
    row("empty", QString(), "AM Best", "", false);
    row("lower case", QStringLiteral("a+"), "AM Best", "A+", false);
    row("spaces", QStringLiteral(" A- "), "AM Best", "A-", false);
    row("minus sign", QStringLiteral("A\u2212"), "AM Best", "A-", false);
    row("en dash", QStringLiteral("B\u2013"), "AM Best", "B-", false);
    row("double prime", QStringLiteral("A\u2033"), "Demotech", "A''", true);
    row("double quote", QStringLiteral("A\""), "demotech", "A''", true);
    row("prime", QStringLiteral("A\u2032"), " DEMOTECH ", "A'", true);
    row("apostrophe", QStringLiteral("A\u2019"), "Demotech", "A'", true);
    row("parenthesis", QStringLiteral("A (Excellent)"), "AM Best", "A", false);
    row("parenthesis spaced", QStringLiteral(" a+ (Superior) "), "AM Best", "A+", false);
    row("suffix word", QStringLiteral("B++ stable"), "AM Best", "B++", false);
    row("letters beyond ASCII", QStringLiteral("\u00e4a"), "AM Best", "\u00c4A", false);
    row("agency with more words", QStringLiteral("A"), "Demotech Inc", "A", false);
}

void TestGrades::normalise() {
    QFETCH(QString, rating);
    QFETCH(QString, agency);
    QFETCH(QString, grade);
    QFETCH(bool, demotech);
    const Grade g = normaliseGrade(rating, agency);
    QCOMPARE(g.grade, grade);
    QCOMPARE(g.demotech, demotech);
}

QTEST_GUILESS_MAIN(TestGrades)
#include "tst_grades.moc"
