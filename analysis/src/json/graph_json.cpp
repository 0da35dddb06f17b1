// SPDX-License-Identifier: MIT
// The JSON form of the OpGraph and its parts (the report's "graph" and "modules").
#include "prunescope/error.h"
#include "prunescope/json_types.h"

#include <nlohmann/json.hpp>

namespace prunescope {

using nlohmann::json;

namespace {

constexpr std::pair<OpArgument::Kind, const char*> kArgumentKinds[] = { { OpArgument::Kind::Tensor, "Tensor" },
    { OpArgument::Kind::Int, "int" }, { OpArgument::Kind::IntList, "int[]" }, { OpArgument::Kind::Float, "float" },
    { OpArgument::Kind::Bool, "bool" }, { OpArgument::Kind::None, "None" }, { OpArgument::Kind::String, "str" },
    { OpArgument::Kind::TensorList, "Tensor[]" }, { OpArgument::Kind::Other, "other" } };

const char* argumentKindName(OpArgument::Kind kind)
{
    for (const auto& [k, name] : kArgumentKinds)
        if (k == kind)
            return name;
    return "other";
}

OpArgument::Kind parseArgumentKind(const std::string& text)
{
    for (const auto& [kind, name] : kArgumentKinds)
        if (text == name)
            return kind;
    return OpArgument::Kind::Other;
}

// Whether an argument of this kind is known when the JSON carries no value for it:
// constant Nones are, other unknown-typed arguments are not. Only the exceptions are
// written ("known"), so that the common arguments stay as short as they were.
bool knownByDefault(OpArgument::Kind kind) { return kind == OpArgument::Kind::None; }

bool carriesValue(OpArgument::Kind kind) { return kind != OpArgument::Kind::None && kind != OpArgument::Kind::Other; }

} // namespace

const char* nodeKindName(NodeKind kind) { return kind == NodeKind::Module ? "module" : "function"; }

void to_json(json& j, const InputSpec& spec)
{
    if (spec.is_list)
        j = { { "list", spec.elements } };
    else
        j = { { "shape", spec.shape }, { "dtype", spec.dtype } };
}

void from_json(const json& j, InputSpec& spec)
{
    spec = {};
    if (const auto list = j.find("list"); list != j.end()) {
        spec.is_list = true;
        list->get_to(spec.elements);
        return;
    }
    j.at("shape").get_to(spec.shape);
    spec.dtype = j.value("dtype", std::string("float32"));
}

void to_json(json& j, const PhaseTiming& timing) { j = { { "phase", timing.phase }, { "ms", timing.ms } }; }

void from_json(const json& j, PhaseTiming& timing)
{
    j.at("phase").get_to(timing.phase);
    j.at("ms").get_to(timing.ms);
}

void to_json(json& j, const OpArgument& arg)
{
    j = { { "kind", argumentKindName(arg.kind) } };
    if (!arg.name.empty())
        j["name"] = arg.name;
    if (arg.value >= 0)
        j["value_id"] = arg.value;
    if (!carriesValue(arg.kind)) {
        if (arg.known != knownByDefault(arg.kind))
            j["known"] = arg.known;
        if (arg.known && !arg.shape.empty())
            j["shape"] = arg.shape;
        if (arg.known && !arg.ints.empty())
            j["ints"] = arg.ints;
        return;
    }
    if (!arg.known)
        return;
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
}

void from_json(const json& j, OpArgument& arg)
{
    arg = {};
    arg.kind = parseArgumentKind(j.at("kind").get<std::string>());
    arg.name = j.value("name", std::string());
    arg.value = j.value("value_id", -1);
    if (!carriesValue(arg.kind)) {
        arg.known = j.value("known", knownByDefault(arg.kind));
        if (const auto shape = j.find("shape"); shape != j.end())
            shape->get_to(arg.shape);
        if (const auto ints = j.find("ints"); ints != j.end())
            ints->get_to(arg.ints);
        return;
    }
    const char* key = arg.kind == OpArgument::Kind::Tensor ? "shape"
        : arg.kind == OpArgument::Kind::TensorList         ? "shapes"
                                                           : "value";
    const auto found = j.find(key);
    arg.known = found != j.end();
    if (!arg.known)
        return;
    if (arg.kind == OpArgument::Kind::Tensor)
        found->get_to(arg.shape);
    else if (arg.kind == OpArgument::Kind::Float)
        found->get_to(arg.number);
    else if (arg.kind == OpArgument::Kind::IntList)
        found->get_to(arg.ints);
    else if (arg.kind == OpArgument::Kind::String)
        found->get_to(arg.text);
    else if (arg.kind == OpArgument::Kind::TensorList)
        found->get_to(arg.shapes);
    else
        arg.ints = { found->get<int64_t>() };
}

void to_json(json& j, const OpCall& op)
{
    j = { { "kind", op.kind }, { "inputs", op.inputs }, { "outputs", op.outputs }, { "executions", op.executions } };
}

void from_json(const json& j, OpCall& op)
{
    j.at("kind").get_to(op.kind);
    j.at("inputs").get_to(op.inputs);
    j.at("outputs").get_to(op.outputs);
    op.executions = j.value("executions", 1);
}

void to_json(json& j, const OpNode& node)
{
    j = { { "id", node.id }, { "name", node.name }, { "unique_name", node.unique_name },
        { "kind", nodeKindName(node.kind) }, { "type", node.op_type }, { "scope", node.scope },
        { "call", node.call_index }, { "executions", node.executions }, { "inputs", node.inputs },
        { "outputs", node.outputs }, { "attrs", node.attrs }, { "ops", node.ops } };
    if (!node.weight_shape.empty())
        j["weight_shape"] = node.weight_shape;
}

void from_json(const json& j, OpNode& node)
{
    j.at("id").get_to(node.id);
    j.at("name").get_to(node.name);
    j.at("unique_name").get_to(node.unique_name);
    node.kind = j.at("kind").get<std::string>() == "module" ? NodeKind::Module : NodeKind::Function;
    j.at("type").get_to(node.op_type);
    j.at("scope").get_to(node.scope);
    node.call_index = j.value("call", 0);
    node.executions = j.value("executions", 1);
    j.at("inputs").get_to(node.inputs);
    j.at("outputs").get_to(node.outputs);
    j.at("attrs").get_to(node.attrs);
    node.ops = j.value("ops", std::vector<OpCall> {}); // left out of a "view" report
    node.weight_shape = j.value("weight_shape", Shape {});
}

void to_json(json& j, const GraphValue& value)
{
    j = { { "id", value.id }, { "name", value.debug_name }, { "type", value.type },
        { "producer", value.producer < 0 ? json(nullptr) : json(value.producer) }, { "consumers", value.consumers } };
    if (value.has_shape) {
        j["shape"] = value.shape;
        j["dtype"] = value.dtype;
    }
    if (value.has_ints)
        j["ints"] = value.ints;
    if (value.model_input >= 0)
        j["model_input"] = value.model_input;
    if (value.model_output)
        j["model_output"] = true;
}

void from_json(const json& j, GraphValue& value)
{
    j.at("id").get_to(value.id);
    j.at("name").get_to(value.debug_name);
    j.at("type").get_to(value.type);
    const json& producer = j.at("producer");
    value.producer = producer.is_null() ? -1 : producer.get<int>();
    j.at("consumers").get_to(value.consumers);
    const auto shape = j.find("shape");
    value.has_shape = shape != j.end();
    value.shape = value.has_shape ? shape->get<Shape>() : Shape {};
    value.dtype = j.value("dtype", std::string());
    const auto ints = j.find("ints");
    value.has_ints = ints != j.end();
    value.ints = value.has_ints ? ints->get<std::vector<int64_t>>() : std::vector<int64_t> {};
    value.model_input = j.value("model_input", -1);
    value.model_output = j.value("model_output", false);
}

void to_json(json& j, const ModuleParam& param)
{
    j = { { "name", param.name }, { "shape", param.shape }, { "dtype", param.dtype }, { "buffer", param.buffer } };
}

void from_json(const json& j, ModuleParam& param)
{
    j.at("name").get_to(param.name);
    j.at("shape").get_to(param.shape);
    j.at("dtype").get_to(param.dtype);
    j.at("buffer").get_to(param.buffer);
}

void to_json(json& j, const ModuleInfo& m)
{
    j = { { "name", m.path }, { "type", m.type }, { "qualified_type", m.qualified_type }, { "parent", m.parent },
        { "leaf", m.leaf }, { "params", m.total_param_count }, { "own_params", m.own_param_count },
        { "children", m.children }, { "calls", m.calls }, { "parameters", m.params } };
}

void from_json(const json& j, ModuleInfo& m)
{
    j.at("name").get_to(m.path);
    j.at("type").get_to(m.type);
    m.qualified_type = j.value("qualified_type", std::string());
    j.at("parent").get_to(m.parent);
    j.at("leaf").get_to(m.leaf);
    j.at("params").get_to(m.total_param_count);
    j.at("own_params").get_to(m.own_param_count);
    j.at("children").get_to(m.children);
    j.at("calls").get_to(m.calls);
    m.params = j.value("parameters", std::vector<ModuleParam> {}); // left out of a "view" report
}

void to_json(json& j, const OpGraph& graph)
{
    json edges = json::array();
    for (const auto& value : graph.values) {
        if (value.producer < 0)
            continue;
        for (int consumer : value.consumers) {
            json e { { "from", value.producer }, { "to", consumer }, { "value", value.id } };
            if (value.has_shape)
                e["shape"] = value.shape;
            edges.push_back(std::move(e));
        }
    }
    j = { { "nodes", graph.nodes }, { "edges", std::move(edges) }, { "values", graph.values },
        { "inputs", graph.inputs }, { "outputs", graph.outputs } };
}

void from_json(const json& j, OpGraph& graph)
{
    j.at("nodes").get_to(graph.nodes);
    j.at("values").get_to(graph.values);
    j.at("inputs").get_to(graph.inputs);
    j.at("outputs").get_to(graph.outputs);
    // Ids index the vectors everywhere: a reply that breaks that is refused here, once,
    // instead of at every lookup.
    for (size_t i = 0; i < graph.nodes.size(); ++i)
        if (graph.nodes[i].id != static_cast<int>(i))
            throw Error(ErrorKind::Internal,
                "graph node " + std::to_string(i) + " has id " + std::to_string(graph.nodes[i].id));
    const auto valueCount = static_cast<int>(graph.values.size());
    const auto nodeCount = static_cast<int>(graph.nodes.size());
    auto checkValues = [&](const std::vector<int>& ids) {
        for (int id : ids)
            if (id < 0 || id >= valueCount)
                throw Error(ErrorKind::Internal, "graph refers to value " + std::to_string(id) + ", which it lacks");
    };
    for (size_t i = 0; i < graph.values.size(); ++i) {
        const GraphValue& v = graph.values[i];
        if (v.id != static_cast<int>(i) || v.producer >= nodeCount)
            throw Error(ErrorKind::Internal, "graph value " + std::to_string(i) + " is inconsistent");
        for (int c : v.consumers)
            if (c < 0 || c >= nodeCount)
                throw Error(ErrorKind::Internal, "graph value " + std::to_string(i) + " has a consumer it lacks");
    }
    for (const auto& node : graph.nodes) {
        checkValues(node.inputs);
        checkValues(node.outputs);
    }
    checkValues(graph.inputs);
    checkValues(graph.outputs);
}

} // namespace prunescope
