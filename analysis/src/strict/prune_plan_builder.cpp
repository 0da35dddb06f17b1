// SPDX-License-Identifier: MIT
// prunePlan: from masks consistent with the strict groups to the slices, constant edits
// and silenced values the pruner applies and verifies.
#include "prunescope/error.h"
#include "prunescope/strict_masks.h"
#include "votes.h"

#include <algorithm>
#include <map>

namespace prunescope {

using strict::Voter;

namespace {

std::string ranges(const std::vector<int64_t>& sorted)
{
    std::string text;
    for (size_t i = 0; i < sorted.size() && i < 8; ++i)
        text += (i ? "," : "") + std::to_string(sorted[i]);
    return text + (sorted.size() > 8 ? ",..." : "");
}

const std::string kFix = "; fix them with `prunescope-cli fix-masks --rules strict`";

// Per unit of one group: removed by the masks, checked for consistency.
std::vector<bool> removedUnits(const OpGraph& graph, const PruningGroup& g, const MaskSet& masks)
{
    std::vector<bool> removed(static_cast<size_t>(g.channels), false);
    std::vector<int> decidedBy(static_cast<size_t>(g.channels), -1); // voter index
    const std::vector<Voter> voters = strict::votersOf(graph, g, masks);
    for (size_t k = 0; k < voters.size(); ++k) {
        const Voter& v = voters[k];
        if (!v.mask)
            continue;
        if (!v.mask->isStructured(v.member->dim))
            throw Error(ErrorKind::BadInput, "the mask of " + v.key + " is not whole filters" + kFix);
        const auto filters = v.mask->kept(v.member->dim);
        std::vector<int> keptCount(static_cast<size_t>(g.channels), 0), total(static_cast<size_t>(g.channels), 0);
        const UnitMap& map = v.member->map;
        for (int64_t i = map.first; i < map.end() && i < static_cast<int64_t>(filters.size()); ++i) {
            if (const int u = map.unitAt(i); u >= 0) {
                ++total[static_cast<size_t>(u)];
                keptCount[static_cast<size_t>(u)] += filters[i];
            }
        }
        for (int64_t u = 0; u < g.channels; ++u) {
            const auto w = static_cast<size_t>(u);
            if (total[w] == 0)
                continue;
            if (keptCount[w] != 0 && keptCount[w] != total[w])
                throw Error(ErrorKind::BadInput,
                    "the mask of " + v.key + " keeps some of the filters that go together (filters "
                        + ranges(v.member->map.indicesOf(static_cast<int>(u))) + ")" + kFix);
            const bool gone = keptCount[w] == 0;
            if (decidedBy[w] >= 0 && removed[w] != gone)
                throw Error(ErrorKind::BadInput,
                    "the masks of " + voters[static_cast<size_t>(decidedBy[w])].key + " and " + v.key
                        + " disagree on channels that go together (strict group of " + g.root + ")" + kFix);
            removed[w] = gone;
            decidedBy[w] = static_cast<int>(k);
        }
    }
    for (size_t k = 0; k < g.fixed_units.size(); ++k)
        if (removed[static_cast<size_t>(g.fixed_units[k])])
            throw Error(ErrorKind::BadInput,
                "the masks remove channels of " + g.root + " that must stay: " + g.fixed_reasons[k]
                    + "; leave those filters in" + (g.blocked() ? " (the group is not prunable)" : ""));
    if (g.channels > 0 && std::all_of(removed.begin(), removed.end(), [](bool r) { return r; }))
        throw Error(ErrorKind::BadInput, "the masks prune every filter of " + g.root + "; keep at least one");
    std::vector<bool> kept(removed.size());
    for (size_t u = 0; u < removed.size(); ++u)
        kept[u] = !removed[u];
    for (const auto& c : g.constraints) {
        if (c.kind == GroupConstraint::Kind::EqualPerBlock) {
            const int64_t first = strict::removedIn(c.blocks.front(), kept);
            for (const auto& block : c.blocks)
                if (strict::removedIn(block, kept) != first)
                    throw Error(ErrorKind::BadInput, "the masks break a rule of " + g.root + ": " + c.reason + kFix);
        } else {
            for (const auto& block : c.blocks)
                if ((static_cast<int64_t>(block.size()) - strict::removedIn(block, kept)) % c.divisor != 0)
                    throw Error(ErrorKind::BadInput, "the masks break a rule of " + g.root + ": " + c.reason + kFix);
        }
    }
    return removed;
}

bool isRemoved(const std::vector<std::vector<bool>>& removed, const ChannelOwners& owners, size_t i)
{
    const int g = owners.group_of[i];
    return g >= 0 && removed[static_cast<size_t>(g)][static_cast<size_t>(owners.unit_of[i])];
}

int64_t newValue(const EditSite& site, const std::vector<std::vector<bool>>& removed)
{
    const size_t n = site.owners.group_of.size();
    int64_t count = 0;
    switch (site.kind) {
    case EditSite::Kind::KeptCount:
        for (size_t i = 0; i < n; ++i)
            count += !isRemoved(removed, site.owners, i);
        return count;
    case EditSite::Kind::Start:
    case EditSite::Kind::End:
        for (size_t i = 0; i < n && static_cast<int64_t>(i) < site.old_value; ++i)
            count += isRemoved(removed, site.owners, i);
        return site.old_value - count;
    case EditSite::Kind::Length:
        for (size_t i = static_cast<size_t>(site.start); i < n && static_cast<int64_t>(i) < site.start + site.old_value;
             ++i)
            count += !isRemoved(removed, site.owners, i);
        return count;
    }
    return site.old_value;
}

} // namespace

PrunePlan prunePlan(const OpGraph& graph, const StrictGroups& groups, const MaskSet& masks)
{
    for (const auto& [layer, mask] : masks) {
        if (strict::namesFilters(groups, layer))
            continue;
        // A module forward never calls (GoogLeNet's aux heads in eval) is not pruned.
        const ModuleInfo* module = graph.module(layer);
        if (module && module->calls.empty())
            continue;
        throw Error(ErrorKind::BadInput,
            "the masks name " + layer + ", which has no filters in any strict group (not a conv or linear layer "
                + "of this model?)");
    }
    std::vector<std::vector<bool>> removed;
    for (const auto& g : groups.groups)
        removed.push_back(removedUnits(graph, g, masks));

    PrunePlan plan;
    std::map<std::tuple<std::string, std::string, int>, size_t> sliceIndex;
    std::vector<std::vector<bool>> gone; // per slice: removed indices
    for (const auto& g : groups.groups) {
        const auto& r = removed[static_cast<size_t>(g.id)];
        if (std::none_of(r.begin(), r.end(), [](bool x) { return x; }))
            continue;
        for (const auto& m : g.members) {
            const auto key = std::make_tuple(m.module, m.name, m.dim);
            bool touched = false;
            for (int u : m.map.units)
                touched = touched || (u >= 0 && r[static_cast<size_t>(u)]);
            if (!touched)
                continue;
            auto [it, added] = sliceIndex.emplace(key, plan.slices.size());
            if (added) {
                TensorSlice slice;
                slice.module = m.module;
                slice.name = m.name;
                slice.dim = m.dim;
                slice.groups = m.groups;
                plan.slices.push_back(slice);
                gone.emplace_back(static_cast<size_t>(m.map.size), false);
            }
            auto& mark = gone[it->second];
            for (int64_t i = m.map.first; i < m.map.end(); ++i)
                if (const int u = m.map.unitAt(i); u >= 0 && r[static_cast<size_t>(u)])
                    mark[static_cast<size_t>(i)] = true;
        }
    }
    for (size_t k = 0; k < plan.slices.size(); ++k) {
        for (size_t i = 0; i < gone[k].size(); ++i)
            if (!gone[k][i])
                plan.slices[k].kept.push_back(static_cast<int64_t>(i));
        if (plan.slices[k].kept.empty())
            throw Error(ErrorKind::BadInput,
                "the masks remove every channel of " + plan.slices[k].module + "." + plan.slices[k].name
                    + "; keep at least one");
    }
    for (const auto& site : groups.edits) {
        const int64_t value = newValue(site, removed);
        if (value != site.old_value)
            plan.edits.push_back({ site.node, site.op, site.argument, site.element, value, site.occurrence });
    }
    for (const auto& vc : groups.values) {
        SilencedValue s;
        s.value = vc.value;
        s.dim = vc.dim;
        for (size_t i = 0; i < vc.owners.group_of.size(); ++i)
            if (isRemoved(removed, vc.owners, i))
                s.removed.push_back(static_cast<int64_t>(i));
        if (!s.removed.empty())
            plan.silenced.push_back(std::move(s));
    }
    return plan;
}

} // namespace prunescope
