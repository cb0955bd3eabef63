// SPDX-License-Identifier: MIT
// The window read at a glance on the Brooklyn sample: the why line above the ranking, today's coverage
// beside the packages in Compare, the comparison on the clipboard (HTML and tab-separated; the client copy
// without commission and notes), and statuses, gaps and reasons in words rather than engine codes.
#include "windowfixture.h"

#include "caseeditor.h"
#include "comparemodel.h"
#include "engine/whyline.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "rankingmodel.h"
#include "resultspanel.h"
#include "scorecardinspector.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace pw;

namespace {

// An engine code as the JSON writes it: snake_case words or a dotted rule id ("state_excluded",
// "home.no_water_backup"). Plain text shown to agents has none.
const QRegularExpression kCode(QStringLiteral("\\b[a-z]+(_[a-z0-9]+)+\\b|\\b[a-z]+\\.[a-z_]+\\b"));

QStringList treeTexts(const QTreeWidgetItem *item) {
    QStringList out;
    for (int c = 0; c < item->columnCount(); ++c)
        out << item->text(c);
    for (int i = 0; i < item->childCount(); ++i)
        out << treeTexts(item->child(i));
    return out;
}

} // namespace

class TestGlance : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void whyLineAboveRanking_data();
    void whyLineAboveRanking();
    void currentColumn_data();
    void currentColumn();
    void currentColumnTints();
    void clipboardFormats_data();
    void clipboardFormats();
    void plainWordStatuses_data();
    void plainWordStatuses();
    void noCodesInTheResults();

private:
    MainWindow *m_w = nullptr;
    template <typename T> T *child(const char *name) const {
        T *w = m_w->findChild<T *>(QString::fromLatin1(name));
        if (!w) qFatal("no widget %s", name);
        return w;
    }
};

void TestGlance::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
}

void TestGlance::cleanup() {
    delete m_w;
    m_w = nullptr;
}

void TestGlance::whyLineAboveRanking_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("expected");
    QTest::newRow("recommended")
        << 0
        << QStringLiteral("Harborview for all three lines: closes all 5 gaps, +$2,632 a year against "
                          "today; Keystone/Harborview/Keystone saves $86 – $680 but opens a gap (umbrella "
                          "below net worth) and is weaker on financial strength, placement and service");
    QTest::newRow("best value")
        << 1
        << QStringLiteral("Keystone/Harborview/Keystone, best value, ranked 2nd of 48: closes all 5 "
                          "gaps but opens one (umbrella below net worth), +$1,952 a year against "
                          "today; against Harborview for all three lines it saves $86 – $680 but is weaker "
                          "on financial strength, placement and service");
}

void TestGlance::whyLineAboveRanking() {
    QFETCH(int, row);
    QFETCH(QString, expected);
    auto *label = child<QLabel>("whyLine");
    auto *table = child<QTableView>("rankingTable");
    // Above the ranking table, in the same pane.
    QCOMPARE(label->parentWidget(), table->parentWidget());
    QVERIFY(label->mapTo(m_w, QPoint(0, 0)).y() < table->mapTo(m_w, QPoint(0, 0)).y());
    table->selectRow(row);
    QCOMPARE(label->text(), expected);
    QVERIFY(label->isVisible());
    QCOMPARE(label->textFormat(), Qt::PlainText);
}

void TestGlance::currentColumn_data() {
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("expected");
    // The Brooklyn case's input.current_coverage (no current_portfolio): 21st Century home and auto.
    QTest::newRow("carriers") << "Summary"
                              << "Carriers"
                              << "21st Century";
    QTest::newRow("premium") << "Summary"
                             << "Annual cost (low)"
                             << "$3,988.23";
    QTest::newRow("rank") << "Summary"
                          << "Rank"
                          << "—";
    QTest::newRow("commission") << "Summary"
                                << "Commission (agent)"
                                << "—";
    QTest::newRow("home carrier") << "Home"
                                  << "Carrier"
                                  << "21st Century";
    QTest::newRow("home premium") << "Home"
                                  << "Premium"
                                  << "$2,480.91";
    QTest::newRow("dwelling") << "Home"
                              << "Dwelling (Cov A)"
                              << "$620,000";
    QTest::newRow("home liability") << "Home"
                                    << "Liability (E)"
                                    << "$300,000";
    QTest::newRow("deductible") << "Home"
                                << "Deductible (AOP)"
                                << "$1,000";
    QTest::newRow("settlement") << "Home"
                                << "Settlement"
                                << "Replacement cost (RC)";
    QTest::newRow("other structures not stated") << "Home"
                                                 << "Other structures (B)"
                                                 << "not stated";
    QTest::newRow("water backup not stated") << "Home"
                                             << "Water backup"
                                             << "not stated";
    QTest::newRow("auto premium") << "Auto"
                                  << "Premium"
                                  << "$1,507.32";
    QTest::newRow("bi per person") << "Auto"
                                   << "BI per person"
                                   << "$50,000";
    QTest::newRow("bi per accident") << "Auto"
                                     << "BI per accident"
                                     << "$100,000";
    QTest::newRow("um per accident") << "Auto"
                                     << "UM per accident"
                                     << "$50,000";
    QTest::newRow("collision") << "Auto"
                               << "Collision ded."
                               << "$500";
    QTest::newRow("no umbrella today") << "Umbrella"
                                       << "Carrier"
                                       << "no current policy";
    QTest::newRow("umbrella limit") << "Umbrella"
                                    << "Umbrella limit"
                                    << "no current policy";
    QTest::newRow("today's open gaps")
        << "Gaps"
        << "Still open"
        << "5: dwelling below replacement cost, low auto liability, no umbrella, "
           "water backup, uninsured motorist limits";
}

void TestGlance::currentColumn() {
    QFETCH(QString, group);
    QFETCH(QString, label);
    QFETCH(QString, expected);
    CompareModel *cm = m_w->results()->compareModel();
    QCOMPARE(cm->firstSolutionColumn(), 1);
    QCOMPARE(cm->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Current"));
    const int row = cm->rowOf(group, label);
    QVERIFY2(row >= 0, qPrintable(label));
    QCOMPARE(cm->index(row, 0).data().toString(), expected);
    QCOMPARE(cm->index(row, 0).data(CompareModel::NotStatedRole).toBool(), expected == u"not stated");
}

void TestGlance::currentColumnTints() {
    CompareModel *cm = m_w->results()->compareModel();
    // Harborview's $875,000 dwelling differs from today's $620,000: tinted; Current itself never is.
    const int dwelling = cm->rowOf(QStringLiteral("Home"), QStringLiteral("Dwelling (Cov A)"));
    QCOMPARE(cm->index(dwelling, 1).data().toString(), QStringLiteral("$875,000"));
    QVERIFY(cm->index(dwelling, 1).data(CompareModel::DiffersRole).toBool());
    QVERIFY(!cm->index(dwelling, 0).data(CompareModel::DiffersRole).toBool());
    // Today's $300,000 home liability: a package with the same limit is not tinted.
    const int liability = cm->rowOf(QStringLiteral("Home"), QStringLiteral("Liability (E)"));
    for (int c = 1; c < cm->columnCount(); ++c)
        QCOMPARE(cm->index(liability, c).data(CompareModel::DiffersRole).toBool(),
                 cm->index(liability, c).data().toString() != QStringLiteral("$300,000"));
    // Rows Current has nothing for are read against the first package, which is never tinted.
    const int rank = cm->rowOf(QStringLiteral("Summary"), QStringLiteral("Rank"));
    QVERIFY(!cm->index(rank, 1).data(CompareModel::DiffersRole).toBool());
    QVERIFY(cm->index(rank, 2).data(CompareModel::DiffersRole).toBool());
    // The best cost among the packages is bold, never today's lower premium.
    const int low = cm->rowOf(QStringLiteral("Summary"), QStringLiteral("Annual cost (low)"));
    QVERIFY(!cm->index(low, 0).data(CompareModel::BestRole).toBool());
    QVERIFY(cm->index(low, 2).data(CompareModel::BestRole).toBool()); // $5,940
}

void TestGlance::clipboardFormats_data() {
    QTest::addColumn<QString>("how");
    QTest::addColumn<bool>("client");
    QTest::newRow("Ctrl+C") << "key" << false;
    QTest::newRow("Copy button") << "copyCompare" << false;
    QTest::newRow("Copy for client") << "copyForClient" << true;
}

void TestGlance::clipboardFormats() {
    QFETCH(QString, how);
    QFETCH(bool, client);
    QApplication::clipboard()->clear();
    m_w->showResultTab(QStringLiteral("Compare"));
    if (how == u"key") {
        auto *view = child<QTableView>("compareTable");
        view->setFocus();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    } else {
        QTest::mouseClick(m_w->findChild<QPushButton *>(how), Qt::LeftButton);
    }
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    QVERIFY(mime && mime->hasHtml() && mime->hasText());
    const QString tsv = mime->text(), html = mime->html();
    QVERIFY2(tsv.startsWith(QStringLiteral("Field\tCurrent\t#1 recommended\t#2 best value\t#3 simplest\n")),
             qPrintable(tsv));
    // Level and score in separate cells (rows), the score a plain number a spreadsheet reads.
    QVERIFY2(tsv.contains(QStringLiteral("\nScorecard · Overall · level\t—\tL1\tL1\tL2\n")), qPrintable(tsv));
    QVERIFY2(tsv.contains(QStringLiteral("\nScorecard · Overall · score\t—\t89.93\t85.00\t83.57\n")),
             qPrintable(tsv));
    QVERIFY(tsv.contains(QStringLiteral("\nScorecard · Price · score\t—\t87.72\t100.00\t94.28\n")));
    QVERIFY(tsv.contains(QStringLiteral("\nHome · Premium\t$2,480.91\t$3,890\t$3,120\t$3,120\n")));
    // The HTML holds the same cells, one per <td>, with the tint of a cell that differs from today.
    QVERIFY(html.contains(QStringLiteral("<table")));
    QVERIFY(html.contains(QStringLiteral("<td>Scorecard · Overall · level</td><td>—</td><td>L1</td>")));
    QVERIFY(html.contains(QStringLiteral("<td>Scorecard · Overall · score</td><td>—</td>"
                                         "<td align=\"right\" style=\"font-weight:bold;\">89.93</td>"
                                         "<td align=\"right\" style=\"background:#fff4d6;\">85.00</td>")));
    // The agent copy keeps commission and the case's internal notes; the client copy has neither.
    const QString notes =
        QStringLiteral("Sample household: home + two cars, teen driver, no umbrella today.");
    for (const QString &text : {tsv, html}) {
        QCOMPARE(text.contains(QStringLiteral("Commission")), !client);
        QCOMPARE(text.contains(QStringLiteral("$891.78")), !client);
        QCOMPARE(text.contains(notes), !client);
    }
}

void TestGlance::plainWordStatuses_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("Granite home") << 8 << "⊘ Not written in NY"
                                  << "state_excluded";
    QTest::newRow("Northpoint auto") << 12 << "⊘ Quote expired Oct 31"
                                     << "quote_expired";
    QTest::newRow("renters") << 13 << "ignored: not requested"
                             << "not requested";
    QTest::newRow("eligible") << 0 << "✓ eligible"
                              << "";
}

void TestGlance::plainWordStatuses() {
    QFETCH(int, row);
    QFETCH(QString, status);
    QFETCH(QString, code);
    OfferingsModel *om = m_w->caseEditor()->offeringsPage()->model();
    const QModelIndex cell = om->index(row, OfferingsModel::StatusColumn);
    QCOMPARE(cell.data().toString(), status);
    // The engine's code stays in reach for underwriters: in the tooltip.
    QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(code),
             qPrintable(cell.data(Qt::ToolTipRole).toString()));
    // The inspector lists the same filtered offerings in the same words.
    if (status.startsWith(u'⊘')) {
        const QStringList texts = treeTexts(child<QTreeWidget>("scorecardInspector")->invisibleRootItem());
        bool found = false;
        for (const QString &t : texts)
            found = found || t.endsWith(status.mid(2));
        QVERIFY2(found, qPrintable(texts.join(u'\n')));
    }
}

void TestGlance::noCodesInTheResults() {
    // Every text an agent reads in the results: ranking, compare, gaps, inspector, why line.
    QStringList texts;
    for (const char *name : {"rankingTable", "compareTable"}) {
        const QAbstractItemModel *m = child<QTableView>(name)->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            texts << m->headerData(r, Qt::Vertical).toString();
            for (int c = 0; c < m->columnCount(); ++c)
                texts << m->index(r, c).data().toString() << m->headerData(c, Qt::Horizontal).toString();
        }
    }
    ResultsPanel *results = m_w->results();
    results->rankingView()->selectRow(0);
    texts << treeTexts(child<QTreeWidget>("gapsTree")->invisibleRootItem());
    // The inspector's dimensions and filtered offerings (its reason lines are the engine's own sentences).
    const QTreeWidgetItem *inspector = child<QTreeWidget>("scorecardInspector")->invisibleRootItem();
    for (int i = 0; i < inspector->childCount(); ++i) {
        const QTreeWidgetItem *top = inspector->child(i);
        texts << top->text(0);
        if (top->text(0).startsWith(QStringLiteral("Filtered")))
            for (int j = 0; j < top->childCount(); ++j)
                texts << top->child(j)->text(0);
    }
    texts << child<QLabel>("whyLine")->text();
    OfferingsModel *om = m_w->caseEditor()->offeringsPage()->model();
    for (int r = 0; r < om->rowCount(); ++r)
        texts << om->index(r, OfferingsModel::StatusColumn).data().toString();
    QStringList codes;
    for (const QString &t : texts) {
        // Money and limits ("$6,620", "50/100") are words too; only codes are looked for.
        const auto m = kCode.match(t);
        if (m.hasMatch()) codes << m.captured(0) + QStringLiteral("  in  ") + t;
    }
    QVERIFY2(codes.isEmpty(), qPrintable(codes.join(u'\n')));
}

QTEST_MAIN(TestGlance)
#include "tst_glance.moc"
