#include "serve_session.h"
#include "mask_input.h"

#include "prunescope/error.h"
#include "prunescope/json_types.h"
#include "prunescope/mask_io.h"
#include "prunescope/report.h"
#include "prunescope/version.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <thread>
#include <type_traits>

namespace prunescope::cli {

using nlohmann::json;

namespace {

// Load stages report 0..1 over Model::load; within "open" they take this share, the
// analysis the rest, so that the fraction only grows over the whole request.
constexpr double kLoadShare = 0.9;

const char* const kMethods[] = { "hello", "open", "analyze", "flops", "masks.load", "masks.fix", "masks.preview",
    "masks.undo", "masks.redo", "masks.save", "masks.state", "shutdown" };

Error usage(const std::string& message) { return Error(ErrorKind::Usage, message); }

// Reads params[key] when present and not null. A wrong type is the client's mistake
// (usage), not the internal error nlohmann's own type_error would become.
template <typename T> std::optional<T> param(const json& params, const char* key)
{
    const auto it = params.find(key);
    if (it == params.end() || it->is_null())
        return std::nullopt;
    constexpr bool isBool = std::is_same_v<T, bool>, isInt = std::is_integral_v<T> && !isBool;
    if (isBool ? !it->is_boolean() : isInt ? !it->is_number_integer() : !it->is_string())
        throw usage(std::string("parameter \"") + key + "\" must be "
            + (isBool       ? "true or false"
                    : isInt ? "an integer"
                            : "a string"));
    return it->template get<T>();
}

std::string requiredString(const json& params, const char* key)
{
    const auto value = param<std::string>(params, key);
    if (!value || value->empty())
        throw usage(std::string("parameter \"") + key + "\" is required");
    return *value;
}

// One word of a fixed list (shape_mode, mask format) or a usage error listing them.
template <typename E>
E choice(const std::string& text, const char* key, std::initializer_list<std::pair<const char*, E>> words)
{
    std::string known;
    for (const auto& [word, value] : words) {
        if (text == word)
            return value;
        known += (known.empty() ? "" : ", ") + std::string(word);
    }
    throw usage(std::string("unknown ") + key + " \"" + text + "\": use " + known);
}

json indices(const std::vector<bool>& kept)
{
    json result = json::array();
    for (size_t i = 0; i < kept.size(); ++i)
        if (kept[i])
            result.push_back(i);
    return result;
}

json layerJson(const LayerMask& mask)
{
    json layer { { "shape", mask.shape }, { "kept", indices(mask.kept(0)) }, { "structured", mask.isStructured(0) } };
    if (mask.shape.size() > 1)
        layer["kept_inputs"] = indices(mask.kept(1));
    return layer;
}

// The named layers' masks; null for a layer that has none (an undone fix created it).
json layersJson(const MaskSet& masks, const std::vector<std::string>& names)
{
    json layers = json::object();
    for (const auto& name : names) {
        const auto found = masks.find(name);
        layers[name] = found == masks.end() ? json(nullptr) : layerJson(found->second);
    }
    return layers;
}

json allLayersJson(const MaskSet& masks)
{
    json layers = json::object();
    for (const auto& [name, mask] : masks)
        layers[name] = layerJson(mask);
    return layers;
}

std::vector<std::string> changedLayers(const std::vector<MaskFix>& fixes)
{
    std::vector<std::string> names;
    for (const auto& fix : fixes)
        for (const auto& change : fix.changes)
            if (std::find(names.begin(), names.end(), change.layer) == names.end())
                names.push_back(change.layer);
    return names;
}

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    return std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec) && std::filesystem::equivalent(a, b, ec);
}

} // namespace

ServeSession::ServeSession(Emit emit)
    : m_emit(std::move(emit))
{
}

bool ServeSession::handleLine(const std::string& line)
{
    if (line.find_first_not_of(" \t\r\n") == std::string::npos)
        return true;
    json request;
    try {
        request = json::parse(line);
    } catch (const json::parse_error& e) {
        emitError(nullptr, "usage", std::string("the request is not JSON (") + e.what() + ")");
        return true;
    }
    return handle(request);
}

bool ServeSession::handle(const json& request)
{
    json id = nullptr;
    try {
        if (!request.is_object())
            throw usage(R"(a request must be a JSON object: {"id": 1, "method": "hello", "params": {}})");
        if (const auto it = request.find("id"); it != request.end())
            id = *it; // echoed even when malformed, so the client can match the error
        if (!id.is_number_integer())
            throw usage("the request has no integer \"id\"");
        const auto method = request.find("method");
        if (method == request.end() || !method->is_string())
            throw usage("the request has no \"method\" string");
        const std::string name = method->get<std::string>();
        if (std::find(std::begin(kMethods), std::end(kMethods), name) == std::end(kMethods))
            throw usage("unknown method \"" + name + "\"");
        json params = json::object();
        if (const auto it = request.find("params"); it != request.end() && !it->is_null()) {
            if (!it->is_object())
                throw usage("\"params\" must be a JSON object");
            params = *it;
        }
        testHooks(id, name);
        m_emit(json { { "id", id }, { "result", dispatch(id, name, params) } });
        return name != "shutdown";
    } catch (const Error& e) {
        emitError(id, errorKindName(e.kind()), e.what());
    } catch (const std::exception& e) {
        emitError(id, "internal", std::string("internal error (please report it): ") + e.what());
    } catch (...) {
        emitError(id, "internal", "internal error (please report it): unknown exception");
    }
    return true;
}

json ServeSession::dispatch(const json& id, const std::string& method, const json& params)
{
    if (method == "hello")
        return { { "protocol", kServeProtocol }, { "version", kVersion } };
    if (method == "open")
        return open(id, params);
    if (method == "analyze")
        return analyzeModel(id, params);
    if (method == "flops")
        return flops(params);
    if (method == "masks.load")
        return loadMasks(params);
    if (method == "masks.fix" || method == "masks.preview")
        return fixMasks(params, method == "masks.fix");
    if (method == "masks.undo" || method == "masks.redo")
        return stepHistory(params, method == "masks.redo");
    if (method == "masks.save")
        return saveMasks(params);
    if (method == "masks.state")
        return maskState();
    return json::object(); // shutdown: the caller stops reading
}

json ServeSession::open(const json& id, const json& params)
{
    // Every parameter is checked before the (slow) load.
    const std::string path = requiredString(params, "path");
    LoadOptions options;
    if (const auto inputs = param<std::string>(params, "inputs"); inputs && !inputs->empty())
        options.inputs = parseInputSpecs(*inputs);
    if (const auto mode = param<std::string>(params, "shape_mode"))
        options.shape_mode = choice<ShapeMode>(*mode, "shape_mode",
            { { "auto", ShapeMode::Auto }, { "meta", ShapeMode::Meta }, { "real", ShapeMode::Real } });
    // A new model starts from the defaults: its report must not depend on history.
    AnalysisOptions analysis;
    if (const auto type = param<std::string>(params, "prune_type"))
        analysis.prune_type = parsePruneType(*type);
    if (const auto mode = param<std::string>(params, "flops_mode"))
        analysis.flops_mode = parseFlopsMode(*mode);

    Progress loadProgress;
    loadProgress.report
        = [&](const std::string& stage, double fraction) { progress(id, stage, fraction * kLoadShare); };
    // Into a temporary: a model that fails to load or analyse leaves the open one open.
    Model loaded = Model::load(path, options, loadProgress);
    progress(id, "analyze", kLoadShare);
    json result = reportJson(loaded, analyze(loaded.graph(), analysis));
    result["worker"] = { { "pid", static_cast<int64_t>(getpid()) } };

    m_model = std::move(loaded);
    m_pruneType = analysis.prune_type;
    m_flopsMode = analysis.flops_mode;
    forgetMasks();
    return result;
}

json ServeSession::analyzeModel(const json& id, const json& params)
{
    const Model& current = model();
    AnalysisOptions analysis;
    const auto type = param<std::string>(params, "prune_type");
    const auto mode = param<std::string>(params, "flops_mode");
    analysis.prune_type = type ? parsePruneType(*type) : m_pruneType;
    analysis.flops_mode = mode ? parseFlopsMode(*mode) : m_flopsMode;
    analysis.masks = currentMasks();
    progress(id, "analyze", 0.0);
    json result = reportJson(current, analyze(current.graph(), analysis));
    m_pruneType = analysis.prune_type;
    m_flopsMode = analysis.flops_mode;
    return result;
}

json ServeSession::flops(const json& params) const
{
    const auto mode = param<std::string>(params, "mode");
    return nlohmann::json(countFlops(model().graph(), mode ? parseFlopsMode(*mode) : m_flopsMode, currentMasks()));
}

json ServeSession::loadMasks(const json& params)
{
    const std::string path = requiredString(params, "path");
    const OpGraph& graph = model().graph();
    MaskSet masks = loadMasksFor(path, graph);
    forgetMasks();
    m_masks = std::move(masks);
    m_maskPath = path;
    m_masksLoaded = true;
    return { { "path", m_maskPath }, { "layers", allLayersJson(m_masks) },
        { "conflicts", nlohmann::json(findConflicts(graph, m_masks)) },
        { "flops", nlohmann::json(countFlops(graph, m_flopsMode, &m_masks)) } };
}

std::vector<MaskFix> ServeSession::computeFixes(const json& params, MaskSet& masks) const
{
    const OpGraph& graph = model().graph();
    const Strategy strategy = Strategy::parse(param<std::string>(params, "strategy").value_or("union"));
    const auto setParam = params.find("set");
    if (setParam == params.end() || setParam->is_null())
        return fixMaskConflicts(graph, masks, strategy);
    if (!setParam->is_object())
        throw usage(R"(parameter "set" must be an object: {"kind": "channel" or "group", "index": N})");
    const std::string kind = requiredString(*setParam, "kind");
    if (kind != "channel" && kind != "group")
        throw usage("unknown set kind \"" + kind + "\": use channel or group");
    const auto index = param<int64_t>(*setParam, "index");
    if (!index)
        throw usage("parameter \"set\" needs an integer \"index\"");
    const ConflictSet::Kind wanted = kind == "group" ? ConflictSet::Kind::Group : ConflictSet::Kind::Channel;
    for (const auto& set : findConflicts(graph, masks).sets) {
        if (set.kind != wanted || set.index != *index)
            continue;
        MaskFix fix = fixConflictSet(graph, masks, set, strategy);
        fix.apply(masks);
        std::vector<MaskFix> fixes;
        if (!fix.empty())
            fixes.push_back(std::move(fix));
        return fixes;
    }
    throw usage("no " + kind + " set with index " + std::to_string(*index)
        + " has masks (see \"conflicts\" of masks.state for the sets)");
}

json ServeSession::fixMasks(const json& params, bool apply)
{
    requireMasks();
    // Fixed on a copy: a strategy that fails half-way (a reference layer missing from a
    // later set) leaves the current masks untouched.
    MaskSet fixed = m_masks;
    std::vector<MaskFix> fixes = computeFixes(params, fixed);
    if (!apply)
        return { { "fixes", nlohmann::json(fixes) }, { "layers", layersJson(fixed, changedLayers(fixes)) } };
    m_masks = std::move(fixed);
    const int id = m_nextFixId++;
    m_applied.push_back({ id, std::move(fixes) });
    m_undone.clear(); // a new branch of history: what was undone cannot be redone on it
    return fixResult(id, m_applied.back().fixes);
}

json ServeSession::stepHistory(const json& params, bool redo)
{
    requireMasks();
    // Undo takes the most recently applied fix, redo the most recently undone one: LIFO
    // keeps each fix's "before" masks exactly what they were when it was made.
    auto& from = redo ? m_undone : m_applied;
    auto& to = redo ? m_applied : m_undone;
    const std::string state = redo ? "undone" : "applied";
    if (from.empty())
        throw usage("no " + state + " fix to " + (redo ? "redo" : "undo"));
    const int last = from.back().id;
    if (const auto id = param<int64_t>(params, "fix_id"); id && *id != last)
        throw usage("fix " + std::to_string(*id) + " is not the most recently " + state + " fix ("
            + std::to_string(last) + " is)");
    to.push_back(std::move(from.back()));
    from.pop_back();
    const auto& fixes = to.back().fixes;
    if (redo)
        for (const auto& fix : fixes)
            fix.apply(m_masks);
    else
        for (auto it = fixes.rbegin(); it != fixes.rend(); ++it)
            it->undo(m_masks);
    return fixResult(last, fixes);
}

json ServeSession::saveMasks(const json& params) const
{
    requireMasks();
    const std::string path = requiredString(params, "path");
    const auto format = param<std::string>(params, "format");
    if (sameFile(m_maskPath, path) && !param<bool>(params, "overwrite_input").value_or(false))
        throw usage(path
            + " is the file the masks were loaded from; save elsewhere, or pass \"overwrite_input\": "
              "true to replace it");
    writeMasks(path, m_masks,
        format ? choice<MaskFormat>(*format, "format", { { "nni", MaskFormat::Nni }, { "json", MaskFormat::Json } })
               : maskFormatForPath(path));
    return { { "path", path } };
}

json ServeSession::maskState() const
{
    const OpGraph& graph = model().graph();
    json applied = json::array(), undone = json::array();
    for (const auto& fix : m_applied)
        applied.push_back(fix.id);
    for (const auto& fix : m_undone)
        undone.push_back(fix.id);
    return { { "path", m_masksLoaded ? json(m_maskPath) : json(nullptr) }, { "layers", allLayersJson(m_masks) },
        { "applied", applied }, { "undone", undone }, { "conflicts", nlohmann::json(findConflicts(graph, m_masks)) },
        { "flops", nlohmann::json(countFlops(graph, m_flopsMode, currentMasks())) } };
}

json ServeSession::fixResult(int fixId, const std::vector<MaskFix>& fixes) const
{
    const OpGraph& graph = model().graph();
    return { { "fix_id", fixId }, { "fixes", nlohmann::json(fixes) },
        { "layers", layersJson(m_masks, changedLayers(fixes)) },
        { "conflicts", nlohmann::json(findConflicts(graph, m_masks)) },
        { "flops", nlohmann::json(countFlops(graph, m_flopsMode, &m_masks)) } };
}

const Model& ServeSession::model() const
{
    if (!m_model)
        throw usage("no model is open: send \"open\" first");
    return *m_model;
}

void ServeSession::requireMasks() const
{
    model();
    if (!m_masksLoaded)
        throw usage("no masks are loaded: send \"masks.load\" first");
}

void ServeSession::forgetMasks()
{
    m_masks.clear();
    m_maskPath.clear();
    m_masksLoaded = false;
    m_applied.clear();
    m_undone.clear();
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

void ServeSession::testHooks(const json& id, const std::string& method) const
{
    const char* abortOn = std::getenv("PRUNESCOPE_WORKER_ABORT");
    const char* hangOn = std::getenv("PRUNESCOPE_WORKER_HANG");
    const bool abortHere = abortOn && method == abortOn;
    const bool hangHere = hangOn && method == hangOn;
    if (!abortHere && !hangHere)
        return;
    progress(id, "test-abort", 0.0);
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
