#pragma once
// The masks being edited, as the GUI sees them. The worker holds the real masks; this
// session mirrors their state (layers, conflicts, FLOPs) and remembers how they came to
// be (the file, then each applied fix), so that after a worker crash it can rebuild
// them in a fresh worker and no unsaved edit is lost.
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QVector>

#include <functional>

namespace prunescope::ui {

class EngineClient;

struct SetRef {
    QString kind; // "channel" or "group"; empty: every set
    int index = -1;
    bool isAll() const { return kind.isEmpty(); }
    QJsonObject toJson() const { return { { "kind", kind }, { "index", index } }; }
};

struct LayerMaskState {
    QVector<int> kept; // kept output channels
    QVector<int> keptInputs;
    qint64 channels = 0; // shape[0]
    bool structured = true;
};

class MaskSession : public QObject {
    Q_OBJECT
public:
    explicit MaskSession(EngineClient* engine, QObject* parent = nullptr);

    // Params of the "open" request that puts the current model back into a fresh worker.
    void setModelReopener(std::function<QJsonObject()> reopen) { m_reopen = std::move(reopen); }
    void reset(); // a new model: no masks

    void load(const QString& path);
    void fix(const SetRef& set, const QString& strategy); // emits fixApplied(record index)
    void preview(const SetRef& set, const QString& strategy); // emits previewReady
    void undoFix(); // the latest applied fix
    void redoFix(); // the latest undone fix
    void save(const QString& path, bool overwriteInput);
    // After the worker was lost: reopens the model and replays the file and the fixes
    // into the fresh one (every other request does this first anyway).
    void restore() { replayIfNeeded(); }

    bool hasMasks() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }
    bool isBusy() const { return !m_pending.isEmpty(); }
    const QJsonObject& conflicts() const { return m_conflicts; }
    const QJsonObject& flops() const { return m_flops; }
    const QHash<QString, LayerMaskState>& layers() const { return m_layers; }
    int appliedFixes() const;

signals:
    void stateChanged(); // layers, conflicts or FLOPs changed
    void masksReplaced(); // a mask file was loaded: earlier fixes are gone
    void fixApplied(const QString& description, const QJsonArray& fixes);
    void previewReady(const QJsonObject& result);
    void saved(const QString& path);
    void failed(const QString& title, const QString& message);

private:
    struct Record {
        SetRef set;
        QString strategy;
        int workerId = -1; // the worker's fix_id
        bool active = true;
    };
    enum class Purpose { Reopen, Load, Reload, Fix, Replay, Preview, Undo, Redo, Save };
    void send(Purpose purpose, const QString& method, const QJsonObject& params, int record = -1);
    void replayIfNeeded();
    void onFinished(int id, const QJsonObject& result);
    void onFailed(int id, const QString& kind, const QString& message);
    void absorb(const QJsonObject& result);

    EngineClient* m_engine;
    std::function<QJsonObject()> m_reopen;
    QString m_path;
    QVector<Record> m_records;
    struct Pending {
        Purpose purpose;
        int record = -1;
        QString path;
    };
    QHash<int, Pending> m_pending;
    bool m_workerLost = false;
    QJsonObject m_conflicts;
    QJsonObject m_flops;
    QHash<QString, LayerMaskState> m_layers;
};

} // namespace prunescope::ui
