// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QUrl>

namespace pw {

// The two families of the Nexio API: jobs (POST /api/v1/jobs, GET /api/v1/jobs/{id}) and engine-scoped
// (POST /api/v1/engines/{slug}/runs, GET /api/v1/runs/{id}).
enum class ApiFamily { Jobs, Engine };

QString apiFamilyName(ApiFamily family); // "jobs" or "engine"
ApiFamily apiFamilyFromName(const QString &name);

// Where a run is submitted and polled. engineVersion ("1.3", "1.x") is sent only for the engine family
// and only when not empty.
struct RunEndpoint {
    QUrl baseUrl = defaultBaseUrl();
    ApiFamily family = ApiFamily::Jobs;
    QString engineSlug;
    QString engineVersion;

    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.usenexio.com")); }
    bool operator==(const RunEndpoint &) const = default;
};

// Timing and limits of the client. Defaults are the documented ones (first poll 2 s after submit, ×1.5,
// capped at 30 s); tests pass small values. All durations in milliseconds.
struct RemoteSettings {
    int pollInitialMs = 2000;
    double pollFactor = 1.5;
    int pollMaxMs = 30000;
    int maxRetries = 5;                 // consecutive 5xx / network failures before giving up
    int maxRateLimitWaits = 20;         // consecutive 429 answers before giving up
    int rateLimitMaxWaitMs = 5 * 60000; // a longer Retry-After is clamped to this
    int transferTimeoutMs = 30000;      // QNetworkRequest::setTransferTimeout (no bytes for this long)
    int requestDeadlineMs = 120000;     // whole request, however slowly bytes trickle in
    qint64 maxResponseBytes = 8ll * 1024 * 1024;
    qint64 maxPollDurationMs = 2ll * 3600 * 1000; // a run still not finished after this is given up on

    // The delay after `current` in the backoff sequence.
    int nextDelay(int current) const;
};

// Empty when the URL may carry the API key: https, or http to a loopback host (127.0.0.1, ::1,
// localhost); else a sentence saying why not.
QString checkBaseUrl(const QUrl &url);

} // namespace pw
