// SPDX-License-Identifier: MIT
#include "plan_edits.h"

#include "prunescope/error.h"

namespace prunescope::detail {

namespace {

const torch::jit::Node* inlinedOp(const ConstantEdit& edit, const ForwardProbe& probe, const std::string& what)
{
    const OpNode* node = probe.opGraph.findUnique(edit.node);
    if (!node)
        throw Error(
            ErrorKind::BadInput, "the pruning plan changes " + what + ", but the model has no node " + edit.node);
    int seen = 0;
    for (size_t i = 0; i < node->ops.size(); ++i)
        if (node->ops[i].kind == edit.op && seen++ == edit.occurrence)
            return probe.trace.ops.at(static_cast<size_t>(node->id)).at(i);
    throw Error(ErrorKind::BadInput,
        "the pruning plan changes " + what + ", but node " + edit.node + " (" + node->op_type + ") runs no such op");
}

size_t argumentIndex(const torch::jit::Node* node, const std::string& argument, const std::string& what)
{
    if (const auto* schema = node->maybeSchema())
        for (size_t i = 0; i < schema->arguments().size(); ++i)
            if (schema->arguments()[i].name() == argument)
                return i;
    throw Error(ErrorKind::BadInput,
        "the pruning plan changes " + what + ", but " + node->kind().toQualString() + " has no argument " + argument);
}

} // namespace

void applyConstantEdits(const std::vector<ConstantEdit>& edits, const ForwardProbe& probe, ModuleSurgery& surgery)
{
    for (const auto& edit : edits) {
        const std::string what = "argument " + edit.argument
            + (edit.element >= 0 ? "[" + std::to_string(edit.element) + "]" : "") + " of " + edit.op + " in "
            + edit.node;
        const torch::jit::Node* inlined = inlinedOp(edit, probe, what);
        const torch::jit::Node* origin = probe.originOf(inlined);
        const std::string& path = probe.modulePathOf(inlined);
        if (!origin || (!path.empty() && path.front() == '<'))
            throw Error(ErrorKind::BadInput,
                "the pruning plan changes " + what + ", but that op cannot be traced back to a module's code");
        surgery.setConstant(path, origin, argumentIndex(origin, edit.argument, what), edit.element, edit.value, what);
    }
}

} // namespace prunescope::detail
