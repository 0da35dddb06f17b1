// SPDX-License-Identifier: MIT
#pragma once
// Turns the inlined, executed TorchScript graph into an OpGraph: leaf-module calls and
// free-standing ops become nodes (NNI's TorchModuleGraph grouping), branches that did
// not run disappear, tuple/list construct-unpack pairs are looked through so that edges
// go from producer to consumer, and every edge gets its runtime shape.
#include "call_inliner.h"
#include "prunescope/op_graph.h"

#include <memory>

namespace torch::jit {
struct Graph;
struct Node;
struct Value;
} // namespace torch::jit

namespace prunescope::detail {

class ShapeRecorder;

// The way back from the OpGraph to the TorchScript graph it was built from (the pruner
// silences values and edits ops there).
struct GraphBuildTrace {
    std::vector<const torch::jit::Value*> values; // by GraphValue id
    std::vector<std::vector<const torch::jit::Node*>> ops; // by OpNode id, one per OpCall
};

// `graph` must have been inlined by inlineModuleCalls() (giving `calls`) and run by
// `recorder`. `modules` gives the leaf flags and types; node attributes are not derived
// here (see node_attributes.h).
OpGraph buildOpGraph(const torch::jit::Graph& graph, const CallTable& calls, const ShapeRecorder& recorder,
    const std::vector<ModuleInfo>& modules, GraphBuildTrace* trace = nullptr);

} // namespace prunescope::detail
