// SPDX-License-Identifier: MIT
#pragma once
// How a group's layers vote with their filter masks: per unit, kept or removed.
#include "prunescope/masks.h"
#include "prunescope/pruning_groups.h"

#include <optional>

namespace prunescope::strict {

struct Voter {
    const GroupMember* member = nullptr;
    std::string key; // the mask's name: the module, or the parameter's path for a functional weight
    const LayerMask* mask = nullptr; // nullptr: no mask, keeps every filter
    Shape weight;
    bool hasBias = false;
};

std::string voterKey(const GroupMember& m); // "mha.in_proj_weight"
// Whether a mask's name is a layer (or functional weight) whose filters some group holds.
bool namesFilters(const StrictGroups& groups, const std::string& key);

// The layers whose filter masks decide the group: out-channel weights of modules that
// have a mask or are filter layers (an unmasked one follows the group and gets a mask).
std::vector<Voter> votersOf(const OpGraph& graph, const PruningGroup& group, const MaskSet& masks);

// Per unit, the voter's say: 1 kept (any of its filters there kept), 0 removed, -1 when
// the unit has none of its filters or the voter no mask.
std::vector<int> unitVotes(const Voter& voter, int64_t units);

// Entries of a constraint's blocks removed / kept under `kept` (per unit).
int64_t removedIn(const std::vector<int>& block, const std::vector<bool>& kept);

} // namespace prunescope::strict
