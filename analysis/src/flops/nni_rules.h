// SPDX-License-Identifier: MIT
#pragma once
// NNI v2.9's per-module formulas (nni/compression/pytorch/utils/counter.py), on our
// graph instead of forward hooks. FLOPs are per sample, as NNI's are.
#include "flops_context.h"

#include <optional>

namespace prunescope::flops {

// Whether NNI's mode counts this module (exact torch.nn class, as NNI's type(m) lookup).
bool nniCounts(const ModuleInfo& module, FlopsMode mode);
// The float type a module's arithmetic is counted as: a quantized Conv2d or ConvReLU2d as
// Conv2d, a LinearReLU as Linear; any other module as its own type.
std::string countedType(const ModuleInfo& module);
// Types only full mode adds: in default mode they are left out by design, not unknown.
bool nniFullOnly(const std::string& type);

struct NniCount {
    int64_t flops = 0;
    int64_t params = 0;
};

// `maskedWeightSum`: NNI's weight_mask.sum() for a masked conv/linear (remaining
// filters only); `kept`: channels left after speedup (our effective count).
NniCount nniModuleCount(
    const NodeView& view, FlopsMode mode, std::optional<int64_t> maskedWeightSum = {}, const ChannelsKept& kept = {});

} // namespace prunescope::flops
