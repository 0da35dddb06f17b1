// SPDX-License-Identifier: MIT
#pragma once
// Masks under the strict pruning groups: fixing them so that a pruner can apply them, and
// the pruning plan for masks that already are (the contract with the pruner:
// prune_plan.h).
#include "prunescope/mask_conflict.h"
#include "prunescope/prune_plan.h"
#include "prunescope/pruning_groups.h"

#include <nlohmann/json_fwd.hpp>

namespace prunescope {

// A parameter a fix changes without a mask of its own (a BN, the next layer's input
// columns, a free parameter): the pruner shrinks it with the group.
struct ForcedMember {
    int group = -1;
    std::string root;
    std::string parameter; // "features.1.conv.0.1.weight"
    MemberRole role = MemberRole::PerChannel;
    int dim = 0;
    int64_t removed = 0;
    int64_t size = 0;
};

struct StrictFix {
    std::vector<MaskFix> fixes; // one per group whose masks change; set_index is the group id
    std::vector<ForcedMember> forced;
    std::vector<std::string> notices; // groups left alone, channels kept for a reason, ...
    size_t conflicts = 0; // groups whose masks disagreed or broke a constraint before the fix
};

// Makes `masks` consistent with the strict groups: the strategy decides each group's
// channels from its layers' filter masks, then channels that must stay come back and the
// group's count constraints are met by keeping the fewest extra channels. Every layer
// with filters in a changed group gets a mask, masked before or not.
StrictFix fixMasksStrict(const OpGraph& graph, const StrictGroups& groups, MaskSet& masks, const Strategy& strategy);

// The plan for masks consistent with the groups. Throws Error(BadInput) naming the layer
// when the masks are not consistent, remove every channel of a group or touch channels
// that must stay.
PrunePlan prunePlan(const OpGraph& graph, const StrictGroups& groups, const MaskSet& consistentMasks);

void to_json(nlohmann::json& j, const ForcedMember& member);
void to_json(nlohmann::json& j, const TensorSlice& slice);
void to_json(nlohmann::json& j, const ConstantEdit& edit);
void to_json(nlohmann::json& j, const SilencedValue& value);
void to_json(nlohmann::json& j, const PrunePlan& plan);

} // namespace prunescope
