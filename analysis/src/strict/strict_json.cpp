// SPDX-License-Identifier: MIT
// The strict groups as JSON (documented in the README): index maps as compact runs.
#include "prunescope/pruning_groups.h"
#include "prunescope/strict_masks.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace prunescope {

using nlohmann::json;

namespace {

// unit `unit` + k (k < count) holds the indices index + k*step + j*inner (j < width).
struct Run {
    int unit = 0;
    int count = 1;
    int64_t index = 0;
    int64_t step = 0;
    int64_t width = 1;
    int64_t inner = 0;
    std::vector<int64_t> indices; // an irregular unit, listed
};

bool arithmetic(const std::vector<int64_t>& list, int64_t& inner)
{
    inner = list.size() > 1 ? list[1] - list[0] : 0;
    for (size_t k = 2; k < list.size(); ++k)
        if (list[k] - list[k - 1] != inner)
            return false;
    return true;
}

std::vector<Run> runsOf(const UnitMap& map)
{
    int units = 0;
    for (int u : map.units)
        units = std::max(units, u + 1);
    std::vector<std::vector<int64_t>> byUnit(static_cast<size_t>(units));
    for (int64_t i = map.first; i < map.end(); ++i)
        if (const int u = map.unitAt(i); u >= 0)
            byUnit[static_cast<size_t>(u)].push_back(i);
    std::vector<Run> runs;
    for (int u = 0; u < units; ++u) {
        const auto& list = byUnit[static_cast<size_t>(u)];
        if (list.empty())
            continue;
        int64_t inner = 0;
        if (!arithmetic(list, inner)) {
            Run r;
            r.unit = u;
            r.indices = list;
            runs.push_back(r);
            continue;
        }
        const auto width = static_cast<int64_t>(list.size());
        if (!runs.empty()) {
            Run& last = runs.back();
            const bool next
                = last.indices.empty() && last.unit + last.count == u && last.width == width && last.inner == inner;
            const int64_t step = list[0] - last.index;
            if (next && (last.count == 1 || last.index + last.count * last.step == list[0])) {
                if (last.count == 1)
                    last.step = step;
                ++last.count;
                continue;
            }
        }
        Run r;
        r.unit = u;
        r.index = list[0];
        r.width = width;
        r.inner = inner;
        runs.push_back(r);
    }
    return runs;
}

const char* constraintKindName(GroupConstraint::Kind kind)
{
    return kind == GroupConstraint::Kind::Divisible ? "divisible" : "equal_per_block";
}

} // namespace

void to_json(json& j, const UnitMap& map)
{
    j = json::array();
    for (const Run& r : runsOf(map)) {
        json run { { "unit", r.unit } };
        if (!r.indices.empty()) {
            run["indices"] = r.indices;
        } else {
            run["index"] = r.index;
            if (r.count > 1) {
                run["count"] = r.count;
                run["step"] = r.step;
            }
            if (r.width > 1) {
                run["width"] = r.width;
                run["inner"] = r.inner;
            }
        }
        j.push_back(run);
    }
}

void from_json(const json& j, UnitMap& map)
{
    // The member's size comes first (GroupMember's from_json sets it); the window is
    // rebuilt as the whole dim, then trimmed.
    std::vector<int> all(static_cast<size_t>(map.size), -1);
    for (const auto& run : j) {
        const int unit = run.at("unit").get<int>();
        auto set = [&](int u, int64_t i) {
            if (i >= 0 && i < map.size)
                all[static_cast<size_t>(i)] = u;
        };
        if (run.contains("indices")) {
            for (int64_t i : run.at("indices").get<std::vector<int64_t>>())
                set(unit, i);
            continue;
        }
        const int count = run.value("count", 1);
        const int64_t index = run.at("index").get<int64_t>(), step = run.value("step", int64_t(0));
        const int64_t width = run.value("width", int64_t(1)), inner = run.value("inner", int64_t(0));
        for (int k = 0; k < count; ++k)
            for (int64_t w = 0; w < width; ++w)
                set(unit + k, index + k * step + w * inner);
    }
    auto first = std::find_if(all.begin(), all.end(), [](int u) { return u >= 0; });
    auto last = std::find_if(all.rbegin(), all.rend(), [](int u) { return u >= 0; }).base();
    map.first = first - all.begin();
    map.units = first < last ? std::vector<int>(first, last) : std::vector<int> {};
}

void to_json(json& j, const GroupMember& m)
{
    j = json { { "module", m.module }, { "name", m.name }, { "dim", m.dim }, { "role", memberRoleName(m.role) },
        { "size", m.map.size }, { "map", m.map } };
    if (m.groups > 1)
        j["groups"] = m.groups;
    if (!m.layer_type.empty())
        j["layer_type"] = m.layer_type;
}

void from_json(const json& j, GroupMember& m)
{
    m.module = j.at("module").get<std::string>();
    m.name = j.at("name").get<std::string>();
    m.dim = j.at("dim").get<int>();
    m.groups = j.value("groups", int64_t(1));
    const std::string role = j.at("role").get<std::string>();
    m.role = role == "out_channels" ? MemberRole::OutChannels
        : role == "in_channels"     ? MemberRole::InChannels
                                    : MemberRole::PerChannel;
    m.layer_type = j.value("layer_type", std::string());
    m.map.size = j.at("size").get<int64_t>();
    from_json(j.at("map"), m.map);
}

void to_json(json& j, const GroupConstraint& c)
{
    j = json { { "kind", constraintKindName(c.kind) }, { "node", c.node }, { "reason", c.reason },
        { "blocks", c.blocks } };
    if (c.kind == GroupConstraint::Kind::Divisible)
        j["divisor"] = c.divisor;
}

void from_json(const json& j, GroupConstraint& c)
{
    c.kind = j.at("kind").get<std::string>() == "divisible" ? GroupConstraint::Kind::Divisible
                                                            : GroupConstraint::Kind::EqualPerBlock;
    c.node = j.at("node").get<std::string>();
    c.reason = j.at("reason").get<std::string>();
    c.blocks = j.at("blocks").get<std::vector<std::vector<int>>>();
    c.divisor = j.value("divisor", int64_t(1));
}

void to_json(json& j, const GroupTie& t)
{
    j = json { { "node", t.node }, { "rule", t.rule }, { "first", t.first }, { "second", t.second } };
}

void from_json(const json& j, GroupTie& t)
{
    t.node = j.at("node").get<std::string>();
    t.rule = j.at("rule").get<std::string>();
    t.first = j.at("first").get<std::string>();
    t.second = j.at("second").get<std::string>();
}

void to_json(json& j, const PruningGroup& g)
{
    // Fixed units as ranges of one reason each: a blocked classifier has a thousand.
    json fixed = json::array();
    for (size_t k = 0; k < g.fixed_units.size(); ++k) {
        if (!fixed.empty() && fixed.back()["reason"] == g.fixed_reasons[k]
            && fixed.back()["units"].back()[1].get<int>() + 1 == g.fixed_units[k]) {
            fixed.back()["units"].back()[1] = g.fixed_units[k];
            continue;
        }
        if (!fixed.empty() && fixed.back()["reason"] == g.fixed_reasons[k]) {
            fixed.back()["units"].push_back({ g.fixed_units[k], g.fixed_units[k] });
            continue;
        }
        fixed.push_back(
            { { "units", json::array({ { g.fixed_units[k], g.fixed_units[k] } }) }, { "reason", g.fixed_reasons[k] } });
    }
    j = json { { "id", g.id }, { "root", g.root }, { "channels", g.channels },
        { "blocked", g.blocked() ? json(g.blocked_reason) : json(nullptr) }, { "members", g.members },
        { "constraints", g.constraints }, { "tied_by", g.tied_by }, { "ties", g.ties }, { "fixed", fixed },
        { "notes", g.notes } };
}

void from_json(const json& j, PruningGroup& g)
{
    g.id = j.at("id").get<int>();
    g.root = j.at("root").get<std::string>();
    g.channels = j.at("channels").get<int64_t>();
    g.blocked_reason = j.at("blocked").is_null() ? std::string() : j.at("blocked").get<std::string>();
    g.members = j.at("members").get<std::vector<GroupMember>>();
    g.constraints = j.at("constraints").get<std::vector<GroupConstraint>>();
    g.tied_by = j.at("tied_by").get<std::vector<std::string>>();
    g.ties = j.at("ties").get<std::vector<GroupTie>>();
    g.notes = j.at("notes").get<std::vector<std::string>>();
    g.fixed_units.clear();
    g.fixed_reasons.clear();
    for (const auto& entry : j.at("fixed")) {
        const std::string reason = entry.at("reason").get<std::string>();
        for (const auto& range : entry.at("units"))
            for (int u = range[0].get<int>(); u <= range[1].get<int>(); ++u) {
                g.fixed_units.push_back(u);
                g.fixed_reasons.push_back(reason);
            }
    }
}

void to_json(json& j, const BlockedOp& op)
{
    j = json { { "node", op.node }, { "op", op.op }, { "reason", op.reason }, { "layers", op.layers } };
}

void from_json(const json& j, BlockedOp& op)
{
    op.node = j.at("node").get<std::string>();
    op.op = j.at("op").get<std::string>();
    op.reason = j.at("reason").get<std::string>();
    op.layers = j.at("layers").get<std::vector<std::string>>();
}

void to_json(json& j, const FixedLayer& layer)
{
    j = json { { "layer", layer.layer }, { "node", layer.node }, { "reason", layer.reason } };
}

void from_json(const json& j, FixedLayer& layer)
{
    layer.layer = j.at("layer").get<std::string>();
    layer.node = j.at("node").get<std::string>();
    layer.reason = j.at("reason").get<std::string>();
}

const char* differenceKindName(RulesDifference::Kind kind)
{
    switch (kind) {
    case RulesDifference::Kind::TiedOnlyStrict: return "tied_only_strict";
    case RulesDifference::Kind::TiedOnlyNni: return "tied_only_nni";
    case RulesDifference::Kind::Blocked: return "blocked";
    case RulesDifference::Kind::SafeOnlyStrict: return "safe_only_strict";
    case RulesDifference::Kind::ExtraMembers: break;
    }
    return "extra_members";
}

void to_json(json& j, const RulesDifference& d)
{
    j = json { { "kind", differenceKindName(d.kind) }, { "layers", d.layers }, { "reason", d.reason } };
}

void from_json(const json& j, RulesDifference& d)
{
    const std::string kind = j.at("kind").get<std::string>();
    d.kind = kind == "tied_only_strict" ? RulesDifference::Kind::TiedOnlyStrict
        : kind == "tied_only_nni"       ? RulesDifference::Kind::TiedOnlyNni
        : kind == "blocked"             ? RulesDifference::Kind::Blocked
        : kind == "safe_only_strict"    ? RulesDifference::Kind::SafeOnlyStrict
                                        : RulesDifference::Kind::ExtraMembers;
    d.layers = j.at("layers").get<std::vector<std::string>>();
    d.reason = j.at("reason").get<std::string>();
}

void to_json(json& j, const StrictGroups& groups)
{
    j = json { { "groups", groups.groups }, { "blocked_ops", groups.blocked_ops },
        { "not_safe_to_prune", groups.not_safe_to_prune } };
}

void from_json(const json& j, StrictGroups& groups)
{
    groups.groups = j.at("groups").get<std::vector<PruningGroup>>();
    groups.blocked_ops = j.at("blocked_ops").get<std::vector<BlockedOp>>();
    groups.not_safe_to_prune = j.at("not_safe_to_prune").get<std::vector<FixedLayer>>();
}

void to_json(json& j, const StrictReport& report)
{
    j = report.groups;
    j["differences"] = report.differences;
}

void from_json(const json& j, StrictReport& report)
{
    j.get_to(report.groups);
    report.differences = j.value("differences", std::vector<RulesDifference> {});
}

std::vector<const RulesDifference*> StrictReport::differencesOf(const std::string& layer) const
{
    std::vector<const RulesDifference*> found;
    for (const auto& d : differences)
        if (std::find(d.layers.begin(), d.layers.end(), layer) != d.layers.end())
            found.push_back(&d);
    return found;
}

void to_json(json& j, const ForcedMember& m)
{
    j = json { { "group", m.group }, { "root", m.root }, { "parameter", m.parameter },
        { "role", memberRoleName(m.role) }, { "dim", m.dim }, { "removed", m.removed }, { "size", m.size } };
}

void to_json(json& j, const TensorSlice& s)
{
    j = json { { "module", s.module }, { "name", s.name }, { "dim", s.dim }, { "kept", s.kept } };
    if (s.groups > 1)
        j["groups"] = s.groups;
}

void to_json(json& j, const ConstantEdit& e)
{
    j = json { { "node", e.node }, { "op", e.op }, { "argument", e.argument }, { "element", e.element },
        { "value", e.value }, { "occurrence", e.occurrence } };
}

void to_json(json& j, const SilencedValue& v)
{
    j = json { { "value", v.value }, { "dim", v.dim }, { "removed", v.removed } };
}

void to_json(json& j, const PrunePlan& p)
{
    j = json { { "slices", p.slices }, { "edits", p.edits }, { "silenced", p.silenced } };
}

} // namespace prunescope
