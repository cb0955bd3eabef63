// SPDX-License-Identifier: MIT
// A process killed with SIGKILL while it saves a case (file and library) leaves the last good file —
// complete, parseable, the save it last reported or the one after — and a library that opens, passes
// PRAGMA integrity_check and holds a complete version.
#include "io/json.h"
#include "store/caselibrary.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace pw;

namespace {

int counterOf(const QByteArray &bytes) {
    const auto root = parseJson(bytes);
    if (!root) return -1;
    return int((*root)[u"workbench"][u"save_counter"].toDouble(-1));
}

} // namespace

class TestLibraryCrash : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killedWhileSaving_data() {
        QTest::addColumn<int>("delayMs");
        // After the first reported save: at once, and at moments spread over the next saves.
        for (int d : {0, 3, 7, 13, 29, 41, 67, 101})
            QTest::addRow("kill %d ms after a save", d) << d;
    }
    void killedWhileSaving() {
        QFETCH(int, delayMs);
        QTemporaryDir dir;
        const QString library = dir.filePath(QStringLiteral("library.sqlite"));
        const QString file = dir.filePath(QStringLiteral("case.json"));
        int lastReported = 0;
        for (int round = 0; round < 2; ++round) { // the second round saves over the first's leftovers
            QProcess child;
            child.start(QStringLiteral(PW_SAVE_CHILD),
                        {library, file, test::samplePath(QStringLiteral("brooklyn-household.json"))});
            QVERIFY(child.waitForStarted(10000));
            QByteArray out;
            while (!out.contains("saved 2\n")) {
                QVERIFY2(child.waitForReadyRead(30000), child.readAllStandardError().constData());
                out += child.readAllStandardOutput();
            }
            QTest::qSleep(delayMs + int(QRandomGenerator::global()->bounded(5)));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            out += child.readAllStandardOutput();
            const QList<QByteArray> lines = out.trimmed().split('\n');
            lastReported = lines.last().mid(6).toInt();
            QVERIFY(lastReported >= 2);

            // The file: the last reported save, or the next one if its rename had happened.
            const int inFile = counterOf(test::readFileBytes(file));
            QVERIFY2(
                inFile == lastReported || inFile == lastReported + 1,
                qPrintable(
                    QStringLiteral("file holds save %1, last reported %2").arg(inFile).arg(lastReported)));

            // The library: intact, and its version is a complete save, not older than the last reported.
            auto lib = openCaseLibrary(library);
            QVERIFY2(lib->isOpen(), qPrintable(lib->lastError()));
            QCOMPARE(lib->integrityCheck(), QStringLiteral("ok"));
            const auto c = lib->caseByFile(file);
            QVERIFY(c);
            QCOMPARE(lib->caseCount(), 1);
            const int inLibrary = counterOf(lib->version(c->versionId)->body);
            QVERIFY2(inLibrary == lastReported || inLibrary == lastReported + 1,
                     qPrintable(QStringLiteral("library holds save %1, last reported %2")
                                    .arg(inLibrary)
                                    .arg(lastReported)));
        }
    }
};

QTEST_GUILESS_MAIN(TestLibraryCrash)
#include "tst_librarycrash.moc"
