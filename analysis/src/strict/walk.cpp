// SPDX-License-Identifier: MIT
#include "walk.h"

#include "rules.h"

#include <map>

namespace prunescope::strict {

namespace {

// A list the graph does not spell out: Tensor[] (or, from older graphs, a type it did not name).
bool isList(const OpArgument& a) { return a.kind == OpArgument::Kind::TensorList || a.kind == OpArgument::Kind::Other; }

bool scalarLike(const Op& op)
{
    for (const auto& a : op.call.inputs) {
        if (a.kind == OpArgument::Kind::Tensor && !op.isScalarLike(a))
            return false;
        for (const auto& e : a.elements)
            if (e.kind == OpArgument::Kind::Tensor && !op.isScalarLike(e))
                return false;
        if (isList(a) && a.elements.empty() && (valueOf(a) >= 0 || a.local >= 0)
            && (op.s.lists.count(valueOf(a)) || op.s.localLists.count(a.local)))
            return false;
    }
    for (const auto& a : op.call.outputs)
        if (a.kind == OpArgument::Kind::Tensor && !(a.known && a.shape.empty()))
            return false;
    return true;
}

// Everything the op touches keeps its channels: its inputs (and the sizes it reads) and
// its outputs, which get indices of their own.
void block(Op& op, const Blocked& why)
{
    FlowState& s = op.s;
    const int reason = s.addReason(why.kind, why.reason, op.node.id, op.call.kind);
    auto fixArg = [&](const OpArgument& a) {
        try {
            if (a.kind == OpArgument::Kind::Tensor && !op.isScalarLike(a))
                for (int space : op.dims(a))
                    s.fix(space, reason);
        } catch (const Blocked&) {
        }
        for (int space : op.provenance(a).spaces)
            s.fix(space, reason);
        for (const auto& p : op.listProvenance(a))
            for (int space : p.spaces)
                s.fix(space, reason);
    };
    for (const auto& a : op.call.inputs) {
        fixArg(a);
        for (const auto& e : a.elements)
            fixArg(e);
        if (isList(a) && a.elements.empty()) {
            const std::vector<Dims>* list = nullptr;
            if (auto found = s.lists.find(valueOf(a)); valueOf(a) >= 0 && found != s.lists.end())
                list = &found->second;
            else if (auto local = s.localLists.find(a.local); a.local >= 0 && local != s.localLists.end())
                list = &local->second;
            for (const auto& d : list ? *list : std::vector<Dims> {})
                for (int space : d)
                    s.fix(space, reason);
        }
    }
    // What the op reads but its arguments do not show (a list we could not follow): the
    // node's inputs keep their channels too.
    for (int v : op.node.inputs) {
        if (s.valueKnown[static_cast<size_t>(v)])
            for (int space : s.values[static_cast<size_t>(v)])
                s.fix(space, reason);
        if (auto found = s.lists.find(v); found != s.lists.end())
            for (const auto& d : found->second)
                for (int space : d)
                    s.fix(space, reason);
        for (int space : s.valueProvenance[static_cast<size_t>(v)].spaces)
            s.fix(space, reason);
    }
    for (size_t i = 0; i < op.call.outputs.size(); ++i) {
        const OpArgument& out = op.call.outputs[i];
        op.setProvenance(i, Provenance { {}, true });
        if (op.outputDone(i))
            continue;
        auto freshFixed = [&](const Shape& shape) {
            Dims d = s.fresh(shape);
            for (int space : d)
                s.fix(space, reason);
            return d;
        };
        try {
            if (!out.elements.empty()) {
                std::vector<Dims> pieces;
                for (const auto& piece : out.elements)
                    pieces.push_back(freshFixed(piece.known ? piece.shape : Shape {}));
                op.pieces(i, pieces);
            } else if (out.kind == OpArgument::Kind::Tensor && out.known) {
                op.output(i, freshFixed(out.shape));
            }
        } catch (const Blocked&) {
        }
    }
}

void propagateScalars(Op& op)
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

// A value computed from a channel count (an attention scale, say) changes with pruning.
void noteComputedScalars(Op& op)
{
    for (const auto& a : op.call.inputs) {
        if (!op.isScalarLike(a) || op.consumed(a))
            continue;
        for (int space : op.provenance(a).spaces)
            op.s.note(space,
                op.node.unique_name + " (" + op.call.kind
                    + ") computes a value from this channel count: a pruned model's outputs differ");
    }
}

void runOp(Op& op)
{
    FlowState& s = op.s;
    s.flow.setContext(op.node.id, op.call.kind.substr(op.call.kind.find("::") + 2));
    const bool scalar = scalarLike(op);
    const Rule* rule = findRule((scalar ? "scalar:" : "") + op.call.kind);
    if (!rule && !scalar && op.call.kind.size() > 1 && op.call.kind.back() == '_'
        && op.call.kind.compare(op.call.kind.size() - 2, 2, "__") != 0)
        rule = findRule(op.call.kind.substr(0, op.call.kind.size() - 1)); // in-place: relu_ -> relu
    try {
        if (op.node.executions > 1)
            op.cannot("it runs " + std::to_string(op.node.executions)
                + " times in a loop, and channels carried from one iteration to the next are not followed");
        if (scalar) {
            if (rule)
                (*rule)(op);
            else
                propagateScalars(op);
            return;
        }
        if (!rule)
            op.cannot("no rule for " + op.call.kind);
        for (size_t i = 0; i < op.call.outputs.size(); ++i)
            op.setProvenance(i, Provenance { {}, true });
        (*rule)(op);
        for (size_t i = 0; i < op.call.outputs.size(); ++i) {
            const OpArgument& out = op.call.outputs[i];
            const bool pieces = !out.elements.empty() && out.elements.front().kind == OpArgument::Kind::Tensor;
            if (!op.outputDone(i) && ((out.kind == OpArgument::Kind::Tensor && out.known) || pieces))
                op.cannot("internal: the rule for " + op.call.kind + " left an output without channels");
        }
        noteComputedScalars(op);
    } catch (const Blocked& why) {
        block(op, why);
    }
}

// A size read from one dim and used for another: the same channels follow by themselves;
// other channels of a length in whole ratio must lose proportionally many (ViT: the q/k/v
// head size is the embedding's width over the heads), anything else is fixed.
void resolveSizeCheck(FlowState& s, const SizeCheck& check)
{
    if (sameChannels(s, check.read, check.target))
        return;
    const int64_t a = s.flow.size(check.read), b = s.flow.size(check.target);
    if (a == 0 || b == 0 || (a % b != 0 && b % a != 0)) {
        s.fix(check.read, check.reason);
        s.fix(check.target, check.reason);
        return;
    }
    RawConstraint c;
    c.kind = GroupConstraint::Kind::EqualPerBlock;
    c.node = s.reasons[static_cast<size_t>(check.reason)].node;
    c.reason = s.reasons[static_cast<size_t>(check.reason)].text;
    for (const auto& [space, repeat] :
        { std::make_pair(check.read, b > a ? b / a : 1), std::make_pair(check.target, a > b ? a / b : 1) }) {
        c.blocks.emplace_back();
        for (int64_t i = 0; i < s.flow.size(space); ++i)
            for (int64_t r = 0; r < repeat; ++r)
                c.blocks.back().push_back(s.flow.element(space, i));
    }
    s.constraints.push_back(std::move(c));
}

} // namespace

void walkGraph(FlowState& s)
{
    const OpGraph& graph = s.graph;
    const int input = s.addReason(Reason::Kind::ModelInput, "it comes from the model's input");
    for (int id : graph.inputs) {
        const GraphValue& v = graph.values[static_cast<size_t>(id)];
        if (!v.has_shape)
            continue;
        s.values[static_cast<size_t>(id)] = s.fresh(v.shape);
        s.valueKnown[static_cast<size_t>(id)] = 1;
        for (int space : s.values[static_cast<size_t>(id)])
            s.fix(space, input);
    }
    for (const auto& node : graph.nodes) {
        s.locals.clear();
        s.localLists.clear();
        s.localProvenance.clear();
        std::map<std::string, int> occurrences;
        for (const auto& call : node.ops) {
            Op op(s, node, call, occurrences[call.kind]++);
            runOp(op);
        }
    }
    for (const SizeCheck& check : s.sizeChecks)
        resolveSizeCheck(s, check);
    const int output = s.addReason(Reason::Kind::ModelOutput, "it reaches the model's output");
    for (int id : graph.outputs)
        if (s.valueKnown[static_cast<size_t>(id)])
            for (int space : s.values[static_cast<size_t>(id)])
                s.fix(space, output);
}

} // namespace prunescope::strict
