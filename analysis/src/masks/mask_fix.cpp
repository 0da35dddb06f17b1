// SPDX-License-Identifier: MIT
#include "conflict_detail.h"
#include "prunescope/error.h"
#include "prunescope/graph_analyses.h"

#include <algorithm>

namespace prunescope {

namespace {

std::vector<bool> strategyResult(const ConflictSet& set, const Strategy& strategy)
{
    const size_t width = set.kept.front().second.size();
    const size_t unmasked = set.layers.size() - set.kept.size();
    if (strategy.kind == Strategy::Kind::Reference) {
        if (std::find(set.layers.begin(), set.layers.end(), strategy.reference) == set.layers.end())
            throw Error(ErrorKind::Usage, "reference layer '" + strategy.reference + "' is not in this dependency set");
        for (const auto& [name, kept] : set.kept)
            if (name == strategy.reference)
                return kept;
        return std::vector<bool>(width, true); // the reference has no mask: it keeps all
    }
    std::vector<bool> result(width);
    for (size_t c = 0; c < width; ++c) {
        size_t keeping = unmasked;
        for (const auto& entry : set.kept)
            keeping += entry.second[c];
        switch (strategy.kind) {
        case Strategy::Kind::Union: result[c] = keeping > 0; break;
        case Strategy::Kind::Intersection: result[c] = keeping == set.layers.size(); break;
        case Strategy::Kind::Majority: result[c] = 2 * keeping >= set.layers.size(); break;
        case Strategy::Kind::Reference: break;
        }
    }
    return result;
}

const ModuleParam* weightOf(const ModuleInfo& module, bool& hasBias)
{
    const ModuleParam* weight = nullptr;
    hasBias = false;
    for (const auto& p : module.params) {
        if (p.buffer)
            continue;
        if (p.name == "weight")
            weight = &p;
        hasBias = hasBias || p.name == "bias";
    }
    return weight;
}

MaskFix channelFix(
    const GraphAnalyses& analyses, const MaskSet& masks, const ConflictSet& set, const Strategy& strategy)
{
    MaskFix fix;
    fix.kind = ConflictSet::Kind::Channel;
    fix.set_index = set.index;
    fix.strategy = strategy.toString();
    if (set.skipped || set.kept.empty())
        return fix;
    const std::vector<bool> target = strategyResult(set, strategy);
    const bool keepsAll = std::all_of(target.begin(), target.end(), [](bool k) { return k; });
    for (const auto& name : set.layers) {
        const ModuleInfo* module = analyses.module(name);
        if (!module)
            continue;
        const auto weightDim = weightDimFor(module->type, set.prune_dim);
        bool hasBias = false;
        const ModuleParam* weight = weightOf(*module, hasBias);
        if (!weightDim || !weight)
            continue;
        auto found = masks.find(name);
        std::optional<LayerMask> before;
        if (found != masks.end())
            before = found->second;
        else if (keepsAll)
            continue; // no mask and nothing to prune: stays without one, as in NNI
        LayerMask after = maskKeeping(weight->shape, hasBias, *weightDim, target, before, set.prune_dim == 0);
        if (before && after == *before)
            continue;
        fix.changes.push_back(describeChange(name, before, std::move(after), *weightDim));
    }
    return fix;
}

MaskFix groupFix(const MaskSet& masks, const ConflictSet& set)
{
    MaskFix fix;
    fix.kind = ConflictSet::Kind::Group;
    fix.set_index = set.index;
    fix.strategy = "nni-group";
    const std::string& name = set.layers.front();
    auto found = masks.find(name);
    if (found == masks.end())
        return fix;
    const GroupAnalysis analysis = analyseGroups(found->second, set.max_groups, set.min_groups);
    if (!analysis.notice.empty() || analysis.unmask.empty())
        return fix;
    LayerMask after = found->second;
    const int64_t inner = static_cast<int64_t>(after.weight.size()) / after.shape[0];
    for (int64_t f : analysis.unmask) {
        std::fill_n(after.weight.begin() + f * inner, inner, 1);
        // NNI leaves the bias mask of a re-enabled filter at 0 (its hasattr(dict,
        // 'bias') test never holds); we keep bias and filter consistent.
        if (after.has_bias)
            after.bias[static_cast<size_t>(f)] = 1;
    }
    fix.changes.push_back(describeChange(name, found->second, std::move(after), 0));
    return fix;
}

} // namespace

MaskChange describeChange(const std::string& layer, const std::optional<LayerMask>& before, LayerMask after, int dim)
{
    MaskChange c;
    c.layer = layer;
    c.before = before;
    c.created = !before.has_value();
    c.dim = dim;
    const auto oldKept = before ? before->kept(dim) : std::vector<bool>(after.kept(dim).size(), true);
    const auto newKept = after.kept(dim);
    for (size_t i = 0; i < newKept.size() && i < oldKept.size(); ++i) {
        if (newKept[i] && !oldKept[i])
            c.reenabled.push_back(static_cast<int64_t>(i));
        if (!newKept[i] && oldKept[i])
            c.newly_pruned.push_back(static_cast<int64_t>(i));
    }
    c.sparsity_before = before ? sparsity(*before) : 0.0;
    c.sparsity_after = sparsity(after);
    c.after = std::move(after);
    return c;
}

std::string Strategy::toString() const
{
    switch (kind) {
    case Kind::Union: return "union";
    case Kind::Intersection: return "intersection";
    case Kind::Majority: return "majority";
    case Kind::Reference: return "reference:" + reference;
    }
    return "union";
}

Strategy Strategy::parse(const std::string& text)
{
    Strategy s;
    if (text == "union")
        s.kind = Kind::Union;
    else if (text == "intersection")
        s.kind = Kind::Intersection;
    else if (text == "majority")
        s.kind = Kind::Majority;
    else if (text.rfind("reference:", 0) == 0 && text.size() > 10) {
        s.kind = Kind::Reference;
        s.reference = text.substr(10);
    } else
        throw Error(ErrorKind::Usage,
            "unknown strategy \"" + text + "\": use union, intersection, majority or reference:<layer>");
    return s;
}

void MaskFix::apply(MaskSet& masks) const
{
    for (const auto& c : changes)
        masks[c.layer] = c.after;
}

void MaskFix::undo(MaskSet& masks) const
{
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
        if (it->before)
            masks[it->layer] = *it->before;
        else
            masks.erase(it->layer);
    }
}

MaskFix fixConflictSet(
    const GraphAnalyses& analyses, const MaskSet& masks, const ConflictSet& set, const Strategy& strategy)
{
    return set.kind == ConflictSet::Kind::Group ? groupFix(masks, set) : channelFix(analyses, masks, set, strategy);
}

MaskFix fixConflictSet(const OpGraph& graph, const MaskSet& masks, const ConflictSet& set, const Strategy& strategy)
{
    return fixConflictSet(GraphAnalyses(graph), masks, set, strategy);
}

std::vector<MaskFix> fixMaskConflicts(const OpGraph& graph, MaskSet& masks, const Strategy& strategy)
{
    GraphAnalyses analyses(graph);
    return fixMaskConflicts(analyses, masks, strategy);
}

std::vector<MaskFix> fixMaskConflicts(GraphAnalyses& analyses, MaskSet& masks, const Strategy& strategy)
{
    std::vector<MaskFix> fixes;
    // Group conflicts first, as NNI does; the channel sets are then found on the result.
    for (const auto& set : findConflicts(analyses, masks).sets) {
        if (set.kind != ConflictSet::Kind::Group)
            continue;
        MaskFix fix = groupFix(masks, set);
        fix.apply(masks);
        if (!fix.empty())
            fixes.push_back(std::move(fix));
    }
    for (const auto& set : findConflicts(analyses, masks).sets) {
        if (set.kind != ConflictSet::Kind::Channel)
            continue;
        MaskFix fix = channelFix(analyses, masks, set, strategy);
        fix.apply(masks);
        if (!fix.empty())
            fixes.push_back(std::move(fix));
    }
    return fixes;
}

} // namespace prunescope
