// SPDX-License-Identifier: MIT
// The window's reports: Ctrl+E opens the export dialog and writes the chosen report off the GUI thread with
// progress; Ctrl+P and Print preview print the client proposal; the report is of the case on screen.
#include "report/exportdialog.h"
#include "report/reportactions.h"
#include "windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPrinter>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

using namespace pw;
using namespace pw::test;

class TestReportExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void actionsHaveTheirShortcuts_data();
    void actionsHaveTheirShortcuts();
    void ctrlEExportsTheChosenReport_data();
    void ctrlEExportsTheChosenReport();
    void exportRendersOffTheGuiThreadWithProgress();
    void exportCanBeCancelled_data();
    void exportCanBeCancelled();
    void printPaintsTheProposal();

private:
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
};

void TestReportExport::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    m_window.reset(openWindowOnSample());
    QVERIFY(m_window);
}

void TestReportExport::actionsHaveTheirShortcuts_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QKeySequence>("key");
    QTest::newRow("export") << QStringLiteral("actionExport") << QKeySequence(Qt::CTRL | Qt::Key_E);
    QTest::newRow("print") << QStringLiteral("actionPrint") << QKeySequence(QKeySequence::Print);
    QTest::newRow("preview") << QStringLiteral("actionPrintPreview") << QKeySequence();
}

void TestReportExport::actionsHaveTheirShortcuts() {
    QFETCH(QString, name);
    QFETCH(QKeySequence, key);
    auto *a = m_window->findChild<QAction *>(name);
    QVERIFY(a);
    QCOMPARE(a->shortcut(), key);
    QVERIFY(a->isEnabled());
}

void TestReportExport::ctrlEExportsTheChosenReport_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("starts");
    QTest::addColumn<QString>("contains");
    QTest::newRow("proposal pdf") << QStringLiteral("proposal") << QStringLiteral("pdf") << QByteArray("%PDF")
                                  << QString();
    QTest::newRow("proposal html") << QStringLiteral("proposal") << QStringLiteral("html")
                                   << QByteArray("<!DOCTYPE html>") << QStringLiteral("Dana Okafor");
    QTest::newRow("underwriter csv") << QStringLiteral("underwriter") << QStringLiteral("csv")
                                     << QByteArray("rank,cluster_label")
                                     << QStringLiteral("Harborview Mutual");
    QTest::newRow("underwriter json") << QStringLiteral("underwriter") << QStringLiteral("json")
                                      << QByteArray("{") << QStringLiteral("\"engine_version\"");
}

void TestReportExport::ctrlEExportsTheChosenReport() {
    QFETCH(QString, kind);
    QFETCH(QString, format);
    QFETCH(QByteArray, starts);
    QFETCH(QString, contains);
    const QString file = m_dir.filePath(QStringLiteral("report-%1.%2").arg(kind, format));
    QSignalSpy finished(m_window->findChild<ReportActions *>(), &ReportActions::exportFinished);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    bool filled = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ExportDialog *>(QApplication::activeModalWidget());
        if (!dialog) return;
        auto *kindBox = dialog->findChild<QComboBox *>(QStringLiteral("exportKind"));
        kindBox->setCurrentIndex(kindBox->findData(kind));
        auto *formatBox = dialog->findChild<QComboBox *>(QStringLiteral("exportFormat"));
        formatBox->setCurrentIndex(formatBox->findData(format));
        dialog->findChild<QLineEdit *>(QStringLiteral("exportFile"))->setText(file);
        filled = true;
        dialog->accept();
    });
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    QVERIFY(filled);
    QVERIFY(finished.wait(60000) || finished.count() == 1);
    QCOMPARE(finished.first().at(0).toString(), file);
    QCOMPARE(finished.first().at(1).toString(), QString());
    const QByteArray bytes = readFileBytes(file);
    QVERIFY2(bytes.startsWith(starts), bytes.left(40).constData());
    if (!contains.isEmpty()) QVERIFY(QString::fromUtf8(bytes).contains(contains));
    // The window's clock: the report is of the run on screen.
    if (format == u"json") {
        const JsonValue run = *parseJson(bytes);
        QCOMPARE(run[u"solutions"].at(0)[u"est_cost_low"],
                 m_window->ranking()->run()[u"solutions"].at(0)[u"est_cost_low"]);
        QCOMPARE(run[u"solutions"].size(), 10);
    }
}

void TestReportExport::exportRendersOffTheGuiThreadWithProgress() {
    auto *actions = m_window->findChild<ReportActions *>();
    QVERIFY(actions);
    const QString file = m_dir.filePath(QStringLiteral("long.pdf"));
    QSignalSpy progress(actions->exporter(), &ReportExporter::progress);
    QSignalSpy finished(actions, &ReportActions::exportFinished);
    actions->exportTo(actions->request(ReportKind::Underwriter, ReportFormat::Pdf, 40), file);
    // exportTo returns before the report exists: the work is on a worker thread.
    QVERIFY(actions->exporter()->isBusy());
    QVERIFY(!QFile::exists(file));
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().at(1).toString(), QString());
    QVERIFY(progress.count() >= 2);
    const int total = progress.last().at(1).toInt();
    QCOMPARE(progress.last().at(0).toInt(), total); // every page painted
    QVERIFY(total > 5);
    QVERIFY(readFileBytes(file).startsWith("%PDF"));
}

void TestReportExport::exportCanBeCancelled_data() {
    QTest::addColumn<bool>("whilePainting");
    QTest::newRow("while the pages are laid out") << false;
    QTest::newRow("while the pages are painted") << true;
}

// The export's progress dialog is there from the start (busy while the pages are laid out, their count not
// known yet, then page by page), and its Cancel stops the export in either stage: no file is written.
void TestReportExport::exportCanBeCancelled() {
    QFETCH(bool, whilePainting);
    auto *actions = m_window->findChild<ReportActions *>();
    QVERIFY(actions);
    const QString file =
        m_dir.filePath(QStringLiteral("cancelled-%1.pdf").arg(whilePainting ? "painting" : "layout"));
    QSignalSpy finished(actions, &ReportActions::exportFinished);
    QList<QPair<int, int>> seen;
    bool clicked = false;
    const QMetaObject::Connection c =
        connect(actions->exporter(), &ReportExporter::progress, this, [&](int done, int total) {
            seen << qMakePair(done, total);
            if (clicked || (whilePainting ? done == 0 : total != 0)) return;
            auto *dialog = m_window->findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
            QVERIFY(dialog);
            QCOMPARE(dialog->maximum(), total);
            auto *cancel = dialog->findChild<QPushButton *>();
            QVERIFY(cancel);
            cancel->click();
            clicked = true;
        });
    actions->exportTo(actions->request(ReportKind::Underwriter, ReportFormat::Pdf, 40), file);
    QVERIFY(finished.wait(120000));
    disconnect(c);
    QVERIFY(!seen.isEmpty());
    // The first word is that the pages are being laid out.
    QCOMPARE(seen.first(), qMakePair(0, 0));
    QVERIFY(clicked);
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("cancelled"));
    QVERIFY(!QFile::exists(file));
}

void TestReportExport::printPaintsTheProposal() {
    auto *actions = m_window->findChild<ReportActions *>();
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    const QString file = m_dir.filePath(QStringLiteral("printed.pdf"));
    printer.setOutputFileName(file);
    QString error;
    QVERIFY2(actions->printProposal(&printer, &error), qPrintable(error));
    QVERIFY(readFileBytes(file).startsWith("%PDF"));
    QVERIFY(readFileBytes(file).size() > 5000);
}

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
