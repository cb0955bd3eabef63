// SPDX-License-Identifier: MIT
// Weights are applied on Enter, shown raw and normalised, and undoable; Ctrl+Z in a field with nothing of
// its own to undo undoes the document's last edit; Save As appends .json when no suffix was typed.
#include "windowfixture.h"

#include "casedocument.h"
#include "caseeditor.h"
#include "mainwindow.h"
#include "rankingcontroller.h"
#include "rankingmodel.h"
#include "resultspanel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace pw;

class TestWeightsUndo : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void weightAppliedOnEnter();
    void ctrlZReachesTheDocument_data();
    void ctrlZReachesTheDocument();
    void saveAsAppendsJson_data();
    void saveAsAppendsJson();

private:
    MainWindow *m_w = nullptr;
    QLineEdit *lineEdit(const char *name) const {
        m_w->caseEditor()->showSection(CaseEditor::Insured);
        return m_w->findChild<QLineEdit *>(QString::fromLatin1(name));
    }
};

void TestWeightsUndo::init() {
    m_w = test::openWindowOnSample();
    QVERIFY(m_w);
}

void TestWeightsUndo::cleanup() {
    delete m_w;
    m_w = nullptr;
}

void TestWeightsUndo::weightAppliedOnEnter() {
    m_w->showResultTab(QStringLiteral("Weights"));
    auto *pricing = m_w->findChild<QDoubleSpinBox *>(QStringLiteral("weight_pricing"));
    QVERIFY(pricing && pricing->isVisible());
    QCOMPARE(pricing->value(), 0.25);
    const double before =
        m_w->results()->rankingModel()->solution(0)[u"scorecard"][u"overall_score"].toDouble();
    pricing->setFocus();
    QTest::keyClick(pricing, Qt::Key_A, Qt::ControlModifier);
    for (const QChar c : QStringLiteral("0.5")) {
        QTest::keyClicks(pricing, QString(c));
        // Nothing applied while typing: no re-normalising under the cursor.
        QVERIFY(!m_w->ranking()->customWeights());
        QVERIFY(m_w->document()->value(QStringLiteral("workbench.custom_weights")).isNull());
    }
    QVERIFY2(pricing->text().startsWith(QStringLiteral("0.5")), qPrintable(pricing->text()));
    QTest::keyClick(pricing, Qt::Key_Return);
    QCOMPARE(pricing->value(), 0.5); // the raw value stays what was typed
    QCOMPARE(m_w->document()->value(QStringLiteral("workbench.custom_weights.pricing")).toDouble(), 0.5);
    // The share the engine uses is shown beside it: 0.5 / (0.5 + 0.75).
    const QString share = m_w->findChild<QLabel *>(QStringLiteral("weightShare_pricing"))->text();
    QVERIFY2(share.contains(QStringLiteral("0.4")), qPrintable(share));
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    const JsonValue &top = m_w->results()->rankingModel()->solution(0);
    QCOMPARE(top[u"scorecard"][u"dimensions"][u"pricing"][u"weight"].toDouble(), 0.4);
    QVERIFY(top[u"scorecard"][u"overall_score"].toDouble() != before);
    // An undoable edit like every other: the window's Undo returns to the bucket's weights.
    m_w->findChild<QAction *>(QStringLiteral("actionUndo"))->trigger();
    QVERIFY(!m_w->ranking()->customWeights());
    QCOMPARE(pricing->value(), 0.25);
    QVERIFY(m_w->ranking()->waitForIdle(10000));
    QCOMPARE(m_w->results()->rankingModel()->solution(0)[u"scorecard"][u"overall_score"].toDouble(), before);
}

void TestWeightsUndo::ctrlZReachesTheDocument_data() {
    QTest::addColumn<QString>("focusOn");    // field focused when Ctrl+Z is pressed
    QTest::addColumn<QString>("typedThere"); // typing of its own (not committed) in that field
    QTest::addColumn<bool>("documentUndone");
    QTest::newRow("another field") << "field_occupation"
                                   << "" << true;
    QTest::newRow("the edited field") << "field_last_name"
                                      << "" << true;
    QTest::newRow("a field with its own typing") << "field_occupation"
                                                 << "Pilot" << false;
}

void TestWeightsUndo::ctrlZReachesTheDocument() {
    QFETCH(QString, focusOn);
    QFETCH(QString, typedThere);
    QFETCH(bool, documentUndone);
    QLineEdit *last = lineEdit("field_last_name");
    last->setFocus();
    last->selectAll();
    QTest::keyClicks(last, QStringLiteral("Alvarez"));
    QTest::keyClick(last, Qt::Key_Return);
    QCOMPARE(m_w->document()->value(QStringLiteral("input.applicant.last_name")).toString(),
             QStringLiteral("Alvarez"));
    auto *f = m_w->findChild<QLineEdit *>(focusOn);
    f->setFocus();
    const QString own = f->text();
    if (!typedThere.isEmpty()) QTest::keyClicks(f, typedThere);
    QTest::keyClick(f, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_w->document()->value(QStringLiteral("input.applicant.last_name")).toString(),
             documentUndone ? QStringLiteral("Okafor") : QStringLiteral("Alvarez"));
    if (!documentUndone) QCOMPARE(f->text(), own); // the field's own typing was taken back instead
    if (documentUndone) QCOMPARE(last->text(), QStringLiteral("Okafor"));
}

void TestWeightsUndo::saveAsAppendsJson_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("written");
    QTest::newRow("no suffix") << "alvarez-nj"
                               << "alvarez-nj.pwcase.json";
    QTest::newRow("json suffix") << "alvarez.json"
                                 << "alvarez.json";
    QTest::newRow("JSON in capitals") << "ALVAREZ.JSON"
                                      << "ALVAREZ.JSON";
    QTest::newRow("case file type") << "alvarez.pwcase.json"
                                    << "alvarez.pwcase.json";
    QTest::newRow("dot in the name") << "lee.nj"
                                     << "lee.nj.pwcase.json";
    QTest::newRow("version number") << "lee v2.1"
                                    << "lee v2.1.pwcase.json";
    QTest::newRow("own suffix") << "alvarez.case"
                                << "alvarez.case.pwcase.json";
}

void TestWeightsUndo::saveAsAppendsJson() {
    QFETCH(QString, typed);
    QFETCH(QString, written);
    QTemporaryDir dir;
    bool answered = false;
    // The agent types a name in the Save dialog and presses Enter.
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [&] {
        auto *dlg = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dlg) return;
        auto *name = dlg->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        if (!name) return;
        poll->stop();
        name->setText(dir.filePath(typed));
        QTest::keyClick(name, Qt::Key_Return);
        answered = true;
    });
    poll->start(20);
    QTest::keyClick(m_w, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    delete poll;
    QVERIFY(answered);
    QVERIFY2(QFileInfo::exists(dir.filePath(written)), qPrintable(dir.filePath(written)));
    QCOMPARE(m_w->document()->fileName(), QFileInfo(dir.filePath(written)).absoluteFilePath());
    if (written != typed) QVERIFY(!QFileInfo::exists(dir.filePath(typed)));
    // File → Open (filter *.json) lists what was written.
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("*.json")}, QDir::Files), QStringList{written});
}

QTEST_MAIN(TestWeightsUndo)
#include "tst_weightsundo.moc"
