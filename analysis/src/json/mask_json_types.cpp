// SPDX-License-Identifier: MIT
// The JSON form of mask conflicts, fixes and mask states.
#include "prunescope/error.h"
#include "prunescope/json_types.h"

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

std::vector<bool> keptVector(const std::vector<int64_t>& indices, size_t width)
{
    std::vector<bool> kept(width, false);
    for (int64_t i : indices)
        if (i >= 0 && static_cast<size_t>(i) < width)
            kept[static_cast<size_t>(i)] = true;
    return kept;
}

} // namespace

const char* conflictKindName(ConflictSet::Kind kind) { return kind == ConflictSet::Kind::Group ? "group" : "channel"; }

ConflictSet::Kind parseConflictKind(const std::string& text)
{
    if (text == "channel")
        return ConflictSet::Kind::Channel;
    if (text == "group")
        return ConflictSet::Kind::Group;
    throw Error(ErrorKind::Usage, "unknown set kind \"" + text + "\": use channel or group");
}

void to_json(json& j, const ConflictSet& set)
{
    j = { { "kind", conflictKindName(set.kind) }, { "index", set.index }, { "layers", set.layers },
        { "conflict", set.conflict }, { "skipped", set.skipped } };
    if (!set.notice.empty())
        j["notice"] = set.notice;
    if (set.kind == ConflictSet::Kind::Group) {
        j["max_groups"] = set.max_groups;
        j["min_groups"] = set.min_groups;
        j["pruned_per_group"] = set.pruned_per_group;
        return;
    }
    j["prune_dim"] = set.prune_dim;
    j["disputed"] = set.disputed;
    json kept = json::object();
    for (const auto& [layer, k] : set.kept)
        kept[layer] = keptIndices(k);
    j["kept"] = std::move(kept);
    if (set.kept.empty())
        return;
    const size_t width = set.kept.front().second.size();
    j["channels"] = width;
    // Layers whose masks have other channel counts (a set the fixer skips for that).
    json widths = json::object();
    for (const auto& [layer, k] : set.kept)
        if (k.size() != width)
            widths[layer] = k.size();
    if (!widths.empty())
        j["channels_of"] = std::move(widths);
}

void from_json(const json& j, ConflictSet& set)
{
    set = {};
    set.kind = parseConflictKind(j.at("kind").get<std::string>());
    j.at("index").get_to(set.index);
    j.at("layers").get_to(set.layers);
    j.at("conflict").get_to(set.conflict);
    j.at("skipped").get_to(set.skipped);
    set.notice = j.value("notice", std::string());
    if (set.kind == ConflictSet::Kind::Group) {
        j.at("max_groups").get_to(set.max_groups);
        j.at("min_groups").get_to(set.min_groups);
        j.at("pruned_per_group").get_to(set.pruned_per_group);
        return;
    }
    j.at("prune_dim").get_to(set.prune_dim);
    j.at("disputed").get_to(set.disputed);
    const json& kept = j.at("kept");
    const size_t width = j.value("channels", size_t(0));
    const json widths = j.value("channels_of", json::object());
    // The set's layers give the order: the JSON object sorts its keys.
    for (const auto& layer : set.layers) {
        const auto found = kept.find(layer);
        if (found == kept.end())
            continue;
        set.kept.emplace_back(layer, keptVector(found->get<std::vector<int64_t>>(), widths.value(layer, width)));
    }
}

void to_json(json& j, const ConflictReport& report)
{
    j = { { "prune_dim", report.prune_dim }, { "prune_type", pruneTypeName(report.prune_type) },
        { "conflicts", report.conflicts() }, { "sets", report.sets } };
}

void from_json(const json& j, ConflictReport& report)
{
    j.at("prune_dim").get_to(report.prune_dim);
    report.prune_type = parsePruneType(j.at("prune_type").get<std::string>());
    j.at("sets").get_to(report.sets);
}

void to_json(json& j, const ConflictSetRef& ref)
{
    j = { { "kind", conflictKindName(ref.kind) }, { "index", ref.index } };
}

void from_json(const json& j, ConflictSetRef& ref)
{
    if (!j.is_object())
        throw Error(ErrorKind::Usage, R"(a set must be an object: {"kind": "channel" or "group", "index": N})");
    const auto kind = j.find("kind");
    const auto index = j.find("index");
    if (kind == j.end() || !kind->is_string())
        throw Error(ErrorKind::Usage, R"(a set needs "kind": "channel" or "group")");
    if (index == j.end() || !index->is_number_integer())
        throw Error(ErrorKind::Usage, R"(a set needs an integer "index")");
    ref.kind = parseConflictKind(kind->get<std::string>());
    ref.index = index->get<int>();
}

void to_json(json& j, const MaskChange& c)
{
    j = { { "layer", c.layer }, { "created", c.created }, { "dim", c.dim }, { "reenabled", c.reenabled },
        { "newly_pruned", c.newly_pruned }, { "sparsity_before", c.sparsity_before },
        { "sparsity_after", c.sparsity_after } };
}

void from_json(const json& j, MaskChange& c)
{
    c = {};
    j.at("layer").get_to(c.layer);
    j.at("created").get_to(c.created);
    j.at("dim").get_to(c.dim);
    j.at("reenabled").get_to(c.reenabled);
    j.at("newly_pruned").get_to(c.newly_pruned);
    j.at("sparsity_before").get_to(c.sparsity_before);
    j.at("sparsity_after").get_to(c.sparsity_after);
}

void to_json(json& j, const MaskFix& fix)
{
    j = { { "kind", conflictKindName(fix.kind) }, { "set_index", fix.set_index }, { "strategy", fix.strategy },
        { "changes", fix.changes } };
}

void from_json(const json& j, MaskFix& fix)
{
    fix.kind = parseConflictKind(j.at("kind").get<std::string>());
    j.at("set_index").get_to(fix.set_index);
    j.at("strategy").get_to(fix.strategy);
    j.at("changes").get_to(fix.changes);
}

void to_json(json& j, const MaskLayerState& state)
{
    j = { { "shape", state.shape }, { "kept", state.kept }, { "structured", state.structured } };
    if (state.shape.size() > 1)
        j["kept_inputs"] = state.kept_inputs;
}

void from_json(const json& j, MaskLayerState& state)
{
    j.at("shape").get_to(state.shape);
    j.at("kept").get_to(state.kept);
    state.kept_inputs = j.value("kept_inputs", std::vector<int64_t> {});
    state.structured = j.value("structured", true);
}

MaskLayerState MaskLayerState::of(const LayerMask& mask)
{
    MaskLayerState state;
    state.shape = mask.shape;
    state.kept = keptIndices(mask.kept(0));
    state.structured = mask.isStructured(0);
    if (mask.shape.size() > 1)
        state.kept_inputs = keptIndices(mask.kept(1));
    return state;
}

bool MaskLayerState::operator==(const MaskLayerState& other) const
{
    return shape == other.shape && kept == other.kept && kept_inputs == other.kept_inputs
        && structured == other.structured;
}

} // namespace prunescope
