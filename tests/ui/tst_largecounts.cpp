// SPDX-License-Identifier: MIT
// Package and qualified counts of a large case pass through 64-bit integers and show with US thousands
// separators, as the amounts beside them and the reports do, whatever the system's locale (the test runs
// under German, whose grouping mark is a dot), everywhere in the window: the toolbar, the why-line ("ranked
// 2nd of …"), the summary's and the Offerings table's offering count. A case of more than 2^31 packages once
// showed "● -2147483648 packages"; the line under the Offerings table once read "3873 offerings.".
#include "casedocument.h"
#include "casegen.h"
#include "elidinglabel.h"
#include "mainwindow.h"
#include "rankingcontroller.h"
#include "windowfixture.h"

#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QtTest>

using namespace pw;

class TestLargeCounts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); }

    void countsKeepEveryDigitWithSeparators_data() {
        QTest::addColumn<int>("perLine"); // offerings per line, 3 lines
        QTest::addColumn<QString>("packages");
        // 1291³ = 2,151,685,171: just over the largest int (2,147,483,647).
        QTest::newRow("1291 per line (just over 2^31)") << 1291 << QStringLiteral("2,151,685,171");
        // 1626³ = 4,298,942,376: over 2^32, where a 32-bit count wraps to a small positive number.
        QTest::newRow("1626 per line (over 2^32)") << 1626 << QStringLiteral("4,298,942,376");
        QTest::newRow("120 per line (fits an int)") << 120 << QStringLiteral("1,728,000");
    }

    void countsKeepEveryDigitWithSeparators() {
        QFETCH(int, perLine);
        QFETCH(QString, packages);
        MainWindow w;
        const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto"),
                                   QStringLiteral("umbrella")};
        QVERIFY(test::showWindowWithCase(w, bench::generateCase(lines, {perLine, perLine, perLine}, 20, 7)));
        RankingController *ranking = w.ranking();
        QVERIFY(ranking->waitForIdle(120000));
        QVERIFY(ranking->hasRun());
        const JsonValue &out = ranking->run()[u"output"];
        QCOMPARE(out[u"solution_count"].numberText(), QByteArray(packages.toLatin1()).replace(",", ""));
        const QString qualified = QLocale(QLocale::English, QLocale::UnitedStates)
                                      .toString(qint64(out[u"qualified_count"].toDouble()));

        auto *count = w.findChild<QLabel *>(QStringLiteral("packageCount"));
        QVERIFY(count);
        QCOMPARE(count->text(), QStringLiteral(" ● %1 packages, %2 qualified").arg(packages, qualified));

        // The why-line of the second package names its rank among all of them.
        auto *table = w.findChild<QTableView *>(QStringLiteral("rankingTable"));
        auto *why = w.findChild<QLabel *>(QStringLiteral("whyLine"));
        QVERIFY(table && why);
        table->selectRow(1);
        QVERIFY2(why->text().contains(QStringLiteral("ranked 2nd of %1").arg(packages)),
                 qPrintable(why->text()));

        // The summary counts the offerings the same way.
        auto *summary = w.findChild<ElidingLabel *>(QStringLiteral("statusSummary"));
        QVERIFY(summary);
        const QString offerings = QLocale(QLocale::English, QLocale::UnitedStates).toString(3 * perLine) +
                                  QStringLiteral(" offerings");
        QVERIFY2(summary->fullText().contains(offerings), qPrintable(summary->fullText()));
        // And the line under the Offerings table, with no offering selected.
        auto *underTable = w.findChild<QLabel *>(QStringLiteral("offeringStatus"));
        QVERIFY(underTable);
        QVERIFY2(underTable->text().startsWith(offerings + u'.'), qPrintable(underTable->text()));
    }
};

QTEST_MAIN(TestLargeCounts)
#include "tst_largecounts.moc"
