// SPDX-License-Identifier: MIT
#include "mask_channels.h"

namespace prunescope {

std::optional<int> weightDimFor(const std::string& type, int pruneDim)
{
    if (type == "Conv2d" || type == "Linear")
        return pruneDim;
    if (type == "ConvTranspose2d") // weight is (in, out/groups, kH, kW)
        return 1 - pruneDim;
    if (type == "BatchNorm2d")
        return pruneDim == 0 ? std::optional<int>(0) : std::nullopt;
    return std::nullopt;
}

LayerMask maskKeeping(const Shape& shape, bool hasBias, int weightDim, const std::vector<bool>& kept,
    const std::optional<LayerMask>& previous, bool biasFollows)
{
    LayerMask mask;
    mask.shape = shape;
    int64_t inner = 1, outer = 1;
    for (size_t i = static_cast<size_t>(weightDim) + 1; i < shape.size(); ++i)
        inner *= shape[i];
    for (int i = 0; i < weightDim; ++i)
        outer *= shape[static_cast<size_t>(i)];
    const auto n = static_cast<int64_t>(kept.size());
    mask.weight.reserve(static_cast<size_t>(outer * n * inner));
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t c = 0; c < n; ++c)
            mask.weight.insert(mask.weight.end(), static_cast<size_t>(inner), kept[static_cast<size_t>(c)] ? 1 : 0);
    mask.has_bias = previous ? previous->has_bias : hasBias;
    if (!mask.has_bias)
        return mask;
    if (biasFollows) {
        for (bool k : kept)
            mask.bias.push_back(k ? 1 : 0);
    } else if (previous) {
        mask.bias = previous->bias;
    } else {
        const int64_t outputs = weightDim == 0 ? n : shape[0];
        mask.bias.assign(static_cast<size_t>(outputs), 1);
    }
    return mask;
}

double sparsity(const LayerMask& mask)
{
    if (mask.weight.empty())
        return 0.0;
    return 1.0 - static_cast<double>(mask.sum()) / static_cast<double>(mask.weight.size());
}

} // namespace prunescope
