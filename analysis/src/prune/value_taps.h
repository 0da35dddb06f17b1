// SPDX-License-Identifier: MIT
#pragma once
// Taps on the tensors of a probed forward: a tiny op inserted where each OpGraph value is
// produced, whose handler may replace the tensor (silencing removed channels in the
// original) or only look at it (recording, comparing). The original and the pruned model
// are tapped alike, so both runs meet at the same OpGraph value ids.
#include "forward_probe.h"

#include <functional>

namespace prunescope::detail {

// Called on the thread running the forward, once per execution of the producing op (more
// than once inside loops). Returns the tensor the rest of the forward sees.
using TapHandler = std::function<at::Tensor(int value, const at::Tensor& tensor)>;

class ValueTaps {
public:
    // Instruments probe.graph (after the probe's own run). Model inputs are not tapped.
    explicit ValueTaps(ForwardProbe& probe);
    ~ValueTaps();
    ValueTaps(const ValueTaps&) = delete;
    ValueTaps& operator=(const ValueTaps&) = delete;

    // forward(self, inputs...) on real tensors, without autograd; returns its result.
    c10::IValue run(const std::vector<at::Tensor>& inputs, const TapHandler& handler);
    // The OpGraph value whose tap ran last (-1 before any): names the op a failing run
    // stopped after.
    int lastValue() const { return m_last; }
    void onTap(int value) { m_last = value; }

private:
    ForwardProbe& m_probe;
    std::unique_ptr<torch::jit::Code> m_code;
    int m_last = -1;
};

// The tensors of a forward's result, in order (tuples, lists and dict values flattened).
std::vector<at::Tensor> flattenTensors(const c10::IValue& value);

} // namespace prunescope::detail
