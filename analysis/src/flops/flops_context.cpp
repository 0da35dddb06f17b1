// SPDX-License-Identifier: MIT
#include "flops_context.h"

#include <cstring>

namespace prunescope::flops {

int64_t numel(const Shape& shape, size_t from)
{
    int64_t n = 1;
    for (size_t i = from; i < shape.size(); ++i)
        n *= shape[i];
    return n;
}

Shape NodeView::inputShape(size_t i) const
{
    size_t seen = 0;
    for (int id : node.inputs) {
        const auto& value = graph.values[static_cast<size_t>(id)];
        if (value.has_shape && seen++ == i)
            return value.shape;
    }
    return {};
}

Shape NodeView::outputShape(size_t i) const
{
    size_t seen = 0;
    for (int id : node.outputs) {
        const auto& value = graph.values[static_cast<size_t>(id)];
        if (value.has_shape && seen++ == i)
            return value.shape;
    }
    // A node whose output nobody reads (the model's last op, say) still ran: use the
    // key op's own output.
    for (const auto& op : node.ops)
        if (!op.outputs.empty() && op.outputs[0].known && op.outputs[0].kind == OpArgument::Kind::Tensor)
            return op.outputs[0].shape;
    return {};
}

const OpCall* NodeView::firstOp(const char* const* kinds) const
{
    for (const auto& op : node.ops)
        for (const char* const* k = kinds; *k; ++k)
            if (op.kind == *k)
                return &op;
    return nullptr;
}

const ModuleParam* NodeView::param(const std::string& name) const
{
    if (!module)
        return nullptr;
    for (const auto& p : module->params)
        if (p.name == name && !p.buffer)
            return &p;
    return nullptr;
}

bool NodeView::hasBias() const { return param("bias") != nullptr; }

} // namespace prunescope::flops
