// SPDX-License-Identifier: MIT
#include "prunescope/pruning_groups.h"

#include "assemble.h"
#include "walk.h"

#include <algorithm>

namespace prunescope {

const char* memberRoleName(MemberRole role)
{
    switch (role) {
    case MemberRole::OutChannels: return "out_channels";
    case MemberRole::InChannels: return "in_channels";
    case MemberRole::PerChannel: break;
    }
    return "per_channel";
}

std::vector<int> UnitMap::full() const
{
    std::vector<int> all(static_cast<size_t>(size), -1);
    std::copy(units.begin(), units.end(), all.begin() + first);
    return all;
}

std::vector<int64_t> UnitMap::indicesOf(int unit) const
{
    std::vector<int64_t> result;
    for (size_t i = 0; i < units.size(); ++i)
        if (units[i] == unit)
            result.push_back(first + static_cast<int64_t>(i));
    return result;
}

bool UnitMap::touches(int unit) const { return std::find(units.begin(), units.end(), unit) != units.end(); }

std::vector<std::string> PruningGroup::layers() const
{
    std::vector<std::string> result;
    for (const auto& m : members)
        if (m.role == MemberRole::OutChannels && std::find(result.begin(), result.end(), m.module) == result.end())
            result.push_back(m.module);
    return result;
}

const GroupMember* PruningGroup::member(const std::string& module, const std::string& name, int dim) const
{
    for (const auto& m : members)
        if (m.module == module && m.name == name && m.dim == dim)
            return &m;
    return nullptr;
}

const PruningGroup* StrictGroups::groupOf(const std::string& layer) const
{
    for (const auto& g : groups)
        for (const auto& m : g.members)
            if (m.role == MemberRole::OutChannels && m.module == layer)
                return &g;
    return nullptr;
}

StrictGroups strictGroups(const OpGraph& graph)
{
    strict::FlowState state(graph);
    strict::walkGraph(state);
    return strict::assembleGroups(state);
}

} // namespace prunescope
