// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "io/tabletext.h"

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringList>

#include <vector>

namespace pw {

// Turning agents' quote tables and offering files into offering objects: the one reading behind
// File → Import, paste from a spreadsheet and the `import` command. The table is read by
// io/tabletext.h (encoding, dialect, header row, the file's number convention) and mapped column by
// column by io/offeringcolumns.h. What the reading decided (encoding, delimiter, header row, number
// convention, percent columns) is listed in `notes` for the summary.
//
// A row with an error (a premium of "n/a", an ambiguous number, no carrier, a value the case reader would
// refuse) is reported at its row and column and not imported; the others are. A file that cannot be read
// safely as a whole (an undecodable encoding, an unterminated quote, two columns for one field, numbers
// written two ways) imports nothing. An imported offering never carries a value that case validation
// refuses: each accepted row is validated as part of a case and a refusal becomes the row's error.

struct ImportedRow {
    int row = 0;
    JsonValue offering; // the offering object built from the row (partial when rejected)
    std::vector<ImportIssue> issues;
    bool accepted() const;
};

struct OfferingImport {
    enum class HeaderKind { Friendly, JsonPaths, Mixed, None };
    HeaderKind headerKind = HeaderKind::None;
    QStringList headers;                 // as written (the friendly order when there was no header row)
    QStringList notes;                   // what the reading decided, for the summary
    std::vector<ImportIssue> fileIssues; // unknown columns, unreadable or refused file
    std::vector<ImportedRow> rows;
    bool fatal = false;      // nothing was imported: the file was refused as a whole
    bool unreadable = false; // fatal because the file could not be read, decoded or parsed (CLI exit 2)

    int acceptedCount() const;
    int rejectedCount() const { return int(rows.size()) - acceptedCount(); }
    JsonValue acceptedOfferings() const; // array of the accepted offerings, in row order
    std::vector<ImportIssue> allIssues() const;
};

// Reads a delimited table (the delimiter from a `sep=` line or guessed when null). `existingIds` are the
// case's offering ids: generated ids avoid them and a row whose id is taken gets a fresh id with a warning.
OfferingImport importOfferingTable(const QString &text, const QStringList &existingIds,
                                   QChar delimiter = QChar());
// Reads offerings from JSON: an array of offerings, {"offerings": [...]}, or a whole case file.
OfferingImport importOfferingJson(const QByteArray &bytes, const QStringList &existingIds);
// Text already decoded (a paste from the clipboard): JSON when it starts with '[' or '{', else a table.
OfferingImport importOfferingText(const QString &text, const QStringList &existingIds);
// Bytes as a file holds them: decoded (io/tabletext.h), then read as importOfferingText does.
OfferingImport importOfferingBytes(const QByteArray &bytes, const QStringList &existingIds);
OfferingImport importOfferingFile(const QString &fileName, const QStringList &existingIds);

// The ids of a case root's offerings, in order.
QStringList offeringIds(const JsonValue &caseRoot);

// The carrier id (provider_id) for a carrier name when none is stated: the id the case (`caseRoot`, may
// be null) already uses for a carrier of that name, names compared case-insensitively with runs of
// spaces collapsed; else "prov_" and a slug of the name ("Liberty Mutual" -> "prov_liberty_mutual").
// Import, paste and typing in the window all derive carrier ids through this one function, so one
// carrier is one carrier whichever way its quotes arrived. Empty for an empty name.
QString providerIdForName(const QString &name, const JsonValue &caseRoot = JsonValue());
// The spelling the case (`caseRoot`, may be null) already uses for a carrier name, compared as
// providerIdForName compares names ("liberty  MUTUAL" -> "Liberty Mutual" when the case has that);
// else the name with runs of spaces collapsed. Typing and importing store this spelling, so one carrier
// is shown one way.
QString caseCarrierName(const QString &name, const JsonValue &caseRoot);
// For imported offerings (an array) whose carrier id was derived from the name rather than stated,
// takes the id and the spelling the case already uses for that carrier name (see providerIdForName).
void adoptCaseCarrierIds(JsonValue &offerings, const JsonValue &caseRoot);

// Offering ids generated for rows that state none: "quote_line_<carrier>_<line>" (the carrier part is the
// provider id without its "prov_", or "new" while no carrier is known; the line "line" while none is)
// and a three-digit number. Import, paste and typing in the window all generate ids this way.
QString offeringIdBase(const QString &providerId, const QString &line);
// The first "<base>_001", "<base>_002", … not in `taken`.
QString nextOfferingId(const QString &base, const QStringList &taken);
// Whether `id` is one generated from `base` ("<base>_" and digits), so it may follow a change of the
// carrier or line; an id the user or the carrier stated is never rewritten.
bool isGeneratedOfferingId(const QString &id, const QString &base);

} // namespace pw
