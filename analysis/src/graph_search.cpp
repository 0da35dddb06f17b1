// SPDX-License-Identifier: MIT
#include "graph_search.h"

#include <algorithm>
#include <unordered_map>

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

NearestLayers::NearestLayers(
    const GraphIndex& index, Direction direction, std::vector<char> isLayer, std::vector<char> stops)
    : m_index(index)
    , m_direction(direction)
    , m_isLayer(std::move(isLayer))
    , m_stops(std::move(stops))
    , m_walker(index)
{
    if (!index.topological())
        return;
    const int n = index.size();
    m_reach.assign(static_cast<size_t>(n), None);
    m_one.assign(static_cast<size_t>(n), -1);
    m_joined.assign(static_cast<size_t>(n), -1);
    m_mark.assign(static_cast<size_t>(n), 0);
    // Neighbours in the walk's direction come earlier in this order.
    for (int k = 0; k < n; ++k) {
        const int v = direction == Direction::Up ? k : n - 1 - k;
        const auto i = static_cast<size_t>(v);
        if (m_isLayer[i]) {
            m_reach[i] = One;
            m_one[i] = v;
            continue;
        }
        if (m_stops[i])
            continue;
        for (int w : index.next(v, direction)) {
            const auto j = static_cast<size_t>(w);
            if (m_reach[j] == None)
                continue;
            if (m_reach[j] == Several || (m_reach[i] == One && m_one[i] != m_one[j])) {
                m_reach[i] = Several;
                break;
            }
            m_reach[i] = One;
            m_one[i] = m_one[j];
        }
    }
}

void NearestLayers::walk(const std::vector<int>& starts)
{
    m_found = m_walker.search(
        starts, m_direction, [&](const OpNode& node) { return m_isLayer[static_cast<size_t>(node.id)] != 0; },
        [&](const OpNode& node) {
            const auto i = static_cast<size_t>(node.id);
            return m_isLayer[i] || m_stops[i];
        });
}

int NearestLayers::count(const std::vector<int>& starts)
{
    if (!m_index.topological()) {
        walk(starts);
        return static_cast<int>(std::min<size_t>(m_found.size(), 2));
    }
    int one = -1;
    for (int s : starts) {
        const auto i = static_cast<size_t>(s);
        if (m_reach[i] == Several || (m_reach[i] == One && one >= 0 && one != m_one[i]))
            return 2;
        if (m_reach[i] == One)
            one = m_one[i];
    }
    return one >= 0 ? 1 : 0;
}

void NearestLayers::take(int layerNode, int& representative, LayerUnion& layers) const
{
    if (representative < 0)
        representative = layerNode;
    else
        layers.unite(m_index.nameId(representative), m_index.nameId(layerNode));
}

int NearestLayers::join(const std::vector<int>& starts, LayerUnion& layers)
{
    int representative = -1;
    if (!m_index.topological()) {
        walk(starts);
        for (int node : m_found)
            take(node, representative, layers);
        return representative;
    }
    ++m_stamp;
    m_expanded.clear();
    // Reaching a node means reaching what it reaches: its layer, the layers an earlier
    // join already united for it, or (walked once, here) its neighbours'.
    auto reachNode = [&](int v) {
        const auto i = static_cast<size_t>(v);
        if (m_reach[i] == One)
            take(m_one[i], representative, layers);
        else if (m_reach[i] == Several && m_joined[i] >= 0)
            take(m_joined[i], representative, layers);
        else if (m_reach[i] == Several && m_mark[i] != m_stamp) {
            m_mark[i] = m_stamp;
            m_stack.push_back(v);
        }
    };
    for (int s : starts)
        reachNode(s);
    while (!m_stack.empty()) {
        const int v = m_stack.back();
        m_stack.pop_back();
        m_expanded.push_back(v);
        for (int w : m_index.next(v, m_direction))
            reachNode(w);
    }
    for (int v : m_expanded)
        m_joined[static_cast<size_t>(v)] = representative;
    return representative;
}

std::vector<std::vector<std::string>> listSets(
    const GraphIndex& index, const std::vector<char>& layerType, LayerUnion& layers, std::vector<int>* roots)
{
    std::vector<std::vector<std::string>> result;
    std::unordered_map<int, size_t> setOfRoot;
    std::vector<char> listed(static_cast<size_t>(index.nameCount()), 0);
    for (int id : index.nniOrder()) {
        const int name = index.nameId(id);
        if (!layerType[static_cast<size_t>(id)] || listed[static_cast<size_t>(name)])
            continue;
        listed[static_cast<size_t>(name)] = 1;
        const int root = layers.find(name);
        auto [it, added] = setOfRoot.emplace(root, result.size());
        if (added) {
            result.emplace_back();
            if (roots)
                roots->push_back(root);
        }
        result[it->second].push_back(index.node(id).name);
    }
    return result;
}

} // namespace prunescope
