// SPDX-License-Identifier: MIT
#include "prunescope/masks.h"

namespace prunescope {

namespace {

// Stride of `dim` in a row-major layout, and the size of the block it repeats in.
void layout(const Shape& shape, int dim, int64_t& inner, int64_t& outer)
{
    inner = 1;
    for (size_t i = static_cast<size_t>(dim) + 1; i < shape.size(); ++i)
        inner *= shape[i];
    outer = 1;
    for (int i = 0; i < dim; ++i)
        outer *= shape[static_cast<size_t>(i)];
}

} // namespace

int64_t LayerMask::sum() const
{
    int64_t total = 0;
    for (uint8_t v : weight)
        total += v != 0;
    return total;
}

int64_t LayerMask::channels(int dim) const
{
    return dim >= 0 && static_cast<size_t>(dim) < shape.size() ? shape[static_cast<size_t>(dim)] : 0;
}

std::vector<bool> LayerMask::kept(int dim) const
{
    const int64_t n = channels(dim);
    std::vector<bool> result(static_cast<size_t>(n), false);
    if (n == 0)
        return result;
    int64_t inner, outer;
    layout(shape, dim, inner, outer);
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t c = 0; c < n; ++c) {
            if (result[static_cast<size_t>(c)])
                continue;
            const int64_t base = (o * n + c) * inner;
            for (int64_t i = 0; i < inner; ++i)
                if (weight[static_cast<size_t>(base + i)]) {
                    result[static_cast<size_t>(c)] = true;
                    break;
                }
        }
    return result;
}

bool LayerMask::isStructured(int dim) const
{
    const int64_t n = channels(dim);
    if (n == 0)
        return false;
    int64_t inner, outer;
    layout(shape, dim, inner, outer);
    const auto keptChannels = kept(dim);
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t c = 0; c < n; ++c) {
            const int64_t base = (o * n + c) * inner;
            for (int64_t i = 0; i < inner; ++i)
                if ((weight[static_cast<size_t>(base + i)] != 0) != keptChannels[static_cast<size_t>(c)])
                    return false;
        }
    return true;
}

LayerMask LayerMask::keepChannels(const Shape& weightShape, const std::vector<bool>& keptFilters, bool withBias)
{
    LayerMask mask;
    mask.shape = weightShape;
    int64_t inner = 1;
    for (size_t i = 1; i < weightShape.size(); ++i)
        inner *= weightShape[i];
    for (bool keep : keptFilters)
        mask.weight.insert(mask.weight.end(), static_cast<size_t>(inner), keep ? 1 : 0);
    mask.has_bias = withBias;
    if (withBias)
        for (bool keep : keptFilters)
            mask.bias.push_back(keep ? 1 : 0);
    return mask;
}

bool LayerMask::operator==(const LayerMask& other) const
{
    return shape == other.shape && weight == other.weight && has_bias == other.has_bias && bias == other.bias;
}

} // namespace prunescope
