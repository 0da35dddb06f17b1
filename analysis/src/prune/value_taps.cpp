// SPDX-License-Identifier: MIT
#include "value_taps.h"

#include <torch/library.h>

namespace prunescope::detail {

using torch::jit::Node;
using torch::jit::Value;

namespace {

struct ActiveTaps {
    ValueTaps* taps = nullptr;
    const TapHandler* handler = nullptr;
};
thread_local ActiveTaps t_active;

at::Tensor tap(const at::Tensor& tensor, int64_t id)
{
    if (!t_active.handler || !tensor.defined())
        return tensor;
    t_active.taps->onTap(static_cast<int>(id));
    return (*t_active.handler)(static_cast<int>(id), tensor);
}

// A catch-all kernel, as the shape recorder's observers: it must run whatever the
// tensors' dispatch keys.
TORCH_LIBRARY(prunescope_verify, m) { m.def("tap(Tensor t, int id) -> Tensor", tap); }

const c10::Symbol kTap = c10::Symbol::fromQualString("prunescope_verify::tap");

struct Scope {
    Scope(ValueTaps* taps, const TapHandler* handler) { t_active = { taps, handler }; }
    ~Scope() { t_active = {}; }
};

void flattenInto(const c10::IValue& value, std::vector<at::Tensor>& out)
{
    if (value.isTensor())
        out.push_back(value.toTensor());
    else if (value.isTuple())
        for (const auto& element : value.toTupleRef().elements())
            flattenInto(element, out);
    else if (value.isList())
        for (const auto& element : value.toListRef())
            flattenInto(element, out);
    else if (value.isGenericDict())
        for (const auto& entry : value.toGenericDict())
            flattenInto(entry.value(), out);
}

} // namespace

ValueTaps::ValueTaps(ForwardProbe& probe)
    : m_probe(probe)
{
    auto& graph = *probe.graph;
    const auto& values = probe.opGraph.values;
    for (size_t id = 0; id < values.size(); ++id) {
        if (!values[id].has_shape || values[id].model_input >= 0)
            continue;
        auto* value = const_cast<Value*>(probe.trace.values.at(id));
        if (value->type()->kind() != c10::TypeKind::TensorType)
            continue;
        Node* producer = value->node();
        Node* before
            = producer->kind() == c10::prim::Param ? producer->owningBlock()->nodes().front() : producer->next();
        torch::jit::WithInsertPoint guard(before);
        Value* idConstant = graph.insertConstant(static_cast<int64_t>(id));
        Node* node = graph.insertNode(graph.create(kTap, { value, idConstant }, 1));
        node->output()->setType(value->type());
        value->replaceAllUsesAfterNodeWith(node, node->output());
    }
}

ValueTaps::~ValueTaps() = default;

c10::IValue ValueTaps::run(const std::vector<at::Tensor>& inputs, const TapHandler& handler)
{
    if (!m_code)
        m_code = std::make_unique<torch::jit::Code>(m_probe.graph, "forward");
    torch::jit::Stack stack;
    stack.emplace_back(m_probe.module._ivalue());
    for (const auto& input : inputs)
        stack.emplace_back(input);
    m_last = -1;
    const Scope scope(this, &handler);
    torch::NoGradGuard noGrad;
    torch::jit::InterpreterState state(*m_code);
    state.run(stack);
    return stack.empty() ? c10::IValue() : stack.back();
}

std::vector<at::Tensor> flattenTensors(const c10::IValue& value)
{
    std::vector<at::Tensor> out;
    flattenInto(value, out);
    return out;
}

} // namespace prunescope::detail
