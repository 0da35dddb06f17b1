// SPDX-License-Identifier: MIT
#pragma once
// `prunescope-cli serve` as a test drives it: a real process, JSON request lines written
// to its stdin, the lines it answers read from its stdout (docs/protocol.md).
#include <QJsonObject>
#include <QList>
#include <QProcess>

namespace prunescope::test {

// Every line of one request: its progress lines and the final line.
struct WorkerReply {
    QList<QJsonObject> progress;
    QJsonObject final;
    QList<QJsonObject> others; // lines of other requests that came meanwhile (a cancel's answer)
    bool ok() const { return final.contains("result"); }
    QJsonObject result() const { return final["result"].toObject(); }
    QString errorKind() const { return final["error"].toObject()["kind"].toString(); }
    QString errorMessage() const { return final["error"].toObject()["message"].toString(); }
    QString describe() const; // the final line, shortened, for failure messages
};

class ServeWorker {
public:
    static constexpr int kTimeoutMs = 300000;
    explicit ServeWorker(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());
    ~ServeWorker();
    ServeWorker(const ServeWorker&) = delete;
    ServeWorker& operator=(const ServeWorker&) = delete;

    WorkerReply call(const QString& method, const QJsonObject& params = {}) { return collect(send(method, params)); }
    int send(const QString& method, const QJsonObject& params = {}); // returns the request's id
    // Reads up to the final line of `id`; `onProgress` sees each progress line first.
    template <typename F> WorkerReply collect(int id, F onProgress);
    WorkerReply collect(int id)
    {
        return collect(id, [](const QJsonObject&) {});
    }
    QJsonObject readLine(int timeoutMs = kTimeoutMs);

private:
    QProcess m_process;
    int m_nextId = 1;
};

template <typename F> WorkerReply ServeWorker::collect(int id, F onProgress)
{
    WorkerReply reply;
    for (;;) {
        const QJsonObject line = readLine();
        if (!line.isEmpty() && line["id"].toInt(-1) != id) {
            reply.others.push_back(line);
            continue;
        }
        if (line.isEmpty()) {
            reply.final = { { "error", QJsonObject { { "kind", "test" }, { "message", "no reply for this id" } } } };
            return reply;
        }
        if (line["event"].toString() != QLatin1String("progress")) {
            reply.final = line;
            return reply;
        }
        onProgress(line);
        reply.progress.push_back(line);
    }
}

} // namespace prunescope::test
