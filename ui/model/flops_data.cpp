#include "model/flops_data.h"

#include <QJsonArray>

namespace prunescope::ui {

FlopsData FlopsData::fromJson(const QJsonObject& flops)
{
    FlopsData data;
    data.mode = flops.value("mode").toString();
    data.total = flops.value("total").toInteger();
    data.params = flops.value("params").toInteger();
    data.modelParams = flops.value("model_params").toInteger();
    data.masked = flops.contains("effective_total");
    data.maskedTotal = flops.value("masked_total").toInteger(data.total);
    data.effectiveTotal = flops.value("effective_total").toInteger(data.total);
    data.effectiveParams = flops.value("effective_params").toInteger(data.params);
    for (const auto& u : flops.value("uncounted").toArray())
        data.uncounted << u.toObject().value("type").toString();
    for (const auto& l : flops.value("layers").toArray()) {
        const QJsonObject o = l.toObject();
        FlopsRow row;
        row.node = o.value("node").toInt(-1);
        row.name = o.value("name").toString();
        row.type = o.value("type").toString();
        row.weightShape = shapeFromJson(o.value("weight_shape"));
        row.inputShape = shapeFromJson(o.value("input_shape"));
        row.outputShape = shapeFromJson(o.value("output_shape"));
        row.flops = o.value("flops").toInteger();
        row.params = o.value("params").toInteger();
        row.call = o.value("call").toInt(1);
        row.maskedFlops = o.value("masked_flops").toInteger(row.flops);
        row.effectiveFlops = o.value("effective_flops").toInteger(row.flops);
        row.effectiveParams = o.value("effective_params").toInteger(row.params);
        data.multiUse = data.multiUse || row.call > 1;
        data.rows.push_back(row);
    }
    return data;
}

} // namespace prunescope::ui
