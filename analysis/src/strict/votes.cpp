#include "votes.h"

#include <algorithm>
#include <set>

namespace prunescope::strict {

std::vector<Voter> votersOf(const OpGraph& graph, const PruningGroup& group, const MaskSet& masks)
{
    static const std::set<std::string> filterTypes { "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d",
        "ConvTranspose2d", "ConvTranspose3d", "Linear" };
    std::vector<Voter> voters;
    for (const auto& m : group.members) {
        if (m.role != MemberRole::OutChannels || m.name != "weight" || m.module.empty())
            continue;
        const ModuleInfo* module = graph.module(m.module);
        if (!module)
            continue;
        auto found = masks.find(m.module);
        if (found == masks.end() && !filterTypes.count(module->type))
            continue;
        Voter v;
        v.member = &m;
        v.mask = found == masks.end() ? nullptr : &found->second;
        for (const auto& p : module->params) {
            if (p.name == "weight" && !p.buffer)
                v.weight = p.shape;
            v.hasBias = v.hasBias || (p.name == "bias" && !p.buffer);
        }
        voters.push_back(v);
    }
    return voters;
}

std::vector<int> unitVotes(const Voter& voter, int64_t units)
{
    std::vector<int> votes(static_cast<size_t>(units), -1);
    const auto& unitOf = voter.member->map.unit_of;
    const std::vector<bool> filters = voter.mask ? voter.mask->kept(voter.member->dim) : std::vector<bool> {};
    for (size_t i = 0; i < unitOf.size(); ++i) {
        if (unitOf[i] < 0)
            continue;
        int& vote = votes[static_cast<size_t>(unitOf[i])];
        const bool kept = !voter.mask || (i < filters.size() && filters[i]);
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
