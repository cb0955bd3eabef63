// SPDX-License-Identifier: MIT
#include "resultspanel.h"
#include "plaintext.h"
#include "progressstrip.h"

#include "casedocument.h"
#include "chipdelegate.h"
#include "columnfit.h"
#include "comparemodel.h"
#include "costchart.h"
#include "rankingcontroller.h"
#include "rankingmodel.h"
#include "scorecardinspector.h"
#include "solutionutil.h"
#include "weightspanel.h"

#include "engine/plainwords.h"
#include "engine/whyline.h"
#include "util/displaytext.h"
#include "util/numbers.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMimeData>
#include <QPalette>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace pw {

ResultsPanel::ResultsPanel(CaseDocument *doc, RankingController *ranking, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_ranking(ranking) {
    setObjectName(QStringLiteral("resultsPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_bannerBox = new QWidget(this);
    m_bannerBox->setObjectName(QStringLiteral("resultsBannerBox"));
    m_bannerBox->setAutoFillBackground(true);
    m_bannerBox->setStyleSheet(
        QStringLiteral("#resultsBannerBox { background: #fff4d6; border: 1px solid #e0c070; }"));
    // The message spans the banner's width, the buttons sit on a row of their own beneath it.
    auto *bl = new QVBoxLayout(m_bannerBox);
    bl->setContentsMargins(8, 4, 8, 4);
    m_banner = new QLabel(m_bannerBox);
    m_banner->setObjectName(QStringLiteral("resultsBanner"));
    m_banner->setWordWrap(true);
    bl->addWidget(m_banner);
    auto *buttons = new QHBoxLayout;
    bl->addLayout(buttons);
    const char *lineNames[] = {"home", "auto", "umbrella"};
    for (int i = 0; i < 3; ++i) {
        const QString line = QString::fromLatin1(lineNames[i]);
        m_addButtons[i] = new QPushButton(tr("Add an offering for %1").arg(line), m_bannerBox);
        m_addButtons[i]->setObjectName(QStringLiteral("addOfferingFor_") + line);
        connect(m_addButtons[i], &QPushButton::clicked, this,
                [this, line] { emit addOfferingRequested(line); });
        buttons->addWidget(m_addButtons[i]);
    }
    m_rankAgain = new QPushButton(tr("Rank again"), m_bannerBox);
    m_rankAgain->setObjectName(QStringLiteral("rankAgain"));
    connect(m_rankAgain, &QPushButton::clicked, m_ranking, &RankingController::prepareNow);
    buttons->addWidget(m_rankAgain);
    m_rankWholeTop = new QPushButton(tr("Rank the top %1").arg(m_ranking->top()), m_bannerBox);
    m_rankWholeTop->setObjectName(QStringLiteral("rankWholeTop"));
    connect(m_rankWholeTop, &QPushButton::clicked, m_ranking, &RankingController::rankWholeTop);
    buttons->addWidget(m_rankWholeTop);
    buttons->addStretch(1);
    layout->addWidget(m_bannerBox);
    m_bannerBox->hide();

    // A long ranking says how far it is, above the table it will fill, and can be cancelled.
    m_rankingStrip = new ProgressStrip(QStringLiteral("rankingProgress"), this);
    layout->addWidget(m_rankingStrip);
    connect(m_rankingStrip, &ProgressStrip::cancelRequested, m_ranking, &RankingController::cancel);
    // Each job restarts the strip, so its time counts from the start of the job it describes, also when
    // the job replaces one still in flight (busy stays on through a burst of edits). Busy itself still
    // lasts until every superseded job has handed back, as cancel() documents.
    connect(m_ranking, &RankingController::jobStarted, this, [this] {
        m_rankingStrip->start(tr("Ranking…"));
        updateRankingProgress();
        m_rankWholeTop->hide(); // asked for, or another ranking is on its way
    });
    connect(m_ranking, &RankingController::busyChanged, this, [this](bool busy) {
        if (busy) return; // jobStarted
        m_rankingStrip->finish();
        updateBanner(); // a cancelled ranking says so once it has stopped
    });
    connect(m_ranking, &RankingController::progressChanged, this, &ResultsPanel::updateRankingProgress);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("resultTabs"));
    layout->addWidget(m_tabs, 1);

    // Ranking
    auto *rankingSplit = new QSplitter(Qt::Vertical, m_tabs);
    rankingSplit->setObjectName(QStringLiteral("rankingSplitter"));
    m_rankingModel = new RankingModel(this);
    m_rankingProxy = new QSortFilterProxyModel(this);
    m_rankingProxy->setSourceModel(m_rankingModel);
    m_rankingProxy->setSortRole(Qt::UserRole);
    auto *rankingTop = new QWidget(rankingSplit);
    auto *rtl = new QVBoxLayout(rankingTop);
    rtl->setContentsMargins(0, 0, 0, 0);
    rtl->setSpacing(2);
    // The selected package in one sentence (engine/whyline.h): what it closes, what it costs against
    // today, what the runner-up trades. Case text (carrier names) is shown as plain, escaped text.
    m_whyLine = plainTextLabel(new QLabel(rankingTop));
    m_whyLine->setObjectName(QStringLiteral("whyLine"));
    m_whyLine->setWordWrap(true);
    m_whyLine->setMinimumWidth(1); // wraps to any width: never holds the splitter open
    m_whyLine->setContentsMargins(6, 3, 6, 3);
    m_whyLine->setStyleSheet(
        QStringLiteral("QLabel#whyLine { background: #eef4fb; border: 1px solid #c5d7ec; }"));
    rtl->addWidget(m_whyLine);
    m_rankingView = new QTableView(rankingTop);
    rtl->addWidget(m_rankingView, 1);
    m_rankingView->setObjectName(QStringLiteral("rankingTable"));
    m_rankingView->setModel(m_rankingProxy);
    m_rankingView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rankingView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rankingView->verticalHeader()->hide();
    m_rankingView->verticalHeader()->setDefaultSectionSize(24);
    m_rankingDelegate = new ChipDelegate(RankingModel::LevelRole, RankingModel::QualifiedRole, m_rankingView);
    m_rankingView->setItemDelegate(m_rankingDelegate);
    // Greyed results (the view disabled) highlight no row: every row is greyed alike (ChipDelegate).
    QPalette greyed = m_rankingView->palette();
    greyed.setColor(QPalette::Disabled, QPalette::Highlight,
                    greyed.color(QPalette::Disabled, QPalette::Base));
    m_rankingView->setPalette(greyed);
    m_rankingView->horizontalHeader()->setHighlightSections(false);
    m_rankingView->setToolTip(QString());
    m_rankingFit = new ColumnFitter(m_rankingView);

    auto *detail = new QTabWidget(rankingSplit);
    detail->setObjectName(QStringLiteral("rankingDetailTabs"));
    m_inspector = new ScorecardInspector(detail);
    detail->addTab(m_inspector, tr("Scorecard"));
    m_costChart = new CostChart(detail);
    detail->addTab(m_costChart, tr("Cost vs coverage"));
    m_weights = new WeightsPanel(detail);
    detail->addTab(m_weights, tr("Weights"));
    rankingSplit->addWidget(rankingTop);
    rankingSplit->addWidget(detail);
    rankingSplit->setStretchFactor(0, 3);
    rankingSplit->setStretchFactor(1, 2);
    m_tabs->addTab(rankingSplit, tr("Ranking"));

    // Compare
    auto *compareSplit = new QSplitter(Qt::Vertical, m_tabs);
    compareSplit->setObjectName(QStringLiteral("compareSplitter"));
    auto *compareTop = new QWidget(compareSplit);
    auto *ctl = new QVBoxLayout(compareTop);
    ctl->setContentsMargins(0, 0, 0, 0);
    m_compareHint = new QLabel(compareTop);
    m_compareHint->setObjectName(QStringLiteral("compareHint"));
    m_compareHint->setWordWrap(true);
    m_compareHint->setMinimumWidth(1);
    auto *hintRow = new QHBoxLayout;
    hintRow->addWidget(m_compareHint, 1);
    auto *copyAgent = new QPushButton(tr("Copy"), compareTop);
    copyAgent->setObjectName(QStringLiteral("copyCompare"));
    copyAgent->setToolTip(tr("Copy the table for a spreadsheet or an e-mail, with commission and internal "
                             "notes (Ctrl+C)"));
    connect(copyAgent, &QPushButton::clicked, this,
            [this] { copyCompareTable(CompareModel::Audience::Agent); });
    auto *copyClient = new QPushButton(tr("Copy for client"), compareTop);
    copyClient->setObjectName(QStringLiteral("copyForClient"));
    copyClient->setToolTip(tr("Copy the table without commission and internal notes, to send to the client"));
    connect(copyClient, &QPushButton::clicked, this,
            [this] { copyCompareTable(CompareModel::Audience::Client); });
    hintRow->addWidget(copyAgent);
    hintRow->addWidget(copyClient);
    ctl->addLayout(hintRow);
    m_compareModel = new CompareModel(this);
    m_compareView = new QTableView(compareTop);
    m_compareView->setObjectName(QStringLiteral("compareTable"));
    m_compareView->setModel(m_compareModel);
    m_compareView->verticalHeader()->setDefaultSectionSize(22);
    m_compareView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_compareView->setTextElideMode(Qt::ElideMiddle);
    m_compareView->setWordWrap(false);
    m_compareView->installEventFilter(this);
    ctl->addWidget(m_compareView, 1);
    m_profileChart = new ProfileChart(compareSplit);
    compareSplit->addWidget(compareTop);
    compareSplit->addWidget(m_profileChart);
    // The radar gets as much height as the table: a smaller one cannot be read.
    compareSplit->setStretchFactor(0, 1);
    compareSplit->setStretchFactor(1, 1);
    m_tabs->addTab(compareSplit, tr("Compare"));

    // Gaps
    auto *gapsSplit = new QSplitter(Qt::Vertical, m_tabs);
    gapsSplit->setObjectName(QStringLiteral("gapsSplitter"));
    m_gaps = new QTreeWidget(gapsSplit);
    m_gaps->setObjectName(QStringLiteral("gapsTree"));
    m_gaps->setColumnCount(4);
    m_gaps->setHeaderLabels({tr("Gap"), tr("Severity"), tr("Current"), tr("Recommended")});
    m_gaps->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_gaps->setWordWrap(true);
    m_memo = new QTextBrowser(gapsSplit);
    m_memo->setObjectName(QStringLiteral("gapsMemo"));
    gapsSplit->addWidget(m_gaps);
    gapsSplit->addWidget(m_memo);
    gapsSplit->setStretchFactor(0, 3);
    gapsSplit->setStretchFactor(1, 1);
    m_tabs->addTab(gapsSplit, tr("Gaps"));

    connect(m_ranking, &RankingController::runChanged, this, &ResultsPanel::runChanged);
    connect(m_rankingView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResultsPanel::selectionChanged);
    connect(m_rankingModel, &RankingModel::comparedChanged, this, &ResultsPanel::updateCompare);
    connect(m_rankingModel, &RankingModel::compareLimitReached, this, [this] {
        m_compareHint->setText(tr("<b>At most four packages can be compared.</b> Untick one first."));
    });
    connect(m_costChart, &CostChart::solutionClicked, this, &ResultsPanel::selectSolution);
    connect(m_weights, &WeightsPanel::customWeightsChanged, m_ranking, &RankingController::setCustomWeights);
    connect(m_doc, &CaseDocument::edited, this, [this] {
        m_weights->setBucket(m_ranking->appetite(), m_ranking->bucketWeights());
        m_weights->setCustom(m_ranking->customWeights());
        updateBanner();
    });
    connect(m_doc, &CaseDocument::validated, this, &ResultsPanel::updateBanner);
    connect(m_doc, &CaseDocument::refusedInputChanged, this, &ResultsPanel::updateBanner);
    m_weights->setBucket(m_ranking->appetite(), m_ranking->bucketWeights());
    runChanged();
}

QStringList ResultsPanel::lines() const {
    QStringList out;
    for (const QString &l : m_doc->typedCase().input.coverageTypes)
        if (!out.contains(l) && (l == u"home" || l == u"auto" || l == u"umbrella")) out << l;
    // The run's own solutions decide when the case changed since.
    if (m_ranking->hasRun() && !m_ranking->run()[u"solutions"].arrayItems().empty()) {
        QStringList fromRun;
        for (const auto &o : m_ranking->run()[u"solutions"].at(0)[u"offerings"].arrayItems())
            fromRun << o[u"category"].toString();
        return fromRun;
    }
    return out;
}

void ResultsPanel::runChanged() {
    const JsonValue &run = m_ranking->run();
    m_inspector->setCase(m_doc->root(), m_doc->now().date());
    const QString keep = m_selectedKey;
    m_rankingModel->setRun(run, lines());
    // Columns fit the pane. The label, the cost range and the gap count wrap onto a second line first
    // ("$5,940 –" over "$6,534"), so the carriers are read in full and the level chips stay on screen at
    // 1366 px. The carriers are never cut to make room: on a narrower pane (a 1,060 px window) the table
    // scrolls sideways instead, the chips at its right end still one scroll away and repeated in the
    // scorecard below. Only a name wider than a third of the pane is cut (elided in the middle, whole in
    // the tooltip), the last resort. Names are never abbreviated.
    // Read two ways: "give the name column room" could also mean hiding the chips when narrow; chosen:
    // every column stays, and the table scrolls, so nothing an agent relies on vanishes with the width.
    QSet<int> whole{RankingModel::Compare, RankingModel::Rank, m_rankingModel->changeColumn(),
                    m_rankingModel->overallColumn()};
    const QSet<int> wrapping{RankingModel::Label, m_rankingModel->costColumn(), m_rankingModel->gapsColumn()};
    m_rankingDelegate->setWrappingColumns(wrapping);
    m_rankingFit->setWrapping(wrapping);
    m_rankingFit->clearMaximumWidths();
    for (int c = m_rankingModel->firstDimensionColumn(); c < m_rankingModel->columnCount(); ++c) {
        whole.insert(c);
        m_rankingFit->setMaximumWidth(c, 31);
    }
    m_rankingFit->setKeepWhole(whole);
    QSet<int> carriers;
    for (int c = RankingModel::FirstLine; c < m_rankingModel->costColumn(); ++c)
        carriers.insert(c);
    m_rankingFit->setReadable(carriers);
    m_rankingFit->fit();
    m_costChart->setRun(run, lines());
    m_weights->setBucket(m_ranking->appetite(), m_ranking->bucketWeights());
    m_weights->setCustom(m_ranking->customWeights());
    const int row = m_rankingModel->rowOfKey(keep);
    selectSolution(
        row >= 0 ? keep
                 : (m_rankingModel->rowCount() > 0 ? solutionKey(m_rankingModel->solution(0)) : QString()));
    if (m_rankingModel->rowCount() == 0) m_inspector->setSolution(JsonValue(), run[u"output"]);
    updateCompare();
    if (m_selectedKey.isEmpty()) updateGaps(); // else selectSolution listed the selected package's gaps
    updateBanner();
    m_rankingView->setEnabled(!m_ranking->isStale());
}

void ResultsPanel::selectSolution(const QString &key) {
    const int row = m_rankingModel->rowOfKey(key);
    updateWhyLine(row);
    if (row < 0) {
        m_selectedKey.clear();
        m_inspector->setSolution(JsonValue(), m_ranking->run()[u"output"]);
        m_costChart->setSelectedKey(QString());
        return;
    }
    const QModelIndex idx = m_rankingProxy->mapFromSource(m_rankingModel->index(row, RankingModel::Rank));
    // The key first: selecting the row calls selectionChanged, which then has nothing to do (it had
    // explained, charted and listed the gaps of the same package a second time).
    m_selectedKey = key;
    if (m_rankingView->currentIndex().row() != idx.row()) m_rankingView->selectRow(idx.row());
    m_inspector->setSolution(m_rankingModel->solution(row), m_ranking->run()[u"output"]);
    m_costChart->setSelectedKey(key);
    updateGaps();
}

void ResultsPanel::updateWhyLine(int row) {
    // The model's rows are the run's solutions in rank order, so the row is the solution's index.
    const QString text = whyLine(m_ranking->run(), row);
    m_whyLine->setText(escapeControls(text));
    m_whyLine->setVisible(!text.isEmpty() && row >= 0);
}

void ResultsPanel::selectionChanged() {
    const QModelIndexList rows = m_rankingView->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    const QString key = m_rankingProxy->mapToSource(rows.first()).data(RankingModel::KeyRole).toString();
    if (key != m_selectedKey) selectSolution(key);
}

void ResultsPanel::updateCompare() {
    std::vector<JsonValue> chosen;
    for (const QString &k : m_rankingModel->comparedKeys())
        chosen.push_back(m_rankingModel->solution(m_rankingModel->rowOfKey(k)));
    m_compareModel->setSolutions(chosen, lines(),
                                 m_ranking->run()[u"output"][u"coverage_analysis"].isObject(), m_doc->root(),
                                 m_ranking->run()[u"output"]);
    m_profileChart->setSolutions(chosen);
    if (chosen.size() < 2)
        m_compareHint->setText(
            tr("Tick 2–4 packages in the Cmp column of the Ranking tab to compare them. "
               "Cells that differ from the first column are tinted; the best value is bold."));
    else
        m_compareHint->setText(
            tr("%1 packages side by side%2. Tinted: differs from %3; bold: best in the row; "
               "<i>not stated</i> ≠ None ≠ $0.")
                .arg(formatCount(qint64(chosen.size())))
                .arg(m_compareModel->firstSolutionColumn() ? tr(" after today's coverage") : QString(),
                     m_compareModel->firstSolutionColumn() ? tr("today") : tr("the first package")));
}

void ResultsPanel::updateGaps() {
    m_gaps->clear();
    const JsonValue &ca = m_ranking->coverageAnalysis();
    if (!ca.isObject()) {
        new QTreeWidgetItem(m_gaps, {m_ranking->errorCount() > 0
                                         ? tr("Gap analysis did not run: fix the problems the Problems "
                                              "panel lists first")
                                         : tr("Gap analysis is off for this case: tick “Gap analysis” "
                                              "under Request in the Insured section to run it")});
        m_memo->clear();
        return;
    }
    auto *current = new QTreeWidgetItem(
        m_gaps, {tr("Current coverage: %1").arg(countText(ca[u"gaps"].size(), tr("gap")))});
    QFont bold = current->font(0);
    bold.setBold(true);
    current->setFont(0, bold);
    // Null: nothing to state (no policy today, an endorsement to add).
    auto money = [](const JsonValue &v) { return gapValueText(v, QStringLiteral("—")); };
    for (const auto &g : ca[u"gaps"].arrayItems()) {
        auto *item = new QTreeWidgetItem(current);
        item->setText(0, g[u"title"].toString());
        item->setToolTip(0, plainToolTip(g[u"rule_id"].toString() + QStringLiteral(": ") +
                                         g[u"detail"].toString() + u'\n' + g[u"recommendation"].toString()));
        const QString sev = g[u"severity"].toString();
        item->setText(1, codeWords(sev));
        item->setForeground(1, sev == u"critical" ? QColor(0xc6, 0x28, 0x28)
                               : sev == u"high"   ? QColor(0xc7, 0x78, 0x00)
                                                  : QColor(0x42, 0x42, 0x42));
        item->setText(2, money(g[u"current"]));
        item->setText(3, money(g[u"recommended"]));
        auto *rec = new QTreeWidgetItem(item, {g[u"recommendation"].toString()});
        rec->setFirstColumnSpanned(true);
    }
    current->setExpanded(true);
    const int row = m_rankingModel->rowOfKey(m_selectedKey);
    if (row >= 0) {
        const JsonValue &s = m_rankingModel->solution(row);
        QHash<QString, QString> titles; // the run's own titles (they may name amounts)
        for (const auto &g : ca[u"gaps"].arrayItems())
            if (!titles.contains(g[u"rule_id"].toString()))
                titles.insert(g[u"rule_id"].toString(), g[u"title"].toString());
        auto *sol = new QTreeWidgetItem(
            m_gaps, {tr("Package #%1: %2").arg(s[u"rank"].toDouble()).arg(escapeControls(packageName(s)))});
        sol->setFont(0, bold);
        for (const auto &[key, title] :
             {std::pair{u"gaps_closed", tr("Closes")}, std::pair{u"gaps_open", tr("Leaves open")},
              std::pair{u"gaps_new", tr("Opens (new)")}}) {
            QStringList ids;
            for (const auto &g : s[QStringView(key)].arrayItems())
                if (!ids.contains(g.toString())) ids << g.toString();
            auto *i =
                new QTreeWidgetItem(sol, {QStringLiteral("%1: %2").arg(title).arg(
                                             ids.isEmpty() ? tr("none") : countText(ids.size(), tr("gap")))});
            i->setFirstColumnSpanned(true);
            for (const QString &id : ids) {
                auto *g = new QTreeWidgetItem(i, {titles.value(id, gapTitle(id))});
                g->setToolTip(0, plainToolTip(id));
            }
            i->setExpanded(true);
        }
        sol->setExpanded(true);
    }
    m_memo->setPlainText(ca[u"memo"].toString());
}

void ResultsPanel::updateRankingProgress() {
    if (!m_ranking->isBusy()) return;
    const RankingController::Progress p = m_ranking->progress();
    const QString packages = formatCount(p.total);
    using Stage = EngineProgress::Stage;
    switch (p.stage) {
    case Stage::Validating:
        m_rankingStrip->setProgress(tr("Checking the case…"), -1);
        break;
    case Stage::Preparing:
        m_rankingStrip->setProgress(tr("Filtering and scoring the offerings…"), -1);
        break;
    case Stage::Pricing:
        m_rankingStrip->setProgress(tr("Pricing %1 packages…").arg(packages), -1);
        break;
    case Stage::Ranking:
        m_rankingStrip->setProgress(tr("Ranking %1 packages…").arg(packages), -1);
        break;
    case Stage::Explaining:
        m_rankingStrip->setProgress(
            tr("Explaining solution %1 of %2…").arg(formatCount(p.done + 1), formatCount(p.total)),
            p.total > 0 ? int(100 * p.done / p.total) : -1);
        break;
    }
}

void ResultsPanel::updateBanner() {
    const JsonValue &out = m_ranking->run()[u"output"];
    QString text;
    QStringList missing;
    for (const auto &l : out[u"missing_lines"].arrayItems())
        missing << l.toString();
    const int errors = m_ranking->errorCount();
    if (errors > 0 && m_ranking->hasRun()) {
        // The greyed run is an earlier result of this same document (the controller drops runs on load).
        text = tr("<b>Fix %n problem(s) to re-rank.</b> The greyed results below are from the last valid "
                  "version of this case.",
                  "", errors);
    } else if (errors > 0) {
        text = tr("<b>Fix %n problem(s) to rank this case.</b> ", "", errors) + problemsToFix();
    } else if (!missing.isEmpty()) {
        // Said once, in words: the run's own message repeats the same lines.
        QStringList words;
        for (const QString &l : missing)
            words << lineWords(l).toHtmlEscaped();
        text = tr("<b>No complete package yet.</b> No eligible offering for %1: every package needs one "
                  "offering per requested line.")
                   .arg(joinWords(words));
    }
    // A large case is ranked for its short list first (RankingController::isTopShortened): said, with the
    // way to the whole list, while nothing more pressing is.
    const bool shortened =
        text.isEmpty() && m_ranking->hasRun() && !m_ranking->isStale() && m_ranking->isTopShortened();
    if (shortened)
        text = tr("<b>The %1 best of %2 packages.</b> A case this large is ranked for its short list first, "
                  "as quickly as the command line ranks it; its top %3 takes about twice as long.")
                   .arg(formatCount(qint64(m_ranking->run()[u"solutions"].size())))
                   .arg(formatCount(qint64(out[u"solution_count"].toDouble())))
                   .arg(formatCount(m_ranking->top()));
    const bool cancelled = m_ranking->wasCancelled() && !m_ranking->isBusy();
    if (cancelled) {
        // Cancelling a longer list (or ranking an unchanged case again) leaves the results below current:
        // only what was cancelled is said, and nothing is greyed.
        if (!m_ranking->hasRun())
            text = tr("<b>Ranking cancelled.</b> ");
        else if (m_ranking->isStale())
            text = tr("<b>Ranking cancelled.</b> The greyed results below are from before the cancelled "
                      "ranking. ");
        else if (m_ranking->isTopShortened())
            text = tr("<b>Ranking the top %1 cancelled.</b> The %2 best below are current for this case. ")
                       .arg(formatCount(m_ranking->top()))
                       .arg(formatCount(qint64(m_ranking->run()[u"solutions"].size())));
        else
            text = tr("<b>Ranking cancelled.</b> The results below are current for this case. ");
        text += tr("It runs again with the next change, or with Rank again.");
    }
    m_rankAgain->setVisible(cancelled);
    m_rankWholeTop->setVisible(shortened && !cancelled && !m_ranking->isBusy());
    const char *lineNames[] = {"home", "auto", "umbrella"};
    for (int i = 0; i < 3; ++i)
        m_addButtons[i]->setVisible(!cancelled && errors == 0 &&
                                    missing.contains(QString::fromLatin1(lineNames[i])));
    m_banner->setText(text);
    m_bannerBox->setVisible(!text.isEmpty());
}

QString ResultsPanel::problemsToFix() const {
    // What to fix, in words: the first few errors with the field they are in (case text is escaped).
    QStringList items;
    int errors = 0;
    for (const Problem &p : m_doc->problems()) {
        if (!p.isError()) continue;
        if (++errors <= 3)
            items << QStringLiteral("<li><i>%1</i>: %2</li>")
                         .arg(p.path.isEmpty() ? tr("the file") : p.path.toHtmlEscaped(),
                              p.message.toHtmlEscaped());
    }
    QString text = QStringLiteral("<ul style='margin:0'>%1</ul>").arg(items.join(QString()));
    if (errors > 3)
        text += tr("…and %n more in the Problems panel.", "", errors - 3);
    else
        text += tr("Click a problem in the Problems panel to open its field.");
    return text;
}

void ResultsPanel::copyCompareTable(CompareModel::Audience audience) const {
    // HTML for mail and word processors, tab-separated text for spreadsheets.
    auto *mime = new QMimeData;
    mime->setHtml(m_compareModel->toHtml(audience));
    mime->setText(m_compareModel->toTsv(audience));
    QApplication::clipboard()->setMimeData(mime);
}

bool ResultsPanel::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_compareView && event->type() == QEvent::KeyPress) {
        auto *ke = static_cast<QKeyEvent *>(event);
        if (ke->matches(QKeySequence::Copy)) {
            copyCompareTable(CompareModel::Audience::Agent);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace pw
