// SPDX-License-Identifier: MIT
#pragma once
// What the counting rules need to know about one node: its module, shapes, masks and,
// with masks, how many input/output channels survive after speedup.
#include "prunescope/flops.h"

namespace prunescope::flops {

struct NodeView {
    const OpGraph& graph;
    const OpNode& node;
    const ModuleInfo* module; // null for functional ops

    Shape inputShape(size_t i = 0) const; // shape of the node's i-th tensor input
    Shape outputShape(size_t i = 0) const;
    const OpCall* firstOp(const char* const* kinds) const; // first op of one of these kinds
    const ModuleParam* param(const std::string& name) const;
    bool hasBias() const;
};

// Output and input channels that remain after speedup, for one node.
struct ChannelsKept {
    int64_t in = -1; // -1: all of them
    int64_t out = -1;
};

int64_t numel(const Shape& shape, size_t from = 0);

} // namespace prunescope::flops
