// SPDX-License-Identifier: MIT
#pragma once

#include "comparemodel.h"
#include "io/json.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeWidget;
class QSortFilterProxyModel;
class QTextBrowser;

namespace pw {

class ChipDelegate;
class ColumnFitter;
class CostChart;
class ProfileChart;
class ProgressStrip;
class RankingController;
class RankingModel;
class ScorecardInspector;
class WeightsPanel;
class CaseDocument;

// The results side: a banner for empty and error states (no complete package, validation errors,
// stale results), and the Ranking, Compare and Gaps tabs (others, such as Remote, may be added with
// addResultTab). Ranking: the ranked table with level chips, and below it the scorecard inspector, the
// cost-vs-coverage chart and the weights. Compare: the chosen 2–4 packages side by side and their
// dimension profile. Gaps: the coverage analysis of the current coverage and what the selected package
// closes, leaves open or opens.
class ResultsPanel : public QWidget {
    Q_OBJECT
public:
    ResultsPanel(CaseDocument *doc, RankingController *ranking, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    RankingModel *rankingModel() const { return m_rankingModel; }
    CompareModel *compareModel() const { return m_compareModel; }
    QTableView *rankingView() const { return m_rankingView; }
    QTableView *compareView() const { return m_compareView; }
    ScorecardInspector *inspector() const { return m_inspector; }
    CostChart *costChart() const { return m_costChart; }
    QLabel *banner() const { return m_banner; }
    QString selectedKey() const { return m_selectedKey; }
    void selectSolution(const QString &key);
    QLabel *whyLineLabel() const { return m_whyLine; }
    // Puts the comparison on the clipboard as HTML and tab-separated text (CompareModel::toHtml/toTsv).
    void copyCompareTable(CompareModel::Audience audience) const;

signals:
    void addOfferingRequested(const QString &line);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void runChanged();
    void updateCompare();
    void updateGaps();
    void updateBanner();
    void updateRankingProgress();
    QString problemsToFix() const;
    void selectionChanged();
    void updateWhyLine(int row);
    QStringList lines() const;

    CaseDocument *m_doc;
    RankingController *m_ranking;
    ProgressStrip *m_rankingStrip = nullptr;
    QPushButton *m_rankAgain = nullptr;
    QPushButton *m_rankWholeTop =
        nullptr; // ranks the whole top of a large case (see RankingController::isTopShortened)
    QTabWidget *m_tabs = nullptr;
    QLabel *m_banner = nullptr;
    QWidget *m_bannerBox = nullptr;
    QPushButton *m_addButtons[3] = {};
    RankingModel *m_rankingModel = nullptr;
    QSortFilterProxyModel *m_rankingProxy = nullptr;
    QTableView *m_rankingView = nullptr;
    CompareModel *m_compareModel = nullptr;
    QTableView *m_compareView = nullptr;
    ScorecardInspector *m_inspector = nullptr;
    CostChart *m_costChart = nullptr;
    ProfileChart *m_profileChart = nullptr;
    WeightsPanel *m_weights = nullptr;
    QTreeWidget *m_gaps = nullptr;
    QTextBrowser *m_memo = nullptr;
    QLabel *m_compareHint = nullptr;
    QLabel *m_whyLine = nullptr;
    ColumnFitter *m_rankingFit = nullptr;
    ChipDelegate *m_rankingDelegate = nullptr;
    QString m_selectedKey;
};

} // namespace pw
