// SPDX-License-Identifier: MIT
#include "keyscrub.h"

#include "util/displaytext.h"

namespace pw {

namespace {

JsonValue scrubbedJson(const JsonValue &v, const QString &key) {
    switch (v.type()) {
    case JsonValue::Type::String:
        return v.toString().contains(key) ? JsonValue(scrubSecret(v.toString(), key)) : v;
    case JsonValue::Type::Array: {
        JsonValue out = JsonValue::array();
        for (const JsonValue &item : v.arrayItems())
            out.append(scrubbedJson(item, key));
        return out;
    }
    case JsonValue::Type::Object: {
        JsonValue out = JsonValue::object();
        for (const auto &[name, member] : v.objectMembers())
            out.appendMember(scrubSecret(name, key), scrubbedJson(member, key));
        return out;
    }
    default:
        return v;
    }
}

bool jsonContains(const JsonValue &v, const QString &key) {
    switch (v.type()) {
    case JsonValue::Type::String:
        return v.toString().contains(key);
    case JsonValue::Type::Array:
        for (const JsonValue &item : v.arrayItems())
            if (jsonContains(item, key)) return true;
        return false;
    case JsonValue::Type::Object:
        for (const auto &[name, member] : v.objectMembers())
            if (name.contains(key) || jsonContains(member, key)) return true;
        return false;
    default:
        return false;
    }
}

} // namespace

JsonValue scrubSecretInJson(const JsonValue &value, const QString &secret) {
    if (scrubSecret(secret, secret) == secret || !jsonContains(value, secret)) return value; // too short
    return scrubbedJson(value, secret);
}

} // namespace pw
