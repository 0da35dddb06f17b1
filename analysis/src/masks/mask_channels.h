// SPDX-License-Identifier: MIT
#pragma once
// Reading and writing the channel vector of one layer's mask along the prune dim, per
// layer type, the way NNI's ChannelMaskConflict does it.
#include "prunescope/masks.h"

#include <optional>

namespace prunescope {

// Which dim of this layer type's weight holds the channels of `pruneDim` (0: outputs,
// 1: inputs); nullopt for types NNI's fixer does not handle.
std::optional<int> weightDimFor(const std::string& type, int pruneDim);

// A mask of the layer's shape keeping exactly `kept` along `weightDim` (everything
// else 1). With `biasFollows` (filter pruning) the bias mask is `kept` too; otherwise it
// stays as it was. BatchNorm masks are 1-D.
LayerMask maskKeeping(const Shape& shape, bool hasBias, int weightDim, const std::vector<bool>& kept,
    const std::optional<LayerMask>& previous, bool biasFollows);

double sparsity(const LayerMask& mask);

} // namespace prunescope
