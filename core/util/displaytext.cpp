// SPDX-License-Identifier: MIT
#include "displaytext.h"

#include "util/secretscrubber.h"

#include <QRegularExpression>
#include <QTextBoundaryFinder>

namespace pw {

namespace {

QString escaped(const QString &text, bool keepLineFeeds) {
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        if (u == u'\n') {
            out += keepLineFeeds ? QStringLiteral("\n") : QStringLiteral("\\n");
        } else if (u == u'\r') {
            out += QStringLiteral("\\r");
        } else if (u == u'\t') {
            out += QStringLiteral("\\t");
        } else if (isUnsafeControl(u) || c.isSurrogate()) {
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QChar(u'0'));
        } else {
            out += c;
        }
    }
    return out;
}

// Unicode East Asian Width W or F, and the blocks terminals draw as two-column emoji.
bool isWide(char32_t c) {
    static constexpr std::pair<char32_t, char32_t> ranges[] = {
        {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
        {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
        {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
        {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
        {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
        {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
        {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
        {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
        {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
        {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004},
        {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F1E6, 0x1F1FF}, {0x1F200, 0x1F2FF},
        {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
        {0x20000, 0x3FFFD},
    };
    for (const auto &[lo, hi] : ranges) {
        if (c < lo) return false;
        if (c <= hi) return true;
    }
    return false;
}

bool isZeroWidth(char32_t c) {
    switch (QChar::category(c)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Mark_SpacingCombining:
    case QChar::Other_Format:
    case QChar::Other_Control:
        return true;
    default:
        return c >= 0x1160 && c <= 0x11FF; // Hangul medial vowels and final consonants
    }
}

int graphemeWidth(QStringView g) {
    int width = 0;
    bool first = true;
    for (const char32_t c : g.toUcs4()) {
        if (c == 0xFE0F) return 2; // emoji presentation
        if (first && !isZeroWidth(c)) {
            width = isWide(c) ? 2 : 1;
            first = false;
        }
    }
    return width;
}

bool isPrintableAscii(const QString &text) {
    for (const QChar c : text)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e) return false;
    return true;
}

// Calls f(grapheme) for each grapheme until it returns false.
template <typename F> void forEachGrapheme(const QString &text, F f) {
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    qsizetype start = 0;
    for (qsizetype next = finder.toNextBoundary(); next > 0; next = finder.toNextBoundary()) {
        if (!f(QStringView(text).mid(start, next - start), start, next)) return;
        start = next;
    }
}

bool isFormulaStart(char32_t c) {
    switch (c) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case 0xFF1D: // ＝ full-width forms
    case 0xFF0B: // ＋
    case 0xFF0D: // －
    case 0xFF20: // ＠
    case 0xFE66: // ﹦ small forms
    case 0xFE62: // ﹢
    case 0xFE63: // ﹣
    case 0xFE6B: // ﹫
        return true;
    default:
        return false;
    }
}

// Characters a spreadsheet skips or does not show before the first visible one.
bool isBlankOrInvisible(char32_t c) {
    if (QChar::isSpace(c)) return true; // ASCII whitespace, NBSP, U+3000, U+2028…
    switch (QChar::category(c)) {
    case QChar::Other_Format:  // U+200B–U+200F, U+2060, BOM, bidirectional controls
    case QChar::Other_Control: // other C0 and C1 controls
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0; // Hangul fillers
    }
}

bool startsAFormula(const QString &text) {
    if (text.isEmpty()) return false;
    const QChar first = text.front();
    if (first == u'\t' || first == u'\r' || first == u'\n') return true;
    for (const char32_t c : text.toUcs4()) {
        if (isBlankOrInvisible(c)) continue;
        return isFormulaStart(c);
    }
    return false;
}

} // namespace

bool isBidiControl(char32_t c) {
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

bool isUnsafeControl(char32_t c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || isBidiControl(c);
}

QString escapeControls(const QString &text) {
    return escaped(text, false);
}

QString escapeControlsKeepLines(const QString &text) {
    return escaped(text, true);
}

QString withoutLineBreaks(const QString &text) {
    QString out = text;
    for (QChar &c : out) {
        const char16_t u = c.unicode();
        if (u == u'\n' || u == u'\r' || u == 0x0b || u == 0x0c || u == 0x85 || u == 0x2028 || u == 0x2029)
            c = u' ';
    }
    return out;
}

QString joinLines(const QString &text) {
    static const QRegularExpression lineBreak(
        QStringLiteral("[\\n\\r\\x{0b}\\x{0c}\\x{85}\\x{2028}\\x{2029}]"));
    QStringList sentences;
    for (const QString &line : text.split(lineBreak)) {
        const QString s = line.simplified();
        if (s.isEmpty()) continue;
        // A line that goes on in lower case continues the sentence ("terminated abnormally" over "before
        // or while processing the request").
        if (!sentences.isEmpty() && s.front().isUpper() &&
            !QStringLiteral(".!?:;…").contains(sentences.last().back()))
            sentences.last() += u'.';
        sentences << s;
    }
    return sentences.join(u' ');
}

QString cutGraphemes(const QString &text, int maxGraphemes) {
    if (maxGraphemes <= 0) return QString();
    if (text.size() <= maxGraphemes) return text; // fewer code units than the limit: nothing to cut
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int count = 0;
    qsizetype end = 0;
    while (count < maxGraphemes) {
        const qsizetype next = finder.toNextBoundary();
        if (next < 0) return text;
        end = next;
        ++count;
    }
    return text.left(end);
}

QString elideGraphemes(const QString &text, int maxGraphemes) {
    const QString cut = cutGraphemes(text, maxGraphemes);
    return cut.size() < text.size() ? cut + QStringLiteral("…") : cut;
}

int displayWidth(const QString &text) {
    if (isPrintableAscii(text)) return int(text.size());
    int width = 0;
    forEachGrapheme(text, [&](QStringView g, qsizetype, qsizetype) {
        width += graphemeWidth(g);
        return true;
    });
    return width;
}

QString cutToWidth(const QString &text, int columns) {
    if (columns <= 0) return QString();
    if (isPrintableAscii(text)) return text.left(columns);
    int width = 0;
    qsizetype end = 0;
    forEachGrapheme(text, [&](QStringView g, qsizetype, qsizetype next) {
        width += graphemeWidth(g);
        if (width > columns) return false;
        end = next;
        return true;
    });
    return text.left(end);
}

QString padToWidth(const QString &text, int columns) {
    const int width = displayWidth(text);
    return width >= columns ? text : text + QString(columns - width, u' ');
}

QString csvField(const QString &text) {
    // Every control character escaped as escapeControls shows it, TAB, CR and LF included ("\t", "\r",
    // "\n"): a record is one physical line, as line-based importers read it. Reading: a cell whose text
    // starts with TAB, CR or LF still gets the apostrophe, so a reader that turns the escapes back into
    // characters never gets a cell a spreadsheet would run.
    QString s = escapeControls(text);
    if (startsAFormula(text)) s.prepend(u'\'');
    if (s.contains(u',') || s.contains(u'"'))
        return u'"' + s.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return s;
}

QString scrubSecret(const QString &text, const QString &secret) {
    return SecretScrubber(secret).scrub(text);
}

} // namespace pw
