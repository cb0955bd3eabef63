// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace pw {

// Moving a library to another (a local library to the agency's server: `library push`). A case the target
// does not have is copied with all its versions (bytes, labels, rankings), notes, remote-run links and audit
// trail; the copy gets new ids and keeps the case's uid. A case the target has (same uid) gains the
// versions it lacks (byte-compared) as new versions — when the target's case had changed meanwhile, they
// are labelled "Offline edit by USER" and the case is reported as a conflict naming who changed the
// target's copy and when; nothing is ever overwritten, and no second case is made. A case whose every
// version is already there is skipped and said so, so pushing twice copies nothing twice (CopyOutcome).
// Each case is one transaction on the target under a lock on its identity: clients pushing at once store
// it once. A case the target cannot take (failure other than the server refusing or being unreachable) is
// left out with its reason in `failed` and the push goes on; a refused or unreachable server stops the
// push with `error` (what was copied before stays copied and counted).
struct PushReport {
    int casesCopied = 0, versionsCopied = 0, notesCopied = 0, auditCopied = 0, casesSkipped = 0;
    int casesUpdated = 0;  // cases already there that gained versions (conflicts included)
    QStringList copied;    // "Dana Okafor: copied (2 versions)"
    QStringList updated;   // "Dana Okafor: 1 version added"
    QStringList conflicts; // "Dana Okafor: bob changed the server's copy at 2026-…Z; your 1 version(s)
                           //  were added as \"Offline edit by alice\""
    QStringList skipped;   // "Dana Okafor: already on the server (same bytes)"
    QStringList failed;    // "Dana Okafor: <reason>" (not copied; the push went on)
    QString error;
    bool ok() const { return error.isEmpty() && failed.isEmpty(); }
};

// Copies every case (or only `caseIds`) of `from` into `to`, each case in one transaction on `to`;
// progress(done, total) may be called from the calling thread; a true return from cancel() stops between
// cases.
PushReport pushLibrary(CaseLibrary &from, CaseLibrary &to, const QList<qint64> &caseIds = {},
                       const std::function<void(int, int)> &progress = {},
                       const std::function<bool()> &cancel = {});

} // namespace pw
