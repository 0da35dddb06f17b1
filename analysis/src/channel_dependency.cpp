// SPDX-License-Identifier: MIT
#include "analyses.h"
#include "graph_search.h"
#include "prunescope/error.h"

#include <algorithm>
#include <unordered_map>

namespace prunescope {

const char* pruneTypeName(PruneType type) { return type == PruneType::Filter ? "Filter" : "Batchnorm"; }

PruneType parsePruneType(const std::string& text)
{
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "filter")
        return PruneType::Filter;
    if (lower == "batchnorm")
        return PruneType::Batchnorm;
    throw Error(ErrorKind::Usage, "unknown prune type \"" + text + "\": use filter or batchnorm");
}

namespace detail {

ChannelDependencyResult channelDependency(const GraphIndex& index, PruneType type)
{
    const std::set<std::string> targets
        = type == PruneType::Filter ? kFilterLayerTypes : std::set<std::string> { "BatchNorm2d" };
    const auto n = static_cast<size_t>(index.size());
    std::vector<char> isTarget(n), stops(n);
    for (size_t i = 0; i < n; ++i) {
        const OpNode& node = index.graph().nodes[i];
        isTarget[i] = targets.count(node.op_type) != 0;
        // NNI's _get_parent_layers: up to the nearest prunable layers, not past a
        // reshape-like op that changes the channel count.
        stops[i] = isTarget[i] || (kReshapeOps.count(node.op_type) && breaksChannelDependency(node));
    }
    const std::vector<char> layerType = isTarget;
    NearestLayers parents(index, Direction::Up, std::move(isTarget), std::move(stops));
    LayerUnion layers(index.nameCount());
    std::vector<std::pair<std::string, int>> ties; // (tying op, one member node)
    for (int id : index.nniOrder()) {
        const OpNode& node = index.node(id);
        const bool elementwise = kElementwiseOps.count(node.op_type) != 0;
        // v2.9 looks for parents of a cat only when it is not on dim 1; the search then
        // stops at the cat itself (see breaksChannelDependency), so it finds none.
        if (!elementwise)
            continue;
        const bool tie = parents.count({ id }) > 1;
        const int member = parents.join({ id }, layers);
        if (tie)
            ties.emplace_back(node.unique_name, member);
    }
    ChannelDependencyResult result;
    result.prune_type = type;
    std::vector<int> roots;
    result.sets = listSets(index, layerType, layers, &roots);
    std::unordered_map<int, size_t> setOfRoot;
    for (size_t i = 0; i < roots.size(); ++i)
        setOfRoot[roots[i]] = i;
    result.tied_by.resize(result.sets.size());
    for (const auto& [op, member] : ties) {
        auto& list = result.tied_by[setOfRoot.at(layers.find(index.nameId(member)))];
        if (std::find(list.begin(), list.end(), op) == list.end())
            list.push_back(op);
    }
    return result;
}

} // namespace detail

ChannelDependencyResult channelDependency(const OpGraph& graph, PruneType type)
{
    return detail::channelDependency(GraphIndex(graph), type);
}

std::string dependencyCsv(const ChannelDependencyResult& result)
{
    auto field = [](const std::string& text) {
        if (text.find_first_of(",\"\n") == std::string::npos)
            return text;
        std::string quoted = "\"";
        for (char c : text)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        return quoted + "\"";
    };
    std::string csv = "Dependency Set,Convolutional Layers\n";
    for (size_t i = 0; i < result.sets.size(); ++i) {
        csv += "Set " + std::to_string(i + 1);
        for (const auto& layer : result.sets[i])
            csv += "," + field(layer);
        csv += "\n";
    }
    return csv;
}

} // namespace prunescope
