// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace pw {

// An ordered JSON tree that round-trips a case file: object keys keep their order, numbers keep the
// exact text they were written with (so 12840.10 or 1e400 come back as written), and unknown members
// survive at any depth. Objects and arrays share their storage until written to (copy on write), so a
// JsonValue is cheap to copy and compare. Lookups in objects take the first member of a name.
class JsonValue {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<QString, JsonValue>;
    using Array = std::vector<JsonValue>;
    using Object = std::vector<Member>;

    JsonValue() = default;
    JsonValue(std::nullptr_t) {}
    JsonValue(bool b)
        : m_type(Type::Bool)
        , m_bool(b) {}
    JsonValue(int v)
        : JsonValue(double(v)) {}
    JsonValue(qint64 v);
    JsonValue(double v);
    JsonValue(const QString &s);
    JsonValue(const char *s)
        : JsonValue(QString::fromUtf8(s)) {}
    JsonValue(Array a);
    JsonValue(Object o);

    // A number with its literal text, as the parser saw it (the literal must be valid JSON).
    static JsonValue numberWithText(double value, QByteArray literal);
    static JsonValue array() { return JsonValue(Array{}); }
    static JsonValue object() { return JsonValue(Object{}); }

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }

    bool toBool(bool fallback = false) const { return m_type == Type::Bool ? m_bool : fallback; }
    double toDouble(double fallback = 0) const { return m_type == Type::Number ? m_number : fallback; }
    QString toString() const;
    // The number's literal (the original text when parsed, else the shortest form of the double).
    QByteArray numberText() const;

    const Array &arrayItems() const;
    const Object &objectMembers() const;
    Array &arrayItemsMut();
    Object &objectMembersMut();
    int size() const;

    // Object access; on anything but an object these find nothing.
    const JsonValue *find(QStringView key) const;
    const JsonValue *find(QLatin1StringView key) const;
    bool contains(QStringView key) const { return find(key) != nullptr; }
    // Null JsonValue when absent; absent and null read alike, as the specs say ("not stated").
    const JsonValue &operator[](QStringView key) const;
    const JsonValue &operator[](QLatin1StringView key) const;
    const JsonValue &at(int index) const;
    // Sets (replacing the first member of that name, or appending) and makes this an object if null.
    void insert(const QString &key, JsonValue value);
    bool remove(QStringView key);
    // Appends a member without looking for an existing one of that name: for building fresh objects
    // whose keys are known to be distinct (run objects, reports).
    void appendMember(QString key, JsonValue value);
    void append(JsonValue value);

    bool operator==(const JsonValue &other) const;
    bool operator!=(const JsonValue &other) const { return !(*this == other); }

    static QString typeName(Type t);
    QString typeName() const { return typeName(m_type); }

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    QString m_string;                   // String: its text (implicitly shared)
    QByteArray m_literal;               // Number: the literal as read, when parsed
    std::shared_ptr<const void> m_data; // Array or Object (copy on write)
    void detach();
};

// Where and why a document failed to parse: 1-based line and column of the offending byte.
struct JsonParseError {
    QString message;
    int line = 0;
    int column = 0;
    qint64 offset = 0;
    QString toString() const;
};

struct JsonParseOptions {
    int maxDepth = 256;
    // Called from the parsing thread about every `progressStep` bytes with the bytes parsed so far and
    // the document's size; returning false stops the parse, which then fails with `kJsonParseCancelled`.
    std::function<bool(qint64 parsed, qint64 total)> progress;
    qint64 progressStep = 1 << 20;
};
// The message of a parse stopped by JsonParseOptions::progress.
inline constexpr char kJsonParseCancelled[] = "cancelled";

// Strict RFC 8259 parser over UTF-8 bytes (a leading BOM is accepted). Invalid UTF-8, control characters
// in strings, lone surrogates, trailing garbage and nesting beyond maxDepth are errors.
std::optional<JsonValue> parseJson(const QByteArray &utf8, JsonParseError *error = nullptr,
                                   const JsonParseOptions &options = {});

// Writes with two-space indentation (indent < 0: compact, one line) and a trailing newline when
// indented. Non-ASCII text is written as UTF-8, except the characters a terminal or an editor would act
// on or reorder text by, which are written as \u escapes (the same string once read): C0 controls, DEL,
// C1 controls (U+0080–U+009F), the line and paragraph separators (U+2028, U+2029) and the bidirectional
// formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
QByteArray writeJson(const JsonValue &value, int indent = 2);

// The shortest decimal text that reads back as exactly this double ("0.1", "6620", "1e+400" never:
// non-finite values have no JSON form and are written as null).
QByteArray shortestNumberText(double v);

} // namespace pw
