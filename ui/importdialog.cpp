// SPDX-License-Identifier: MIT
#include "importdialog.h"
#include "plaintext.h"

#include "util/numbers.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pw {

ImportDialog::ImportDialog(const OfferingImport &import, const QString &source, QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import offerings — %1").arg(source));
    resize(860, 420);
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    QString headerKind;
    switch (import.headerKind) {
    case OfferingImport::HeaderKind::Friendly:
        headerKind = tr("spreadsheet headers");
        break;
    case OfferingImport::HeaderKind::JsonPaths:
        headerKind = tr("JSON-path headers");
        break;
    case OfferingImport::HeaderKind::Mixed:
        headerKind = tr("mixed headers");
        break;
    case OfferingImport::HeaderKind::None:
        headerKind =
            tr("no header row (read as Carrier, Line, Product, Premium, AM Best, Tier, Commission %…)");
        break;
    }
    QStringList fileNotes;
    for (const QString &n : import.notes)
        fileNotes << n.toHtmlEscaped();
    for (const auto &i : import.fileIssues)
        fileNotes << i.toString().toHtmlEscaped();
    m_summary->setText(tr("<b>%1 of %2 rows will be imported</b>; %3 rejected. Read with %4.%5")
                           .arg(formatCount(qint64(import.acceptedCount())))
                           .arg(formatCount(qint64(import.rows.size())))
                           .arg(formatCount(qint64(import.rejectedCount())))
                           .arg(headerKind)
                           .arg(fileNotes.isEmpty()
                                    ? QString()
                                    : QStringLiteral("<br>") + fileNotes.join(QStringLiteral("<br>"))));
    layout->addWidget(m_summary);

    m_table = new QTableWidget(int(import.rows.size()), 6, this);
    m_table->setObjectName(QStringLiteral("importPreview"));
    m_table->setHorizontalHeaderLabels(
        {tr("Row"), tr("Carrier"), tr("Line"), tr("Product"), tr("Premium"), tr("Status")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int r = 0; r < int(import.rows.size()); ++r) {
        const ImportedRow &row = import.rows[size_t(r)];
        const JsonValue &o = row.offering;
        const JsonValue prem = o[u"attributes"][u"line_premium_annual"];
        const QStringList cells = {QString::number(row.row), o[u"provider_name"].toString(),
                                   o[u"category"].toString(), o[u"coverage"][u"product_name"].toString(),
                                   prem.isNumber() ? formatMoney(prem.toDouble()) : QString()};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 0 || c == 4) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
        QStringList notes;
        for (const auto &i : row.issues)
            notes << i.toString();
        auto *status = new QTableWidgetItem(
            row.accepted() ? (notes.isEmpty() ? tr("✓ will import")
                                              : tr("✓ will import — ") + notes.join(QStringLiteral("; ")))
                           : tr("✗ ") + notes.join(QStringLiteral("; ")));
        status->setToolTip(plainToolTip(notes.join(u'\n')));
        status->setForeground(row.accepted() ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        m_table->setItem(r, 5, status);
    }
    m_table->resizeColumnsToContents();
    layout->addWidget(m_table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)
        ->setText((import.acceptedCount() == 1 ? tr("Import 1 row")
                                               : tr("Import %1 rows").arg(import.acceptedCount())));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(import.acceptedCount() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace pw
