// SPDX-License-Identifier: MIT
#pragma once
// Strict pruning groups (beyond NNI v2.9): every channel index is followed through the
// forward pass, op by op, with an explicit rule per op. A *unit* is one removable channel:
// the set of indices, across all parameters and tensors, that must go together (a conv's
// filter 5, BN entry 5, the next conv's input column 5, offset 69 of a cat...). A *group*
// is the units whose filters belong to the same layers: its root is the first such layer;
// its members are every parameter dimension a unit reaches, each with its index map.
// Removing unit u removes exactly the indices mapped to u in every member, so every shape
// stays consistent. Ops without a rule block the channels they touch, with a named reason.
#include "prunescope/dependency.h"
#include "prunescope/op_graph.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace prunescope {

enum class MemberRole {
    OutChannels, // the layer produces the channels: its filters (conv/linear weight rows, embedding columns)
    InChannels, // the layer reads them: input columns of a conv/linear weight
    PerChannel, // one entry per channel: bias, BN/GN/LN affine and running stats, PReLU, free parameters
};
const char* memberRoleName(MemberRole role); // "out_channels", "in_channels", "per_channel"

// Which index along one dimension belongs to which unit of a group. Only the window of
// indices the group reaches is stored: a BN read by thirty DenseNet layers holds thirty
// groups' windows of 32, not thirty copies of its width.
struct UnitMap {
    int64_t size = 0; // the dimension's length
    int64_t first = 0; // index of units.front()
    std::vector<int> units; // per index from `first`: the unit (0 .. channels-1), or -1 when not the group's

    int unitAt(int64_t index) const
    {
        return index < first || index >= first + static_cast<int64_t>(units.size())
            ? -1
            : units[static_cast<size_t>(index - first)];
    }
    int64_t end() const { return first + static_cast<int64_t>(units.size()); }
    std::vector<int> full() const; // per index of the whole dimension
    std::vector<int64_t> indicesOf(int unit) const; // ascending
    bool touches(int unit) const;
};

struct GroupMember {
    std::string module; // module path owning the parameter, "" for the root module
    std::string name; // "weight", "bias", "running_mean", "class_token", ...
    int dim = 0;
    // Input columns of a grouped convolution (dim 1, groups > 1): indices are the global
    // input channels (0 .. in_channels-1), as in TensorSlice.
    int64_t groups = 1;
    MemberRole role = MemberRole::PerChannel;
    std::string layer_type; // the owning module's class ("Conv2d"), "" for free parameters
    UnitMap map;
};

// A count rule the units of a group must obey on top of the index maps.
struct GroupConstraint {
    enum class Kind {
        EqualPerBlock, // every block loses as many entries (grouped conv, chunk)
        Divisible, // the entries kept must be a multiple of `divisor` (GroupNorm's groups)
    };
    Kind kind = Kind::EqualPerBlock;
    std::string node; // OpGraph node unique name of the op that imposes it
    std::string reason;
    // Units per block; a unit may appear more than once, -1 stands for an entry no group
    // can remove (it counts as kept).
    std::vector<std::vector<int>> blocks;
    int64_t divisor = 1;
};

// Two layers' filters joined by one op ("depthwise conv", "cat", "add", "channel split by view").
struct GroupTie {
    std::string node;
    std::string rule;
    std::string first; // parameters ("features.0.0.weight")
    std::string second;
};

struct PruningGroup {
    int id = -1;
    std::string root; // module path of the first layer whose filters are in the group
    int64_t channels = 0; // units
    std::vector<GroupMember> members; // out-channel members first (root first), then the others, in graph order
    std::vector<GroupConstraint> constraints;
    std::vector<std::string> tied_by; // node unique names of the ops that tie different layers' filters
    std::vector<GroupTie> ties; // in the order the walk met them
    // Units no mask may remove (they reach a model output, a constant shape, an op without
    // a rule), each with its reason.
    std::vector<int> fixed_units;
    std::vector<std::string> fixed_reasons; // parallel to fixed_units
    std::string blocked_reason; // set when every unit is fixed: the group is not prunable
    std::vector<std::string> notes; // pruning runs, but outputs change (normalisation over channels, ...)

    bool blocked() const { return !blocked_reason.empty(); }
    std::vector<std::string> layers() const; // module paths of the out-channel members with a "weight"
    const GroupMember* member(const std::string& module, const std::string& name, int dim) const;
};

// An op without a rule, or a rule that cannot follow the channels here, and what it stops.
struct BlockedOp {
    std::string node; // OpGraph node unique name
    std::string op; // aten op kind
    std::string reason;
    std::vector<std::string> layers; // root layers of the groups it fixes units of
};

// Per index along one dimension: the group and the unit it belongs to (-1 for neither).
// A dimension may hold units of several groups (a cat of two layers' outputs).
struct ChannelOwners {
    std::vector<int> group_of;
    std::vector<int> unit_of;
};

// One OpGraph value dimension that carries a group's channels (what the pruner silences).
struct ValueChannels {
    int value = -1;
    int dim = 0;
    ChannelOwners owners;
};

// A constant of the forward pass that must follow the channels kept.
struct EditSite {
    enum class Kind {
        KeptCount, // new value: entries of `owners` kept (a depthwise conv's groups, a view's size, LN's shape)
        Start, // new value: old minus the entries of `owners` removed below it (slice start, select index)
        End, // the same for an exclusive end (slice end)
        Length, // narrow's length: entries of `owners` kept in [start, start + old)
    };
    Kind kind = Kind::KeptCount;
    std::string node;
    std::string op;
    int occurrence = 0; // which of the node's ops of kind `op`
    std::string argument;
    int element = -1;
    int64_t old_value = 0;
    int64_t start = 0; // Length: the (old) start
    ChannelOwners owners;
};

// A layer whose channel count a constant of the model's code really fixes (strict
// not_safe_to_prune: layers reached only through size() reads are not listed).
struct FixedLayer {
    std::string layer;
    std::string node; // the op holding the constant
    std::string reason;
};

struct StrictGroups {
    std::vector<PruningGroup> groups; // ordered by their root's first call
    std::vector<BlockedOp> blocked_ops;
    std::vector<FixedLayer> not_safe_to_prune;
    std::vector<ValueChannels> values;
    std::vector<EditSite> edits;

    // The group holding `layer`'s filters, or nullptr.
    const PruningGroup* groupOf(const std::string& layer) const;
};

StrictGroups strictGroups(const OpGraph& graph);

// Where the strict groups and NNI v2.9's channel dependency sets disagree, one line of
// reason each ("features.1.conv.0.0 (depthwise) is tied to features.0.0; NNI v2.9 has no
// depthwise rule").
struct RulesDifference {
    enum class Kind {
        TiedOnlyStrict, // strict ties layers NNI keeps apart
        TiedOnlyNni, // NNI ties layers whose channels strict finds independent
        Blocked, // strict cannot prune the group (or some of its channels); NNI lists it as prunable
        SafeOnlyStrict, // NNI's not_safe_to_prune lists the layer; its view's sizes follow the channels
        ExtraMembers, // strict adds members NNI does not know (functional weights, free parameters)
    };
    Kind kind = Kind::TiedOnlyStrict;
    std::vector<std::string> layers;
    std::string reason;
};
const char* differenceKindName(RulesDifference::Kind kind);

std::vector<RulesDifference> rulesDifferences(const OpGraph& graph, const StrictGroups& strict,
    const ChannelDependencyResult& nni, const std::vector<UnsafeLayer>& nniUnsafe);

// The strict groups with their differences from NNI's sets: the report's and the
// worker's "pruning_groups" object.
struct StrictReport {
    StrictGroups groups;
    std::vector<RulesDifference> differences;
    // The differences naming `layer`, in order.
    std::vector<const RulesDifference*> differencesOf(const std::string& layer) const;
};

void to_json(nlohmann::json& j, const UnitMap& map); // compact runs, see the README
void from_json(const nlohmann::json& j, UnitMap& map);
void to_json(nlohmann::json& j, const GroupMember& member);
void from_json(const nlohmann::json& j, GroupMember& member);
void to_json(nlohmann::json& j, const GroupConstraint& constraint);
void from_json(const nlohmann::json& j, GroupConstraint& constraint);
void to_json(nlohmann::json& j, const GroupTie& tie);
void from_json(const nlohmann::json& j, GroupTie& tie);
void to_json(nlohmann::json& j, const PruningGroup& group);
void from_json(const nlohmann::json& j, PruningGroup& group);
void to_json(nlohmann::json& j, const BlockedOp& op);
void from_json(const nlohmann::json& j, BlockedOp& op);
void to_json(nlohmann::json& j, const FixedLayer& layer);
void from_json(const nlohmann::json& j, FixedLayer& layer);
void to_json(nlohmann::json& j, const RulesDifference& difference);
void from_json(const nlohmann::json& j, RulesDifference& difference);
// {"groups", "blocked_ops", "not_safe_to_prune"}: the per-value maps and edit sites stay
// out (the pruner gets them through the plan).
void to_json(nlohmann::json& j, const StrictGroups& groups);
void from_json(const nlohmann::json& j, StrictGroups& groups);
void to_json(nlohmann::json& j, const StrictReport& report); // the groups' object with "differences"
void from_json(const nlohmann::json& j, StrictReport& report);

} // namespace prunescope
