// SPDX-License-Identifier: MIT
#include "resultspanel.h"
#include "plaintext.h"

#include "casedocument.h"
#include "chipdelegate.h"
#include "comparemodel.h"
#include "costchart.h"
#include "fieldformat.h"
#include "rankingcontroller.h"
#include "rankingmodel.h"
#include "scorecardinspector.h"
#include "solutionutil.h"
#include "weightspanel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
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
    auto *bl = new QHBoxLayout(m_bannerBox);
    bl->setContentsMargins(8, 4, 8, 4);
    m_banner = new QLabel(m_bannerBox);
    m_banner->setObjectName(QStringLiteral("resultsBanner"));
    m_banner->setWordWrap(true);
    bl->addWidget(m_banner, 1);
    const char *lineNames[] = {"home", "auto", "umbrella"};
    for (int i = 0; i < 3; ++i) {
        const QString line = QString::fromLatin1(lineNames[i]);
        m_addButtons[i] = new QPushButton(tr("Add offering for %1").arg(line), m_bannerBox);
        m_addButtons[i]->setObjectName(QStringLiteral("addOfferingFor_") + line);
        connect(m_addButtons[i], &QPushButton::clicked, this,
                [this, line] { emit addOfferingRequested(line); });
        bl->addWidget(m_addButtons[i]);
    }
    layout->addWidget(m_bannerBox);
    m_bannerBox->hide();

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
    m_rankingView = new QTableView(rankingSplit);
    m_rankingView->setObjectName(QStringLiteral("rankingTable"));
    m_rankingView->setModel(m_rankingProxy);
    m_rankingView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rankingView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rankingView->verticalHeader()->hide();
    m_rankingView->verticalHeader()->setDefaultSectionSize(24);
    m_rankingView->setItemDelegate(
        new ChipDelegate(RankingModel::LevelRole, RankingModel::QualifiedRole, m_rankingView));
    // Greyed results (the view disabled) highlight no row: every row is greyed alike (ChipDelegate).
    QPalette greyed = m_rankingView->palette();
    greyed.setColor(QPalette::Disabled, QPalette::Highlight,
                    greyed.color(QPalette::Disabled, QPalette::Base));
    m_rankingView->setPalette(greyed);
    m_rankingView->horizontalHeader()->setHighlightSections(false);
    m_rankingView->setWordWrap(false);
    m_rankingView->setToolTip(QString());

    auto *detail = new QTabWidget(rankingSplit);
    detail->setObjectName(QStringLiteral("rankingDetailTabs"));
    m_inspector = new ScorecardInspector(detail);
    detail->addTab(m_inspector, tr("Scorecard"));
    m_costChart = new CostChart(detail);
    detail->addTab(m_costChart, tr("Cost vs coverage"));
    m_weights = new WeightsPanel(detail);
    detail->addTab(m_weights, tr("Weights"));
    rankingSplit->addWidget(m_rankingView);
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
    ctl->addWidget(m_compareHint);
    m_compareModel = new CompareModel(this);
    m_compareView = new QTableView(compareTop);
    m_compareView->setObjectName(QStringLiteral("compareTable"));
    m_compareView->setModel(m_compareModel);
    m_compareView->verticalHeader()->setDefaultSectionSize(22);
    m_compareView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_compareView->setWordWrap(false);
    m_compareView->installEventFilter(this);
    ctl->addWidget(m_compareView, 1);
    m_profileChart = new ProfileChart(compareSplit);
    compareSplit->addWidget(compareTop);
    compareSplit->addWidget(m_profileChart);
    compareSplit->setStretchFactor(0, 3);
    compareSplit->setStretchFactor(1, 2);
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
    const QString keep = m_selectedKey;
    m_rankingModel->setRun(run, lines());
    m_rankingView->resizeColumnsToContents();
    // Fit 1366×768: carriers show their first word (the full name is in the tooltip) and the label its
    // word, so the six dimension chips stay on screen without scrolling.
    for (int c = RankingModel::FirstLine; c < m_rankingModel->costColumn(); ++c)
        m_rankingView->setColumnWidth(c, std::min(m_rankingView->columnWidth(c), 78));
    m_rankingView->setColumnWidth(RankingModel::Label,
                                  std::min(m_rankingView->columnWidth(RankingModel::Label), 124));
    for (int c = m_rankingModel->firstDimensionColumn(); c < m_rankingModel->columnCount(); ++c)
        m_rankingView->setColumnWidth(c, std::min(m_rankingView->columnWidth(c), 33));
    m_costChart->setRun(run, lines());
    m_weights->setBucket(m_ranking->appetite(), m_ranking->bucketWeights());
    m_weights->setCustom(m_ranking->customWeights());
    const int row = m_rankingModel->rowOfKey(keep);
    selectSolution(
        row >= 0 ? keep
                 : (m_rankingModel->rowCount() > 0 ? solutionKey(m_rankingModel->solution(0)) : QString()));
    if (m_rankingModel->rowCount() == 0) m_inspector->setSolution(JsonValue(), run[u"output"]);
    updateCompare();
    updateGaps();
    updateBanner();
    m_rankingView->setEnabled(!m_ranking->isStale());
}

void ResultsPanel::selectSolution(const QString &key) {
    const int row = m_rankingModel->rowOfKey(key);
    if (row < 0) {
        m_selectedKey.clear();
        m_inspector->setSolution(JsonValue(), m_ranking->run()[u"output"]);
        m_costChart->setSelectedKey(QString());
        return;
    }
    const QModelIndex idx = m_rankingProxy->mapFromSource(m_rankingModel->index(row, RankingModel::Rank));
    if (m_rankingView->currentIndex().row() != idx.row()) m_rankingView->selectRow(idx.row());
    m_selectedKey = key;
    m_inspector->setSolution(m_rankingModel->solution(row), m_ranking->run()[u"output"]);
    m_costChart->setSelectedKey(key);
    updateGaps();
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
                                 m_ranking->run()[u"output"][u"coverage_analysis"].isObject());
    m_profileChart->setSolutions(chosen, lines());
    if (chosen.size() < 2)
        m_compareHint->setText(
            tr("Tick 2–4 packages in the Cmp column of the Ranking tab to compare them. "
               "Cells that differ from the first column are tinted; the best value is bold."));
    else
        m_compareHint->setText(
            tr("%1 packages side by side. Tinted: differs from the first column; bold: best in "
               "the row; <i>not stated</i> ≠ None ≠ $0. Ctrl+C copies the table.")
                .arg(chosen.size()));
}

void ResultsPanel::updateGaps() {
    m_gaps->clear();
    const JsonValue &ca = m_ranking->coverageAnalysis();
    if (!ca.isObject()) {
        new QTreeWidgetItem(m_gaps, {m_ranking->errorCount() > 0
                                         ? tr("Gap analysis did not run: fix the problems the Problems "
                                              "panel lists first")
                                         : tr("Gap analysis did not run for this case "
                                              "(request_config.coverage_analysis is off and there is no "
                                              "current_portfolio)")});
        m_memo->clear();
        return;
    }
    auto *current = new QTreeWidgetItem(m_gaps, {tr("Current coverage: %1 gaps").arg(ca[u"gaps"].size())});
    QFont bold = current->font(0);
    bold.setBold(true);
    current->setFont(0, bold);
    auto money = [](const JsonValue &v) {
        if (v.isNull()) return QString();
        if (v.isNumber()) return displayValue(v, FieldKind::Money);
        return v.toString();
    };
    for (const auto &g : ca[u"gaps"].arrayItems()) {
        auto *item = new QTreeWidgetItem(current);
        item->setText(0, g[u"title"].toString());
        item->setToolTip(0, plainToolTip(g[u"rule_id"].toString() + QStringLiteral(": ") +
                                         g[u"detail"].toString() + u'\n' + g[u"recommendation"].toString()));
        const QString sev = g[u"severity"].toString();
        item->setText(1, sev);
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
        auto *sol = new QTreeWidgetItem(
            m_gaps, {tr("Package #%1 (%2)").arg(s[u"rank"].toDouble()).arg(carrierSummary(s, lines()))});
        sol->setFont(0, bold);
        for (const auto &[key, title] :
             {std::pair{u"gaps_closed", tr("Closes")}, std::pair{u"gaps_open", tr("Leaves open")},
              std::pair{u"gaps_new", tr("Opens (new)")}}) {
            QStringList ids;
            for (const auto &g : s[QStringView(key)].arrayItems())
                ids << g.toString();
            auto *i =
                new QTreeWidgetItem(sol, {title + QStringLiteral(": ") +
                                          (ids.isEmpty() ? tr("none") : ids.join(QStringLiteral(", ")))});
            i->setFirstColumnSpanned(true);
        }
        sol->setExpanded(true);
    }
    m_memo->setPlainText(ca[u"memo"].toString());
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
        text = tr("<b>No complete package.</b> No eligible offering for %1. %2")
                   .arg(missing.join(QStringLiteral(", ")), out[u"message"].toString().toHtmlEscaped());
    }
    const char *lineNames[] = {"home", "auto", "umbrella"};
    for (int i = 0; i < 3; ++i)
        m_addButtons[i]->setVisible(errors == 0 && missing.contains(QString::fromLatin1(lineNames[i])));
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

void ResultsPanel::copyCompareTable() const {
    QApplication::clipboard()->setText(m_compareModel->toTsv());
}

bool ResultsPanel::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_compareView && event->type() == QEvent::KeyPress) {
        auto *ke = static_cast<QKeyEvent *>(event);
        if (ke->matches(QKeySequence::Copy)) {
            copyCompareTable();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace pw
