// SPDX-License-Identifier: MIT
#include "votes.h"

#include <algorithm>
#include <set>

namespace prunescope::strict {

std::string voterKey(const GroupMember& m) { return m.module.empty() ? m.name : m.module + "." + m.name; }

bool namesFilters(const StrictGroups& groups, const std::string& key)
{
    for (const auto& g : groups.groups)
        for (const auto& m : g.members)
            if (m.role == MemberRole::OutChannels && ((m.name == "weight" && m.module == key) || voterKey(m) == key))
                return true;
    return false;
}

std::vector<Voter> votersOf(const OpGraph& graph, const PruningGroup& group, const MaskSet& masks)
{
    static const std::set<std::string> filterTypes { "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d",
        "ConvTranspose3d", "Linear" };
    std::vector<Voter> voters;
    for (const auto& m : group.members) {
        if (m.role != MemberRole::OutChannels)
            continue;
        const ModuleInfo* module = graph.module(m.module);
        if (!module)
            continue;
        // NNI's masks name a layer's "weight" by the module; a functional weight
        // (MultiheadAttention's in_proj_weight) by its own path.
        const std::string key = m.name == "weight" && !m.module.empty() ? m.module : voterKey(m);
        auto found = masks.find(key);
        if (found == masks.end() && (m.name != "weight" || !filterTypes.count(module->type)))
            continue;
        Voter v;
        v.member = &m;
        v.key = key;
        v.mask = found == masks.end() ? nullptr : &found->second;
        for (const auto& p : module->params) {
            if (p.name == m.name && !p.buffer)
                v.weight = p.shape;
            v.hasBias = v.hasBias || (m.name == "weight" && p.name == "bias" && !p.buffer);
        }
        voters.push_back(v);
    }
    return voters;
}

std::vector<int> unitVotes(const Voter& voter, int64_t units)
{
    std::vector<int> votes(static_cast<size_t>(units), -1);
    if (!voter.mask)
        return votes; // a layer without a mask has no say: it follows its group
    const UnitMap& map = voter.member->map;
    const std::vector<bool> filters = voter.mask->kept(voter.member->dim);
    for (int64_t i = map.first; i < map.end(); ++i) {
        const int u = map.unitAt(i);
        if (u < 0)
            continue;
        int& vote = votes[static_cast<size_t>(u)];
        const bool kept = i < static_cast<int64_t>(filters.size()) && filters[static_cast<size_t>(i)];
        vote = std::max(vote, kept ? 1 : 0);
    }
    return votes;
}

int64_t removedIn(const std::vector<int>& block, const std::vector<bool>& kept)
{
    int64_t removed = 0;
    for (int u : block)
        removed += u >= 0 && !kept[static_cast<size_t>(u)];
    return removed;
}

} // namespace prunescope::strict
