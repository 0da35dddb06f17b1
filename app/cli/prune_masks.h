// SPDX-License-Identifier: MIT
#pragma once
// From a user's masks to a pruning plan: the strict pruning groups fix the masks and
// say which slices, constants and silenced tensors removing their channels takes.
#include "prunescope/mask_conflict.h"
#include "prunescope/prune_plan.h"

#include <string>
#include <vector>

namespace prunescope::cli {

struct PlannedMasks {
    MaskSet fixed; // the masks applied: every layer a group forced included
    PrunePlan plan;
    size_t conflicts = 0; // groups whose masks disagreed or broke a rule
    std::vector<std::string> notices; // the fixer's: channels kept for a reason, ...
};

// Throws Error(BadInput) naming `path` and the layer when a mask removes every filter.
void refuseEmptiedLayers(const MaskSet& masks, const std::string& path);

// Throws Error(BadInput) naming `path`, the layer or op and what to do when the masks
// cannot be applied: a group that cannot be pruned (a constant reshape, an op without a
// rule), masks of input channels, masks that are not whole filters.
PlannedMasks planFromMasks(
    const OpGraph& graph, const MaskSet& masks, const Strategy& strategy, const std::string& path);

} // namespace prunescope::cli
