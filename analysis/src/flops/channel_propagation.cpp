// SPDX-License-Identifier: MIT
#include "channel_propagation.h"

#include "../graph_search.h"

#include <set>

namespace prunescope::flops {

namespace {

// Module classes and functional ops that keep every channel where it is.
const std::set<std::string> kChannelwise { "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "ReLU", "ReLU6", "LeakyReLU",
    "PReLU", "ELU", "SELU", "GELU", "SiLU", "Sigmoid", "Tanh", "Hardswish", "Hardsigmoid", "Hardtanh", "Mish",
    "Dropout", "Dropout2d", "Dropout3d", "Identity", "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d",
    "AvgPool3d", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool2d", "Upsample",
    "UpsamplingBilinear2d", "UpsamplingNearest2d", "ZeroPad2d", "ConstantPad2d", "ReflectionPad2d", "aten::relu",
    "aten::relu_", "aten::relu6", "aten::hardtanh", "aten::hardtanh_", "aten::hardswish", "aten::hardswish_",
    "aten::hardsigmoid", "aten::hardsigmoid_", "aten::sigmoid", "aten::sigmoid_", "aten::tanh", "aten::silu",
    "aten::silu_", "aten::gelu", "aten::leaky_relu", "aten::leaky_relu_", "aten::dropout", "aten::dropout_",
    "aten::feature_dropout", "aten::max_pool2d", "aten::avg_pool2d", "aten::adaptive_avg_pool2d",
    "aten::adaptive_max_pool2d", "aten::contiguous", "aten::clone", "aten::batch_norm", "aten::upsample_nearest2d",
    "aten::upsample_bilinear2d", "aten::pad", "aten::constant_pad_nd", "aten::detach" };

int64_t countKept(const std::vector<bool>& kept)
{
    int64_t n = 0;
    for (bool k : kept)
        n += k;
    return n;
}

bool isForwardConv(const std::string& type)
{
    return type.rfind("Conv", 0) == 0 && type.find("Transpose") == std::string::npos;
}

bool isFilterLayer(const std::string& type) { return isForwardConv(type) || type == "Linear"; }

// mean/sum/amax over spatial dims only ((N, C, H, W) -> (N, C), ShuffleNetV2's pooling):
// the channels stay where they are.
bool reducesBeyondChannels(const OpNode& node)
{
    static const std::set<std::string> kReductions { "aten::mean", "aten::sum", "aten::amax" };
    if (!kReductions.count(node.op_type) || node.ops.empty() || node.ops[0].inputs.empty())
        return false;
    const OpArgument* dims = node.ops[0].input("dim");
    const auto rank = static_cast<int64_t>(node.ops[0].inputs[0].shape.size());
    if (!dims || !dims->known || dims->ints.empty() || rank < 3)
        return false;
    for (int64_t d : dims->ints)
        if ((d < 0 ? d + rank : d) < 2)
            return false;
    return true;
}

} // namespace

ChannelPropagation::ChannelPropagation(const OpGraph& graph, const MaskSet& masks)
    : m_graph(graph)
    , m_masks(masks)
    , m_kept(graph.values.size())
{
    for (const auto& node : graph.nodes)
        visit(node);
}

ChannelPropagation::Kept ChannelPropagation::inputKept(const OpNode& node, size_t i) const
{
    size_t seen = 0;
    for (int id : node.inputs)
        if (m_graph.values[static_cast<size_t>(id)].has_shape && seen++ == i)
            return m_kept[static_cast<size_t>(id)];
    return std::nullopt;
}

void ChannelPropagation::setOutputs(const OpNode& node, const Kept& kept)
{
    for (int id : node.outputs) {
        const auto& value = m_graph.values[static_cast<size_t>(id)];
        if (kept && value.shape.size() > 1 && value.shape[1] == static_cast<int64_t>(kept->size()))
            m_kept[static_cast<size_t>(id)] = kept;
    }
}

ChannelPropagation::Kept ChannelPropagation::unionOfInputs(const OpNode& node) const
{
    Kept result;
    bool anyAll = false;
    for (int id : node.inputs) {
        const auto& value = m_graph.values[static_cast<size_t>(id)];
        if (!value.has_shape || value.shape.size() < 2 || value.shape[1] == 1)
            continue; // scalars and broadcast factors keep nothing apart
        const Kept& kept = m_kept[static_cast<size_t>(id)];
        if (!kept) {
            anyAll = true;
            continue;
        }
        if (!result) {
            result = kept;
        } else if (result->size() == kept->size()) {
            for (size_t c = 0; c < kept->size(); ++c)
                (*result)[c] = (*result)[c] || (*kept)[c];
        }
    }
    return anyAll ? std::nullopt : result;
}

// A list op's outputs (chunk, split) take consecutive slices of the input's channels.
void ChannelPropagation::sliceOutputs(const OpNode& node, const Kept& whole)
{
    if (!whole)
        return;
    size_t offset = 0;
    for (int id : node.outputs) {
        const auto& value = m_graph.values[static_cast<size_t>(id)];
        if (value.shape.size() < 2)
            return;
        const auto width = static_cast<size_t>(value.shape[1]);
        if (offset + width > whole->size())
            return;
        m_kept[static_cast<size_t>(id)] = std::vector<bool>(
            whole->begin() + static_cast<long>(offset), whole->begin() + static_cast<long>(offset + width));
        offset += width;
    }
}

ChannelPropagation::Kept ChannelPropagation::concatenate(const OpNode& node) const
{
    std::vector<bool> result;
    bool anyPruned = false;
    for (int id : node.inputs) {
        const auto& value = m_graph.values[static_cast<size_t>(id)];
        if (!value.has_shape || value.shape.size() < 2)
            continue;
        const Kept& kept = m_kept[static_cast<size_t>(id)];
        anyPruned = anyPruned || kept.has_value();
        if (kept)
            result.insert(result.end(), kept->begin(), kept->end());
        else
            result.insert(result.end(), static_cast<size_t>(value.shape[1]), true);
    }
    return anyPruned ? Kept(result) : std::nullopt;
}

// (N, C, H, W) -> (N, C*H*W): each removed channel removes H*W features.
ChannelPropagation::Kept ChannelPropagation::flatten(const OpNode& node) const
{
    const Kept in = inputKept(node);
    if (!in || node.ops.empty() || node.ops[0].inputs.empty() || node.ops[0].outputs.empty())
        return std::nullopt;
    const Shape& from = node.ops[0].inputs[0].shape;
    const Shape& to = node.ops[0].outputs[0].shape;
    if (from.size() < 2 || to.size() != 2 || to[0] != from[0] || to[1] != numel(from, 1))
        return std::nullopt;
    const int64_t block = numel(from, 2);
    std::vector<bool> result;
    for (bool k : *in)
        result.insert(result.end(), static_cast<size_t>(block), k);
    return result;
}

void ChannelPropagation::visit(const OpNode& node)
{
    const std::string& type = node.op_type;
    auto mask = node.isModule() ? m_masks.find(node.name) : m_masks.end();
    if (mask != m_masks.end() && mask->second.shape.size() >= 1 && type.find("Transpose") == std::string::npos) {
        setOutputs(node, mask->second.kept(0));
        return;
    }
    if (isForwardConv(type)) {
        // A depthwise conv has one filter per input channel: it passes the pruning on.
        const int64_t groups = node.attr("groups", 1);
        if (groups > 1 && groups == node.attr("in_channels") && groups == node.attr("out_channels"))
            setOutputs(node, inputKept(node));
        return;
    }
    if (kChannelwise.count(type) || reducesBeyondChannels(node)) {
        setOutputs(node, inputKept(node));
    } else if (kElementwiseOps.count(type)) {
        setOutputs(node, unionOfInputs(node));
    } else if (type == "aten::cat" && node.attr("dim", 0) == 1) {
        setOutputs(node, concatenate(node));
    } else if ((type == "aten::chunk" || type == "aten::split" || type == "aten::split_with_sizes") && !node.ops.empty()
        && node.ops[0].input("dim") && node.ops[0].input("dim")->ints == std::vector<int64_t> { 1 }) {
        sliceOutputs(node, inputKept(node));
    } else if (type == "aten::flatten" || type == "aten::view" || type == "aten::reshape") {
        const Kept flat = flatten(node);
        for (int id : node.outputs)
            m_kept[static_cast<size_t>(id)] = flat;
    }
}

ChannelsKept ChannelPropagation::keptFor(const OpNode& node) const
{
    ChannelsKept result;
    if (const Kept in = inputKept(node))
        result.in = countKept(*in);
    // A layer's own mask may also drop input channels (NNI's dim-1 masks).
    auto mask = node.isModule() ? m_masks.find(node.name) : m_masks.end();
    if (mask != m_masks.end() && mask->second.shape.size() >= 2 && node.attr("groups", 1) == 1
        && isFilterLayer(node.op_type)) {
        const auto ownIn = mask->second.kept(1);
        const Kept in = inputKept(node);
        int64_t n = 0;
        for (size_t c = 0; c < ownIn.size(); ++c)
            n += ownIn[c] && (!in || c >= in->size() || (*in)[c]);
        if (n < static_cast<int64_t>(ownIn.size()) || result.in >= 0)
            result.in = n;
    }
    if (mask != m_masks.end() && !mask->second.shape.empty()) {
        result.out = countKept(mask->second.kept(0));
        return result;
    }
    for (int id : node.outputs) {
        if (m_graph.values[static_cast<size_t>(id)].has_shape) {
            if (const Kept& out = m_kept[static_cast<size_t>(id)])
                result.out = countKept(*out);
            break;
        }
    }
    return result;
}

} // namespace prunescope::flops
