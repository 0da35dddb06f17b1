// SPDX-License-Identifier: MIT
#include "analyses.h"
#include "graph_search.h"

#include <algorithm>
#include <map>

namespace prunescope {

namespace {

std::string shapeText(const Shape& shape)
{
    std::string text = "(";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + ")";
}

std::string reasonFor(const OpGraph& graph, const OpNode& layer, const OpNode& reshape, size_t hops)
{
    std::string text = "the output of " + layer.name + " reaches " + reshape.op_type + " '" + reshape.unique_name + "'";
    if (hops > 1)
        text += " through " + std::to_string(hops - 1) + " op(s)";
    if (!reshape.ops.empty() && !reshape.ops.front().inputs.empty() && reshape.ops.front().inputs[0].known
        && !reshape.ops.front().outputs.empty() && reshape.ops.front().outputs[0].known)
        text += ", which turns " + shapeText(reshape.ops.front().inputs[0].shape) + " into "
            + shapeText(reshape.ops.front().outputs[0].shape);
    (void)graph;
    return text + "; its target shape is fixed in the model's code, so removing channels may make it fail";
}

} // namespace

namespace detail {

std::vector<UnsafeLayer> notSafeToPrune(const GraphIndex& index)
{
    const OpGraph& graph = index.graph();
    GraphWalker walker(index);
    auto isLayer = [](const OpNode& node) { return kFilterLayerTypes.count(node.op_type) != 0; };
    std::map<std::string, UnsafeLayer> byLayer;
    std::vector<std::string> order;
    for (int id : index.nniOrder()) {
        const OpNode& reshape = graph.nodes[static_cast<size_t>(id)];
        if (reshape.op_type != "aten::view" && reshape.op_type != "aten::reshape")
            continue;
        for (int p : walker.search(std::vector<int> { id }, Direction::Up, isLayer, isLayer)) {
            const OpNode& layer = graph.nodes[static_cast<size_t>(p)];
            std::vector<std::string> path;
            for (int n = p; n >= 0; n = walker.parentOf(n))
                path.push_back(graph.nodes[static_cast<size_t>(n)].unique_name);
            auto [it, added] = byLayer.emplace(layer.name, UnsafeLayer {});
            UnsafeLayer& entry = it->second;
            if (added) {
                order.push_back(layer.name);
                entry.layer = layer.name;
                entry.reshape_op = reshape.unique_name;
                entry.path = path;
                entry.reason = reasonFor(graph, layer, reshape, path.size() - 1);
            }
            if (std::find(entry.reshape_ops.begin(), entry.reshape_ops.end(), reshape.unique_name)
                == entry.reshape_ops.end())
                entry.reshape_ops.push_back(reshape.unique_name);
        }
    }
    // Listed in graph order of the layers.
    std::map<std::string, int> position;
    for (const auto& node : graph.nodes)
        position.emplace(node.name, node.id);
    std::sort(order.begin(), order.end(),
        [&](const std::string& a, const std::string& b) { return position[a] < position[b]; });
    std::vector<UnsafeLayer> result;
    result.reserve(order.size());
    for (const auto& name : order)
        result.push_back(byLayer[name]);
    return result;
}

} // namespace detail

std::vector<UnsafeLayer> notSafeToPrune(const OpGraph& graph) { return detail::notSafeToPrune(GraphIndex(graph)); }

} // namespace prunescope
