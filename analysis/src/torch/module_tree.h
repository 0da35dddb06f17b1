// SPDX-License-Identifier: MIT
#pragma once
// The module hierarchy of a loaded TorchScript module: paths, class names, parameters.
#include "prunescope/op_graph.h"

#include <vector>

namespace torch::jit {
struct Module;
}

namespace prunescope::detail {

std::vector<ModuleInfo> readModuleTree(const torch::jit::Module& root);

} // namespace prunescope::detail
