#include "prunescope/report.h"

#include <nlohmann/json.hpp>

namespace prunescope {

using nlohmann::json;

namespace {

std::vector<int64_t> keptIndices(const std::vector<bool>& kept)
{
    std::vector<int64_t> result;
    for (size_t i = 0; i < kept.size(); ++i)
        if (kept[i])
            result.push_back(static_cast<int64_t>(i));
    return result;
}

const char* kindName(ConflictSet::Kind kind) { return kind == ConflictSet::Kind::Group ? "group" : "channel"; }

} // namespace

json conflictReportJson(const ConflictReport& report)
{
    json sets = json::array();
    for (const auto& set : report.sets) {
        json s { { "kind", kindName(set.kind) }, { "index", set.index }, { "layers", set.layers },
            { "conflict", set.conflict }, { "skipped", set.skipped } };
        if (!set.notice.empty())
            s["notice"] = set.notice;
        if (set.kind == ConflictSet::Kind::Group) {
            s["max_groups"] = set.max_groups;
            s["min_groups"] = set.min_groups;
            s["pruned_per_group"] = set.pruned_per_group;
        } else {
            s["prune_dim"] = set.prune_dim;
            s["disputed"] = set.disputed;
            json kept = json::object();
            for (const auto& [layer, k] : set.kept)
                kept[layer] = keptIndices(k);
            s["kept"] = kept;
            if (!set.kept.empty())
                s["channels"] = set.kept.front().second.size();
        }
        sets.push_back(s);
    }
    return { { "prune_dim", report.prune_dim }, { "prune_type", pruneTypeName(report.prune_type) },
        { "conflicts", report.conflicts() }, { "sets", sets } };
}

json maskFixesJson(const std::vector<MaskFix>& fixes)
{
    json result = json::array();
    for (const auto& fix : fixes) {
        json changes = json::array();
        for (const auto& c : fix.changes)
            changes.push_back({ { "layer", c.layer }, { "created", !c.before.has_value() }, { "dim", c.dim },
                { "reenabled", c.reenabled }, { "newly_pruned", c.newly_pruned },
                { "sparsity_before", c.sparsity_before }, { "sparsity_after", c.sparsity_after } });
        result.push_back({ { "kind", kindName(fix.kind) }, { "set_index", fix.set_index }, { "strategy", fix.strategy },
            { "changes", changes } });
    }
    return result;
}

} // namespace prunescope
