// SPDX-License-Identifier: MIT
#pragma once

#include "store/caselibrary.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>

namespace pw {

// Importing a folder of case files (*.json, not recursive, in name order) into the library, and exporting
// a version back to a file. A file the library already knows (same absolute path) becomes a new version
// of that case ("Re-imported", audited like any save; the versions before are kept) when its bytes changed
// and is left alone when they did not; a new file becomes a new case — unless the library already holds
// exactly its bytes (the same case saved under another name, or twice in the folder): that file is
// recognised and named in `duplicates`, not added again. Each decision and its write are one transaction
// (CaseLibrary::importCase), so several clients importing the same folder at once store each case once and
// each counts truthfully what it did. Each case is ranked at `now` for the list's summary. A file that
// cannot be read, is not JSON or that the library cannot store is skipped with its reason; the others are
// still imported. A server that refuses or cannot be reached stops the import (libraryError names the
// file in progress).
struct ImportReport {
    int added = 0, updated = 0, unchanged = 0;
    QStringList duplicates; // "copy.json: the same bytes as case 3 (Dana Okafor); not added again"
    QStringList skipped;    // "name.json: reason"
    QString libraryError;   // the server refused or went away (the import stops there)
    bool ok() const { return skipped.isEmpty() && libraryError.isEmpty(); }
};

ImportReport importCaseFolder(CaseLibrary &library, const QString &folder, const QDateTime &now,
                              const QString &author,
                              const std::function<void(int done, int total)> &progress = {});

// Writes a version's bytes to `fileName` through writeFileAtomically: exactly the bytes stored (which are
// the API request body plus the optional "workbench" object), or with requestBodyOnly the body the API is
// sent (the "workbench" object removed, two-space JSON). Empty on success, else the reason. With `write`
// set, the bytes go to it instead (standard output: it returns the reason of a failure, or empty) and
// `fileName` only names the target in the audit entry.
QString exportVersion(CaseLibrary &library, qint64 versionId, const QString &fileName, bool requestBodyOnly,
                      const QString &author, const std::function<QString(const QByteArray &)> &write = {});

} // namespace pw
