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
#include <QToolButton>
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
    void greyedResultsGreyEveryRow();
    void importReportBelongsToItsCase();
    void offeringsNotEvaluatedAreNotEligible();

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
    // No offering claims an eligibility this case was never ranked for; the one the error is in says so.
    OfferingsModel *om = m_w->caseEditor()->offeringsPage()->model();
    const int invalidRow = path.startsWith(u"offerings[0]") ? 0 : -1;
    for (int r = 0; r < om->rowCount(); ++r) {
        QCOMPARE(om->statusOf(r), r == invalidRow ? OfferingsModel::Invalid : OfferingsModel::Unknown);
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

namespace {

// How a ranking row is drawn: the darkest text pixel (luminance 0–255) over the text columns, and the
// strongest colour (HSV saturation 0–255) anywhere but the compare check box.
struct RowInk {
    int darkest = 255;
    int mostColour = 0;
    int background = 255; // mean luminance of the text cells: a highlighted row is darker
};

RowInk rowInk(QTableView *view, const QImage &img, int row, int lastTextColumn) {
    RowInk ink;
    qint64 sum = 0, count = 0;
    for (int c = 0; c < view->model()->columnCount(); ++c) {
        const QRect r = view->visualRect(view->model()->index(row, c)).adjusted(1, 1, -1, -1);
        for (int y = r.top(); y <= r.bottom(); ++y)
            for (int x = r.left(); x <= r.right() && x < img.width(); ++x) {
                const QColor p = img.pixelColor(x, y);
                if (c > 0) ink.mostColour = std::max(ink.mostColour, p.hsvSaturation());
                if (c > 0 && c <= lastTextColumn) ink.darkest = std::min(ink.darkest, qGray(p.rgb()));
                if (c <= lastTextColumn) {
                    sum += qGray(p.rgb());
                    ++count;
                }
            }
    }
    ink.background = count ? int(sum / count) : 255;
    return ink;
}

} // namespace

void TestCaseResults::greyedResultsGreyEveryRow() {
    waitRun();
    QTableView *view = m_w->results()->rankingView();
    RankingModel *rm = m_w->results()->rankingModel();
    const int lastText = rm->changeColumn();
    view->clearSelection();
    auto measure = [&](std::vector<RowInk> &qualified, std::vector<RowInk> &disqualified) {
        QApplication::processEvents();
        const QImage img = view->viewport()->grab().toImage();
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QRect rect = view->visualRect(view->model()->index(r, 1));
            if (!rect.isValid() || rect.bottom() > view->viewport()->height()) break;
            const bool q = view->model()->index(r, 0).data(RankingModel::QualifiedRole).toBool();
            (q ? qualified : disqualified).push_back(rowInk(view, img, r, lastText));
        }
    };
    std::vector<RowInk> freshQ, freshD;
    measure(freshQ, freshD);
    QVERIFY(!freshQ.empty() && !freshD.empty()); // both kinds on screen
    // The measure sees ink: fresh qualified rows have black text and coloured chips.
    for (const RowInk &i : freshQ) {
        QVERIFY2(i.darkest < 80, qPrintable(QString::number(i.darkest)));
        QVERIFY(i.mostColour > 120);
    }
    // The agent picks the second package, then the case gets an error (a state that does not exist): the
    // results are of an earlier version, greyed. (Text a field refuses leaves the case, and so its results,
    // as they were: tst_refusedkeepsranking.)
    view->selectRow(1);
    m_w->document()->setValue(QStringLiteral("input.address.state"), JsonValue(QStringLiteral("ZZ")));
    waitRun();
    QVERIFY(m_w->ranking()->isStale());
    QVERIFY(!view->isEnabled());
    std::vector<RowInk> greyQ, greyD;
    measure(greyQ, greyD);
    QCOMPARE(greyQ.size(), freshQ.size());
    int lightestQualified = 0;
    for (const RowInk &i : greyQ) {
        // Every row greyed: no near-black text, no full colour (chips, red changes).
        QVERIFY2(i.darkest > 110, qPrintable(QStringLiteral("qualified row text at %1").arg(i.darkest)));
        QVERIFY2(i.mostColour < 100, qPrintable(QStringLiteral("qualified row colour %1").arg(i.mostColour)));
        // No highlighted row stands out of the greyed list either.
        QVERIFY2(i.background > 215, qPrintable(QStringLiteral("row background %1").arg(i.background)));
        lightestQualified = std::max(lightestQualified, i.darkest);
    }
    for (const RowInk &i : greyD) {
        QVERIFY2(i.mostColour < 100,
                 qPrintable(QStringLiteral("disqualified row colour %1").arg(i.mostColour)));
        // Never more prominent than a qualified row.
        QVERIFY2(i.darkest >= lightestQualified,
                 qPrintable(QStringLiteral("disqualified row text at %1, qualified at %2")
                                .arg(i.darkest)
                                .arg(lightestQualified)));
    }
}

void TestCaseResults::importReportBelongsToItsCase() {
    OfferingsPage *page = m_w->caseEditor()->offeringsPage();
    m_w->caseEditor()->showSection(CaseEditor::Offerings);
    auto *carrierFilter = child<QLineEdit>("offeringCarrierFilter");
    auto *report = child<QLabel>("importReport");
    auto pasteRows = [&] {
        page->pasteText(QStringLiteral("Carrier\tLine\tProduct\tPremium\tAM Best\n"
                                       "Liberty Mutual\thome\tLM Home\t$2,100.00\tA\n"
                                       "Liberty Mutual\tauto\tLM Auto\t$1,500.00\tA\n"));
        QVERIFY(report->isVisible());
        QVERIFY2(report->text().contains(QStringLiteral("imported 2 of 2 rows")), qPrintable(report->text()));
    };
    pasteRows();
    QTest::keyClicks(carrierFilter, QStringLiteral("Liberty"));
    // A new case: nothing of the last case's import, and no filter hiding the new case's rows.
    QTest::keyClick(m_w, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings")).size(), 0);
    QVERIFY(!report->isVisible());
    QCOMPARE(report->text(), QString());
    QCOMPARE(carrierFilter->text(), QString());
    // Another case opened after a paste: the same.
    pasteRows();
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("okafor.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(test::readFileBytes(test::samplePath(QStringLiteral("brooklyn-household.json")))
                .replace("Okafor", "Okafor-Lee"));
    f.close();
    QVERIFY(m_w->openCase(file));
    QVERIFY(!report->isVisible());
    QCOMPARE(report->text(), QString());
    QCOMPARE(page->model()->rowCount(), 14);
}

void TestCaseResults::offeringsNotEvaluatedAreNotEligible() {
    waitRun();
    OfferingsModel *om = m_w->caseEditor()->offeringsPage()->model();
    QCOMPARE(om->statusOf(0), OfferingsModel::Eligible);
    // "+ Add" while the case has errors: the new row has no carrier and no premium and no run of this
    // case has seen it.
    m_w->caseEditor()->showSection(CaseEditor::Insured);
    test::typeAndTab(child<QLineEdit>("field_net_worth"), QStringLiteral("1.4M"));
    m_w->caseEditor()->showSection(CaseEditor::Offerings);
    QTest::mouseClick(child<QToolButton>("offeringsAddButton"), Qt::LeftButton);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    waitRun();
    QVERIFY(m_w->ranking()->isStale());
    const int added = om->rowCount() - 1;
    QCOMPARE(added, 14);
    QVERIFY(om->statusOf(added) != OfferingsModel::Eligible);
    const QString shown = om->index(added, OfferingsModel::StatusColumn).data().toString();
    QVERIFY2(!shown.contains(u'✓') && !shown.contains(QStringLiteral("eligible")), qPrintable(shown));
    // Rows the last run of this case did evaluate keep what it found.
    QCOMPARE(om->statusOf(0), OfferingsModel::Eligible);
    QCOMPARE(om->statusOf(13), OfferingsModel::Ignored);
    // Once the case is valid and ranked again, the new row is evaluated like any other.
    test::typeAndTab(child<QLineEdit>("field_net_worth"), QStringLiteral("1400000"));
    JsonValue row = m_w->document()->value(QStringLiteral("offerings[14]"));
    row.insert(QStringLiteral("provider_name"), JsonValue(QStringLiteral("Liberty Mutual")));
    row.insert(QStringLiteral("provider_id"), JsonValue(QStringLiteral("prov_liberty_mutual")));
    row.insert(QStringLiteral("quality_rating"), JsonValue(QStringLiteral("A")));
    JsonValue attrs = JsonValue::object();
    attrs.insert(QStringLiteral("line_premium_annual"), JsonValue(2100.0));
    row.insert(QStringLiteral("attributes"), attrs);
    m_w->document()->setValue(QStringLiteral("offerings[14]"), row);
    waitRun();
    QVERIFY2(!m_w->ranking()->isStale(), qPrintable(banner()));
    QCOMPARE(om->statusOf(added), OfferingsModel::Eligible);
    QCOMPARE(om->index(added, OfferingsModel::StatusColumn).data().toString(), QStringLiteral("✓ eligible"));
}

QTEST_MAIN(TestCaseResults)
#include "tst_caseresults.moc"
