// SPDX-License-Identifier: MIT
#include "node_attributes.h"

#include "op_kinds.h"

#include <set>

namespace prunescope {

namespace {

const std::set<std::string> kLinearOps { "aten::linear", "aten::addmm", "aten::matmul", "aten::mm" };

const ModuleParam* findParam(const ModuleInfo* module, const std::string& name)
{
    if (!module)
        return nullptr;
    for (const auto& p : module->params)
        if (p.name == name)
            return &p;
    return nullptr;
}

void copyInts(OpNode& node, const OpCall& op, const std::string& arg, const std::string& attr)
{
    if (const OpArgument* a = op.input(arg); a && a->known && !a->ints.empty())
        node.attrs[attr] = a->ints;
}

void convAttributes(OpNode& node, const OpCall& op)
{
    const bool transposed = op.kind.find("transpose") != std::string::npos
        || (op.input("transposed") && !op.input("transposed")->ints.empty() && op.input("transposed")->ints[0]);
    copyInts(node, op, "stride", "stride");
    copyInts(node, op, "padding", "padding");
    copyInts(node, op, "dilation", "dilation");
    copyInts(node, op, "groups", "groups");
    copyInts(node, op, "output_padding", "output_padding");
    node.attrs["transposed"] = { transposed ? 1 : 0 };
    const OpArgument* weight = op.input("weight");
    if (node.weight_shape.empty() && weight && weight->known)
        node.weight_shape = weight->shape;
    const Shape& w = node.weight_shape;
    if (w.size() < 3)
        return;
    const int64_t groups = node.attr("groups", 1);
    node.attrs["in_channels"] = { transposed ? w[0] : w[1] * groups };
    node.attrs["out_channels"] = { transposed ? w[1] * groups : w[0] };
    node.attrs["kernel_size"] = Shape(w.begin() + 2, w.end());
}

// An int8 conv packs stride, padding and groups into an opaque argument; its weight
// (unpacked by the module tree) and its input give the channels and the groups.
void quantizedConvAttributes(OpNode& node, const OpCall& op)
{
    const Shape& w = node.weight_shape;
    if (w.size() < 3 || op.inputs.empty() || !op.inputs[0].known || op.inputs[0].shape.size() < 2 || w[1] <= 0)
        return;
    const int64_t in = op.inputs[0].shape[1];
    node.attrs["in_channels"] = { in };
    node.attrs["out_channels"] = { w[0] };
    node.attrs["kernel_size"] = Shape(w.begin() + 2, w.end());
    node.attrs["groups"] = { in / w[1] };
    node.attrs["transposed"] = { 0 };
}

void moduleAttributes(OpNode& node, const ModuleInfo* module)
{
    if (const ModuleParam* weight = findParam(module, "weight"))
        node.weight_shape = weight->shape;
    for (const auto& op : node.ops) {
        if (isConvolutionOp(op.kind)) {
            convAttributes(node, op);
            return;
        }
        if (op.kind.rfind("quantized::conv", 0) == 0 && op.kind.find("transpose") == std::string::npos) {
            quantizedConvAttributes(node, op);
            return;
        }
    }
    const Shape& w = node.weight_shape;
    const std::string& type = node.op_type;
    if (type.find("Linear") != std::string::npos && w.size() == 2) {
        node.attrs["in_features"] = { w[1] };
        node.attrs["out_features"] = { w[0] };
    } else if (type.find("Norm") != std::string::npos) {
        const ModuleParam* mean = findParam(module, "running_mean");
        if (!w.empty())
            node.attrs["num_features"] = { w[0] };
        else if (mean && !mean->shape.empty())
            node.attrs["num_features"] = { mean->shape[0] };
        for (const auto& op : node.ops)
            if (op.kind == "aten::group_norm")
                copyInts(node, op, "num_groups", "num_groups");
    } else if (type == "Embedding" && w.size() == 2) {
        node.attrs["num_embeddings"] = { w[0] };
        node.attrs["embedding_dim"] = { w[1] };
    }
}

} // namespace

void attachCallsAndAttributes(OpGraph& graph)
{
    std::map<std::string, ModuleInfo*> byPath;
    for (auto& module : graph.modules)
        byPath[module.path] = &module;
    for (auto& node : graph.nodes) {
        if (node.isModule()) {
            ModuleInfo* module = byPath.count(node.scope) ? byPath[node.scope] : nullptr;
            if (module)
                module->calls.push_back(node.id);
            moduleAttributes(node, module);
        } else if (node.op_type == "aten::cat" && !node.ops.empty()) {
            copyInts(node, node.ops.front(), "dim", "dim");
        } else if (isConvolutionOp(node.op_type) && !node.ops.empty()) {
            convAttributes(node, node.ops.front());
        }
    }
}

} // namespace prunescope
