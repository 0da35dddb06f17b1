// SPDX-License-Identifier: MIT
#pragma once

#include <c10/util/ArrayRef.h>

#include <cstddef>
#include <cstdint>

namespace prunescope::detail {

// libtorch 1.13 lacks Meta kernels for a few ops common models need (convolution,
// batch and layer norm, adaptive average pooling); ours compute output shapes only.
void ensureMetaKernels();
// relu, roll, 3-D max pooling, index_select, channel_shuffle (meta_kernels_common.cpp).
void ensureCommonMetaKernels();

// A per-dimension argument (stride, padding, ...): empty means `fallback`, one value
// applies to every dimension, else dimension i's own.
int64_t pick(c10::IntArrayRef values, size_t i, int64_t fallback);

} // namespace prunescope::detail
