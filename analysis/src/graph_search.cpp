#include "graph_search.h"

#include <deque>
#include <map>

namespace prunescope {

const std::set<std::string> kElementwiseOps { "aten::add", "aten::add_", "aten::sub", "aten::sub_", "aten::subtract",
    "aten::subtract_", "aten::mul", "aten::mul_", "aten::div", "aten::div_", "aten::multiply", "aten::multiply_",
    "aten::divide", "aten::divide_", "aten::addcmul", "aten::addcmul_", "aten::addcdiv", "aten::addcdiv_",
    "aten::logical_xor", "aten::logical_xor_", "aten::logical_and", "aten::logical_and_", "aten::logical_or",
    "aten::logical_or_" };

const std::set<std::string> kReshapeOps { "aten::cat", "aten::view", "aten::reshape", "aten::flatten", "aten::mean",
    "aten::expand_as", "aten::pixel_shuffle" };

const std::set<std::string> kFilterLayerTypes { "Conv2d", "Linear", "ConvTranspose2d" };

bool breaksChannelDependency(const OpNode& node)
{
    // v2.9 reads a cat's input shapes as a list of shapes and compares its second entry
    // (a whole shape) with the output's channel count (a number): they never compare
    // equal, so a cat always stops the walk, whatever its dim.
    if (node.op_type == "aten::cat")
        return true;
    if (node.ops.empty())
        return true;
    const OpCall& op = node.ops.front();
    if (op.inputs.empty() || op.outputs.empty() || !op.inputs[0].known || !op.outputs[0].known)
        return true;
    const Shape& in = op.inputs[0].shape;
    const Shape& out = op.outputs[0].shape;
    if (in.size() <= 1 || out.size() <= 1)
        return true;
    return in[1] != out[1];
}

std::vector<int> searchGraph(const OpGraph& graph, const std::vector<int>& starts, Direction direction,
    const std::function<bool(const OpNode&)>& collect, const std::function<bool(const OpNode&)>& stopAt,
    std::vector<int>* parentOf)
{
    std::vector<char> seen(graph.nodes.size(), 0);
    if (parentOf)
        parentOf->assign(graph.nodes.size(), -1);
    std::deque<int> queue;
    for (int start : starts) {
        if (!seen[static_cast<size_t>(start)]) {
            seen[static_cast<size_t>(start)] = 1;
            queue.push_back(start);
        }
    }
    std::vector<int> found;
    while (!queue.empty()) {
        const int current = queue.front();
        queue.pop_front();
        const OpNode& node = graph.nodes[static_cast<size_t>(current)];
        if (collect(node))
            found.push_back(current);
        if (stopAt(node))
            continue;
        const auto next = direction == Direction::Up ? graph.predecessors(current) : graph.successors(current);
        for (int n : next) {
            if (seen[static_cast<size_t>(n)])
                continue;
            seen[static_cast<size_t>(n)] = 1;
            if (parentOf)
                (*parentOf)[static_cast<size_t>(n)] = current;
            queue.push_back(n);
        }
    }
    return found;
}

std::string LayerSetBuilder::root(const std::string& name) const
{
    auto found = m_parent.find(name);
    if (found == m_parent.end())
        return name;
    if (found->second == name)
        return name;
    const std::string top = root(found->second);
    m_parent[name] = top;
    return top;
}

void LayerSetBuilder::join(const std::vector<std::string>& names)
{
    for (const auto& name : names)
        m_parent.emplace(name, name);
    for (size_t i = 1; i < names.size(); ++i) {
        const std::string a = root(names[0]), b = root(names[i]);
        if (a != b)
            m_parent[b] = a;
    }
}

std::vector<std::vector<std::string>> LayerSetBuilder::sets(
    const OpGraph& graph, const std::set<std::string>& layerTypes) const
{
    std::vector<std::vector<std::string>> result;
    std::map<std::string, size_t> setOfRoot;
    std::set<std::string> listed;
    for (int id : graph.nniOrder()) {
        const OpNode& node = graph.nodes[static_cast<size_t>(id)];
        if (!layerTypes.count(node.op_type) || !listed.insert(node.name).second)
            continue;
        const std::string r = root(node.name);
        auto [it, added] = setOfRoot.emplace(r, result.size());
        if (added)
            result.emplace_back();
        result[it->second].push_back(node.name);
    }
    return result;
}

} // namespace prunescope
