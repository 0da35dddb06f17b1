// SPDX-License-Identifier: MIT
#include "analyses.h"
#include "graph_search.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace prunescope {

namespace {

bool isConv(const OpNode& node) { return node.op_type == "Conv2d" || node.op_type == "ConvTranspose2d"; }

// A depthwise conv (one filter per group) adds no constraint of its own.
int64_t groupsOf(const OpNode& node)
{
    if (node.op_type == "GroupNorm")
        return node.attr("num_groups", 1);
    const int64_t groups = node.attr("groups", 1);
    return groups == node.attr("out_channels", -1) ? 1 : groups;
}

} // namespace

namespace detail {

std::vector<GroupDependency> groupDependency(const GraphIndex& index)
{
    const OpGraph& graph = index.graph();
    GraphWalker walker(index);
    std::vector<std::string> order; // NNI's dict insertion order
    std::map<std::string, std::vector<int64_t>> groups;
    auto append = [&](const std::string& name, int64_t group) {
        auto [it, added] = groups.emplace(name, std::vector<int64_t> {});
        if (added)
            order.push_back(name);
        it->second.push_back(group);
    };
    for (int id : index.nniOrder()) {
        const OpNode& node = graph.nodes[static_cast<size_t>(id)];
        if (!isConv(node) && node.op_type != "GroupNorm")
            continue;
        const int64_t group = groupsOf(node);
        append(node.name, group);
        if (group <= 1)
            continue;
        // The parent convs' filters feed this conv's input groups.
        for (int p : walker.search(index.predecessors(id), Direction::Up, isConv, isConv))
            append(graph.nodes[static_cast<size_t>(p)].name, group);
    }
    std::vector<GroupDependency> result;
    for (const auto& name : order) {
        const auto& list = groups[name];
        GroupDependency dep;
        dep.layer = name;
        dep.max_groups = std::accumulate(
            list.begin(), list.end(), int64_t(1), [](int64_t a, int64_t b) { return std::lcm(a, b); });
        const int64_t gcd = std::accumulate(
            list.begin(), list.end(), list.front(), [](int64_t a, int64_t b) { return std::gcd(a, b); });
        const int64_t smallest = *std::min_element(list.begin(), list.end());
        dep.min_groups = smallest == gcd ? smallest : 1;
        result.push_back(dep);
    }
    return result;
}

} // namespace detail

std::vector<GroupDependency> groupDependency(const OpGraph& graph)
{
    return detail::groupDependency(GraphIndex(graph));
}

} // namespace prunescope
