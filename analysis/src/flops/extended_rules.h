// SPDX-License-Identifier: MIT
#pragma once
// Multiply-accumulates of one executed op, counting every position and token (what
// torchvision's published GFLOPS count): convolutions, linear layers, matrix products,
// fused attention and recurrent layers. Ops without arithmetic worth counting give 0;
// ops with arithmetic we have no rule for are reported as uncounted.
#include "flops_context.h"

namespace prunescope::flops {

struct OpMacs {
    int64_t macs = 0; // for the whole batch, one execution
    bool known = true; // false: arithmetic we cannot count (einsum, say)
};

OpMacs extendedOpMacs(const OpCall& op, const NodeView& view);

} // namespace prunescope::flops
