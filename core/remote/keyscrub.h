// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

namespace pw {

// The value with every occurrence of `secret` (in string values and member names) replaced by
// "[api key]" (util/displaytext.h scrubSecret); the value itself when the secret is too short to be a key
// or does not occur. A server that echoes the API key anywhere in an answer keeps nothing of it.
JsonValue scrubSecretInJson(const JsonValue &value, const QString &secret);

} // namespace pw
