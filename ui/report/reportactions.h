// SPDX-License-Identifier: MIT
#pragma once

#include "reportrenderer.h"

#include <QObject>

class QAction;
class QPrinter;
class QProgressDialog;
class QWidget;

namespace pw {

class CaseDocument;
class RankingController;
class ReportExporter;

// The window's report actions: File → Export… (Ctrl+E: the export dialog, then rendering and writing on
// a worker thread with a progress dialog), Print… (Ctrl+P) and Print Preview of the client proposal
// (Qt Print Support). Reports rank the case as the window does (same clock, appetite and weights), with
// the number of solutions the export dialog asks for. Object names: actionExport, actionPrint,
// actionPrintPreview.
class ReportActions : public QObject {
    Q_OBJECT
public:
    ReportActions(CaseDocument *doc, RankingController *ranking, QWidget *window);

    QAction *exportAction() const { return m_export; }
    QAction *printAction() const { return m_print; }
    QAction *printPreviewAction() const { return m_preview; }
    ReportExporter *exporter() const { return m_exporter; }

    // The request for the case on screen (the window's options with `top` solutions).
    ReportRequest request(ReportKind kind, ReportFormat format, int top) const;
    // Exports without the dialog (the dialog's OK, and tests).
    void exportTo(const ReportRequest &request, const QString &fileName);
    // Paints the proposal on `printer` (full page); false with a message when the case cannot be ranked.
    bool printProposal(QPrinter *printer, QString *error);

signals:
    void exportFinished(const QString &fileName, const QString &error);

private:
    void showExportDialog();
    void print();
    void printPreview();

    CaseDocument *m_doc;
    RankingController *m_ranking;
    QWidget *m_window;
    QAction *m_export, *m_print, *m_preview;
    ReportExporter *m_exporter;
    QProgressDialog *m_progress = nullptr;
    QString m_exportFile;
};

} // namespace pw
