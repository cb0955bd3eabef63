// SPDX-License-Identifier: MIT
#include "json.h"

#include "io/problem.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace pw {

namespace {

const JsonValue &nullValue() {
    static const JsonValue v;
    return v;
}

template <typename T> const T &as(const std::shared_ptr<const void> &p) {
    return *static_cast<const T *>(p.get());
}

} // namespace

JsonValue::JsonValue(qint64 v)
    : JsonValue(double(v)) {}

JsonValue::JsonValue(double v)
    : m_type(Type::Number)
    , m_number(v) {}

JsonValue::JsonValue(const QString &s)
    : m_type(Type::String)
    , m_string(s) {}

JsonValue::JsonValue(Array a)
    : m_type(Type::Array)
    , m_data(std::make_shared<const Array>(std::move(a))) {}

JsonValue::JsonValue(Object o)
    : m_type(Type::Object)
    , m_data(std::make_shared<const Object>(std::move(o))) {}

JsonValue JsonValue::numberWithText(double value, QByteArray literal) {
    JsonValue v(value);
    v.m_literal = std::move(literal);
    return v;
}

QString JsonValue::toString() const {
    return m_type == Type::String ? m_string : QString();
}

QByteArray JsonValue::numberText() const {
    if (m_type != Type::Number) return {};
    if (!m_literal.isNull()) return m_literal;
    return shortestNumberText(m_number);
}

const JsonValue::Array &JsonValue::arrayItems() const {
    static const Array empty;
    return m_type == Type::Array ? as<Array>(m_data) : empty;
}

const JsonValue::Object &JsonValue::objectMembers() const {
    static const Object empty;
    return m_type == Type::Object ? as<Object>(m_data) : empty;
}

void JsonValue::detach() {
    if (m_data.use_count() <= 1) return;
    if (m_type == Type::Array)
        m_data = std::make_shared<const Array>(as<Array>(m_data));
    else if (m_type == Type::Object)
        m_data = std::make_shared<const Object>(as<Object>(m_data));
}

JsonValue::Array &JsonValue::arrayItemsMut() {
    if (m_type != Type::Array) *this = JsonValue(Array{});
    detach();
    return *const_cast<Array *>(static_cast<const Array *>(m_data.get()));
}

JsonValue::Object &JsonValue::objectMembersMut() {
    if (m_type != Type::Object) *this = JsonValue(Object{});
    detach();
    return *const_cast<Object *>(static_cast<const Object *>(m_data.get()));
}

int JsonValue::size() const {
    if (m_type == Type::Array) return int(as<Array>(m_data).size());
    if (m_type == Type::Object) return int(as<Object>(m_data).size());
    return 0;
}

namespace {

// Member names are short (a case's keys are a few to 30 characters) and most lookups compare against
// names of another length or another first character: compared here in line, character by character,
// rather than through the library's general comparison (a call and a vectorised set-up per member).
template <typename Key> bool sameName(const QString &name, Key key) {
    if (name.size() != key.size()) return false;
    const QChar *a = name.constData();
    for (qsizetype i = 0; i < key.size(); ++i)
        if (a[i] != QChar(key[i])) return false;
    return true;
}

template <typename Key> const JsonValue *findMember(const JsonValue::Object &members, Key key) {
    for (const auto &m : members)
        if (sameName(m.first, key)) return &m.second;
    return nullptr;
}

} // namespace

const JsonValue *JsonValue::find(QStringView key) const {
    if (m_type != Type::Object) return nullptr;
    return findMember(as<Object>(m_data), key);
}

const JsonValue *JsonValue::find(QLatin1StringView key) const {
    if (m_type != Type::Object) return nullptr;
    return findMember(as<Object>(m_data), key);
}

const JsonValue &JsonValue::operator[](QLatin1StringView key) const {
    const JsonValue *v = find(key);
    return v ? *v : nullValue();
}

const JsonValue &JsonValue::operator[](QStringView key) const {
    const JsonValue *v = find(key);
    return v ? *v : nullValue();
}

const JsonValue &JsonValue::at(int index) const {
    if (m_type != Type::Array || index < 0 || index >= size()) return nullValue();
    return as<Array>(m_data)[size_t(index)];
}

void JsonValue::insert(const QString &key, JsonValue value) {
    Object &o = objectMembersMut();
    for (auto &m : o) {
        if (m.first == key) {
            m.second = std::move(value);
            return;
        }
    }
    o.emplace_back(key, std::move(value));
}

void JsonValue::appendMember(QString key, JsonValue value) {
    Object &members = objectMembersMut();
    // Objects built member by member (run objects, solutions, reasons) have a handful of members: room
    // for eight at once instead of growing (and moving every member) at one, two and four.
    if (members.capacity() == 0) members.reserve(8);
    members.emplace_back(std::move(key), std::move(value));
}

bool JsonValue::remove(QStringView key) {
    if (m_type != Type::Object) return false;
    Object &o = objectMembersMut();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it->first == key) {
            o.erase(it);
            return true;
        }
    }
    return false;
}

void JsonValue::append(JsonValue value) {
    Array &items = arrayItemsMut();
    if (items.capacity() == 0) items.reserve(4); // as appendMember: no growth at one and two items
    items.push_back(std::move(value));
}

bool JsonValue::operator==(const JsonValue &other) const {
    if (m_type != other.m_type) return false;
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::Bool:
        return m_bool == other.m_bool;
    case Type::Number:
        // Same value, or both non-finite with the same literal.
        if (std::isfinite(m_number) || std::isfinite(other.m_number)) return m_number == other.m_number;
        return numberText() == other.numberText();
    case Type::String:
        return m_string == other.m_string;
    case Type::Array:
        return m_data == other.m_data || as<Array>(m_data) == as<Array>(other.m_data);
    case Type::Object:
        return m_data == other.m_data || as<Object>(m_data) == as<Object>(other.m_data);
    }
    return false;
}

QString JsonValue::typeName(Type t) {
    switch (t) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return QStringLiteral("a boolean");
    case Type::Number:
        return QStringLiteral("a number");
    case Type::String:
        return QStringLiteral("a string");
    case Type::Array:
        return QStringLiteral("an array");
    case Type::Object:
        return QStringLiteral("an object");
    }
    return {};
}

QString JsonParseError::toString() const {
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

// ---------------------------------------------------------------------------------------------------
// Parser

namespace {

// Texts a case repeats thousands of times (member names, line names, dates, limits) are read once and
// shared: a direct-mapped cache keeps, per hash slot, the last short text seen there with its value
// (implicitly shared Qt text, so the tree holds one copy and frees it once). A slot that holds another
// text is overwritten, so unique texts (ids, premiums) cost one hash and never grow the cache.
template <typename T> class RecentTexts {
public:
    static constexpr qsizetype kMaxLength = 48;
    // The cached value of data[start, start+length), or null; `slot` is where to store it after a miss.
    const T *find(const QByteArray &data, qsizetype start, qsizetype length, size_t *slot) const {
        size_t h = 2166136261u; // FNV-1a
        const char *p = data.constData() + start;
        for (qsizetype i = 0; i < length; ++i)
            h = (h ^ uchar(p[i])) * 16777619u;
        *slot = (h ^ size_t(length)) & (kSlots - 1);
        const Entry &e = m_entries[*slot];
        if (e.length != length || std::memcmp(data.constData() + e.start, p, size_t(length)) != 0)
            return nullptr;
        return &e.value;
    }
    void store(size_t slot, qsizetype start, qsizetype length, const T &value) {
        m_entries[slot] = {start, length, value};
    }

private:
    static constexpr size_t kSlots = 4096;
    struct Entry {
        qsizetype start = 0, length = -1;
        T value;
    };
    std::vector<Entry> m_entries = std::vector<Entry>(kSlots);
};

struct NumberText {
    double value = 0;
    QByteArray literal;
};

class Parser {
public:
    Parser(const QByteArray &data, const JsonParseOptions &opt)
        : m_d(data)
        , m_opt(opt) {}

    std::optional<JsonValue> run(JsonParseError *err) {
        if (m_d.startsWith("\xEF\xBB\xBF")) m_pos = 3;
        if (m_opt.progress) m_nextProgress = qsizetype(std::max<qint64>(1, m_opt.progressStep));
        skipWs();
        JsonValue v;
        if (!parseValue(v, 0)) {
            report(err);
            return std::nullopt;
        }
        skipWs();
        if (m_pos < m_d.size()) {
            fail(QStringLiteral("unexpected text after the end of the document"));
            report(err);
            return std::nullopt;
        }
        return v;
    }

private:
    const QByteArray &m_d;
    JsonParseOptions m_opt;
    qsizetype m_pos = 0;
    QString m_error;
    qsizetype m_errorPos = 0;
    RecentTexts<QString> m_strings;
    RecentTexts<NumberText> m_numbers;
    std::vector<JsonValue::Object> m_objectScratch; // per depth, see parseObject
    // The next offset at which progress is reported (the end of the world without a callback).
    qsizetype m_nextProgress = std::numeric_limits<qsizetype>::max();

    // Reported after array items only: a case's bulk is its offerings array, so this is often enough and
    // costs one comparison per item.
    bool reportProgress() {
        m_nextProgress = m_pos + qsizetype(std::max<qint64>(1, m_opt.progressStep));
        if (m_opt.progress(m_pos, m_d.size())) return true;
        return fail(QString::fromLatin1(kJsonParseCancelled));
    }

    bool fail(const QString &msg, qsizetype at = -1) {
        if (m_error.isEmpty()) {
            m_error = msg;
            m_errorPos = at < 0 ? m_pos : at;
        }
        return false;
    }

    void report(JsonParseError *err) const {
        if (!err) return;
        err->message = m_error;
        err->offset = m_errorPos;
        int line = 1;
        qsizetype lineStart = 0;
        const qsizetype end = std::min(m_errorPos, m_d.size());
        for (qsizetype i = 0; i < end; ++i) {
            if (m_d[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        // Column counts characters, not bytes: skip UTF-8 continuation bytes. A leading BOM is not a
        // character an editor shows, so it takes no column.
        if (lineStart == 0 && m_d.startsWith("\xEF\xBB\xBF")) lineStart = std::min<qsizetype>(3, end);
        int col = 1;
        for (qsizetype i = lineStart; i < end; ++i)
            if ((uchar(m_d[i]) & 0xC0) != 0x80) ++col;
        err->line = line;
        err->column = col;
    }

    char peek() const { return m_pos < m_d.size() ? m_d[m_pos] : '\0'; }
    bool atEnd() const { return m_pos >= m_d.size(); }

    void skipWs() {
        while (m_pos < m_d.size()) {
            const char c = m_d[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                ++m_pos;
            else
                break;
        }
    }

    QString describeHere() const {
        if (atEnd()) return QStringLiteral("the end of the file");
        const uchar c = uchar(peek());
        if (c >= 0x20 && c < 0x7F) return QStringLiteral("'%1'").arg(QChar(c));
        return QStringLiteral("byte 0x%1").arg(c, 2, 16, QChar(u'0'));
    }

    bool parseValue(JsonValue &out, int depth) {
        if (atEnd()) return fail(QStringLiteral("unexpected end of file: the document is truncated"));
        const char c = peek();
        switch (c) {
        case '{':
            return parseObject(out, depth + 1);
        case '[':
            return parseArray(out, depth + 1);
        case '"': {
            QString s;
            if (!parseString(s)) return false;
            out = JsonValue(s);
            return true;
        }
        case 't':
            return literal("true", JsonValue(true), out);
        case 'f':
            return literal("false", JsonValue(false), out);
        case 'n':
            return literal("null", JsonValue(), out);
        default:
            if (c == '-' || (c >= '0' && c <= '9')) return parseNumber(out);
            return fail(QStringLiteral("expected a value but found %1").arg(describeHere()));
        }
    }

    bool literal(const char *word, JsonValue v, JsonValue &out) {
        const qsizetype n = qsizetype(std::strlen(word));
        if (m_d.mid(m_pos, n) != QByteArray(word))
            return fail(QStringLiteral("expected a value but found %1").arg(describeHere()));
        m_pos += n;
        out = std::move(v);
        return true;
    }

    bool parseNumber(JsonValue &out) {
        const qsizetype start = m_pos;
        auto digit = [&] { return !atEnd() && peek() >= '0' && peek() <= '9'; };
        if (peek() == '-') ++m_pos;
        if (!digit()) return fail(QStringLiteral("invalid number: expected a digit"));
        if (peek() == '0') {
            ++m_pos;
            if (digit()) return fail(QStringLiteral("invalid number: leading zeros are not allowed"));
        } else {
            while (digit())
                ++m_pos;
        }
        if (peek() == '.') {
            ++m_pos;
            if (!digit())
                return fail(QStringLiteral("invalid number: expected a digit after the decimal point"));
            while (digit())
                ++m_pos;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-') ++m_pos;
            if (!digit()) return fail(QStringLiteral("invalid number: expected a digit in the exponent"));
            while (digit())
                ++m_pos;
        }
        const qsizetype length = m_pos - start;
        size_t slot = 0;
        const bool cacheable = length <= RecentTexts<NumberText>::kMaxLength;
        if (cacheable) {
            if (const NumberText *seen = m_numbers.find(m_d, start, length, &slot)) {
                out = JsonValue::numberWithText(seen->value, seen->literal);
                return true;
            }
        }
        QByteArray text = m_d.mid(start, length);
        double v = 0;
        const auto res = std::from_chars(text.constData(), text.constData() + text.size(), v);
        if (res.ec == std::errc::result_out_of_range) {
            // from_chars leaves v untouched: decide between overflow and underflow ourselves.
            v = std::strtod(text.constData(), nullptr);
        }
        if (cacheable) m_numbers.store(slot, start, length, {v, text});
        out = JsonValue::numberWithText(v, std::move(text));
        return true;
    }

    static void appendUtf16(QString &s, uint cp) {
        if (cp >= 0x10000) {
            s.append(QChar::highSurrogate(cp));
            s.append(QChar::lowSurrogate(cp));
        } else {
            s.append(QChar(char16_t(cp)));
        }
    }

    bool hex4(uint &v) {
        v = 0;
        for (int i = 0; i < 4; ++i) {
            if (atEnd()) return fail(QStringLiteral("unexpected end of file inside a \\u escape"));
            const char c = m_d[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= uint(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= uint(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= uint(c - 'A' + 10);
            else
                return fail(QStringLiteral("invalid \\u escape: expected four hex digits"), m_pos - 1);
        }
        return true;
    }

    // Decodes one UTF-8 sequence starting at m_pos (validated: no overlongs, no surrogates, <= U+10FFFF).
    bool utf8(uint &cp) {
        const qsizetype at = m_pos;
        const uchar b0 = uchar(m_d[m_pos]);
        int len = 0;
        uint min = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
            cp = b0 & 0x1F;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3;
            cp = b0 & 0x0F;
            min = 0x800;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4;
            cp = b0 & 0x07;
            min = 0x10000;
        } else {
            return fail(QStringLiteral("invalid UTF-8 (byte 0x%1)").arg(b0, 2, 16, QChar(u'0')), at);
        }
        if (m_pos + len > m_d.size()) return fail(QStringLiteral("invalid UTF-8: truncated sequence"), at);
        for (int i = 1; i < len; ++i) {
            const uchar b = uchar(m_d[m_pos + i]);
            if ((b & 0xC0) != 0x80)
                return fail(QStringLiteral("invalid UTF-8 (byte 0x%1)").arg(b0, 2, 16, QChar(u'0')), at);
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return fail(QStringLiteral("invalid UTF-8 sequence"), at);
        m_pos += len;
        return true;
    }

    bool parseString(QString &out) {
        ++m_pos; // opening quote
        const qsizetype start = m_pos;
        // Fast path: plain ASCII without escapes.
        while (m_pos < m_d.size()) {
            const uchar c = uchar(m_d[m_pos]);
            if (c == '"') {
                const qsizetype length = m_pos - start;
                size_t slot = 0;
                if (length > RecentTexts<QString>::kMaxLength) {
                    out = QString::fromLatin1(m_d.constData() + start, length);
                } else if (const QString *seen = m_strings.find(m_d, start, length, &slot)) {
                    out = *seen;
                } else {
                    out = QString::fromLatin1(m_d.constData() + start, length);
                    m_strings.store(slot, start, length, out);
                }
                ++m_pos;
                return true;
            }
            if (c == '\\' || c < 0x20 || c >= 0x80) break;
            ++m_pos;
        }
        out = QString::fromLatin1(m_d.constData() + start, m_pos - start);
        while (true) {
            if (atEnd())
                return fail(QStringLiteral("unexpected end of file inside a string (missing closing quote)"),
                            start - 1);
            const uchar c = uchar(m_d[m_pos]);
            if (c == '"') {
                ++m_pos;
                return true;
            }
            if (c < 0x20)
                return fail(QStringLiteral("control character (0x%1) inside a string; write it as an escape")
                                .arg(c, 2, 16, QChar(u'0')));
            if (c == '\\') {
                ++m_pos;
                if (atEnd()) return fail(QStringLiteral("unexpected end of file inside a string escape"));
                const char e = m_d[m_pos++];
                switch (e) {
                case '"':
                    out.append(u'"');
                    break;
                case '\\':
                    out.append(u'\\');
                    break;
                case '/':
                    out.append(u'/');
                    break;
                case 'b':
                    out.append(u'\b');
                    break;
                case 'f':
                    out.append(u'\f');
                    break;
                case 'n':
                    out.append(u'\n');
                    break;
                case 'r':
                    out.append(u'\r');
                    break;
                case 't':
                    out.append(u'\t');
                    break;
                case 'u': {
                    // Surrogate errors point at the escape that starts the broken pair.
                    const qsizetype escapeStart = m_pos - 2;
                    uint cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        uint lo = 0;
                        if (m_d.mid(m_pos, 2) != "\\u")
                            return fail(QStringLiteral("lone UTF-16 surrogate in a \\u escape"), escapeStart);
                        m_pos += 2;
                        if (!hex4(lo)) return false;
                        if (lo < 0xDC00 || lo > 0xDFFF)
                            return fail(QStringLiteral("lone UTF-16 surrogate in a \\u escape"), escapeStart);
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return fail(QStringLiteral("lone UTF-16 surrogate in a \\u escape"), escapeStart);
                    }
                    appendUtf16(out, cp);
                    break;
                }
                default:
                    if (uchar(e) < 0x20 || uchar(e) >= 0x7f)
                        return fail(QStringLiteral("invalid escape in a string: '\\' followed by byte 0x%1")
                                        .arg(uchar(e), 2, 16, QChar(u'0')),
                                    m_pos - 2);
                    return fail(QStringLiteral("invalid escape '\\%1' in a string").arg(QChar(uchar(e))),
                                m_pos - 2);
                }
                continue;
            }
            if (c >= 0x80) {
                uint cp = 0;
                if (!utf8(cp)) return false;
                appendUtf16(out, cp);
                continue;
            }
            out.append(QChar(c));
            ++m_pos;
        }
    }

    bool checkDepth(int depth) {
        if (depth > m_opt.maxDepth)
            return fail(QStringLiteral("nesting deeper than %1 levels").arg(m_opt.maxDepth));
        return true;
    }

    bool parseArray(JsonValue &out, int depth) {
        if (!checkDepth(depth)) return false;
        ++m_pos;
        JsonValue::Array items;
        skipWs();
        if (peek() == ']') {
            ++m_pos;
            out = JsonValue(std::move(items));
            return true;
        }
        while (true) {
            skipWs();
            JsonValue v;
            if (!parseValue(v, depth)) return false;
            items.push_back(std::move(v));
            if (m_pos >= m_nextProgress && !reportProgress()) return false;
            skipWs();
            if (atEnd()) return fail(QStringLiteral("unexpected end of file inside an array (missing ']')"));
            const char c = m_d[m_pos];
            if (c == ',') {
                ++m_pos;
                skipWs();
                if (peek() == ']') return fail(QStringLiteral("trailing comma before ']'"));
                continue;
            }
            if (c == ']') {
                ++m_pos;
                out = JsonValue(std::move(items));
                return true;
            }
            return fail(QStringLiteral("expected ',' or ']' but found %1").arg(describeHere()));
        }
    }

    bool parseObject(JsonValue &out, int depth) {
        if (!checkDepth(depth)) return false;
        ++m_pos;
        skipWs();
        if (peek() == '}') {
            ++m_pos;
            out = JsonValue(JsonValue::Object{});
            return true;
        }
        // Members gather in this depth's scratch list and are moved into an object of their exact size:
        // one allocation per object instead of one per doubling.
        if (m_objectScratch.size() <= size_t(depth)) m_objectScratch.resize(size_t(depth) + 1);
        m_objectScratch[size_t(depth)].clear();
        while (true) {
            skipWs();
            if (peek() != '"') {
                if (atEnd())
                    return fail(QStringLiteral("unexpected end of file inside an object (missing '}')"));
                return fail(QStringLiteral("expected a member name in double quotes but found %1")
                                .arg(describeHere()));
            }
            QString key;
            if (!parseString(key)) return false;
            skipWs();
            if (peek() != ':')
                return fail(QStringLiteral("expected ':' after member name \"%1\" but found %2")
                                .arg(excerpt(key, 40), describeHere()));
            ++m_pos;
            skipWs();
            JsonValue v;
            if (!parseValue(v, depth)) return false;
            m_objectScratch[size_t(depth)].emplace_back(std::move(key), std::move(v));
            skipWs();
            if (atEnd()) return fail(QStringLiteral("unexpected end of file inside an object (missing '}')"));
            const char c = m_d[m_pos];
            if (c == ',') {
                ++m_pos;
                skipWs();
                if (peek() == '}') return fail(QStringLiteral("trailing comma before '}'"));
                continue;
            }
            if (c == '}') {
                ++m_pos;
                JsonValue::Object &scratch = m_objectScratch[size_t(depth)];
                out = JsonValue(JsonValue::Object(std::make_move_iterator(scratch.begin()),
                                                  std::make_move_iterator(scratch.end())));
                scratch.clear();
                return true;
            }
            return fail(QStringLiteral("expected ',' or '}' but found %1").arg(describeHere()));
        }
    }
};

// The length of the UTF-8 sequence at `p` (n bytes left) that writeString escapes although it is not
// ASCII: DEL, C1 controls, U+061C, U+200E, U+200F, U+2028–U+202E, U+2066–U+2069; 0 for any other.
int unsafeSequence(const uchar *p, qsizetype n, char32_t *code) {
    if (p[0] == 0x7f) return *code = 0x7f, 1;
    if (n >= 2 && p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) return *code = p[1], 2;
    if (n >= 2 && p[0] == 0xd8 && p[1] == 0x9c) return *code = 0x061c, 2;
    if (n >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
        (p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xa8 && p[2] <= 0xae)))
        return *code = 0x2000 + (p[2] - 0x80), 3;
    if (n >= 3 && p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
        return *code = 0x2040 + (p[2] - 0x80), 3;
    return 0;
}

void writeString(QByteArray &out, const QString &s) {
    out.append('"');
    // Most strings (keys, ids, reasons) are printable ASCII with nothing to escape: their bytes are their
    // UTF-16 code units, copied without building the UTF-8 copy.
    const char16_t *units = reinterpret_cast<const char16_t *>(s.constData());
    const qsizetype count = s.size();
    if (std::all_of(units, units + count,
                    [](char16_t c) { return c >= 0x20 && c < 0x7f && c != u'"' && c != u'\\'; })) {
        const qsizetype at = out.size();
        out.resize(at + count);
        std::transform(units, units + count, out.data() + at, [](char16_t c) { return char(c); });
        out.append('"');
        return;
    }
    const QByteArray u = s.toUtf8();
    const char *data = u.constData();
    qsizetype runStart = 0;
    const qsizetype n = u.size();
    // Copy unescaped runs in one go; escape quotes, backslashes, control and bidirectional characters.
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && c != 0xc2 && c != 0xd8 && c != 0xe2) continue;
        char32_t code = 0;
        const int length =
            c >= 0x7f ? unsafeSequence(reinterpret_cast<const uchar *>(data + i), n - i, &code) : 1;
        if (length == 0) continue; // a non-ASCII character that stays as it is
        out.append(data + runStart, i - runStart);
        runStart = i + length;
        if (length > 1 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", uint(code));
            out.append(buf, 6);
            i += length - 1;
            continue;
        }
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        default: {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out.append(buf, 6);
        }
        }
    }
    out.append(data + runStart, n - runStart);
    out.append('"');
}

void writeValue(QByteArray &out, const JsonValue &v, int indent, int level) {
    auto newline = [&](int lvl) {
        if (indent < 0) return;
        out.append('\n');
        out.append(qsizetype(lvl) * indent, ' ');
    };
    switch (v.type()) {
    case JsonValue::Type::Null:
        out.append("null");
        break;
    case JsonValue::Type::Bool:
        out.append(v.toBool() ? "true" : "false");
        break;
    case JsonValue::Type::Number:
        out.append(v.numberText());
        break;
    case JsonValue::Type::String:
        writeString(out, v.toString());
        break;
    case JsonValue::Type::Array: {
        const auto &items = v.arrayItems();
        if (items.empty()) {
            out.append("[]");
            break;
        }
        out.append('[');
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) out.append(',');
            newline(level + 1);
            writeValue(out, items[i], indent, level + 1);
        }
        newline(level);
        out.append(']');
        break;
    }
    case JsonValue::Type::Object: {
        const auto &members = v.objectMembers();
        if (members.empty()) {
            out.append("{}");
            break;
        }
        out.append('{');
        for (size_t i = 0; i < members.size(); ++i) {
            if (i) out.append(',');
            newline(level + 1);
            writeString(out, members[i].first);
            out.append(indent < 0 ? ":" : ": ");
            writeValue(out, members[i].second, indent, level + 1);
        }
        newline(level);
        out.append('}');
        break;
    }
    }
}

} // namespace

std::optional<JsonValue> parseJson(const QByteArray &utf8, JsonParseError *error,
                                   const JsonParseOptions &options) {
    Parser p(utf8, options);
    return p.run(error);
}

QByteArray writeJson(const JsonValue &value, int indent) {
    QByteArray out;
    writeValue(out, value, indent, 0);
    if (indent >= 0) out.append('\n');
    return out;
}

QByteArray shortestNumberText(double v) {
    if (!std::isfinite(v)) return QByteArrayLiteral("null");
    if (v == 0) return QByteArrayLiteral("0");
    char buf[64];
    // Integers up to 2^53 print without exponent; everything else in the shortest round-trip form.
    if (std::fabs(v) < 9007199254740992.0 && v == std::trunc(v)) {
        auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
        return QByteArray(buf, r.ptr - buf);
    }
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QByteArray(buf, r.ptr - buf);
}

} // namespace pw
