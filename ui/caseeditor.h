// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace pw {

class CaseDocument;
class CasePage;
class JsonTableModel;
class OfferingsPage;

// The case side of the window: a section list (Insured, Residence, Drivers, Vehicles, Current coverage,
// History, Offerings) with counts and a ⚠ badge on sections with problems, and the section's editor.
class CaseEditor : public QWidget {
    Q_OBJECT
public:
    enum Section { Insured, Residence, Drivers, Vehicles, Current, History, Offerings, SectionCount };

    explicit CaseEditor(CaseDocument *doc, QWidget *parent = nullptr);

    void showSection(int section);
    // Read-only (an underwriter's view): the sections' editors take no input, the section list still
    // moves between them.
    void setEditable(bool editable);
    int currentSection() const;
    // Opens the section that owns a JSON path and focuses its editor.
    bool focusPath(const QString &path);
    OfferingsPage *offeringsPage() const { return m_offerings; }
    CasePage *page(int section) const { return m_pages[size_t(section)]; }
    JsonTableModel *driversModel() const { return m_drivers; }
    JsonTableModel *vehiclesModel() const { return m_vehicles; }
    QListWidget *sectionList() const { return m_list; }

signals:
    void message(const QString &text);

private:
    void refreshBadges();
    void updateZipCheck();

    CaseDocument *m_doc;
    QListWidget *m_list = nullptr;
    QStackedWidget *m_stack = nullptr;
    std::vector<CasePage *> m_pages;
    OfferingsPage *m_offerings = nullptr;
    JsonTableModel *m_drivers = nullptr;
    JsonTableModel *m_vehicles = nullptr;
    QLabel *m_zipCheck = nullptr;
    QWidget *m_zipEdit = nullptr;
};

} // namespace pw
