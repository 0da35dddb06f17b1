#include "prunescope/report.h"

#include <nlohmann/json.hpp>

namespace prunescope {

nlohmann::json flopsJson(const FlopsResult& flops)
{
    using nlohmann::json;
    json layers = json::array();
    for (const auto& l : flops.layers) {
        json layer { { "name", l.name }, { "type", l.type }, { "flops", l.flops }, { "params", l.params },
            { "weight_shape", l.weight_shape }, { "input_shape", l.input_shape }, { "output_shape", l.output_shape },
            { "call", l.call }, { "node", l.node } };
        if (flops.masked) {
            layer["masked_flops"] = l.masked_flops;
            layer["effective_flops"] = l.effective_flops;
            layer["effective_params"] = l.effective_params;
            if (l.kept_out_channels >= 0)
                layer["kept_out_channels"] = l.kept_out_channels;
        }
        layers.push_back(layer);
    }
    json uncounted = json::array();
    for (const auto& u : flops.uncounted)
        uncounted.push_back({ { "type", u.type }, { "calls", u.calls }, { "params", u.params } });
    json j { { "mode", flopsModeName(flops.mode) }, { "total", flops.total }, { "params", flops.params },
        { "model_params", flops.model_params }, { "batch_size", flops.batch_size }, { "layers", layers },
        { "uncounted", uncounted } };
    if (flops.masked) {
        j["masked_total"] = flops.masked_total;
        j["effective_total"] = flops.effective_total;
        j["effective_params"] = flops.effective_params;
    }
    return j;
}

} // namespace prunescope
