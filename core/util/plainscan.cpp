// SPDX-License-Identifier: MIT
#include "plainscan.h"

#include <algorithm>
#include <array>

namespace pw {

namespace {

bool isSpace(QChar c) {
    const char16_t u = c.unicode();
    return u == u' ' || (u >= u'\t' && u <= u'\r'); // \t \n \v \f \r
}

bool isDigit(QChar c) {
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

// A cursor over the text with the patterns' pieces.
struct Scan {
    QStringView t;
    qsizetype i = 0;
    void spaces() {
        while (i < t.size() && isSpace(t[i]))
            ++i;
    }
    bool digits() {
        const qsizetype from = i;
        while (i < t.size() && isDigit(t[i]))
            ++i;
        return i > from;
    }
    // `\d+(?:\.\d+)?`: the dot only when digits follow it (else the dot is left unread).
    std::optional<QStringView> number() {
        const qsizetype from = i;
        if (!digits()) return std::nullopt;
        if (i + 1 < t.size() && t[i] == u'.' && isDigit(t[i + 1])) {
            ++i;
            digits();
        }
        return t.sliced(from, i - from);
    }
    bool expect(char16_t c) {
        if (i < t.size() && t[i] == c) {
            ++i;
            return true;
        }
        return false;
    }
    bool atEnd() const { return i == t.size(); }
};

} // namespace

std::optional<double> scanPercent(QStringView text) {
    Scan s{text};
    s.spaces();
    const auto n = s.number();
    if (!n) return std::nullopt;
    s.spaces();
    if (!s.expect(u'%')) return std::nullopt;
    s.spaces();
    if (!s.atEnd()) return std::nullopt;
    return n->toDouble();
}

std::vector<double> scanSplitNumbers(QStringView text) {
    Scan s{text};
    std::vector<double> parts;
    s.spaces();
    for (int k = 0; k < 3; ++k) {
        if (k > 0) {
            const qsizetype back = s.i;
            s.spaces();
            if (!s.expect(u'/')) {
                if (k == 2) { // the third part is optional
                    s.i = back;
                    break;
                }
                return {};
            }
            s.spaces();
        }
        const auto n = s.number(); // "1/2/" is refused: a slash must have its number
        if (!n) return {};
        parts.push_back(n->toDouble());
    }
    s.spaces();
    return s.atEnd() ? parts : std::vector<double>{};
}

QString carrierNameKey(const QString &name) {
    static const std::array<QStringView, 9> filler = {u"insurance", u"ins",         u"company", u"co", u"inc",
                                                      u"corp",      u"corporation", u"group",   u"the"};
    const QString s = name.toLower();
    // Text that is not valid UTF-16 (an unpaired surrogate, which JSON's \ud800 escapes can carry) is
    // kept whole, lower-cased: the regular expressions this replaces matched nothing in such text.
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
            ++i;
        else if (s[i].isSurrogate())
            return s;
    }
    QString out;
    out.reserve(s.size());
    qsizetype wordStart = -1;
    auto endWord = [&](qsizetype end) {
        if (wordStart < 0) return;
        const QStringView word = QStringView(s).sliced(wordStart, end - wordStart);
        if (std::find(filler.begin(), filler.end(), word) == filler.end()) out += word;
        wordStart = -1;
    };
    for (qsizetype i = 0; i < s.size();) {
        char32_t c = s[i].unicode();
        qsizetype width = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(s[i], s[i + 1]);
            width = 2;
        }
        if (QChar::isLetter(c) || QChar::isNumber(c)) {
            if (wordStart < 0) wordStart = i;
        } else {
            endWord(i);
        }
        i += width;
    }
    endWord(s.size());
    return out;
}

} // namespace pw
