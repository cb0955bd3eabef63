// SPDX-License-Identifier: MIT
#pragma once

#include "report/reportinputs.h"
#include "reportrenderer.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace pw {

// File → Export… (Ctrl+E): which report (client proposal or underwriter scorecard), which format (PDF,
// HTML, CSV, JSON), how many solutions, the proposal's optional sections, the agency shown on the cover
// (kept in the settings, shared with the `report` command) and the file to write. Object names (for
// tests): exportKind, exportFormat, exportTop, exportGaps, exportOptions, agencyName, agencyAgent,
// agencyContact, agencyLogo, exportFile.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(const QString &suggestedBaseName, QWidget *parent = nullptr);

    ReportKind kind() const;
    ReportFormat format() const;
    int top() const;
    ProposalSections sections() const;
    AgencyInfo agency() const;
    QString fileName() const;

    void accept() override; // saves the agency to the settings

private:
    void formatChanged();
    void kindChanged();
    void browse();

    QComboBox *m_kind, *m_format;
    QSpinBox *m_top;
    QCheckBox *m_gaps, *m_options;
    QLineEdit *m_agencyName, *m_agent, *m_contact, *m_logo, *m_file;
    QString m_baseName;
};

// Ranks the case and renders the report on a worker thread and writes it through the safe writer (a failed
// write leaves an existing file intact). Progress arrives as pages painted; the result as finished(error,
// notes), on the GUI thread. One export at a time; cancel() stops after the page being painted.
class ReportExporter : public QObject {
    Q_OBJECT
public:
    explicit ReportExporter(QObject *parent = nullptr);
    ~ReportExporter() override;

    bool isBusy() const { return m_busy; }
    void start(ReportRequest request, const QString &fileName);
    void cancel() { *m_cancel = true; }
    bool waitForFinished(int timeoutMs = 60000);

signals:
    void progress(int done, int total);
    void finished(const QString &error, const QStringList &notes);

private:
    struct Outcome {
        QString error;
        QStringList notes;
    };
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_busy = false;
};

} // namespace pw
