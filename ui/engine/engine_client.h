// SPDX-License-Identifier: MIT
#pragma once
// The GUI's transport to the engine worker: starts `prunescope-cli serve` with QProcess,
// writes request lines and hands over each line it answers, undecoded (decoding a large
// report happens off the GUI thread, see session.h). The worker runs libtorch in its own
// process, so that a model that crashes it costs the worker, not the window. Nothing
// here waits on the GUI thread: the process starts, reads and dies asynchronously.
#include <QByteArray>
#include <QObject>
#include <QProcess>

namespace prunescope::ui {

class EngineClient : public QObject {
    Q_OBJECT
public:
    explicit EngineClient(QObject* parent = nullptr);
    ~EngineClient() override;

    // Where the worker executable is: $PRUNESCOPE_CLI, else prunescope-cli beside the app.
    static QString defaultWorkerPath();
    void setWorkerPath(const QString& path) { m_workerPath = path; }
    QString workerPath() const { return m_workerPath; }
    void setEnvironment(const QProcessEnvironment& env) { m_env = env; }

    // Starts a worker when none runs; true when this call started one.
    bool ensureStarted();
    bool isRunning() const { return m_process != nullptr; }
    void writeLine(const QByteArray& line);
    // Stops the worker at once (SIGKILL) and emits stopped(false, {}) before returning.
    void kill();
    // Worker processes started so far.
    int starts() const { return m_starts; }
    qint64 bytesReceived() const { return m_received; }
    qint64 bytesSent() const { return m_sent; }

signals:
    void lineReceived(const QByteArray& line);
    // The worker is gone. `unexpected`: it crashed, exited by itself or never started
    // (message says which); otherwise kill() stopped it.
    void stopped(bool unexpected, const QString& message);

private:
    void readLines();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void drop(bool unexpected, const QString& message);

    QString m_workerPath;
    QProcessEnvironment m_env;
    QProcess* m_process = nullptr;
    QByteArray m_buffer;
    qsizetype m_scanned = 0; // bytes of m_buffer known to hold no newline
    QString m_stderrTail;
    int m_starts = 0;
    qint64 m_received = 0;
    qint64 m_sent = 0;
};

} // namespace prunescope::ui
