// SPDX-License-Identifier: MIT
#include "casefile.h"

#include <QFile>
#include <QFileInfo>

namespace pw {

CaseFileResult parseCaseBytes(const QByteArray &bytes, const JsonParseOptions &options) {
    CaseFileResult r;
    JsonParseError err;
    r.root = parseJson(bytes, &err, options);
    if (!r.root) {
        r.problem = {Problem::Severity::Error, QString(),
                     QStringLiteral("malformed JSON at line %1, column %2: %3")
                         .arg(err.line)
                         .arg(err.column)
                         .arg(err.message)};
    }
    return r;
}

bool readCaseFileBytes(const QString &fileName, QByteArray *bytes, CaseFileResult *failure, qint64 maxBytes) {
    CaseFileResult &r = *failure;
    QFile f(fileName);
    const QFileInfo info(fileName);
    if (info.isDir()) {
        r.unreadable = true;
        r.problem = {Problem::Severity::Error, QString(), QStringLiteral("is a folder, not a case file")};
        return false;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        r.unreadable = true;
        r.problem = {Problem::Severity::Error, QString(),
                     QStringLiteral("cannot be read: %1").arg(f.errorString())};
        return false;
    }
    if (f.size() > maxBytes) {
        r.problem = {Problem::Severity::Error, QString(),
                     QStringLiteral("is too large (%1 MB; the limit is %2 MB)")
                         .arg(f.size() / (1024 * 1024))
                         .arg(maxBytes / (1024 * 1024))};
        return false;
    }
    *bytes = f.readAll();
    if (f.error() != QFileDevice::NoError) {
        r.unreadable = true;
        r.problem = {Problem::Severity::Error, QString(),
                     QStringLiteral("cannot be read: %1").arg(f.errorString())};
        return false;
    }
    return true;
}

CaseFileResult readCaseFile(const QString &fileName, qint64 maxBytes) {
    CaseFileResult failure;
    QByteArray bytes;
    if (!readCaseFileBytes(fileName, &bytes, &failure, maxBytes)) return failure;
    return parseCaseBytes(bytes);
}

JsonValue apiRequestBody(const JsonValue &root) {
    JsonValue body = root;
    body.remove(u"workbench");
    return body;
}

QString caseFileNameForSave(const QString &typed) {
    if (typed.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) return typed;
    return typed + QString::fromUtf16(kCaseFileSuffix);
}

} // namespace pw
