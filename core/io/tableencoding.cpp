// SPDX-License-Identifier: MIT
// The encoding half of io/tabletext.h: which character each byte of an agent's file stands for.
#include "tabletext.h"

#include "io/problem.h"

#include <QStringDecoder>

namespace pw {

namespace {

// The line (1-based) holding position `end` of a sequence of code units; CR, LF and CRLF end lines.
template <typename Seq> int lineAt(const Seq &s, qsizetype end) {
    int line = 1;
    for (qsizetype i = 0; i < end && i < s.size(); ++i) {
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++line;
    }
    return line;
}

// The text around position `at` of `s` on its line, for messages: up to 24 characters either side.
QString around(const QString &s, qsizetype at) {
    qsizetype start = at, end = at;
    while (start > 0 && at - start < 24 && s[start - 1] != u'\r' && s[start - 1] != u'\n')
        --start;
    while (end < s.size() && end - at < 24 && s[end] != u'\r' && s[end] != u'\n')
        ++end;
    return s.mid(start, end - start);
}

// What a scan of bytes as UTF-8 found: the first byte that does not start a valid sequence (-1 when
// all of it is valid), whether that first byte starts a sequence shaped like UTF-8 that UTF-8 forbids
// (an overlong form such as C0 AF, a surrogate, a value above U+10FFFF), and the first valid sequence of
// two or more bytes anywhere in the bytes (-1 when there is none).
struct Utf8Scan {
    qsizetype firstInvalid = -1;
    bool malformedUtf8 = false;
    qsizetype firstMultibyte = -1;
};

Utf8Scan scanUtf8(const QByteArray &b) {
    Utf8Scan scan;
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
        if (c >= 0xC0 && c <= 0xDF) {
            len = 2, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF7) {
            len = 4, cp = c & 0x07, min = 0x10000;
        }
        bool shaped = len > 0 && i + len <= n;
        for (int k = 1; shaped && k < len; ++k) {
            const uchar cc = uchar(b[i + k]);
            shaped = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!shaped || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            if (scan.firstInvalid < 0) {
                scan.firstInvalid = i;
                scan.malformedUtf8 = shaped;
            }
            ++i;
            continue;
        }
        if (scan.firstMultibyte < 0) scan.firstMultibyte = i;
        i += len;
    }
    return scan;
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

// Mac Roman, the encoding of Excel's "CSV (Macintosh)" and of classic Mac files (CR line ends).
QString decodeMacRoman(const QByteArray &bytes) {
    static const char16_t high[128] = {
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3,
        0x00E5, 0x00E7, 0x00E9, 0x00E8, 0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
        0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC, 0x2020, 0x00B0, 0x00A2, 0x00A3,
        0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA,
        0x00BA, 0x03A9, 0x00E6, 0x00F8, 0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
        0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153, 0x2013, 0x2014, 0x201C, 0x201D,
        0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE,
        0x00CF, 0x00CC, 0x00D3, 0x00D4, 0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
        0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7};
    QString s;
    s.reserve(bytes.size());
    for (const char b : bytes) {
        const uchar u = uchar(b);
        s += u < 0x80 ? QChar(u) : QChar(high[u - 0x80]);
    }
    return s;
}

bool isLowerLetter(QChar c) {
    return c.isLetter() && c.isLower();
}
bool isUpperLetter(QChar c) {
    return c.isLetter() && c.isUpper();
}

// Whether the non-ASCII character at `i` of a single-byte reading looks like text agents write: a
// Latin letter in a plausible case (not a capital inside a lower-case word, not a lower-case letter
// inside a capitalised word), or common punctuation (dashes, curly quotes, bullets, currency signs).
// Readings of a file in the wrong code page produce the rest: "GŽnŽrale" (Mac Roman read as
// Windows-1252), "GÈnÈrale" (the reverse), daggers, math signs, C1 controls.
bool plausibleHighCharacter(const QString &s, qsizetype i) {
    const QChar c = s[i];
    const QChar before = i > 0 ? s[i - 1] : QChar(u' ');
    const QChar after = i + 1 < s.size() ? s[i + 1] : QChar(u' ');
    const char16_t u = c.unicode();
    if (c.isLetter()) {
        if (u < 0xC0 || u > 0x24F || u == 0x192) return false; // ª º µ, Greek, ƒ
        if (c.isUpper() && isLowerLetter(before)) return false;
        if (c.isLower() && u != 0xDF && isUpperLetter(before) && isUpperLetter(after)) return false;
        return true;
    }
    static const QString punctuation = QStringLiteral("\u00A0\u00A1\u00A2\u00A3\u00A5\u00A7\u00A9\u00AB"
                                                      "\u00AE\u00B0\u00B1\u00B2\u00B3\u00B6\u00B7\u00B9"
                                                      "\u00BB\u00BC\u00BD\u00BE\u00BF\u00D7\u00F7\u2013"
                                                      "\u2014\u2018\u2019\u201A\u201C\u201D\u201E\u2022"
                                                      "\u2026\u20AC\u2122");
    return punctuation.contains(c);
}

// The first character of a single-byte reading that does not look like text, or -1.
qsizetype firstImplausible(const QString &s) {
    for (qsizetype i = 0; i < s.size(); ++i)
        if (s[i].unicode() >= 0x80 && !plausibleHighCharacter(s, i)) return i;
    return -1;
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

QString hexByte(const QByteArray &b, qsizetype at) {
    return QStringLiteral("0x%1").arg(uchar(b[at]), 2, 16, QChar(u'0'));
}

// Bytes that are not UTF-8 in a file with no multibyte UTF-8 in it: one of the single-byte code pages
// spreadsheets write, chosen by which reading looks like text.
DecodedText decodeSingleByte(const QByteArray &body) {
    const QString windows = decodeWindows1252(body);
    const QString mac = decodeMacRoman(body);
    const qsizetype badWindows = firstImplausible(windows);
    const qsizetype badMac = firstImplausible(mac);
    // CR-only line ends are what classic Mac programs and Excel's "CSV (Macintosh)" write; Windows
    // programs never do.
    const bool crOnly = body.contains('\r') && !body.contains('\n');
    DecodedText d;
    d.fallback = true;
    // Reading: Windows-1252 (Excel's "CSV" on Windows, the common case) whenever its reading looks like
    // text, unless the line ends say Mac and the Mac Roman reading looks like text too, in which case the
    // file is refused rather than either reading guessed. Mac Roman only with CR line ends and a
    // Windows-1252 reading that does not look like text; without CR line ends nothing else says Mac.
    if (badWindows < 0 && (!crOnly || badMac >= 0)) {
        d.text = windows;
        d.encoding = QStringLiteral("Windows-1252");
        d.note = QStringLiteral("read as Windows-1252: the file is not UTF-8");
        return d;
    }
    if (crOnly && badMac < 0 && badWindows >= 0) {
        d.text = mac;
        d.encoding = QStringLiteral("Mac Roman");
        d.note = QStringLiteral("read as Mac Roman: the file is not UTF-8, its lines end as on a Mac, and as "
                                "Windows-1252 row %1 would read \"%2\" instead of \"%3\"")
                     .arg(lineAt(windows, badWindows))
                     .arg(excerpt(around(windows, badWindows), 60), excerpt(around(mac, badWindows), 60));
        return d;
    }
    if (badWindows < 0) {
        qsizetype differ = 0;
        while (differ < windows.size() && windows[differ] == mac[differ])
            ++differ;
        return refused(QStringLiteral("unknown"), lineAt(windows, differ),
                       QStringLiteral("the file is not UTF-8, and its letters read two ways: \"%1\" as "
                                      "Windows-1252 or \"%2\" as Mac Roman; save it as CSV UTF-8")
                           .arg(excerpt(around(windows, differ), 60), excerpt(around(mac, differ), 60)));
    }
    const int row = lineAt(windows, badWindows);
    const char16_t u = windows[badWindows].unicode();
    if (u >= 0x80 && u <= 0x9F)
        return refused(QStringLiteral("Windows-1252"), row,
                       QStringLiteral("the file is neither UTF-8 nor Windows-1252 (byte 0x%1 is not a "
                                      "character in either); save it as CSV UTF-8")
                           .arg(uint(u), 2, 16, QChar(u'0')));
    return refused(QStringLiteral("unknown"), row,
                   QStringLiteral("the file is not UTF-8, and no code page reads it safely: \"%1\" as "
                                  "Windows-1252, \"%2\" as Mac Roman; save it as CSV UTF-8")
                       .arg(excerpt(around(windows, badWindows), 60), excerpt(around(mac, badWindows), 60)));
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
    const Utf8Scan scan = scanUtf8(body);
    const qsizetype bad = scan.firstInvalid;
    if (bad < 0) {
        DecodedText d;
        d.text = QString::fromUtf8(body);
        d.encoding = bom ? QStringLiteral("UTF-8 with BOM") : QStringLiteral("UTF-8");
        return d;
    }
    if (bom)
        return refused(QStringLiteral("UTF-8 with BOM"), lineAt(body, bad),
                       QStringLiteral("the file starts with a UTF-8 byte-order mark but byte %1 is not "
                                      "UTF-8; save it again as CSV UTF-8")
                           .arg(hexByte(body, bad)));
    if (scan.malformedUtf8)
        return refused(QStringLiteral("UTF-8"), lineAt(body, bad),
                       QStringLiteral("bytes %1 %2 are a forbidden UTF-8 form (overlong or a surrogate), "
                                      "which hides what the text says; save the file again as CSV UTF-8")
                           .arg(hexByte(body, bad), hexByte(body, bad + 1)));
    // Text in UTF-8 and bytes that are not: two files pasted together, or an export that re-encoded
    // part of its text. No single encoding reads both parts, so decoding the whole file either way
    // would turn one of them into wrong letters ("GÃ©nÃ©rale").
    if (scan.firstMultibyte >= 0)
        return refused(QStringLiteral("mixed"), lineAt(body, bad),
                       QStringLiteral("the file mixes two encodings: byte %1 here is not UTF-8, yet row %2 "
                                      "holds UTF-8 text; save it again as CSV UTF-8")
                           .arg(hexByte(body, bad))
                           .arg(lineAt(body, scan.firstMultibyte)));
    return decodeSingleByte(body);
}

} // namespace pw
