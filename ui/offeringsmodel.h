// SPDX-License-Identifier: MIT
#pragma once

#include "jsontablemodel.h"

#include <QHash>
#include <QSet>
#include <QSortFilterProxyModel>

namespace pw {

// The offerings table: one row per carrier per line (the case's `offerings` array), with a leading
// Status column that marks offerings the last run filtered (⊘ and the reason in words, "Not written in
// NY") or ignored (line not requested); the engine's reason code and detail are in the tooltip.
// Everything else is edited in place through the document.
class OfferingsModel : public JsonTableModel {
    Q_OBJECT
public:
    enum Status { Eligible, Filtered, Ignored, Unknown };
    static constexpr int StatusColumn = 0;

    OfferingsModel(CaseDocument *doc, QObject *parent);
    int leadingColumns() const override { return 1; }

    // Takes the run's output.filtered_offerings / ignored_offerings, and the ids of the offerings the run
    // evaluated: only those can be Eligible; any other row is Unknown ("not evaluated").
    void setRunOutput(const JsonValue &output, const QStringList &evaluatedIds);
    Status statusOf(int row) const;
    // The reason in words ("Not written in NY", "Quote expired Oct 31"); "" for eligible rows.
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

private:
    struct Mark {
        Status status = Eligible;
        QString reason, detail; // reason: the engine's code (filtered) or the ignored line
    };
    QHash<QString, Mark> m_marks;
    QSet<QString> m_evaluated;
    bool m_hasRun = false;
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
