// SPDX-License-Identifier: MIT
#include "engine/engine_client.h"

#include <QCoreApplication>
#include <QDir>

namespace prunescope::ui {

EngineClient::EngineClient(QObject* parent)
    : QObject(parent)
    , m_workerPath(defaultWorkerPath())
    , m_env(QProcessEnvironment::systemEnvironment())
{
}

EngineClient::~EngineClient()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill(); // QProcess's destructor then reaps it: milliseconds after SIGKILL
    }
}

QString EngineClient::defaultWorkerPath()
{
    const QString fromEnv = qEnvironmentVariable("PRUNESCOPE_CLI");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("prunescope-cli"));
}

bool EngineClient::ensureStarted()
{
    if (m_process)
        return false;
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(m_env);
    m_buffer.clear();
    m_scanned = 0;
    m_stderrTail.clear();
    ++m_starts;
    connect(m_process, &QProcess::readyReadStandardOutput, this, &EngineClient::readLines);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderrTail += QString::fromUtf8(m_process->readAllStandardError());
        m_stderrTail = m_stderrTail.right(2000);
    });
    connect(m_process, &QProcess::finished, this, &EngineClient::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &EngineClient::onError);
    // Asynchronous: lines written before the process runs are buffered by QProcess.
    m_process->start(m_workerPath, { QStringLiteral("serve") });
    return true;
}

void EngineClient::writeLine(const QByteArray& line)
{
    ensureStarted();
    m_sent += line.size() + 1;
    m_process->write(line + '\n');
}

void EngineClient::kill()
{
    if (!m_process)
        return;
    // Gone for us at once: the next request starts a fresh worker instead of writing to
    // this one while it dies. The process object goes once the kernel has reaped it.
    QProcess* dying = m_process;
    dying->disconnect(this);
    connect(dying, &QProcess::finished, dying, &QObject::deleteLater);
    dying->kill();
    m_process = nullptr;
    emit stopped(false, {});
}

void EngineClient::readLines()
{
    const QByteArray chunk = m_process->readAllStandardOutput();
    m_received += chunk.size();
    m_buffer += chunk;
    // Only the new bytes are searched: a report of many megabytes arrives in many
    // chunks, and scanning it again from the start for each would be quadratic.
    qsizetype start = 0;
    for (qsizetype newline; (newline = m_buffer.indexOf('\n', m_scanned)) >= 0;) {
        const QByteArray line = m_buffer.mid(start, newline - start);
        start = newline + 1;
        m_scanned = start;
        if (!line.trimmed().isEmpty())
            emit lineReceived(line);
    }
    if (start > 0)
        m_buffer.remove(0, start);
    m_scanned = m_buffer.size();
}

void EngineClient::onError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // crashes and exits arrive as finished()
    drop(true, tr("The analysis engine (%1) could not be started: %2").arg(m_workerPath, m_process->errorString()));
}

void EngineClient::onFinished(int exitCode, QProcess::ExitStatus status)
{
    readLines();
    QString message = status == QProcess::CrashExit
        ? tr("The analysis engine crashed while working on this model.")
        : tr("The analysis engine stopped unexpectedly (exit code %1).").arg(exitCode);
    const QString detail = m_stderrTail.trimmed().section(QLatin1Char('\n'), -3);
    if (!detail.isEmpty())
        message += QLatin1Char('\n') + detail;
    drop(true, message);
}

void EngineClient::drop(bool unexpected, const QString& message)
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;
    emit stopped(unexpected, message);
}

} // namespace prunescope::ui
