#include "graph_search.h"
#include "prunescope/dependency.h"
#include "prunescope/error.h"

#include <algorithm>
#include <map>

namespace prunescope {

namespace {

std::set<std::string> layerTypes(PruneType type)
{
    return type == PruneType::Filter ? kFilterLayerTypes : std::set<std::string> { "BatchNorm2d" };
}

} // namespace

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

ChannelDependencyResult channelDependency(const OpGraph& graph, PruneType type)
{
    const auto targets = layerTypes(type);
    auto isTarget = [&](const OpNode& node) { return targets.count(node.op_type) != 0; };
    // NNI's _get_parent_layers: up to the nearest prunable layers, not past a
    // reshape-like op that changes the channel count.
    auto stop = [&](const OpNode& node) {
        return isTarget(node) || (kReshapeOps.count(node.op_type) && breaksChannelDependency(node));
    };
    LayerSetBuilder builder;
    std::vector<std::pair<std::string, std::string>> ties; // (tying op, one member)
    for (int id : graph.nniOrder()) {
        const OpNode& node = graph.nodes[static_cast<size_t>(id)];
        const bool elementwise = kElementwiseOps.count(node.op_type) != 0;
        // v2.9 looks for parents of a cat only when it is not on dim 1; the search then
        // stops at the cat itself (see breaksChannelDependency), so it finds none.
        const bool catOffChannels = node.op_type == "aten::cat" && node.attr("dim", 1) != 1;
        if (!elementwise && !catOffChannels)
            continue;
        std::vector<std::string> parents;
        for (int p : searchGraph(graph, { id }, Direction::Up, isTarget, stop))
            parents.push_back(graph.nodes[static_cast<size_t>(p)].name);
        if (parents.empty())
            continue;
        builder.join(parents);
        if (parents.size() > 1)
            ties.emplace_back(node.unique_name, parents.front());
    }
    ChannelDependencyResult result;
    result.prune_type = type;
    result.sets = builder.sets(graph, targets);
    std::map<std::string, size_t> setOfRoot;
    for (size_t i = 0; i < result.sets.size(); ++i)
        setOfRoot[builder.root(result.sets[i].front())] = i;
    result.tied_by.resize(result.sets.size());
    for (const auto& [op, member] : ties) {
        auto& list = result.tied_by[setOfRoot.at(builder.root(member))];
        if (std::find(list.begin(), list.end(), op) == list.end())
            list.push_back(op);
    }
    return result;
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
