// SPDX-License-Identifier: MIT
#include "tabletext.h"

#include "io/problem.h"

#include <QStringDecoder>

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
// Encodings

namespace {

// The line (1-based) holding position `end` of a sequence of code units; CR, LF and CRLF end lines.
template <typename Seq> int lineAt(const Seq &s, qsizetype end) {
    int line = 1;
    for (qsizetype i = 0; i < end && i < s.size(); ++i) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++line;
    }
    return line;
}

// Offset of the first byte that does not start a valid UTF-8 sequence (no overlongs, no surrogates,
// nothing above U+10FFFF), or -1 when all of `b` is valid UTF-8.
qsizetype firstInvalidUtf8(const QByteArray &b) {
    const qsizetype n = b.size();
    qsizetype i = 0;
    while (i < n) {
        const uchar c = uchar(b[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        uint cp = 0, min = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (int k = 1; k < len; ++k) {
            const uchar cc = uchar(b[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return -1;
}

// Windows-1252 through Qt's codec when the Qt build has one (ICU); else Latin-1 with the 0x80–0x9F
// block of Windows-1252, which is all that differs. Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D)
// come out as the C1 control of the same value either way and are refused by the caller.
QString decodeWindows1252(const QByteArray &bytes) {
    QStringDecoder qt("windows-1252");
    if (qt.isValid()) return qt(bytes);
    static const char16_t high[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    QString s = QString::fromLatin1(bytes);
    for (QChar &c : s)
        if (c.unicode() >= 0x80 && c.unicode() <= 0x9F) c = QChar(high[c.unicode() - 0x80]);
    return s;
}

DecodedText refused(const QString &encoding, int row, const QString &message) {
    DecodedText d;
    d.encoding = encoding;
    d.error = ImportIssue{row, -1, QString(), message, true};
    return d;
}

DecodedText decodeUtf16(const QByteArray &bytes, bool littleEndian) {
    const QString name = littleEndian ? QStringLiteral("UTF-16 LE") : QStringLiteral("UTF-16 BE");
    const QByteArray body = bytes.mid(2);
    QStringDecoder dec(littleEndian ? QStringConverter::Utf16LE : QStringConverter::Utf16BE,
                       QStringConverter::Flag::Stateless);
    QString text = dec(body);
    if (dec.hasError() || body.size() % 2 != 0) {
        const qsizetype bad = text.indexOf(QChar(QChar::ReplacementCharacter));
        return refused(name, lineAt(text, bad < 0 ? text.size() : bad),
                       QStringLiteral("the file starts with a %1 byte-order mark but is not valid %1 "
                                      "(a broken surrogate pair or an odd number of bytes)")
                           .arg(name));
    }
    DecodedText d;
    d.text = std::move(text);
    d.encoding = name;
    return d;
}

} // namespace

bool hasByteOrderMark(const QByteArray &bytes) {
    return bytes.startsWith("\xEF\xBB\xBF") || bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF");
}

DecodedText decodeTableBytes(const QByteArray &bytes) {
    if (bytes.startsWith(QByteArray("\xFF\xFE\x00\x00", 4)) ||
        bytes.startsWith(QByteArray("\x00\x00\xFE\xFF", 4)))
        return refused(QStringLiteral("UTF-32"), 0,
                       QStringLiteral("the file is UTF-32, which is not supported; save it as CSV UTF-8"));
    if (bytes.startsWith("\xFF\xFE")) return decodeUtf16(bytes, true);
    if (bytes.startsWith("\xFE\xFF")) return decodeUtf16(bytes, false);
    const bool bom = bytes.startsWith("\xEF\xBB\xBF");
    const QByteArray body = bom ? bytes.mid(3) : bytes;
    if (const qsizetype nul = body.indexOf('\0'); nul >= 0)
        return refused(QStringLiteral("unknown"), lineAt(body, nul),
                       QStringLiteral("the file holds NUL bytes: UTF-16 without its byte-order mark, or "
                                      "not a text file; save it as CSV UTF-8 or Unicode Text"));
    const qsizetype bad = firstInvalidUtf8(body);
    DecodedText d;
    if (bad < 0) {
        d.text = QString::fromUtf8(body);
        d.encoding = bom ? QStringLiteral("UTF-8 with BOM") : QStringLiteral("UTF-8");
        return d;
    }
    if (bom)
        return refused(QStringLiteral("UTF-8 with BOM"), lineAt(body, bad),
                       QStringLiteral("the file starts with a UTF-8 byte-order mark but byte 0x%1 is not "
                                      "UTF-8; save it again as CSV UTF-8")
                           .arg(uchar(body[bad]), 2, 16, QChar(u'0')));
    d.text = decodeWindows1252(body);
    for (qsizetype i = 0; i < d.text.size(); ++i) {
        const char16_t u = d.text[i].unicode();
        if (u >= 0x80 && u <= 0x9F)
            return refused(QStringLiteral("Windows-1252"), lineAt(d.text, i),
                           QStringLiteral("the file is neither UTF-8 nor Windows-1252 (byte 0x%1 is not a "
                                          "character in either); save it as CSV UTF-8")
                               .arg(uint(u), 2, 16, QChar(u'0')));
    }
    d.encoding = QStringLiteral("Windows-1252");
    d.fallback = true;
    return d;
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
        c.note =
            QStringLiteral("numbers: %1 (%2), as %3 shows")
                .arg(decimalMarkName(c.mark), decimalMarkExample(c.mark), where(point ? *point : *comma));
    } else if (delimiter == u';') {
        c.mark = DecimalMark::Comma;
        c.note = QStringLiteral("numbers: decimal comma (1.234,56), as usual in semicolon-separated files");
    } else if (delimiter == u',') {
        c.note = QStringLiteral("numbers: decimal point (1,234.56), as usual in comma-separated files");
    } else {
        // Neither a cell nor the delimiter says which: a number that reads two ways is refused.
        c.decided = false;
        c.note = QStringLiteral("numbers: decimal point (1,234.56); a number such as 1,790 or 1.790 that "
                                "reads two ways is refused");
    }
    return c;
}

} // namespace pw
