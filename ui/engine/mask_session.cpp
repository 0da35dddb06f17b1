#include "engine/mask_session.h"

#include "engine/engine_client.h"

#include <QFileInfo>
#include <QJsonArray>

namespace prunescope::ui {

namespace {

QVector<int> intsOf(const QJsonValue& value)
{
    QVector<int> ints;
    for (const auto& v : value.toArray())
        ints.push_back(v.toInt());
    return ints;
}

} // namespace

MaskSession::MaskSession(EngineClient* engine, QObject* parent)
    : QObject(parent)
    , m_engine(engine)
{
    connect(engine, &EngineClient::finished, this, &MaskSession::onFinished);
    connect(engine, &EngineClient::failed, this, &MaskSession::onFailed);
    connect(engine, &EngineClient::workerStopped, this, [this] { m_workerLost = true; });
}

void MaskSession::reset()
{
    m_path.clear();
    m_records.clear();
    m_pending.clear();
    m_conflicts = {};
    m_flops = {};
    m_layers.clear();
    emit stateChanged();
}

int MaskSession::appliedFixes() const
{
    int n = 0;
    for (const auto& r : m_records)
        n += r.active;
    return n;
}

void MaskSession::send(Purpose purpose, const QString& method, const QJsonObject& params, int record)
{
    const int id = m_engine->request(method, params);
    m_pending.insert(id, { purpose, record, params.value("path").toString() });
}

// A worker that crashed or was cancelled starts empty: reopen the model, reload the
// file and apply the fixes again, in order, before anything else. The worker handles
// requests in the order they arrive, so they can all be sent at once.
void MaskSession::replayIfNeeded()
{
    if (!m_workerLost)
        return;
    m_workerLost = false;
    if (m_reopen)
        send(Purpose::Reopen, QStringLiteral("open"), m_reopen());
    if (m_path.isEmpty())
        return;
    send(Purpose::Reload, QStringLiteral("masks.load"), { { "path", m_path } });
    for (int i = 0; i < m_records.size(); ++i) {
        if (!m_records[i].active)
            continue;
        QJsonObject params { { "strategy", m_records[i].strategy } };
        if (!m_records[i].set.isAll())
            params.insert("set", m_records[i].set.toJson());
        send(Purpose::Replay, QStringLiteral("masks.fix"), params, i);
    }
}

void MaskSession::load(const QString& path)
{
    replayIfNeeded();
    send(Purpose::Load, QStringLiteral("masks.load"), { { "path", QFileInfo(path).absoluteFilePath() } });
}

void MaskSession::fix(const SetRef& set, const QString& strategy)
{
    replayIfNeeded();
    QJsonObject params { { "strategy", strategy } };
    if (!set.isAll())
        params.insert("set", set.toJson());
    // A new fix drops the fixes that were undone, as the worker does.
    while (!m_records.isEmpty() && !m_records.back().active)
        m_records.removeLast();
    m_records.push_back({ set, strategy, -1, false });
    send(Purpose::Fix, QStringLiteral("masks.fix"), params, m_records.size() - 1);
}

void MaskSession::preview(const SetRef& set, const QString& strategy)
{
    replayIfNeeded();
    QJsonObject params { { "strategy", strategy } };
    if (!set.isAll())
        params.insert("set", set.toJson());
    send(Purpose::Preview, QStringLiteral("masks.preview"), params);
}

void MaskSession::undoFix()
{
    replayIfNeeded();
    for (int i = m_records.size() - 1; i >= 0; --i)
        if (m_records[i].active) {
            // No fix_id: after a replay the ids change; the worker undoes its latest fix.
            send(Purpose::Undo, QStringLiteral("masks.undo"), {}, i);
            return;
        }
}

void MaskSession::redoFix()
{
    replayIfNeeded();
    for (int i = 0; i < m_records.size(); ++i)
        if (!m_records[i].active) {
            send(Purpose::Redo, QStringLiteral("masks.redo"), {}, i);
            return;
        }
}

void MaskSession::save(const QString& path, bool overwriteInput)
{
    replayIfNeeded();
    send(Purpose::Save, QStringLiteral("masks.save"), { { "path", path }, { "overwrite_input", overwriteInput } });
}

void MaskSession::absorb(const QJsonObject& result)
{
    if (result.contains("conflicts"))
        m_conflicts = result.value("conflicts").toObject();
    if (result.contains("flops"))
        m_flops = result.value("flops").toObject();
    const QJsonObject layers = result.value("layers").toObject();
    for (auto it = layers.begin(); it != layers.end(); ++it) {
        if (it.value().isNull()) {
            m_layers.remove(it.key()); // a mask an undone fix had created
            continue;
        }
        const QJsonObject o = it.value().toObject();
        LayerMaskState state;
        state.kept = intsOf(o.value("kept"));
        state.keptInputs = intsOf(o.value("kept_inputs"));
        const QJsonArray shape = o.value("shape").toArray();
        state.channels = shape.isEmpty() ? 0 : shape.first().toInteger();
        state.structured = o.value("structured").toBool(true);
        m_layers.insert(it.key(), state);
    }
}

void MaskSession::onFinished(int id, const QJsonObject& result)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    switch (pending.purpose) {
    case Purpose::Reopen: return;
    case Purpose::Load:
        // The worker dropped the previous file's masks and fix history with it.
        m_path = result.value("path").toString(pending.path);
        m_records.clear();
        m_layers.clear();
        absorb(result);
        emit masksReplaced();
        break;
    case Purpose::Reload: // the same file into a fresh worker; the replayed fixes follow
        m_layers.clear();
        absorb(result);
        break;
    case Purpose::Fix:
    case Purpose::Replay:
        if (pending.record >= 0 && pending.record < m_records.size()) {
            m_records[pending.record].workerId = result.value("fix_id").toInt();
            m_records[pending.record].active = true;
        }
        absorb(result);
        if (pending.purpose == Purpose::Fix)
            emit fixApplied(m_records[pending.record].strategy, result.value("fixes").toArray());
        break;
    case Purpose::Undo:
    case Purpose::Redo:
        if (pending.record >= 0 && pending.record < m_records.size())
            m_records[pending.record].active = pending.purpose == Purpose::Redo;
        absorb(result);
        break;
    case Purpose::Preview: emit previewReady(result); return;
    case Purpose::Save: emit saved(result.value("path").toString()); return;
    }
    emit stateChanged();
}

void MaskSession::onFailed(int id, const QString& /*kind*/, const QString& message)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    if (pending.purpose == Purpose::Fix && pending.record >= 0 && pending.record < m_records.size()
        && m_records[pending.record].workerId < 0)
        m_records.remove(pending.record); // never applied
    if (pending.purpose == Purpose::Reopen || pending.purpose == Purpose::Replay || pending.purpose == Purpose::Preview)
        return; // the operation behind them reports
    const QString title = pending.purpose == Purpose::Load || pending.purpose == Purpose::Reload
        ? tr("Cannot load the masks")
        : pending.purpose == Purpose::Save ? tr("Cannot save the masks")
                                           : tr("Cannot change the masks");
    emit failed(title, message);
}

} // namespace prunescope::ui
