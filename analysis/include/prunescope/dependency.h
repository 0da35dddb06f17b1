// SPDX-License-Identifier: MIT
#pragma once
// NNI v2.9's topology analyses (nni/compression/pytorch/utils/shape_dependency.py),
// reimplemented on the OpGraph with the same rules and the same answers. Members of a
// set are listed in graph order (NNI lists them in Python set order, which varies).
#include "prunescope/op_graph.h"

#include <string>
#include <vector>

namespace prunescope {

enum class PruneType {
    Filter, // Conv2d, Linear, ConvTranspose2d: pruning filters (output channels)
    Batchnorm, // BatchNorm2d: pruning channels through the BN scaling factors
};

const char* pruneTypeName(PruneType type); // "Filter", "Batchnorm"
PruneType parsePruneType(const std::string& text); // "filter"/"Filter"/... ; throws Error(Usage)

using LayerSets = std::vector<std::vector<std::string>>;

struct ChannelDependencyResult {
    PruneType prune_type = PruneType::Filter;
    // Every prunable layer in exactly one set, singletons included, in NNI's order
    // (dependency_sets / export()).
    LayerSets sets;
    // For each set, the unique names of the ops that tie its members (add, mul, ...).
    std::vector<std::vector<std::string>> tied_by;
};

struct GroupDependency {
    std::string layer;
    int64_t max_groups = 1; // NNI's dependency[layer]: filters must stay divisible by this
    int64_t min_groups = 1; // NNI's min_groups[layer]
};

struct UnsafeLayer {
    std::string layer; // module path of the conv/linear layer
    std::string reshape_op; // unique name of the first view/reshape its output reaches
    std::vector<std::string> reshape_ops; // all of them
    std::vector<std::string> path; // node unique names from the layer to reshape_op
    std::string reason;
};

ChannelDependencyResult channelDependency(const OpGraph& graph, PruneType type = PruneType::Filter);
// Layers that read the same tensor (through channel-preserving ops) must prune the same
// input channels. Sets cover Conv2d/Linear/ConvTranspose2d, as NNI's class does.
LayerSets inputChannelDependency(const OpGraph& graph);
// In NNI's dict order: each Conv2d/ConvTranspose2d/GroupNorm, and parents of grouped convs.
std::vector<GroupDependency> groupDependency(const OpGraph& graph);
// NNI's not_safe_to_prune (ReshapeDependency): layers whose output reaches view/reshape.
std::vector<UnsafeLayer> notSafeToPrune(const OpGraph& graph);

// The dependency CSV in the seed's format ("Dependency Set,Convolutional Layers").
std::string dependencyCsv(const ChannelDependencyResult& result);

} // namespace prunescope
