#pragma once

namespace prunescope::detail {

// libtorch 1.13 lacks Meta kernels for a few ops common models need (convolution,
// batch and layer norm, adaptive average pooling); ours compute output shapes only.
void ensureMetaKernels();

} // namespace prunescope::detail
