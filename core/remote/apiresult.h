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
        NotStored,   // the server answered, but the run store could not record the run
    };
    Kind kind = Kind::Ok;
    int httpStatus = 0;
    QString code; // the server's error code, when given
    QString message;
    JsonValue details;                  // the server's error details, when given
    JsonValue body;                     // the parsed answer (Ok), or the parsed error body when it was JSON
    std::optional<qint64> retryAfterMs; // RateLimited: the wait the server asked for, when it said
    // The request may have reached the server: a connection was made (or the failure cannot tell), so a
    // submission that failed this way may still have been accepted. False only for failures that prove
    // nothing was sent (connection refused, host not found, insecure URL, TLS handshake failed).
    bool mayHaveArrived = false;
    // A run id found in a 2xx answer that could not be read (a cut-off or invalid JSON body): usable as a
    // run id and free of the key, so it may be shown; empty when none was found.
    QString runIdHint;

    bool ok() const { return kind == Kind::Ok; }
    // 5xx in {500, 502, 503, 504} and network failures are retried with backoff; 429 waits.
    bool retryable() const {
        return kind == Kind::Network || kind == Kind::Timeout ||
               (kind == Kind::ServerError &&
                (httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504));
    }
    // A failed submission that must not be sent again: the server may have created the run (the body
    // went out and no answer came, a 2xx answer could not be read, or the server answered 500, 502, 503 or
    // 504 after the body was sent). Reading chosen: nexio-api.md says to retry 500s, but a 500 to a POST
    // whose body was sent may come after the run was created, and the issue says never to submit twice, so
    // a submission is never resent after any 5xx — polls (GET, safe to repeat) still retry 500s. Every 503
    // counts, even the documented `auth_unavailable` (a lying or proxied server can send that code too).
    bool maybeAccepted() const {
        if (kind == Kind::Timeout || kind == Kind::Network || kind == Kind::TooLarge) return mayHaveArrived;
        if (kind == Kind::Malformed) return httpStatus >= 200 && httpStatus < 300;
        return kind == Kind::ServerError &&
               (httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504);
    }
    static QString kindName(Kind k);
};

} // namespace pw
