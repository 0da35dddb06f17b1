// SPDX-License-Identifier: MIT
#pragma once
// What the desktop app shows of one layer's mask: its shape and the channels it keeps.
#include "prunescope/masks.h"

#include <cstdint>
#include <vector>

namespace prunescope {

struct MaskLayerState {
    Shape shape; // the weight's
    std::vector<int64_t> kept; // kept output channels (dim 0), ascending
    std::vector<int64_t> kept_inputs; // kept input channels (dim 1); empty for 1-D weights
    bool structured = true; // dim 0 is whole channels

    static MaskLayerState of(const LayerMask& mask);
    bool operator==(const MaskLayerState& other) const;
};

} // namespace prunescope
