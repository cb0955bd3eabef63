// SPDX-License-Identifier: MIT
#include "librarypush.h"

#include <algorithm>

namespace pw {

namespace {

QString caseName(const LibraryCase &c) {
    return c.facts.insuredName.isEmpty() ? QStringLiteral("case %1").arg(c.caseId) : c.facts.insuredName;
}

} // namespace

PushReport pushLibrary(CaseLibrary &from, CaseLibrary &to, const QList<qint64> &caseIds,
                       const std::function<void(int, int)> &progress, const std::function<bool()> &cancel) {
    PushReport report;
    QList<qint64> ids = caseIds;
    if (ids.isEmpty()) {
        const auto all = from.cases();
        if (!from.lastError().isEmpty()) {
            report.error = from.lastError();
            return report;
        }
        for (const LibraryCase &c : all)
            ids << c.caseId;
        std::sort(ids.begin(), ids.end()); // in the order they were made
    }
    const int total = int(ids.size());
    for (int done = 0; done < total; ++done) {
        if (progress) progress(done, total);
        if (cancel && cancel()) {
            report.error = QStringLiteral("Stopped after %1 of %2 cases").arg(done).arg(total);
            return report;
        }
        CaseCopy copy;
        const auto summary = from.caseById(ids[done]);
        if (!summary) {
            report.error = from.lastError().isEmpty()
                               ? QStringLiteral("There is no case %1 in the library").arg(ids[done])
                               : from.lastError();
            return report;
        }
        copy.summary = *summary;
        for (const LibraryVersion &listed : from.versions(summary->caseId)) {
            auto v = from.version(listed.versionId);
            if (!v) {
                report.error = from.lastError();
                return report;
            }
            copy.versions.push_back(std::move(*v));
        }
        copy.notes = from.notes(summary->caseId);
        copy.audit = from.auditTrail(summary->caseId);
        copy.remoteRuns = from.remoteRuns(summary->caseId);
        if (!from.lastError().isEmpty()) {
            report.error = from.lastError();
            return report;
        }
        const auto outcome = to.addCaseCopy(copy);
        const QString name = caseName(*summary);
        if (!outcome) {
            const LibraryFailure failure = to.lastFailure();
            if (failure == LibraryFailure::Unreachable || failure == LibraryFailure::Refused) {
                report.error = QStringLiteral("%1: %2").arg(name, to.lastError());
                return report;
            }
            report.failed << QStringLiteral("%1: %2").arg(name, to.lastError());
            continue;
        }
        report.versionsCopied += outcome->versionsAdded;
        report.notesCopied += outcome->notesAdded;
        report.auditCopied += outcome->auditAdded;
        switch (outcome->kind) {
        case CopyOutcome::Kind::Copied:
            ++report.casesCopied;
            report.copied
                << QStringLiteral("%1: copied (%2 version(s))").arg(name).arg(outcome->versionsAdded);
            break;
        case CopyOutcome::Kind::AlreadyThere:
            ++report.casesSkipped;
            report.skipped << QStringLiteral("%1: already on the server (same bytes)").arg(name);
            break;
        case CopyOutcome::Kind::Appended:
            ++report.casesUpdated;
            report.updated << QStringLiteral("%1: %2 version(s) added").arg(name).arg(outcome->versionsAdded);
            break;
        case CopyOutcome::Kind::Conflict:
            ++report.casesUpdated;
            report.conflicts << QStringLiteral("%1: %2 changed the server's copy at %3; your %4 version(s) "
                                               "were added as \"Offline edit by %5\" (case %6 on the "
                                               "server)")
                                    .arg(name,
                                         outcome->changedBy.isEmpty() ? QStringLiteral("someone")
                                                                      : outcome->changedBy,
                                         outcome->changedAt.toString(Qt::ISODate))
                                    .arg(outcome->versionsAdded)
                                    .arg(to.userName())
                                    .arg(outcome->caseId);
            break;
        }
    }
    if (progress) progress(total, total);
    return report;
}

} // namespace pw
