// SPDX-License-Identifier: MIT
#pragma once
// Shared by the conflict report and the fixers.
#include "mask_channels.h"
#include "prunescope/mask_conflict.h"

#include <set>

namespace prunescope {

// NNI's GroupMaskConflict on one conv's mask: which pruned filters must come back so
// that every group keeps the same number of filters (a whole pruned block of
// min_groups may stay pruned).
struct GroupAnalysis {
    std::string notice; // non-empty when the rule cannot apply (fine-grained, not divisible)
    std::vector<int64_t> prunedPerGroup;
    std::set<int64_t> unmask;
};

GroupAnalysis analyseGroups(const LayerMask& mask, int64_t maxGroups, int64_t minGroups);

// A mask change with the channels re-enabled and newly pruned along `dim`.
MaskChange describeChange(const std::string& layer, const std::optional<LayerMask>& before, LayerMask after, int dim);

} // namespace prunescope
