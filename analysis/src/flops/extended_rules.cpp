// SPDX-License-Identifier: MIT
#include "extended_rules.h"

#include "op_kinds.h"

#include <map>
#include <set>

namespace prunescope::flops {

namespace {

const std::set<std::string> kMatmulOps { "aten::matmul", "aten::bmm", "aten::mm", "aten::baddbmm", "aten::addmm",
    "aten::addbmm", "aten::addmv", "aten::mv" };
// int8 kernels: the weight is packed into an argument, so it comes from the module.
const std::set<std::string> kQuantizedConvOps { "quantized::conv1d", "quantized::conv1d_relu", "quantized::conv2d",
    "quantized::conv2d_relu", "quantized::conv3d", "quantized::conv3d_relu", "quantized::conv_transpose1d",
    "quantized::conv_transpose2d", "quantized::conv_transpose3d" };
const std::set<std::string> kQuantizedLinearOps { "quantized::linear", "quantized::linear_relu",
    "quantized::linear_dynamic", "quantized::linear_relu_dynamic" };
const std::set<std::string> kUncountable { "aten::tensordot", "aten::bilinear", "aten::_convolution_mode" };

Shape tensorArg(const OpCall& op, size_t index)
{
    size_t seen = 0;
    for (const auto& arg : op.inputs)
        if (arg.kind == OpArgument::Kind::Tensor && seen++ == index)
            return arg.known ? arg.shape : Shape {};
    return {};
}

Shape namedShape(const OpCall& op, const char* name, size_t fallbackIndex)
{
    if (const OpArgument* a = op.input(name); a && a->known && a->kind == OpArgument::Kind::Tensor)
        return a->shape;
    return tensorArg(op, fallbackIndex);
}

Shape outShape(const OpCall& op) { return !op.outputs.empty() && op.outputs[0].known ? op.outputs[0].shape : Shape {}; }

OpMacs convolution(const OpCall& op)
{
    const Shape in = namedShape(op, "input", 0);
    const Shape w = namedShape(op, "weight", 1);
    const Shape out = outShape(op);
    if (w.size() < 3)
        return { 0, false };
    const bool transposed = op.kind.find("transpose") != std::string::npos
        || (op.input("transposed") && !op.input("transposed")->ints.empty() && op.input("transposed")->ints[0]);
    // Each output element of a conv reads (Cin/groups) x kernel inputs; each input
    // element of a transposed conv writes (Cout/groups) x kernel outputs. w[1] is the
    // per-group channel count in both layouts.
    return { (transposed ? numel(in) : numel(out)) * w[1] * numel(w, 2), true };
}

// Output elements times the length of the reduced dimension.
OpMacs matmul(const OpCall& op)
{
    const Shape out = outShape(op);
    Shape a;
    if (op.kind == "aten::addmm" || op.kind == "aten::baddbmm" || op.kind == "aten::addbmm" || op.kind == "aten::addmv")
        a = tensorArg(op, 1);
    else
        a = tensorArg(op, 0);
    if (a.empty())
        return { 0, false };
    const int64_t reduced = a.back();
    if (op.kind == "aten::addbmm") // sums the batch of products into one matrix
        return { a.size() == 3 ? a[0] * numel(out) * reduced : 0, true };
    return { std::max<int64_t>(1, numel(out)) * reduced, true };
}

OpMacs linear(const OpCall& op)
{
    const Shape in = namedShape(op, "input", 0);
    const Shape w = namedShape(op, "weight", 1);
    if (in.empty() || w.size() != 2)
        return { 0, false };
    return { numel(in) * w[0], true };
}

OpMacs quantizedLayer(const OpCall& op, const NodeView& view)
{
    const ModuleParam* weight = view.param("weight");
    const Shape in = tensorArg(op, 0), out = outShape(op);
    if (!weight || weight->shape.size() < 2 || in.empty())
        return { 0, false };
    const Shape& w = weight->shape;
    if (kQuantizedLinearOps.count(op.kind))
        return { numel(in) * w[0], true };
    if (w.size() < 3)
        return { 0, false };
    const bool transposed = op.kind.find("transpose") != std::string::npos;
    return { (transposed ? numel(in) : numel(out)) * w[1] * numel(w, 2), true };
}

// Two operands: one multiply-accumulate per combination of index values, i.e. output
// elements times the length of the contracted indices (maxvit's attention products).
// Labels' sizes come from the operands' shapes; "..." stands for the leading dims.
OpMacs einsum(const OpCall& op)
{
    const OpArgument* equation = op.input("equation");
    const OpArgument* operands = op.input("tensors");
    if (!equation || equation->text.empty() || !operands || !operands->known)
        return { 0, false };
    std::string lhs = equation->text.substr(0, equation->text.find("->"));
    std::vector<std::string> terms(1);
    for (char c : lhs) {
        if (c == ',')
            terms.emplace_back();
        else if (c != ' ')
            terms.back() += c;
    }
    if (terms.size() != operands->shapes.size())
        return { 0, false };
    if (terms.size() < 2)
        return { 0, true }; // a sum or a transpose: no products
    std::map<std::string, int64_t> sizes;
    for (size_t t = 0; t < terms.size(); ++t) {
        const Shape& shape = operands->shapes[t];
        std::vector<std::string> labels;
        const auto dots = terms[t].find("...");
        const std::string before = dots == std::string::npos ? terms[t] : terms[t].substr(0, dots);
        const std::string after = dots == std::string::npos ? "" : terms[t].substr(dots + 3);
        for (char c : before)
            labels.emplace_back(1, c);
        const auto named = before.size() + after.size();
        if (dots != std::string::npos && shape.size() >= named)
            for (size_t e = shape.size() - named; e > 0; --e)
                labels.push_back("." + std::to_string(e)); // ellipsis dims, aligned from the right
        for (char c : after)
            labels.emplace_back(1, c);
        if (labels.size() != shape.size())
            return { 0, false };
        for (size_t d = 0; d < labels.size(); ++d)
            sizes[labels[d]] = std::max(sizes[labels[d]], shape[d]);
    }
    int64_t macs = 1;
    for (const auto& [label, size] : sizes)
        macs *= size;
    return { macs, true };
}

// Projections of query, key and value, the two attention products, the output projection.
OpMacs fusedAttention(const OpCall& op)
{
    const Shape q = tensorArg(op, 0), k = tensorArg(op, 1);
    if (q.size() != 3 || k.size() != 3)
        return { 0, false };
    const int64_t batch = q[0], target = q[1], source = k[1], embed = q[2];
    const int64_t projections = batch * (target + 2 * source) * embed * embed;
    const int64_t attention = 2 * batch * target * source * embed;
    const int64_t output = batch * target * embed * embed;
    return { projections + attention + output, true };
}

// gates x hidden x (input + hidden) per step, layer and direction.
OpMacs recurrent(const OpCall& op, const NodeView& view)
{
    const Shape x = tensorArg(op, 0);
    const ModuleParam* ih = view.param("weight_ih_l0");
    const ModuleParam* hh = view.param("weight_hh_l0");
    if (x.size() != 3 || !ih || !hh || hh->shape.size() != 2)
        return { 0, false };
    const int64_t gateRows = hh->shape[0], hidden = hh->shape[1];
    const int directions = view.param("weight_ih_l0_reverse") ? 2 : 1;
    int64_t perStep = 0;
    for (int l = 0; view.param("weight_ih_l" + std::to_string(l)); ++l) {
        const int64_t in = view.param("weight_ih_l" + std::to_string(l))->shape.back();
        perStep += directions * gateRows * (in + hidden);
    }
    return { x[0] * x[1] * perStep, true }; // batch x steps, whatever the layout
}

} // namespace

OpMacs extendedOpMacs(const OpCall& op, const NodeView& view)
{
    if (isConvolutionOp(op.kind))
        return convolution(op);
    if (op.kind == "aten::linear")
        return linear(op);
    if (kQuantizedConvOps.count(op.kind) || kQuantizedLinearOps.count(op.kind))
        return quantizedLayer(op, view);
    if (kMatmulOps.count(op.kind))
        return matmul(op);
    if (op.kind == "aten::_native_multi_head_attention")
        return fusedAttention(op);
    if (op.kind == "aten::einsum")
        return einsum(op);
    if (isRecurrentOp(op.kind))
        return recurrent(op, view);
    if (kUncountable.count(op.kind))
        return { 0, false };
    return { 0, true };
}

} // namespace prunescope::flops
