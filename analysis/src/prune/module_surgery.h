// SPDX-License-Identifier: MIT
#pragma once
// Changing a loaded TorchScript module without touching the one it was copied from:
// every module object is copied (tensors shared until replaced), parameters and buffers
// are replaced by their slices under the same names, and a constant of a method graph is
// changed only after the module's class type, and those of its ancestors, have been
// copied for this instance alone. Scripted submodules of one class share their method
// graphs, and traced ones share them with the original module: editing those in place
// would change the other instances (or the original) too.
#include "prunescope/prune_plan.h"
#include "torch_pch.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

namespace prunescope::detail {

class ModuleSurgery {
public:
    explicit ModuleSurgery(const torch::jit::Module& original);

    // Throws Error(BadInput) naming the module and tensor when the slice does not fit.
    void slice(const TensorSlice& slice);
    // Sets input `input` (element `element` of a list input, or the scalar when -1) of
    // `node`, a node of a method graph of the module at `path` in the original, to a
    // constant. Throws Error(BadInput) when that input is not a constant.
    void setConstant(const std::string& path, const torch::jit::Node* node, size_t input, int element, int64_t value,
        const std::string& what);

    // Scripted classes restate channel counts as constants (Conv2d's in_channels, groups,
    // BatchNorm2d's num_features...): give every sliced module whose constants changed a
    // class of its own with the new values, so that code reading them sees the pruned
    // widths. Call after every slice and constant edit.
    void refreshChannelConstants();

    const torch::jit::Module& result() const { return m_root; }
    int typesCopied() const { return static_cast<int>(m_owned.size()); }

private:
    torch::jit::Module moduleAt(const std::string& path) const;
    using Constants = std::map<std::string, c10::IValue>;
    using NodeCopies = std::unordered_map<const torch::jit::Node*, torch::jit::Node*>;
    torch::jit::Module own(const std::string& path);
    torch::jit::Module replaceType(const std::string& path, const Constants& constants);
    c10::ClassTypePtr copyType(const c10::ClassTypePtr& type, const Constants& constants, NodeCopies& copies);

    torch::jit::Module m_root;
    std::map<std::string, torch::jit::Module> m_owned; // path -> module with a type of its own
    std::set<std::string> m_sliced; // paths of modules with a sliced tensor
    // Per owned module: node of its old class's methods -> the node of its own copy. One old
    // node has a copy per instance when the class was shared.
    std::map<std::string, NodeCopies> m_nodeCopy;
    std::map<std::tuple<std::string, const torch::jit::Node*, size_t, int>, int64_t> m_constants; // edits made
};

} // namespace prunescope::detail
