// SPDX-License-Identifier: MIT
// Text a field refuses ("-50" as a premium) leaves the case as it was ("the case keeps its previous value"):
// the ranking of that case stays current — not greyed, not "(stale)", no "Fix N problem(s)" banner, the
// offering's Status still its verdict — while the refused text is pointed out in its cell and in the
// Problems dock. The line under the Offerings table tells the same truth as the Problems dock, about the
// text refused last, never the one before it.
#include "windowfixture.h"

#include "problemsmodel.h"
#include "resultspanel.h"

#include <QLabel>

using namespace pw;

namespace {

const QString kPremium = QStringLiteral("attributes.line_premium_annual");

QString banner(MainWindow &w) {
    auto *l = w.findChild<QLabel *>(QStringLiteral("resultsBanner"));
    return l && l->isVisibleTo(&w) ? l->text() : QString();
}

QString detailLine(MainWindow &w) {
    auto *l = w.findChild<QLabel *>(QStringLiteral("offeringStatus"));
    return l ? l->text() : QString();
}

// `text` in quotes as the rich-text line holds it.
QString quoted(const QString &text) {
    return QStringLiteral("&quot;") + text.toHtmlEscaped() + QStringLiteral("&quot;");
}

QStringList problemMessages(MainWindow &w) {
    QStringList out;
    ProblemsModel *pm = w.problemsModel();
    for (int r = 0; r < pm->rowCount(); ++r)
        out << pm->problem(r).message;
    return out;
}

} // namespace

class TestRefusedKeepsRanking : public QObject {
    Q_OBJECT

private slots:
    void refusedTextLeavesTheRankingCurrent_data() {
        QTest::addColumn<QStringList>("typed"); // refused one after another into row 0's premium
        QTest::newRow("negative") << QStringList{QStringLiteral("-50")};
        QTest::newRow("negative, then a European amount")
            << QStringList{QStringLiteral("-50"), QStringLiteral("1.234,56")};
        QTest::newRow("three refusals")
            << QStringList{QStringLiteral("-50"), QStringLiteral("1.234,56"), QStringLiteral("abc")};
    }

    void refusedTextLeavesTheRankingCurrent() {
        QFETCH(QStringList, typed);
        std::unique_ptr<MainWindow> w(test::openWindowOnSample());
        QVERIFY(w);
        OfferingsModel *om = w->caseEditor()->offeringsPage()->model();
        const int row = 0;
        QCOMPARE(int(om->statusOf(row)), int(OfferingsModel::Eligible));
        const JsonValue before = w->document()->root();
        const QString packagesBefore = w->findChild<QLabel *>(QStringLiteral("packageCount"))->text();
        for (const QString &t : typed) {
            test::typeIntoOfferingCell(*w, row, kPremium, t);
            QVERIFY(w->ranking()->waitForIdle(10000));
            // The detail line under the table: the text just refused, as the Problems dock says it.
            QTRY_VERIFY2(detailLine(*w).contains(quoted(t)), qPrintable(detailLine(*w)));
            const QString line = detailLine(*w);
            for (const QString &earlier : typed.mid(0, typed.indexOf(t)))
                QVERIFY2(!line.contains(quoted(earlier)), qPrintable(line));
            bool listed = false;
            for (const QString &m : problemMessages(*w))
                listed =
                    listed || (m.startsWith(u'"' + t + u'"') && m.contains(QStringLiteral("previous value")));
            QVERIFY2(listed, qPrintable(problemMessages(*w).join(u'\n')));
        }
        // The case did not change, so neither did its ranking's standing.
        QCOMPARE(w->document()->root(), before);
        QVERIFY(w->ranking()->hasRun());
        QVERIFY(!w->ranking()->isStale());
        QCOMPARE(w->ranking()->errorCount(), 0);
        QVERIFY2(!banner(*w).contains(QStringLiteral("Fix")), qPrintable(banner(*w)));
        const QString packages = w->findChild<QLabel *>(QStringLiteral("packageCount"))->text();
        QVERIFY2(!packages.contains(QStringLiteral("stale")), qPrintable(packages));
        QCOMPARE(packages, packagesBefore);
        QCOMPARE(int(om->statusOf(row)), int(OfferingsModel::Eligible));
        QCOMPARE(om->index(row, OfferingsModel::StatusColumn).data().toString(),
                 QStringLiteral("✓ eligible"));
        // The refused text is still pointed out in its cell.
        const QModelIndex cell = om->index(row, om->columnOf(kPremium));
        QCOMPARE(cell.data().toString(), typed.last());
        QCOMPARE(cell.data(JsonTableModel::ProblemLevelRole).toInt(), 2);
    }
};

QTEST_MAIN(TestRefusedKeepsRanking)
#include "tst_refusedkeepsranking.moc"
