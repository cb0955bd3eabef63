// SPDX-License-Identifier: MIT
// File > Save on a disk that refuses the write: a dialog names the file and the reason, the file on disk
// keeps its old bytes, and the document stays modified. The refusal is a lowered RLIMIT_FSIZE (SIGXFSZ
// ignored, so the write returns EFBIG), which needs no root.
#include "testsupport.h"

#include "casedocument.h"
#include "mainwindow.h"
#include "rankingcontroller.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <sys/resource.h>

using namespace pw;

class TestSaveFailure : public QObject {
    Q_OBJECT
private slots:
    void saveOnFullDiskKeepsFileAndDocument();
};

void TestSaveFailure::saveOnFullDiskKeepsFileAndDocument() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("okafor.json"));
    MainWindow w;
    w.setUnsavedAnswerForTests(QMessageBox::Discard);
    w.document()->setNow(test::fixedNow());
    QVERIFY(w.openSample(QStringLiteral("brooklyn-household.json")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.saveTo(path));
    const QByteArray saved = test::readFileBytes(path);
    QVERIFY(saved.size() > 4096);
    QVERIFY(!w.document()->isModified());

    w.document()->setValue(QStringLiteral("input.applicant.first_name"), JsonValue(QStringLiteral("Adaeze")),
                           QStringLiteral("Change first name"));
    QVERIFY(w.document()->isModified());
    QVERIFY(w.ranking()->waitForIdle(10000));

    // Answer the dialog as a person would, after reading it.
    QString shownText, shownDetail;
    bool sawDialog = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &w, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != u"saveErrorDialog") return;
        sawDialog = true;
        shownText = box->text();
        shownDetail = box->informativeText();
        box->button(QMessageBox::Ok)->click();
    });
    poll.start(20);

    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    auto *oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit low = old;
    low.rlim_cur = 2048;
    setrlimit(RLIMIT_FSIZE, &low);
    QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier); // File > Save
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    poll.stop();

    QVERIFY(sawDialog);
    QVERIFY2(shownText.contains(QStringLiteral("not saved")), qPrintable(shownText));
    QVERIFY2(shownDetail.contains(path), qPrintable(shownDetail));
    QVERIFY2(shownDetail.contains(QStringLiteral("File too large")), qPrintable(shownDetail));
    QCOMPARE(test::readFileBytes(path), saved);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("okafor.json")});
    QVERIFY(w.document()->isModified());
    QVERIFY(w.isWindowModified());
    QCOMPARE(w.document()->fileName(), QFileInfo(path).absoluteFilePath());

    // Once the disk takes it again, the same Save writes the edit.
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier);
    QVERIFY(!w.document()->isModified());
    QVERIFY(test::readFileBytes(path).contains("\"Adaeze\""));
}

QTEST_MAIN(TestSaveFailure)
#include "tst_savefailure.moc"
