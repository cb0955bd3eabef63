// SPDX-License-Identifier: MIT
#include "keyscrub.h"

#include "util/secretscrubber.h"

namespace pw {

namespace {

// The scrubbed value, or nullopt when nothing in it holds the secret (so unchanged trees are not copied).
std::optional<JsonValue> scrubbedJson(const JsonValue &v, const SecretScrubber &scrubber) {
    switch (v.type()) {
    case JsonValue::Type::String: {
        QString text = scrubber.scrub(v.toString());
        if (text == v.toString()) return std::nullopt;
        return JsonValue(std::move(text));
    }
    case JsonValue::Type::Array: {
        std::optional<JsonValue> out;
        for (int i = 0; i < v.size(); ++i) {
            std::optional<JsonValue> item = scrubbedJson(v.at(i), scrubber);
            if (item && !out) {
                out = JsonValue::array();
                for (int j = 0; j < i; ++j)
                    out->append(v.at(j));
            }
            if (out) out->append(item ? std::move(*item) : v.at(i));
        }
        return out;
    }
    case JsonValue::Type::Object: {
        std::optional<JsonValue> out;
        const auto &members = v.objectMembers();
        for (size_t i = 0; i < members.size(); ++i) {
            const auto &[name, member] = members[i];
            const QString scrubbedName = scrubber.scrub(name);
            std::optional<JsonValue> value = scrubbedJson(member, scrubber);
            if ((value || scrubbedName != name) && !out) {
                out = JsonValue::object();
                for (size_t j = 0; j < i; ++j)
                    out->appendMember(members[j].first, members[j].second);
            }
            if (out) out->appendMember(scrubbedName, value ? std::move(*value) : member);
        }
        return out;
    }
    default:
        return std::nullopt;
    }
}

} // namespace

JsonValue scrubSecretInJson(const JsonValue &value, const SecretScrubber &scrubber) {
    if (!scrubber.isActive()) return value;
    std::optional<JsonValue> scrubbed = scrubbedJson(value, scrubber);
    return scrubbed ? std::move(*scrubbed) : value;
}

JsonValue scrubSecretInJson(const JsonValue &value, const QString &secret) {
    return scrubSecretInJson(value, SecretScrubber(secret));
}

} // namespace pw
