// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QString>

#include <optional>

namespace pw {

// The outcome of one HTTP exchange with the Nexio API, classified so callers decide what to do:
// Ok carries the parsed JSON object; RateLimited carries the wait the server asked for; ServerError is
// retryable for 500/502/503/504; Refused is any other 4xx (never retried); the rest are transport
// failures. `message` is a plain sentence for people (the server's own message when it sent one) and
// never contains the API key.
struct ApiResult {
    enum class Kind {
        Ok,
        Refused,     // 4xx other than 429, or an unexpected redirect
        RateLimited, // 429
        ServerError, // 5xx
        Network,     // connection refused, reset, dropped, truncated, DNS…
        Timeout,     // no answer within the transfer timeout or the request deadline
        TooLarge,    // the answer exceeded the size cap
        Malformed,   // the answer is not the JSON it should be
        Tls,         // TLS handshake or certificate errors
        Insecure,    // the base URL is not https (and not loopback), or no key: nothing was sent
    };
    Kind kind = Kind::Ok;
    int httpStatus = 0;
    QString code; // the server's error code, when given
    QString message;
    JsonValue details;                  // the server's error details, when given
    JsonValue body;                     // the parsed answer (Ok), or the parsed error body when it was JSON
    std::optional<qint64> retryAfterMs; // RateLimited: the wait the server asked for, when it said

    bool ok() const { return kind == Kind::Ok; }
    // 5xx in {500, 502, 503, 504} and network failures are retried with backoff; 429 waits.
    bool retryable() const {
        return kind == Kind::Network || kind == Kind::Timeout ||
               (kind == Kind::ServerError &&
                (httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504));
    }
    static QString kindName(Kind k);
};

} // namespace pw
