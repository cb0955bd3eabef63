// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

#include <csignal>
#include <sys/resource.h>

namespace pw::test {

QDateTime fixedNow() {
    return QDateTime(QDate(2026, 11, 28), QTime(12, 0), QTimeZone::utc());
}

QByteArray readFileBytes(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read test file %s", qPrintable(path));
    return f.readAll();
}

JsonValue readJsonFile(const QString &path) {
    JsonParseError e;
    auto v = parseJson(readFileBytes(path), &e);
    if (!v) qFatal("invalid JSON in %s: %s", qPrintable(path), qPrintable(e.toString()));
    return *v;
}

QString samplePath(const QString &name) {
    return QStringLiteral(PW_SOURCE_DIR "/resources/samples/") + name;
}

QString fixturePath(const QString &relative) {
    return QStringLiteral(PW_FIXTURES_DIR "/") + relative;
}

namespace {

ProcessResult runProcess(const QStringList &args, const QStringList &extraEnv, int timeoutMs,
                         qint64 limitBytes, const QString &stdoutFile) {
    QProcess p;
    if (limitBytes > 0) {
        p.setChildProcessModifier([limitBytes] {
            std::signal(SIGXFSZ, SIG_IGN);
            rlimit l;
            getrlimit(RLIMIT_FSIZE, &l);
            l.rlim_cur = rlim_t(limitBytes);
            setrlimit(RLIMIT_FSIZE, &l);
        });
    }
    if (!stdoutFile.isEmpty()) p.setStandardOutputFile(stdoutFile, QIODevice::Truncate);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : extraEnv) {
        const int eq = kv.indexOf(u'=');
        env.insert(kv.left(eq), kv.mid(eq + 1));
    }
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PW_BINARY), args);
    ProcessResult r;
    if (!p.waitForStarted(10000)) return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

ProcessResult runWorkbench(const QStringList &args, const QStringList &extraEnv, int timeoutMs) {
    return runProcess(args, extraEnv, timeoutMs, 0, {});
}

ProcessResult runWorkbenchLimited(const QStringList &args, qint64 limitBytes, const QString &stdoutFile,
                                  const QStringList &extraEnv) {
    return runProcess(args, QStringList{QStringLiteral("QT_QPA_PLATFORM=offscreen")} + extraEnv, 120000,
                      limitBytes, stdoutFile);
}

bool makeStoreRefuseNewRuns(const QString &path, const QString &reason) {
    const QString name = QStringLiteral("pw-test-refuse");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral(
                          "CREATE TRIGGER refuse BEFORE INSERT ON runs BEGIN SELECT RAISE(FAIL, '%1'); END")
                          .arg(QString(reason).replace(u'\'', QStringLiteral("''"))));
            ok = q.exec();
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

QString firstTerminalUnsafe(const QString &text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if ((u < 0x20 && u != u'\n') || (u >= 0x7f && u < 0xa0) || u == 0x061c || u == 0x200e ||
            u == 0x200f || (u >= 0x2028 && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0xfffd)
            return QStringLiteral("U+%1 at %2 in: %3")
                .arg(uint(u), 4, 16, QChar(u'0'))
                .arg(i)
                .arg(text.mid(std::max<qsizetype>(0, i - 40), 80));
    }
    return QString();
}

JsonValue plainCase(const std::vector<int> &perLine) {
    const QStringList lines = {QStringLiteral("home"), QStringLiteral("auto"), QStringLiteral("umbrella")};
    JsonValue input = JsonValue::object();
    JsonValue address = JsonValue::object();
    address.insert(QStringLiteral("state"), QStringLiteral("NY"));
    input.insert(QStringLiteral("address"), address);
    JsonValue types = JsonValue::array();
    for (size_t i = 0; i < perLine.size(); ++i)
        types.append(lines[qsizetype(i)]);
    input.insert(QStringLiteral("coverage_types"), types);
    JsonValue offerings = JsonValue::array();
    for (size_t li = 0; li < perLine.size(); ++li) {
        for (int k = 0; k < perLine[li]; ++k) {
            JsonValue o = JsonValue::object();
            o.insert(QStringLiteral("id"), QStringLiteral("%1-%2").arg(lines[qsizetype(li)]).arg(k));
            o.insert(QStringLiteral("provider_id"), QStringLiteral("carrier-%1").arg(k % 7));
            o.insert(QStringLiteral("category"), lines[qsizetype(li)]);
            JsonValue c = JsonValue::object();
            if (li == 0) c.insert(QStringLiteral("liability_limit"), 300000 + 100000 * (k % 3));
            if (li == 1) {
                c.insert(QStringLiteral("bi_per_person"), 100000 + 150000 * (k % 2));
                c.insert(QStringLiteral("bi_per_accident"), 300000 + 200000 * (k % 2));
            }
            if (li == 2) {
                JsonValue req = JsonValue::object();
                req.insert(QStringLiteral("auto_bi_per_person"), 100000 + 150000 * (k % 2));
                req.insert(QStringLiteral("home_liability"), 300000 + 100000 * ((k / 2) % 2));
                c.insert(QStringLiteral("required_underlying"), req);
                c.insert(QStringLiteral("umbrella_limit"), 1000000);
            }
            o.insert(QStringLiteral("coverage"), c);
            JsonValue a = JsonValue::object();
            a.insert(QStringLiteral("line_premium_annual"),
                     500 + (k * 37 + int(li) * 11) % 2000 + 0.25 * (k % 4));
            o.insert(QStringLiteral("attributes"), a);
            offerings.append(o);
        }
    }
    JsonValue root = JsonValue::object();
    root.insert(QStringLiteral("input"), input);
    root.insert(QStringLiteral("offerings"), offerings);
    return root;
}

} // namespace pw::test
