// SPDX-License-Identifier: MIT
#include "engine/session.h"

#include "engine/engine_client.h"

#include "prunescope/json_types.h"

#include <nlohmann/json.hpp>

#include <QSettings>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace prunescope::ui {

using nlohmann::json;

namespace {

bool supersedes(Reply::Kind kind)
{
    return kind == Reply::Kind::Open || kind == Reply::Kind::Settings || kind == Reply::Kind::MasksLoad
        || kind == Reply::Kind::MasksPreview;
}

bool longRunning(Reply::Kind kind)
{
    return kind == Reply::Kind::Open || kind == Reply::Kind::Restore || kind == Reply::Kind::Settings;
}

std::string path(const QString& file) { return file.toStdString(); }

json setJson(const std::optional<ConflictSetRef>& set) { return set ? json(*set) : json(nullptr); }

} // namespace

Session::Session(QObject* parent)
    : QObject(parent)
    , m_client(new EngineClient(this))
    , m_decoder(std::make_shared<ReplyDecoder>())
    , m_deadline(new QTimer(this))
{
    m_decoding.setMaxThreadCount(1);
    m_deadline->setSingleShot(true);
    m_deadline->setTimerType(Qt::PreciseTimer); // the limit the user set, not 5 % less
    connect(m_deadline, &QTimer::timeout, this, &Session::onDeadline);
    connect(m_client, &EngineClient::lineReceived, this, &Session::onLine);
    connect(m_client, &EngineClient::stopped, this, &Session::onStopped);
}

Session::~Session()
{
    m_client->disconnect(this);
    m_decoding.clear(); // lines not decoded yet are for nobody now
    m_decoding.waitForDone();
}

int Session::timeoutSetting()
{
    return QSettings().value(QStringLiteral("engine/timeout_s"), kDefaultTimeoutSeconds).toInt();
}

void Session::setRequestTimeout(int seconds)
{
    m_timeoutSeconds = std::max(0, seconds);
    armDeadline(); // a new limit counts from the requests' start
}

void Session::setWorkerEnvironment(const QProcessEnvironment& env) { m_client->setEnvironment(env); }

void Session::restartWorker()
{
    if (!m_client->isRunning())
        return;
    ++m_restarts;
    m_stopCounted = true;
    m_client->kill();
}

Reply* Session::open(const QString& file, const QString& inputs, const QString& rules)
{
    json params = m_state.settings; // the settings carry over to the next model
    if (!rules.isEmpty())
        params["rules"] = rules.toStdString();
    params["path"] = path(file);
    params["report"] = "view"; // what the views draw; report.export writes the whole report
    if (!inputs.isEmpty())
        params["inputs"] = inputs.toStdString();
    return send(Reply::Kind::Open, "open", params.dump());
}

Reply* Session::setSettings(const SessionSettings& settings)
{
    // All of them: a change superseded by the next one is then never lost.
    return send(Reply::Kind::Settings, "session.set", json(settings).dump());
}

Reply* Session::setPruneType(PruneType type)
{
    SessionSettings settings = m_state.settings;
    if (const auto running = m_latest.value(int(Reply::Kind::Settings)); running && !running->isFinished())
        settings = m_pendingSettings;
    settings.prune_type = type;
    m_pendingSettings = settings;
    return setSettings(settings);
}

Reply* Session::setFlopsMode(FlopsMode mode)
{
    SessionSettings settings = m_state.settings;
    if (const auto running = m_latest.value(int(Reply::Kind::Settings)); running && !running->isFinished())
        settings = m_pendingSettings;
    settings.flops_mode = mode;
    m_pendingSettings = settings;
    return setSettings(settings);
}

Reply* Session::setRules(const QString& rules)
{
    SessionSettings settings = m_state.settings;
    if (const auto running = m_latest.value(int(Reply::Kind::Settings)); running && !running->isFinished())
        settings = m_pendingSettings;
    settings.rules = rules.toStdString();
    m_pendingSettings = settings;
    return setSettings(settings);
}

Reply* Session::loadMasks(const QString& file)
{
    return send(Reply::Kind::MasksLoad, "masks.load", json { { "path", path(file) } }.dump());
}

Reply* Session::fixMasks(const std::optional<ConflictSetRef>& set, const QString& strategy)
{
    return send(Reply::Kind::MasksFix, "masks.fix",
        json { { "strategy", strategy.toStdString() }, { "set", setJson(set) } }.dump());
}

Reply* Session::previewFix(const std::optional<ConflictSetRef>& set, const QString& strategy)
{
    return send(Reply::Kind::MasksPreview, "masks.preview",
        json { { "strategy", strategy.toStdString() }, { "set", setJson(set) } }.dump());
}

Reply* Session::undoFix(int fixId)
{
    return send(Reply::Kind::MasksHistory, "masks.undo", fixId < 0 ? "{}" : json { { "fix_id", fixId } }.dump());
}

Reply* Session::redoFix(int fixId)
{
    return send(Reply::Kind::MasksHistory, "masks.redo", fixId < 0 ? "{}" : json { { "fix_id", fixId } }.dump());
}

Reply* Session::saveMasks(const QString& file, bool overwriteInput)
{
    return send(Reply::Kind::MasksSave, "masks.save",
        json { { "path", path(file) }, { "overwrite_input", overwriteInput } }.dump());
}

Reply* Session::exportChanges(const QString& file)
{
    return send(Reply::Kind::MasksExport, "masks.export", json { { "path", path(file) } }.dump());
}

Reply* Session::exportReport(const QString& file)
{
    return send(Reply::Kind::ReportExport, "report.export", json { { "path", path(file) } }.dump());
}

Reply* Session::pruneModel(const QString& file, const QString& strategy, int latencyRuns)
{
    json params { { "path", path(file) }, { "strategy", strategy.toStdString() } };
    if (latencyRuns >= 0)
        params["latency_runs"] = latencyRuns;
    return send(Reply::Kind::Prune, "model.prune", params.dump());
}

void Session::cancel(Reply* reply) const
{
    if (reply)
        reply->abort();
}

void Session::cancelRunning()
{
    for (const auto& reply : m_pending)
        if (reply && !reply->isFinished()
            && (reply->kind() == Reply::Kind::Open || reply->kind() == Reply::Kind::Settings))
            requestCancel(reply);
}

bool Session::isBusy() const
{
    for (const auto& reply : m_pending)
        if (reply && !reply->isFinished() && longRunning(reply->kind()) && reply->kind() != Reply::Kind::Restore)
            return true;
    return false;
}

bool Session::masksBusy() const
{
    for (const auto& reply : m_pending)
        if (reply && !reply->isFinished() && !longRunning(reply->kind()) && reply->kind() != Reply::Kind::Hello)
            return true;
    return false;
}

int Session::busySeconds() const
{
    qint64 oldest = 0;
    for (const auto& reply : m_pending)
        if (reply && !reply->isFinished() && reply->kind() != Reply::Kind::Hello)
            oldest = std::max(oldest, reply->elapsedMs());
    return static_cast<int>(oldest / 1000);
}

void Session::start()
{
    if (!m_client->ensureStarted())
        return;
    // The greeting first: a worker of another version is stopped before it is trusted.
    m_helloId = m_nextId++;
    auto* hello = new Reply(this, m_helloId, Reply::Kind::Hello);
    m_pending.insert(m_helloId, hello);
    m_client->writeLine(QByteArray("{\"id\":") + QByteArray::number(m_helloId) + ",\"method\":\"hello\"}");
    if (m_workerLost && m_state.model) {
        // A fresh worker after a crash: the session it lost comes back before anything else.
        const int id = m_nextId++;
        auto* restore = new Reply(this, id, Reply::Kind::Restore);
        m_pending.insert(id, restore);
        const json params { { "session", m_state }, { "report", "view" } };
        m_client->writeLine(QByteArray("{\"id\":") + QByteArray::number(id)
            + ",\"method\":\"session.restore\",\"params\":" + QByteArray::fromStdString(params.dump()) + "}");
    }
    m_workerLost = false;
}

Reply* Session::send(Reply::Kind kind, const char* method, const std::string& params)
{
    const int id = m_nextId++;
    auto* reply = new Reply(this, id, kind);
    if (!m_incompatible.isEmpty()) {
        // Reported from the event loop, so that callers see the order of any failure.
        QTimer::singleShot(0, reply, [this, reply] {
            reply->fail(QStringLiteral("protocol"), m_incompatible);
            release(reply);
        });
        return reply;
    }
    if (supersedes(kind))
        if (const auto previous = m_latest.value(int(kind)); previous && !previous->isFinished())
            requestCancel(previous);
    start();
    m_pending.insert(id, reply);
    m_latest.insert(int(kind), reply);
    m_client->writeLine(QByteArray("{\"id\":") + QByteArray::number(id) + ",\"method\":\"" + method
        + "\",\"params\":" + QByteArray::fromStdString(params) + "}");
    armDeadline();
    return reply;
}

void Session::requestCancel(Reply* reply)
{
    if (!reply || reply->isFinished() || reply->m_cancelRequested || !m_pending.contains(reply->id()))
        return;
    reply->m_cancelRequested = true;
    reply->m_cancelClock.start();
    m_client->writeLine(QByteArray("{\"id\":") + QByteArray::number(m_nextId++)
        + ",\"method\":\"cancel\",\"params\":{\"id\":" + QByteArray::number(reply->id()) + "}}");
    // Done as far as the window is concerned; what the worker answers is still applied.
    reply->fail(QStringLiteral("cancelled"), tr("Cancelled."));
    armDeadline();
}

void Session::onLine(const QByteArray& line)
{
    const auto decoder = m_decoder;
    QtConcurrent::run(&m_decoding, [decoder, line] {
        return decoder->decode(line);
    }).then(this, [this](DecodedLine decoded) { onDecoded(std::move(decoded)); });
}

void Session::onDecoded(DecodedLine line)
{
    if (line.type == DecodedLine::Type::Invalid)
        return;
    if (line.type == DecodedLine::Type::Progress) {
        if (const auto reply = m_pending.value(line.id); reply && !reply->isFinished())
            emit reply->progress(line.stage, line.fraction);
        return;
    }
    const QPointer<Reply> reply = m_pending.take(line.id);
    if (line.id == m_helloId && m_helloId >= 0) {
        m_helloId = -1;
        const QString wanted = QString::fromLatin1(kServeProtocol);
        if (line.type != DecodedLine::Type::Result || line.protocol != wanted) {
            m_incompatible
                = tr("The analysis engine %1 speaks protocol \"%2\", and this Prunescope needs \"%3\". "
                     "Install the prunescope-cli of the same version as the app (the package installs "
                     "both), or point PRUNESCOPE_CLI at it.")
                      .arg(m_client->workerPath(),
                          line.protocol.isEmpty() ? tr("(none: %1)").arg(line.errorMessage) : line.protocol, wanted);
            m_stopKind = QStringLiteral("protocol");
            m_stopMessage = m_incompatible;
            m_client->kill();
            failAll(QStringLiteral("protocol"), m_incompatible);
            emit protocolMismatch(m_incompatible);
        }
        release(reply);
        return;
    }
    if (line.type == DecodedLine::Type::Result)
        apply(line);
    if (reply) {
        if (reply->kind() == Reply::Kind::Restore && line.type == DecodedLine::Type::Error)
            m_workerLost = true; // the worker has none of the session: try again with the next request
        if (line.type == DecodedLine::Type::Result)
            reply->finish(std::move(line));
        else
            reply->fail(line.errorKind, line.errorMessage);
        release(reply);
    }
    armDeadline();
}

void Session::apply(const DecodedLine& line)
{
    const bool newReport = line.report && !line.reportFromChannel;
    bool flopsChanged = false, masksChanged = false;
    if (newReport) {
        m_report = line.report;
        m_flops = m_report->document().analysis.flops;
        m_layers.clear();
        m_conflicts = {};
        masksChanged = true; // the new report's FLOPs come with reportChanged
    }
    if (line.update) {
        const bool hadMasks = m_state.masks.has_value();
        m_state = line.update->session;
        if (line.update->flops) {
            m_flops = line.update->flops;
            flopsChanged = true;
        }
        if (const auto& masks = line.update->masks) {
            if (masks->all_layers)
                m_layers.clear();
            for (const auto& [name, state] : masks->layers) {
                if (state)
                    m_layers[name] = *state;
                else
                    m_layers.erase(name);
            }
            m_conflicts = masks->conflicts;
            masksChanged = true;
        }
        if (hadMasks && !m_state.masks) {
            m_layers.clear();
            m_conflicts = {};
            masksChanged = true;
        }
    }
    if (newReport)
        emit reportChanged();
    if (line.reportFromChannel) {
        m_report = line.report;
        emit analysesChanged();
    }
    if (flopsChanged)
        emit this->flopsChanged();
    if (masksChanged)
        emit this->masksChanged();
    if (line.update || newReport)
        emit stateChanged();
}

void Session::onStopped(bool unexpected, const QString& message)
{
    m_helloId = -1;
    if (!m_stopCounted)
        ++m_restarts;
    m_stopCounted = false;
    if (m_state.model)
        m_workerLost = true;
    bool running = false;
    for (const auto& reply : m_pending)
        running = running || (reply && reply->kind() != Reply::Kind::Hello);
    if (!running) {
        failAll(QStringLiteral("crashed"), message);
        return;
    }
    const QString text = unexpected ? message : m_stopMessage;
    failAll(unexpected ? QStringLiteral("crashed") : m_stopKind, text);
    m_stopKind = QStringLiteral("crashed");
    m_stopMessage.clear();
    emit workerLost(text);
}

void Session::failAll(const QString& kind, const QString& message)
{
    const auto pending = m_pending;
    m_pending.clear();
    m_deadline->stop();
    for (const auto& reply : pending)
        if (reply) {
            reply->fail(kind, message);
            release(reply);
        }
}

void Session::release(Reply* reply)
{
    if (reply && !m_pending.contains(reply->id()))
        reply->deleteLater();
}

void Session::armDeadline()
{
    m_deadline->stop();
    qint64 remaining = -1;
    for (const auto& reply : m_pending) {
        if (!reply || reply->kind() == Reply::Kind::Hello)
            continue;
        qint64 left = m_timeoutSeconds > 0 ? qint64(m_timeoutSeconds) * 1000 - reply->elapsedMs() : -1;
        if (reply->m_cancelRequested) {
            const qint64 grace = kCancelGraceMs - reply->m_cancelClock.elapsed();
            left = left < 0 ? grace : std::min(left, grace);
        }
        if (left >= 0 && (remaining < 0 || left < remaining))
            remaining = left;
    }
    if (remaining >= 0)
        m_deadline->start(static_cast<int>(std::max<qint64>(0, remaining)));
}

void Session::onDeadline()
{
    bool cancelHang = false;
    for (const auto& reply : m_pending)
        cancelHang
            = cancelHang || (reply && reply->m_cancelRequested && reply->m_cancelClock.elapsed() >= kCancelGraceMs);
    if (cancelHang) {
        m_stopKind = QStringLiteral("cancelled");
        m_stopMessage = tr("Cancelled; the analysis engine did not stop and was restarted.");
    } else {
        m_stopKind = QStringLiteral("timeout");
        m_stopMessage = tr("The analysis engine did not answer within %n second(s) and was stopped. The model may be "
                           "too large for the example input, or the file makes libtorch loop. Raise the limit in "
                           "Preferences if the model only needs more time.",
            nullptr, m_timeoutSeconds);
    }
    m_client->kill();
}

} // namespace prunescope::ui
