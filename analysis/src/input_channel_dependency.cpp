// SPDX-License-Identifier: MIT
#include "analyses.h"
#include "graph_search.h"

namespace prunescope {

namespace detail {

LayerSets inputChannelDependency(const GraphIndex& index)
{
    const auto n = static_cast<size_t>(index.size());
    std::vector<char> isTarget(n), stops(n);
    for (size_t i = 0; i < n; ++i) {
        const OpNode& node = index.graph().nodes[i];
        isTarget[i] = kFilterLayerTypes.count(node.op_type) != 0;
        stops[i] = isTarget[i] || (kReshapeOps.count(node.op_type) && breaksChannelDependency(node));
    }
    const std::vector<char> layerType = isTarget;
    NearestLayers following(index, Direction::Down, std::move(isTarget), std::move(stops));
    LayerUnion layers(index.nameCount());
    // NNI's _get_following_convs, from every value some node reads.
    for (const auto& value : index.graph().values)
        if (!value.consumers.empty() && following.count(value.consumers) > 1)
            following.join(value.consumers, layers);
    return listSets(index, layerType, layers);
}

} // namespace detail

LayerSets inputChannelDependency(const OpGraph& graph) { return detail::inputChannelDependency(GraphIndex(graph)); }

} // namespace prunescope
