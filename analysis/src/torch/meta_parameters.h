// SPDX-License-Identifier: MIT
#pragma once
// Swaps every parameter and buffer of a module tree for a meta tensor of the same shape
// (module.to(kMeta) throws in libtorch 1.13) and puts the real ones back afterwards, with
// every other attribute as it was before the run.
#include "torch_pch.h"

#include <string>
#include <vector>

namespace prunescope::detail {

class MetaParameters {
public:
    explicit MetaParameters(const torch::jit::Module& root);
    ~MetaParameters(); // restores
    MetaParameters(const MetaParameters&) = delete;
    MetaParameters& operator=(const MetaParameters&) = delete;

    void restore();

private:
    struct Swapped {
        c10::intrusive_ptr<c10::ivalue::Object> owner;
        std::string name;
        at::Tensor original;
    };
    std::vector<Swapped> m_swapped;
    struct Slot {
        c10::intrusive_ptr<c10::ivalue::Object> owner;
        size_t index;
        c10::IValue value;
    };
    std::vector<Slot> m_slots;
};

} // namespace prunescope::detail
