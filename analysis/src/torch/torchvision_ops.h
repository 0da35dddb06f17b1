// SPDX-License-Identifier: MIT
#pragma once

namespace prunescope::detail {

// torchvision::nms, roi_align and roi_pool (torchvision_ops.cpp): what the scripted
// detection models of torchvision 0.14 call. Calling this links the registration in.
void ensureTorchvisionOps();

} // namespace prunescope::detail
