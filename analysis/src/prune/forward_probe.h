// SPDX-License-Identifier: MIT
#pragma once
// A module's forward seen the way Model::load sees it (inlined, run once for shapes,
// turned into an OpGraph), plus the way back from that OpGraph to TorchScript: the
// inlined graph's values and ops, and the method-graph node each inlined op came from.
// The pruner needs all three: it silences values, edits constants in method graphs and
// compares the pruned model's tensors with the original's by OpGraph value id.
#include "call_inliner.h"
#include "graph_builder.h"
#include "prunescope/input_spec.h"
#include "prunescope/model.h"
#include "shape_recorder.h"
#include "torch_pch.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace prunescope::detail {

struct ForwardProbe {
    torch::jit::Module module;
    std::shared_ptr<torch::jit::Graph> graph; // inlined, instrumented
    CallTable calls;
    std::unique_ptr<ShapeRecorder> recorder;
    OpGraph opGraph;
    GraphBuildTrace trace;
    std::string shapeMode; // "meta" or "real"
    // Root-level nodes of `graph` -> nodes of the root's forward method graph.
    std::unordered_map<const torch::jit::Node*, torch::jit::Node*> rootOrigin;

    // The method-graph node an inlined node was copied from, or nullptr.
    torch::jit::Node* originOf(const torch::jit::Node* inlined) const;
    // The module path of the call an inlined node belongs to ("" for the root).
    const std::string& modulePathOf(const torch::jit::Node* inlined) const;
};

// Runs like Model::load: meta tensors first (unless `mode` is Real), real ones (ones for
// floats, zeros for integers) when that fails. `what` names the model in errors ("the
// pruned model"); a forward that fails throws Error(BadInput) naming the op and module.
// `peels`: the analysis's loop peels (Model::loopPeels), so that the graphs agree.
std::unique_ptr<ForwardProbe> probeForward(const torch::jit::Module& module, const std::vector<InputSpec>& inputs,
    const std::vector<int>& peels, ShapeMode mode, const std::string& what);

// Example inputs for real runs: seeded normal values for floating point (a stronger check
// than ones), zeros for integer and bool inputs (valid indices for any embedding).
std::vector<at::Tensor> verificationInputs(const std::vector<InputSpec>& specs);

// Throws Error(Internal) when two builds of one model's graph disagree (the pruner's plan
// refers to ids of `expected`).
void checkSameGraph(const OpGraph& expected, const OpGraph& actual, const std::string& what);

// Pairs the nodes of two graphs that are copies of each other (Graph::copy, insertGraph:
// same order, same blocks), recursively.
void pairCopiedNodes(torch::jit::Block* from, torch::jit::Block* to,
    std::unordered_map<const torch::jit::Node*, torch::jit::Node*>& map);

} // namespace prunescope::detail
