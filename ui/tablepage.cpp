// SPDX-License-Identifier: MIT
#include "tablepage.h"

#include "casedocument.h"
#include "fielddelegate.h"
#include "io/jsonpath.h"
#include "jsontablemodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QResizeEvent>
#include <QSortFilterProxyModel>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace pw {

TablePage::TablePage(CaseDocument *doc, JsonTableModel *model, const QString &title,
                     std::function<JsonValue()> newItem, QWidget *parent, QSortFilterProxyModel *proxy)
    : CasePage(parent)
    , m_doc(doc)
    , m_model(model)
    , m_newItem(std::move(newItem)) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The title and the buttons share a line when they fit, else the buttons go below the title
    // (resizeEvent), so neither is ever cut.
    m_header = new QBoxLayout(QBoxLayout::LeftToRight);
    m_title = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    m_title->setObjectName(model->objectName() + QStringLiteral("Title"));
    m_header->addWidget(m_title);
    auto *bar = new QHBoxLayout;
    m_buttons = bar;
    bar->addStretch(1);
    const QString base = model->objectName();
    auto addButton = [&](const QString &text, const QString &tip, const QString &name, QKeySequence key,
                         void (TablePage::*slot)()) {
        auto *action = new QAction(text, this);
        action->setToolTip(tip + (key.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" (%1)").arg(key.toString(QKeySequence::NativeText))));
        action->setObjectName(name);
        if (!key.isEmpty()) {
            action->setShortcut(key);
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        auto *b = new QToolButton(this);
        b->setDefaultAction(action);
        b->setObjectName(name + QStringLiteral("Button"));
        bar->addWidget(b);
    };
    addButton(tr("+ Add"), tr("Add a row"), base + QStringLiteral("Add"), QKeySequence(),
              &TablePage::addItem);
    addButton(tr("Duplicate"), tr("Duplicate the selected rows"), base + QStringLiteral("Duplicate"),
              QKeySequence(Qt::CTRL | Qt::Key_D), &TablePage::duplicateSelected);
    addButton(tr("− Delete"), tr("Delete the selected rows"), base + QStringLiteral("Delete"),
              QKeySequence(Qt::Key_Delete), &TablePage::deleteSelected);
    m_header->addLayout(bar, 1);
    layout->addLayout(m_header);

    m_proxy = proxy ? proxy : new QSortFilterProxyModel(this);
    m_proxy->setParent(this);
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(JsonTableModel::SortRole);
    m_view = new QTableView(this);
    m_view->setObjectName(base + QStringLiteral("Table"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new FieldDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->verticalHeader()->setDefaultSectionSize(24);
    m_view->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_view, 1);
    connect(model, &JsonTableModel::inputRejected, this, &CasePage::message);
    connect(model, &QAbstractItemModel::modelReset, this, [this] { fitColumns(true); });
    connect(model, &QAbstractItemModel::dataChanged, this, [this] { fitColumns(false); });
    fitColumns(true);
}

int TablePage::columnMinimum(int column) const {
    // Room for what the kind holds even before a row does: a whole date beside the calendar button of
    // its editor, so the cell and the open editor both show "2021-03-01".
    const int c = column - m_model->leadingColumns();
    if (c < 0 || c >= m_model->columnCount() - m_model->leadingColumns()) return 0;
    const FieldKind kind = m_model->column(c).kind;
    const QFontMetrics fm = m_view->fontMetrics();
    if (kind == FieldKind::Date)
        return fm.horizontalAdvance(QStringLiteral("0000-00-00")) +
               m_view->style()->pixelMetric(QStyle::PM_SmallIconSize) + 24;
    return 0;
}

void TablePage::fitColumns(bool reset) {
    // A reset sizes every column to its contents; later edits only widen a column that no longer holds
    // its longest value (never narrower under the agent's hands), so no cell is cut to "2021-…".
    // After an edit only the rows on screen are measured: a table of thousands of offerings stays quick.
    // A hidden table has no rows on screen (Qt would measure all of them): it is fitted when it shows.
    if (!m_view->isVisible()) {
        if (reset || m_fitPending == Fit::None) m_fitPending = reset ? Fit::Reset : Fit::Edited;
        return;
    }
    m_fitPending = Fit::None;
    QHeaderView *header = m_view->horizontalHeader();
    const int precision = header->resizeContentsPrecision();
    // A reset measures the first kResetRows rows (Qt's default is 1,000: over a second through the
    // cells' data and problems at 44,100 offerings while the case is swapped in); edits the rows on screen.
    constexpr int kResetRows = 200;
    header->setResizeContentsPrecision(reset ? std::min(precision, kResetRows) : 0);
    for (int c = 0; c < m_proxy->columnCount(); ++c) {
        if (!reset && c == m_proxy->columnCount() - 1 && header->stretchLastSection()) continue;
        if (c == m_contentsColumn) {
            const int was = header->resizeContentsPrecision();
            header->setResizeContentsPrecision(std::min(precision, kResetRows)); // on screen and beyond
            m_view->resizeColumnToContents(c);
            header->setResizeContentsPrecision(was);
            continue;
        }
        const int was = m_view->columnWidth(c);
        m_view->resizeColumnToContents(c); // the widest of the header and the cells measured
        const int want = std::max({m_view->columnWidth(c), columnMinimum(c), reset ? 0 : was});
        if (m_view->columnWidth(c) != want) m_view->setColumnWidth(c, want);
    }
    header->setResizeContentsPrecision(precision);
}

void TablePage::showEvent(QShowEvent *event) {
    CasePage::showEvent(event);
    if (m_fitPending != Fit::None) fitColumns(m_fitPending == Fit::Reset);
}

void TablePage::resizeEvent(QResizeEvent *event) {
    CasePage::resizeEvent(event);
    const int oneLine = m_title->sizeHint().width() + m_buttons->sizeHint().width() + m_header->spacing();
    const auto direction = width() >= oneLine ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom;
    if (m_header->direction() != direction) m_header->setDirection(direction);
}

QList<int> TablePage::selectedSourceRows() const {
    QList<int> rows;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(i).row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_proxy->mapToSource(m_view->currentIndex()).row();
    return rows;
}

void TablePage::addItem() {
    m_model->addItem(m_newItem ? m_newItem() : JsonValue::object());
    // The new row's first cell opens for typing, so what the agent types next lands in the new row.
    const QModelIndex idx =
        m_proxy->mapFromSource(m_model->index(m_model->rowCount() - 1, m_model->leadingColumns()));
    if (!idx.isValid()) return;
    m_view->setFocus(Qt::OtherFocusReason);
    m_view->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    m_view->scrollTo(idx);
    m_view->edit(idx);
}

void TablePage::duplicateSelected() {
    const QList<int> rows = selectedSourceRows();
    if (rows.isEmpty()) return;
    m_model->duplicateItems(rows);
}

void TablePage::deleteSelected() {
    const QList<int> rows = selectedSourceRows();
    if (rows.isEmpty()) return;
    m_model->removeItems(rows);
    emit message(tr("Deleted %n row(s) — Ctrl+Z brings them back", "", int(rows.size())));
}

bool TablePage::ownsPath(const QString &path) const {
    const QString p = m_model->arrayPath();
    return path == p || path.startsWith(p + u'[') || path.startsWith(p + u'.');
}

bool TablePage::focusPath(const QString &path) {
    if (!ownsPath(path)) return false;
    const auto segs = parseJsonPath(path);
    const auto base = parseJsonPath(m_model->arrayPath());
    if (segs.size() <= base.size() || !segs[base.size()].isIndex()) {
        m_view->setFocus();
        return true;
    }
    const int row = segs[base.size()].index;
    std::vector<JsonPathSegment> rest(segs.begin() + long(base.size()) + 1, segs.end());
    QString key = joinJsonPath(rest);
    int col = m_model->leadingColumns();
    for (int c = m_model->leadingColumns(); c < m_model->columnCount(); ++c)
        if (!key.isEmpty() && (key == m_model->column(c - m_model->leadingColumns()).key ||
                               key.startsWith(m_model->column(c - m_model->leadingColumns()).key + u'.')))
            col = c;
    const QModelIndex idx = m_proxy->mapFromSource(m_model->index(row, col));
    m_view->setFocus();
    m_view->setCurrentIndex(idx);
    m_view->scrollTo(idx);
    return true;
}

} // namespace pw
