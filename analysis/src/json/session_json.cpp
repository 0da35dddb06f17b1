// SPDX-License-Identifier: MIT
// The worker's session and its updates, as replies carry them.
#include "prunescope/json_types.h"

#include <nlohmann/json.hpp>

namespace prunescope {

using nlohmann::json;

namespace {

const char* pruneTypeWord(PruneType type) { return type == PruneType::Filter ? "filter" : "batchnorm"; }

std::vector<int> ids(const std::vector<FixRecord>& records)
{
    std::vector<int> result;
    result.reserve(records.size());
    for (const auto& r : records)
        result.push_back(r.id);
    return result;
}

} // namespace

bool knownRules(const std::string& rules) { return rules == "nni" || rules == "strict"; }

bool SessionSettings::operator==(const SessionSettings& o) const
{
    return prune_type == o.prune_type && flops_mode == o.flops_mode && rules == o.rules;
}

bool OpenedModel::operator==(const OpenedModel& o) const
{
    return path == o.path && inputs == o.inputs && shape_mode == o.shape_mode && graph_id == o.graph_id;
}

bool FixRecord::operator==(const FixRecord& o) const
{
    return id == o.id && strategy == o.strategy && set == o.set && changes == o.changes;
}

bool MaskSessionState::modified() const { return ids(applied) != saved; }

bool MaskSessionState::operator==(const MaskSessionState& o) const
{
    return path == o.path && applied == o.applied && undone == o.undone && saved == o.saved
        && saved_path == o.saved_path && conflicts == o.conflicts;
}

bool SessionState::operator==(const SessionState& o) const
{
    return model == o.model && settings == o.settings && masks == o.masks;
}

void to_json(json& j, const SessionSettings& s)
{
    j = { { "prune_type", pruneTypeWord(s.prune_type) }, { "flops_mode", flopsModeName(s.flops_mode) },
        { "rules", s.rules } };
}

void from_json(const json& j, SessionSettings& s)
{
    s.prune_type = parsePruneType(j.at("prune_type").get<std::string>());
    s.flops_mode = parseFlopsMode(j.at("flops_mode").get<std::string>());
    s.rules = j.value("rules", std::string("nni"));
}

void to_json(json& j, const OpenedModel& m)
{
    j = { { "path", m.path }, { "inputs", m.inputs }, { "shape_mode", m.shape_mode }, { "graph_id", m.graph_id } };
}

void from_json(const json& j, OpenedModel& m)
{
    j.at("path").get_to(m.path);
    m.inputs = j.value("inputs", std::string());
    m.shape_mode = j.value("shape_mode", std::string("auto"));
    m.graph_id = j.value("graph_id", std::string());
}

void to_json(json& j, const FixRecord& r)
{
    j = { { "id", r.id }, { "strategy", r.strategy }, { "changes", r.changes } };
    if (r.set)
        j["set"] = *r.set;
}

void from_json(const json& j, FixRecord& r)
{
    j.at("id").get_to(r.id);
    j.at("strategy").get_to(r.strategy);
    r.changes = j.value("changes", size_t(0));
    r.set.reset();
    if (const auto set = j.find("set"); set != j.end() && !set->is_null())
        r.set = set->get<ConflictSetRef>();
}

void to_json(json& j, const MaskSessionState& m)
{
    j = { { "path", m.path }, { "applied", m.applied }, { "undone", m.undone }, { "saved", m.saved },
        { "saved_path", m.saved_path }, { "conflicts", m.conflicts }, { "modified", m.modified() } };
}

void from_json(const json& j, MaskSessionState& m)
{
    j.at("path").get_to(m.path);
    j.at("applied").get_to(m.applied);
    j.at("undone").get_to(m.undone);
    j.at("saved").get_to(m.saved);
    m.saved_path = j.value("saved_path", std::string());
    m.conflicts = j.value("conflicts", size_t(0));
}

void to_json(json& j, const SessionState& s)
{
    j = { { "model", s.model ? json(*s.model) : json(nullptr) }, { "settings", s.settings },
        { "masks", s.masks ? json(*s.masks) : json(nullptr) } };
}

void from_json(const json& j, SessionState& s)
{
    const json& model = j.at("model");
    s.model = model.is_null() ? std::nullopt : std::optional<OpenedModel>(model.get<OpenedModel>());
    j.at("settings").get_to(s.settings);
    const json& masks = j.at("masks");
    s.masks = masks.is_null() ? std::nullopt : std::optional<MaskSessionState>(masks.get<MaskSessionState>());
}

void to_json(json& j, const MaskUpdate& u)
{
    json layers = json::object();
    for (const auto& [name, state] : u.layers)
        layers[name] = state ? json(*state) : json(nullptr);
    j = { { "all_layers", u.all_layers }, { "layers", std::move(layers) }, { "conflicts", u.conflicts } };
}

void from_json(const json& j, MaskUpdate& u)
{
    u.all_layers = j.value("all_layers", false);
    u.layers.clear();
    for (const auto& [name, state] : j.at("layers").items())
        u.layers[name] = state.is_null() ? std::nullopt : std::optional<MaskLayerState>(state.get<MaskLayerState>());
    j.at("conflicts").get_to(u.conflicts);
}

void to_json(json& j, const SessionUpdate& u)
{
    j = { { "session", u.session } };
    if (u.channel)
        j["channel_dependency"] = *u.channel;
    if (u.flops)
        j["flops"] = *u.flops;
    if (u.masks)
        j["masks"] = *u.masks;
    if (u.strict)
        j["pruning_groups"] = *u.strict;
}

void from_json(const json& j, SessionUpdate& u)
{
    j.at("session").get_to(u.session);
    u.channel.reset();
    u.flops.reset();
    u.masks.reset();
    u.strict.reset();
    if (const auto it = j.find("pruning_groups"); it != j.end())
        u.strict = it->get<StrictReport>();
    if (const auto it = j.find("channel_dependency"); it != j.end())
        u.channel = it->get<ChannelDependencyResult>();
    if (const auto it = j.find("flops"); it != j.end())
        u.flops = it->get<FlopsResult>();
    if (const auto it = j.find("masks"); it != j.end())
        u.masks = it->get<MaskUpdate>();
}

} // namespace prunescope
