// SPDX-License-Identifier: MIT
// Every writer of a user's file either replaces it whole or leaves the old bytes intact, and says so.
// A write is made to fail without root by lowering RLIMIT_FSIZE (with SIGXFSZ ignored, so the write returns
// EFBIG instead of killing the process) — in this process for the library writer, in a child process for
// the command line; as root, also on a tiny tmpfs that is really full.
#include "io/safefilewriter.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace pw;
using namespace pw::test;

namespace {

// Lowers this process's file size limit for its lifetime (the soft limit only, so it can be raised again).
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit l = m_old;
        l.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &l);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
};

void writeBytes(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

QStringList entries(const QString &dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

struct Run {
    int exitCode = -1;
    QString out, err;
};

// Runs the binary with its file size limit lowered to `limit` bytes (0: unchanged), stdout optionally to a
// file (testsupport.h).
Run runLimited(const QStringList &args, rlim_t limit, const QString &stdoutFile = {}) {
    const ProcessResult p = runWorkbenchLimited(args, qint64(limit), stdoutFile);
    return {p.exitCode, QString::fromUtf8(p.out), QString::fromUtf8(p.err)};
}

// A tmpfs of `kib` KiB mounted on a temporary folder while the object lives (root only).
class TinyTmpfs {
public:
    explicit TinyTmpfs(int kib) {
        if (geteuid() != 0 || !m_dir.isValid()) return;
        const QByteArray opts = "size=" + QByteArray::number(kib) + "k";
        m_mounted =
            ::mount("tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs", 0, opts.constData()) == 0;
    }
    ~TinyTmpfs() {
        if (m_mounted) ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
    }
    bool mounted() const { return m_mounted; }
    QString path() const { return m_dir.path(); }
    // Writes a filler file until the file system refuses.
    void fill() const {
        QFile f(m_dir.filePath(QStringLiteral("filler")));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) return;
        const QByteArray block(512, 'x');
        while (f.write(block) == block.size()) {
        }
    }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

} // namespace

class TestDurableWrites : public QObject {
    Q_OBJECT
private slots:
    void writerReplacesWholeFile();
    void writerRefusesAndKeepsOldFile_data();
    void writerRefusesAndKeepsOldFile();
    void writerNamesUnwritableFolder();
    void importOutputOverLimitKeepsCase();
    void standardOutputOverLimitIsAnError();
    void screenshotOverLimitKeepsOldFile();
    void importOnFullTmpfsKeepsCase();
    void specialFilesAreWrittenIntoNotReplaced();
    void importToStandardOutput();
    void nothingPrintedAsSuccessWhenOutputFails_data();
    void nothingPrintedAsSuccessWhenOutputFails();
};

void TestDurableWrites::writerReplacesWholeFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("case.json"));
    writeBytes(path, "old contents");
    const QByteArray fresh(200000, 'n');
    QCOMPARE(writeFileAtomically(path, fresh), QString());
    QCOMPARE(readFileBytes(path), fresh);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("case.json")});
}

void TestDurableWrites::writerRefusesAndKeepsOldFile_data() {
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("size");
    // Over the limit inside Qt's buffer (seen only at flush), and far over it (seen at write()).
    QTest::newRow("small write, flush fails") << 1000 << 1500;
    QTest::newRow("large write fails") << 4096 << 300000;
    QTest::newRow("limit below one byte of new data") << 1 << 10;
}

void TestDurableWrites::writerRefusesAndKeepsOldFile() {
    QFETCH(int, limit);
    QFETCH(int, size);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("case.json"));
    const QByteArray old = "{\"input\": {}, \"offerings\": []}\n";
    writeBytes(path, old);
    QString err;
    {
        const FileSizeLimit lowered{rlim_t(limit)};
        err = writeFileAtomically(path, QByteArray(size, 'n'));
    }
    QVERIFY2(err.contains(path), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("File too large")), qPrintable(err));
    QCOMPARE(readFileBytes(path), old);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("case.json")});
}

void TestDurableWrites::writerNamesUnwritableFolder() {
    const QString path = QStringLiteral("/nonexistent-folder-pw/case.json");
    const QString err = writeFileAtomically(path, "x");
    QVERIFY2(err.startsWith(QStringLiteral("Cannot write ") + path + u':'), qPrintable(err));
}

void TestDurableWrites::importOutputOverLimitKeepsCase() {
    QTemporaryDir dir;
    const QString casePath = dir.filePath(QStringLiteral("case.json"));
    const QByteArray old = readFileBytes(samplePath(QStringLiteral("seed-job.json")));
    writeBytes(casePath, old);
    // The combined case is larger than the old one: the limit lets the old size through, not the new.
    const Run r =
        runLimited({QStringLiteral("import"), casePath, samplePath(QStringLiteral("brooklyn-offerings.csv")),
                    QStringLiteral("-o"), casePath},
                   rlim_t(old.size() + 100));
    QVERIFY2(r.exitCode != 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(casePath), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("File too large")), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QStringLiteral("imported")), qPrintable(r.err));
    QCOMPARE(readFileBytes(casePath), old);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("case.json")});
    // The same command without the limit succeeds: the failure above was the write, nothing else.
    const Run ok =
        runLimited({QStringLiteral("import"), casePath, samplePath(QStringLiteral("brooklyn-offerings.csv")),
                    QStringLiteral("-o"), casePath},
                   0);
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(readFileBytes(casePath).size() > old.size() + 100);
}

void TestDurableWrites::standardOutputOverLimitIsAnError() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("ranking.json"));
    const QStringList args{QStringLiteral("rank"), samplePath(QStringLiteral("brooklyn-household.json")),
                           QStringLiteral("--format"), QStringLiteral("json")};
    const Run r = runLimited(args, 2000, out);
    QVERIFY2(r.exitCode != 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("cannot write standard output")), qPrintable(r.err));
    const Run ok = runLimited(args, 0, out);
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(QFileInfo(out).size() > 2000);
}

void TestDurableWrites::screenshotOverLimitKeepsOldFile() {
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("window.png"));
    writeBytes(png, "previous screenshot");
    const Run r = runLimited({QStringLiteral("--screenshot"), png}, 4096);
    QVERIFY2(r.exitCode != 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(png) && r.err.contains(QStringLiteral("File too large")), qPrintable(r.err));
    QCOMPARE(readFileBytes(png), QByteArray("previous screenshot"));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("window.png")});
}

void TestDurableWrites::importOnFullTmpfsKeepsCase() {
    TinyTmpfs fs(64);
    if (!fs.mounted()) QSKIP("needs root and a mountable tmpfs");
    const QString casePath = fs.path() + QStringLiteral("/case.json");
    const QByteArray old = readFileBytes(samplePath(QStringLiteral("seed-job.json")));
    writeBytes(casePath, old);
    fs.fill();
    const Run r =
        runLimited({QStringLiteral("import"), casePath, samplePath(QStringLiteral("brooklyn-offerings.csv")),
                    QStringLiteral("-o"), casePath},
                   0);
    QVERIFY2(r.exitCode != 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(casePath), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("No space left on device")), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QStringLiteral("imported")), qPrintable(r.err));
    QCOMPARE(readFileBytes(casePath), old);
    QCOMPARE(entries(fs.path()), (QStringList{QStringLiteral("case.json"), QStringLiteral("filler")}));
}

void TestDurableWrites::specialFilesAreWrittenIntoNotReplaced() {
    // /dev/null stays the device, and a full device reports the system's reason.
    QCOMPARE(writeFileAtomically(QStringLiteral("/dev/null"), "data"), QString());
    QVERIFY(QFileInfo(QStringLiteral("/dev/null")).exists());
    struct stat st {};
    QCOMPARE(::stat("/dev/null", &st), 0);
    QVERIFY(S_ISCHR(st.st_mode));
    const QString full = writeFileAtomically(QStringLiteral("/dev/full"), "data");
    QVERIFY2(full.contains(QStringLiteral("/dev/full")) && full.contains(QStringLiteral("No space left")),
             qPrintable(full));
    QCOMPARE(::stat("/dev/full", &st), 0);
    QVERIFY(S_ISCHR(st.st_mode));

    // A named pipe: the reader gets every byte, and the pipe is still a pipe afterwards.
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QProcess reader;
    reader.start(QStringLiteral("cat"), {fifo});
    QVERIFY(reader.waitForStarted());
    const QByteArray payload(100000, 'p');
    QCOMPARE(writeFileAtomically(fifo, payload), QString());
    QVERIFY(reader.waitForFinished(10000));
    QCOMPARE(reader.readAllStandardOutput(), payload);
    QCOMPARE(::stat(QFile::encodeName(fifo).constData(), &st), 0);
    QVERIFY(S_ISFIFO(st.st_mode));
}

void TestDurableWrites::importToStandardOutput() {
    for (const QStringList &extra : {QStringList{}, QStringList{QStringLiteral("-o"), QStringLiteral("-")}}) {
        const Run r =
            runLimited(QStringList{QStringLiteral("import"), samplePath(QStringLiteral("seed-job.json")),
                                   samplePath(QStringLiteral("brooklyn-offerings.csv"))} +
                           extra,
                       0);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(u'{') && r.out.contains(QStringLiteral("\"offerings\"")),
                 qPrintable(r.out.left(200)));
        QVERIFY(!QFileInfo::exists(QStringLiteral("-")));
    }
}

void TestDurableWrites::nothingPrintedAsSuccessWhenOutputFails_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("successText");
    QTest::newRow("import to stdout")
        << QStringList{QStringLiteral("import"), samplePath(QStringLiteral("seed-job.json")),
                       samplePath(QStringLiteral("brooklyn-offerings.csv"))}
        << QStringLiteral("imported");
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << QString();
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << QString();
}

void TestDurableWrites::nothingPrintedAsSuccessWhenOutputFails() {
    QFETCH(QStringList, args);
    QFETCH(QString, successText);
    const Run r = runLimited(args, 0, QStringLiteral("/dev/full"));
    QVERIFY2(r.exitCode != 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("cannot write standard output")), qPrintable(r.err));
    if (!successText.isEmpty()) QVERIFY2(!r.err.contains(successText), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestDurableWrites)
#include "tst_durablewrites.moc"
