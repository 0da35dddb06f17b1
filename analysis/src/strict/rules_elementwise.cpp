// SPDX-License-Identifier: MIT
// Ops that act index by index on broadcast operands: activations, arithmetic, dropout,
// copies. Every operand dimension of full size is the output's dimension; a size-1
// dimension broadcasts and carries nothing.
#include "rules.h"

namespace prunescope::strict {

void elementwise(Op& op)
{
    std::vector<Dims> operands;
    for (const auto& a : op.call.inputs)
        if (op.isTensor(a) && !op.isScalarLike(a))
            operands.push_back(op.dims(a));
    const Shape shape = op.outputShape(0);
    const size_t rank = shape.size();
    Dims out(rank, -1);
    for (size_t j = 0; j < rank; ++j) {
        for (const Dims& d : operands) {
            if (d.size() > rank)
                op.cannot("internal: an operand of " + op.kind() + " has more dims than its result");
            const size_t offset = rank - d.size();
            if (j < offset)
                continue;
            const int space = d[j - offset];
            const int64_t size = op.s.flow.size(space);
            if (size == shape[j]) {
                // An activation never takes over a parameter's space: its own rules (a
                // matmul, say) must not change the parameter's role.
                if (out[j] < 0)
                    out[j] = space;
                else if (op.s.isMemberSpace(out[j]) && !op.s.isMemberSpace(space)) {
                    op.unite(space, out[j]);
                    out[j] = space;
                } else
                    op.unite(out[j], space);
            } else if (size != 1) {
                op.cannot("operands of " + op.kind() + " do not broadcast");
            }
        }
        if (out[j] < 0)
            out[j] = op.s.flow.addSpace(shape[j]);
    }
    op.output(0, out);
    // Ops with a second result of the same shape (none here so far) would share it.
}

namespace {

void unary(Op& op) { op.output(0, op.dims(op.input(0))); }

void softmax(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const int64_t dim = op.wrapDim(op.intArg("dim"), x.size());
    if (op.s.flow.carrying(x[static_cast<size_t>(dim)]))
        op.s.note(x[static_cast<size_t>(dim)],
            op.node.unique_name + " (" + op.kind()
                + ") normalises over these channels: a pruned model's outputs differ");
    op.output(0, x);
}

// PReLU's weight holds one slope per channel (dim 1), or a single shared one.
void prelu(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const Dims w = op.dims(op.input(1));
    if (w.size() == 1 && op.s.flow.size(w[0]) > 1) {
        const size_t channel = x.size() >= 2 ? 1 : 0;
        if (channel >= x.size() || op.s.flow.size(x[channel]) != op.s.flow.size(w[0]))
            op.cannot("prelu's weight does not match the channels");
        op.unite(x[channel], w[0]);
    }
    op.output(0, x);
}

} // namespace

void addElementwiseRules(RuleTable& table)
{
    for (const char* kind :
        { "aten::add", "aten::sub", "aten::mul", "aten::div", "aten::true_divide", "aten::floor_divide",
            "aten::remainder", "aten::fmod", "aten::pow", "aten::maximum", "aten::minimum", "aten::rsub", "aten::eq",
            "aten::ne", "aten::lt", "aten::le", "aten::gt", "aten::ge", "aten::logical_and", "aten::logical_or",
            "aten::logical_xor", "aten::logical_not", "aten::bitwise_and", "aten::bitwise_or", "aten::bitwise_not",
            "aten::addcmul", "aten::addcdiv", "aten::lerp", "aten::where", "aten::masked_fill", "aten::copy",
            "aten::fill", "aten::zero", "aten::relu", "aten::relu6", "aten::gelu", "aten::silu", "aten::sigmoid",
            "aten::tanh", "aten::hardtanh", "aten::hardswish", "aten::hardsigmoid", "aten::leaky_relu", "aten::elu",
            "aten::selu", "aten::celu", "aten::mish", "aten::softplus", "aten::softsign", "aten::exp", "aten::log",
            "aten::log1p", "aten::sqrt", "aten::rsqrt", "aten::abs", "aten::neg", "aten::reciprocal", "aten::erf",
            "aten::sin", "aten::cos", "aten::sign", "aten::square", "aten::clamp", "aten::clamp_min", "aten::clamp_max",
            "aten::clip", "aten::threshold", "aten::round", "aten::floor", "aten::ceil", "aten::trunc", "aten::frac",
            "aten::nan_to_num", "aten::expand_as", "aten::hardshrink", "aten::tanhshrink", "aten::logsigmoid" })
        table[kind] = elementwise;
    // One tensor in, the same indices out (other tensor arguments only lend a dtype).
    for (const char* kind : { "aten::dropout", "aten::feature_dropout", "aten::alpha_dropout",
             "aten::feature_alpha_dropout", "aten::contiguous", "aten::clone", "aten::detach", "aten::to",
             "aten::type_as", "aten::float", "aten::half", "aten::requires_grad" })
        table[kind] = unary;
    table["aten::softmax"] = softmax;
    table["aten::log_softmax"] = softmax;
    table["aten::prelu"] = prelu;
}

} // namespace prunescope::strict
