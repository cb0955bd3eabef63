// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "engine/profile.h"
#include "io/casefile.h"
#include "io/validation.h"

#include <QFile>
#include <QLabel>
#include <QScreen>
#include <QTabWidget>

namespace pw {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    m_results = new QTabWidget(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("caseSummary"));
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_summary->setMargin(12);
    m_results->addTab(m_summary, tr("Case"));
    setCentralWidget(m_results);
    resize(1280, 720);
}

bool MainWindow::openCase(const QString &fileName)
{
    QFile f(fileName);
    if (!f.open(QIODevice::ReadOnly)) {
        m_summary->setText(tr("Cannot open %1: %2").arg(fileName, f.errorString()));
        return false;
    }
    return loadBytes(f.readAll(), fileName);
}

bool MainWindow::openSample(const QString &name)
{
    QFile f(QStringLiteral(":/samples/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return loadBytes(f.readAll(), name);
}

bool MainWindow::loadBytes(const QByteArray &bytes, const QString &displayName)
{
    const CaseFileResult r = parseCaseBytes(bytes);
    setWindowTitle(displayName + QStringLiteral(" — Placement Workbench"));
    if (!r.root) {
        m_summary->setText(tr("%1: %2").arg(displayName, r.problem.message));
        return false;
    }
    const ValidationResult v = validateCase(*r.root, QDateTime::currentDateTimeUtc(), defaultProfile());
    const CaseInput &in = v.parsed.input;
    m_summary->setText(tr("<h2>%1 %2</h2><p>%3 %4 · lines: %5</p><p>%6 drivers · %7 offerings · %8 problems</p>")
                           .arg(in.applicant.firstName.toHtmlEscaped(), in.applicant.lastName.toHtmlEscaped(),
                                in.address.state.toHtmlEscaped(), in.address.zipCode.toHtmlEscaped(),
                                in.coverageTypes.join(QStringLiteral(", ")).toHtmlEscaped())
                           .arg(in.drivers.size())
                           .arg(v.parsed.offerings.size())
                           .arg(v.problems.size()));
    return true;
}

void MainWindow::showResultTab(const QString &name)
{
    for (int i = 0; i < m_results->count(); ++i)
        if (m_results->tabText(i).compare(name, Qt::CaseInsensitive) == 0)
            m_results->setCurrentIndex(i);
}

bool MainWindow::saveScreenshot(const QString &fileName)
{
    return grab().save(fileName, "PNG");
}

} // namespace pw
