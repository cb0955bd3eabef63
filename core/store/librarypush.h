// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace pw {

// Moving a library to another (a local library to the agency's server: `library push`). Every case is
// copied with all its versions (bytes, labels, rankings), notes, remote-run links and audit trail; the copy
// gets new ids. A case the target already has — one whose versions have exactly the same bytes, in the
// same order — is skipped and said so, so pushing twice copies nothing twice. Each case is one transaction
// on the target: a failure leaves no partial case, stops the push and is reported in `error` (what was
// copied before stays copied and counted).
struct PushReport {
    int casesCopied = 0, versionsCopied = 0, notesCopied = 0, auditCopied = 0, casesSkipped = 0;
    QStringList skipped; // "Dana Okafor: already on the server (same bytes)"
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Copies every case (or only `caseIds`) of `from` into `to`, each case in one transaction on `to`;
// progress(done, total) may be called from the calling thread; a true return from cancel() stops between
// cases.
PushReport pushLibrary(CaseLibrary &from, CaseLibrary &to, const QList<qint64> &caseIds = {},
                       const std::function<void(int, int)> &progress = {},
                       const std::function<bool()> &cancel = {});

} // namespace pw
