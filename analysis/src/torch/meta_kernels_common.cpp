// SPDX-License-Identifier: MIT
// Meta kernels for common ops libtorch 1.13 has none for, where running the op on zero
// tensors (meta_fallback.cpp) would cost real work on every call: out-of-place relu (SE
// blocks, mobilenet_v3, regnet_y, segmentation heads) and the other activations
// (hardtanh = ReLU6, hardswish, prelu), roll (swin), flip, where, 3-D max pooling (s3d),
// index_select (embedding), channel_shuffle, grid_sampler_2d (RAFT). Each checks what the CPU kernel checks, so that
// meta never accepts an input a real run refuses.
#include "meta_kernels.h"

#include "torch_pch.h"

#include <torch/library.h>

namespace prunescope::detail {

namespace {

at::Tensor sameShape(const at::Tensor& self) { return at::empty_like(self); }

// hardtanh (ReLU6), hardswish, prelu: out-of-place activations keep the input's shape.
at::Tensor hardtanhMeta(const at::Tensor& self, const at::Scalar&, const at::Scalar&) { return at::empty_like(self); }

at::Tensor preluMeta(const at::Tensor& self, const at::Tensor& weight)
{
    TORCH_CHECK(weight.numel() == 1 || (self.dim() > 1 && weight.numel() == self.size(1)),
        "Mismatch of parameter numbers and input channel size. Found parameter numbers = ", weight.numel(),
        " and channel size = ", self.dim() > 1 ? self.size(1) : 1, ".");
    return at::empty_like(self);
}

at::Tensor flipMeta(const at::Tensor& self, at::IntArrayRef dims)
{
    for (int64_t d : dims)
        (void)c10::maybe_wrap_dim(d, self.dim());
    return at::empty_like(self);
}

// torch.where(condition, x, y): the three broadcast together.
at::Tensor whereMeta(const at::Tensor& condition, const at::Tensor& self, const at::Tensor& other)
{
    const auto shape = at::infer_size(at::infer_size(condition.sizes(), self.sizes()), other.sizes());
    return at::empty(shape, self.options().dtype(at::result_type(self, other)));
}

at::Tensor rollMeta(const at::Tensor& self, at::IntArrayRef shifts, at::IntArrayRef dims)
{
    TORCH_CHECK(!shifts.empty(), "`shifts` required");
    TORCH_CHECK(dims.empty() || shifts.size() == dims.size(),
        "shifts and dimensions must align. shifts: ", shifts.size(), ", dims:", dims.size());
    for (int64_t d : dims)
        (void)c10::maybe_wrap_dim(d, self.dim());
    return at::empty_like(self);
}

at::Tensor channelShuffleMeta(const at::Tensor& self, int64_t groups)
{
    TORCH_CHECK(self.dim() > 2, "channel_shuffle expects input to have at least 3 dimensions, but got input with ",
        self.dim(), " dimension(s)");
    TORCH_CHECK(groups > 0, "Number of groups to divide channels in must be positive.", " Value of groups:", groups);
    TORCH_CHECK(self.size(1) % groups == 0, "Number of channels must be divisible by groups. Got ", self.size(1),
        " channels and ", groups, " groups.");
    return at::empty_like(self);
}

at::Tensor indexSelectMeta(const at::Tensor& self, int64_t dim, const at::Tensor& index)
{
    TORCH_CHECK(index.dim() <= 1, "index_select(): Index is supposed to be a vector");
    TORCH_CHECK(index.scalar_type() == at::kLong || index.scalar_type() == at::kInt,
        "index_select(): Expected dtype int32 or int64 for index");
    std::vector<int64_t> shape = self.sizes().vec();
    if (self.dim() > 0)
        shape[static_cast<size_t>(c10::maybe_wrap_dim(dim, self.dim()))] = index.numel();
    return at::empty(shape, self.options());
}

// ATen's pooling_output_shape: floor (or ceil) division, and a last window that would
// start in the padding is dropped.
int64_t poolingOutput(int64_t in, int64_t kernel, int64_t pad, int64_t stride, int64_t dilation, bool ceil)
{
    TORCH_CHECK(stride > 0, "stride should be greater than zero, but got stride: ", stride);
    TORCH_CHECK(
        pad <= kernel / 2, "pad should be at most half of kernel size, but got pad=", pad, " and kernel_size=", kernel);
    const int64_t span = in + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0);
    int64_t out = (span >= 0 ? span / stride : -((-span + stride - 1) / stride)) + 1;
    if (ceil && (out - 1) * stride >= in + pad)
        --out;
    return out;
}

std::tuple<at::Tensor, at::Tensor> maxPool3dMeta(const at::Tensor& self, at::IntArrayRef kernel, at::IntArrayRef stride,
    at::IntArrayRef padding, at::IntArrayRef dilation, bool ceil)
{
    TORCH_CHECK(kernel.size() == 1 || kernel.size() == 3,
        "max_pool3d: kernel_size must either be a single int, or a tuple of three ints");
    TORCH_CHECK(self.dim() == 4 || self.dim() == 5, "non-empty 4D or 5D (batch mode) tensor expected for input");
    std::vector<int64_t> shape = self.sizes().vec();
    for (size_t i = 0; i < 3; ++i) {
        const size_t d = shape.size() - 3 + i;
        const int64_t k = pick(kernel, i, 1);
        const int64_t out
            = poolingOutput(shape[d], k, pick(padding, i, 0), pick(stride, i, k), pick(dilation, i, 1), ceil);
        TORCH_CHECK(out >= 1, "Given input size: (", self.sizes(), "). Calculated output size is too small");
        shape[d] = out;
    }
    return { at::empty(shape, self.options()), at::empty(shape, self.options().dtype(at::kLong)) };
}

// (N, C, H, W) sampled at a grid of (N, H', W', 2) points: (N, C, H', W') (RAFT's
// correlation lookup, 48 calls per forward).
at::Tensor gridSampler2dMeta(const at::Tensor& input, const at::Tensor& grid, int64_t, int64_t, bool)
{
    TORCH_CHECK(input.dim() == 4 && grid.dim() == 4,
        "grid_sampler(): expected 4D input and grid with same number "
        "of dimensions, but got input with sizes ",
        input.sizes(), " and grid with sizes ", grid.sizes());
    TORCH_CHECK(grid.size(0) == input.size(0) && grid.size(3) == 2,
        "grid_sampler(): expected grid to have size 2 in last dimension and the input's batch size, but got grid "
        "with sizes ",
        grid.sizes());
    return at::empty({ input.size(0), input.size(1), grid.size(1), grid.size(2) }, input.options());
}

TORCH_LIBRARY_IMPL(aten, Meta, m)
{
    m.impl("grid_sampler_2d", gridSampler2dMeta);
    m.impl("relu", sameShape);
    m.impl("hardtanh", hardtanhMeta);
    m.impl("hardswish", sameShape);
    m.impl("prelu", preluMeta);
    m.impl("flip", flipMeta);
    m.impl("where.self", whereMeta);
    m.impl("roll", rollMeta);
    m.impl("channel_shuffle", channelShuffleMeta);
    m.impl("index_select", indexSelectMeta);
    m.impl("max_pool3d_with_indices", maxPool3dMeta);
}

} // namespace

int64_t pick(at::IntArrayRef values, size_t i, int64_t fallback)
{
    if (values.empty())
        return fallback;
    return values.size() == 1 ? values[0] : values[i];
}

void ensureCommonMetaKernels()
{
    // The registration above is static; calling this pulls the translation unit in.
}

} // namespace prunescope::detail
