// SPDX-License-Identifier: MIT
// The session's model and settings: requests, opening, restoring, caches.
#include "serve_session.h"

#include "serve_params.h"

#include "prunescope/atomic_file.h"
#include "prunescope/error.h"
#include "prunescope/json_types.h"
#include "prunescope/report.h"
#include "prunescope/version.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

namespace prunescope::cli {

using nlohmann::json;

namespace {

const char* const kMethods[] = { "hello", "cancel", "open", "session.set", "session.restore", "masks.load", "masks.fix",
    "masks.preview", "masks.undo", "masks.redo", "masks.save", "masks.export", "masks.state", "report.export",
    "model.prune", "shutdown" };

// Load stages report 0..1 over Model::load; within "open" they take this share, the
// analysis the rest, so that the fraction only grows over the whole request.
constexpr double kLoadShare = 0.9;

// A fingerprint of the graph, so that the app can tell whether a restored model is the
// one it shows: ops, names, wiring and shapes, FNV-1a.
std::string graphId(const OpGraph& graph)
{
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](const void* data, size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (size_t i = 0; i < size; ++i) {
            h ^= bytes[i];
            h *= 1099511628211ull;
        }
    };
    auto mixString = [&](const std::string& s) { mix(s.data(), s.size() + 1); };
    auto mixInts = [&](const auto& ints) {
        for (auto v : ints) {
            const int64_t x = v;
            mix(&x, sizeof x);
        }
        mix("|", 1);
    };
    for (const auto& node : graph.nodes) {
        mixString(node.unique_name);
        mixString(node.op_type);
        mixInts(node.inputs);
        mixInts(node.outputs);
    }
    for (const auto& value : graph.values)
        mixInts(value.shape);
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
}

LoadOptions loadOptions(const OpenedModel& model)
{
    LoadOptions options;
    if (!model.inputs.empty())
        options.inputs = parseInputSpecs(model.inputs);
    options.shape_mode = choice<ShapeMode>(model.shape_mode, "shape_mode",
        { { "auto", ShapeMode::Auto }, { "meta", ShapeMode::Meta }, { "real", ShapeMode::Real } });
    return options;
}

// What the desktop app draws needs neither each node's aten ops and their arguments, nor
// the edges (the values give them), nor each module's parameter list and TorchScript
// class: half of a big model's report. "report": "view" leaves them out; report.export writes it whole.
void trimForView(json& report)
{
    json& graph = report["graph"];
    graph.erase("edges");
    for (json& node : graph["nodes"])
        node.erase("ops");
    for (json& module : report["modules"]) {
        module.erase("parameters");
        module.erase("qualified_type");
    }
}

bool viewReport(const json& params)
{
    return choice<bool>(
        param<std::string>(params, "report").value_or("full"), "report", { { "full", false }, { "view", true } });
}

void checkRules(const std::string& rules)
{
    if (!knownRules(rules))
        throw usage("unknown rules \"" + rules + "\": use nni or strict");
}

SessionSettings settingsFrom(const json& params, SessionSettings settings)
{
    if (const auto type = param<std::string>(params, "prune_type"))
        settings.prune_type = parsePruneType(*type);
    if (const auto mode = param<std::string>(params, "flops_mode"))
        settings.flops_mode = parseFlopsMode(*mode);
    if (const auto rules = param<std::string>(params, "rules"))
        settings.rules = *rules;
    checkRules(settings.rules);
    return settings;
}

} // namespace

struct ServeSession::Opened {
    Model model;
    std::unique_ptr<GraphAnalyses> analyses;
    OpenedModel opened;
    FlopsResult flops;
    json report;
};

ServeSession::ServeSession(Emit emit)
    : m_emit(std::move(emit))
{
}

ServeSession::~ServeSession() = default;

bool ServeSession::handle(const json& request)
{
    const std::atomic<bool> never { false };
    return handle(request, never);
}

bool ServeSession::handle(const json& request, const std::atomic<bool>& cancelled)
{
    Call call;
    call.id = nullptr;
    try {
        if (!request.is_object())
            throw usage(R"(a request must be a JSON object: {"id": 1, "method": "hello", "params": {}})");
        if (const auto it = request.find("id"); it != request.end())
            call.id = *it; // echoed even when malformed, so the client can match the error
        if (!call.id.is_number_integer())
            throw usage("the request has no integer \"id\"");
        const auto method = request.find("method");
        if (method == request.end() || !method->is_string())
            throw usage("the request has no \"method\" string");
        const std::string name = method->get<std::string>();
        if (std::find(std::begin(kMethods), std::end(kMethods), name) == std::end(kMethods))
            throw usage("unknown method \"" + name + "\"");
        call.params = json::object();
        if (const auto it = request.find("params"); it != request.end() && !it->is_null()) {
            if (!it->is_object())
                throw usage("\"params\" must be a JSON object");
            call.params = *it;
        }
        const json id = call.id;
        call.progress.report = [this, id](const std::string& stage, double fraction) { progress(id, stage, fraction); };
        call.progress.cancelled = [&cancelled] { return cancelled.load(); };
        testHooks(call, name);
        json result = dispatch(call, name);
        m_emit(json { { "id", call.id }, { "result", std::move(result) } });
        return name != "shutdown";
    } catch (const Error& e) {
        emitError(call.id, errorKindName(e.kind()), e.what());
    } catch (const json::exception& e) { // parameters of the wrong shape (a "session" to restore, say)
        emitError(call.id, "usage", std::string("malformed parameters: ") + e.what());
    } catch (const std::exception& e) {
        emitError(call.id, "internal", std::string("internal error (please report it): ") + e.what());
    } catch (...) {
        emitError(call.id, "internal", "internal error (please report it): unknown exception");
    }
    return true;
}

void ServeSession::reject(const json& id, const std::string& message) const { emitError(id, "usage", message); }

void ServeSession::cancelledBeforeStart(const json& id) const { emitError(id, "cancelled", "cancelled"); }

json ServeSession::dispatch(Call& call, const std::string& method)
{
    if (method == "hello")
        return { { "protocol", kServeProtocol }, { "version", kVersion } };
    if (method == "cancel") // the reader answers these; handled here, there is nothing running
        return { { "cancelled", false } };
    if (method == "open")
        return open(call);
    if (method == "session.restore")
        return restore(call);
    if (method == "session.set")
        return setSettings(call);
    if (method == "masks.load")
        return loadMasks(call);
    if (method == "masks.fix" || method == "masks.preview")
        return fixMasks(call, method == "masks.fix");
    if (method == "masks.undo" || method == "masks.redo")
        return stepHistory(call, method == "masks.redo");
    if (method == "masks.save")
        return saveMasks(call);
    if (method == "masks.export")
        return exportChanges(call);
    if (method == "report.export")
        return exportReport(call);
    if (method == "masks.state")
        return maskState();
    if (method == "model.prune")
        return pruneModel(call);
    return json::object(); // shutdown: the caller stops reading
}

ServeSession::Opened ServeSession::loadModel(
    Call& call, const OpenedModel& request, const SessionSettings& settings, double share)
{
    Progress load;
    load.cancelled = call.progress.cancelled;
    load.report = [&](const std::string& stage, double fraction) { call.progress.step(stage, fraction * share); };
    Opened opened { Model::load(request.path, loadOptions(request), load), nullptr, request, {}, {} };
    opened.analyses = std::make_unique<GraphAnalyses>(opened.model.graph());
    call.progress.step("analyze", share);
    AnalysisOptions options;
    options.prune_type = settings.prune_type;
    options.flops_mode = settings.flops_mode;
    AnalysisReport report = analyze(*opened.analyses, options, call.progress);
    opened.opened.graph_id = graphId(opened.model.graph());
    opened.report = reportJson(opened.model, report);
    opened.flops = std::move(report.flops);
    return opened;
}

void ServeSession::adopt(Opened opened)
{
    m_analyses.reset(); // refers to the graph of the model it replaces
    m_model = std::move(opened.model);
    m_analyses = std::move(opened.analyses);
    m_opened = std::move(opened.opened);
    forgetMasks();
    m_plainFlops.clear();
    m_plainFlops[opened.flops.mode] = std::move(opened.flops);
    m_strict.reset();
}

json ServeSession::open(Call& call)
{
    // Every parameter is checked before the (slow) load.
    OpenedModel request;
    request.path = requiredString(call.params, "path");
    request.inputs = param<std::string>(call.params, "inputs").value_or("");
    request.shape_mode = param<std::string>(call.params, "shape_mode").value_or("auto");
    loadOptions(request);
    const bool view = viewReport(call.params);
    // A new model starts from the defaults: its report must not depend on history.
    const SessionSettings settings = settingsFrom(call.params, SessionSettings {});
    // Into a temporary: a model that fails to load or analyse leaves the open one open.
    Opened opened = loadModel(call, request, settings, kLoadShare);
    json report = std::move(opened.report);
    if (view)
        trimForView(report);
    adopt(std::move(opened));
    m_settings = settings;
    if (strictRules()) { // as analyze --rules strict --json writes them
        report["rules"] = "strict";
        report["pruning_groups"] = strict();
    }
    return { { "report", std::move(report) }, { "session", state() },
        { "worker", { { "pid", static_cast<int64_t>(getpid()) } } } };
}

json ServeSession::restore(Call& call)
{
    const SessionState wanted = call.params.at("session").get<SessionState>();
    checkRules(wanted.settings.rules);
    const bool view = viewReport(call.params);
    if (!wanted.model) {
        m_analyses.reset();
        m_model.reset();
        forgetMasks();
        m_settings = wanted.settings;
        return json(update(false, false, std::nullopt));
    }
    Opened opened = loadModel(call, *wanted.model, wanted.settings, 0.8);
    const bool sameGraph = opened.opened.graph_id == wanted.model->graph_id;
    json report = std::move(opened.report);
    adopt(std::move(opened));
    m_settings = wanted.settings;
    json result;
    std::string notice;
    if (wanted.masks) {
        call.progress.step("masks", 0.8);
        try {
            loadMaskFile(wanted.masks->path);
            // The history as it was: the applied fixes, then the undone ones applied and
            // undone again (the most recently undone last), under their own ids.
            for (const auto& r : wanted.masks->applied)
                m_applied.push_back(applyFix(r.id, r.strategy, r.set));
            for (auto it = wanted.masks->undone.rbegin(); it != wanted.masks->undone.rend(); ++it)
                m_applied.push_back(applyFix(it->id, it->strategy, it->set));
            for (size_t i = 0; i < wanted.masks->undone.size(); ++i) {
                for (auto f = m_applied.back().fixes.rbegin(); f != m_applied.back().fixes.rend(); ++f)
                    f->undo(m_masks);
                m_undone.push_back(std::move(m_applied.back()));
                m_applied.pop_back();
            }
            m_saved = wanted.masks->saved;
            m_savedPath = wanted.masks->saved_path;
            for (const auto* list : { &wanted.masks->applied, &wanted.masks->undone })
                for (const auto& r : *list)
                    m_nextFixId = std::max(m_nextFixId, r.id + 1);
            masksChanged();
        } catch (const Error& e) {
            forgetMasks();
            notice = std::string("the masks could not be restored: ") + e.what();
        }
    }
    // The same graph under the same settings has the same dependencies, and a changed
    // graph comes with its report: no channel dependency to send either way.
    result = update(false, true,
        m_masksLoaded ? std::optional<std::vector<std::string>>(std::vector<std::string> {}) : std::nullopt);
    if (!notice.empty())
        result["notice"] = notice;
    if (!sameGraph) {
        if (view)
            trimForView(report);
        if (strictRules()) {
            report["rules"] = "strict";
            report["pruning_groups"] = strict();
        }
        result["report"] = std::move(report);
    }
    result["worker"] = { { "pid", static_cast<int64_t>(getpid()) } };
    return result;
}

json ServeSession::setSettings(Call& call)
{
    const SessionSettings next = settingsFrom(call.params, m_settings);
    const bool channel = next.prune_type != m_settings.prune_type;
    const bool flopsChanged = next.flops_mode != m_settings.flops_mode;
    const bool rulesChanged = next.rules != m_settings.rules;
    m_settings = next;
    call.progress.step("analyze", 0.0);
    if (!m_model)
        return json(update(false, false, std::nullopt));
    if (rulesChanged)
        m_conflicts.reset(); // the sets the masks are judged by
    SessionUpdate u = update(channel, flopsChanged,
        rulesChanged && m_masksLoaded ? std::optional<std::vector<std::string>>(std::vector<std::string> {})
                                      : std::nullopt);
    // The groups go with the change to strict; a change back to nni is in the session's
    // settings, and the app draws NNI's sets again from the report it has.
    if (rulesChanged && strictRules())
        u.strict = strict();
    call.progress.throwIfCancelled();
    return json(u);
}

json ServeSession::exportReport(Call& call)
{
    const std::string path = requiredString(call.params, "path");
    analyses();
    // What `prunescope-cli analyze --json` writes under the session's settings and masks.
    AnalysisOptions options;
    options.prune_type = m_settings.prune_type;
    options.flops_mode = m_settings.flops_mode;
    options.masks = m_masksLoaded ? &m_masks : nullptr;
    const AnalysisReport report = analyze(*m_analyses, options, call.progress);
    json j = reportJson(*m_model, report);
    j["rules"] = m_settings.rules; // as analyze --json names them
    if (strictRules())
        j["pruning_groups"] = strict();
    writeFileAtomically(path, j.dump(1) + "\n");
    return { { "path", path } };
}

const FlopsResult& ServeSession::flops()
{
    auto& cache = m_masksLoaded ? m_maskedFlops : m_plainFlops;
    auto found = cache.find(m_settings.flops_mode);
    if (found == cache.end())
        found = cache
                    .emplace(m_settings.flops_mode,
                        countFlops(analyses().graph(), m_settings.flops_mode, m_masksLoaded ? &m_masks : nullptr))
                    .first;
    return found->second;
}

const ConflictReport& ServeSession::conflicts()
{
    if (!m_conflicts)
        m_conflicts = strictRules() ? strictConflicts() : findConflicts(analyses(), m_masks);
    return *m_conflicts;
}

void ServeSession::masksChanged()
{
    m_maskedFlops.clear();
    m_conflicts.reset();
}

SessionState ServeSession::state()
{
    SessionState s;
    if (m_model)
        s.model = m_opened;
    s.settings = m_settings;
    if (m_masksLoaded) {
        MaskSessionState masks;
        masks.path = m_maskPath;
        for (const auto& f : m_applied)
            masks.applied.push_back(f.record);
        for (const auto& f : m_undone)
            masks.undone.push_back(f.record);
        masks.saved = m_saved;
        masks.saved_path = m_savedPath;
        masks.conflicts = conflicts().conflicts();
        s.masks = std::move(masks);
    }
    return s;
}

SessionUpdate ServeSession::update(bool channel, bool withFlops, std::optional<std::vector<std::string>> changedLayers)
{
    SessionUpdate u;
    u.session = state();
    if (channel && m_model)
        u.channel = analyses().channel(m_settings.prune_type);
    if (withFlops && m_model)
        u.flops = flops();
    if (changedLayers && m_masksLoaded) {
        MaskUpdate masks;
        // An empty list: every layer (a new file, a restored session).
        masks.all_layers = changedLayers->empty();
        if (masks.all_layers)
            for (const auto& [name, mask] : m_masks)
                masks.layers[name] = MaskLayerState::of(mask);
        for (const auto& name : *changedLayers) {
            const auto found = m_masks.find(name);
            masks.layers[name] = found == m_masks.end()
                ? std::nullopt
                : std::optional<MaskLayerState>(MaskLayerState::of(found->second));
        }
        masks.conflicts = conflicts();
        u.masks = std::move(masks);
    }
    return u;
}

GraphAnalyses& ServeSession::analyses()
{
    if (!m_analyses)
        throw usage("no model is open: send \"open\" first");
    return *m_analyses;
}

void ServeSession::progress(const json& id, const std::string& stage, double fraction) const
{
    m_emit(json { { "id", id }, { "event", "progress" }, { "stage", stage }, { "fraction", fraction } });
}

void ServeSession::emitError(const json& id, const char* kind, const std::string& message) const
{
    try {
        m_emit(json { { "id", id }, { "error", { { "kind", kind }, { "message", message } } } });
    } catch (...) {
        // Nowhere left to report to (the output itself failed); the worker keeps going.
    }
}

void ServeSession::testHooks(Call& call, const std::string& method) const
{
    const char* abortOn = std::getenv("PRUNESCOPE_WORKER_ABORT");
    const char* hangOn = std::getenv("PRUNESCOPE_WORKER_HANG");
    const char* slowOn = std::getenv("PRUNESCOPE_WORKER_SLOW");
    const char* slowOnce = std::getenv("PRUNESCOPE_WORKER_SLOW_ONCE");
    static bool slowedOnce = false;
    const bool once = slowOnce && method == slowOnce && !slowedOnce;
    slowedOnce = slowedOnce || once;
    if ((slowOn && method == slowOn) || once) {
        // A long phase that honours cancellation, as the engine's phases do.
        progress(call.id, "test-slow", 0.0);
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (std::chrono::steady_clock::now() < until) {
            call.progress.throwIfCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    const bool abortHere = abortOn && method == abortOn;
    const bool hangHere = hangOn && method == hangOn;
    if (!abortHere && !hangHere)
        return;
    progress(call.id, "test-abort", 0.0);
    if (abortHere) {
        // A deliberate crash: no core file to litter the test's directory with.
        const rlimit noCore { 0, 0 };
        setrlimit(RLIMIT_CORE, &noCore);
        std::abort();
    }
    for (;;)
        std::this_thread::sleep_for(std::chrono::hours(1));
}

} // namespace prunescope::cli
