// SPDX-License-Identifier: MIT
// SqlCaseLibrary::importCase: a case file's "is it here already?" decided and written in one transaction.
#include "sqlcaselibrary.h"

#include "store/librarysql.h"

namespace pw {

using namespace librarysql;

std::optional<ImportOutcome> SqlCaseLibrary::importCase(const QByteArray &body, const SaveOptions &options) {
    std::optional<ImportOutcome> out;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString what = QStringLiteral("import the case");
    const bool ok = inTransaction(what, [&]() -> bool {
        // Under these locks no other client decides about the same file or the same bytes until this
        // transaction ends: what it finds below is what it writes next to.
        if (!lockKeys({QStringLiteral("file:") + options.filePath, QStringLiteral("bytes:") + bodyHash(body)},
                      what))
            return false;
        ImportOutcome o;
        const auto known = caseByFile(options.filePath);
        if (!m_lastError.isEmpty()) return false;
        if (known) {
            o.caseId = known->caseId;
            o.insuredName = known->facts.insuredName;
            const auto current = version(known->versionId);
            if (!current) {
                if (m_lastError.isEmpty()) fail(QStringLiteral("Cannot %1: its version is gone").arg(what));
                return false;
            }
            if (current->body == body) {
                o.kind = ImportOutcome::Kind::Unchanged;
                o.versionId = current->versionId;
                out = o;
                return true;
            }
            // The file changed since it was imported: a new version of the case, the stored one kept as it
            // was (nothing anyone saved is lost; `library versions` lists both).
            const auto number = nextVersionNumber(known->caseId, what);
            if (!number) return false;
            const auto id = insertVersion(known->caseId, *number, QStringLiteral("Re-imported"),
                                          current->versionId, body, options.ranking, now);
            if (!id || !touchCase(known->caseId, *id, now)) return false;
            AuditEntry e = auditEntry(known->caseId, *id, now, QStringLiteral("imported"), options.author);
            e.detail = QStringLiteral("version %1 (Re-imported) from version %2: %3")
                           .arg(*number)
                           .arg(current->number)
                           .arg(options.detail);
            if (!appendAudit(e) ||
                !appendEditAudit(known->caseId, *id, current->body, body, options.author, now))
                return false;
            if (options.ranking.hasRun &&
                !appendRankingAudit(known->caseId, *id, options.ranking, options.author, now))
                return false;
            o.kind = ImportOutcome::Kind::Updated;
            o.versionId = *id;
            out = o;
            return true;
        }
        const std::vector<qint64> same = versionsWithBytes(body);
        if (!m_lastError.isEmpty()) return false;
        if (!same.empty()) {
            const auto v = version(same.front());
            const auto c = v ? caseById(v->caseId) : std::nullopt;
            if (!m_lastError.isEmpty()) return false;
            o.kind = ImportOutcome::Kind::Duplicate;
            o.versionId = same.front();
            o.caseId = v ? v->caseId : 0;
            o.insuredName = c ? c->facts.insuredName : QString();
            out = o;
            return true;
        }
        const auto id = insertCase(body, options, now, &o.caseId);
        if (!id) return false;
        o.versionId = *id;
        out = o;
        return true;
    });
    return ok ? out : std::nullopt;
}

} // namespace pw
