// SPDX-License-Identifier: MIT
#pragma once

#include "casepage.h"
#include "io/offeringimport.h"

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTabWidget;

namespace pw {

class CaseDocument;
class FieldBinder;
class OfferingsFilterProxy;
class OfferingsModel;
struct OfferingVerdicts;
class TablePage;

// The offerings section: a filter bar (line, carrier, status), the offerings table (one row per carrier
// per line, edited in place; add, duplicate, delete), a detail pane for the selected offering's coverage
// details, quote data and constraints, and import from CSV/TSV/JSON files or pasted spreadsheet rows.
class OfferingsPage : public CasePage {
    Q_OBJECT
public:
    OfferingsPage(CaseDocument *doc, QWidget *parent = nullptr);

    OfferingsModel *model() const { return m_model; }
    OfferingsFilterProxy *proxy() const { return m_proxy; }
    TablePage *tablePage() const { return m_table; }
    QLabel *importReport() const { return m_report; }

    // Adds a new offering for a line and selects it.
    void addOffering(const QString &line);
    // Reads a file and shows the preview dialog; imports the accepted rows when confirmed.
    void importFile(const QString &fileName);
    // Imports the accepted rows of an import as one undoable edit and reports the rejected ones.
    int applyImport(const OfferingImport &import, const QString &source);
    // Pastes spreadsheet rows (tab separated; a header row is recognised).
    int pasteText(const QString &text);
    // The shown run's verdicts and whether a ranking is on its way (OfferingsModel::setVerdicts,
    // setRankingBusy).
    void setVerdicts(std::shared_ptr<const OfferingVerdicts> verdicts);
    void setRankingBusy(bool busy);

    bool focusPath(const QString &path) override;
    bool ownsPath(const QString &path) const override;

private:
    void currentChanged();
    void caseLoaded();
    void chooseImportFile();
    void paste();

    CaseDocument *m_doc;
    OfferingsModel *m_model;
    OfferingsFilterProxy *m_proxy;
    TablePage *m_table;
    QComboBox *m_lineFilter, *m_statusFilter;
    QLineEdit *m_carrierFilter;
    QLabel *m_report, *m_status;
    QTabWidget *m_detail;
    QStackedWidget *m_coverageStack;
    std::vector<FieldBinder *> m_coverageBinders; // home, auto, umbrella
    FieldBinder *m_quoteBinder = nullptr;
    int m_currentRow = -1;
};

} // namespace pw
