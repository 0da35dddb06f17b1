// SPDX-License-Identifier: MIT
#include "meta_kernels.h"

#include "torch_pch.h"

#include <torch/library.h>

namespace prunescope::detail {

namespace {

// Output shape only, by the usual convolution arithmetic (transposed, grouped, dilated).
at::Tensor convolutionMeta(const at::Tensor& input, const at::Tensor& weight, const c10::optional<at::Tensor>& bias,
    at::IntArrayRef stride, at::IntArrayRef padding, at::IntArrayRef dilation, bool transposed,
    at::IntArrayRef outputPadding, int64_t groups)
{
    // What the CPU kernels refuse, refused here too: meta must not accept what a real
    // run would not.
    TORCH_CHECK(input.scalar_type() == weight.scalar_type(), "Input type (", input.scalar_type(), ") and weight type (",
        weight.scalar_type(), ") should be the same");
    TORCH_CHECK(!bias || !bias->defined() || bias->scalar_type() == input.scalar_type(), "Input type (",
        input.scalar_type(), ") and bias type (", bias ? bias->scalar_type() : input.scalar_type(),
        ") should be the same");
    TORCH_CHECK(at::isFloatingType(input.scalar_type()), "convolution is not implemented for ", input.scalar_type(),
        " tensors");
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
        const int64_t out = transposed ? (in - 1) * s - 2 * p + dil * (kernel - 1) + pick(outputPadding, d, 0) + 1
                                       : (in + 2 * p - dil * (kernel - 1) - 1) / s + 1;
        shape.push_back(out);
    }
    return at::empty(shape, input.options());
}

std::tuple<at::Tensor, at::Tensor, at::Tensor> batchNormMeta(const at::Tensor& input, const c10::optional<at::Tensor>&,
    const c10::optional<at::Tensor>&, const c10::optional<at::Tensor>&, const c10::optional<at::Tensor>&, bool, double,
    double)
{
    return { at::empty_like(input), at::empty({ 0 }, input.options()), at::empty({ 0 }, input.options()) };
}

// Mean and rstd are (N, group). Without this kernel meta takes group_norm's composite
// form, which views batch norm's saved statistics (empty on meta, above) as (N, group)
// and fails; FCOS's and RetinaNet v2's heads then needed a whole real run. The SymInts
// are by value, as ATen's own kernels for this schema take them.
// NOLINTBEGIN(performance-unnecessary-value-param)
std::tuple<at::Tensor, at::Tensor, at::Tensor> groupNormMeta(const at::Tensor& input, const c10::optional<at::Tensor>&,
    const c10::optional<at::Tensor>&, c10::SymInt n, c10::SymInt channels, c10::SymInt, int64_t group, double)
{
    TORCH_CHECK(group > 0 && channels.expect_int() % group == 0,
        "Expected number of channels in input to be divisible by ", "num_groups, but got input of shape ",
        input.sizes(), " and num_groups=", group);
    const std::vector<int64_t> statShape { n.expect_int(), group };
    return { at::empty_like(input), at::empty(statShape, input.options()), at::empty(statShape, input.options()) };
}
// NOLINTEND(performance-unnecessary-value-param)

// Mean and rstd keep the leading dims and have size 1 in the normalized ones.
std::tuple<at::Tensor, at::Tensor, at::Tensor> layerNormMeta(const at::Tensor& input, at::IntArrayRef normalizedShape,
    const c10::optional<at::Tensor>&, const c10::optional<at::Tensor>&, double)
{
    std::vector<int64_t> statShape = input.sizes().vec();
    const auto normalized = std::min(normalizedShape.size(), statShape.size());
    for (size_t i = statShape.size() - normalized; i < statShape.size(); ++i)
        statShape[i] = 1;
    return { at::empty_like(input), at::empty(statShape, input.options()), at::empty(statShape, input.options()) };
}

at::Tensor adaptiveAvgPoolMeta(const at::Tensor& input, at::IntArrayRef outputSize)
{
    std::vector<int64_t> shape = input.sizes().vec();
    const size_t spatial = outputSize.size();
    for (size_t i = 0; i < spatial && i < shape.size(); ++i)
        shape[shape.size() - spatial + i] = outputSize[i];
    return at::empty(shape, input.options());
}

// repeat_interleave with an int count (MViT v1's positional encoding, scripted): each
// slice along dim repeated `repeats` times, so only that size changes; without dim the
// input is flattened first. ATen's composite form makes the count a tensor on the input's
// device and asks repeat_interleave.Tensor for indices, which on meta has no values: the
// whole of scripted mvit_v1_b then ran on real tensors (48 s against 1 s traced).
at::Tensor repeatInterleaveIntMeta(
    const at::Tensor& input, int64_t repeats, c10::optional<int64_t> dim, c10::optional<int64_t> outputSize)
{
    TORCH_CHECK(repeats >= 0, "repeats can not be negative");
    if (!dim) {
        const int64_t size = input.numel() * repeats;
        TORCH_CHECK(!outputSize || *outputSize == size, "allocated size does not match required size");
        return at::empty({ size }, input.options());
    }
    // No scalar wrap: a 0-dim input with a dim is refused, as input.size(dim) refuses it on CPU.
    const int64_t d = c10::maybe_wrap_dim(*dim, input.dim(), /*wrap_scalar=*/false);
    std::vector<int64_t> shape = input.sizes().vec();
    shape[static_cast<size_t>(d)] *= repeats;
    TORCH_CHECK(
        !outputSize || *outputSize == shape[static_cast<size_t>(d)], "allocated size does not match required size");
    return at::empty(shape, input.options());
}

// nn.MultiheadAttention's fused inference path (traced under no_grad, or scripted):
// the output has the query's shape; the weights, when asked for, are (B, [heads,] T, S).
std::tuple<at::Tensor, at::Tensor> multiHeadAttentionMeta(const at::Tensor& query, const at::Tensor& key,
    const at::Tensor&, int64_t, int64_t numHeads, const at::Tensor&, const at::Tensor&, const at::Tensor&,
    const at::Tensor&, const c10::optional<at::Tensor>&, bool needWeights, bool averageWeights, c10::optional<int64_t>)
{
    at::Tensor weights = at::empty({ 0 }, query.options());
    if (needWeights && query.dim() == 3) {
        std::vector<int64_t> shape { query.size(0) };
        if (!averageWeights)
            shape.push_back(numHeads);
        shape.push_back(query.size(1));
        shape.push_back(key.size(1));
        weights = at::empty(shape, query.options());
    }
    return { at::empty_like(query), weights };
}

TORCH_LIBRARY_IMPL(aten, Meta, m)
{
    m.impl("_native_multi_head_attention", multiHeadAttentionMeta);
    m.impl("convolution_overrideable", convolutionMeta);
    m.impl("native_batch_norm", batchNormMeta);
    m.impl("native_layer_norm", layerNormMeta);
    m.impl("native_group_norm", groupNormMeta);
    m.impl("_adaptive_avg_pool2d", adaptiveAvgPoolMeta);
    m.impl("_adaptive_avg_pool3d", adaptiveAvgPoolMeta);
    m.impl("repeat_interleave.self_int", repeatInterleaveIntMeta);
}

// repeat_interleave.self_int is composite: its autograd key took the composite form, and
// with a Meta kernel of its own it has none. Shapes need no gradient: straight through to
// the Meta kernel.
TORCH_LIBRARY_IMPL(aten, AutogradMeta, m)
{
    m.impl("repeat_interleave.self_int", torch::CppFunction::makeFallthrough());
}

} // namespace

void ensureMetaKernels()
{
    // The registration above is static; this function exists so that linking the
    // recorder pulls this translation unit (and with it the registration) in.
}

} // namespace prunescope::detail
