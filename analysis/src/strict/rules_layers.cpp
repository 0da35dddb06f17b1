// SPDX-License-Identifier: MIT
// Layers with parameters: convolutions, linear maps and matrix products, embeddings and
// normalisations. These make the units: a layer's filters are the indices it produces,
// its input columns the indices it reads, its per-channel entries follow the channels.
#include "rules.h"

namespace prunescope::strict {

namespace {

void addBlocks(Op& op, int space, int64_t blocks, const std::string& reason)
{
    RawConstraint c;
    c.kind = GroupConstraint::Kind::EqualPerBlock;
    c.node = op.node.id;
    c.reason = reason;
    const int64_t n = op.s.flow.size(space), width = n / blocks;
    c.blocks.resize(static_cast<size_t>(blocks));
    for (int64_t i = 0; i < n; ++i)
        c.blocks[static_cast<size_t>(i / width)].push_back(op.s.flow.element(space, i));
    op.s.constraints.push_back(std::move(c));
}

void convolution(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const OpArgument* weightArg = op.arg("weight");
    if (!op.present(weightArg))
        op.cannot("the weight of " + op.kind() + " is not a tensor");
    const Dims w = op.dims(*weightArg);
    if (w.size() < 3)
        op.cannot("the weight of " + op.kind() + " has fewer than 3 dims");
    const bool unbatched = x.size() + 1 == w.size();
    const size_t c = unbatched ? 0 : 1;
    if (x.size() != w.size() && !unbatched)
        op.cannot("the input of " + op.kind() + " does not match its weight");
    const int64_t groups = op.hasInt("groups") ? op.intArg("groups") : 1;
    const OpArgument* transposedArg = op.arg("transposed");
    const bool transposed = op.kind().find("transpose") != std::string::npos
        || (transposedArg && transposedArg->known && !transposedArg->ints.empty() && transposedArg->ints[0]);
    const Shape shape = op.outputShape(0);
    Dims out;
    for (size_t d = 0; d < shape.size(); ++d)
        out.push_back(d == 0 && !unbatched ? x[0] : -1);
    FlowState& s = op.s;
    const int64_t cin = s.flow.size(x[c]);
    int filters = -1; // the space of the output channels
    if (transposed) {
        if (groups != 1)
            op.cannot("grouped transposed convolutions have no rule");
        op.unite(x[c], w[0]);
        s.promote(w[0], MemberRole::InChannels);
        s.promote(w[1], MemberRole::OutChannels);
        filters = w[1];
    } else if (groups == 1) {
        op.unite(x[c], w[1]);
        s.promote(w[1], MemberRole::InChannels);
        s.promote(w[0], MemberRole::OutChannels);
        filters = w[0];
    } else {
        const int64_t cout = s.flow.size(w[0]), perGroupIn = s.flow.size(w[1]);
        if (cin != groups * perGroupIn || cout % groups != 0)
            op.cannot("the channels of " + op.kind() + " do not split into its " + std::to_string(groups) + " groups");
        const int64_t perGroupOut = cout / groups;
        s.promote(w[0], MemberRole::OutChannels);
        filters = w[0];
        if (perGroupIn == 1) {
            // Depthwise (or a depth multiplier): filter o reads input channel o / perGroupOut
            // only, so both go together, and `groups` follows the channels kept.
            op.record("depthwise conv");
            for (int64_t o = 0; o < cout; ++o)
                s.flow.unite(s.flow.element(x[c], o / perGroupOut), s.flow.element(w[0], o));
            addEdit(op, EditSite::Kind::KeptCount, "groups", -1, groups, x[c]);
        } else {
            if (weightArg->parameter.empty())
                op.cannot("a grouped convolution whose weight is computed has no rule");
            // Input columns are per group: channel i is column i % perGroupIn of group
            // i / perGroupIn's filters. Every group must keep as many of each.
            op.record("grouped conv");
            const int columns = s.flow.addSpace(cin);
            s.member(weightArg->parameter, 1, groups, columns);
            op.unite(x[c], columns);
            s.promote(columns, MemberRole::InChannels);
            const std::string layer = op.node.isModule() ? op.node.name : op.node.unique_name;
            addBlocks(op, columns, groups,
                "grouped conv " + layer + " (groups " + std::to_string(groups)
                    + "): every group keeps as many input channels");
            addBlocks(op, w[0], groups,
                "grouped conv " + layer + " (groups " + std::to_string(groups)
                    + "): every group keeps as many filters");
        }
    }
    if (const OpArgument* bias = op.arg("bias"); op.present(bias)) {
        const Dims b = op.dims(*bias);
        if (b.size() != 1 || s.flow.size(b[0]) != s.flow.size(filters))
            op.cannot("the bias of " + op.kind() + " does not match its filters");
        op.unite(filters, b[0]);
    }
    out[c] = filters;
    for (size_t d = 0; d < out.size(); ++d)
        if (out[d] < 0)
            out[d] = s.flow.addSpace(shape[d]);
    op.output(0, out);
}

void linear(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const OpArgument* weight = op.arg("weight");
    if (!op.present(weight))
        op.cannot("the weight of linear is not a tensor");
    const Dims w = op.dims(*weight);
    if (w.size() != 2 || x.empty() || op.s.flow.size(x.back()) != op.s.flow.size(w[1]))
        op.cannot("the input of linear does not match its weight");
    op.unite(x.back(), w[1]);
    op.s.promote(w[1], MemberRole::InChannels);
    op.s.promote(w[0], MemberRole::OutChannels);
    if (const OpArgument* bias = op.arg("bias"); op.present(bias)) {
        const Dims b = op.dims(*bias);
        if (b.size() != 1 || op.s.flow.size(b[0]) != op.s.flow.size(w[0]))
            op.cannot("the bias of linear does not match its weight");
        op.unite(w[0], b[0]);
    }
    Dims out = x;
    out.back() = w[0];
    op.output(0, out);
}

// a [..., n, k] @ b [..., k, m]: the k indices of both meet in one sum, so they go
// together; a parameter operand's other dim makes filters.
Dims matmulDims(Op& op, const OpArgument& argA, const OpArgument& argB)
{
    Dims a = op.dims(argA), b = op.dims(argB);
    FlowState& s = op.s;
    const bool vectorA = a.size() == 1, vectorB = b.size() == 1;
    if (vectorA)
        a.insert(a.begin(), s.flow.addSpace(1));
    if (vectorB)
        b.push_back(s.flow.addSpace(1));
    if (a.size() < 2 || b.size() < 2 || s.flow.size(a.back()) != s.flow.size(b[b.size() - 2]))
        op.cannot("the operands of " + op.kind() + " do not multiply");
    op.unite(a.back(), b[b.size() - 2]);
    if (!argB.parameter.empty() && !vectorB) {
        s.promote(b.back(), MemberRole::OutChannels);
        s.promote(b[b.size() - 2], MemberRole::InChannels);
    }
    if (!argA.parameter.empty() && !vectorA) {
        s.promote(a[a.size() - 2], MemberRole::OutChannels);
        s.promote(a.back(), MemberRole::InChannels);
    }
    const size_t batchA = a.size() - 2, batchB = b.size() - 2, batch = std::max(batchA, batchB);
    Dims out;
    for (size_t j = 0; j < batch; ++j) {
        int space = -1;
        int64_t size = 1;
        for (const auto& [d, n] : { std::make_pair(&a, batchA), std::make_pair(&b, batchB) }) {
            if (j < batch - n)
                continue;
            const int candidate = (*d)[j - (batch - n)];
            const int64_t csize = s.flow.size(candidate);
            if (csize == 1)
                continue;
            if (space < 0) {
                space = candidate;
                size = csize;
            } else if (csize == size) {
                op.unite(space, candidate);
            } else {
                op.cannot("the batch dims of " + op.kind() + " do not broadcast");
            }
        }
        out.push_back(space >= 0 ? space : s.flow.addSpace(1));
    }
    if (!vectorA)
        out.push_back(a[a.size() - 2]);
    if (!vectorB)
        out.push_back(b.back());
    return out;
}

void matmul(Op& op) { op.output(0, matmulDims(op, op.input(0), op.input(1))); }

// addmm / baddbmm: input + mat1 @ mat2, the input broadcast onto the product.
void addmm(Op& op)
{
    const Dims product = matmulDims(op, op.input(1), op.input(2));
    const Dims in = op.dims(op.input(0));
    for (size_t j = 0; j < in.size(); ++j) {
        const int space = in[in.size() - 1 - j];
        const int target = product[product.size() - 1 - j];
        if (op.s.flow.size(space) == op.s.flow.size(target))
            op.unite(target, space);
        else if (op.s.flow.size(space) != 1)
            op.cannot("the input of " + op.kind() + " does not broadcast onto the product");
    }
    op.output(0, product);
}

void embedding(Op& op)
{
    const Dims w = op.dims(op.input(0));
    const Dims indices = op.dims(op.input(1));
    if (w.size() != 2)
        op.cannot("the weight of embedding is not 2-D");
    op.s.promote(w[1], MemberRole::OutChannels);
    Dims out = indices;
    out.push_back(w[1]);
    op.output(0, out);
}

// Per-channel parameters of dim 1 (batch norm, instance norm).
void channelNorm(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const size_t c = x.size() >= 2 ? 1 : 0;
    for (const char* name : { "weight", "bias", "running_mean", "running_var" }) {
        if (const OpArgument* p = op.arg(name); op.present(p)) {
            const Dims d = op.dims(*p);
            if (d.size() != 1 || op.s.flow.size(d[0]) != op.s.flow.size(x[c]))
                op.cannot("the " + std::string(name) + " of " + op.kind() + " does not match the channels");
            op.unite(x[c], d[0]);
        }
    }
    op.output(0, x);
}

void layerNorm(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const OpArgument* shapeArg = op.arg("normalized_shape");
    if (!shapeArg || !shapeArg->known)
        op.cannot("the normalized_shape of layer_norm is not known");
    const std::vector<SizeElement> sizes = sizeElements(op, *shapeArg);
    const size_t k = sizes.size();
    if (k == 0 || k > x.size())
        op.cannot("the normalized_shape of layer_norm does not fit its input");
    for (size_t j = 0; j < k; ++j) {
        const int space = x[x.size() - k + j];
        if (!op.s.flow.carrying(space))
            continue;
        op.s.note(space,
            op.node.unique_name + " (layer_norm) normalises over these channels: a pruned model's outputs differ");
        const SizeElement& e = sizes[j];
        if (e.kind == SizeElement::Kind::Constant)
            addEdit(op, EditSite::Kind::KeptCount, "normalized_shape", static_cast<int>(j), e.value, space);
        else if (e.kind == SizeElement::Kind::Derived)
            requireFollows(op, e, space, "normalises a shape");
        else
            op.cannot("layer_norm's normalized_shape is computed from sizes that do not follow these channels",
                Reason::Kind::ConstantShape);
    }
    for (const char* name : { "weight", "bias" }) {
        if (const OpArgument* p = op.arg(name); op.present(p)) {
            const Dims d = op.dims(*p);
            if (d.size() != k)
                op.cannot("the " + std::string(name) + " of layer_norm does not match normalized_shape");
            for (size_t j = 0; j < k; ++j)
                op.unite(x[x.size() - k + j], d[j]);
        }
    }
    op.consume(*shapeArg);
    op.output(0, x);
}

void groupNorm(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const int64_t groups = op.intArg("num_groups");
    if (x.size() < 2)
        op.cannot("group_norm's input has no channel dim");
    for (const char* name : { "weight", "bias" })
        if (const OpArgument* p = op.arg(name); op.present(p))
            op.unite(x[1], op.dims(*p).at(0));
    if (op.s.flow.carrying(x[1])) {
        RawConstraint c;
        c.kind = GroupConstraint::Kind::Divisible;
        c.node = op.node.id;
        c.divisor = groups;
        c.reason = "group_norm " + (op.node.isModule() ? op.node.name : op.node.unique_name)
            + " splits the channels into " + std::to_string(groups)
            + " groups: the channels kept must be a multiple of " + std::to_string(groups);
        c.blocks.emplace_back();
        for (int64_t i = 0; i < op.s.flow.size(x[1]); ++i)
            c.blocks.back().push_back(op.s.flow.element(x[1], i));
        op.s.constraints.push_back(std::move(c));
        op.s.note(x[1],
            op.node.unique_name
                + " (group_norm) normalises over groups of these channels: a pruned model's outputs differ");
    }
    op.output(0, x);
}

} // namespace

void addLayerRules(RuleTable& table)
{
    for (const char* kind : { "aten::_convolution", "aten::convolution", "aten::conv1d", "aten::conv2d", "aten::conv3d",
             "aten::conv_transpose1d", "aten::conv_transpose2d", "aten::conv_transpose3d" })
        table[kind] = convolution;
    table["aten::linear"] = linear;
    table["aten::matmul"] = matmul;
    table["aten::mm"] = matmul;
    table["aten::bmm"] = matmul;
    table["aten::addmm"] = addmm;
    table["aten::baddbmm"] = addmm;
    table["aten::embedding"] = embedding;
    table["aten::batch_norm"] = channelNorm;
    table["aten::instance_norm"] = channelNorm;
    table["aten::layer_norm"] = layerNorm;
    table["aten::group_norm"] = groupNorm;
}

} // namespace prunescope::strict
