// SPDX-License-Identifier: MIT
#include "exportdialog.h"

#include "io/safefilewriter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace pw {

ExportDialog::ExportDialog(const QString &suggestedBaseName, QWidget *parent)
    : QDialog(parent)
    , m_baseName(suggestedBaseName) {
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export report"));
    auto *form = new QFormLayout;
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("exportKind"));
    m_kind->addItem(tr("Client proposal"), QStringLiteral("proposal"));
    m_kind->addItem(tr("Underwriter scorecard report"), QStringLiteral("underwriter"));
    form->addRow(tr("&Report:"), m_kind);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("PDF document"), QStringLiteral("pdf"));
    m_format->addItem(tr("HTML page (one file)"), QStringLiteral("html"));
    m_format->addItem(tr("CSV of solutions"), QStringLiteral("csv"));
    m_format->addItem(tr("JSON of the run"), QStringLiteral("json"));
    form->addRow(tr("&Format:"), m_format);
    m_top = new QSpinBox(this);
    m_top->setObjectName(QStringLiteral("exportTop"));
    m_top->setRange(1, 200);
    m_top->setValue(3);
    m_top->setToolTip(tr("How many of the ranked solutions the report covers"));
    form->addRow(tr("&Solutions:"), m_top);

    auto *sections = new QGroupBox(tr("Optional proposal sections"), this);
    auto *sl = new QVBoxLayout(sections);
    m_options = new QCheckBox(tr("All options at a glance"), sections);
    m_options->setObjectName(QStringLiteral("exportOptions"));
    m_options->setChecked(true);
    m_gaps = new QCheckBox(tr("Coverage gaps and which option closes them"), sections);
    m_gaps->setObjectName(QStringLiteral("exportGaps"));
    m_gaps->setChecked(true);
    sl->addWidget(m_options);
    sl->addWidget(m_gaps);
    sl->addWidget(new QLabel(tr("Cover, recommendation, comparison, assumptions and disclosure are always "
                                "included."),
                             sections));

    const AgencyInfo agency = AgencyInfo::fromSettings();
    auto *agencyBox = new QGroupBox(tr("Agency on the proposal's cover"), this);
    auto *af = new QFormLayout(agencyBox);
    auto line = [&](const QString &name, const QString &value) {
        auto *e = new QLineEdit(value, agencyBox);
        e->setObjectName(name);
        return e;
    };
    m_agencyName = line(QStringLiteral("agencyName"), agency.name);
    m_agent = line(QStringLiteral("agencyAgent"), agency.agent);
    m_contact = line(QStringLiteral("agencyContact"), agency.contact);
    m_logo = line(QStringLiteral("agencyLogo"), agency.logoFile);
    auto *logoRow = new QHBoxLayout;
    logoRow->addWidget(m_logo);
    auto *logoBrowse = new QPushButton(tr("Choose…"), agencyBox);
    logoRow->addWidget(logoBrowse);
    af->addRow(tr("Agency:"), m_agencyName);
    af->addRow(tr("Agent:"), m_agent);
    af->addRow(tr("Contact:"), m_contact);
    af->addRow(tr("Logo:"), logoRow);
    connect(logoBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Agency logo"), m_logo->text(),
                                                       tr("Images (*.png *.jpg *.jpeg *.svg)"));
        if (!f.isEmpty()) m_logo->setText(f);
    });

    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("exportFile"));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file);
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    fileRow->addWidget(browseButton);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(sections);
    layout->addWidget(agencyBox);
    auto *fileForm = new QFormLayout;
    fileForm->addRow(tr("F&ile:"), fileRow);
    layout->addLayout(fileForm);
    layout->addWidget(buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ExportDialog::kindChanged);
    kindChanged();
}

ReportKind ExportDialog::kind() const {
    return *reportKindFromName(m_kind->currentData().toString());
}

ReportFormat ExportDialog::format() const {
    return *reportFormatFromName(m_format->currentData().toString());
}

int ExportDialog::top() const {
    return m_top->value();
}

ProposalSections ExportDialog::sections() const {
    ProposalSections s;
    s.gaps = m_gaps->isChecked();
    s.allOptions = m_options->isChecked();
    return s;
}

AgencyInfo ExportDialog::agency() const {
    return {m_agencyName->text().trimmed(), m_agent->text().trimmed(), m_contact->text().trimmed(),
            m_logo->text().trimmed()};
}

QString ExportDialog::fileName() const {
    return m_file->text().trimmed();
}

void ExportDialog::accept() {
    if (fileName().isEmpty()) {
        browse();
        if (fileName().isEmpty()) return;
    }
    agency().saveToSettings();
    QDialog::accept();
}

void ExportDialog::kindChanged() {
    const bool proposal = kind() == ReportKind::Proposal;
    m_gaps->setEnabled(proposal);
    m_options->setEnabled(proposal);
    m_top->setValue(proposal ? 3 : 10);
    formatChanged();
}

void ExportDialog::formatChanged() {
    const QString suffix = reportFormatSuffix(format());
    const QString kindWord =
        kind() == ReportKind::Proposal ? QStringLiteral("proposal") : QStringLiteral("scorecard");
    QString current = m_file->text().trimmed();
    if (current.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        current = QDir(dir).filePath(QStringLiteral("%1-%2.%3").arg(m_baseName, kindWord, suffix));
    } else {
        const QFileInfo fi(current);
        QString base = fi.completeBaseName();
        for (const QString &k : {QStringLiteral("-proposal"), QStringLiteral("-scorecard")})
            if (base.endsWith(k)) base = base.left(base.size() - k.size()) + u'-' + kindWord;
        current = fi.dir().filePath(base + u'.' + suffix);
    }
    m_file->setText(current);
}

void ExportDialog::browse() {
    const QString suffix = reportFormatSuffix(format());
    const QString f = QFileDialog::getSaveFileName(this, tr("Export report"), fileName(),
                                                   tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (f.isEmpty()) return;
    m_file->setText(QFileInfo(f).suffix().isEmpty() ? f + u'.' + suffix : f);
}

ReportExporter::ReportExporter(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic_bool>(false)) {
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        m_busy = false;
        const Outcome o = m_watcher.result();
        emit finished(o.error, o.notes);
    });
}

ReportExporter::~ReportExporter() {
    *m_cancel = true;
    m_watcher.waitForFinished();
}

void ReportExporter::start(ReportRequest request, const QString &fileName) {
    if (m_busy) return;
    m_busy = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    // The destructor waits for the worker, so `this` outlives it; progress crosses to the GUI thread as a
    // queued call.
    m_watcher.setFuture(QtConcurrent::run([this, request = std::move(request), fileName, cancel = m_cancel] {
        const RenderedReport r = renderRequest(request, [this, cancel](int done, int total) {
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
            return !*cancel;
        });
        Outcome o{r.error, r.notes};
        if (o.error.isEmpty()) o.error = writeFileAtomically(fileName, r.bytes);
        return o;
    }));
}

bool ReportExporter::waitForFinished(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (m_busy && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return !m_busy;
}

} // namespace pw
