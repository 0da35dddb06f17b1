// SPDX-License-Identifier: MIT
#include "chain_plan.h"

#include <algorithm>
#include <set>

namespace prunescope::test {

namespace {

const std::set<std::string> kPassThrough { "BatchNorm2d", "ReLU", "ReLU6", "Hardswish", "MaxPool2d", "aten::relu",
    "aten::relu_", "aten::max_pool2d", "aten::hardtanh_" };

bool plainConv(const OpNode& node) { return node.op_type == "Conv2d" && node.attr("groups", 1) == 1; }

// One filter per input channel: it passes the channels on, losing the same filters.
bool depthwise(const OpNode& node)
{
    const int64_t groups = node.attr("groups", 1);
    return node.op_type == "Conv2d" && groups > 1 && groups == node.attr("in_channels")
        && groups == node.attr("out_channels");
}

// Every param and buffer of `module` with one entry per channel, sliced along dim 0.
void sliceOut(const OpGraph& graph, const std::string& module, const std::vector<int64_t>& kept, int64_t channels,
    PrunePlan& plan)
{
    for (const auto& p : graph.module(module)->params)
        if (!p.shape.empty() && p.shape[0] == channels)
            plan.slices.push_back({ module, p.name, 0, kept, 1 });
}

} // namespace

ChainPlan chainPlan(const OpGraph& graph, double fraction)
{
    ChainPlan result;
    for (const auto& root : graph.nodes) {
        if (!plainConv(root) || root.call_index != 0 || root.outputs.size() != 1)
            continue;
        const int64_t channels = root.attr("out_channels");
        // Walk the chain: pass-through nodes with one consumer each, then plain convs.
        std::vector<int> values { root.outputs[0] }, passed, convs;
        bool ok = true;
        for (size_t i = 0; i < values.size() && ok; ++i) {
            const GraphValue& v = graph.values[static_cast<size_t>(values[i])];
            ok = !v.model_output && !v.consumers.empty();
            for (int c : v.consumers) {
                const OpNode& next = graph.nodes[static_cast<size_t>(c)];
                if (plainConv(next) && next.inputs.size() == 1 && next.call_index == 0) {
                    convs.push_back(c);
                } else if ((kPassThrough.count(next.op_type) || depthwise(next)) && next.outputs.size() == 1
                    && (next.call_index == 0 || (next.op_type.find("Norm") == std::string::npos && !depthwise(next)))) {
                    passed.push_back(c);
                    values.push_back(next.outputs[0]);
                } else {
                    ok = false;
                }
            }
        }
        const auto removedCount = static_cast<int64_t>(static_cast<double>(channels) * fraction);
        if (!ok || convs.empty() || removedCount < 1 || removedCount >= channels)
            continue;
        std::vector<int64_t> removed, kept;
        for (int64_t i = 0; i < removedCount; ++i)
            removed.push_back(i * channels / removedCount);
        for (int64_t c = 0; c < channels; ++c)
            if (!std::binary_search(removed.begin(), removed.end(), c))
                kept.push_back(c);
        sliceOut(graph, root.name, kept, channels, result.plan);
        for (int n : passed) {
            const OpNode& node = graph.nodes[static_cast<size_t>(n)];
            if (node.op_type == "BatchNorm2d" || depthwise(node))
                sliceOut(graph, node.name, kept, channels, result.plan);
            if (depthwise(node)) {
                result.plan.edits.push_back(
                    { node.unique_name, node.ops.front().kind, "groups", -1, static_cast<int64_t>(kept.size()) });
                result.kept[node.name] = kept;
            }
        }
        for (int n : convs)
            result.plan.slices.push_back({ graph.nodes[static_cast<size_t>(n)].name, "weight", 1, kept, 1 });
        for (int v : values)
            result.plan.silenced.push_back({ v, 1, removed });
        result.kept[root.name] = kept;
    }
    return result;
}

} // namespace prunescope::test
