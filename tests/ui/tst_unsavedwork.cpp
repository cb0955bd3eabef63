// SPDX-License-Identifier: MIT
// Work that is in no file is never lost without a question: text a field refused counts as unsaved
// (New, Open, closing ask first), and a bundled sample opened from disk is untitled, so Save asks for a
// name instead of writing over the sample.
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "casepage.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pw;

class TestUnsavedWork : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void refusedTextIsUnsaved_data();
    void refusedTextIsUnsaved();
    void bundledSampleIsSavedAs_data();
    void bundledSampleIsSavedAs();

private:
    MainWindow *m_w = nullptr;
    QString savedState() const { return m_w->findChild<QLabel *>(QStringLiteral("savedState"))->text(); }
};

void TestUnsavedWork::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
}

void TestUnsavedWork::cleanup() {
    delete m_w;
    m_w = nullptr;
}

void TestUnsavedWork::refusedTextIsUnsaved_data() {
    QTest::addColumn<int>("section");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("valid");
    QTest::newRow("net worth") << int(CaseEditor::Insured) << "field_net_worth"
                               << "1.4M"
                               << "input.applicant.net_worth"
                               << "1450000";
    QTest::newRow("birth date") << int(CaseEditor::Insured) << "field_date_of_birth"
                                << "6/15/85"
                                << "input.applicant.date_of_birth"
                                << "06/15/1985";
    QTest::newRow("premium") << int(CaseEditor::Current) << "field_annual_premium"
                             << "-1780"
                             << "input.current_coverage.home.annual_premium"
                             << "1780";
}

void TestUnsavedWork::refusedTextIsUnsaved() {
    QFETCH(int, section);
    QFETCH(QString, name);
    QFETCH(QString, typed);
    QFETCH(QString, path);
    QFETCH(QString, valid);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("okafor.json"));
    QVERIFY(m_w->saveTo(file));
    QCOMPARE(savedState(), QStringLiteral("saved"));
    QVERIFY(!m_w->isWindowModified());
    const QByteArray onDisk = test::readFileBytes(file);

    m_w->caseEditor()->showSection(section);
    QWidget *page = m_w->caseEditor()->page(section);
    if (auto *tabs = page->findChild<QTabWidget *>(QStringLiteral("currentCoverageTabs")))
        page = tabs->widget(0);
    auto *e = page->findChild<QLineEdit *>(name);
    QVERIFY(e);
    test::typeAndTab(e, typed);
    QCOMPARE(m_w->document()->refusedText(path), std::optional<QString>(typed));
    // The case keeps its previous value, so it is not modified; the typed text is in no file, so it is
    // still asked about before it goes.
    QCOMPARE(savedState(), QStringLiteral("saved"));
    QVERIFY(!m_w->isWindowModified());
    QVERIFY(!m_w->document()->isModified());
    QVERIFY(m_w->document()->hasUnsavedWork());

    // Ctrl+N, Quit and closing ask first; Cancel keeps the case and the typed text.
    m_w->setUnsavedAnswerForTests(QMessageBox::Cancel);
    QTest::keyClick(m_w, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(m_w->document()->fileName(), QFileInfo(file).absoluteFilePath());
    QCOMPARE(m_w->document()->refusedText(path), std::optional<QString>(typed));
    QCOMPARE(e->text(), typed);
    QVERIFY(!m_w->close());
    QVERIFY(m_w->isVisible());
    QCOMPARE(test::readFileBytes(file), onDisk);

    // A valid value replaces the refused text; undoing that edit returns to the saved case.
    test::typeAndTab(e, valid);
    QCOMPARE(m_w->document()->refusedText(path), std::nullopt);
    QVERIFY(m_w->document()->isModified());
    m_w->findChild<QAction *>(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(savedState(), QStringLiteral("saved"));
    QVERIFY(!m_w->isWindowModified());
    QTest::keyClick(m_w, Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(m_w->document()->fileName(), QString());
    QCOMPARE(m_w->document()->value(QStringLiteral("offerings")).size(), 0);
}

void TestUnsavedWork::bundledSampleIsSavedAs_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<bool>("edited"); // the file on disk differs from the bundled sample
    QTest::newRow("source samples folder") << "resources/samples" << false;
    QTest::newRow("installed samples folder") << "share/placement-workbench/samples" << false;
    QTest::newRow("the agent's own copy, changed") << "cases" << true;
}

void TestUnsavedWork::bundledSampleIsSavedAs() {
    QFETCH(QString, folder);
    QFETCH(bool, edited);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(folder));
    const QString file = dir.filePath(folder + QStringLiteral("/brooklyn-household.json"));
    QByteArray bytes = test::readFileBytes(QStringLiteral(":/samples/brooklyn-household.json"));
    QVERIFY(!bytes.isEmpty());
    if (edited) bytes.replace("Okafor", "Okafor-Lee");
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QVERIFY(m_w->openCase(file));
    QCOMPARE(m_w->document()->fileName(), edited ? QFileInfo(file).absoluteFilePath() : QString());

    // The agent edits the case and saves with Ctrl+S, then answers "Save" when starting a new case.
    m_w->document()->setValue(QStringLiteral("input.applicant.occupation"),
                              JsonValue(QStringLiteral("Chef")));
    int dialogs = 0;
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [&] {
        if (auto *dlg = qobject_cast<QFileDialog *>(QApplication::activeModalWidget())) {
            ++dialogs;
            dlg->reject();
        }
    });
    poll->start(20);
    QTest::keyClick(m_w, Qt::Key_S, Qt::ControlModifier);
    m_w->setUnsavedAnswerForTests(QMessageBox::Save);
    m_w->activateWindow(); // back from the dialog
    QVERIFY(QTest::qWaitForWindowActive(m_w));
    QTest::keyClick(m_w, Qt::Key_N, Qt::ControlModifier);
    delete poll;
    if (edited) {
        // A case of the agent's own is saved in place, no question.
        QCOMPARE(dialogs, 0);
        QVERIFY(test::readFileBytes(file).contains("Chef"));
        return;
    }
    // Both asked for a name; the sample on disk is as it was, and the case was not replaced.
    QCOMPARE(dialogs, 2);
    QCOMPARE(test::readFileBytes(file), bytes);
    QCOMPARE(m_w->document()->value(QStringLiteral("input.applicant.occupation")).toString(),
             QStringLiteral("Chef"));
    QVERIFY(m_w->windowTitle().contains(QStringLiteral("sample")));
}

QTEST_MAIN(TestUnsavedWork)
#include "tst_unsavedwork.moc"
