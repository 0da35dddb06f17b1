// SPDX-License-Identifier: MIT
#include "serve_worker.h"

#include "fixtures.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

namespace prunescope::test {

QString WorkerReply::describe() const
{
    return QString::fromUtf8(QJsonDocument(final).toJson(QJsonDocument::Compact).left(800));
}

ServeWorker::ServeWorker(const QProcessEnvironment& env)
{
    m_process.setProcessEnvironment(env);
    m_process.start(cliPath(), { "serve" });
}

ServeWorker::~ServeWorker()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

int ServeWorker::send(const QString& method, const QJsonObject& params)
{
    const int id = m_nextId++;
    const QJsonObject request { { "id", id }, { "method", method }, { "params", params } };
    m_process.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    return id;
}

QJsonObject ServeWorker::readLine(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_process.canReadLine()) {
        if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime())))
            return {};
    }
    return QJsonDocument::fromJson(m_process.readLine()).object();
}

} // namespace prunescope::test
