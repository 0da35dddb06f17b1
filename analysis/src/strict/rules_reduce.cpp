// SPDX-License-Identifier: MIT
// Pooling and resampling (spatial dims change, channels keep their indices) and
// reductions (reduced dims end; over channels the result changes with pruning, except a
// sum, to which a silenced channel adds nothing).
#include "rules.h"

namespace prunescope::strict {

namespace {

size_t spatialDims(const std::string& kind)
{
    for (size_t k : { 1, 2, 3 })
        if (kind.find(std::to_string(k) + "d") != std::string::npos)
            return k;
    return 2;
}

void pool(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const size_t k = spatialDims(op.kind());
    if (x.size() < k)
        op.cannot(op.kind() + " on a tensor of too few dims");
    for (size_t i = 0; i < op.call.outputs.size(); ++i) {
        if (op.call.outputs[i].kind != OpArgument::Kind::Tensor)
            continue;
        const Shape shape = op.outputShape(i);
        if (shape.size() != x.size())
            op.cannot("the result of " + op.kind() + " does not match its input");
        Dims out = x;
        for (size_t d = x.size() - k; d < x.size(); ++d) {
            if (op.s.flow.carrying(x[d]))
                op.cannot(op.where() + " pools over channels");
            out[d] = op.s.flow.addSpace(shape[d]);
        }
        op.output(i, out);
    }
    for (const auto& a : op.call.inputs)
        op.consume(a);
}

void reduce(Op& op)
{
    const Dims x = op.dims(op.input(0));
    std::vector<bool> reduced(x.size(), false);
    const OpArgument* dimArg = op.arg("dim");
    if (!dimArg || dimArg->kind == OpArgument::Kind::None) {
        reduced.assign(x.size(), true);
    } else {
        std::vector<int64_t> dims;
        if (!op.constantInts(*dimArg, dims))
            op.cannot("the dims " + op.kind() + " reduces are not constants");
        if (dims.empty() && dimArg->kind == OpArgument::Kind::IntList)
            reduced.assign(x.size(), true);
        for (int64_t d : dims)
            reduced[static_cast<size_t>(op.wrapDim(d, x.size()))] = true;
        op.consume(*dimArg);
    }
    const OpArgument* keepArg = op.arg("keepdim");
    const bool keep = keepArg && keepArg->known && !keepArg->ints.empty() && keepArg->ints[0];
    const std::string name = op.kind().substr(op.kind().find("::") + 2);
    const bool preserving = name == "sum" || name == "nansum";
    Dims out;
    for (size_t d = 0; d < x.size(); ++d) {
        if (!reduced[d]) {
            out.push_back(x[d]);
            continue;
        }
        if (!preserving && op.s.flow.carrying(x[d]))
            op.s.note(x[d],
                op.node.unique_name + " (" + name + ") reduces over these channels: a pruned model's outputs differ");
        if (keep)
            out.push_back(op.s.flow.addSpace(1));
    }
    for (size_t i = 0; i < op.call.outputs.size(); ++i)
        if (op.call.outputs[i].kind == OpArgument::Kind::Tensor)
            op.output(i, out);
}

} // namespace

void addReduceRules(RuleTable& table)
{
    for (const char* kind : { "aten::max_pool1d", "aten::max_pool2d", "aten::max_pool3d", "aten::avg_pool1d",
             "aten::avg_pool2d", "aten::avg_pool3d", "aten::adaptive_avg_pool1d", "aten::adaptive_avg_pool2d",
             "aten::adaptive_avg_pool3d", "aten::adaptive_max_pool1d", "aten::adaptive_max_pool2d",
             "aten::adaptive_max_pool3d", "aten::max_pool1d_with_indices", "aten::max_pool2d_with_indices",
             "aten::max_pool3d_with_indices", "aten::upsample_nearest1d", "aten::upsample_nearest2d",
             "aten::upsample_nearest3d", "aten::upsample_bilinear2d", "aten::upsample_bicubic2d",
             "aten::upsample_linear1d", "aten::upsample_trilinear3d", "aten::lp_pool2d" })
        table[kind] = pool;
    for (const char* kind : { "aten::mean", "aten::sum", "aten::nansum", "aten::amax", "aten::amin", "aten::std",
             "aten::var", "aten::norm", "aten::logsumexp", "aten::prod", "aten::all", "aten::any", "aten::argmax",
             "aten::argmin", "aten::max", "aten::min", "aten::linalg_vector_norm" })
        table[kind] = reduce;
}

} // namespace prunescope::strict
