// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "io/problem.h"
#include "io/safefilewriter.h"

#include <QString>

#include <optional>

namespace pw {

// Reading and writing case files. A case file is the API request body ({"input", "offerings"}) plus an
// optional "workbench" object. Reads are bounded (maxBytes) and report a clear problem instead of
// failing silently; writes go through writeFileAtomically (io/safefilewriter.h).
struct CaseFileResult {
    std::optional<JsonValue> root;
    Problem problem;         // set when root is empty: the CLI exits 2 (cannot be read or parsed)
    bool unreadable = false; // the file could not be opened or read at all (a parse failure is not)
};

constexpr qint64 kMaxCaseFileBytes = 256ll * 1024 * 1024;

CaseFileResult readCaseFile(const QString &fileName, qint64 maxBytes = kMaxCaseFileBytes);
// The first half of readCaseFile: the file's bytes into `bytes`; false, with `failure` saying why, when
// it cannot be read or is larger than maxBytes.
bool readCaseFileBytes(const QString &fileName, QByteArray *bytes, CaseFileResult *failure,
                       qint64 maxBytes = kMaxCaseFileBytes);
// The second half: the bytes parsed (options: depth, progress and cancelling, see parseJson).
CaseFileResult parseCaseBytes(const QByteArray &bytes, const JsonParseOptions &options = {});
// The body sent to the API: the root without the "workbench" object.
JsonValue apiRequestBody(const JsonValue &root);

// The suffix of the case file type the package registers (double-click opens the workbench); File →
// Open's "*.json" filter lists it too.
inline constexpr char16_t kCaseFileSuffix[] = u".pwcase.json";
// The file a "Save As" writes for the name the user typed: the name itself when it ends in ".json" (any
// case), else the name with ".pwcase.json" appended, so a name with a dot of its own ("lee.nj",
// "lee v2.1") is never written as a file File → Open does not list.
QString caseFileNameForSave(const QString &typed);

} // namespace pw
