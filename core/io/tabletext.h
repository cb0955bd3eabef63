// SPDX-License-Identifier: MIT
#pragma once

#include "util/numbertext.h"

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace pw {

// Reading agents' quote tables as spreadsheets and agency systems write them, before any cell means
// anything: the encoding, the dialect (delimiter, quoting, line ends, a `sep=` hint, title rows above the
// header) and the file's number convention. Everything this layer decides is stated in `notes` for the
// import summary; everything it cannot decide safely is an error naming the row, the column and the
// reason. Nothing is guessed cell by cell and no replacement character is ever produced.
//
// Row numbers are the ones a spreadsheet shows: one row per record (a quoted cell with line breaks stays
// one row), blank lines count, and a `sep=` line, which Excel hides, does not.

// A finding about a table, at a spreadsheet row and column.
struct ImportIssue {
    int row = 0;     // spreadsheet row (1-based); 0 for the file as a whole
    int column = -1; // 0-based column; -1 for the row as a whole
    QString columnName;
    QString message;
    bool error = true;
    // "row 5, column D (Premium): "n/a" is not an amount"
    QString toString() const;
};

// Column letters as spreadsheets show them (0 -> A, 26 -> AA).
QString columnLetter(int column);

// Text decoded from a file's bytes (io/tableencoding.cpp). Detection order: a UTF-8 BOM, a UTF-16
// LE/BE BOM, valid UTF-8, then a single-byte code page: Windows-1252 (Excel's "CSV" on Windows; Latin-1
// files read the same for every letter) or Mac Roman (Excel's "CSV (Macintosh)", CR line ends), chosen
// by which reading looks like text ("Générale", not "GŽnŽrale") and refused when both or neither do.
// Refused with the row they are in: NUL bytes without a UTF-16 BOM, bytes no code page defines,
// forbidden UTF-8 forms (overlong, surrogates) and a file that mixes UTF-8 text with other bytes.
struct DecodedText {
    QString text;          // without the BOM
    QString encoding;      // "UTF-8", "UTF-8 with BOM", "UTF-16 LE", "UTF-16 BE", "Windows-1252",
                           // "Mac Roman"
    bool fallback = false; // not UTF-8: read as a single-byte code page, which the summary must say
    QString note;          // with `fallback`: the summary's sentence ("read as Windows-1252: …")
    std::optional<ImportIssue> error; // set when the bytes cannot be decoded
};
DecodedText decodeTableBytes(const QByteArray &bytes);
// Whether the bytes start with a byte-order mark (UTF-8 or UTF-16).
bool hasByteOrderMark(const QByteArray &bytes);

// RFC 4180 records: quoted fields with doubled quotes and embedded delimiters/line breaks; LF, CRLF or
// CR-only line ends. Blank records are skipped but counted for row numbers.
struct DelimitedRecords {
    std::vector<QStringList> records;
    std::vector<int> rows; // each record's spreadsheet row (the first row is `firstRow`)
    // A quote that never closes: the row and column where it opened (0 when every quote closes).
    int unterminatedRow = 0;
    int unterminatedColumn = -1;
};
DelimitedRecords splitDelimited(const QString &text, QChar delimiter, int firstRow = 1, int maxRecords = -1);
// The records alone (rowNumbers receives each record's row).
std::vector<QStringList> parseDelimitedText(const QString &text, QChar delimiter,
                                            std::vector<int> *rowNumbers = nullptr);

// The delimiter among comma, semicolon, tab and pipe that splits the first rows (up to 30 records,
// quote-aware, whatever the line ends) into the same number of cells most often; a tab or semicolon in
// one data cell does not outvote the header. Comma when no candidate splits any row.
QChar guessDelimiter(const QString &text);
QString delimiterName(QChar delimiter); // "comma", "semicolon", "tab", "pipe"

// A decoded table split into records.
struct TableRecords {
    QChar delimiter;
    DelimitedRecords split;
    QStringList notes;                // "delimiter: semicolon (from the sep= line)"
    std::optional<ImportIssue> error; // an unterminated quote, an unsupported sep= delimiter
};
// `delimiter` null: from a `sep=` first line, else guessed.
TableRecords readTableRecords(const QString &text, QChar delimiter = QChar());

// The index (into records) of the header row: the first of the first `searchRows` records that
// `isHeader` accepts; -1 when none does.
int findHeaderRecord(const std::vector<QStringList> &records,
                     const std::function<bool(const QStringList &)> &isHeader, int searchRows = 10);

// The file's number convention, decided once from its delimiter and from cells only one convention reads
// ("3.240,50", "1790,50" -> decimal comma; "1,234.56", "0.13" -> decimal point). A semicolon delimiter
// suggests a decimal comma and a comma delimiter a decimal point; cells that read one way outvote the
// delimiter. Cells of both kinds in one file are an error naming one of each. Cells that read two ways
// ("1,790") decide nothing; offeringcolumns.cpp refuses those the decided convention would read with a
// decimal mark before three digits.
struct NumberConvention {
    DecimalMark mark = DecimalMark::Point;
    // False when neither a cell nor the delimiter says which: cells that read two ways ("1,790") are then
    // ambiguous and must be refused.
    bool decided = false;
    QString note;                     // the summary's sentence
    QString evidence;                 // what decided it: "as row 2, column C: "3240,50" shows"
    std::optional<ImportIssue> error; // conflicting cells
};
// `cellsToCheck` yields, for each data record, the number texts to look at (cell text split into parts
// already: the parts of "100/300/100", the amount of "500 CSL"), with their column.
struct NumberCell {
    int row = 0;
    int column = 0;
    QString text;
};
NumberConvention decideNumberConvention(const std::vector<NumberCell> &cells, QChar delimiter);

} // namespace pw
