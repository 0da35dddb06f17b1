#include "meta_kernels.h"

#include "torch_pch.h"

#include <torch/library.h>

namespace prunescope::detail {

namespace {

int64_t pick(at::IntArrayRef values, size_t i, int64_t fallback)
{
    if (values.empty())
        return fallback;
    return values.size() == 1 ? values[0] : values[i];
}

// Output shape only, by the usual convolution arithmetic (transposed, grouped, dilated).
at::Tensor convolutionMeta(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& /*bias*/,
    at::IntArrayRef stride, at::IntArrayRef padding, at::IntArrayRef dilation, bool transposed,
    at::IntArrayRef outputPadding, int64_t groups)
{
    const int64_t spatial = weight.dim() - 2;
    const bool batched = input.dim() == weight.dim();
    std::vector<int64_t> shape;
    if (batched)
        shape.push_back(input.size(0));
    shape.push_back(transposed ? weight.size(1) * groups : weight.size(0));
    const int64_t firstSpatial = input.dim() - spatial;
    for (int64_t i = 0; i < spatial; ++i) {
        const auto d = static_cast<size_t>(i);
        const int64_t in = input.size(firstSpatial + i);
        const int64_t kernel = weight.size(2 + i);
        const int64_t s = pick(stride, d, 1), p = pick(padding, d, 0), dil = pick(dilation, d, 1);
        const int64_t out = transposed
            ? (in - 1) * s - 2 * p + dil * (kernel - 1) + pick(outputPadding, d, 0) + 1
            : (in + 2 * p - dil * (kernel - 1) - 1) / s + 1;
        shape.push_back(out);
    }
    return at::empty(shape, input.options());
}

std::tuple<at::Tensor, at::Tensor, at::Tensor> batchNormMeta(const at::Tensor& input,
    const c10::optional<at::Tensor>&, const c10::optional<at::Tensor>&, const c10::optional<at::Tensor>&,
    const c10::optional<at::Tensor>&, bool, double, double)
{
    return { at::empty_like(input), at::empty({ 0 }, input.options()), at::empty({ 0 }, input.options()) };
}

TORCH_LIBRARY_IMPL(aten, Meta, m)
{
    m.impl("convolution_overrideable", convolutionMeta);
    m.impl("native_batch_norm", batchNormMeta);
}

} // namespace

void ensureMetaKernels()
{
    // The registration above is static; this function exists so that linking the
    // recorder pulls this translation unit (and with it the registration) in.
}

} // namespace prunescope::detail
