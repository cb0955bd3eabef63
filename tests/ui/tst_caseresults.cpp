// SPDX-License-Identifier: MIT
// Results belong to the case on screen: a new or opened case never shows another case's ranking, a case
// without a valid run of its own says what to fix, a new case asks for gap analysis, and where gap
// analysis did not run Compare says "not analysed".
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "comparemodel.h"
#include "io/jsonpath.h"
#include "mainwindow.h"
#include "offeringsmodel.h"
#include "offeringspage.h"
#include "rankingcontroller.h"
#include "rankingmodel.h"
#include "resultspanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace pw;

class TestCaseResults : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void newCaseShowsNoOtherCaseResults();
    void invalidCaseOpenedAfterAnother_data();
    void invalidCaseOpenedAfterAnother();
    void lastGoodResultOnlyFromTheSameDocument();
    void newCaseAnalysesGaps();
    void compareSaysNotAnalysed();

private:
    MainWindow *m_w = nullptr;
    void waitRun() { QVERIFY(m_w->ranking()->waitForIdle(10000)); }
    QString banner() const { return m_w->findChild<QLabel *>(QStringLiteral("resultsBanner"))->text(); }
    QString summary() const { return m_w->findChild<QLabel *>(QStringLiteral("statusSummary"))->text(); }
    template <typename T> T *child(const char *name) const {
        T *w = m_w->findChild<T *>(QString::fromLatin1(name));
        if (!w) qFatal("no widget %s", name);
        return w;
    }
};

void TestCaseResults::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
    QVERIFY(summary().contains(QStringLiteral("$3,988")));
}

void TestCaseResults::cleanup() {
    delete m_w;
    m_w = nullptr;
}

void TestCaseResults::newCaseShowsNoOtherCaseResults() {
    QVERIFY(m_w->results()->rankingModel()->rowCount() > 0);
    QTest::keyClick(m_w, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings")).size(), 0);
    // Before and after the new case's own run: nothing of Brooklyn's.
    for (int pass = 0; pass < 2; ++pass) {
        QCOMPARE(m_w->results()->rankingModel()->rowCount(), 0);
        QVERIFY2(!banner().contains(QStringLiteral("last valid")), qPrintable(banner()));
        QVERIFY2(!summary().contains(QStringLiteral("3,988")), qPrintable(summary()));
        QVERIFY(!QString::fromUtf8(writeJson(m_w->ranking()->run())).contains(QStringLiteral("harborview")));
        QVERIFY(!m_w->results()->rankingView()->model()->rowCount());
        waitRun();
    }
    QVERIFY(!child<QLabel>("packageCount")->text().contains(QStringLiteral("48")));
}

void TestCaseResults::invalidCaseOpenedAfterAnother_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value"); // JSON text
    QTest::newRow("unknown state") << "input.address.state"
                                   << R"("ZZ")";
    QTest::newRow("unknown line") << "input.coverage_types"
                                  << R"(["home","boat"])";
    QTest::newRow("premium as text") << "offerings[0].attributes.line_premium_annual"
                                     << R"({"a":1})";
}

void TestCaseResults::invalidCaseOpenedAfterAnother() {
    QFETCH(QString, path);
    QFETCH(QString, value);
    QTemporaryDir dir;
    JsonValue root = test::readJsonFile(test::samplePath(QStringLiteral("brooklyn-household.json")));
    QVERIFY(setJsonValueAt(root, path, *parseJson(value.toUtf8())));
    // Another client's case: other names so nothing on screen can pass for Brooklyn's by accident.
    QVERIFY(setJsonValueAt(root, QStringLiteral("input.premium"), JsonValue(1234.0)));
    const QString file = dir.filePath(QStringLiteral("alvarez.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(writeJson(root));
    f.close();

    QVERIFY(m_w->openCase(file));
    waitRun();
    QVERIFY(m_w->ranking()->errorCount() > 0);
    QVERIFY(!m_w->ranking()->hasRun());
    QCOMPARE(m_w->results()->rankingModel()->rowCount(), 0);
    // The empty state says what to fix: the field and the sentence.
    QVERIFY2(banner().contains(QStringLiteral("to rank this case")), qPrintable(banner()));
    QVERIFY2(banner().contains(path.left(path.indexOf(u'[') < 0 ? path.size() : path.indexOf(u'['))),
             qPrintable(banner()));
    QVERIFY(m_w->findChild<QLabel *>(QStringLiteral("resultsBanner"))->isVisible());
    // No offering claims an eligibility this case was never ranked for.
    OfferingsModel *om = m_w->caseEditor()->offeringsPage()->model();
    for (int r = 0; r < om->rowCount(); ++r) {
        QCOMPARE(om->statusOf(r), OfferingsModel::Unknown);
        QVERIFY(!om->index(r, OfferingsModel::StatusColumn).data().toString().contains(u'✓'));
    }
    QVERIFY2(!summary().contains(QStringLiteral("3,988")), qPrintable(summary()));
}

void TestCaseResults::lastGoodResultOnlyFromTheSameDocument() {
    // An edit that breaks this case keeps this case's last result, greyed.
    auto *zip = child<QLineEdit>("field_zip_code");
    m_w->caseEditor()->showSection(CaseEditor::Insured);
    auto *state = child<QComboBox>("field_state");
    state->setFocus();
    const int zz = state->findData(QStringLiteral("ZZ"));
    QCOMPARE(zz, -1);
    m_w->document()->setValue(QStringLiteral("input.address.state"), JsonValue(QStringLiteral("ZZ")));
    waitRun();
    QVERIFY(m_w->ranking()->isStale());
    QVERIFY2(banner().contains(QStringLiteral("last valid version of this case")), qPrintable(banner()));
    QVERIFY(m_w->results()->rankingModel()->rowCount() > 0);
    QVERIFY(!m_w->results()->rankingView()->isEnabled());
    Q_UNUSED(zip);
    // Another case that is invalid too: nothing greyed from Brooklyn.
    QVERIFY(m_w->openSample(QStringLiteral("seed-job.json")));
    m_w->document()->setValue(QStringLiteral("input.address.state"), JsonValue(QStringLiteral("ZZ")));
    waitRun();
    QVERIFY(!m_w->ranking()->hasRun());
    QCOMPARE(m_w->results()->rankingModel()->rowCount(), 0);
    QVERIFY2(banner().contains(QStringLiteral("input.address.state")), qPrintable(banner()));
}

void TestCaseResults::newCaseAnalysesGaps() {
    QTest::keyClick(m_w, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(m_w->document()->value(QStringLiteral("input.request_config.quote_matching")).toBool(), true);
    QCOMPARE(m_w->document()->value(QStringLiteral("input.request_config.coverage_analysis")).toBool(), true);
    // The agent enters where the client lives and the current home policy.
    m_w->caseEditor()->showSection(CaseEditor::Insured);
    auto *zip = child<QLineEdit>("field_zip_code");
    zip->setFocus();
    QTest::keyClicks(zip, QStringLiteral("07030"));
    QTest::keyClick(zip, Qt::Key_Return);
    m_w->caseEditor()->showSection(CaseEditor::Current);
    QWidget *homeTab = child<QTabWidget>("currentCoverageTabs")->widget(0);
    for (const auto &[name, text] :
         {std::pair{"field_carrier", "Liberty Mutual"}, std::pair{"field_annual_premium", "1780"},
          std::pair{"field_dwelling_limit", "300000"}}) {
        auto *e = homeTab->findChild<QLineEdit *>(QString::fromLatin1(name));
        QVERIFY2(e, name);
        e->setFocus();
        QTest::keyClicks(e, QString::fromLatin1(text));
        QTest::keyClick(e, Qt::Key_Return);
    }
    QCOMPARE(m_w->document()->value(QStringLiteral("input.current_coverage.home.annual_premium")).toDouble(),
             1780.0);
    waitRun();
    auto *gaps = child<QTreeWidget>("gapsTree");
    QVERIFY(gaps->topLevelItemCount() > 0);
    QVERIFY2(gaps->topLevelItem(0)->text(0).startsWith(QStringLiteral("Current coverage:")),
             qPrintable(gaps->topLevelItem(0)->text(0)));
}

void TestCaseResults::compareSaysNotAnalysed() {
    // The agent switches gap analysis off for this case.
    m_w->caseEditor()->showSection(CaseEditor::Insured);
    auto *gapBox = child<QCheckBox>("field_request_config_coverage_analysis");
    QVERIFY(gapBox->isChecked());
    QTest::mouseClick(gapBox, Qt::LeftButton, {}, QPoint(8, gapBox->height() / 2));
    QCOMPARE(m_w->document()->value(QStringLiteral("input.request_config.coverage_analysis")).toBool(),
             false);
    waitRun();
    QVERIFY(!m_w->ranking()->run()[u"output"][u"coverage_analysis"].isObject());
    RankingModel *rm = m_w->results()->rankingModel();
    for (int r = 0; r < rm->rowCount(); ++r)
        rm->setData(rm->index(r, RankingModel::Compare), Qt::Unchecked, Qt::CheckStateRole);
    for (int r : {0, 1})
        QVERIFY(rm->setData(rm->index(r, RankingModel::Compare), Qt::Checked, Qt::CheckStateRole));
    CompareModel *cm = m_w->results()->compareModel();
    QCOMPARE(cm->solutionCount(), 2);
    for (const char *row : {"Closed", "Still open", "New"}) {
        const int r = cm->rowOf(QStringLiteral("Gaps"), QString::fromLatin1(row));
        QVERIFY(r >= 0);
        for (int c = cm->firstSolutionColumn(); c < cm->columnCount(); ++c)
            QCOMPARE(cm->index(r, c).data().toString(), QStringLiteral("not analysed"));
    }
    m_w->showResultTab(QStringLiteral("Compare"));
    auto *view = child<QTableView>("compareTable");
    view->setFocus();
    QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
    const QString tsv = QApplication::clipboard()->text();
    // The seed states current coverage: its column says "—" where a package closes gaps.
    QVERIFY2(tsv.contains(QStringLiteral("Gaps · Closed\t—\tnot analysed\tnot analysed")), qPrintable(tsv));
    QVERIFY(!tsv.contains(QStringLiteral("\tnone")));
    // With the analysis on again the rows list gap ids or "none" again.
    QTest::mouseClick(gapBox, Qt::LeftButton, {}, QPoint(8, gapBox->height() / 2));
    QTest::mouseClick(gapBox, Qt::LeftButton, {}, QPoint(8, gapBox->height() / 2));
    waitRun();
    QVERIFY(m_w->ranking()->run()[u"output"][u"coverage_analysis"].isObject());
}

QTEST_MAIN(TestCaseResults)
#include "tst_caseresults.moc"
