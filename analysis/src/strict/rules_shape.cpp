// SPDX-License-Identifier: MIT
// Ops that move dims around without touching values: view and friends (reshape_rule.cpp
// does the work), permute, transpose, (un)squeeze, expand, repeat, and tensor creation.
#include "rules.h"

#include <algorithm>

namespace prunescope::strict {

namespace {

void view(Op& op)
{
    const OpArgument* sizes = op.arg("size") ? op.arg("size") : op.arg("shape");
    if (!sizes)
        op.cannot("the target shape of " + op.kind() + " is not known");
    reshapeTo(op, op.dims(op.input(0)), op.outputShape(0), sizeElements(op, *sizes), sizes->name);
}

// view_as / reshape_as: every size follows the other tensor's dims.
void viewAs(Op& op)
{
    const Dims other = op.dims(op.input(1));
    std::vector<SizeElement> sizes;
    for (int space : other) {
        SizeElement e;
        e.value = op.s.flow.size(space);
        e.kind = op.s.flow.carrying(space) ? SizeElement::Kind::Derived : SizeElement::Kind::Plain;
        if (e.kind == SizeElement::Kind::Derived)
            e.reads = { space };
        sizes.push_back(e);
    }
    reshapeTo(op, op.dims(op.input(0)), op.outputShape(0), sizes, "other");
}

void flatten(Op& op) { reshapeTo(op, op.dims(op.input(0)), op.outputShape(0), {}, ""); }

void unflatten(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const int64_t dim = op.wrapDim(op.intArg("dim"), x.size());
    const OpArgument* sizesArg = op.arg("sizes");
    if (!sizesArg)
        op.cannot("the sizes of unflatten are not known");
    const std::vector<SizeElement> inner = sizeElements(op, *sizesArg);
    std::vector<SizeElement> sizes;
    const Shape shape = op.outputShape(0);
    for (size_t j = 0; j < shape.size(); ++j) {
        const auto k = static_cast<int64_t>(j);
        if (k >= dim && k < dim + static_cast<int64_t>(inner.size())) {
            sizes.push_back(inner[static_cast<size_t>(k - dim)]);
        } else {
            SizeElement e;
            e.kind = SizeElement::Kind::Infer; // the dims unflatten leaves alone
            sizes.push_back(e);
        }
    }
    reshapeTo(op, x, shape, sizes, "sizes");
}

void permute(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const std::vector<int64_t> order = op.intsArg("dims");
    if (order.size() != x.size())
        op.cannot("permute's dims do not match its input");
    Dims out;
    for (int64_t d : order)
        out.push_back(x[static_cast<size_t>(op.wrapDim(d, x.size()))]);
    op.output(0, out);
}

void transpose(Op& op)
{
    Dims x = op.dims(op.input(0));
    if (op.kind() == "aten::t" || op.kind() == "aten::numpy_T") {
        std::reverse(x.begin(), x.end());
    } else {
        const int64_t a = op.wrapDim(op.intArg(op.arg("dim0") ? "dim0" : "axis0"), x.size());
        const int64_t b = op.wrapDim(op.intArg(op.arg("dim1") ? "dim1" : "axis1"), x.size());
        std::swap(x[static_cast<size_t>(a)], x[static_cast<size_t>(b)]);
    }
    op.output(0, x);
}

void unsqueeze(Op& op)
{
    Dims x = op.dims(op.input(0));
    const int64_t dim = op.wrapDim(op.intArg("dim"), x.size() + 1);
    x.insert(x.begin() + dim, op.s.flow.addSpace(1));
    op.output(0, x);
}

void squeeze(Op& op)
{
    const Dims x = op.dims(op.input(0));
    Dims out;
    if (op.arg("dim")) {
        const int64_t dim = op.wrapDim(op.intArg("dim"), x.size());
        for (size_t d = 0; d < x.size(); ++d)
            if (static_cast<int64_t>(d) != dim || op.s.flow.size(x[d]) != 1)
                out.push_back(x[d]);
    } else {
        for (int space : x)
            if (op.s.flow.size(space) != 1)
                out.push_back(space);
    }
    op.output(0, out);
}

// Sizes -1 keep the dim; a size-1 dim expanded to n broadcasts (its one index is all n).
void expand(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const OpArgument* sizeArg = op.arg("size");
    if (!sizeArg)
        op.cannot("the sizes of expand are not known");
    const std::vector<SizeElement> sizes = sizeElements(op, *sizeArg);
    const Shape shape = op.outputShape(0);
    if (sizes.size() != shape.size() || x.size() > shape.size())
        op.cannot("the sizes of expand do not match its input");
    const size_t offset = shape.size() - x.size();
    Dims out;
    for (size_t j = 0; j < shape.size(); ++j) {
        if (j >= offset && op.s.flow.size(x[j - offset]) == shape[j]) {
            const int space = x[j - offset];
            out.push_back(space);
            const SizeElement& e = sizes[j];
            if (!op.s.flow.carrying(space) || e.kind == SizeElement::Kind::Infer)
                continue;
            if (e.kind == SizeElement::Kind::Constant)
                addEdit(op, EditSite::Kind::KeptCount, "size", static_cast<int>(j), e.value, space);
            else if (e.kind == SizeElement::Kind::Derived)
                requireFollows(op, e, space, "expands channels to a size");
            else
                op.cannot(
                    op.where() + " expands channels to a size that does not follow them", Reason::Kind::ConstantShape);
        } else {
            out.push_back(op.s.flow.addSpace(shape[j]));
        }
    }
    op.output(0, out);
}

// Each copy of a repeated dim holds the same indices again.
void repeat(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const Shape shape = op.outputShape(0);
    if (x.size() > shape.size())
        op.cannot("repeat's result has fewer dims than its input");
    const size_t offset = shape.size() - x.size();
    Dims out;
    for (size_t j = 0; j < shape.size(); ++j) {
        if (j < offset) {
            out.push_back(op.s.flow.addSpace(shape[j]));
            continue;
        }
        const int space = x[j - offset];
        const int64_t n = op.s.flow.size(space);
        if (n == shape[j]) {
            out.push_back(space);
            continue;
        }
        const int repeated = op.s.flow.addSpace(shape[j]);
        for (int64_t i = 0; i < shape[j]; ++i)
            op.s.flow.unite(op.s.flow.element(repeated, i), op.s.flow.element(space, i % n));
        out.push_back(repeated);
    }
    op.consume(*op.arg("repeats"));
    op.output(0, out);
}

// zeros_like & co.: the same indices as their input.
void like(Op& op) { op.output(0, op.dims(op.input(0))); }

// zeros(size) & co.: a size read from a tensor's dim gives that dim's indices; a constant
// size gives indices of its own, fixed (they cannot follow a pruning).
void create(Op& op)
{
    const Shape shape = op.outputShape(0);
    const OpArgument* sizeArg = op.arg("size");
    std::vector<SizeElement> sizes;
    if (sizeArg && (sizeArg->kind == OpArgument::Kind::IntList || !sizeArg->elements.empty()))
        sizes = sizeElements(op, *sizeArg);
    int reason = -1;
    Dims out;
    for (size_t j = 0; j < shape.size(); ++j) {
        if (j < sizes.size() && sizes[j].kind == SizeElement::Kind::Derived && sizes[j].reads.size() == 1
            && op.s.flow.size(sizes[j].reads[0]) == shape[j]) {
            out.push_back(sizes[j].reads[0]);
            continue;
        }
        out.push_back(op.s.flow.addSpace(shape[j]));
        if (reason < 0)
            reason = op.s.addReason(Reason::Kind::ConstantShape,
                op.where() + " creates a tensor whose sizes do not follow any channels", op.node.id, op.kind());
        op.s.fix(out.back(), reason);
    }
    for (const auto& a : op.call.inputs)
        op.consume(a);
    op.output(0, out);
}

} // namespace

void addShapeRules(RuleTable& table)
{
    table["aten::view"] = view;
    table["aten::reshape"] = view;
    table["aten::_unsafe_view"] = view;
    table["aten::view_as"] = viewAs;
    table["aten::reshape_as"] = viewAs;
    table["aten::flatten"] = flatten;
    table["aten::unflatten"] = unflatten;
    table["aten::permute"] = permute;
    table["aten::transpose"] = transpose;
    table["aten::swapaxes"] = transpose;
    table["aten::t"] = transpose;
    table["aten::numpy_T"] = transpose;
    table["aten::unsqueeze"] = unsqueeze;
    table["aten::squeeze"] = squeeze;
    table["aten::expand"] = expand;
    table["aten::broadcast_to"] = expand;
    table["aten::repeat"] = repeat;
    for (const char* kind : { "aten::zeros_like", "aten::ones_like", "aten::full_like", "aten::empty_like",
             "aten::rand_like", "aten::randn_like" })
        table[kind] = like;
    for (const char* kind : { "aten::zeros", "aten::ones", "aten::full", "aten::empty", "aten::rand", "aten::randn",
             "aten::new_zeros", "aten::new_ones", "aten::new_full", "aten::new_empty", "aten::arange", "aten::tensor",
             "aten::scalar_tensor", "aten::eye", "aten::linspace" })
        table[kind] = create;
}

} // namespace prunescope::strict
