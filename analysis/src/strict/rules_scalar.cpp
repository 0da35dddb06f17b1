// SPDX-License-Identifier: MIT
// Sizes and the int arithmetic on them: which tensor dims an int was read from, so that a
// view's size can be told to follow channels or to fix them. A channel count compared
// with something in the model's code is fixed by that comparison.
#include "rules.h"

namespace prunescope::strict {

namespace {

void size(Op& op)
{
    const Dims x = op.dims(op.input(0));
    if (op.arg("dim")) {
        const auto d = static_cast<size_t>(op.wrapDim(op.intArg("dim"), x.size()));
        op.setProvenance(0, Provenance { { x[d] }, false });
        return;
    }
    // x.size(): an int list, unpacked inside the node (scripted) or used whole.
    const OpArgument& out = op.call.outputs.at(0);
    std::vector<Provenance> perDim;
    for (int space : x)
        perDim.push_back(Provenance { { space }, false });
    for (size_t k = 0; k < out.elements.size() && k < perDim.size(); ++k) {
        const OpArgument& piece = out.elements[k];
        if (piece.value >= 0)
            op.s.valueProvenance[static_cast<size_t>(piece.value)] = perDim[k];
        else if (piece.local >= 0)
            op.s.localProvenance[piece.local] = perDim[k];
    }
    if (out.value >= 0)
        op.s.listProvenance[out.value] = perDim;
}

void numel(Op& op)
{
    Provenance p;
    for (int space : op.dims(op.input(0)))
        p.spaces.push_back(space);
    op.setProvenance(0, p);
}

void rank(Op& op) { op.setProvenance(0, {}); } // dim(): the rank, not a size

void scalarPropagate(Op& op)
{
    Provenance p;
    for (const auto& a : op.call.inputs) {
        p.add(op.provenance(a));
        for (const auto& e : a.elements)
            p.add(op.provenance(e));
    }
    for (size_t i = 0; i < op.call.outputs.size(); ++i)
        op.setProvenance(i, p);
}

// A comparison of a channel count with something. When it holds today as an equality
// (scripted attention checks that the embedding is still 768), a pruned model would fail
// it: those channels are fixed. An equality that fails today (GroupNorm's "more than one
// value per channel" check) keeps failing unless pruning lands on that very number,
// which the note says; an ordering is fixed, as we cannot tell where it flips.
void compare(Op& op)
{
    scalarPropagate(op);
    Provenance p;
    for (const auto& a : op.call.inputs)
        p.add(op.provenance(a));
    std::vector<int> carrying;
    for (int space : p.spaces)
        if (op.s.flow.carrying(space))
            carrying.push_back(space);
    if (carrying.empty())
        return;
    const auto& in = op.call.inputs;
    const bool known = in.size() >= 2 && in[0].known && in[1].known && in[0].ints.size() == 1 && in[1].ints.size() == 1;
    const bool equal = known && in[0].ints[0] == in[1].ints[0];
    const bool isEq = op.kind() == "aten::eq", isNe = op.kind() == "aten::ne";
    if (known && (isEq || isNe) && !equal) {
        const size_t constant = op.provenance(in[0]).spaces.empty() ? 0 : 1;
        for (int space : carrying)
            op.s.note(space,
                "the model's code checks that a count derived from these channels is not "
                    + std::to_string(in[constant].ints[0]) + " (" + op.where() + ")");
        return;
    }
    const int reason = op.s.addReason(Reason::Kind::ConstantShape,
        "the model's code compares this channel count (" + op.where() + ")", op.node.id, op.kind());
    for (int space : carrying)
        op.s.fix(space, reason);
}

// `x is None`, `query is key`: identity tests read no channel.
void identityTest(Op& op)
{
    for (const auto& a : op.call.inputs)
        op.consume(a);
    op.setProvenance(0, {});
}

void intListItem(Op& op)
{
    const OpArgument& list = op.input(0);
    const std::vector<Provenance> items = op.listProvenance(list);
    const OpArgument* index = op.call.inputs.size() > 1 ? &op.call.inputs[1] : nullptr;
    if (index && index->known && index->ints.size() == 1 && index->value < 0 && index->local < 0) {
        int64_t k = index->ints.front();
        if (k < 0)
            k += static_cast<int64_t>(items.size());
        if (k >= 0 && k < static_cast<int64_t>(items.size())) {
            op.setProvenance(0, items[static_cast<size_t>(k)]);
            return;
        }
    }
    scalarPropagate(op);
}

} // namespace

void addScalarRules(RuleTable& table)
{
    table["aten::size"] = size;
    table["aten::numel"] = numel;
    table["aten::dim"] = rank;
    table["aten::len"] = rank;
    table["aten::__is__"] = identityTest;
    table["aten::__isnot__"] = identityTest;
    for (const char* kind : { "aten::eq", "aten::ne", "aten::lt", "aten::le", "aten::gt", "aten::ge" })
        table[std::string("scalar:") + kind] = compare;
    table["scalar:aten::__getitem__"] = intListItem;
    table["scalar:aten::len"] = rank;
    table["scalar:aten::dim"] = rank;
}

} // namespace prunescope::strict
