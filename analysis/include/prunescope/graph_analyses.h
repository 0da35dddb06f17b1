// SPDX-License-Identifier: MIT
#pragma once
// The analyses of one graph, each computed when first asked for and kept: the engine
// worker holds one per open model, so that a fix, a prune-type switch or a new mask file
// reuses every result that did not change. Not thread-safe; the graph must outlive it.
#include "prunescope/dependency.h"

#include <memory>

namespace prunescope {

class GraphIndex;

class GraphAnalyses {
public:
    explicit GraphAnalyses(const OpGraph& graph);
    ~GraphAnalyses();
    GraphAnalyses(const GraphAnalyses&) = delete;
    GraphAnalyses& operator=(const GraphAnalyses&) = delete;

    const OpGraph& graph() const;
    const ChannelDependencyResult& channel(PruneType type);
    const LayerSets& inputChannel();
    const std::vector<GroupDependency>& groups();
    const std::vector<UnsafeLayer>& unsafe();
    const ModuleInfo* module(const std::string& path) const; // by path, without a scan
    const GraphIndex& index() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace prunescope
