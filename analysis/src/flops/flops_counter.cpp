// SPDX-License-Identifier: MIT
#include "channel_propagation.h"
#include "extended_rules.h"
#include "nni_rules.h"
#include "op_kinds.h"
#include "prunescope/error.h"

#include <cmath>
#include <map>
#include <set>

namespace prunescope {

using namespace flops;

namespace {

// Excluded from extended mode by definition (no multiply-accumulate), not unknown.
const std::set<std::string> kNoMacTypes { "BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LayerNorm", "GroupNorm",
    "InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d", "LocalResponseNorm", "Embedding", "EmbeddingBag", "PReLU",
    "LayerNorm2d" };
const std::set<std::string> kMacOps { "aten::matmul", "aten::bmm", "aten::mm", "aten::baddbmm", "aten::addmm",
    "aten::linear", "aten::conv1d", "aten::conv2d", "aten::conv3d", "aten::_convolution", "aten::einsum",
    "aten::_native_multi_head_attention" };

int64_t scale(int64_t value, int64_t kept, int64_t total)
{
    if (kept < 0 || total <= 0)
        return value;
    return static_cast<int64_t>(std::llround(static_cast<long double>(value) * kept / total));
}

// The parameters a conv or linear layer keeps once its filters and input channels are
// gone: the weight shrinks along both (a depthwise conv keeps its one input per group),
// the bias only with the filters. Scaling the whole count by both fractions would shrink
// the bias with the inputs too.
int64_t keptLayerParams(const ModuleInfo& module, const OpNode& node, const ChannelsKept& kept, int64_t outChannels,
    int64_t inChannels, bool depthwise)
{
    const int64_t groups = std::max<int64_t>(1, node.attr("groups", 1));
    int64_t total = 0;
    for (const auto& p : module.params) {
        if (p.buffer)
            continue;
        int64_t n = 1;
        for (size_t d = 0; d < p.shape.size(); ++d) {
            int64_t size = p.shape[d];
            if (d == 0 && kept.out >= 0 && size == outChannels)
                size = kept.out;
            else if (d == 1 && kept.in >= 0 && !depthwise && size * groups == inChannels)
                size = kept.in / groups;
            n *= size;
        }
        total += n;
    }
    return total;
}

struct Counter {
    const OpGraph& graph;
    FlopsMode mode;
    const MaskSet* masks;
    std::optional<ChannelPropagation> kept;
    FlopsResult result;
    std::map<std::string, const ModuleInfo*> modules;
    std::map<std::string, int> calls;
    std::map<std::string, int64_t> params, effectiveParams; // NNI sums each module once
    std::map<std::string, UncountedType> uncounted;

    Counter(const OpGraph& g, FlopsMode m, const MaskSet* ms)
        : graph(g)
        , mode(m)
        , masks(ms)
    {
        for (const auto& module : graph.modules)
            modules[module.path] = &module;
        if (masks)
            kept.emplace(graph, *masks);
        result.mode = mode;
        result.masked = masks != nullptr;
        result.model_params = graph.totalParamCount();
        result.batch_size = batchSize(graph);
    }

    // The first input's batch dimension: dim 0, unless the input runs through a
    // recurrent layer with batch_first=False, whose input is (steps, batch, features).
    static int64_t batchSize(const OpGraph& graph)
    {
        if (graph.inputs.empty())
            return 1;
        const GraphValue& first = graph.values[static_cast<size_t>(graph.inputs.front())];
        if (first.shape.size() < 2)
            return 1;
        size_t dim = 0;
        for (int consumer : first.consumers)
            for (const auto& op : graph.nodes[static_cast<size_t>(consumer)].ops) {
                const OpArgument* batchFirst = op.input("batch_first");
                if (!isRecurrentOp(op.kind) || op.inputs.empty() || op.inputs[0].value != first.id || !batchFirst
                    || !batchFirst->known || batchFirst->ints.empty() || first.shape.size() != 3)
                    continue;
                dim = batchFirst->ints[0] != 0 ? 0 : 1;
            }
        return first.shape[dim] > 0 ? first.shape[dim] : 1;
    }

    void noteUncounted(const std::string& type, const ModuleInfo* module)
    {
        auto& entry = uncounted[type];
        entry.type = type;
        ++entry.calls;
        if (module)
            entry.params = module->total_param_count;
    }

    LayerFlops row(const NodeView& view) const
    {
        LayerFlops r;
        r.node = view.node.id;
        r.name = view.node.name;
        r.type = view.node.op_type;
        r.weight_shape = view.node.weight_shape;
        r.input_shape = view.inputShape();
        r.output_shape = view.outputShape();
        r.executions = view.node.executions;
        return r;
    }

    // One row per execution, as NNI's hooks fire once per call.
    void emit(LayerFlops r)
    {
        const int executions = std::max(1, r.executions);
        for (int e = 0; e < executions; ++e) {
            r.call = ++calls[r.name];
            result.total += r.flops;
            result.masked_total += r.masked_flops;
            result.effective_total += r.effective_flops;
            result.layers.push_back(r);
        }
        params[r.name] = r.params;
        effectiveParams[r.name] = r.effective_params;
    }

    void nniNode(const OpNode& node)
    {
        const ModuleInfo* module = node.isModule() && modules.count(node.scope) ? modules.at(node.scope) : nullptr;
        if (!module) {
            for (const auto& op : node.ops)
                if (kMacOps.count(op.kind))
                    noteUncounted(op.kind, nullptr);
            return;
        }
        if (!nniCounts(*module, mode)) {
            const bool byDesign = mode == FlopsMode::Default && nniFullOnly(module->type) && module->isTorchNn();
            if (module->total_param_count > 0 && !byDesign)
                noteUncounted(module->type, module);
            return;
        }
        const NodeView view { graph, node, module };
        LayerFlops r = row(view);
        const NniCount base = nniModuleCount(view, mode);
        r.flops = r.masked_flops = r.effective_flops = base.flops;
        r.params = r.effective_params = base.params;
        if (masks) {
            auto mask = masks->find(node.name);
            const bool filterLayer = node.op_type.rfind("Conv", 0) == 0 || node.op_type == "Linear";
            if (mask != masks->end() && filterLayer)
                r.masked_flops = nniModuleCount(view, mode, mask->second.sum()).flops;
            const ChannelsKept channels = kept->keptFor(node);
            const NniCount effective = nniModuleCount(view, mode, {}, channels);
            r.effective_flops = effective.flops;
            r.effective_params = effective.params;
            r.kept_out_channels = channels.out;
            const Shape out = view.outputShape();
            r.out_channels = out.size() > 1 ? out[1] : -1;
        }
        emit(r);
    }

    void extendedNode(const OpNode& node)
    {
        const ModuleInfo* module = node.isModule() && modules.count(node.scope) ? modules.at(node.scope) : nullptr;
        const NodeView view { graph, node, module };
        int64_t macs = 0;
        for (const auto& op : node.ops) {
            const OpMacs m = extendedOpMacs(op, view);
            if (!m.known)
                noteUncounted(op.kind, nullptr);
            macs += m.macs * std::max(1, op.executions);
        }
        const int executions = std::max(1, node.executions);
        macs = macs / executions / result.batch_size;
        if (macs == 0) {
            if (module && module->total_param_count > 0 && !kNoMacTypes.count(module->type))
                noteUncounted(module->type, module);
            return;
        }
        LayerFlops r = row(view);
        r.flops = r.masked_flops = r.effective_flops = macs;
        r.params = r.effective_params = module ? module->total_param_count : 0;
        if (masks && module) {
            const ChannelsKept channels = kept->keptFor(node);
            const Shape in = view.inputShape(), out = view.outputShape();
            const bool linear = node.op_type == "Linear";
            const int64_t outChannels = linear ? node.attr("out_features") : (out.size() > 1 ? out[1] : -1);
            const int64_t inChannels = linear ? node.attr("in_features") : (in.size() > 1 ? in[1] : -1);
            const bool depthwise = node.attr("groups", 1) > 1 && node.attr("groups", 1) == inChannels;
            auto mask = masks->find(node.name);
            if (mask != masks->end() && !mask->second.shape.empty() && mask->second.shape[0] > 0) {
                const int64_t filterSize = static_cast<int64_t>(mask->second.weight.size()) / mask->second.shape[0];
                r.masked_flops = scale(macs, filterSize ? mask->second.sum() / filterSize : 0, mask->second.shape[0]);
            }
            int64_t effective = scale(macs, channels.out, outChannels);
            if (!depthwise)
                effective = scale(effective, channels.in, inChannels);
            r.effective_flops = effective;
            const bool filterLayer = linear || (node.op_type.rfind("Conv", 0) == 0 && node.attr("transposed", 0) == 0);
            r.effective_params = filterLayer && module->leaf
                ? keptLayerParams(*module, node, channels, outChannels, inChannels, depthwise)
                : scale(scale(r.params, channels.out, outChannels), depthwise ? -1 : channels.in, inChannels);
            r.kept_out_channels = channels.out;
            r.out_channels = outChannels;
        }
        emit(r);
    }

    FlopsResult run()
    {
        for (const auto& node : graph.nodes) {
            if (mode == FlopsMode::Extended)
                extendedNode(node);
            else
                nniNode(node);
        }
        for (const auto& [name, p] : params)
            result.params += p;
        for (const auto& [name, p] : effectiveParams)
            result.effective_params += p;
        for (const auto& [type, entry] : uncounted)
            result.uncounted.push_back(entry);
        if (!masks) {
            result.masked_total = result.effective_total = result.total;
            result.effective_params = result.params;
        }
        return result;
    }
};

} // namespace

const char* flopsModeName(FlopsMode mode)
{
    switch (mode) {
    case FlopsMode::Default: return "default";
    case FlopsMode::Full: return "full";
    case FlopsMode::Extended: return "extended";
    }
    return "default";
}

FlopsMode parseFlopsMode(const std::string& text)
{
    for (FlopsMode mode : { FlopsMode::Default, FlopsMode::Full, FlopsMode::Extended })
        if (text == flopsModeName(mode))
            return mode;
    throw Error(ErrorKind::Usage, "unknown FLOPs mode \"" + text + "\": use default, full or extended");
}

bool FlopsResult::hasMultiUse() const
{
    for (const auto& layer : layers)
        if (layer.call > 1)
            return true;
    return false;
}

FlopsResult countFlops(const OpGraph& graph, FlopsMode mode, const MaskSet* masks)
{
    return Counter(graph, mode, masks).run();
}

} // namespace prunescope
