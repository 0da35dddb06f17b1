#include "meta_parameters.h"

namespace prunescope::detail {

MetaParameters::MetaParameters(const torch::jit::Module& root)
{
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
}

} // namespace prunescope::detail
