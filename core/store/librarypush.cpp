// SPDX-License-Identifier: MIT
#include "librarypush.h"

#include <algorithm>

namespace pw {

namespace {

QString caseName(const LibraryCase &c) {
    return c.facts.insuredName.isEmpty() ? QStringLiteral("case %1").arg(c.caseId) : c.facts.insuredName;
}

// Whether `to` already has a case whose versions are exactly these bytes, in this order.
bool alreadyThere(CaseLibrary &to, const std::vector<LibraryVersion> &versions) {
    if (versions.empty()) return false;
    for (const qint64 candidate : to.versionsWithBytes(versions.front().body)) {
        const auto first = to.version(candidate);
        if (!first) continue;
        const std::vector<LibraryVersion> theirs = to.versions(first->caseId);
        if (theirs.size() != versions.size()) continue;
        bool same = true;
        for (size_t i = 0; same && i < theirs.size(); ++i) {
            const auto v = to.version(theirs[i].versionId);
            same = v && v->body == versions[i].body;
        }
        if (same) return true;
    }
    return false;
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
        if (alreadyThere(to, copy.versions)) {
            ++report.casesSkipped;
            report.skipped
                << QStringLiteral("%1: already on the server (same bytes)").arg(caseName(*summary));
            continue;
        }
        if (!to.lastError().isEmpty()) {
            report.error = to.lastError();
            return report;
        }
        copy.notes = from.notes(summary->caseId);
        copy.audit = from.auditTrail(summary->caseId);
        copy.remoteRuns = from.remoteRuns(summary->caseId);
        if (!from.lastError().isEmpty()) {
            report.error = from.lastError();
            return report;
        }
        if (!to.addCaseCopy(copy)) {
            report.error = QStringLiteral("%1: %2").arg(caseName(*summary), to.lastError());
            return report;
        }
        ++report.casesCopied;
        report.versionsCopied += int(copy.versions.size());
        report.notesCopied += int(copy.notes.size());
        report.auditCopied += int(copy.audit.size());
    }
    if (progress) progress(total, total);
    return report;
}

} // namespace pw
