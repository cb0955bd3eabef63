// SPDX-License-Identifier: MIT
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QTest>
#include <QTimeZone>

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

ProcessResult runWorkbench(const QStringList &args, const QStringList &extraEnv, int timeoutMs) {
    QProcess p;
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

} // namespace pw::test
