// SPDX-License-Identifier: MIT
#include "prunescope/error.h"
#include "prunescope/json_types.h"
#include "prunescope/report.h"
#include "prunescope/version.h"
#include "report_parts.h"

#include <nlohmann/json.hpp>

#include <set>

namespace prunescope {

using nlohmann::json;

namespace {

// The model's own phases (Model::timings); every other phase is an analysis'.
const std::set<std::string> kModelPhases { "load", "inline", "shapes", "graph" };

json modelJson(const ModelSummary& m)
{
    json j { { "path", m.path }, { "type", m.type }, { "params", m.params }, { "shape_mode", m.shape_mode } };
    if (!m.meta_fallback_reason.empty())
        j["meta_fallback_reason"] = m.meta_fallback_reason;
    if (!m.fallback_ops.empty()) {
        json ops = json::array();
        for (const auto& op : m.fallback_ops)
            ops.push_back({ { "op", op.op }, { "calls", op.calls } });
        j["fallback_ops"] = ops;
    }
    if (!m.warnings.empty())
        j["warnings"] = m.warnings;
    return j;
}

} // namespace

json reportJson(const ModelSummary& model, const std::string& generator, const std::vector<InputSpec>& inputs,
    const OpGraph& graph, const AnalysisReport& report, const std::vector<PhaseTiming>& modelTimings)
{
    json timings = json::object();
    for (const auto& t : modelTimings)
        timings[t.phase] = t.ms;
    for (const auto& t : report.timings)
        timings[t.phase] = t.ms;
    return { { "format", kReportFormat }, { "generator", generator }, { "model", modelJson(model) },
        { "inputs", inputs }, { "channel_dependency", report.channel },
        { "input_channel_dependency", { { "sets", report.input_channel } } },
        { "group_dependency", groupDependencyJson(report.groups) }, { "not_safe_to_prune", report.unsafe },
        { "flops", report.flops }, { "modules", graph.modules }, { "graph", graph }, { "timings", timings } };
}

bool ModelSummary::operator==(const ModelSummary& other) const
{
    return path == other.path && type == other.type && params == other.params && shape_mode == other.shape_mode
        && meta_fallback_reason == other.meta_fallback_reason && warnings == other.warnings
        && fallback_ops == other.fallback_ops;
}

void to_json(json& j, const ReportDocument& r)
{
    j = reportJson(r.model, r.generator, r.inputs, r.graph, r.analysis, r.model_timings);
    if (r.strict) {
        j["rules"] = "strict";
        j["pruning_groups"] = *r.strict;
    }
}

void from_json(const json& j, ReportDocument& r)
{
    if (j.value("format", std::string()) != kReportFormat)
        throw Error(ErrorKind::Internal,
            "not a report of format " + std::string(kReportFormat) + " (got \"" + j.value("format", std::string())
                + "\")");
    j.at("generator").get_to(r.generator);
    const json& model = j.at("model");
    model.at("path").get_to(r.model.path);
    model.at("type").get_to(r.model.type);
    model.at("params").get_to(r.model.params);
    model.at("shape_mode").get_to(r.model.shape_mode);
    r.model.meta_fallback_reason = model.value("meta_fallback_reason", std::string());
    r.model.warnings = model.value("warnings", std::vector<std::string> {});
    if (const auto ops = model.find("fallback_ops"); ops != model.end())
        for (const auto& op : *ops)
            r.model.fallback_ops.push_back({ op.at("op").get<std::string>(), op.at("calls").get<int>() });
    j.at("inputs").get_to(r.inputs);
    j.at("graph").get_to(r.graph);
    j.at("modules").get_to(r.graph.modules);
    r.graph.model_path = r.model.path;
    j.at("channel_dependency").get_to(r.analysis.channel);
    j.at("input_channel_dependency").at("sets").get_to(r.analysis.input_channel);
    r.analysis.groups = groupDependencyFromJson(j.at("group_dependency"));
    j.at("not_safe_to_prune").get_to(r.analysis.unsafe);
    j.at("flops").get_to(r.analysis.flops);
    r.strict.reset();
    if (const auto it = j.find("pruning_groups"); it != j.end())
        r.strict = it->get<StrictReport>();
    r.model_timings.clear();
    r.analysis.timings.clear();
    const json timings = j.value("timings", json::object());
    for (const auto& [phase, ms] : timings.items())
        (kModelPhases.count(phase) ? r.model_timings : r.analysis.timings).push_back({ phase, ms.get<double>() });
}

} // namespace prunescope
