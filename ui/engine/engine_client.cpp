#include "engine/engine_client.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSettings>
#include <QTimer>

#include <algorithm>

namespace prunescope::ui {

EngineClient::EngineClient(QObject* parent)
    : QObject(parent)
    , m_workerPath(defaultWorkerPath())
    , m_env(QProcessEnvironment::systemEnvironment())
    , m_deadline(new QTimer(this))
{
    m_deadline->setSingleShot(true);
    m_deadline->setTimerType(Qt::PreciseTimer); // the limit the user set, not 5 % less
    connect(m_deadline, &QTimer::timeout, this, &EngineClient::onTimeout);
}

int EngineClient::timeoutSetting()
{
    return QSettings().value(QStringLiteral("engine/timeout_s"), kDefaultTimeoutSeconds).toInt();
}

void EngineClient::setRequestTimeout(int seconds)
{
    m_timeoutSeconds = std::max(0, seconds);
    m_deadline->stop();
    if (!m_pending.isEmpty() && m_timeoutSeconds > 0) // a new limit counts from the request's start
        m_deadline->start(
            static_cast<int>(std::max<qint64>(0, qint64(m_timeoutSeconds) * 1000 - m_busySince.elapsed())));
}

int EngineClient::busySeconds() const
{
    return m_pending.isEmpty() || !m_busySince.isValid() ? 0 : static_cast<int>(m_busySince.elapsed() / 1000);
}

EngineClient::~EngineClient()
{
    if (m_process) {
        m_stopping = true;
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
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
    if (m_process && m_process->state() != QProcess::NotRunning)
        return true;
    if (m_process)
        m_process->deleteLater();
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(m_env);
    m_buffer.clear();
    m_stderrTail.clear();
    connect(m_process, &QProcess::readyReadStandardOutput, this, &EngineClient::readLines);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderrTail += QString::fromUtf8(m_process->readAllStandardError());
        m_stderrTail = m_stderrTail.right(2000);
    });
    connect(m_process, &QProcess::finished, this, &EngineClient::onFinished);
    m_process->start(m_workerPath, { QStringLiteral("serve") });
    if (!m_process->waitForStarted(10000)) {
        const QString why = m_process->errorString();
        m_process->deleteLater();
        m_process = nullptr;
        emit workerCrashed(tr("The analysis engine (%1) could not be started: %2").arg(m_workerPath, why));
        return false;
    }
    return true;
}

int EngineClient::request(const QString& method, const QJsonObject& params)
{
    const int id = m_nextId++;
    if (!ensureStarted()) {
        // Reported asynchronously so that callers see the same order as for any failure.
        QMetaObject::invokeMethod(
            this,
            [this, id] { emit failed(id, QStringLiteral("crashed"), tr("The analysis engine is not available.")); },
            Qt::QueuedConnection);
        return id;
    }
    if (m_pending.isEmpty()) {
        m_busySince.start();
        if (m_timeoutSeconds > 0)
            m_deadline->start(m_timeoutSeconds * 1000);
    }
    m_pending.push_back(id);
    const QJsonObject message { { "id", id }, { "method", method }, { "params", params } };
    m_process->write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    return id;
}

void EngineClient::stopWorker()
{
    m_stopping = true;
    m_process->kill();
    m_process->waitForFinished(3000);
    m_stopping = false;
    ++m_restarts;
    emit workerStopped();
}

void EngineClient::cancel()
{
    if (!m_process)
        return;
    stopWorker();
    failAll(QStringLiteral("cancelled"), tr("Cancelled."));
}

void EngineClient::onTimeout()
{
    if (!m_process || m_pending.isEmpty())
        return;
    stopWorker();
    failAll(QStringLiteral("timeout"),
        tr("The analysis engine did not answer within %n second(s) and was stopped. The model may be too large "
           "for the example input, or the file makes libtorch loop. Raise the limit in Preferences if the model "
           "only needs more time.",
            nullptr, m_timeoutSeconds));
}

void EngineClient::readLines()
{
    m_buffer += m_process->readAllStandardOutput();
    int newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (!line.trimmed().isEmpty())
            handleLine(line);
    }
}

void EngineClient::handleLine(const QByteArray& line)
{
    QJsonParseError error {};
    const QJsonObject message = QJsonDocument::fromJson(line, &error).object();
    if (error.error != QJsonParseError::NoError)
        return; // not ours (a library printing to stdout): ignore
    const int id = message.value("id").toInt(-1);
    if (message.contains("event")) {
        emit progress(id, message.value("stage").toString(), message.value("fraction").toDouble());
        return;
    }
    m_pending.removeAll(id);
    if (m_pending.isEmpty())
        m_deadline->stop();
    if (message.contains("error")) {
        const QJsonObject e = message.value("error").toObject();
        emit failed(id, e.value("kind").toString(), e.value("message").toString());
    } else {
        emit finished(id, message.value("result").toObject());
    }
}

void EngineClient::failAll(const QString& kind, const QString& message)
{
    const QList<int> pending = m_pending;
    m_pending.clear();
    m_deadline->stop();
    for (int id : pending)
        emit failed(id, kind, message);
}

void EngineClient::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_stopping)
        return;
    readLines();
    if (m_pending.isEmpty() && status == QProcess::NormalExit && exitCode == 0) {
        emit workerStopped(); // a quiet exit still takes the open model with it
        return;
    }
    ++m_restarts;
    QString message = status == QProcess::CrashExit
        ? tr("The analysis engine crashed while working on this model.")
        : tr("The analysis engine stopped unexpectedly (exit code %1).").arg(exitCode);
    const QString detail = m_stderrTail.trimmed().section(QLatin1Char('\n'), -3);
    if (!detail.isEmpty())
        message += QLatin1Char('\n') + detail;
    emit workerStopped();
    failAll(QStringLiteral("crashed"), message);
    emit workerCrashed(message);
}

} // namespace prunescope::ui
