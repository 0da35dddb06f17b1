// SPDX-License-Identifier: MIT
#pragma once
// Which channels of every tensor survive once masked filters are really removed
// (NNI's "speedup"): a pruned filter removes a channel of its output, which removes
// the same channel from BN, activations, adds and concats downstream, and an input
// channel of the next layers. This is what NNI's counter leaves out.
#include "flops_context.h"

#include <optional>

namespace prunescope::flops {

class ChannelPropagation {
public:
    ChannelPropagation(const OpGraph& graph, const MaskSet& masks);

    // Channels left of the node's first tensor input and output (dim 1, or a Linear's
    // features); -1 where all remain.
    ChannelsKept keptFor(const OpNode& node) const;

private:
    using Kept = std::optional<std::vector<bool>>; // nullopt: all channels kept
    void visit(const OpNode& node);
    Kept inputKept(const OpNode& node, size_t i = 0) const;
    Kept unionOfInputs(const OpNode& node) const;
    void setOutputs(const OpNode& node, const Kept& kept);
    void sliceOutputs(const OpNode& node, const Kept& whole);
    Kept concatenate(const OpNode& node) const;
    Kept flatten(const OpNode& node) const;

    const OpGraph& m_graph;
    const MaskSet& m_masks;
    std::vector<Kept> m_kept; // by value id
};

} // namespace prunescope::flops
