// SPDX-License-Identifier: MIT
// NexioClient's protocol helpers (nexio-api.md "Endpoints", "Errors", rate limits): URLs, the user agent,
// run ids that may go into a URL, the wait a 429 asks for and the two error envelopes.
#include "nexioclient.h"

#include "io/problem.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace pw {

namespace {

QString joinPath(const QUrl &base, const QString &tail) {
    QString path = base.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    return path + tail;
}

} // namespace

QByteArray NexioClient::userAgent() {
    return QByteArrayLiteral("PlacementWorkbench/" PW_VERSION " (Qt ") + QByteArray(qVersion()) +
           QByteArrayLiteral(")");
}

QUrl NexioClient::submitUrl(const RunEndpoint &endpoint) {
    QUrl url = endpoint.baseUrl;
    if (endpoint.family == ApiFamily::Engine) {
        const QString slug = endpoint.engineSlug.isEmpty() ? QStringLiteral("default") : endpoint.engineSlug;
        url.setPath(joinPath(url, QStringLiteral("/api/v1/engines/") +
                                      QString::fromLatin1(QUrl::toPercentEncoding(slug)) +
                                      QStringLiteral("/runs")),
                    QUrl::TolerantMode);
    } else {
        url.setPath(joinPath(url, QStringLiteral("/api/v1/jobs")));
    }
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl NexioClient::runUrl(const RunEndpoint &endpoint, const QString &runId) {
    QUrl url = endpoint.baseUrl;
    const QString prefix = endpoint.family == ApiFamily::Engine ? QStringLiteral("/api/v1/runs/")
                                                                : QStringLiteral("/api/v1/jobs/");
    url.setPath(joinPath(url, prefix + runId));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

bool NexioClient::isUsableRunId(const QString &runId) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    return runId != u"." && runId != u".." && re.match(runId).hasMatch();
}

std::optional<qint64> NexioClient::rateLimitWaitMs(const QByteArray &retryAfter,
                                                   const QByteArray &rateLimitReset, const QDateTime &now) {
    const QByteArray ra = retryAfter.trimmed();
    if (!ra.isEmpty()) {
        bool ok = false;
        const qint64 seconds = ra.toLongLong(&ok);
        if (ok && seconds >= 0) return seconds * 1000;
        // An HTTP date, e.g. "Wed, 21 Oct 2026 07:28:00 GMT".
        // Qt reads RFC 2822 dates with a numeric zone only; HTTP dates say GMT.
        QString text = QString::fromLatin1(ra);
        for (const QString &zone : {QStringLiteral(" GMT"), QStringLiteral(" UTC"), QStringLiteral(" UT")})
            if (text.endsWith(zone, Qt::CaseInsensitive)) {
                text = text.left(text.size() - zone.size()) + QStringLiteral(" +0000");
                break;
            }
        const QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
        if (when.isValid()) return std::max<qint64>(0, now.msecsTo(when));
    }
    const QByteArray reset = rateLimitReset.trimmed();
    if (!reset.isEmpty()) {
        bool ok = false;
        const double value = reset.toDouble(&ok);
        if (ok && value >= 0) {
            // Documented as Unix seconds; some servers send seconds to wait instead.
            if (value < 1e9) return qint64(value * 1000);
            return std::max<qint64>(0, qint64(value * 1000) - now.toMSecsSinceEpoch());
        }
    }
    return std::nullopt;
}

void NexioClient::readErrorEnvelope(const JsonValue &body, ApiResult &result) {
    // The body has been scrubbed of the key (classify()): the message is cut only now.
    if (!body.isObject()) return;
    const JsonValue &error = body[u"error"];
    const JsonValue &source = error.isObject() ? error : body;
    if (source[u"code"].isString() || source[u"code"].isNumber())
        result.code = source[u"code"].isString() ? source[u"code"].toString()
                                                 : QString::fromUtf8(source[u"code"].numberText());
    if (source[u"message"].isString())
        result.message = excerpt(source[u"message"].toString().simplified(), 400);
    else if (error.isString())
        result.message = excerpt(error.toString().simplified(), 400);
    else if (body[u"detail"].isString())
        result.message = excerpt(body[u"detail"].toString().simplified(), 400);
    result.code = excerpt(result.code.simplified(), 80);
    result.details = source[u"details"];
}

} // namespace pw
