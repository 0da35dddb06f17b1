// SPDX-License-Identifier: MIT
#pragma once
// Pruning masks as NNI's pruners export them: per layer, a 0/1 mask of the weight's
// shape (and of the bias). Plain data; reading and writing the files is in mask_io.h.
#include "prunescope/op_graph.h"

#include <map>
#include <string>
#include <vector>

namespace prunescope {

struct LayerMask {
    Shape shape; // the weight's shape
    std::vector<uint8_t> weight; // 0/1, row-major, one entry per weight element
    bool has_bias = false;
    std::vector<uint8_t> bias; // 0/1 per output channel, when has_bias

    int64_t sum() const; // number of kept weight elements (NNI's weight_mask.sum())
    int64_t channels(int dim) const; // shape[dim], or 0
    // Channel c of dimension `dim` (0: filters, 1: input channels) is kept when any
    // weight element with index c along `dim` is 1.
    std::vector<bool> kept(int dim) const;
    // True when every channel along `dim` is either wholly kept or wholly zero.
    bool isStructured(int dim) const;

    static LayerMask keepChannels(const Shape& weightShape, const std::vector<bool>& keptFilters, bool withBias);
    bool operator==(const LayerMask& other) const;
};

using MaskSet = std::map<std::string, LayerMask>; // layer name (module path) -> mask

} // namespace prunescope
