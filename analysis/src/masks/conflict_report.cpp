// SPDX-License-Identifier: MIT
#include "conflict_detail.h"
#include "prunescope/graph_analyses.h"
#include "prunescope/mask_conflict.h"

namespace prunescope {

namespace {

// NNI's detect_mask_prune_dim: compare how much of dim 0 and dim 1 the Conv2d masks
// remove; filters win ties.
int detectPruneDim(const GraphAnalyses& analyses, const MaskSet& masks)
{
    double dim0Kept = 0, dim1Kept = 0, dim0Total = 0, dim1Total = 0;
    for (const auto& [name, mask] : masks) {
        const ModuleInfo* module = analyses.module(name);
        if (!module || module->type != "Conv2d" || mask.shape.size() < 2)
            continue;
        for (bool k : mask.kept(0))
            dim0Kept += k;
        for (bool k : mask.kept(1))
            dim1Kept += k;
        dim0Total += static_cast<double>(mask.shape[0]);
        dim1Total += static_cast<double>(mask.shape[1]);
    }
    if (dim0Total == 0 || dim1Total == 0)
        return 0;
    return 1.0 - dim0Kept / dim0Total >= 1.0 - dim1Kept / dim1Total ? 0 : 1;
}

// NNI's detect_channel_prune_type: Batchnorm when every mask is a BatchNorm2d's.
PruneType detectPruneType(const GraphAnalyses& analyses, const MaskSet& masks)
{
    for (const auto& [name, mask] : masks) {
        const ModuleInfo* module = analyses.module(name);
        if (!module || module->type != "BatchNorm2d")
            return PruneType::Filter;
    }
    return PruneType::Batchnorm;
}

ConflictSet groupSet(const MaskSet& masks, const GroupDependency& dep, int index)
{
    ConflictSet set;
    set.kind = ConflictSet::Kind::Group;
    set.index = index;
    set.layers = { dep.layer };
    set.max_groups = dep.max_groups;
    set.min_groups = dep.min_groups;
    const LayerMask& mask = masks.at(dep.layer);
    const GroupAnalysis analysis = analyseGroups(mask, dep.max_groups, dep.min_groups);
    set.skipped = !analysis.notice.empty();
    set.notice = analysis.notice;
    set.pruned_per_group = analysis.prunedPerGroup;
    set.conflict = !analysis.unmask.empty();
    return set;
}

ConflictSet channelSet(
    const GraphAnalyses& analyses, const MaskSet& masks, const std::vector<std::string>& layers, int dim, int index)
{
    ConflictSet set;
    set.index = index;
    set.layers = layers;
    set.prune_dim = dim;
    size_t width = 0;
    for (const auto& name : layers) {
        auto found = masks.find(name);
        if (found == masks.end())
            continue;
        const ModuleInfo* module = analyses.module(name);
        const std::string type = module ? module->type : "?";
        const auto weightDim = weightDimFor(type, dim);
        if (!weightDim) {
            set.skipped = true;
            set.notice = "layer " + name + " is a " + type + ", whose masks NNI's fixer does not handle";
            continue;
        }
        if (!found->second.isStructured(*weightDim)) {
            set.skipped = true;
            set.notice = "the mask of " + name
                + " is fine-grained (not whole channels); fixing would rewrite it "
                  "channel by channel, so this set is left as it is";
        }
        auto kept = found->second.kept(*weightDim);
        if (width && kept.size() != width) {
            set.skipped = true;
            set.notice = "the layers' masks have different channel counts";
        }
        width = kept.size();
        set.kept.emplace_back(name, std::move(kept));
    }
    // Layers without a mask keep every channel.
    const size_t unmasked = layers.size() - set.kept.size();
    for (size_t c = 0; c < width && !set.skipped; ++c) {
        size_t keeping = unmasked;
        for (const auto& entry : set.kept)
            keeping += entry.second[c];
        if (keeping > 0 && keeping < layers.size())
            set.disputed.push_back(static_cast<int64_t>(c));
    }
    set.conflict = !set.disputed.empty();
    return set;
}

} // namespace

size_t ConflictReport::conflicts() const
{
    size_t n = 0;
    for (const auto& set : sets)
        n += set.conflict;
    return n;
}

ConflictReport findConflicts(GraphAnalyses& analyses, const MaskSet& masks)
{
    ConflictReport report;
    int index = 0;
    for (const auto& dep : analyses.groups()) {
        if (dep.max_groups > 1 && masks.count(dep.layer))
            report.sets.push_back(groupSet(masks, dep, index));
        ++index;
    }
    report.prune_dim = detectPruneDim(analyses, masks);
    report.prune_type = detectPruneType(analyses, masks);
    const LayerSets& sets = report.prune_dim == 0 ? analyses.channel(report.prune_type).sets : analyses.inputChannel();
    for (size_t i = 0; i < sets.size(); ++i) {
        if (sets[i].size() < 2)
            continue;
        bool anyMask = false;
        for (const auto& name : sets[i])
            anyMask = anyMask || masks.count(name);
        if (anyMask)
            report.sets.push_back(channelSet(analyses, masks, sets[i], report.prune_dim, static_cast<int>(i)));
    }
    return report;
}

ConflictReport findConflicts(const OpGraph& graph, const MaskSet& masks)
{
    GraphAnalyses analyses(graph);
    return findConflicts(analyses, masks);
}

} // namespace prunescope
