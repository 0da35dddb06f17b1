// SPDX-License-Identifier: MIT
// The JSON form of the analyses' results: dependencies, layers not safe to prune, FLOPs.
#include "prunescope/json_types.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace prunescope {

using nlohmann::json;

void to_json(json& j, const ChannelDependencyResult& result)
{
    j = { { "prune_type", pruneTypeName(result.prune_type) }, { "sets", result.sets }, { "tied_by", result.tied_by } };
}

void from_json(const json& j, ChannelDependencyResult& result)
{
    result.prune_type = parsePruneType(j.at("prune_type").get<std::string>());
    j.at("sets").get_to(result.sets);
    j.at("tied_by").get_to(result.tied_by);
}

void to_json(json& j, const UnsafeLayer& u)
{
    j = { { "layer", u.layer }, { "reshape_op", u.reshape_op }, { "reshape_ops", u.reshape_ops }, { "path", u.path },
        { "reason", u.reason } };
}

void from_json(const json& j, UnsafeLayer& u)
{
    j.at("layer").get_to(u.layer);
    j.at("reshape_op").get_to(u.reshape_op);
    j.at("reshape_ops").get_to(u.reshape_ops);
    j.at("path").get_to(u.path);
    j.at("reason").get_to(u.reason);
}

json groupDependencyJson(const std::vector<GroupDependency>& groups)
{
    json j = json::object();
    for (size_t i = 0; i < groups.size(); ++i)
        j[groups[i].layer]
            = { { "max_groups", groups[i].max_groups }, { "min_groups", groups[i].min_groups }, { "index", i } };
    return j;
}

std::vector<GroupDependency> groupDependencyFromJson(const json& j)
{
    std::vector<std::pair<size_t, GroupDependency>> indexed;
    for (const auto& [layer, entry] : j.items()) {
        GroupDependency g;
        g.layer = layer;
        entry.at("max_groups").get_to(g.max_groups);
        entry.at("min_groups").get_to(g.min_groups);
        indexed.emplace_back(entry.value("index", indexed.size()), std::move(g));
    }
    std::stable_sort(indexed.begin(), indexed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<GroupDependency> groups;
    groups.reserve(indexed.size());
    for (auto& entry : indexed)
        groups.push_back(std::move(entry.second));
    return groups;
}

void to_json(json& j, const UncountedType& u)
{
    j = { { "type", u.type }, { "calls", u.calls }, { "params", u.params } };
}

void from_json(const json& j, UncountedType& u)
{
    j.at("type").get_to(u.type);
    j.at("calls").get_to(u.calls);
    j.at("params").get_to(u.params);
}

void to_json(json& j, const FlopsResult& flops)
{
    json layers = json::array();
    for (const auto& l : flops.layers) {
        json layer { { "name", l.name }, { "type", l.type }, { "flops", l.flops }, { "params", l.params },
            { "weight_shape", l.weight_shape }, { "input_shape", l.input_shape }, { "output_shape", l.output_shape },
            { "call", l.call }, { "node", l.node } };
        if (l.executions != 1)
            layer["executions"] = l.executions;
        if (flops.masked) {
            layer["masked_flops"] = l.masked_flops;
            layer["effective_flops"] = l.effective_flops;
            layer["effective_params"] = l.effective_params;
            if (l.kept_out_channels >= 0)
                layer["kept_out_channels"] = l.kept_out_channels;
            if (l.out_channels >= 0)
                layer["out_channels"] = l.out_channels;
        }
        layers.push_back(std::move(layer));
    }
    j = { { "mode", flopsModeName(flops.mode) }, { "total", flops.total }, { "params", flops.params },
        { "model_params", flops.model_params }, { "batch_size", flops.batch_size }, { "layers", std::move(layers) },
        { "uncounted", flops.uncounted } };
    if (flops.masked) {
        j["masked_total"] = flops.masked_total;
        j["effective_total"] = flops.effective_total;
        j["effective_params"] = flops.effective_params;
    }
}

void from_json(const json& j, FlopsResult& flops)
{
    flops.mode = parseFlopsMode(j.at("mode").get<std::string>());
    j.at("total").get_to(flops.total);
    j.at("params").get_to(flops.params);
    j.at("model_params").get_to(flops.model_params);
    flops.batch_size = j.value("batch_size", int64_t(1));
    j.at("uncounted").get_to(flops.uncounted);
    flops.masked = j.contains("effective_total");
    flops.masked_total = j.value("masked_total", flops.total);
    flops.effective_total = j.value("effective_total", flops.total);
    flops.effective_params = j.value("effective_params", flops.params);
    flops.layers.clear();
    for (const auto& l : j.at("layers")) {
        LayerFlops layer;
        l.at("name").get_to(layer.name);
        l.at("type").get_to(layer.type);
        l.at("flops").get_to(layer.flops);
        l.at("params").get_to(layer.params);
        l.at("weight_shape").get_to(layer.weight_shape);
        l.at("input_shape").get_to(layer.input_shape);
        l.at("output_shape").get_to(layer.output_shape);
        layer.call = l.value("call", 1);
        layer.node = l.value("node", -1);
        layer.executions = l.value("executions", 1);
        layer.masked_flops = l.value("masked_flops", layer.flops);
        layer.effective_flops = l.value("effective_flops", layer.flops);
        layer.effective_params = l.value("effective_params", layer.params);
        layer.kept_out_channels = l.value("kept_out_channels", int64_t(-1));
        layer.out_channels = l.value("out_channels", int64_t(-1));
        flops.layers.push_back(std::move(layer));
    }
}

} // namespace prunescope
