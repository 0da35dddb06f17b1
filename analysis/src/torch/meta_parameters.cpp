// SPDX-License-Identifier: MIT
#include "meta_parameters.h"

namespace prunescope::detail {

MetaParameters::MetaParameters(const torch::jit::Module& root)
{
    // The model's code may assign to its own attributes while it runs (torchvision's
    // AnchorGenerator caches its anchors on the input's device): every attribute is put
    // back afterwards, so that nothing meta survives into a later real run.
    for (const auto& entry : root.named_modules()) {
        const auto object = entry.value._ivalue();
        for (size_t i = 0; i < object->slots().size(); ++i)
            m_slots.push_back({ object, i, object->getSlot(i) });
    }
    auto swap = [this](const torch::jit::Module& module, const std::string& name, const at::Tensor& tensor) {
        if (!tensor.defined())
            return;
        m_swapped.push_back({ module._ivalue(), name, tensor });
        module._ivalue()->setAttr(name, tensor.to(c10::kMeta));
    };
    for (const auto& entry : root.named_modules()) {
        for (const auto& p : entry.value.named_parameters(false))
            swap(entry.value, p.name, p.value);
        for (const auto& b : entry.value.named_buffers(false))
            swap(entry.value, b.name, b.value);
    }
}

MetaParameters::~MetaParameters() { restore(); }

void MetaParameters::restore()
{
    for (auto& s : m_swapped)
        s.owner->setAttr(s.name, s.original);
    m_swapped.clear();
    for (auto& s : m_slots)
        s.owner->setSlot(s.index, std::move(s.value));
    m_slots.clear();
}

} // namespace prunescope::detail
