// SPDX-License-Identifier: MIT
#include "fakenexioserver.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace pw::test {

namespace {

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray methodName(QHttpServerRequest::Method m) {
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    default:
        return "OTHER";
    }
}

} // namespace

FakeNexioServer::Action FakeNexioServer::Action::respond(int status, const QByteArray &body,
                                                         QList<QPair<QByteArray, QByteArray>> headers) {
    Action a;
    a.kind = Kind::Respond;
    a.status = status;
    a.body = body;
    a.headers = std::move(headers);
    return a;
}

FakeNexioServer::Action FakeNexioServer::Action::huge(qint64 bytes, bool declareLength) {
    Action a;
    a.kind = Kind::Huge;
    a.hugeBytes = bytes;
    a.declareLength = declareLength;
    return a;
}

FakeNexioServer::Action FakeNexioServer::Action::deflateBomb(qint64 bytes) {
    Action a;
    a.kind = Kind::DeflateBomb;
    a.hugeBytes = bytes;
    return a;
}

FakeNexioServer::Action FakeNexioServer::Action::trickle(const QByteArray &body, int intervalMs) {
    Action a = respond(200, body);
    a.kind = Kind::Trickle;
    a.intervalMs = intervalMs;
    return a;
}

FakeNexioServer::FakeNexioServer(QObject *parent)
    : QAbstractHttpServer(parent)
    , m_solutions(defaultSolutions()) {
    m_clock.start();
}

JsonValue FakeNexioServer::defaultSolutions() {
    JsonValue offering = JsonValue::object();
    offering.insert(QStringLiteral("id"), QStringLiteral("quote_line_carrier_a_home_001"));
    JsonValue solution = JsonValue::object();
    solution.insert(QStringLiteral("rank"), 1);
    solution.insert(QStringLiteral("cluster_label"), QStringLiteral("recommended"));
    solution.insert(QStringLiteral("label_winner"), true);
    solution.insert(QStringLiteral("offerings"), JsonValue(JsonValue::Array{offering}));
    solution.insert(QStringLiteral("provider_count"), 1);
    solution.insert(QStringLiteral("est_cost_low"), 6120);
    solution.insert(QStringLiteral("est_cost_high"), 6732);
    JsonValue scorecard = JsonValue::object();
    scorecard.insert(QStringLiteral("overall_level"), QStringLiteral("L1"));
    scorecard.insert(QStringLiteral("mystery_dimension"), 42);
    solution.insert(QStringLiteral("scorecard"), scorecard);
    return JsonValue(JsonValue::Array{solution});
}

quint16 FakeNexioServer::start() {
    const quint16 port = listen(QHostAddress::LocalHost, 0);
    QMutexLocker lock(&m_mutex);
    m_port = port;
    return port;
}

QUrl FakeNexioServer::baseUrl() const {
    QMutexLocker lock(&m_mutex);
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void FakeNexioServer::setExpectedKey(const QByteArray &key) {
    QMutexLocker lock(&m_mutex);
    m_expectedKey = key;
}

void FakeNexioServer::setScript(const QStringList &statuses) {
    QMutexLocker lock(&m_mutex);
    m_script = statuses;
}

void FakeNexioServer::setSolutions(const JsonValue &solutions) {
    QMutexLocker lock(&m_mutex);
    m_solutions = solutions;
}

void FakeNexioServer::setRunFields(const JsonValue &fields) {
    QMutexLocker lock(&m_mutex);
    m_runFields = fields;
}

int FakeNexioServer::runCount() const {
    QMutexLocker lock(&m_mutex);
    return m_created;
}

void FakeNexioServer::addRun(const QString &runId, const QStringList &statuses) {
    QMutexLocker lock(&m_mutex);
    m_runs[runId] = Run{statuses, 0, QStringLiteral("jobs")};
}

void FakeNexioServer::queue(Match match, const Action &action, int times) {
    QMutexLocker lock(&m_mutex);
    for (int i = 0; i < times; ++i)
        m_queue.emplace_back(match, action);
}

void FakeNexioServer::reset() {
    QMutexLocker lock(&m_mutex);
    m_queue.clear();
    m_requests.clear();
    m_runFields = JsonValue();
    m_solutions = defaultSolutions();
    m_script = {QStringLiteral("queued"), QStringLiteral("processing"), QStringLiteral("completed")};
}

void FakeNexioServer::clearQueue() {
    QMutexLocker lock(&m_mutex);
    m_queue.clear();
}

std::vector<FakeNexioServer::Request> FakeNexioServer::requests() const {
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

std::vector<FakeNexioServer::Request> FakeNexioServer::requests(const QByteArray &method) const {
    QMutexLocker lock(&m_mutex);
    std::vector<Request> out;
    for (const auto &r : m_requests)
        if (r.method == method) out.push_back(r);
    return out;
}

void FakeNexioServer::clearRequests() {
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
}

int FakeNexioServer::pollsOf(const QString &runId) const {
    QMutexLocker lock(&m_mutex);
    const auto it = m_runs.find(runId);
    return it == m_runs.end() ? 0 : it->second.polls;
}

void FakeNexioServer::write(QTcpSocket *socket, int status, const QByteArray &body,
                            const QList<QPair<QByteArray, QByteArray>> &headers) {
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Content-Type: application/json\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    socket->write(head + body);
}

QByteArray FakeNexioServer::runObject(const QString &runId, const Run &run, const QString &status) const {
    JsonValue o = JsonValue::object();
    o.insert(QStringLiteral("run_id"), runId);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("environment"), QStringLiteral("test"));
    o.insert(QStringLiteral("created_at"), QStringLiteral("2026-11-28T12:00:00Z"));
    o.insert(QStringLiteral("stage"), status == u"queued"       ? QStringLiteral("QUEUED")
                                      : status == u"processing" ? QStringLiteral("EVALUATE")
                                                                : QStringLiteral("COMPLETE"));
    o.insert(QStringLiteral("engine_version"),
             run.family == u"engine" ? QStringLiteral("1.3.0") : QStringLiteral("1.2.9"));
    o.insert(QStringLiteral("x_future_field"), QStringLiteral("kept"));
    JsonValue unknown = JsonValue::object();
    unknown.insert(QStringLiteral("nested"), JsonValue(JsonValue::Array{1, 2, 3}));
    o.insert(QStringLiteral("x_future_object"), unknown);
    JsonValue output = JsonValue::object();
    if (status == u"completed" || status == u"degraded") {
        o.insert(QStringLiteral("solutions"), m_solutions);
        o.insert(QStringLiteral("duration_ms"), 412);
        o.insert(QStringLiteral("completed_at"), QStringLiteral("2026-11-28T12:00:01Z"));
        output.insert(QStringLiteral("solution_count"), m_solutions.size());
        if (status == u"degraded")
            output.insert(QStringLiteral("degradation_reason"),
                          QStringLiteral("carrier rating service unavailable; financial scores estimated"));
    }
    if (status == u"failed") {
        o.insert(QStringLiteral("error"), QStringLiteral("engine_crashed"));
        JsonValue details = JsonValue::object();
        details.insert(QStringLiteral("stage"), QStringLiteral("ASSEMBLE"));
        details.insert(QStringLiteral("hint"), QStringLiteral("too many combinations"));
        o.insert(QStringLiteral("error_details"), details);
    }
    o.insert(QStringLiteral("output"), output);
    if (m_runFields.isObject())
        for (const auto &[name, value] : m_runFields.objectMembers())
            o.insert(name, value);
    return writeJson(o, -1);
}

bool FakeNexioServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) {
    static const QRegularExpression submitJobs(QStringLiteral("^/api/v1/jobs$"));
    static const QRegularExpression submitEngine(QStringLiteral("^/api/v1/engines/([^/]+)/runs$"));
    static const QRegularExpression pollJobs(QStringLiteral("^/api/v1/jobs/([^/]+)$"));
    static const QRegularExpression pollRuns(QStringLiteral("^/api/v1/runs/([^/]+)$"));

    Request r;
    r.method = methodName(request.method());
    r.path = request.url().path();
    r.authorization = request.value("authorization");
    r.contentType = request.value("content-type");
    r.accept = request.value("accept");
    r.userAgent = request.value("user-agent");
    r.body = request.body();

    QMutexLocker lock(&m_mutex);
    r.atMs = m_clock.elapsed();
    m_requests.push_back(r);

    const bool isSubmit =
        r.method == "POST" && (submitJobs.match(r.path).hasMatch() || submitEngine.match(r.path).hasMatch());
    const auto pj = pollJobs.match(r.path);
    const auto pr = pollRuns.match(r.path);
    const bool isPoll = r.method == "GET" && (pj.hasMatch() || pr.hasMatch());

    const QByteArray key = r.authorization.startsWith("Bearer ") ? r.authorization.mid(7) : r.authorization;
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        const Match m = it->first;
        if (m == Match::Any || (m == Match::Submit && isSubmit) || (m == Match::Poll && isPoll)) {
            const Action a = it->second;
            m_queue.erase(it);
            if (a.accept && isSubmit) createRun(r.path);
            switch (a.kind) {
            case Action::Kind::Respond:
                write(socket, a.status, QByteArray(a.body).replace("$KEY", key), a.headers);
                break;
            case Action::Kind::DeflateBomb: {
                QByteArray inflated(a.hugeBytes, ' ');
                inflated[0] = '{';
                inflated[inflated.size() - 1] = '}';
                const QByteArray zlib = qCompress(inflated, 9).mid(4); // a zlib stream ("deflate")
                write(socket, 200, zlib, {{"Content-Encoding", "deflate"}});
                break;
            }
            case Action::Kind::Hang:
                break; // never answer; the connection stays open
            case Action::Kind::Trickle: {
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                              QByteArray::number(a.body.size()) + "\r\n\r\n");
                auto *timer = new QTimer(socket);
                auto sent = std::make_shared<qsizetype>(0);
                QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, sent, body = a.body] {
                    if (*sent >= body.size() || socket->state() != QAbstractSocket::ConnectedState) {
                        timer->stop();
                        return;
                    }
                    socket->write(body.mid((*sent)++, 1));
                });
                timer->start(std::max(1, a.intervalMs));
                break;
            }
            case Action::Kind::Drop:
                socket->abort();
                break;
            case Action::Kind::Truncate:
                socket->write(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n"
                    "{\"run_id\": \"abc\", \"status\": \"proc");
                socket->flush();
                socket->disconnectFromHost();
                break;
            case Action::Kind::Huge: {
                QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
                head += a.declareLength ? "Content-Length: " + QByteArray::number(a.hugeBytes) + "\r\n"
                                        : QByteArray("Connection: close\r\n");
                socket->write(head + "\r\n");
                QByteArray chunk(1024 * 1024, ' ');
                chunk[0] = '[';
                for (qint64 sent = 0; sent < a.hugeBytes; sent += chunk.size()) {
                    socket->write(chunk);
                    chunk[0] = ' ';
                }
                if (!a.declareLength) socket->disconnectFromHost();
                break;
            }
            }
            return true;
        }
    }

    if (r.authorization != "Bearer " + m_expectedKey) {
        write(
            socket, 401,
            R"({"error":{"code":"invalid_api_key","message":"The API key is missing, invalid or revoked.","details":null}})");
        return true;
    }
    if (isSubmit) {
        const QString id = createRun(r.path);
        write(socket, 202,
              "{\"run_id\":\"" + id.toUtf8() + "\",\"status\":\"queued\",\"x_hint\":{\"eta_s\":3}}");
        return true;
    }
    if (isPoll) {
        const QString id = pj.hasMatch() ? pj.captured(1) : pr.captured(1);
        const auto it = m_runs.find(id);
        if (it == m_runs.end()) {
            write(socket, 404, R"({"code":"run_not_found","message":"No run with this id."})");
            return true;
        }
        Run &run = it->second;
        const QString status = run.statuses.value(std::min<int>(run.polls, int(run.statuses.size()) - 1));
        ++run.polls;
        write(socket, 200, runObject(id, run, status).replace("$KEY", key));
        return true;
    }
    if (r.method == "GET" && r.path == u"/health") {
        write(socket, 200, R"({"status":"ok"})");
        return true;
    }
    write(socket, 404, R"({"error":{"code":"not_found","message":"No such endpoint."}})");
    return true;
}

QString FakeNexioServer::createRun(const QString &path) {
    static const QRegularExpression submitEngine(QStringLiteral("^/api/v1/engines/([^/]+)/runs$"));
    const QString id = QStringLiteral("6f1c2a40-0000-4000-8000-%1").arg(m_nextId++, 12, 10, QLatin1Char('0'));
    m_runs[id] = Run{m_script, 0,
                     submitEngine.match(path).hasMatch() ? QStringLiteral("engine") : QStringLiteral("jobs")};
    ++m_created;
    return id;
}

void FakeNexioServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket) {
    write(socket, 404, R"({"error":{"code":"not_found","message":"No such endpoint."}})");
}

FakeNexioServerThread::FakeNexioServerThread() {
    m_server = new FakeNexioServer;
    m_server->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_server, [this] { m_port = m_server->start(); }, Qt::BlockingQueuedConnection);
}

FakeNexioServerThread::~FakeNexioServerThread() {
    m_thread.quit();
    m_thread.wait();
}

} // namespace pw::test
