// SPDX-License-Identifier: MIT
#include "prunescope/prune_json.h"

#include "prunescope/error.h"
#include "prunescope/json_parse.h"
#include "prunescope/json_types.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>

namespace prunescope {

using nlohmann::json;

namespace {

// JSON has no infinity: an output whose shape changed has an infinite error, written null.
json number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }
double number(const json& j) { return j.is_null() ? INFINITY : j.get<double>(); }

} // namespace

void from_json(const json& j, TensorSlice& s)
{
    j.at("module").get_to(s.module);
    j.at("name").get_to(s.name);
    j.at("dim").get_to(s.dim);
    j.at("kept").get_to(s.kept);
    s.groups = j.value("groups", int64_t(1));
}

void from_json(const json& j, ConstantEdit& e)
{
    j.at("node").get_to(e.node);
    j.at("op").get_to(e.op);
    j.at("argument").get_to(e.argument);
    j.at("value").get_to(e.value);
    e.element = j.value("element", -1);
    e.occurrence = j.value("occurrence", 0);
}

void from_json(const json& j, SilencedValue& v)
{
    j.at("value").get_to(v.value);
    j.at("dim").get_to(v.dim);
    j.at("removed").get_to(v.removed);
}

void from_json(const json& j, PrunePlan& p)
{
    j.at("slices").get_to(p.slices);
    j.at("edits").get_to(p.edits);
    j.at("silenced").get_to(p.silenced);
}

void to_json(json& j, const OutputError& e)
{
    j = { { "index", e.index }, { "shape", e.shape }, { "max_abs", number(e.max_abs) },
        { "max_rel", number(e.max_rel) } };
}

void from_json(const json& j, OutputError& e)
{
    j.at("index").get_to(e.index);
    j.at("shape").get_to(e.shape);
    e.max_abs = number(j.at("max_abs"));
    e.max_rel = number(j.at("max_rel"));
}

void to_json(json& j, const Verification& v)
{
    j = { { "passed", v.passed }, { "max_abs", number(v.max_abs) }, { "max_rel", number(v.max_rel) },
        { "rtol", v.rtol }, { "outputs", v.outputs }, { "values_compared", v.values_compared } };
}

void from_json(const json& j, Verification& v)
{
    j.at("passed").get_to(v.passed);
    v.max_abs = number(j.at("max_abs"));
    v.max_rel = number(j.at("max_rel"));
    j.at("rtol").get_to(v.rtol);
    j.at("outputs").get_to(v.outputs);
    j.at("values_compared").get_to(v.values_compared);
}

void to_json(json& j, const ModelFigures& f)
{
    j = { { "params", f.params }, { "macs", f.macs }, { "file_bytes", f.file_bytes } };
    if (f.latency_ms_one_thread >= 0) {
        j["latency_ms_one_thread"] = f.latency_ms_one_thread;
        j["latency_ms_all_threads"] = f.latency_ms_all_threads;
        j["threads"] = f.threads;
    }
}

void from_json(const json& j, ModelFigures& f)
{
    j.at("params").get_to(f.params);
    j.at("macs").get_to(f.macs);
    j.at("file_bytes").get_to(f.file_bytes);
    f.latency_ms_one_thread = j.value("latency_ms_one_thread", -1.0);
    f.latency_ms_all_threads = j.value("latency_ms_all_threads", -1.0);
    f.threads = j.value("threads", 1);
}

void to_json(json& j, const PruneResult& r)
{
    json timings = json::object();
    for (const auto& t : r.timings)
        timings[t.phase] = t.ms;
    j = { { "format", kPruneReportFormat }, { "model", r.model_path }, { "output", r.output_path },
        { "verification", r.verification }, { "before", r.before }, { "after", r.after }, { "timings", timings },
        { "notes", r.notes } };
}

void from_json(const json& j, PruneResult& r)
{
    j.at("model").get_to(r.model_path);
    j.at("output").get_to(r.output_path);
    j.at("verification").get_to(r.verification);
    j.at("before").get_to(r.before);
    j.at("after").get_to(r.after);
    r.timings.clear();
    for (const auto& [phase, ms] : j.at("timings").items())
        r.timings.push_back({ phase, ms.get<double>() });
    j.at("notes").get_to(r.notes);
}

void to_json(json& j, const PruneMasksInfo& m)
{
    j = { { "input", m.input }, { "strategy", m.strategy }, { "rules", m.rules }, { "conflicts", m.conflicts },
        { "notices", m.notices } };
    if (!m.fixed.empty())
        j["fixed"] = m.fixed;
}

void from_json(const json& j, PruneMasksInfo& m)
{
    j.at("input").get_to(m.input);
    j.at("strategy").get_to(m.strategy);
    j.at("rules").get_to(m.rules);
    j.at("conflicts").get_to(m.conflicts);
    j.at("notices").get_to(m.notices);
    m.fixed = j.value("fixed", std::string());
}

void to_json(json& j, const PruneFlops& f) { j = { { "before", f.before }, { "after", f.after } }; }

void from_json(const json& j, PruneFlops& f)
{
    j.at("before").get_to(f.before);
    j.at("after").get_to(f.after);
}

void to_json(json& j, const PruneReport& r)
{
    j = r.result;
    if (r.masks)
        j["masks"] = *r.masks;
    if (r.flops)
        j["flops"] = *r.flops;
}

void from_json(const json& j, PruneReport& r)
{
    j.get_to(r.result);
    r.masks.reset();
    r.flops.reset();
    if (const auto it = j.find("masks"); it != j.end())
        r.masks = it->get<PruneMasksInfo>();
    if (const auto it = j.find("flops"); it != j.end())
        r.flops = it->get<PruneFlops>();
}

PrunePlan readPrunePlan(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::BadInput, path + ": cannot read the pruning plan. Check the path.");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto notAPlan = [&](const std::string& why) {
        return Error(ErrorKind::BadInput,
            path + ": not a pruning plan (" + why
                + "). A plan is {\"slices\": [...], \"edits\": [...], \"silenced\": [...]} as the README describes.");
    };
    try {
        // parseJson caps the nesting: a hand-edited plan is input we did not write.
        return parseJson(text).get<PrunePlan>();
    } catch (const JsonError& e) {
        throw notAPlan(e.what());
    } catch (const json::exception& e) {
        throw notAPlan(e.what());
    }
}

} // namespace prunescope
