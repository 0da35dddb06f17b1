// SPDX-License-Identifier: MIT
#include "prunescope/graph_analyses.h"

#include "analyses.h"

#include <optional>

namespace prunescope {

struct GraphAnalyses::Impl {
    explicit Impl(const OpGraph& graph)
        : index(graph)
    {
    }
    GraphIndex index;
    std::optional<ChannelDependencyResult> channel[2]; // by PruneType
    std::optional<LayerSets> inputChannel;
    std::optional<std::vector<GroupDependency>> groups;
    std::optional<std::vector<UnsafeLayer>> unsafe;
};

GraphAnalyses::GraphAnalyses(const OpGraph& graph)
    : d(std::make_unique<Impl>(graph))
{
}

GraphAnalyses::~GraphAnalyses() = default;

const OpGraph& GraphAnalyses::graph() const { return d->index.graph(); }
const GraphIndex& GraphAnalyses::index() const { return d->index; }
const ModuleInfo* GraphAnalyses::module(const std::string& path) const { return d->index.module(path); }

const ChannelDependencyResult& GraphAnalyses::channel(PruneType type)
{
    auto& cached = d->channel[type == PruneType::Filter ? 0 : 1];
    if (!cached)
        cached = detail::channelDependency(d->index, type);
    return *cached;
}

const LayerSets& GraphAnalyses::inputChannel()
{
    if (!d->inputChannel)
        d->inputChannel = detail::inputChannelDependency(d->index);
    return *d->inputChannel;
}

const std::vector<GroupDependency>& GraphAnalyses::groups()
{
    if (!d->groups)
        d->groups = detail::groupDependency(d->index);
    return *d->groups;
}

const std::vector<UnsafeLayer>& GraphAnalyses::unsafe()
{
    if (!d->unsafe)
        d->unsafe = detail::notSafeToPrune(d->index);
    return *d->unsafe;
}

} // namespace prunescope
