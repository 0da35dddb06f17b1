#pragma once
// The GUI's side of the engine worker: starts `prunescope-cli serve` with QProcess and
// exchanges JSON lines with it. The engine runs libtorch in that process, so a model
// that crashes it costs the worker, not the window: the client reports the crash and
// starts a fresh worker on the next request. Cancel kills the worker (a libtorch
// forward cannot be interrupted inside a thread), and so does the request timeout: a
// worker that hangs on a file is stopped after a limit the user sets.
#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QProcess>

class QTimer;

namespace prunescope::ui {

class EngineClient : public QObject {
    Q_OBJECT
public:
    explicit EngineClient(QObject* parent = nullptr);
    ~EngineClient() override;

    // Where the worker executable is: $PRUNESCOPE_CLI, else prunescope-cli beside the app.
    static QString defaultWorkerPath();
    void setWorkerPath(const QString& path) { m_workerPath = path; }
    void setExtraEnvironment(const QProcessEnvironment& env) { m_env = env; }

    // Sends a request (starting the worker if needed); returns its id.
    int request(const QString& method, const QJsonObject& params = {});
    bool isBusy() const { return !m_pending.isEmpty(); }
    // Stops the worker; pending requests fail with kind "cancelled".
    void cancel();
    // Worker restarts so far (crashes, cancels and timeouts).
    int restarts() const { return m_restarts; }

    // Seconds a request may take before the worker is stopped and the pending requests
    // fail with kind "timeout"; 0 means no limit.
    void setRequestTimeout(int seconds);
    int requestTimeout() const { return m_timeoutSeconds; }
    // Seconds since the oldest pending request was sent (0 when idle).
    int busySeconds() const;
    // The limit the user chose in the preferences (QSettings "engine/timeout_s").
    static int timeoutSetting();
    static constexpr int kDefaultTimeoutSeconds = 300;

signals:
    void progress(int id, const QString& stage, double fraction);
    void finished(int id, const QJsonObject& result);
    void failed(int id, const QString& kind, const QString& message);
    // The worker died without being asked to (crash, killed by a signal).
    void workerCrashed(const QString& message);
    // The worker is gone (crash or cancel): the next request starts a fresh, empty one.
    void workerStopped();

private:
    bool ensureStarted();
    void readLines();
    void handleLine(const QByteArray& line);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void failAll(const QString& kind, const QString& message);
    void stopWorker();
    void onTimeout();

    QString m_workerPath;
    QProcessEnvironment m_env;
    QProcess* m_process = nullptr;
    QByteArray m_buffer;
    QList<int> m_pending;
    int m_nextId = 1;
    int m_restarts = 0;
    bool m_stopping = false;
    QString m_stderrTail;
    QTimer* m_deadline;
    QElapsedTimer m_busySince;
    int m_timeoutSeconds = kDefaultTimeoutSeconds;
};

} // namespace prunescope::ui
