// SPDX-License-Identifier: MIT
#include "conflict_detail.h"

#include <algorithm>

namespace prunescope {

GroupAnalysis analyseGroups(const LayerMask& mask, int64_t maxGroups, int64_t minGroups)
{
    GroupAnalysis result;
    const int64_t filters = mask.shape.empty() ? 0 : mask.shape[0];
    if (filters == 0 || !mask.isStructured(0)) {
        result.notice = "the mask is fine-grained (not whole filters); NNI skips such layers";
        return result;
    }
    if (maxGroups <= 0 || filters % maxGroups != 0) {
        result.notice = std::to_string(filters) + " filters cannot be split into " + std::to_string(maxGroups)
            + " groups; NNI stops with an assertion here";
        return result;
    }
    const auto kept = mask.kept(0);
    std::vector<int64_t> zeros;
    for (int64_t f = 0; f < filters; ++f)
        if (!kept[static_cast<size_t>(f)])
            zeros.push_back(f);
    // Per group of max_groups, the pruned filters in index order; each group may only
    // lose as many as the group that loses fewest, so the later ones come back.
    const int64_t step = filters / maxGroups;
    std::vector<std::vector<int64_t>> perGroup(static_cast<size_t>(maxGroups));
    for (int64_t f : zeros)
        perGroup[static_cast<size_t>(f / step)].push_back(f);
    size_t fewest = zeros.size();
    for (const auto& g : perGroup) {
        fewest = std::min(fewest, g.size());
        result.prunedPerGroup.push_back(static_cast<int64_t>(g.size()));
    }
    for (const auto& g : perGroup)
        for (size_t i = fewest; i < g.size(); ++i)
            result.unmask.insert(g[i]);
    // A block of min_groups pruned entirely can go as a whole.
    const int64_t minStep = minGroups > 0 && filters % minGroups == 0 ? filters / minGroups : filters;
    for (int64_t start = 0; start < filters; start += minStep) {
        std::vector<int64_t> block;
        for (int64_t f : zeros)
            if (f >= start && f < start + minStep)
                block.push_back(f);
        if (static_cast<int64_t>(block.size()) == minStep)
            for (int64_t f : block)
                result.unmask.erase(f);
    }
    return result;
}

} // namespace prunescope
