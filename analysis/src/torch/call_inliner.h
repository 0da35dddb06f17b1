// SPDX-License-Identifier: MIT
#pragma once
// Inlines a module's forward into one graph while remembering, for every node, which
// module call it came from. torch::jit::Inline would do the inlining, but after it the
// nodes of one call can no longer be told from those of the next call of the same
// module (the callstack entries are rebuilt per nested call), and that is what turns a
// sea of aten ops into "layer1.0.conv1, second call".
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace torch::jit {
struct Graph;
struct Node;
} // namespace torch::jit

namespace prunescope::detail {

struct ModuleCall {
    int parent = -1; // enclosing call; -1 = the root module's forward
    std::string path; // module path, "layer1.0.conv1"
    std::string type; // class name, "Conv2d"
};

struct CallTable {
    std::vector<ModuleCall> calls;
    std::unordered_map<const torch::jit::Node*, int> owner; // node -> call id, -1 for the root
    // Bookkeeping nodes we inserted (a peeled loop's trip counts): no ops of the model.
    std::unordered_set<const torch::jit::Node*> synthetic;
    // Inlined node -> the node of the callee's own method (or function) graph it was
    // copied from; the root forward's own nodes have no entry. The pruner edits
    // constants there.
    std::unordered_map<const torch::jit::Node*, torch::jit::Node*> origin;

    int ownerOf(const torch::jit::Node* node) const;
    const std::string& pathOf(int call) const; // "" for -1
};

// Rewrites `graph` (a copy of the root module's forward graph) in place.
CallTable inlineModuleCalls(torch::jit::Graph& graph);

// "__torch__.torch.nn.modules.conv.___torch_mangle_3.Conv2d" -> "Conv2d"
std::string shortTypeName(const std::string& qualified);

} // namespace prunescope::detail
