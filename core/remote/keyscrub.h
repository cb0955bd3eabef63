// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

namespace pw {

class SecretScrubber;

// The value with every spelling of the secret (in string values and member names) replaced by
// "[api key]" (util/secretscrubber.h); the value itself when the secret is too short to be a key or does
// not occur. A server that echoes the API key anywhere in an answer keeps nothing of it.
JsonValue scrubSecretInJson(const JsonValue &value, const QString &secret);
JsonValue scrubSecretInJson(const JsonValue &value, const SecretScrubber &scrubber);

} // namespace pw
