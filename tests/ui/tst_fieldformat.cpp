// SPDX-License-Identifier: MIT
// The window's number fields read numbers with the same strict parser as every import (a decimal point,
// commas grouping thousands in threes): a comma that is not grouping is refused, never dropped, and a
// split limit is stored in the form the case reader understands.
#include "fieldformat.h"

#include <QTest>

using namespace pw;

class TestFieldFormat : public QObject {
    Q_OBJECT
private slots:
    void numbers_data();
    void numbers();
};

void TestFieldFormat::numbers_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expectedJson"); // empty: refused with a message
    auto row = [](const char *name, const char *text, FieldKind kind, const char *json) {
        QTest::newRow(name) << QString::fromUtf8(text) << int(kind) << QString::fromUtf8(json);
    };
    row("money", "$1,790.00", FieldKind::Money, "1790");
    row("money grouped", "3,240.50", FieldKind::Money, "3240.5");
    row("decimal comma refused", "3240,50", FieldKind::Money, "");
    row("comma not grouping refused", "1,79", FieldKind::Money, "");
    row("dot grouping refused", "3.240,00", FieldKind::Money, "");
    row("fullwidth digit refused", "1\uFF17", FieldKind::Money, "");
    row("commission points", "13", FieldKind::Fraction, "0.13");
    row("commission percent", "12.5%", FieldKind::Fraction, "0.125");
    row("commission decimal comma refused", "0,5", FieldKind::Fraction, "");
    row("deductible percent", "2.5%", FieldKind::MoneyOrPercent, "\"2.5%\"");
    row("deductible decimal comma refused", "2,5%", FieldKind::MoneyOrPercent, "");
    row("split in dollars", "$100,000/$300,000/$50,000", FieldKind::SplitOrMoney, "\"100/300/50\"");
    row("split in thousands", "100/300/100", FieldKind::SplitOrMoney, "\"100/300/100\"");
    row("split two parts", "250/500", FieldKind::SplitOrMoney, "\"250/500\"");
    row("split mixed refused", "100/300000", FieldKind::SplitOrMoney, "");
    row("split text refused", "100/abc", FieldKind::SplitOrMoney, "");
    row("integer grouped", "1,000", FieldKind::Integer, "1000");
}

void TestFieldFormat::numbers() {
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, expectedJson);
    QString error;
    const auto v = parseFieldText(text, FieldKind(kind), &error);
    if (expectedJson.isEmpty()) {
        QVERIFY2(!v, v ? writeJson(*v, -1).constData() : "");
        QVERIFY(error.contains(text));
        return;
    }
    QVERIFY2(v, qPrintable(error));
    QCOMPARE(QString::fromUtf8(writeJson(*v, -1)), expectedJson);
}

QTEST_MAIN(TestFieldFormat)
#include "tst_fieldformat.moc"
