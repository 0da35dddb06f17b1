#include "graph_search.h"
#include "prunescope/dependency.h"

namespace prunescope {

LayerSets inputChannelDependency(const OpGraph& graph)
{
    auto isTarget = [](const OpNode& node) { return kFilterLayerTypes.count(node.op_type) != 0; };
    auto stop = [&](const OpNode& node) {
        return isTarget(node) || (kReshapeOps.count(node.op_type) && breaksChannelDependency(node));
    };
    LayerSetBuilder builder;
    // NNI's _get_following_convs, from every value some node reads.
    for (const auto& value : graph.values) {
        if (value.consumers.empty())
            continue;
        std::vector<std::string> layers;
        for (int id : searchGraph(graph, value.consumers, Direction::Down, isTarget, stop))
            layers.push_back(graph.nodes[static_cast<size_t>(id)].name);
        builder.join(layers);
    }
    return builder.sets(graph, kFilterLayerTypes);
}

} // namespace prunescope
