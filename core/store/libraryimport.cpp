// SPDX-License-Identifier: MIT
#include "libraryimport.h"

#include "io/casefile.h"
#include "io/safefilewriter.h"

#include <QDir>
#include <QFileInfo>

namespace pw {

ImportReport importCaseFolder(CaseLibrary &library, const QString &folder, const QDateTime &now,
                              const QString &author, const std::function<void(int, int)> &progress) {
    ImportReport report;
    const QDir dir(folder);
    if (!dir.exists()) {
        report.skipped << QStringLiteral("%1: no such folder").arg(folder);
        return report;
    }
    const QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files | QDir::Readable, QDir::Name);
    int done = 0;
    for (const QFileInfo &info : files) {
        if (progress) progress(done++, int(files.size()));
        const QString path = info.absoluteFilePath();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            report.skipped << QStringLiteral("%1: cannot be read: %2").arg(info.fileName(), f.errorString());
            continue;
        }
        if (f.size() > kMaxCaseFileBytes) {
            report.skipped << QStringLiteral("%1: is too large").arg(info.fileName());
            continue;
        }
        const QByteArray bytes = f.readAll();
        const CaseFileResult parsed = parseCaseBytes(bytes);
        if (!parsed.root) {
            report.skipped << QStringLiteral("%1: %2").arg(info.fileName(), parsed.problem.message);
            continue;
        }
        if (!parsed.root->isObject() || !(*parsed.root)[u"input"].isObject()) {
            report.skipped
                << QStringLiteral("%1: not a case file (no \"input\" object)").arg(info.fileName());
            continue;
        }
        SaveOptions o;
        o.filePath = path;
        o.author = author;
        o.ranking = rankCaseSnapshot(*parsed.root, now);
        o.detail = QStringLiteral("imported from %1").arg(path);
        auto outcome = library.importCase(bytes, o);
        // Another client stored the same thing at the same moment: deciding again sees what it stored.
        if (!outcome && library.lastFailure() == LibraryFailure::Conflict)
            outcome = library.importCase(bytes, o);
        if (!outcome) {
            const LibraryFailure failure = library.lastFailure();
            if (failure == LibraryFailure::Unreachable || failure == LibraryFailure::Refused) {
                report.libraryError =
                    QStringLiteral("%1 (while importing %2)").arg(library.lastError(), info.fileName());
                return report;
            }
            report.skipped << QStringLiteral("%1: %2").arg(info.fileName(), library.lastError());
            continue;
        }
        switch (outcome->kind) {
        case ImportOutcome::Kind::Added:
            ++report.added;
            break;
        case ImportOutcome::Kind::Updated:
            ++report.updated;
            break;
        case ImportOutcome::Kind::Unchanged:
            ++report.unchanged;
            break;
        case ImportOutcome::Kind::Duplicate:
            report.duplicates << QStringLiteral("%1: the same bytes as case %2 (%3); not added again")
                                     .arg(info.fileName())
                                     .arg(outcome->caseId)
                                     .arg(outcome->insuredName);
            break;
        }
    }
    if (progress) progress(done, int(files.size()));
    return report;
}

QString exportVersion(CaseLibrary &library, qint64 versionId, const QString &fileName, bool requestBodyOnly,
                      const QString &author, const std::function<QString(const QByteArray &)> &write) {
    const auto v = library.version(versionId);
    if (!v)
        return library.lastError().isEmpty()
                   ? QStringLiteral("There is no version %1 in the library").arg(versionId)
                   : library.lastError();
    QByteArray bytes = v->body;
    if (requestBodyOnly) {
        const auto root = parseJson(bytes);
        if (!root) return QStringLiteral("Version %1 is not valid JSON").arg(versionId);
        bytes = writeJson(apiRequestBody(*root));
    }
    if (const QString err = write ? write(bytes) : writeFileAtomically(fileName, bytes); !err.isEmpty())
        return err;
    AuditEntry e;
    e.caseId = v->caseId;
    e.versionId = versionId;
    e.kind = QStringLiteral("exported");
    e.author = author;
    e.detail = QStringLiteral("version %1 exported to %2%3")
                   .arg(v->number)
                   .arg(write ? fileName : QFileInfo(fileName).absoluteFilePath(),
                        requestBodyOnly ? QStringLiteral(" (request body)") : QString());
    if (!library.addAudit(e))
        return QStringLiteral("The file was written, but the audit trail was not: %1")
            .arg(library.lastError());
    return QString();
}

} // namespace pw
