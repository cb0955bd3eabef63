// SPDX-License-Identifier: MIT
// submit, status and runs as processes against a fake Nexio server whose answers must not be taken at
// their word: a key echoed where a message is cut, or in other spellings; poll answers for another run,
// without a status or too large to read; accepts that cannot be read; 500s to a submission; answers
// trickled a byte at a time; and a run store that cannot be written.
#include "fakenexioserver.h"
#include "remotecli.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <unistd.h>

using namespace pw;
using pw::test::FakeNexioServer;
using Action = FakeNexioServer::Action;
using Match = FakeNexioServer::Match;

namespace {

// A key whose secret part (after "nx_test_") is long enough to be recognised on its own.
const QString kKey = QStringLiteral("nx_test_Q7fZ2kLm9XwB4pRt");
const QString kSecretPart = kKey.mid(8);

// What of the key `text` gives away, described; empty when nothing: a start of the key longer than its
// public "nx_test_" prefix plus one character, or any 8 characters in a row of its secret part, in any
// letter case.
QString leak(const QString &text) {
    for (qsizetype n = kKey.size(); n >= 10; --n)
        if (text.contains(kKey.left(n), Qt::CaseInsensitive))
            return QStringLiteral("key start ") + kKey.left(n);
    for (qsizetype i = 0; i + 8 <= kSecretPart.size(); ++i)
        if (text.contains(kSecretPart.mid(i, 8), Qt::CaseInsensitive))
            return QStringLiteral("key part ") + kSecretPart.mid(i, 8);
    return QString();
}

QString utf16Text(const QByteArray &bytes, bool littleEndian) {
    QString s;
    for (qsizetype i = 0; i + 1 < bytes.size(); i += 2) {
        const uchar a = uchar(bytes[i]), b = uchar(bytes[i + 1]);
        s += QChar(littleEndian ? char16_t(a | b << 8) : char16_t(b | a << 8));
    }
    return s;
}

// The first file under `dir` (UTF-8, or UTF-16 at either byte order and alignment) that gives away the
// key, with what it gives; empty when none.
QString leakInFiles(const QString &dir) {
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QByteArray bytes = test::readFileBytes(file);
        for (const QString &text :
             {QString::fromLatin1(bytes), utf16Text(bytes, true), utf16Text(bytes, false),
              utf16Text(bytes.mid(1), true), utf16Text(bytes.mid(1), false)})
            if (const QString what = leak(text); !what.isEmpty()) return file + QStringLiteral(": ") + what;
    }
    return QString();
}

QByteArray percentEncodedEveryCharacter(const QString &text) {
    QByteArray out;
    for (const char c : text.toUtf8())
        out += '%' + QByteArray::number(uchar(c), 16).toUpper().rightJustified(2, '0');
    return out;
}

// Makes the store file and its folder unwritable for this process: permissions, or the immutable
// attribute when running as root (whom permissions do not stop). Undone when destroyed.
class ReadOnlyStore {
public:
    ReadOnlyStore(const QString &dir, const QString &file)
        : m_dir(dir)
        , m_file(file) {
        if (::geteuid() == 0) {
            m_immutable =
                QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("+i"), m_file, m_dir}) == 0;
            m_ok = m_immutable;
        } else {
            m_ok = QFile::setPermissions(m_file, QFile::ReadOwner | QFile::ReadUser) &&
                   QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadUser |
                                                    QFile::ExeUser);
        }
    }
    ~ReadOnlyStore() {
        if (m_immutable) QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), m_file, m_dir});
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
    }
    bool ok() const { return m_ok; }

private:
    QString m_dir, m_file;
    bool m_ok = false;
    bool m_immutable = false;
};

} // namespace

class TestRemoteAnswers : public QObject {
    Q_OBJECT

private:
    pw::test::FakeNexioServerThread m_server;
    pw::test::RemoteCliEnvironment m_env{kKey};
    QString m_case;

    QStringList fast() const { return pw::test::RemoteCliEnvironment::fastOptions(m_server->baseUrl()); }
    pw::test::ProcessResult cli(const QStringList &args, const QString &dataDir = QString()) const {
        return m_env.run(args, dataDir);
    }
    // A run submitted (and stored) without waiting; its id.
    QString submitted(const QString &dataDir = QString()) {
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case} + fast(), dataDir);
        if (r.exitCode != 0) qWarning("submit failed: %s", r.err.constData());
        return QString::fromUtf8(r.out).trimmed();
    }
    JsonValue storedRun(const QString &runId, const QString &dataDir = QString()) const {
        const auto list = parseJson(
            cli({QStringLiteral("runs"), QStringLiteral("--format"), QStringLiteral("json")}, dataDir).out);
        if (list)
            for (const JsonValue &run : list->arrayItems())
                if (run[u"run_id"].toString() == runId) return run;
        return JsonValue();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_server.port() != 0);
        QVERIFY(m_env.isValid());
        m_server->setExpectedKey(kKey.toUtf8());
        m_case = m_env.home() + QStringLiteral("/seed.json");
        QVERIFY(QFile::copy(pw::test::samplePath(QStringLiteral("seed-job.json")), m_case));
    }
    void init() { m_server->reset(); }

    void keyWhereAMessageIsCutNeverLeaks_data() {
        QTest::addColumn<bool>("onSubmit");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        // Server text is cut to 400 characters (codes to 80, raw bodies to 200): each key straddles its cut.
        QTest::newRow("403 on poll, message")
            << false << 403
            << "{\"error\":{\"code\":\"forbidden\",\"message\":\"" + QByteArray(380, 'z') + "$KEY\"}}";
        QTest::newRow("401 on submit, message")
            << true << 401
            << "{\"error\":{\"code\":\"unauthorized\",\"message\":\"" + QByteArray(381, 'x') + "$KEY\"}}";
        QTest::newRow("500 on submit, plain text") << true << 500 << QByteArray(185, 'y') + "$KEY";
        QTest::newRow("422 on poll, details")
            << false << 422
            << "{\"error\":{\"code\":\"c\",\"message\":\"m\",\"details\":{\"a\":\"" + QByteArray(372, 'w') +
                   "$KEY\"}}}";
        QTest::newRow("403 on poll, code")
            << false << 403 << "{\"error\":{\"code\":\"" + QByteArray(70, 'k') + "$KEY\",\"message\":\"m\"}}";
        QTest::newRow("flat envelope")
            << false << 404 << "{\"code\":\"gone\",\"message\":\"" + QByteArray(390, 'q') + "$KEY\"}";
    }
    void keyWhereAMessageIsCutNeverLeaks() {
        QFETCH(bool, onSubmit);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        const QString dataDir =
            m_env.freshDataDir(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
        QList<pw::test::ProcessResult> results;
        if (onSubmit) {
            m_server->queue(Match::Submit, Action::respond(status, body), 3);
            results << cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--max-retries"),
                                       QStringLiteral("1")} +
                               fast(),
                           dataDir);
        } else {
            const QString runId = submitted(dataDir);
            QVERIFY(!runId.isEmpty());
            m_server->queue(Match::Poll, Action::respond(status, body), 3);
            results << cli({QStringLiteral("status"), runId}, dataDir);
            results << cli({QStringLiteral("runs"), QStringLiteral("--format"), QStringLiteral("json")},
                           dataDir);
        }
        QVERIFY2(results.first().exitCode != 0, results.first().err.constData());
        QVERIFY2(results.first().err.contains("[api key]"), results.first().err.constData());
        for (const auto &r : results) {
            QVERIFY2(leak(QString::fromUtf8(r.out)).isEmpty(), qPrintable(leak(QString::fromUtf8(r.out))));
            QVERIFY2(leak(QString::fromUtf8(r.err)).isEmpty(), qPrintable(leak(QString::fromUtf8(r.err))));
        }
        const QString inFiles = leakInFiles(m_env.home());
        QVERIFY2(inFiles.isEmpty(), qPrintable(inFiles));
    }

    void keyInOtherSpellingsIsScrubbed() {
        const QByteArray key = kKey.toUtf8();
        QByteArrayList spellings = {
            key.toUpper(),
            key.toLower(),
            percentEncodedEveryCharacter(kKey),
            "nx_test_" + percentEncodedEveryCharacter(kSecretPart).toLower(),
            "nx_test_ " + kSecretPart.toUtf8(),
            "nx_test_\\\\u" + QByteArray::number(kSecretPart.at(0).unicode(), 16).rightJustified(4, '0') +
                kSecretPart.mid(1).toUtf8()};
        for (int offset = 0; offset < 3; ++offset)
            for (const auto option : {QByteArray::Base64Encoding, QByteArray::Base64UrlEncoding})
                spellings << QByteArray(QByteArray(offset, '#') + "Bearer " + key + "?&").toBase64(option);
        QByteArray output = "{";
        for (int i = 0; i < spellings.size(); ++i)
            output += "\"s" + QByteArray::number(i) + "\":\"" + spellings[i] + "\",";
        output += "\"" + key + "\":\"as a member name\"}";
        // A completed run object (no run_id: tolerated) whose output echoes the key in every spelling.
        m_server->queue(Match::Poll,
                        Action::respond(200, "{\"status\":\"completed\",\"stage\":\"" + key.toUpper() +
                                                 "\",\"solutions\":[],\"output\":" + output + "}"));
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait"),
                                       QStringLiteral("--format"), QStringLiteral("json")} +
                           fast());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto run = parseJson(r.out);
        QVERIFY2(run, r.out.constData());
        QCOMPARE((*run)[u"stage"].toString(), QStringLiteral("[api key]"));
        QCOMPARE((*run)[u"output"][u"[api key]"].toString(), QStringLiteral("as a member name"));
        for (int i = 0; i < spellings.size(); ++i) {
            const QString value = (*run)[u"output"][QStringLiteral("s%1").arg(i)].toString();
            QVERIFY2(value.contains(QStringLiteral("[api key]")),
                     qPrintable(QString::number(i) + u' ' + value));
            QVERIFY2(!r.out.contains(spellings[i]), spellings[i].constData());
        }
        QVERIFY2(leak(QString::fromUtf8(r.out)).isEmpty(), qPrintable(leak(QString::fromUtf8(r.out))));
        for (const QByteArray &spelling : spellings) {
            const QStringList files = m_env.filesContaining(spelling);
            QVERIFY2(files.isEmpty(), qPrintable(files.join(u' ') + u' ' + QString::fromUtf8(spelling)));
        }
        const QString inFiles = leakInFiles(m_env.home());
        QVERIFY2(inFiles.isEmpty(), qPrintable(inFiles));
    }

    void pollAnswerThatCannotBeFollowedIsNotResumed_data() {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<QString>("said");
        QTest::newRow("no status") << QByteArray("{\"status\":null}") << QStringLiteral("has no status");
        QTest::newRow("status is a number")
            << QByteArray("{\"status\":5}") << QStringLiteral("has a status that is 5,");
        QTest::newRow("status is an object") << QByteArray("{\"status\":{\"name\":\"completed\"}}")
                                             << QStringLiteral("has a status that is an object,");
        QTest::newRow("another run") << QByteArray("{\"run_id\":\"someone-else\\u001b[2J\"}")
                                     << QStringLiteral("the server answered with run someone-else\\u001b[2J");
        QTest::newRow("run id a number")
            << QByteArray("{\"run_id\":7}") << QStringLiteral("the server answered with run 7");
    }
    void pollAnswerThatCannotBeFollowedIsNotResumed() {
        QFETCH(QByteArray, fields);
        QFETCH(QString, said);
        m_server->setRunFields(*parseJson(fields));
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait")} + fast());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains(said.toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("will not be resumed"), r.err.constData());
        const QString runId = QString::fromUtf8(r.out).section(u'\n', 0, 0);
        const int polls = m_server->pollsOf(runId);
        QCOMPARE(polls, 1);
        // Not polled again at the next start, and listed with the reason.
        const auto resumed = cli({QStringLiteral("runs"), QStringLiteral("--resume"),
                                  QStringLiteral("--poll-initial-ms"), QStringLiteral("30")});
        QVERIFY2(!resumed.err.contains(runId.toUtf8()), resumed.err.constData());
        QCOMPARE(m_server->pollsOf(runId), polls);
        const JsonValue stored = storedRun(runId);
        QCOMPARE(stored[u"watched"].toBool(true), false);
        QVERIFY2(stored[u"last_error"].toString().contains(said),
                 qPrintable(stored[u"last_error"].toString()));
        QCOMPARE(stored[u"status"].toString(), QStringLiteral("queued")); // nothing of the answer was kept
        const auto table = cli({QStringLiteral("runs")});
        QVERIFY2(table.out.contains("not watched, see below"), table.out.constData());
        QVERIFY2(table.out.contains(said.toUtf8()), table.out.constData());
    }

    void oneShotStatusChecksTheRunId() {
        const QString runId = submitted();
        QVERIFY(!runId.isEmpty());
        m_server->setRunFields(*parseJson("{\"run_id\":\"6f1c2a40-ffff-4000-8000-000000000099\"}"));
        const auto r = cli({QStringLiteral("status"), runId});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("the server answered with run 6f1c2a40-ffff-4000-8000-000000000099"),
                 r.err.constData());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const JsonValue stored = storedRun(runId);
        QCOMPARE(stored[u"status"].toString(), QStringLiteral("queued"));
        QCOMPARE(stored[u"watched"].toBool(true), false);
    }

    void unreadableAcceptIsNotResent_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("said");
        QTest::newRow("cut-off JSON naming the run")
            << 202
            << QByteArray("{\"run_id\": \"6f1c2a40-aaaa-4000-8000-000000000001\", \"status\": \"queued\"")
            << QStringLiteral("`placement-workbench status 6f1c2a40-aaaa-4000-8000-000000000001 --wait`");
        QTest::newRow("not JSON") << 202 << QByteArray("<html>accepted</html>")
                                  << QStringLiteral("not valid JSON");
        QTest::newRow("unusable run id")
            << 202 << QByteArray("{\"run_id\":\"../x\\u001b[2J\",\"status\":\"queued\"}")
            << QStringLiteral("\"../x\\u001b[2J\" is not usable");
        QTest::newRow("no run id") << 201 << QByteArray("{\"id\":\"abc\"}")
                                   << QStringLiteral("sent no run_id");
        QTest::newRow("the key as run id")
            << 202 << QByteArray("{\"run_id\": \"$KEY\", \"status\": ") << QStringLiteral("dashboard");
    }
    void unreadableAcceptIsNotResent() {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, said);
        m_server->queue(Match::Submit, Action::respond(status, body).accepted(), 3);
        const int before = m_server->runCount();
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case} + fast());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("may have been accepted"), r.err.constData());
        QVERIFY2(r.err.contains("not sent again"), r.err.constData());
        QVERIFY2(r.err.contains(said.toUtf8()), r.err.constData());
        QVERIFY2(pw::test::firstTerminalUnsafe(QString::fromUtf8(r.err)).isEmpty(), r.err.constData());
        QVERIFY2(leak(QString::fromUtf8(r.err)).isEmpty(), r.err.constData());
        QCOMPARE(int(m_server->requests("POST").size()), 1);
        QCOMPARE(m_server->runCount() - before, 1);
    }

    void unreadableAnswerIsNotFetchedAgain_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("larger than the cap") << 0;
        QTest::newRow("nested too deep") << 1;
    }
    void unreadableAnswerIsNotFetchedAgain() {
        QFETCH(int, kind);
        m_server->queue(
            Match::Poll,
            kind == 0 ? Action::huge(9ll * 1024 * 1024, true)
                      : Action::respond(200, "{\"status\":\"completed\",\"output\":" + QByteArray(300, '[') +
                                                 QByteArray(300, ']') + "}"));
        const auto r = cli(QStringList{QStringLiteral("submit"), m_case, QStringLiteral("--wait")} + fast());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains(kind == 0 ? "larger than the 8 MB limit" : "nesting deeper"),
                 r.err.constData());
        const QString runId = QString::fromUtf8(r.out).section(u'\n', 0, 0);
        const int gets = int(m_server->requests("GET").size());
        const auto resumed = cli({QStringLiteral("runs"), QStringLiteral("--resume"),
                                  QStringLiteral("--poll-initial-ms"), QStringLiteral("30")});
        QCOMPARE(int(m_server->requests("GET").size()), gets);
        QCOMPARE(storedRun(runId)[u"watched"].toBool(true), false);
    }

    void timeoutBoundsTheWholeRequest() {
        const QString runId = submitted();
        QVERIFY(!runId.isEmpty());
        // An answer that arrives a byte every 50 ms (20 s in all): never silent long enough for a transfer
        // timeout, so only a deadline on the whole request ends it.
        m_server->queue(Match::Poll,
                        Action::trickle("{\"status\":\"processing\"}" + QByteArray(380, ' '), 50));
        QElapsedTimer clock;
        clock.start();
        const auto r =
            cli({QStringLiteral("status"), runId, QStringLiteral("--timeout-ms"), QStringLiteral("500")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(r.err.contains("within 0.5 s"), r.err.constData());
    }

    void oneAttemptIsSingular() {
        const QString runId = submitted();
        QVERIFY(!runId.isEmpty());
        m_server->queue(Match::Poll,
                        Action::respond(503, "{\"code\":\"auth_unavailable\",\"message\":\"later\"}"));
        const auto r = cli(QStringList{QStringLiteral("status"), runId, QStringLiteral("--wait"),
                                       QStringLiteral("--max-retries"), QStringLiteral("0")} +
                           fast());
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("(gave up after 1 attempt)"), r.err.constData());
    }

    void damagedStoreIsReportedInOneLine() {
        const QString dataDir = m_env.freshDataDir(QStringLiteral("damaged-cells"));
        const QString store = dataDir + QStringLiteral("/runs.sqlite");
        for (int i = 0; i < 6; ++i)
            QVERIFY(!submitted(dataDir).isEmpty());
        {
            // Cell offsets of the runs table's page overwritten: SQLite finds one fault per cell.
            QFile f(store);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(4096 + 8));
            QVERIFY(f.write(QByteArray(40, char(0xa5))) == 40);
        }
        const auto r = cli({QStringLiteral("runs")}, dataDir);
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(r.err.size() < 400, r.err.constData());
        QVERIFY2(r.err.contains("damaged"), r.err.constData());
        QVERIFY2(r.err.contains(store.toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("more findings"), r.err.constData());
        QVERIFY2(!r.err.contains("\\n"), r.err.constData());
    }

    void readOnlyStoreIsCheckedBeforeSubmitting() {
        const QString dataDir = m_env.freshDataDir(QStringLiteral("read-only"));
        const QString store = dataDir + QStringLiteral("/runs.sqlite");
        const QString runId = submitted(dataDir);
        QVERIFY(!runId.isEmpty());
        const QByteArray before = pw::test::readFileBytes(store);
        ReadOnlyStore readOnly(dataDir, store);
        if (!readOnly.ok()) QSKIP("cannot make the store read-only here (root without chattr)");
        const int posts = int(m_server->requests("POST").size());

        const auto refused = cli(QStringList{QStringLiteral("submit"), m_case} + fast(), dataDir);
        QCOMPARE(refused.exitCode, 6);
        QVERIFY2(refused.err.contains("not submitted"), refused.err.constData());
        QVERIFY2(refused.err.contains(store.toUtf8()), refused.err.constData());
        QCOMPARE(int(m_server->requests("POST").size()), posts); // the case was not sent

        // status and status --wait read the store and print the run without recording it.
        const auto followed = cli(
            QStringList{QStringLiteral("status"), runId, QStringLiteral("--wait")} + fast().mid(2), dataDir);
        QVERIFY2(followed.exitCode == 0, followed.err.constData());
        QVERIFY2(followed.out.contains("Status:      completed"), followed.out.constData());
        QVERIFY2(followed.err.contains("not recorded"), followed.err.constData());
        const auto once = cli({QStringLiteral("status"), runId}, dataDir);
        QVERIFY2(once.exitCode == 0, once.err.constData());
        QVERIFY2(once.out.contains("Status:      completed"), once.out.constData());
        QCOMPARE(pw::test::readFileBytes(store), before);
    }
};

QTEST_GUILESS_MAIN(TestRemoteAnswers)
#include "tst_remoteanswers.moc"
