// SPDX-License-Identifier: MIT
#pragma once

#include "io/json.h"

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>

#include <deque>
#include <map>
#include <vector>

namespace pw::test {

// A fake Nexio API on 127.0.0.1 for tests, on Qt HttpServer's request parsing with hand-written answers so
// it can also misbehave: hang, drop the connection, send truncated, malformed or oversized bodies.
//
// Submissions (POST /api/v1/jobs, POST /api/v1/engines/{slug}/runs) get 202 and a fresh run id; each run
// then plays the script set at submission (default queued → processing → completed), one step per poll
// (GET /api/v1/jobs/{id} or /api/v1/runs/{id}), staying on the last step. Every run object carries an
// unknown field and a nested unknown object so tolerance is exercised. A bearer key other than the
// expected one gets 401. Queued actions override the next matching requests, first in first out; an
// action marked `accept` first creates the run as a submission would (the server took the case) and then
// misbehaves (drops the connection, answers 502…), or trickles its answer a byte at a time. In every body and
// extra field the text $KEY stands for the bearer key the request carried (a server that echoes the key).
// setRunFields() merges members into every run object (markup, escape codes, an unknown status…).
// Thread-safe: it may live on its own thread while the test thread blocks on a child process.
class FakeNexioServer : public QAbstractHttpServer {
public:
    struct Request {
        QByteArray method;
        QString path;
        QByteArray authorization, contentType, accept, userAgent;
        QByteArray body;
        qint64 atMs = 0; // since the server was created
    };
    struct Action {
        enum class Kind { Respond, Hang, Drop, Truncate, Huge, DeflateBomb, Trickle };
        Kind kind = Kind::Respond;
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        qint64 hugeBytes = 0; // Huge: bytes sent; DeflateBomb: bytes the body inflates to
        bool declareLength = true;
        bool accept = false; // create the run first, as an accepted submission
        int intervalMs = 0;  // Trickle: the pause between two bytes

        static Action respond(int status, const QByteArray &body,
                              QList<QPair<QByteArray, QByteArray>> headers = {});
        static Action hang() { return of(Kind::Hang); }
        static Action drop() { return of(Kind::Drop); }
        static Action truncate() { return of(Kind::Truncate); }
        static Action huge(qint64 bytes, bool declareLength);
        // A small deflate-encoded 200 answer that inflates to `bytes` of JSON whitespace.
        static Action deflateBomb(qint64 bytes);
        // A 200 answer whose body (its length declared) arrives one byte every intervalMs: a server that
        // never stays silent long enough for a transfer timeout.
        static Action trickle(const QByteArray &body, int intervalMs);
        // The same action, after the server has created the run (the submission was accepted).
        Action accepted() const {
            Action a = *this;
            a.accept = true;
            return a;
        }
        static Action of(Kind kind) {
            Action a;
            a.kind = kind;
            return a;
        }
    };
    enum class Match { Submit, Poll, Any };

    explicit FakeNexioServer(QObject *parent = nullptr);

    // Listens on 127.0.0.1 and a free port (call on the server's thread).
    quint16 start();
    QUrl baseUrl() const;

    void setExpectedKey(const QByteArray &key);
    // Statuses played by runs submitted from now on, one per poll.
    void setScript(const QStringList &statuses);
    void setSolutions(const JsonValue &solutions);
    // The one solution runs carry unless setSolutions() says otherwise.
    static JsonValue defaultSolutions();
    // Members set on every run object from now on (replacing the usual ones of the same name).
    void setRunFields(const JsonValue &fields);
    // How many runs submissions have created.
    int runCount() const;
    // Registers a run as if it had been submitted earlier.
    void addRun(const QString &runId, const QStringList &statuses);
    void queue(Match match, const Action &action, int times = 1);
    // Back to the usual behaviour: no queued actions, no recorded requests, no extra run fields, the
    // default solutions and the queued → processing → completed script (runs already created are kept).
    void reset();
    void clearQueue();

    std::vector<Request> requests() const;
    std::vector<Request> requests(const QByteArray &method) const;
    void clearRequests();
    int pollsOf(const QString &runId) const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Run {
        QStringList statuses;
        int polls = 0;
        QString family;
    };
    QByteArray runObject(const QString &runId, const Run &run, const QString &status) const;
    QString createRun(const QString &path); // under m_mutex
    static void write(QTcpSocket *socket, int status, const QByteArray &body,
                      const QList<QPair<QByteArray, QByteArray>> &headers = {});

    mutable QMutex m_mutex;
    QElapsedTimer m_clock;
    quint16 m_port = 0;
    QByteArray m_expectedKey = "nx_test_abc123";
    QStringList m_script = {QStringLiteral("queued"), QStringLiteral("processing"),
                            QStringLiteral("completed")};
    JsonValue m_solutions;
    JsonValue m_runFields;
    int m_created = 0;
    std::map<QString, Run> m_runs;
    std::deque<std::pair<Match, Action>> m_queue;
    std::vector<Request> m_requests;
    int m_nextId = 1;
};

// A FakeNexioServer listening on its own thread, for tests that block on a child process.
class FakeNexioServerThread {
public:
    FakeNexioServerThread();
    ~FakeNexioServerThread();
    FakeNexioServerThread(const FakeNexioServerThread &) = delete;
    FakeNexioServerThread &operator=(const FakeNexioServerThread &) = delete;
    FakeNexioServer *operator->() const { return m_server; }
    quint16 port() const { return m_port; }

private:
    QThread m_thread;
    FakeNexioServer *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace pw::test
