#pragma once
// From a user's masks to a pruning plan: the strict pruning groups fix the masks and
// say which slices, constants and silenced tensors removing their channels takes.
#include "prunescope/mask_conflict.h"
#include "prunescope/prune_plan.h"

#include <string>

namespace prunescope::cli {

struct PlannedMasks {
    MaskSet fixed; // the masks applied: every layer a group forced included
    PrunePlan plan;
};

// Throws Error(BadInput) naming `path` and the layer when a mask removes every filter.
void refuseEmptiedLayers(const MaskSet& masks, const std::string& path);

// Throws Error(BadInput) naming `path`, the layer or op and what to do when the masks
// cannot be applied (a group blocked by a constant reshape, an op without a rule).
PlannedMasks planFromMasks(
    const OpGraph& graph, const MaskSet& masks, const Strategy& strategy, const std::string& path);

} // namespace prunescope::cli
