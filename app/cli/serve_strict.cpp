// SPDX-License-Identifier: MIT
// The session under strict rules: the groups, once per model, and the masks' conflicts
// as the strict groups see them.
#include "serve_session.h"

#include "prunescope/strict_masks.h"

#include <algorithm>

namespace prunescope::cli {

const StrictReport& ServeSession::strict()
{
    if (!m_strict) {
        StrictReport r;
        r.groups = strictGroups(analyses().graph());
        // Against NNI's filter sets, as `analyze --rules strict` (the strict groups are filter groups).
        r.differences = rulesDifferences(
            analyses().graph(), r.groups, analyses().channel(PruneType::Filter), analyses().unsafe());
        m_strict = std::move(r);
    }
    return *m_strict;
}

ConflictReport ServeSession::strictConflicts()
{
    // A group is in conflict when a pruner could not apply its masks as they are: the fix
    // (union, on a copy) changes some of its layers' masks, or gives a mask to a layer the
    // group forces (a depthwise conv, a layer of the cat). Its index is the group's id.
    ConflictReport report = findConflicts(analyses(), m_masks);
    report.sets.clear();
    if (report.prune_dim != 0)
        return report; // input-channel masks: the strict rules fix filter masks only (masks.fix says so)
    MaskSet copy = m_masks;
    const StrictFix fix = fixMasksStrict(analyses().graph(), strict().groups, copy, Strategy {});
    for (const auto& f : fix.fixes) {
        ConflictSet set;
        set.kind = ConflictSet::Kind::Channel;
        set.index = f.set_index;
        set.conflict = true;
        const auto group = std::find_if(strict().groups.groups.begin(), strict().groups.groups.end(),
            [&](const PruningGroup& g) { return g.id == f.set_index; });
        if (group != strict().groups.groups.end())
            set.layers = group->layers();
        for (const auto& change : f.changes) {
            if (std::find(set.layers.begin(), set.layers.end(), change.layer) == set.layers.end())
                set.layers.push_back(change.layer);
            if (change.before)
                set.kept.emplace_back(change.layer, change.before->kept(change.dim));
            for (const auto* list : { &change.reenabled, &change.newly_pruned })
                for (int64_t c : *list)
                    if (std::find(set.disputed.begin(), set.disputed.end(), c) == set.disputed.end())
                        set.disputed.push_back(c);
        }
        std::sort(set.disputed.begin(), set.disputed.end());
        report.sets.push_back(std::move(set));
    }
    return report;
}

} // namespace prunescope::cli
