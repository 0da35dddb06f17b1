// SPDX-License-Identifier: MIT
#pragma once
// The app's one conversation with the engine worker. The worker owns the session (model,
// settings, masks, fix history); this class sends requests (each a Reply), decodes the
// answers off the GUI thread, in order, and keeps the latest state the worker reported,
// which the window and panels draw from (state(), report(), flops(), the masks).
//
// - A request of kind Open, Settings, MasksLoad or MasksPreview supersedes the previous
//   one of its kind that is still running: that one is cancelled cooperatively (the
//   worker stops it between two phases). Whatever a request changed is applied when its
//   answer comes, superseded or not: the worker's state is the truth.
// - A worker that crashes, or has not answered within the time limit, or does not stop a
//   cancelled request within a few seconds, is killed; the next request starts a fresh
//   one and first hands it the last state (session.restore), so nothing on screen is lost.
// - Every new worker is greeted with "hello"; one that speaks another protocol is stopped
//   and protocolMismatch() says so.
#include "engine/reply.h"

#include "prunescope/session_state.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QThreadPool>

#include <map>
#include <memory>

class QTimer;

namespace prunescope::ui {

class EngineClient;

class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // Requests. Each returns a Reply the session owns (deleted a while after it finished).
    // `rules` ("nni" or "strict"; empty: the session's) are those the model opens under.
    Reply* open(const QString& path, const QString& inputs = {}, const QString& rules = {});
    // Prune type, FLOPs mode and rules together; what the worker already has is not redone.
    Reply* setSettings(const SessionSettings& settings);
    Reply* setPruneType(PruneType type);
    Reply* setFlopsMode(FlopsMode mode);
    Reply* setRules(const QString& rules); // "nni" or "strict"
    Reply* loadMasks(const QString& path);
    Reply* fixMasks(const std::optional<ConflictSetRef>& set, const QString& strategy);
    Reply* previewFix(const std::optional<ConflictSetRef>& set, const QString& strategy);
    Reply* undoFix(int fixId); // -1: the latest
    Reply* redoFix(int fixId);
    Reply* saveMasks(const QString& path, bool overwriteInput);
    Reply* exportChanges(const QString& path); // .csv or JSON
    // The report as `prunescope-cli analyze --json` writes it, under the session's settings.
    Reply* exportReport(const QString& path);
    // Prunes the open model by the session's masks (fixed under the strict groups with
    // `strategy`), verifies it and writes it to `path` atomically; the result's `prune`.
    // latencyRuns < 0: the worker's default.
    Reply* pruneModel(const QString& path, const QString& strategy, int latencyRuns = -1);
    void cancel(Reply* reply) const;
    // Esc: cancels the running open or settings change, if any.
    void cancelRunning();

    // What the worker reported last.
    const SessionState& state() const { return m_state; }
    std::shared_ptr<const Report> report() const { return m_report; }
    const FlopsResult* flops() const { return m_flops ? &*m_flops : nullptr; }
    const std::map<std::string, MaskLayerState>& maskLayers() const { return m_layers; }
    const ConflictReport& conflicts() const { return m_conflicts; }
    bool hasMasks() const { return m_state.masks.has_value(); }
    QString masksPath() const { return m_state.masks ? qs(m_state.masks->path) : QString(); }
    int appliedFixes() const { return m_state.masks ? static_cast<int>(m_state.masks->applied.size()) : 0; }
    bool hasUnsavedMasks() const { return m_state.masks && m_state.masks->modified(); }
    // An open or settings change is running (a restore runs in the background).
    bool isBusy() const;
    bool masksBusy() const; // a masks request is running
    // Seconds since the oldest running request was sent (0 when idle).
    int busySeconds() const;

    // The worker process.
    EngineClient* client() const { return m_client; }
    void setWorkerEnvironment(const QProcessEnvironment& env);
    // Stops the worker now; the next request starts a fresh one (and restores the session).
    void restartWorker();
    int restarts() const { return m_restarts; }
    // Seconds a request may take before the worker is stopped and the running requests
    // fail with kind "timeout"; 0 means no limit.
    void setRequestTimeout(int seconds);
    int requestTimeout() const { return m_timeoutSeconds; }
    static int timeoutSetting(); // the preferences' (QSettings "engine/timeout_s")
    static constexpr int kDefaultTimeoutSeconds = 300;
    // A cancelled request that the worker has not stopped after this long means a hang.
    static constexpr int kCancelGraceMs = 5000;

signals:
    void reportChanged(); // a new model (or, after a restore, a changed graph), with its FLOPs
    void analysesChanged(); // the same graph with another channel dependency
    void flopsChanged();
    void masksChanged(); // layers or conflicts
    void stateChanged(); // model, settings, masks or their history
    void protocolMismatch(const QString& message);
    // The worker died or was stopped while requests ran (they failed with `message`).
    void workerLost(const QString& message);

private:
    friend class Reply;
    Reply* send(Reply::Kind kind, const char* method, const std::string& params);
    void start();
    void onLine(const QByteArray& line);
    void onDecoded(DecodedLine line);
    void apply(const DecodedLine& line);
    void onStopped(bool unexpected, const QString& message);
    void failAll(const QString& kind, const QString& message);
    void armDeadline();
    void onDeadline();
    void requestCancel(Reply* reply);
    void release(Reply* reply);

    EngineClient* m_client;
    QThreadPool m_decoding; // one thread: lines are decoded in the order they came
    std::shared_ptr<ReplyDecoder> m_decoder;
    QHash<int, QPointer<Reply>> m_pending;
    QHash<int, QPointer<Reply>> m_latest; // by Reply::Kind, for superseding
    int m_nextId = 1;
    int m_helloId = -1;
    bool m_workerLost = false; // the next request restores the session first
    QString m_incompatible; // the worker speaks another protocol: every request fails so
    int m_restarts = 0;
    int m_timeoutSeconds = kDefaultTimeoutSeconds;
    QTimer* m_deadline;
    SessionState m_state;
    std::shared_ptr<const Report> m_report;
    std::optional<FlopsResult> m_flops;
    std::map<std::string, MaskLayerState> m_layers;
    ConflictReport m_conflicts;
    SessionSettings m_pendingSettings; // asked for by a settings change still running
    QString m_stopKind = QStringLiteral("crashed"), m_stopMessage; // why the worker was killed
    bool m_stopCounted = false; // restartWorker counted the stop already
};

} // namespace prunescope::ui
