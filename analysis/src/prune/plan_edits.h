// SPDX-License-Identifier: MIT
#pragma once
// From a plan's ConstantEdit (an OpGraph node, an op kind, an argument name) to the one
// input of one node of one module's method graph that holds the constant.
#include "forward_probe.h"
#include "module_surgery.h"

namespace prunescope::detail {

// Throws Error(BadInput) naming the node and op when an edit cannot be placed.
void applyConstantEdits(const std::vector<ConstantEdit>& edits, const ForwardProbe& probe, ModuleSurgery& surgery);

} // namespace prunescope::detail
