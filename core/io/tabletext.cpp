// SPDX-License-Identifier: MIT
#include "tabletext.h"

#include "io/problem.h"

#include <algorithm>
#include <map>

namespace pw {

QString ImportIssue::toString() const {
    QString where;
    if (row > 0) where = QStringLiteral("row %1").arg(row);
    if (column >= 0) {
        if (!where.isEmpty()) where += QStringLiteral(", ");
        where += QStringLiteral("column %1").arg(columnLetter(column));
        if (!columnName.isEmpty()) where += QStringLiteral(" (%1)").arg(columnName);
    }
    const QString sev = error ? QString() : QStringLiteral("warning: ");
    if (where.isEmpty()) return sev + message;
    return where + QStringLiteral(": ") + sev + message;
}

QString columnLetter(int column) {
    QString s;
    int c = column + 1;
    while (c > 0) {
        const int rem = (c - 1) % 26;
        s.prepend(QChar(u'A' + rem));
        c = (c - 1) / 26;
    }
    return s;
}

// ---------------------------------------------------------------------------------------------------
// Dialect

DelimitedRecords splitDelimited(const QString &text, QChar delimiter, int firstRow, int maxRecords) {
    DelimitedRecords out;
    QStringList record;
    QString field;
    bool inQuotes = false;
    bool fieldStarted = false;
    int row = firstRow;
    int quoteRow = 0, quoteColumn = -1;
    auto endRecord = [&] {
        record.append(field);
        field.clear();
        const bool blank = record.size() == 1 && record.first().trimmed().isEmpty() && !fieldStarted;
        if (!blank) {
            out.records.push_back(std::move(record));
            out.rows.push_back(row);
        }
        record = QStringList();
        fieldStarted = false;
        ++row;
    };
    auto full = [&] { return maxRecords >= 0 && int(out.records.size()) >= maxRecords; };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text[i + 1] == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == u'"' && field.trimmed().isEmpty()) {
            field.clear();
            inQuotes = true;
            fieldStarted = true;
            quoteRow = row;
            quoteColumn = int(record.size());
        } else if (c == delimiter) {
            record.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < n && text[i + 1] == u'\n') ++i;
            endRecord();
            if (full()) return out;
        } else {
            field += c;
        }
    }
    if (inQuotes) {
        out.unterminatedRow = quoteRow;
        out.unterminatedColumn = quoteColumn;
        return out;
    }
    if (!field.isEmpty() || !record.isEmpty() || fieldStarted) endRecord();
    return out;
}

std::vector<QStringList> parseDelimitedText(const QString &text, QChar delimiter,
                                            std::vector<int> *rowNumbers) {
    DelimitedRecords r = splitDelimited(text, delimiter);
    if (rowNumbers) *rowNumbers = r.rows;
    return std::move(r.records);
}

QChar guessDelimiter(const QString &text) {
    constexpr qsizetype kSample = 64 * 1024;
    constexpr int kRows = 30;
    const QString sample = text.left(kSample);
    const bool cut = text.size() > kSample;
    QChar best = u',';
    int bestScore = 0, bestCells = 0;
    for (const QChar candidate : {QChar(u','), QChar(u'\t'), QChar(u';'), QChar(u'|')}) {
        DelimitedRecords r = splitDelimited(sample, candidate, 1, kRows);
        if (cut && int(r.records.size()) < kRows && !r.records.empty()) r.records.pop_back();
        // The most common cell count above one, and how many rows have it.
        std::map<qsizetype, int> counts;
        for (const QStringList &rec : r.records)
            if (rec.size() > 1) ++counts[rec.size()];
        int score = 0;
        qsizetype cells = 0;
        for (const auto &[size, count] : counts)
            if (count > score || (count == score && size > cells)) score = count, cells = size;
        if (score > bestScore || (score == bestScore && score > 0 && cells > bestCells)) {
            best = candidate;
            bestScore = score;
            bestCells = int(cells);
        }
    }
    return best;
}

QString delimiterName(QChar delimiter) {
    switch (delimiter.unicode()) {
    case u',':
        return QStringLiteral("comma");
    case u';':
        return QStringLiteral("semicolon");
    case u'\t':
        return QStringLiteral("tab");
    case u'|':
        return QStringLiteral("pipe");
    default:
        return QStringLiteral("\"%1\"").arg(excerpt(QString(delimiter), 1));
    }
}

TableRecords readTableRecords(const QString &text, QChar delimiter) {
    TableRecords t;
    QStringView body = text;
    if (delimiter.isNull()) {
        // Excel's delimiter hint: "sep=;" alone on the first line.
        const qsizetype end = [&] {
            for (qsizetype i = 0; i < text.size(); ++i)
                if (text[i] == u'\r' || text[i] == u'\n') return i;
            return text.size();
        }();
        const QStringView first = QStringView(text).left(end);
        if (first.startsWith(QStringLiteral("sep="), Qt::CaseInsensitive)) {
            const QStringView hint = first.mid(4);
            if (hint.size() != 1 || hint[0] == u'"' || hint[0] == u' ') {
                t.error = ImportIssue{1, -1, QString(),
                                      QStringLiteral("the sep= line must name one delimiter character, "
                                                     "such as sep=; (found \"%1\")")
                                          .arg(excerpt(first.toString(), 20)),
                                      true};
                return t;
            }
            delimiter = hint[0];
            qsizetype next = end;
            if (next < text.size() && text[next] == u'\r') ++next;
            if (next < text.size() && text[next] == u'\n') ++next;
            body = QStringView(text).mid(next);
            t.notes << QStringLiteral("delimiter: %1 (from the sep= line)").arg(delimiterName(delimiter));
        } else {
            delimiter = guessDelimiter(text);
            t.notes << QStringLiteral("delimiter: %1").arg(delimiterName(delimiter));
        }
    } else {
        t.notes << QStringLiteral("delimiter: %1").arg(delimiterName(delimiter));
    }
    t.delimiter = delimiter;
    t.split = splitDelimited(body.toString(), delimiter);
    if (t.split.unterminatedRow > 0)
        t.error = ImportIssue{t.split.unterminatedRow, t.split.unterminatedColumn, QString(),
                              QStringLiteral("a quote opens here and never closes, so every row after it "
                                             "would be read into this one cell; close or remove the quote"),
                              true};
    return t;
}

int findHeaderRecord(const std::vector<QStringList> &records,
                     const std::function<bool(const QStringList &)> &isHeader, int searchRows) {
    for (int i = 0; i < int(records.size()) && i < searchRows; ++i)
        if (isHeader(records[size_t(i)])) return i;
    return -1;
}

// ---------------------------------------------------------------------------------------------------
// Numbers

NumberConvention decideNumberConvention(const std::vector<NumberCell> &cells, QChar delimiter) {
    NumberConvention c;
    const NumberCell *point = nullptr;
    const NumberCell *comma = nullptr;
    for (const NumberCell &cell : cells) {
        const NumberShape shape = numberShape(cell.text);
        if (shape == NumberShape::PointOnly && !point) point = &cell;
        if (shape == NumberShape::CommaOnly && !comma) comma = &cell;
        if (point && comma) break;
    }
    auto where = [](const NumberCell &cell) {
        return QStringLiteral("row %1, column %2: \"%3\"")
            .arg(cell.row)
            .arg(columnLetter(cell.column), excerpt(cell.text, 30));
    };
    if (point && comma) {
        const NumberCell &first = point->row <= comma->row ? *point : *comma;
        const NumberCell &other = &first == point ? *comma : *point;
        c.error = ImportIssue{
            first.row, first.column, QString(),
            QStringLiteral("numbers are written two ways: \"%1\" here reads only with a %2, but %3 reads "
                           "only with a %4; write every number one way and import again")
                .arg(excerpt(first.text, 30),
                     decimalMarkName(&first == point ? DecimalMark::Point : DecimalMark::Comma), where(other),
                     decimalMarkName(&first == point ? DecimalMark::Comma : DecimalMark::Point)),
            true};
        return c;
    }
    c.decided = true;
    if (point || comma) {
        c.mark = point ? DecimalMark::Point : DecimalMark::Comma;
        c.evidence = QStringLiteral("as %1 shows").arg(where(point ? *point : *comma));
    } else if (delimiter == u';') {
        c.mark = DecimalMark::Comma;
        c.evidence = QStringLiteral("as usual in semicolon-separated files");
    } else if (delimiter == u',') {
        c.evidence = QStringLiteral("as usual in comma-separated files");
    } else {
        // Neither a cell nor the delimiter says which: a number that reads two ways is refused.
        c.decided = false;
        c.note = QStringLiteral("numbers: decimal point (1,234.56); a number such as 1,790 or 1.790 that "
                                "reads two ways is refused");
        return c;
    }
    c.note = QStringLiteral("numbers: %1 (%2), %3")
                 .arg(decimalMarkName(c.mark), decimalMarkExample(c.mark), c.evidence);
    return c;
}

} // namespace pw
