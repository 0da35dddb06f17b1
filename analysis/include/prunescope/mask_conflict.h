// SPDX-License-Identifier: MIT
#pragma once
// Mask conflicts: masks that give layers of one dependency set different channels (the
// masked model runs, but cannot be sped up), or leave a grouped conv with filter counts
// its groups cannot divide. Finding them, and fixing them with NNI v2.9's rules
// (nni/compression/pytorch/utils/mask_conflict.py) or with one of our strategies, as
// explicit operations that can be previewed, applied and undone.
#include "prunescope/dependency.h"
#include "prunescope/masks.h"

#include <optional>
#include <string>
#include <vector>

namespace prunescope {

class GraphAnalyses;

// How the channels of a conflicting set are reconciled.
struct Strategy {
    enum class Kind {
        Union, // NNI: a channel survives if any layer keeps it (keeps the most)
        Intersection, // a channel survives only if every layer keeps it (keeps the sparsity asked for)
        Majority, // a channel survives if at least half the layers keep it
        Reference, // every layer adopts `reference`'s channels
    };
    Kind kind = Kind::Union;
    std::string reference; // layer name, for Reference

    std::string toString() const; // "union", ..., "reference:layer1.0.conv2"
    static Strategy parse(const std::string& text); // throws Error(Usage)
};

struct ConflictSet {
    enum class Kind { Channel, Group };
    Kind kind = Kind::Channel;
    int index = -1; // position among the dependency sets (Channel) or group-dependency layers (Group)
    std::vector<std::string> layers; // the set's layers; for Group, the one conv
    int prune_dim = 0; // 0: filters (output channels), 1: input channels
    bool conflict = false; // masks disagree (Channel) or filters not divisible (Group)
    bool skipped = false; // not fixable here; `notice` says why (fine-grained mask, ...)
    std::string notice;
    // Channel sets: each masked layer's kept channels along the prune dim (layers without
    // a mask keep all); the channels some layers keep and others do not.
    std::vector<std::pair<std::string, std::vector<bool>>> kept;
    std::vector<int64_t> disputed;
    // Group sets: NNI's group counts and the kept filters per group.
    int64_t max_groups = 1;
    int64_t min_groups = 1;
    std::vector<int64_t> pruned_per_group;
};

// Which set a fix is about: the kind and its index (ConflictSet::index).
struct ConflictSetRef {
    ConflictSet::Kind kind = ConflictSet::Kind::Channel;
    int index = -1;
    bool operator==(const ConflictSetRef& other) const { return kind == other.kind && index == other.index; }
};

struct ConflictReport {
    int prune_dim = 0; // NNI's detect_mask_prune_dim
    PruneType prune_type = PruneType::Filter; // NNI's detect_channel_prune_type
    std::vector<ConflictSet> sets; // group sets first, then channel sets (NNI's fixing order)
    size_t conflicts() const;
};

// Every group-dependency layer with a mask and every multi-layer dependency set with at
// least one mask, whether in conflict or not.
ConflictReport findConflicts(const OpGraph& graph, const MaskSet& masks);
// The same with the dependency analyses a caller keeps (computed once per graph).
ConflictReport findConflicts(GraphAnalyses& analyses, const MaskSet& masks);

// One layer's mask before and after a fix.
struct MaskChange {
    std::string layer;
    bool created = false; // the layer had no mask and gets one
    std::optional<LayerMask> before; // none when created
    LayerMask after;
    int dim = 0; // the channel dim the lists below refer to
    std::vector<int64_t> reenabled; // channels kept after, pruned before
    std::vector<int64_t> newly_pruned; // channels pruned after, kept before
    double sparsity_before = 0.0; // fraction of weight elements masked to 0
    double sparsity_after = 0.0;
};

// A fix of one conflicting set: applying it replaces the masks of its layers, undoing
// it puts the previous ones back (or removes masks it created).
struct MaskFix {
    ConflictSet::Kind kind = ConflictSet::Kind::Channel;
    int set_index = -1;
    std::string strategy; // Strategy::toString(), or "nni-group"
    std::vector<MaskChange> changes;

    void apply(MaskSet& masks) const;
    void undo(MaskSet& masks) const;
    bool empty() const { return changes.empty(); }
};

// The fix of one set of `report` (computed on `masks`), with `strategy` for channel sets;
// group sets always use NNI's group rule. Empty when nothing changes.
MaskFix fixConflictSet(const OpGraph& graph, const MaskSet& masks, const ConflictSet& set, const Strategy& strategy);
MaskFix fixConflictSet(
    const GraphAnalyses& analyses, const MaskSet& masks, const ConflictSet& set, const Strategy& strategy);

// NNI's fix_mask_conflict: group conflicts first, then channel conflicts on the result.
// Returns the fixes in the order they were applied; `masks` ends up fixed.
std::vector<MaskFix> fixMaskConflicts(const OpGraph& graph, MaskSet& masks, const Strategy& strategy = {});
std::vector<MaskFix> fixMaskConflicts(GraphAnalyses& analyses, MaskSet& masks, const Strategy& strategy = {});

} // namespace prunescope
