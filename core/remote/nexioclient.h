// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"
#include "remote/apiresult.h"
#include "remote/remotesettings.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace pw {

// One HTTP exchange at a time with the Nexio API, over an injected QNetworkAccessManager (shared with the
// rest of the application; the client never owns it). Every request carries the bearer key, JSON
// Content-Type/Accept, a User-Agent, a transfer timeout and a whole-request deadline; answers larger than
// the cap are aborted; redirects are not followed (the key must not travel elsewhere); TLS errors are
// reported and never ignored. The client knows nothing of polling: RunPoller builds on it.
//
// Requests and answers are in nexioclient.cpp, URLs, headers and error envelopes in nexioprotocol.cpp.
//
// Callbacks run on the context object's thread and are dropped when the context is destroyed, when the
// request is cancelled, or when the client is destroyed; each request calls back at most once.
class NexioClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResult &)>;
    using Ticket = quint64;

    NexioClient(QNetworkAccessManager *network, const QString &apiKey, const RemoteSettings &settings = {},
                QObject *parent = nullptr);
    ~NexioClient() override;

    const RemoteSettings &settings() const { return m_settings; }
    void setApiKey(const QString &apiKey) { m_apiKey = apiKey.trimmed(); }
    bool hasApiKey() const { return !m_apiKey.isEmpty(); }

    // POST the body (written compactly; the caller strips "workbench") to the endpoint's submit path.
    Ticket submit(const RunEndpoint &endpoint, const JsonValue &body, QObject *context, Callback callback);
    // GET the run object.
    Ticket fetchRun(const RunEndpoint &endpoint, const QString &runId, QObject *context, Callback callback);
    void cancel(Ticket ticket);
    int pendingCount() const { return int(m_pending.size()); }

    static QUrl submitUrl(const RunEndpoint &endpoint);
    static QUrl runUrl(const RunEndpoint &endpoint, const QString &runId);
    // A run id we will put in a URL: 1–128 of [A-Za-z0-9._-], not "." or "..".
    static bool isUsableRunId(const QString &runId);
    static QByteArray userAgent();

    // The wait a 429 asks for: Retry-After (seconds or an HTTP date) first, else X-RateLimit-Reset (Unix
    // seconds; a small number is read as seconds from now). nullopt when neither says anything usable.
    static std::optional<qint64> rateLimitWaitMs(const QByteArray &retryAfter,
                                                 const QByteArray &rateLimitReset, const QDateTime &now);
    // The server's error from either envelope ({"error":{code,message,details}} or {code,message}), its
    // message cut to one bounded line: the body must have been scrubbed of the key before (a key cut in
    // two would not be recognised).
    static void readErrorEnvelope(const JsonValue &body, ApiResult &result);
    // The value with every occurrence of the key (in strings and member names) replaced by "[api key]".
    static JsonValue scrubKey(const JsonValue &value, const QString &apiKey);

private:
    struct Pending;
    Ticket send(const QByteArray &verb, const QUrl &url, const QByteArray &body, QObject *context,
                Callback callback);
    void onFinished(Ticket ticket);
    ApiResult classify(Pending &p, QNetworkReply *reply) const;
    void scrub(ApiResult &result) const;
    void deliverLater(QObject *context, Callback callback, ApiResult result);

    QPointer<QNetworkAccessManager> m_network;
    QString m_apiKey;
    RemoteSettings m_settings;
    Ticket m_nextTicket = 1;
    std::map<Ticket, std::shared_ptr<Pending>> m_pending;
};

} // namespace pw
