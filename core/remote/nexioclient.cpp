// SPDX-License-Identifier: MIT
#include "nexioclient.h"

#include "io/problem.h"
#include "remote/keyscrub.h"
#include "remote/oneshotbody.h"
#include "util/displaytext.h"
#include "util/secretscrubber.h"

#include <QBuffer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTimer>

#if QT_CONFIG(ssl)
#include <QSslError>
#endif

namespace pw {

struct NexioClient::Pending {
    QPointer<QNetworkReply> reply;
    QPointer<QObject> context;
    bool hasContext = false;
    Callback callback;
    QByteArray data;
    QString what; // "GET /api/v1/runs/…" for messages
    QString host;
    bool tooLarge = false;
    bool deadlineHit = false;
    bool cancelled = false;
    QStringList tlsErrors;
    QTimer *deadline = nullptr;
};

namespace {

QString megabytes(qint64 bytes) {
    if (bytes >= 1024 * 1024)
        return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'g', 3);
    return QStringLiteral("%1 KB").arg(double(bytes) / 1024.0, 0, 'g', 3);
}

QString compactText(const JsonValue &v) {
    if (v.isNull()) return QString();
    if (v.isString()) return v.toString();
    return QString::fromUtf8(writeJson(v, -1));
}

// One line, bounded, control and bidirectional characters escaped: server text goes into messages people
// read. The text must have been scrubbed of the key already: a key cut in two here would no longer be
// recognised whole.
QString printable(const QString &text, int limit = 200) {
    return excerpt(text.simplified(), limit);
}

// How much of a non-JSON body is read for a message (it is cut to a few hundred characters after the key
// is scrubbed from it).
constexpr qsizetype kRawTextBytes = 16 * 1024;

// A run id in an answer that is not valid JSON (cut off, or broken): `"run_id": "…"` with a usable id.
QString runIdInRawBody(const QByteArray &data) {
    static const QRegularExpression re(QStringLiteral("\"run_id\"\\s*:\\s*\"([A-Za-z0-9._-]{1,128})\""));
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(data.left(kRawTextBytes)));
    return m.hasMatch() ? m.captured(1) : QString();
}

// Network errors that prove the request never reached the server, so sending it again is safe.
bool provesNothingSent(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
        return true;
    default:
        return false;
    }
}

} // namespace

NexioClient::NexioClient(QNetworkAccessManager *network, const QString &apiKey,
                         const RemoteSettings &settings, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_apiKey(apiKey.trimmed())
    , m_settings(settings) {}

NexioClient::~NexioClient() {
    // Abort what is in flight without calling anyone back: the callers are going away with us.
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto &[ticket, p] : pending) {
        p->cancelled = true;
        if (p->reply) {
            p->reply->disconnect(this);
            p->reply->abort();
            p->reply->deleteLater();
        }
    }
}

JsonValue NexioClient::scrubKey(const JsonValue &value, const QString &apiKey) {
    return scrubSecretInJson(value, apiKey.trimmed());
}

void NexioClient::scrub(ApiResult &result) const {
    // A server may echo the key anywhere (an error message, a run object): nothing it sends keeps it.
    // classify() scrubs what the server sent before cutting it into messages; this pass over the result is
    // defence in depth (it also removes a start of the key left before a "…").
    const SecretScrubber scrubber(m_apiKey);
    result.message = scrubber.scrub(result.message);
    result.code = scrubber.scrub(result.code);
    result.details = scrubSecretInJson(result.details, scrubber);
    result.body = scrubSecretInJson(result.body, scrubber);
    if (scrubber.foundIn(result.runIdHint)) result.runIdHint.clear();
}

void NexioClient::deliverLater(QObject *context, Callback callback, ApiResult result) {
    scrub(result);
    // Deliver from the event loop, as a network answer would be, so callers never re-enter.
    QTimer::singleShot(0, context ? context : this,
                       [callback = std::move(callback), result = std::move(result)] { callback(result); });
}

NexioClient::Ticket NexioClient::submit(const RunEndpoint &endpoint, const JsonValue &body, QObject *context,
                                        Callback callback) {
    QByteArray bytes = writeJson(body, -1);
    return send(QByteArrayLiteral("POST"), submitUrl(endpoint), bytes, context, std::move(callback));
}

NexioClient::Ticket NexioClient::fetchRun(const RunEndpoint &endpoint, const QString &runId, QObject *context,
                                          Callback callback) {
    if (!isUsableRunId(runId)) {
        ApiResult r;
        r.kind = ApiResult::Kind::Malformed;
        r.message = QStringLiteral("\"%1\" is not a run id (letters, digits, '.', '_' and '-' only)")
                        .arg(printable(runId, 60));
        deliverLater(context, std::move(callback), std::move(r));
        return 0;
    }
    return send(QByteArrayLiteral("GET"), runUrl(endpoint, runId), QByteArray(), context,
                std::move(callback));
}

NexioClient::Ticket NexioClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                                      QObject *context, Callback callback) {
    const QString why = checkBaseUrl(url);
    if (!why.isEmpty() || m_apiKey.isEmpty() || !m_network) {
        ApiResult r;
        r.kind = ApiResult::Kind::Insecure;
        r.message = !why.isEmpty() ? why
                    : m_network    ? QStringLiteral("No Nexio API key is set")
                                   : QStringLiteral("No network access manager");
        deliverLater(context, std::move(callback), std::move(r));
        return 0;
    }

    QNetworkRequest request(url);
    request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + m_apiKey.toUtf8());
    request.setRawHeader("Accept", "application/json");
    if (!body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(std::max(1, m_settings.transferTimeoutMs));

    auto p = std::make_shared<Pending>();
    p->context = context;
    p->hasContext = context != nullptr;
    p->callback = std::move(callback);
    p->what = QString::fromLatin1(verb) + u' ' + url.path();
    p->host = url.host();
    const Ticket ticket = m_nextTicket++;

    QNetworkReply *reply = nullptr;
    if (verb == "POST") {
        auto *upload = new OneShotBody(body, nullptr);
        reply = m_network->post(request, upload);
        upload->setParent(reply);
    } else {
        reply = m_network->get(request);
    }
    p->reply = reply;
    m_pending.emplace(ticket, p);

    const qint64 cap = m_settings.maxResponseBytes;
    auto overCap = [this, ticket, cap](qint64 bytes) {
        const auto it = m_pending.find(ticket);
        if (it == m_pending.end() || bytes <= cap || it->second->tooLarge) return;
        it->second->tooLarge = true;
        if (it->second->reply) it->second->reply->abort();
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, overCap] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid()) overCap(length.toLongLong());
    });
    connect(reply, &QNetworkReply::downloadProgress, this,
            [overCap](qint64 received, qint64 total) { overCap(std::max(received, total)); });
    connect(reply, &QNetworkReply::readyRead, this, [this, ticket, reply, overCap] {
        const auto it = m_pending.find(ticket);
        if (it == m_pending.end()) return;
        // Hold on to it: going over the cap aborts, and the abort finishes (and forgets) the request.
        const std::shared_ptr<Pending> p = it->second;
        if (p->tooLarge || !reply->isOpen()) return;
        overCap(p->data.size() + reply->bytesAvailable());
        if (!p->tooLarge && reply->isOpen() && m_pending.count(ticket)) p->data += reply->readAll();
    });
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [this, ticket](const QList<QSslError> &errors) {
        const auto it = m_pending.find(ticket);
        if (it == m_pending.end()) return;
        // Recorded for the message; never ignored, so the handshake fails.
        for (const QSslError &e : errors)
            it->second->tlsErrors << e.errorString();
    });
#endif
    connect(reply, &QNetworkReply::finished, this, [this, ticket] { onFinished(ticket); });

    p->deadline = new QTimer(reply);
    p->deadline->setSingleShot(true);
    connect(p->deadline, &QTimer::timeout, this, [this, ticket] {
        const auto it = m_pending.find(ticket);
        if (it == m_pending.end()) return;
        it->second->deadlineHit = true;
        if (it->second->reply) it->second->reply->abort();
    });
    p->deadline->start(std::max(1, m_settings.requestDeadlineMs));

    if (context) {
        connect(context, &QObject::destroyed, this, [this, ticket] { cancel(ticket); });
    }
    return ticket;
}

void NexioClient::cancel(Ticket ticket) {
    const auto it = m_pending.find(ticket);
    if (it == m_pending.end()) return;
    auto p = it->second;
    m_pending.erase(it);
    p->cancelled = true;
    if (p->reply) {
        p->reply->disconnect(this);
        p->reply->abort();
        p->reply->deleteLater();
    }
}

void NexioClient::onFinished(Ticket ticket) {
    const auto it = m_pending.find(ticket);
    if (it == m_pending.end()) return;
    auto p = it->second;
    m_pending.erase(it);
    QNetworkReply *reply = p->reply;
    if (!reply) return;
    reply->disconnect(this);
    reply->deleteLater();
    if (p->deadline) p->deadline->stop();
    if (p->cancelled || (p->hasContext && !p->context)) return;
    if (!p->tooLarge && reply->isOpen()) {
        const qint64 more = reply->bytesAvailable();
        if (p->data.size() + more > m_settings.maxResponseBytes)
            p->tooLarge = true;
        else
            p->data += reply->readAll();
    }
    ApiResult result = classify(*p, reply);
    scrub(result);
    p->callback(result);
}

ApiResult NexioClient::classify(Pending &p, QNetworkReply *reply) const {
    // Everything the server sent is scrubbed of the key before it is cut into a message: a key that
    // straddled a cut would no longer be recognised whole.
    const SecretScrubber scrubber(m_apiKey);
    auto serverText = [&scrubber](const QString &text, int limit) {
        return printable(scrubber.scrub(text), limit);
    };
    ApiResult r;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.httpStatus = status;
    const QNetworkReply::NetworkError error = reply->error();
    const QString where = QStringLiteral("%1 (%2)").arg(p.host, p.what);
    // Any HTTP answer, and any failure that does not prove otherwise, means the request may have arrived.
    r.mayHaveArrived = status != 0 || !provesNothingSent(error);

    // Qt inflates gzip/deflate answers itself and stops at its own expansion limit with a content error:
    // that is an oversized answer too (a decompression bomb), not a broken one.
    const bool inflateFailed = error != QNetworkReply::NoError &&
                               !reply->rawHeader("Content-Encoding").trimmed().isEmpty() &&
                               reply->errorString().contains(QLatin1String("ecompress"), Qt::CaseInsensitive);
    if (p.tooLarge || inflateFailed) {
        r.kind = ApiResult::Kind::TooLarge;
        r.message = QStringLiteral("The answer from %1 is larger than the %2 limit%3; it was not read")
                        .arg(where, megabytes(m_settings.maxResponseBytes),
                             reply->rawHeader("Content-Encoding").trimmed().isEmpty()
                                 ? QString()
                                 : QStringLiteral(" once decompressed"));
        return r;
    }
    if (p.deadlineHit) {
        r.kind = ApiResult::Kind::Timeout;
        r.message =
            (status == 0 && p.data.isEmpty() ? QStringLiteral("No answer from %1 within %2 s")
                                             : QStringLiteral("%1 did not finish answering within %2 s"))
                .arg(where)
                .arg(m_settings.requestDeadlineMs / 1000.0);
        return r;
    }
    if (!p.tlsErrors.isEmpty() || error == QNetworkReply::SslHandshakeFailedError) {
        r.kind = ApiResult::Kind::Tls;
        r.message = QStringLiteral("Secure connection to %1 failed: %2")
                        .arg(p.host, p.tlsErrors.isEmpty() ? reply->errorString() : p.tlsErrors.join(u"; "));
        return r;
    }
    if (status == 0 || (error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied)) {
        // No HTTP answer, or the connection broke while the answer was arriving.
        if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError) {
            r.kind = ApiResult::Kind::Timeout;
            r.message = QStringLiteral("No answer from %1 within %2 s")
                            .arg(where)
                            .arg(m_settings.transferTimeoutMs / 1000.0);
        } else if (status != 0) {
            r.kind = ApiResult::Kind::Network;
            r.message = QStringLiteral("The connection to %1 broke before the whole answer arrived (%2)")
                            .arg(where, reply->errorString());
        } else if (r.mayHaveArrived) {
            r.kind = ApiResult::Kind::Network;
            r.message = QStringLiteral("The connection to %1 closed before an answer arrived (%2)")
                            .arg(where, reply->errorString());
        } else {
            r.kind = ApiResult::Kind::Network;
            r.message = QStringLiteral("Cannot reach %1: %2").arg(where, reply->errorString());
        }
        return r;
    }

    // An HTTP answer. Parse the body when there is one: errors carry the server's message in it.
    std::optional<JsonValue> json;
    JsonParseError parseError;
    if (!p.data.trimmed().isEmpty()) {
        JsonParseOptions options;
        options.maxDepth = 128;
        json = parseJson(p.data, &parseError, options);
        if (json) {
            *json = scrubSecretInJson(*json, scrubber);
            r.body = *json;
        }
    }

    if (status >= 200 && status < 300) {
        if (!json || !json->isObject()) {
            r.kind = ApiResult::Kind::Malformed;
            r.message =
                p.data.trimmed().isEmpty()
                    ? QStringLiteral("The answer from %1 is empty; a JSON object was expected").arg(where)
                : json ? QStringLiteral("The answer from %1 is JSON but not an object").arg(where)
                       : QStringLiteral("The answer from %1 is not valid JSON (line %2, column %3: %4)")
                             .arg(where)
                             .arg(parseError.line)
                             .arg(parseError.column)
                             .arg(parseError.message);
            if (!json) r.runIdHint = runIdInRawBody(p.data);
            if (scrubber.foundIn(r.runIdHint)) r.runIdHint.clear();
            return r;
        }
        r.kind = ApiResult::Kind::Ok;
        return r;
    }

    if (json)
        readErrorEnvelope(*json, r);
    else if (!p.data.trimmed().isEmpty())
        r.message = serverText(QString::fromUtf8(p.data.left(kRawTextBytes)), 200);
    const QString reason =
        serverText(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(), 80);
    const QString serverSays = r.message.isEmpty() ? QString() : QStringLiteral(": ") + r.message;
    const QString codeText = r.code.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(r.code);

    if (status >= 300 && status < 400) {
        r.kind = ApiResult::Kind::Refused;
        r.message = QStringLiteral("%1 answered with a redirect (HTTP %2) to %3; redirects are not followed "
                                   "so the key is not sent elsewhere. Check the base URL")
                        .arg(where)
                        .arg(status)
                        .arg(serverText(QString::fromUtf8(reply->rawHeader("Location")), 200));
        return r;
    }
    if (status == 429) {
        r.kind = ApiResult::Kind::RateLimited;
        r.retryAfterMs =
            rateLimitWaitMs(reply->rawHeader("Retry-After"), reply->rawHeader("X-RateLimit-Reset"),
                            QDateTime::currentDateTimeUtc());
        r.message = QStringLiteral("Rate limited by %1 (HTTP 429)%2").arg(p.host, serverSays);
        return r;
    }
    if (status >= 500) {
        r.kind = ApiResult::Kind::ServerError;
        r.message = QStringLiteral("Server error from %1: HTTP %2%3%4%5")
                        .arg(where)
                        .arg(status)
                        .arg(reason.isEmpty() ? QString() : u' ' + reason, codeText, serverSays);
        return r;
    }
    r.kind = ApiResult::Kind::Refused;
    QString hint;
    switch (status) {
    case 400:
        hint = QStringLiteral("the request was malformed");
        break;
    case 401:
        hint = QStringLiteral("the API key is missing, invalid or revoked");
        break;
    case 403:
        hint = QStringLiteral("this key is not permitted to do this");
        break;
    case 404:
        hint = QStringLiteral("unknown run or endpoint");
        break;
    case 422:
        hint = QStringLiteral("the case is valid JSON but cannot be processed");
        break;
    default:
        hint = reason.isEmpty() ? QStringLiteral("refused") : reason;
        break;
    }
    r.message = QStringLiteral("%1 refused the request (HTTP %2, %3)%4%5")
                    .arg(where)
                    .arg(status)
                    .arg(hint, codeText, serverSays);
    const QString details = compactText(r.details);
    if (!details.isEmpty()) r.message += QStringLiteral(" — details: ") + printable(details, 400);
    return r;
}

} // namespace pw
