// SPDX-License-Identifier: MIT
#pragma once

#include "casepage.h"
#include "io/json.h"

#include <functional>

class QBoxLayout;
class QHBoxLayout;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace pw {

class CaseDocument;
class JsonTableModel;

// An editable table over one array of the case (drivers, vehicles, lapses…) with Add, Duplicate
// (Ctrl+D) and Delete (Del) buttons; cells are edited in place with kind-specific editors.
class TablePage : public CasePage {
    Q_OBJECT
public:
    TablePage(CaseDocument *doc, JsonTableModel *model, const QString &title,
              std::function<JsonValue()> newItem, QWidget *parent = nullptr,
              QSortFilterProxyModel *proxy = nullptr);
    QSortFilterProxyModel *proxy() const { return m_proxy; }

    QTableView *view() const { return m_view; }
    // A column sized to its contents on every change, narrower too (the offerings' status, whose longest
    // reason changes with each run); the others only ever widen under the agent's hands.
    void setContentsColumn(int column) { m_contentsColumn = column; }
    JsonTableModel *model() const { return m_model; }
    QList<int> selectedSourceRows() const;
    void addItem();
    void duplicateSelected();
    void deleteSelected();

    bool focusPath(const QString &path) override;
    bool ownsPath(const QString &path) const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // Sizes the columns to their contents (see the .cpp); while the table is hidden (another tab of the
    // editor) the fit waits until it shows: a hidden view would measure every row, seconds at 44,100.
    void fitColumns(bool reset);
    int columnMinimum(int column) const;

    CaseDocument *m_doc;
    JsonTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLabel *m_title;
    QBoxLayout *m_header = nullptr;
    QHBoxLayout *m_buttons = nullptr;
    std::function<JsonValue()> m_newItem;
    enum class Fit { None, Edited, Reset };
    Fit m_fitPending = Fit::None; // the fit owed to the table for when it shows
    int m_contentsColumn = -1;
};

} // namespace pw
