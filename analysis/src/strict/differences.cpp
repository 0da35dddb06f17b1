// SPDX-License-Identifier: MIT
// Where the strict groups and NNI v2.9's sets disagree, one line of reason each. Both
// are partitions of the same layers (NNI's filter layers), so each difference is a tie
// one side makes and the other does not, a group strict cannot prune, or members NNI
// does not know of.
#include "prunescope/pruning_groups.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace prunescope {

namespace {

std::string moduleOf(const std::string& parameter)
{
    const auto dot = parameter.rfind('.');
    return dot == std::string::npos ? std::string() : parameter.substr(0, dot);
}

std::string join(const std::vector<std::string>& items)
{
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

std::string whyNniMisses(const std::string& rule, const std::string& a, const std::string& b, const std::string& node)
{
    if (rule == "depthwise conv")
        return b + " (depthwise) is tied to " + a + "; NNI v2.9 has no depthwise rule";
    if (rule == "cat")
        return a + " and " + b + " meet in cat '" + node
            + "' along another dim than theirs, so their channels must match; NNI v2.9's cat never ties";
    if (rule == "channel split by view")
        return a + " and " + b + " are tied by '" + node
            + "', which splits the channels into fixed slices (a channel shuffle keeps both halves at the same "
              "positions); NNI v2.9 does not follow views";
    if (rule == "chunk" || rule == "split" || rule == "split_with_sizes")
        return a + " and " + b + " are tied through the pieces of '" + node + "'; NNI v2.9 does not follow " + rule;
    if (rule == "matmul" || rule == "bmm" || rule == "mm")
        return a + " and " + b + " meet in the sum over channels of " + rule + " '" + node
            + "'; NNI v2.9 ignores matrix products";
    return a + " and " + b + " are tied by " + rule + " '" + node
        + "'; NNI v2.9's search stops before it reaches both (at a cat, a view or an op that changes dim 1)";
}

bool knownLayerType(const std::string& type)
{
    static const std::set<std::string> types { "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d",
        "ConvTranspose3d", "Linear", "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LayerNorm", "GroupNorm",
        "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "Embedding", "PReLU", "LayerNorm2d" };
    return types.count(type) != 0;
}

int findSet(std::vector<int>& parent, int x)
{
    while (parent[static_cast<size_t>(x)] != x)
        x = parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
    return x;
}

} // namespace

std::vector<RulesDifference> rulesDifferences(const OpGraph& graph, const StrictGroups& strict,
    const ChannelDependencyResult& nni, const std::vector<UnsafeLayer>& nniUnsafe)
{
    std::vector<RulesDifference> out;
    std::map<std::string, int> nniSetOf;
    for (size_t i = 0; i < nni.sets.size(); ++i)
        for (const auto& layer : nni.sets[i])
            nniSetOf[layer] = static_cast<int>(i);
    std::map<std::string, int> groupOf;
    for (const auto& g : strict.groups)
        for (const auto& m : g.members)
            if (m.role == MemberRole::OutChannels && m.name == "weight")
                groupOf.emplace(m.module, g.id);

    for (const auto& g : strict.groups) {
        // Strict ties NNI keeps apart: the ties that join different NNI sets say why.
        std::vector<int> parent(nni.sets.size());
        std::iota(parent.begin(), parent.end(), 0);
        for (const auto& tie : g.ties) {
            const std::string a = moduleOf(tie.first), b = moduleOf(tie.second);
            auto sa = nniSetOf.find(a), sb = nniSetOf.find(b);
            if (sa == nniSetOf.end() || sb == nniSetOf.end())
                continue;
            const int ra = findSet(parent, sa->second), rb = findSet(parent, sb->second);
            if (ra == rb)
                continue;
            parent[static_cast<size_t>(std::max(ra, rb))] = std::min(ra, rb);
            out.push_back({ RulesDifference::Kind::TiedOnlyStrict, { a, b }, whyNniMisses(tie.rule, a, b, tie.node) });
        }
        // Members NNI does not know of: functional weights and free parameters.
        std::vector<std::string> extra;
        for (const auto& m : g.members) {
            // A layer NNI sees is a module that forward calls; a Linear whose weight goes
            // to F.linear (Swin's qkv) is not one.
            const ModuleInfo* module = graph.module(m.module);
            const bool layer = module && !m.module.empty() && knownLayerType(module->type) && !module->calls.empty()
                && (m.name == "weight" || m.name == "bias" || m.name == "running_mean" || m.name == "running_var");
            const std::string name = (m.module.empty() ? "" : m.module + ".") + m.name;
            if (!layer && std::find(extra.begin(), extra.end(), name) == extra.end())
                extra.push_back(name);
        }
        const auto layers = g.layers();
        if (!extra.empty())
            out.push_back({ RulesDifference::Kind::ExtraMembers, layers,
                "the group of " + g.root + " also shrinks " + join(extra)
                    + " (functional weights or free parameters NNI v2.9 does not see)" });
        std::vector<std::string> nniLayers;
        for (const auto& layer : layers)
            if (nniSetOf.count(layer))
                nniLayers.push_back(layer);
        if (g.blocked())
            out.push_back({ RulesDifference::Kind::Blocked, layers,
                join(layers) + ": not prunable, " + g.blocked_reason
                    + (nniLayers.empty() ? "" : "; NNI v2.9 lists it as prunable") });
        else if (!g.fixed_units.empty())
            out.push_back({ RulesDifference::Kind::Blocked, layers,
                join(layers) + ": " + std::to_string(g.fixed_units.size()) + " of " + std::to_string(g.channels)
                    + " channels must stay, " + g.fixed_reasons.front() });
    }

    // NNI ties layers whose channels never meet.
    for (size_t i = 0; i < nni.sets.size(); ++i) {
        std::map<int, std::vector<std::string>> byGroup;
        for (const auto& layer : nni.sets[i]) {
            auto found = groupOf.find(layer);
            byGroup[found == groupOf.end() ? -1 : found->second].push_back(layer);
        }
        if (byGroup.size() < 2)
            continue;
        std::vector<std::string> parts;
        parts.reserve(byGroup.size());
        for (const auto& [gid, members] : byGroup)
            parts.push_back("{" + join(members) + "}");
        const std::string ops
            = i < nni.tied_by.size() && !nni.tied_by[i].empty() ? " through " + join(nni.tied_by[i]) : "";
        out.push_back({ RulesDifference::Kind::TiedOnlyNni, nni.sets[i],
            "NNI v2.9 ties " + join(nni.sets[i]) + ops + ", but their channel indices never meet: strict keeps "
                + join(parts) + " apart" });
    }

    // NNI's not_safe_to_prune follows every edge into a view; strict only a constant size.
    std::set<std::string> strictUnsafe;
    for (const auto& f : strict.not_safe_to_prune)
        strictUnsafe.insert(f.layer);
    for (const auto& u : nniUnsafe) {
        if (strictUnsafe.count(u.layer))
            continue;
        const auto group = groupOf.find(u.layer);
        const bool blocked = group != groupOf.end() && strict.groups[static_cast<size_t>(group->second)].blocked();
        out.push_back({ RulesDifference::Kind::SafeOnlyStrict, { u.layer },
            "NNI v2.9 lists " + u.layer + " as not safe to prune (it reaches '" + u.reshape_op
                + "'), but no constant there fixes its channels: the sizes are read at run time or follow them"
                + (blocked ? " (its group is blocked for another reason)" : "") });
    }
    return out;
}

} // namespace prunescope
