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
        const auto known = library.caseByFile(path);
        if (known) {
            const auto current = library.version(known->versionId);
            if (current && current->body == bytes) {
                ++report.unchanged;
                continue;
            }
            // The file changed since it was imported: a new version of the case, the stored one kept as it
            // was (nothing a user saved is lost; `library versions` lists both).
            const auto fresh = library.copyVersion(known->versionId, QStringLiteral("Re-imported"), author);
            if (!fresh || !library.saveVersion(*fresh, bytes, o)) {
                report.libraryError = library.lastError();
                return report;
            }
            ++report.updated;
        } else {
            const std::vector<qint64> same = library.versionsWithBytes(bytes);
            if (!library.lastError().isEmpty()) {
                report.libraryError = library.lastError();
                return report;
            }
            if (!same.empty()) {
                const auto v = library.version(same.front());
                const auto c = v ? library.caseById(v->caseId) : std::nullopt;
                report.duplicates << QStringLiteral("%1: the same bytes as case %2 (%3); not added again")
                                         .arg(info.fileName())
                                         .arg(v ? v->caseId : 0)
                                         .arg(c ? c->facts.insuredName : QString());
                continue;
            }
            if (!library.addCase(bytes, o)) {
                report.libraryError = library.lastError();
                return report;
            }
            ++report.added;
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
