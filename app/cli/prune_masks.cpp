// SPDX-License-Identifier: MIT
#include "prune_masks.h"

#include "prunescope/error.h"
#include "prunescope/pruning_groups.h"
#include "prunescope/strict_masks.h"

#include <algorithm>

namespace prunescope::cli {

void refuseEmptiedLayers(const MaskSet& masks, const std::string& path)
{
    for (const auto& [layer, mask] : masks) {
        const std::vector<bool> kept = mask.kept(0);
        if (!kept.empty() && std::find(kept.begin(), kept.end(), true) == kept.end())
            throw Error(ErrorKind::BadInput,
                path + ": the mask of " + layer + " prunes all of its " + std::to_string(kept.size())
                    + " filters, which would cut the model in two. Keep at least one filter of " + layer
                    + ", or leave the layer out of the masks.");
    }
}

// A model's inputs and outputs are its interface: the fixer keeps the filters that reach
// them and says so (these are the strict groups' texts for those reasons).
bool interfaceReason(const std::string& reason)
{
    return reason == "it reaches the model's output" || reason == "it comes from the model's input";
}

// Where the op that blocks `layer`'s group sits: "op aten::reshape in module head" (the
// user edits that module's code, or leaves the layer out).
std::string blockingOpPlace(const OpGraph& graph, const StrictGroups& groups, const PruningGroup& group)
{
    for (const BlockedOp& op : groups.blocked_ops) {
        if (op.reason != group.blocked_reason
            || std::find(op.layers.begin(), op.layers.end(), group.root) == op.layers.end())
            continue;
        const OpNode* node = graph.findUnique(op.node);
        const std::string scope = node ? node->scope : std::string();
        return " (op " + op.node + (op.node == op.op ? std::string() : " (" + op.op + ")") + " in "
            + (scope.empty() ? std::string("the model's own forward") : "module " + scope) + ")";
    }
    return {};
}

// A mask that removes filters of a group that a constant reshape or an op without a rule
// blocks is a request the fixer could only ignore: say so instead.
void refuseBlockedGroups(
    const OpGraph& graph, const StrictGroups& groups, const MaskSet& masks, const std::string& path)
{
    for (const auto& [layer, mask] : masks) {
        const PruningGroup* group = groups.groupOf(layer);
        const std::vector<bool> kept = mask.kept(0);
        if (!group || !group->blocked() || interfaceReason(group->blocked_reason)
            || std::all_of(kept.begin(), kept.end(), [](bool k) { return k; }))
            continue;
        throw Error(ErrorKind::BadInput,
            path + ": the mask of " + layer + " removes filters, but no channel of its strict group (root "
                + group->root + ") can be pruned: " + group->blocked_reason + blockingOpPlace(graph, groups, *group)
                + ". Leave " + layer + " out of the masks.");
    }
}

PlannedMasks planFromMasks(
    const OpGraph& graph, const MaskSet& masks, const Strategy& strategy, const std::string& path)
{
    if (findConflicts(graph, masks).prune_dim != 0)
        throw Error(ErrorKind::BadInput,
            path + " prunes input channels (dim 1); the pruner removes filters (dim 0): give filter masks.");
    const StrictGroups groups = strictGroups(graph);
    refuseBlockedGroups(graph, groups, masks, path);
    PlannedMasks planned;
    planned.fixed = masks;
    try {
        const StrictFix fix = fixMasksStrict(graph, groups, planned.fixed, strategy);
        planned.conflicts = fix.conflicts;
        planned.notices = fix.notices;
        planned.plan = prunePlan(graph, groups, planned.fixed);
    } catch (const Error& e) {
        throw Error(e.kind(), path + ": " + e.what());
    }
    return planned;
}

} // namespace prunescope::cli
