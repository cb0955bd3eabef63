// SPDX-License-Identifier: MIT
#pragma once

#include "jsontablemodel.h"
#include "offeringverdicts.h"

#include <QHash>
#include <QSet>

#include <QSortFilterProxyModel>
#include <memory>

namespace pw {

// The offerings table: one row per carrier per line (the case's `offerings` array), with a leading
// Status column that marks offerings the last run filtered (⊘ and the reason in words, "Not written in
// NY") or ignored (line not requested); the engine's reason code and detail are in the tooltip.
// Everything else is edited in place through the document.
//
// The Status column and what derives from it (the carrier struck through, ignored rows greyed, the
// reason tooltips) follow the case as it stands, never only the last run: a row the latest validation
// finds an error in says so at once (Invalid); a row whose offering, or the case's input, changed since
// the run that judged it shows that run's verdict no more, but "checking…" while the edit is validated on
// a worker, "ranking…" while the ranking that will judge it runs, and "not evaluated" when none will
// (the case has errors, or the ranking was cancelled). Reading of "follow the validation of the edit": a
// $0 or missing premium is the engine's no_premium filter, not a validation error (engine.md §2, §11.6),
// so such a row says "ranking…" until the run says ⊘; the window does not run FILTER itself on the GUI
// thread. Any change of the case's input counts (the filter reads its state, NAICS codes, vehicles and
// lines), so an input edit shows every row as "ranking…" until its run ends.
class OfferingsModel : public JsonTableModel {
    Q_OBJECT
public:
    enum Status { Eligible, Filtered, Ignored, Unknown, Invalid, Pending };
    static constexpr int StatusColumn = 0;

    OfferingsModel(CaseDocument *doc, QObject *parent);
    int leadingColumns() const override { return 1; }

    // The shown run's verdicts (RankingController::offeringVerdicts), null without a run.
    void setVerdicts(std::shared_ptr<const OfferingVerdicts> verdicts);
    // A ranking is on its way: a row without a current verdict is Pending ("ranking…"), not Unknown.
    void setRankingBusy(bool busy);
    Status statusOf(int row) const;
    // The reason in words ("Not written in NY", "Quote expired Oct 31"); "" for eligible rows. For an
    // Invalid row: the first error the validation found in it.
    QString reasonOf(int row) const;
    // The engine's detail sentence and reason code, for the tooltip and the detail pane.
    QString reasonDetailOf(int row) const;

    // The carrier names of the case's offerings, each once (case-insensitively), sorted.
    QStringList carrierNames() const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Typing a carrier name also sets the carrier id, in one undoable edit (see providerIdForName), and
    // stores the case's spelling of a carrier it has; a typed carrier or line also re-keys a generated
    // offering id as import and paste key it (offeringIdBase).

    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static std::vector<FieldSpec> offeringColumns();
    static JsonValue newOffering(const QString &line, const QStringList &takenIds);

protected:
    void refreshCache() override { m_rowErrorsStale = true; } // the tree or the refused inputs changed

private:
    // The run's verdict on `row` if it is still true of the case as it stands, else nullptr.
    const OfferingVerdicts::Verdict *currentVerdict(int row) const;
    // The errors of the latest validation by row (the first message of each), rebuilt when asked for after
    // the problems changed.
    const QHash<int, QString> &rowErrors() const;
    void statusesChanged(const QList<int> &roles = {});

    std::shared_ptr<const OfferingVerdicts> m_verdicts;
    bool m_rankingBusy = false;
    mutable QHash<int, QString> m_rowErrors;
    mutable bool m_rowErrorsStale = true;
};

// Filters the offerings table by line, carrier text and status.
class OfferingsFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setLine(const QString &line);
    void setCarrierText(const QString &text);
    void setStatus(int status); // -1 all, else OfferingsModel::Status
    // A new run changed the statuses: filters again only when filtering by status, so a cell being
    // edited is not closed by every run.
    void statusesChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_line, m_carrier;
    int m_status = -1;
};

} // namespace pw
