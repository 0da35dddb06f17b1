#include "prunescope/report.h"
#include "prunescope/version.h"

#include <nlohmann/json.hpp>

namespace prunescope {

using nlohmann::json;

namespace {

const char* argumentKindName(OpArgument::Kind kind)
{
    switch (kind) {
    case OpArgument::Kind::Tensor: return "Tensor";
    case OpArgument::Kind::Int: return "int";
    case OpArgument::Kind::IntList: return "int[]";
    case OpArgument::Kind::Float: return "float";
    case OpArgument::Kind::Bool: return "bool";
    case OpArgument::Kind::None: return "None";
    case OpArgument::Kind::String: return "str";
    case OpArgument::Kind::TensorList: return "Tensor[]";
    case OpArgument::Kind::Other: break;
    }
    return "other";
}

json argumentJson(const OpArgument& arg)
{
    json j { { "kind", argumentKindName(arg.kind) } };
    if (!arg.name.empty())
        j["name"] = arg.name;
    if (arg.value >= 0)
        j["value_id"] = arg.value;
    if (!arg.known)
        return j;
    if (arg.kind == OpArgument::Kind::Tensor)
        j["shape"] = arg.shape;
    else if (arg.kind == OpArgument::Kind::Float)
        j["value"] = arg.number;
    else if (arg.kind == OpArgument::Kind::Int || arg.kind == OpArgument::Kind::Bool)
        j["value"] = arg.ints.empty() ? 0 : arg.ints.front();
    else if (arg.kind == OpArgument::Kind::IntList)
        j["value"] = arg.ints;
    else if (arg.kind == OpArgument::Kind::String)
        j["value"] = arg.text;
    else if (arg.kind == OpArgument::Kind::TensorList)
        j["shapes"] = arg.shapes;
    return j;
}

json nodeJson(const OpNode& node)
{
    json ops = json::array();
    for (const auto& op : node.ops) {
        json inputs = json::array(), outputs = json::array();
        for (const auto& a : op.inputs)
            inputs.push_back(argumentJson(a));
        for (const auto& a : op.outputs)
            outputs.push_back(argumentJson(a));
        ops.push_back(
            { { "kind", op.kind }, { "inputs", inputs }, { "outputs", outputs }, { "executions", op.executions } });
    }
    json j { { "id", node.id }, { "name", node.name }, { "unique_name", node.unique_name },
        { "kind", node.isModule() ? "module" : "function" }, { "type", node.op_type }, { "scope", node.scope },
        { "call", node.call_index }, { "executions", node.executions }, { "inputs", node.inputs },
        { "outputs", node.outputs }, { "attrs", node.attrs }, { "ops", ops } };
    if (!node.weight_shape.empty())
        j["weight_shape"] = node.weight_shape;
    return j;
}

json layerSetsJson(const LayerSets& sets)
{
    json j = json::array();
    for (const auto& set : sets)
        j.push_back(set);
    return j;
}

} // namespace

json graphJson(const OpGraph& graph)
{
    json nodes = json::array(), values = json::array(), edges = json::array();
    for (const auto& node : graph.nodes)
        nodes.push_back(nodeJson(node));
    for (const auto& value : graph.values) {
        json v { { "id", value.id }, { "name", value.debug_name }, { "type", value.type },
            { "producer", value.producer < 0 ? json(nullptr) : json(value.producer) },
            { "consumers", value.consumers } };
        if (value.has_shape) {
            v["shape"] = value.shape;
            v["dtype"] = value.dtype;
        }
        if (value.has_ints)
            v["ints"] = value.ints;
        if (value.model_input >= 0)
            v["model_input"] = value.model_input;
        if (value.model_output)
            v["model_output"] = true;
        values.push_back(v);
        if (value.producer < 0)
            continue;
        for (int consumer : value.consumers) {
            json e { { "from", value.producer }, { "to", consumer }, { "value", value.id } };
            if (value.has_shape)
                e["shape"] = value.shape;
            edges.push_back(e);
        }
    }
    return { { "nodes", nodes }, { "edges", edges }, { "values", values }, { "inputs", graph.inputs },
        { "outputs", graph.outputs } };
}

json modulesJson(const OpGraph& graph)
{
    json modules = json::array();
    for (const auto& m : graph.modules) {
        json params = json::array();
        for (const auto& p : m.params)
            params.push_back(
                { { "name", p.name }, { "shape", p.shape }, { "dtype", p.dtype }, { "buffer", p.buffer } });
        modules.push_back({ { "name", m.path }, { "type", m.type }, { "parent", m.parent }, { "leaf", m.leaf },
            { "params", m.total_param_count }, { "own_params", m.own_param_count }, { "children", m.children },
            { "calls", m.calls }, { "parameters", params } });
    }
    return modules;
}

json reportJson(const Model& model, const AnalysisReport& report)
{
    const OpGraph& graph = model.graph();
    json inputs = json::array();
    for (const auto& spec : model.inputs()) {
        if (!spec.is_list) {
            inputs.push_back({ { "shape", spec.shape }, { "dtype", spec.dtype } });
            continue;
        }
        json list = json::array();
        for (const auto& element : spec.elements)
            list.push_back({ { "shape", element.shape }, { "dtype", element.dtype } });
        inputs.push_back({ { "list", list } });
    }

    json group = json::object();
    for (const auto& g : report.groups)
        group[g.layer] = { { "max_groups", g.max_groups }, { "min_groups", g.min_groups } };

    json unsafe = json::array();
    for (const auto& u : report.unsafe)
        unsafe.push_back({ { "layer", u.layer }, { "reshape_op", u.reshape_op }, { "reshape_ops", u.reshape_ops },
            { "path", u.path }, { "reason", u.reason } });

    json timings = json::object();
    for (const auto& t : model.timings())
        timings[t.phase] = t.ms;
    for (const auto& t : report.timings)
        timings[t.phase] = t.ms;

    json modelInfo { { "path", model.path() }, { "type", graph.modules.empty() ? "" : graph.modules.front().type },
        { "params", graph.totalParamCount() }, { "shape_mode", model.shapeMode() } };
    if (!model.metaFallbackReason().empty())
        modelInfo["meta_fallback_reason"] = model.metaFallbackReason();
    if (!model.fallbackOps().empty()) {
        json ops = json::array();
        for (const auto& op : model.fallbackOps())
            ops.push_back({ { "op", op.op }, { "calls", op.calls } });
        modelInfo["fallback_ops"] = ops;
    }
    if (!model.warnings().empty())
        modelInfo["warnings"] = model.warnings();

    return { { "format", kReportFormat }, { "generator", std::string("prunescope ") + kVersion },
        { "model", modelInfo }, { "inputs", inputs },
        { "channel_dependency",
            { { "prune_type", pruneTypeName(report.channel.prune_type) },
                { "sets", layerSetsJson(report.channel.sets) },
                { "tied_by", layerSetsJson(report.channel.tied_by) } } },
        { "input_channel_dependency", { { "sets", layerSetsJson(report.input_channel) } } },
        { "group_dependency", group }, { "not_safe_to_prune", unsafe }, { "flops", flopsJson(report.flops) },
        { "modules", modulesJson(graph) }, { "graph", graphJson(graph) }, { "timings", timings } };
}

} // namespace prunescope
