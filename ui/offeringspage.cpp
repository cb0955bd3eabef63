// SPDX-License-Identifier: MIT
#include "offeringspage.h"

#include "casedocument.h"
#include "coveragefields.h"
#include "fieldbinder.h"
#include "formpage.h"
#include "importdialog.h"
#include "io/jsonpath.h"
#include "offeringsmodel.h"
#include "tablepage.h"
#include "util/numbers.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace pw {

OfferingsPage::OfferingsPage(CaseDocument *doc, QWidget *parent)
    : CasePage(parent)
    , m_doc(doc) {
    setObjectName(QStringLiteral("offeringsPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *filters = new QHBoxLayout;
    m_lineFilter = new QComboBox(this);
    m_lineFilter->setObjectName(QStringLiteral("offeringLineFilter"));
    m_lineFilter->addItem(tr("All lines"), QString());
    for (const char *l : {"home", "auto", "umbrella"})
        m_lineFilter->addItem(QString::fromLatin1(l), QString::fromLatin1(l));
    m_lineFilter->setToolTip(tr("Show one line only"));
    m_carrierFilter = new QLineEdit(this);
    m_carrierFilter->setObjectName(QStringLiteral("offeringCarrierFilter"));
    m_carrierFilter->setPlaceholderText(tr("Filter carriers…"));
    m_carrierFilter->setClearButtonEnabled(true);
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(QStringLiteral("offeringStatusFilter"));
    m_statusFilter->addItem(tr("Any status"), -1);
    m_statusFilter->addItem(tr("Eligible"), int(OfferingsModel::Eligible));
    m_statusFilter->addItem(tr("⊘ Filtered"), int(OfferingsModel::Filtered));
    m_statusFilter->addItem(tr("Ignored"), int(OfferingsModel::Ignored));
    m_statusFilter->setToolTip(
        tr("Eligible offerings take part in ranking; filtered ones were removed with a reason"));
    auto *importButton = new QPushButton(tr("Import…"), this);
    importButton->setObjectName(QStringLiteral("importOfferingsButton"));
    importButton->setToolTip(tr("Import offerings from a CSV, TSV or JSON file (preview first)"));
    auto *pasteButton = new QPushButton(tr("Paste rows"), this);
    pasteButton->setObjectName(QStringLiteral("pasteOfferingsButton"));
    pasteButton->setToolTip(tr("Paste rows copied from a spreadsheet (Ctrl+V); a header row is recognised"));
    filters->addWidget(m_lineFilter);
    filters->addWidget(m_carrierFilter, 1);
    filters->addWidget(m_statusFilter);
    filters->addWidget(importButton);
    filters->addWidget(pasteButton);
    layout->addLayout(filters);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("offeringsSplitter"));
    m_model = new OfferingsModel(doc, this);
    m_model->setObjectName(QStringLiteral("offerings"));
    m_proxy = new OfferingsFilterProxy(this);
    m_table = new TablePage(
        doc, m_model, tr("Offerings"),
        [this] {
            // The new row has no carrier and no status yet: clear the filters that would hide it.
            m_carrierFilter->clear();
            m_statusFilter->setCurrentIndex(0);
            return OfferingsModel::newOffering(m_lineFilter->currentData().toString().isEmpty()
                                                   ? QStringLiteral("home")
                                                   : m_lineFilter->currentData().toString(),
                                               offeringIds(m_doc->root()));
        },
        split, m_proxy);
    m_table->view()->setObjectName(QStringLiteral("offeringsTable"));
    // The status column keeps room for the longest filter reason in words.
    m_table->setContentsColumn(OfferingsModel::StatusColumn);
    connect(m_table, &CasePage::message, this, &CasePage::message);
    split->addWidget(m_table);

    auto *bottom = new QWidget(split);
    auto *bl = new QVBoxLayout(bottom);
    bl->setContentsMargins(0, 0, 0, 0);
    m_report = new QLabel(bottom);
    m_report->setObjectName(QStringLiteral("importReport"));
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->hide();
    bl->addWidget(m_report);
    m_status = new QLabel(bottom);
    m_status->setObjectName(QStringLiteral("offeringStatus"));
    m_status->setWordWrap(true);
    bl->addWidget(m_status);
    m_detail = new QTabWidget(bottom);
    m_detail->setObjectName(QStringLiteral("offeringDetail"));
    bl->addWidget(m_detail, 1);

    m_coverageStack = new QStackedWidget(m_detail);
    for (const char *l : {"home", "auto", "umbrella"}) {
        auto *inner = new QWidget;
        auto *form = new QFormLayout(inner);
        auto *binder = new FieldBinder(doc, QString(), this);
        connect(binder, &FieldBinder::inputRejected, this, &CasePage::message);
        binder->addRows(form, coverageFields(QString::fromLatin1(l)), inner);
        m_coverageBinders.push_back(binder);
        m_coverageStack->addWidget(verticalScrollArea(inner, m_coverageStack));
    }
    auto *none =
        new QLabel(tr("Select an offering of the home, auto or umbrella line to edit its coverage details."));
    none->setWordWrap(true);
    m_coverageStack->addWidget(none);
    m_detail->addTab(m_coverageStack, tr("Coverage"));

    auto *quoteInner = new QWidget;
    auto *quoteForm = new QFormLayout(quoteInner);
    m_quoteBinder = new FieldBinder(doc, QString(), this);
    connect(m_quoteBinder, &FieldBinder::inputRejected, this, &CasePage::message);
    using K = FieldKind;
    m_quoteBinder->addRows(
        quoteForm,
        {
            {QStringLiteral("id"), tr("Offering ID"), K::Text, tr("Unique in the case"), {}, {}},
            {QStringLiteral("provider_id"),
             tr("Carrier ID"),
             K::Text,
             tr("provider_id: identifies the carrier across lines"),
             {},
             {}},
            {QStringLiteral("quality_rating_agency"),
             tr("Rating agency"),
             K::Choice,
             tr("AM Best (default) or Demotech"),
             {{QStringLiteral("am_best"), QStringLiteral("AM Best")},
              {QStringLiteral("demotech"), QStringLiteral("Demotech")}},
             {}},
            {QStringLiteral("attributes.quote_generated_at"),
             tr("Quoted at"),
             K::Timestamp,
             tr("When the carrier generated the quote"),
             {},
             {}},
            {QStringLiteral("attributes.quote_expires_at"),
             tr("Expires at"),
             K::Timestamp,
             tr("Expired quotes are filtered"),
             {},
             {}},
            {QStringLiteral("attributes.term_months"),
             tr("Term"),
             K::Integer,
             tr("Policy term"),
             {},
             tr("months")},
            {QStringLiteral("attributes.line_premium"),
             tr("Term premium"),
             K::Money,
             tr("Premium for the term; used when no annual premium is stated"),
             {},
             {}},
            {QStringLiteral("attributes.rate_type"),
             tr("Rate type"),
             K::Choice,
             tr("Indicative rates widen the cost range by 5 %"),
             {{QStringLiteral("bindable"), tr("bindable")}, {QStringLiteral("indicative"), tr("indicative")}},
             {}},
            {QStringLiteral("attributes.bindable"),
             tr("Bindable"),
             K::Bool,
             tr("A quote that cannot be bound costs appetite points"),
             {},
             {}},
            {QStringLiteral("attributes.service_rating"),
             tr("Service rating"),
             K::Number,
             tr("Carrier service rating 0–5"),
             {},
             tr("0–5")},
            {QStringLiteral("attributes.quoted_vehicle_count"),
             tr("Quoted vehicles"),
             K::Integer,
             tr("Auto only: fewer than the household's vehicles filters the offering"),
             {},
             {}},
            {QStringLiteral("constraints.excluded_states"),
             tr("Excluded states"),
             K::StringList,
             tr("Two-letter codes, comma separated; the case's state filters the offering"),
             {},
             {}},
            {QStringLiteral("constraints.prohibited_naics"),
             tr("Prohibited NAICS"),
             K::StringList,
             tr("NAICS codes or prefixes the carrier will not write"),
             {},
             {}},
            {QStringLiteral("constraints.avoided_naics"),
             tr("Avoided NAICS"),
             K::StringList,
             tr("NAICS codes the carrier avoids (costs appetite points)"),
             {},
             {}},
        },
        quoteInner);
    m_detail->addTab(verticalScrollArea(quoteInner, m_detail), tr("Quote && constraints"));
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    auto *pasteAction = new QAction(tr("Paste rows"), this);
    pasteAction->setObjectName(QStringLiteral("pasteOfferings"));
    pasteAction->setShortcut(QKeySequence::Paste);
    pasteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_table->view()->addAction(pasteAction);
    connect(pasteAction, &QAction::triggered, this, &OfferingsPage::paste);
    connect(pasteButton, &QPushButton::clicked, this, &OfferingsPage::paste);
    connect(importButton, &QPushButton::clicked, this, &OfferingsPage::chooseImportFile);

    connect(m_lineFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setLine(m_lineFilter->currentData().toString()); });
    connect(m_carrierFilter, &QLineEdit::textChanged, m_proxy, &OfferingsFilterProxy::setCarrierText);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStatus(m_statusFilter->currentData().toInt()); });
    connect(m_table->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &OfferingsPage::currentChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OfferingsPage::currentChanged);
    connect(doc, &CaseDocument::edited, this, &OfferingsPage::currentChanged);
    // A refusal changes what the line says of the row (the model, connected first, has re-read it).
    connect(doc, &CaseDocument::refusedInputChanged, this, &OfferingsPage::currentChanged);
    connect(doc, &CaseDocument::validated, this, [this] {
        m_proxy->statusesChanged();
        currentChanged();
    });
    connect(doc, &CaseDocument::loaded, this, &OfferingsPage::caseLoaded);
    currentChanged();
}

void OfferingsPage::caseLoaded() {
    // What the page shows about one case never stays for another: the last import's report and the
    // filters that would hide the new case's rows.
    m_report->clear();
    m_report->hide();
    m_lineFilter->setCurrentIndex(0);
    m_carrierFilter->clear();
    m_statusFilter->setCurrentIndex(0);
}

void OfferingsPage::currentChanged() {
    const QModelIndex cur = m_table->view()->currentIndex();
    const int row = cur.isValid() ? m_proxy->mapToSource(cur).row() : -1;
    m_currentRow = row;
    const JsonValue o = m_model->rowValue(row);
    const QString base = row >= 0 ? QStringLiteral("offerings[%1]").arg(row) : QString();
    const QString line = o[u"category"].toString();
    const int page = line == u"home" ? 0 : line == u"auto" ? 1 : line == u"umbrella" ? 2 : 3;
    m_coverageStack->setCurrentIndex(page);
    for (int i = 0; i < 3; ++i)
        if (m_coverageBinders[size_t(i)]->basePath() !=
            (i == page ? base + QStringLiteral(".coverage") : QString()))
            m_coverageBinders[size_t(i)]->setBasePath(
                i == page && row >= 0 ? base + QStringLiteral(".coverage") : QString());
    if (m_quoteBinder->basePath() != base) m_quoteBinder->setBasePath(base);
    m_quoteBinder->setEnabled(row >= 0);
    if (row < 0) {
        m_status->setText((m_model->rowCount() == 1
                               ? tr("1 offering.")
                               : tr("%1 offerings.").arg(formatCount(m_model->rowCount()))) +
                          tr(" Select one to see its coverage details and constraints."));
        return;
    }
    const QString name = o[u"provider_name"].toString();
    switch (m_model->statusOf(row)) {
    case OfferingsModel::Filtered:
        m_status->setText(tr("<b>%1 · %2</b> — <span style='color:#c62828'>⊘ filtered: %3</span> "
                             "<span style='color:#616161'>%4</span>")
                              .arg(name.toHtmlEscaped(), line, m_model->reasonOf(row).toHtmlEscaped(),
                                   m_model->reasonDetailOf(row).toHtmlEscaped()));
        break;
    case OfferingsModel::Ignored:
        m_status->setText(tr("<b>%1 · %2</b> — ignored: %3 <span style='color:#616161'>%4</span>")
                              .arg(name.toHtmlEscaped(), line, m_model->reasonOf(row).toHtmlEscaped(),
                                   m_model->reasonDetailOf(row).toHtmlEscaped()));
        break;
    case OfferingsModel::Eligible:
        m_status->setText(tr("<b>%1 · %2</b> — eligible").arg(name.toHtmlEscaped(), line));
        break;
    case OfferingsModel::Invalid:
        m_status->setText(tr("<b>%1 · %2</b> — <span style='color:#c62828'>⛔ invalid: %3</span>")
                              .arg(name.toHtmlEscaped(), line, m_model->reasonOf(row).toHtmlEscaped()));
        break;
    case OfferingsModel::Pending:
        m_status->setText(
            tr("<b>%1 · %2</b> — <span style='color:#616161'>%3</span>")
                .arg(name.toHtmlEscaped(), line, m_doc->isChecking() ? tr("checking…") : tr("ranking…")));
        break;
    case OfferingsModel::Unknown:
        m_status->setText(tr("<b>%1 · %2</b>").arg(name.toHtmlEscaped(), line));
        break;
    }
    // Text refused in this offering's fields: in the words of the Problems dock (the verdict above is of
    // the value the offering kept).
    for (const Problem &p : m_doc->problems())
        if ((p.path.startsWith(base + u'.') || p.path.startsWith(base + u'[')) && m_doc->refusedText(p.path))
            m_status->setText(m_status->text() +
                              tr(" <span style='color:#c62828'>— %1</span>").arg(p.message.toHtmlEscaped()));
}

void OfferingsPage::setVerdicts(std::shared_ptr<const OfferingVerdicts> verdicts) {
    m_model->setVerdicts(std::move(verdicts));
    m_proxy->statusesChanged();
    currentChanged();
}

void OfferingsPage::setRankingBusy(bool busy) {
    m_model->setRankingBusy(busy);
    m_proxy->statusesChanged();
    currentChanged();
}

void OfferingsPage::addOffering(const QString &line) {
    const int idx = m_lineFilter->findData(line);
    m_lineFilter->setCurrentIndex(idx >= 0 ? idx : 0);
    m_table->addItem();
    emit message(tr("Added an offering for %1: fill in the carrier and the premium").arg(line));
}

void OfferingsPage::chooseImportFile() {
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Import offerings"), QString(),
                                     tr("Quote tables (*.csv *.tsv *.txt *.json);;All files (*)"));
    if (!file.isEmpty()) importFile(file);
}

void OfferingsPage::importFile(const QString &fileName) {
    const OfferingImport imp = importOfferingFile(fileName, offeringIds(m_doc->root()));
    ImportDialog dlg(imp, QFileInfo(fileName).fileName(), this);
    if (dlg.exec() == QDialog::Accepted) applyImport(imp, QFileInfo(fileName).fileName());
}

int OfferingsPage::applyImport(const OfferingImport &imp, const QString &source) {
    JsonValue accepted = imp.acceptedOfferings();
    adoptCaseCarrierIds(accepted, m_doc->root());
    if (accepted.size() > 0)
        m_doc->appendItems(QStringLiteral("offerings"), accepted.arrayItems(),
                           (accepted.size() == 1
                                ? tr("Import 1 offering")
                                : tr("Import %1 offerings").arg(formatCount(qint64(accepted.size())))));
    QStringList errors;
    for (const auto &i : imp.allIssues())
        if (i.error) errors << i.toString().toHtmlEscaped();
    QString text = tr("<b>%1:</b> imported %2 of %3 rows.")
                       .arg(source.toHtmlEscaped())
                       .arg(formatCount(qint64(accepted.size())), formatCount(qint64(imp.rows.size())));
    if (!imp.notes.isEmpty())
        text += QStringLiteral("<br>%1").arg(imp.notes.join(QStringLiteral("; ")).toHtmlEscaped());
    if (!errors.isEmpty())
        text += QStringLiteral("<br><span style='color:#c62828'>%1</span>")
                    .arg(errors.join(QStringLiteral("<br>")));
    m_report->setText(text);
    m_report->show();
    emit message(
        tr("%1: imported %2 of %3 rows")
            .arg(source, formatCount(qint64(accepted.size())), formatCount(qint64(imp.rows.size()))));
    return accepted.size();
}

int OfferingsPage::pasteText(const QString &text) {
    // The same reading as File → Import and the `import` command (a spreadsheet's copy is tab-separated,
    // which the delimiter guess finds).
    const OfferingImport imp = importOfferingText(text, offeringIds(m_doc->root()));
    return applyImport(imp, tr("Pasted rows"));
}

void OfferingsPage::paste() {
    const QString text = QApplication::clipboard()->text();
    if (text.trimmed().isEmpty()) {
        emit message(tr("The clipboard holds no rows to paste"));
        return;
    }
    pasteText(text);
}

bool OfferingsPage::ownsPath(const QString &path) const {
    return path == u"offerings" || path.startsWith(QStringLiteral("offerings["));
}

bool OfferingsPage::focusPath(const QString &path) {
    if (!ownsPath(path)) return false;
    // Clear filters so the row is visible, select it, then focus the detail editor or the table cell.
    m_lineFilter->setCurrentIndex(0);
    m_carrierFilter->clear();
    m_statusFilter->setCurrentIndex(0);
    m_table->focusPath(path);
    currentChanged();
    const auto segs = parseJsonPath(path);
    if (segs.size() >= 3) {
        if (m_quoteBinder->focusPath(path)) {
            m_detail->setCurrentIndex(1);
            m_quoteBinder->focusPath(path);
            return true;
        }
        for (FieldBinder *b : m_coverageBinders)
            if (!b->basePath().isEmpty() && b->focusPath(path)) {
                m_detail->setCurrentIndex(0);
                b->focusPath(path);
                return true;
            }
    }
    return true;
}

} // namespace pw
