// SPDX-License-Identifier: MIT
// fix-masks --rules strict: per group, the strategy on the layers' votes, then the
// channels that must stay and the count constraints, keeping as few extra as possible.
#include "../masks/conflict_detail.h"
#include "prunescope/error.h"
#include "prunescope/strict_masks.h"
#include "votes.h"

#include <algorithm>
#include <map>

namespace prunescope {

using strict::Voter;

namespace {

std::vector<bool> decide(const std::vector<std::vector<int>>& votes, const std::vector<Voter>& voters,
    const Strategy& strategy, int64_t units, bool& conflict, const PruningGroup& group)
{
    std::vector<bool> kept(static_cast<size_t>(units), true);
    for (int64_t u = 0; u < units; ++u) {
        size_t keeping = 0, voting = 0;
        for (const auto& v : votes) {
            const int say = v[static_cast<size_t>(u)];
            voting += say >= 0;
            keeping += say > 0;
        }
        if (voting == 0)
            continue; // no layer of the group has a say: the channel stays
        conflict = conflict || (keeping != 0 && keeping != voting);
        switch (strategy.kind) {
        case Strategy::Kind::Union: kept[static_cast<size_t>(u)] = keeping > 0; break;
        case Strategy::Kind::Intersection: kept[static_cast<size_t>(u)] = keeping == voting; break;
        case Strategy::Kind::Majority: kept[static_cast<size_t>(u)] = 2 * keeping >= voting; break;
        case Strategy::Kind::Reference: kept[static_cast<size_t>(u)] = keeping > 0; break;
        }
    }
    if (strategy.kind != Strategy::Kind::Reference)
        return kept;
    for (size_t k = 0; k < voters.size(); ++k) {
        if (voters[k].key != strategy.reference)
            continue;
        for (int64_t u = 0; u < units; ++u)
            if (votes[k][static_cast<size_t>(u)] >= 0)
                kept[static_cast<size_t>(u)] = votes[k][static_cast<size_t>(u)] > 0;
        return kept;
    }
    if (conflict)
        throw Error(ErrorKind::Usage,
            "reference layer '" + strategy.reference + "' is not in the strict group of " + group.root
                + ", whose masks disagree; pick a layer of that group");
    return kept;
}

// Brings back the fewest removed channels that satisfy the group's count rules; later
// channels come back first (as NNI's group rule does).
bool round(const PruningGroup& g, std::vector<bool>& kept)
{
    bool changed = false;
    for (size_t pass = 0; pass <= static_cast<size_t>(g.channels); ++pass) {
        bool again = false;
        for (const auto& c : g.constraints) {
            if (c.kind == GroupConstraint::Kind::EqualPerBlock) {
                int64_t fewest = INT64_MAX;
                for (const auto& block : c.blocks)
                    fewest = std::min(fewest, strict::removedIn(block, kept));
                for (const auto& block : c.blocks)
                    for (auto it = block.rbegin(); it != block.rend() && strict::removedIn(block, kept) > fewest; ++it)
                        if (*it >= 0 && !kept[static_cast<size_t>(*it)])
                            kept[static_cast<size_t>(*it)] = again = true;
            } else {
                for (const auto& block : c.blocks) {
                    const auto size = static_cast<int64_t>(block.size());
                    for (auto it = block.rbegin();
                         it != block.rend() && (size - strict::removedIn(block, kept)) % c.divisor != 0; ++it)
                        if (*it >= 0 && !kept[static_cast<size_t>(*it)])
                            kept[static_cast<size_t>(*it)] = again = true;
                }
            }
        }
        changed = changed || again;
        if (!again)
            break;
    }
    return changed;
}

// "0,2-5,9" for ascending units.
std::string ranges(const std::vector<int>& sorted)
{
    std::string text;
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1)
            ++j;
        text += (text.empty() ? "" : ",") + std::to_string(sorted[i]) + (j > i ? "-" + std::to_string(sorted[j]) : "");
        i = j + 1;
    }
    return text;
}

std::string parameterName(const GroupMember& m) { return (m.module.empty() ? "" : m.module + ".") + m.name; }

void addForced(StrictFix& out, const PruningGroup& g, const std::vector<bool>& kept, const std::vector<Voter>& voters)
{
    for (const auto& m : g.members) {
        // A voter's bias follows its mask.
        const bool voter = std::any_of(voters.begin(), voters.end(),
            [&](const Voter& v) { return v.member->module == m.module && !m.module.empty(); });
        if (voter)
            continue;
        int64_t removed = 0;
        for (int u : m.map.units)
            removed += u >= 0 && !kept[static_cast<size_t>(u)];
        if (removed)
            out.forced.push_back({ g.id, g.root, parameterName(m), m.role, m.dim, removed, m.map.size });
    }
}

} // namespace

StrictFix fixMasksStrict(const OpGraph& graph, const StrictGroups& groups, MaskSet& masks, const Strategy& strategy)
{
    StrictFix out;
    for (const auto& [layer, mask] : masks)
        if (!strict::namesFilters(groups, layer)) {
            const ModuleInfo* module = graph.module(layer);
            out.notices.push_back("the mask of " + layer + " is left as it is: "
                + (module && module->calls.empty()
                        ? std::string("forward never calls it, so the pruner leaves it alone")
                        : std::string("strict groups decide with the filter masks of conv and linear layers")));
        }
    for (const PruningGroup& g : groups.groups) {
        const std::vector<Voter> voters = strict::votersOf(graph, g, masks);
        const bool masked = std::any_of(voters.begin(), voters.end(), [](const Voter& v) { return v.mask; });
        if (!masked)
            continue;
        bool fineGrained = false;
        for (const auto& v : voters)
            if (v.mask && !v.mask->isStructured(v.member->dim)) {
                out.notices.push_back(
                    "group of " + g.root + " left as it is: the mask of " + v.key + " is not whole filters");
                fineGrained = true;
            }
        if (fineGrained)
            continue;
        std::vector<std::vector<int>> votes;
        votes.reserve(voters.size());
        for (const auto& v : voters)
            votes.push_back(strict::unitVotes(v, g.channels));
        bool conflict = false;
        std::vector<bool> kept = decide(votes, voters, strategy, g.channels, conflict, g);
        // One notice per reason: a classifier's masks can prune hundreds of output channels.
        std::map<std::string, std::vector<int>> restored;
        for (size_t k = 0; k < g.fixed_units.size(); ++k) {
            const auto u = static_cast<size_t>(g.fixed_units[k]);
            if (!kept[u]) {
                kept[u] = true;
                conflict = true;
                restored[g.fixed_reasons[k]].push_back(g.fixed_units[k]);
            }
        }
        for (auto& [reason, units] : restored) {
            std::sort(units.begin(), units.end());
            out.notices.push_back("group of " + g.root + ": " + (units.size() == 1 ? "channel " : "channels ")
                + ranges(units) + (units.size() == 1 ? " stays, " : " stay, ") + reason);
        }
        conflict = round(g, kept) || conflict;
        out.conflicts += conflict;
        if (std::none_of(kept.begin(), kept.end(), [](bool k) { return k; }))
            out.notices.push_back("the masks remove every channel of the group of " + g.root
                + "; the pruner refuses that (keep at least one filter)");
        MaskFix fix;
        fix.kind = ConflictSet::Kind::Channel;
        fix.set_index = g.id;
        fix.strategy = strategy.toString();
        for (const auto& v : voters) {
            if (v.weight.empty())
                continue;
            std::vector<bool> filters(static_cast<size_t>(v.member->map.size), true);
            for (int64_t i = v.member->map.first; i < v.member->map.end(); ++i)
                if (const int u = v.member->map.unitAt(i); u >= 0)
                    filters[static_cast<size_t>(i)] = kept[static_cast<size_t>(u)];
            std::optional<LayerMask> before;
            if (v.mask)
                before = *v.mask;
            const bool removes = std::find(filters.begin(), filters.end(), false) != filters.end();
            if (!before && !removes)
                continue;
            // NNI rewrites every mask of a set it fixes; a layer alone in its group keeps
            // its mask unless the group's rules change its filters.
            if (before && voters.size() == 1 && before->kept(v.member->dim) == filters)
                continue;
            LayerMask after = maskKeeping(v.weight, v.hasBias, v.member->dim, filters, before, true);
            if (before && after == *before)
                continue;
            fix.changes.push_back(describeChange(v.key, before, std::move(after), v.member->dim));
        }
        addForced(out, g, kept, voters);
        if (!fix.empty()) {
            fix.apply(masks);
            out.fixes.push_back(std::move(fix));
        }
    }
    return out;
}

} // namespace prunescope
