// SPDX-License-Identifier: MIT
#include "reportactions.h"

#include "casedocument.h"
#include "exportdialog.h"
#include "rankingcontroller.h"

#include <QAction>
#include <QFileInfo>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressDialog>
#include <QTextDocument>

namespace pw {

ReportActions::ReportActions(CaseDocument *doc, RankingController *ranking, QWidget *window)
    : QObject(window)
    , m_doc(doc)
    , m_ranking(ranking)
    , m_window(window)
    , m_exporter(new ReportExporter(this)) {
    m_export = new QAction(tr("&Export…"), this);
    m_export->setObjectName(QStringLiteral("actionExport"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setToolTip(
        tr("Export the client proposal or the underwriter report as PDF, HTML, CSV or JSON"));
    connect(m_export, &QAction::triggered, this, &ReportActions::showExportDialog);
    m_print = new QAction(tr("&Print proposal…"), this);
    m_print->setObjectName(QStringLiteral("actionPrint"));
    m_print->setShortcut(QKeySequence::Print);
    connect(m_print, &QAction::triggered, this, &ReportActions::print);
    m_preview = new QAction(tr("Print pre&view…"), this);
    m_preview->setObjectName(QStringLiteral("actionPrintPreview"));
    connect(m_preview, &QAction::triggered, this, &ReportActions::printPreview);

    connect(m_exporter, &ReportExporter::progress, this, [this](int done, int total) {
        if (!m_progress) return;
        m_progress->setMaximum(total);
        m_progress->setValue(done);
    });
    connect(m_exporter, &ReportExporter::finished, this,
            [this](const QString &error, const QStringList &notes) {
                if (m_progress) {
                    m_progress->deleteLater();
                    m_progress = nullptr;
                }
                const QString file = m_exportFile;
                emit exportFinished(file, error);
                if (!error.isEmpty() && error != u"cancelled")
                    QMessageBox::warning(m_window, tr("Export"),
                                         tr("The report was not written.\n%1").arg(error));
                else if (!notes.isEmpty())
                    QMessageBox::information(m_window, tr("Export"), notes.join(u'\n'));
            });
}

ReportRequest ReportActions::request(ReportKind kind, ReportFormat format, int top) const {
    ReportRequest r;
    r.caseRoot = m_doc->root();
    r.options = m_ranking->currentOptions();
    if (!r.options.now.isValid()) r.options.now = QDateTime::currentDateTimeUtc();
    r.options.top = top;
    r.kind = kind;
    r.format = format;
    r.agency = AgencyInfo::fromSettings();
    return r;
}

void ReportActions::exportTo(const ReportRequest &request, const QString &fileName) {
    if (m_exporter->isBusy()) return;
    m_exportFile = fileName;
    m_progress = new QProgressDialog(tr("Rendering %1…").arg(QFileInfo(fileName).fileName()), tr("Cancel"), 0,
                                     0, m_window);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(400); // a quick export shows no dialog at all
    connect(m_progress, &QProgressDialog::canceled, m_exporter, &ReportExporter::cancel);
    m_exporter->start(request, fileName);
}

void ReportActions::showExportDialog() {
    const QString base = m_doc->fileName().isEmpty() ? QStringLiteral("case")
                                                     : QFileInfo(m_doc->fileName()).completeBaseName();
    ExportDialog dialog(base.section(u'.', 0, 0), m_window);
    if (dialog.exec() != QDialog::Accepted) return;
    ReportRequest r = request(dialog.kind(), dialog.format(), dialog.top());
    r.sections = dialog.sections();
    r.agency = dialog.agency();
    exportTo(r, dialog.fileName());
}

bool ReportActions::printProposal(QPrinter *printer, QString *error) {
    const std::optional<ReportJob> job =
        reportJob(request(ReportKind::Proposal, ReportFormat::Pdf, 3), error);
    if (!job) return false;
    const ReportDocument doc = buildReportDocument(*job);
    auto text = reportTextDocument(doc);
    printer->setFullPage(true);
    if (paintReportPages(*text, doc, printer) == 0) {
        if (error) *error = tr("The printer could not be painted on.");
        return false;
    }
    return true;
}

void ReportActions::print() {
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, m_window);
    dialog.setWindowTitle(tr("Print proposal"));
    if (dialog.exec() != QDialog::Accepted) return;
    QString error;
    if (!printProposal(&printer, &error)) QMessageBox::warning(m_window, tr("Print"), error);
}

void ReportActions::printPreview() {
    QPrinter printer(QPrinter::HighResolution);
    QPrintPreviewDialog dialog(&printer, m_window);
    dialog.setObjectName(QStringLiteral("printPreview"));
    dialog.setWindowTitle(tr("Print preview: client proposal"));
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this, [this](QPrinter *p) {
        QString error;
        if (!printProposal(p, &error)) QMessageBox::warning(m_window, tr("Print preview"), error);
    });
    dialog.exec();
}

} // namespace pw
