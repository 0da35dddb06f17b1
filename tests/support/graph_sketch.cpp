// SPDX-License-Identifier: MIT
#include "graph_sketch.h"

#include <stdexcept>

namespace prunescope::test {

GraphSketch& GraphSketch::module(const std::string& name, const std::string& type, std::vector<std::string> inputs,
    std::map<std::string, std::vector<int64_t>> attrs)
{
    OpNode node;
    node.kind = NodeKind::Module;
    node.name = node.unique_name = node.scope = name;
    node.op_type = type;
    node.attrs = std::move(attrs);
    ModuleInfo info;
    info.path = name;
    info.type = type;
    info.leaf = true;
    m_graph.modules.push_back(info);
    return add(std::move(node), std::move(inputs), {}, {});
}

GraphSketch& GraphSketch::call(const std::string& name, std::vector<std::string> inputs)
{
    int calls = 0;
    const OpNode* first = nullptr;
    for (const auto& n : m_graph.nodes) {
        if (n.isModule() && n.name == name) {
            first = first ? first : &n;
            ++calls;
        }
    }
    if (!first)
        throw std::logic_error("call() of a module never added: " + name);
    OpNode node = *first;
    node.call_index = calls;
    node.unique_name = name + "." + std::to_string(calls);
    return add(std::move(node), std::move(inputs), {}, {});
}

GraphSketch& GraphSketch::op(const std::string& name, const std::string& kind, std::vector<std::string> inputs,
    Shape in, Shape out, std::map<std::string, std::vector<int64_t>> attrs)
{
    OpNode node;
    node.kind = NodeKind::Function;
    node.name = node.unique_name = name;
    node.op_type = kind;
    node.attrs = std::move(attrs);
    return add(std::move(node), std::move(inputs), std::move(in), std::move(out));
}

// The public builders move their vectors in; by value keeps those calls moves.
// NOLINTNEXTLINE(performance-unnecessary-value-param)
GraphSketch& GraphSketch::add(OpNode node, std::vector<std::string> inputs, Shape in, Shape out)
{
    node.id = static_cast<int>(m_graph.nodes.size());
    OpCall op;
    op.kind = node.op_type;
    for (const auto& input : inputs) {
        auto found = m_valueOf.find(input);
        int valueId;
        if (found != m_valueOf.end()) {
            valueId = found->second;
        } else if (input.rfind("input", 0) == 0) {
            GraphValue v;
            v.id = valueId = static_cast<int>(m_graph.values.size());
            v.debug_name = input;
            v.model_input = static_cast<int>(m_graph.inputs.size());
            m_graph.inputs.push_back(valueId);
            m_graph.values.push_back(v);
            m_valueOf[input] = valueId;
        } else {
            throw std::logic_error("unknown input " + input + " of " + node.unique_name);
        }
        node.inputs.push_back(valueId);
        m_graph.values[static_cast<size_t>(valueId)].consumers.push_back(node.id);
        OpArgument arg;
        arg.kind = OpArgument::Kind::Tensor;
        arg.value = valueId;
        if (op.inputs.empty() && !in.empty()) {
            arg.known = true;
            arg.shape = in;
        }
        op.inputs.push_back(arg);
    }
    GraphValue v;
    v.id = static_cast<int>(m_graph.values.size());
    v.debug_name = node.unique_name;
    v.producer = node.id;
    v.has_shape = !out.empty();
    v.shape = out;
    node.outputs.push_back(v.id);
    m_valueOf[node.unique_name] = v.id;
    m_graph.values.push_back(v);
    OpArgument result;
    result.kind = OpArgument::Kind::Tensor;
    result.known = !out.empty();
    result.shape = out;
    op.outputs.push_back(result);
    node.ops.push_back(op);
    m_graph.nodes.push_back(std::move(node));
    return *this;
}

OpGraph GraphSketch::build() const { return m_graph; }

} // namespace prunescope::test
