// SPDX-License-Identifier: MIT
// Opening a file over a modified case asks once whether to save: the answer "discard" given before the
// file is picked holds for that open; only changes made while the file is read are asked about again.
#include "windowfixture.h"

#include "casedocument.h"
#include "mainwindow.h"
#include "rankingcontroller.h"

#include <QDropEvent>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace pw;

namespace {
// The window, with the drop a person makes on it delivered directly (offscreen has no drag manager).
class DropWindow : public MainWindow {
public:
    using MainWindow::dropEvent;
};
} // namespace

class TestOpenAsksOnce : public QObject {
    Q_OBJECT

private slots:
    void openOverAModifiedCaseAsksOnce_data() {
        QTest::addColumn<bool>("editWhileReading");
        QTest::addColumn<int>("questions");
        QTest::newRow("no edit while the file is read") << false << 1;
        QTest::newRow("an edit while the file is read") << true << 2;
    }

    void openOverAModifiedCaseAsksOnce() {
        QFETCH(bool, editWhileReading);
        QFETCH(int, questions);
        auto w = std::make_unique<DropWindow>();
        w->document()->setNow(test::fixedNow());
        QVERIFY(w->openSample(QStringLiteral("brooklyn-household.json")));
        w->show();
        QVERIFY(w->ranking()->waitForIdle(10000));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("other.json"));
        QVERIFY(w->saveTo(file));
        w->document()->setValue(QStringLiteral("input.applicant.first_name"),
                                JsonValue(QStringLiteral("Ada")));
        QVERIFY(w->document()->isModified());
        w->setUnsavedAnswerForTests(QMessageBox::Discard);

        // A file dropped on the window opens it, as File → Open does once a file is picked.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        w->dropEvent(&drop);
        QCOMPARE(w->unsavedQuestionsForTests(), 1);
        if (editWhileReading)
            w->document()->setValue(QStringLiteral("input.applicant.first_name"),
                                    JsonValue(QStringLiteral("Grace")));
        QTRY_VERIFY_WITH_TIMEOUT(!w->isOpening(), 10000);
        QCOMPARE(w->unsavedQuestionsForTests(), questions);
        QCOMPARE(w->document()->fileName(), QFileInfo(file).absoluteFilePath());
        QVERIFY(!w->document()->isModified());
        QVERIFY(w->document()->value(QStringLiteral("input.applicant.first_name")).toString() != u"Ada");
    }
};

QTEST_MAIN(TestOpenAsksOnce)
#include "tst_openasksonce.moc"
