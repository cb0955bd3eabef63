// SPDX-License-Identifier: MIT
#pragma once

#include "io/offeringimport.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace pw {

// Preview of an offering import: one row per table row with its spreadsheet row number, carrier, line,
// premium and status — "will import", or each error with its column. Only rows without errors are
// imported when the user confirms.
class ImportDialog : public QDialog {
    Q_OBJECT
public:
    ImportDialog(const OfferingImport &import, const QString &source, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }
    QLabel *summary() const { return m_summary; }

private:
    QTableWidget *m_table = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace pw
