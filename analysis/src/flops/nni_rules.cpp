// SPDX-License-Identifier: MIT
#include "nni_rules.h"

#include "op_kinds.h"

#include <cmath>
#include <map>
#include <set>

namespace prunescope::flops {

namespace {

const std::set<std::string> kConv { "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d",
    "ConvTranspose3d" };
const std::set<std::string> kRnn { "RNN", "GRU", "LSTM" };
const std::set<std::string> kCells { "RNNCell", "GRUCell", "LSTMCell" };
const std::set<std::string> kDefault = [] {
    std::set<std::string> types = kConv;
    types.insert("Linear");
    types.insert(kRnn.begin(), kRnn.end());
    types.insert(kCells.begin(), kCells.end());
    return types;
}();
const std::set<std::string> kFullOnly { "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LeakyReLU", "AvgPool1d",
    "AvgPool2d", "AvgPool3d", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "Upsample",
    "UpsamplingBilinear2d", "UpsamplingNearest2d" };

const char* const kAdaptivePoolOps[]
    = { "aten::adaptive_avg_pool1d", "aten::adaptive_avg_pool2d", "aten::adaptive_avg_pool3d", nullptr };

int64_t scaled(int64_t value, int64_t kept, int64_t total)
{
    return kept < 0 || total <= 0 ? value : value * kept / total;
}

NniCount conv(const NodeView& v, FlopsMode mode, std::optional<int64_t> maskedSum, const ChannelsKept& kept)
{
    const OpCall* op = v.firstOp(kConvolutionOps);
    const Shape y = op && !op->outputs.empty() && op->outputs[0].known ? op->outputs[0].shape : v.outputShape();
    const Shape& w = v.node.weight_shape;
    const int64_t cin = v.node.attr("in_channels", w.size() > 1 ? w[1] : 0);
    const int64_t groups = v.node.attr("groups", 1);
    const int64_t kernelOps = numel(w, 2);
    const int64_t outputSize = numel(y, 2);
    int64_t cout = y.size() > 1 ? y[1] : 0;
    if (maskedSum)
        cout = cin * kernelOps != 0 ? *maskedSum / (cin * kernelOps) : 0;
    // Effective: fewer filters and fewer input channels; a depthwise conv keeps one
    // filter per remaining channel, so its group count shrinks with them.
    const bool depthwise = groups > 1 && groups == cin && groups == (y.size() > 1 ? y[1] : 0);
    int64_t cinUsed = cin, groupsUsed = groups;
    if (kept.out >= 0)
        cout = kept.out;
    if (kept.in >= 0)
        cinUsed = kept.in;
    if (depthwise && (kept.in >= 0 || kept.out >= 0)) {
        groupsUsed = kept.out >= 0 ? kept.out : cinUsed;
        cinUsed = groupsUsed;
    }
    NniCount count;
    count.flops = groupsUsed ? cout * outputSize * kernelOps * cinUsed / groupsUsed : 0;
    if (mode == FlopsMode::Full && v.hasBias())
        count.flops += cout * outputSize;
    count.params = v.module ? v.module->total_param_count : 0;
    if (kept.in >= 0 || kept.out >= 0) {
        count.params = (groupsUsed ? cout * (cinUsed / groupsUsed) : 0) * kernelOps + (v.hasBias() ? cout : 0);
    }
    return count;
}

NniCount linear(const NodeView& v, FlopsMode mode, std::optional<int64_t> maskedSum, const ChannelsKept& kept)
{
    const Shape& w = v.node.weight_shape;
    const int64_t in = w.size() == 2 ? w[1] : 0;
    int64_t out = w.size() == 2 ? w[0] : 0;
    if (maskedSum)
        out = in ? *maskedSum / in : 0;
    if (kept.out >= 0)
        out = kept.out;
    const int64_t inUsed = kept.in >= 0 ? kept.in : in;
    NniCount count;
    count.flops = out * inUsed + (mode == FlopsMode::Full && v.hasBias() ? out : 0);
    count.params = v.module ? v.module->total_param_count : 0;
    if (kept.in >= 0 || kept.out >= 0)
        count.params = out * inUsed + (v.hasBias() ? out : 0);
    return count;
}

// h' = tanh(W_ih x + b_ih + W_hh h + b_hh), and the gates of GRU / LSTM on top.
int64_t cellFlops(int64_t inputSize, int64_t hidden, const std::string& cell, bool countBias)
{
    int64_t ops = hidden * (inputSize + hidden) + hidden;
    if (countBias)
        ops += hidden * 2;
    if (cell == "rnn")
        return ops;
    if (cell == "gru")
        return ops * 3 + hidden + hidden * 3;
    return ops * 4 + hidden * 3 + hidden; // lstm
}

std::string cellKind(const std::string& type)
{
    if (type.rfind("GRU", 0) == 0)
        return "gru";
    if (type.rfind("LSTM", 0) == 0)
        return "lstm";
    return "rnn";
}

NniCount rnn(const NodeView& v, FlopsMode mode)
{
    const ModuleParam* ih = v.param("weight_ih_l0");
    const ModuleParam* hh = v.param("weight_hh_l0");
    NniCount count;
    count.params = v.module ? v.module->total_param_count : 0;
    if (!ih || !hh || ih->shape.size() != 2 || hh->shape.size() != 2)
        return count;
    const int64_t inputSize = ih->shape[1], hidden = hh->shape[1];
    int layers = 0;
    while (v.param("weight_ih_l" + std::to_string(layers)))
        ++layers;
    const bool bidirectional = v.param("weight_ih_l0_reverse") != nullptr;
    bool batchFirst = false;
    if (const OpCall* op = v.firstOp(kRecurrentOps))
        if (const OpArgument* a = op->input("batch_first"); a && a->known && !a->ints.empty())
            batchFirst = a->ints[0] != 0;
    const Shape x = v.inputShape();
    const int64_t steps = x.size() >= 2 ? (batchFirst ? x[1] : x[0]) : (x.empty() ? 0 : x[0]);
    const std::string cell = cellKind(v.node.op_type);
    const bool bias = mode == FlopsMode::Full;
    // NNI counts the first layer in one direction only, the others in both.
    int64_t total = cellFlops(inputSize, hidden, cell, bias);
    for (int l = 1; l < layers; ++l)
        total += bidirectional ? cellFlops(hidden * 2, hidden, cell, bias) * 2 : cellFlops(hidden, hidden, cell, bias);
    count.flops = total * steps;
    return count;
}

NniCount rnnCell(const NodeView& v, FlopsMode mode)
{
    const ModuleParam* ih = v.param("weight_ih");
    const ModuleParam* hh = v.param("weight_hh");
    NniCount count;
    count.params = v.module ? v.module->total_param_count : 0;
    if (ih && hh && ih->shape.size() == 2 && hh->shape.size() == 2)
        count.flops = cellFlops(ih->shape[1], hh->shape[1], cellKind(v.node.op_type), mode == FlopsMode::Full);
    return count;
}

int64_t upsampleFactor(const NodeView& v)
{
    for (const auto& op : v.node.ops) {
        if (op.kind.find("upsample_linear1d") != std::string::npos)
            return 5;
        if (op.kind.find("upsample_bilinear2d") != std::string::npos)
            return 11;
        if (op.kind.find("upsample_bicubic2d") != std::string::npos)
            return 224 + 35;
        if (op.kind.find("upsample_trilinear3d") != std::string::npos)
            return 13 * 2 + 5;
    }
    return 0; // nearest: NNI counts nothing
}

int64_t adaptivePoolKernelOps(const NodeView& v)
{
    const Shape x = v.inputShape();
    const OpCall* op = v.firstOp(kAdaptivePoolOps);
    const OpArgument* size = op ? op->input("output_size") : nullptr;
    if (x.size() < 3 || !size || !size->known || size->ints.empty())
        return 1;
    int64_t adds = 1;
    for (size_t i = 2; i < x.size(); ++i) {
        const int64_t out = size->ints.size() == 1 ? size->ints[0] : size->ints[std::min(i - 2, size->ints.size() - 1)];
        adds *= out > 0 ? static_cast<int64_t>(std::floor(static_cast<double>(x[i]) / static_cast<double>(out))) : 0;
    }
    return adds + 1; // the adds, and one division
}

bool isQuantized(const ModuleInfo& module)
{
    const std::string& q = module.qualified_type;
    return q.rfind("__torch__.torch.ao.nn.quantized.", 0) == 0
        || q.rfind("__torch__.torch.ao.nn.intrinsic.quantized.", 0) == 0
        || q.rfind("__torch__.torch.nn.quantized.", 0) == 0
        || q.rfind("__torch__.torch.nn.intrinsic.quantized.", 0) == 0;
}

} // namespace

std::string countedType(const ModuleInfo& module)
{
    if (!isQuantized(module))
        return module.type;
    // Fused int8 modules do the float layer's arithmetic (the ReLU comes free).
    static const std::map<std::string, std::string> fused { { "ConvReLU1d", "Conv1d" }, { "ConvReLU2d", "Conv2d" },
        { "ConvReLU3d", "Conv3d" }, { "LinearReLU", "Linear" } };
    auto found = fused.find(module.type);
    return found == fused.end() ? module.type : found->second;
}

bool nniFullOnly(const std::string& type) { return kFullOnly.count(type) != 0; }

bool nniCounts(const ModuleInfo& module, FlopsMode mode)
{
    // NNI's hooks skip quantized layers (they are no nn.Conv2d): we count them as the
    // float layers they compute, instead of a silent 0.
    if (isQuantized(module) && kDefault.count(countedType(module)))
        return true;
    if (!module.isTorchNn())
        return false;
    if (kDefault.count(module.type))
        return true;
    return mode != FlopsMode::Default && kFullOnly.count(module.type);
}

NniCount nniModuleCount(const NodeView& v, FlopsMode mode, std::optional<int64_t> maskedSum, const ChannelsKept& kept)
{
    const std::string type = v.module ? countedType(*v.module) : v.node.op_type;
    if (kConv.count(type))
        return conv(v, mode, maskedSum, kept);
    if (type == "Linear")
        return linear(v, mode, maskedSum, kept);
    if (kRnn.count(type))
        return rnn(v, mode);
    if (kCells.count(type))
        return rnnCell(v, mode);

    // Full-mode types: cost per element of one sample, scaled by the channels left.
    NniCount count;
    count.params = v.module ? v.module->total_param_count : 0;
    const Shape x = v.inputShape();
    const Shape y = v.outputShape();
    const int64_t channels = x.size() > 1 ? x[1] : 0;
    const int64_t keptChannels = kept.out >= 0 ? kept.out : kept.in;
    if (type.rfind("BatchNorm", 0) == 0) {
        count.flops = scaled(2 * numel(x, 1), keptChannels, channels);
        if (keptChannels >= 0)
            count.params = 2 * keptChannels;
    } else if (type == "LeakyReLU") {
        count.flops = scaled(numel(x, 1), keptChannels, channels);
    } else if (type.rfind("AvgPool", 0) == 0) {
        count.flops = scaled(numel(y, 1), keptChannels, channels);
    } else if (type.rfind("AdaptiveAvgPool", 0) == 0) {
        count.flops = scaled(adaptivePoolKernelOps(v) * numel(y, 1), keptChannels, channels);
    } else if (type.rfind("Upsampl", 0) == 0) {
        count.flops = scaled(numel(y, 1) * upsampleFactor(v), keptChannels, channels);
    }
    return count;
}

} // namespace prunescope::flops
