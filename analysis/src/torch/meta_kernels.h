#pragma once

namespace prunescope::detail {

// libtorch 1.13 has no Meta kernels for two ops every CNN needs; registers ours once.
void ensureMetaKernels();

} // namespace prunescope::detail
