// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringList>

#include <vector>

namespace pw {

// Turning agents' quote tables into offering objects. Two header shapes are understood, mixed freely:
// dotted JSON paths (`attributes.line_premium_annual`, `constraints.excluded_states` with `;` between
// entries) and the friendly headers of spreadsheets (Carrier, Line, Product, Premium, AM Best, Tier,
// Commission %, Package ID, Package Premium, Quote ID, Expires). Money ("$1,790.00") and percentages
// ("13%" -> 0.13) are read loosely. A table without a recognisable header row is read in the friendly
// column order. Row numbers are the spreadsheet's: the header is row 1, the first data row row 2.
// A row with an error (a premium of "n/a", no carrier, no line) is reported and not imported; the
// others are.

struct ImportIssue {
    int row = 0;     // spreadsheet row (1 = header); 0 for the file as a whole
    int column = -1; // 0-based column; -1 for the row as a whole
    QString columnName;
    QString message;
    bool error = true;
    // "row 5, column D (Premium): "n/a" is not an amount"
    QString toString() const;
};

struct ImportedRow {
    int row = 0;
    JsonValue offering; // the offering object built from the row (partial when rejected)
    std::vector<ImportIssue> issues;
    bool accepted() const;
};

struct OfferingImport {
    enum class HeaderKind { Friendly, JsonPaths, Mixed, None };
    HeaderKind headerKind = HeaderKind::None;
    QStringList headers;                 // as written (empty when there was no header row)
    std::vector<ImportIssue> fileIssues; // unknown columns, unreadable file
    std::vector<ImportedRow> rows;
    bool fatal = false; // nothing could be read at all

    int acceptedCount() const;
    int rejectedCount() const { return int(rows.size()) - acceptedCount(); }
    JsonValue acceptedOfferings() const; // array of the accepted offerings, in row order
    std::vector<ImportIssue> allIssues() const;
};

// RFC 4180 records: quoted fields with doubled quotes and embedded delimiters/newlines, CRLF or LF.
// Blank lines are skipped but still counted for row numbers (`rowNumbers` receives each record's row).
std::vector<QStringList> parseDelimitedText(const QString &text, QChar delimiter,
                                            std::vector<int> *rowNumbers = nullptr);
// Tab when the first line has a tab, else semicolon when it has semicolons but no commas, else comma.
QChar guessDelimiter(const QString &text);
// Column letters as spreadsheets show them (0 -> A, 26 -> AA).
QString columnLetter(int column);

// Reads a delimited table (the delimiter is guessed when null). `existingIds` are the case's offering
// ids: generated ids avoid them and a row whose id is taken gets a fresh id with a warning.
OfferingImport importOfferingTable(const QString &text, const QStringList &existingIds,
                                   QChar delimiter = QChar());
// Reads offerings from JSON: an array of offerings, {"offerings": [...]}, or a whole case file.
OfferingImport importOfferingJson(const QByteArray &bytes, const QStringList &existingIds);
// By content: JSON when the first non-blank byte is '[' or '{', else a delimited table.
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
// For imported offerings (an array) whose carrier id was derived from the name rather than stated,
// takes the id the case already uses for that carrier name (see providerIdForName).
void adoptCaseCarrierIds(JsonValue &offerings, const JsonValue &caseRoot);

} // namespace pw
