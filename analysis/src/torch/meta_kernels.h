// SPDX-License-Identifier: MIT
#pragma once

namespace prunescope::detail {

// libtorch 1.13 lacks Meta kernels for a few ops common models need (convolution,
// batch and layer norm, adaptive average pooling); ours compute output shapes only.
void ensureMetaKernels();
// relu, roll, 3-D max pooling, index_select, channel_shuffle (meta_kernels_common.cpp).
void ensureCommonMetaKernels();

} // namespace prunescope::detail
