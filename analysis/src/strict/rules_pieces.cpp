// SPDX-License-Identifier: MIT
// Ops that join tensors or take pieces of them: cat and stack, chunk and split, slice,
// narrow, select and indexing, tensor lists, padding and rolling. Along the dim they act
// on, indices move by offsets; every other dim keeps its indices.
#include "rules.h"

#include <algorithm>

namespace prunescope::strict {

namespace {

// The common dims of several tensors are the same indices (cat on dim 2 ties channels).
int uniteAll(Op& op, const std::vector<Dims>& list, size_t d)
{
    int space = -1;
    for (const Dims& t : list) {
        if (space < 0)
            space = t[d];
        else if (op.s.flow.size(space) != op.s.flow.size(t[d]))
            op.cannot("the tensors joined by " + op.kind() + " differ in dim " + std::to_string(d));
        else if (op.s.isMemberSpace(space) && !op.s.isMemberSpace(t[d])) {
            op.unite(t[d], space);
            space = t[d];
        } else
            op.unite(space, t[d]);
    }
    return space;
}

void cat(Op& op)
{
    const OpArgument* tensors = op.arg("tensors");
    if (!tensors)
        op.cannot("the tensors of cat are not known");
    const std::vector<Dims> list = op.tensorList(*tensors);
    const Shape shape = op.outputShape(0);
    if (list.empty())
        op.cannot("cat of an empty list");
    for (const Dims& t : list)
        if (t.size() != shape.size())
            op.cannot("the tensors of cat differ in rank");
    const auto dim = static_cast<size_t>(op.wrapDim(op.intArg("dim"), shape.size()));
    Dims out(shape.size());
    for (size_t d = 0; d < shape.size(); ++d)
        if (d != dim)
            out[d] = uniteAll(op, list, d);
    if (list.size() == 1) {
        out[dim] = list[0][dim];
    } else {
        out[dim] = op.s.flow.addSpace(shape[dim]);
        int64_t offset = 0;
        for (const Dims& t : list) {
            const int64_t n = op.s.flow.size(t[dim]);
            if (offset + n > shape[dim])
                op.cannot("the tensors of cat do not add up to its result");
            for (int64_t i = 0; i < n; ++i)
                op.s.flow.unite(op.s.flow.element(out[dim], offset + i), op.s.flow.element(t[dim], i));
            offset += n;
        }
        if (offset != shape[dim])
            op.cannot("the tensors of cat do not add up to its result");
    }
    op.output(0, out);
}

void stack(Op& op)
{
    const std::vector<Dims> list = op.tensorList(*op.arg("tensors"));
    const Shape shape = op.outputShape(0);
    if (list.empty() || list[0].size() + 1 != shape.size())
        op.cannot("the tensors of stack do not match its result");
    const auto dim = static_cast<size_t>(op.wrapDim(op.intArg("dim"), shape.size()));
    Dims out;
    for (size_t d = 0; d < list[0].size(); ++d)
        out.push_back(uniteAll(op, list, d));
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(dim), op.s.flow.addSpace(shape[dim]));
    op.output(0, out);
}

// Pieces of `sizes` along `dim`; with `equal`, a dim that carries channels must lose as
// many in every piece (chunk recomputes its pieces from the pruned size).
std::vector<Dims> cut(Op& op, const Dims& x, size_t dim, const std::vector<int64_t>& sizes, bool equal)
{
    std::vector<Dims> pieces;
    int64_t offset = 0;
    RawConstraint c;
    c.node = op.node.id;
    c.reason = op.node.unique_name + " (" + op.kind() + ") cuts the channels into " + std::to_string(sizes.size())
        + " equal pieces: each must lose as many";
    for (int64_t size : sizes) {
        Dims piece = x;
        piece[dim] = op.s.flow.addSpace(size);
        c.blocks.emplace_back();
        for (int64_t i = 0; i < size; ++i) {
            op.s.flow.unite(op.s.flow.element(piece[dim], i), op.s.flow.element(x[dim], offset + i));
            c.blocks.back().push_back(op.s.flow.element(x[dim], offset + i));
        }
        offset += size;
        pieces.push_back(piece);
    }
    if (offset != op.s.flow.size(x[dim]))
        op.cannot("the pieces of " + op.kind() + " do not add up to its input");
    if (equal && sizes.size() > 1 && op.s.flow.carrying(x[dim]))
        op.s.constraints.push_back(std::move(c));
    return pieces;
}

void chunk(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const auto dim = static_cast<size_t>(op.wrapDim(op.intArg("dim"), x.size()));
    const int64_t chunks = op.intArg("chunks"), n = op.s.flow.size(x[dim]);
    if (chunks <= 0)
        op.cannot("chunk into no pieces");
    const int64_t each = (n + chunks - 1) / chunks;
    if (op.s.flow.carrying(x[dim]) && n % chunks != 0)
        op.cannot(op.where() + " cuts " + std::to_string(n) + " channels into unequal pieces");
    std::vector<int64_t> sizes;
    for (int64_t at = 0; at < n; at += each)
        sizes.push_back(std::min(each, n - at));
    op.pieces(0, cut(op, x, dim, sizes, true));
}

void split(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const auto dim = static_cast<size_t>(op.wrapDim(op.intArg("dim"), x.size()));
    const int64_t n = op.s.flow.size(x[dim]);
    const OpArgument* sizesArg = op.arg("split_sizes") ? op.arg("split_sizes") : op.arg("split_size");
    if (!sizesArg || !sizesArg->known)
        op.cannot("the split sizes of " + op.kind() + " are not known");
    const bool carrying = op.s.flow.carrying(x[dim]);
    std::vector<int64_t> sizes;
    if (sizesArg->kind == OpArgument::Kind::Int) {
        const int64_t each = op.intArg(sizesArg->name);
        if (each <= 0)
            op.cannot("split into empty pieces");
        if (carrying && n % each != 0)
            op.cannot(op.where() + " cuts " + std::to_string(n) + " channels into unequal pieces");
        for (int64_t at = 0; at < n; at += each)
            sizes.push_back(std::min(each, n - at));
        std::vector<Dims> pieces = cut(op, x, dim, sizes, true);
        if (carrying && sizes.size() > 1)
            addEdit(op, EditSite::Kind::KeptCount, sizesArg->name, -1, each, pieces[0][dim]);
        op.consume(*sizesArg);
        op.pieces(0, pieces);
        return;
    }
    // Unequal pieces: each size is a constant that follows its own piece.
    const std::vector<SizeElement> elements = sizeElements(op, *sizesArg);
    for (const auto& e : elements)
        sizes.push_back(e.value);
    std::vector<Dims> pieces = cut(op, x, dim, sizes, false);
    if (carrying) {
        for (size_t k = 0; k < elements.size(); ++k) {
            if (elements[k].kind != SizeElement::Kind::Constant)
                op.cannot(op.where() + " splits channels with sizes computed at run time", Reason::Kind::ConstantShape);
            addEdit(op, EditSite::Kind::KeptCount, sizesArg->name, static_cast<int>(k), sizes[k], pieces[k][dim]);
        }
    }
    op.pieces(0, pieces);
}

void unbind(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const auto dim = static_cast<size_t>(op.wrapDim(op.intArg("dim"), x.size()));
    if (op.s.flow.carrying(x[dim]))
        op.cannot(op.where() + " unbinds the channels into separate tensors");
    Dims rest = x;
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(dim));
    op.pieces(0, std::vector<Dims>(static_cast<size_t>(op.s.flow.size(x[dim])), rest));
}

bool isConstant(const OpArgument* a) { return a && a->value < 0 && a->local < 0; }

int64_t runtimeInt(Op& op, const OpArgument* a, int64_t fallback)
{
    if (!a || a->kind == OpArgument::Kind::None)
        return fallback;
    if (!a->known || a->ints.size() != 1)
        op.cannot("a bound of " + op.kind() + " is not known");
    op.consume(*a);
    return a->ints.front();
}

// x[start:end:step] along one dim (slice, narrow): the output's index i is the input's
// start + i*step. Along channels the bounds are constants edited to the pruned positions.
void slice(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const auto dim = static_cast<size_t>(op.wrapDim(op.hasInt("dim") ? op.intArg("dim") : 0, x.size()));
    const int64_t n = op.s.flow.size(x[dim]);
    const bool narrow = op.kind() == "aten::narrow";
    const OpArgument* startArg = op.arg("start");
    const OpArgument* endArg = op.arg(narrow ? "length" : "end");
    int64_t start = runtimeInt(op, startArg, 0);
    int64_t end = runtimeInt(op, endArg, n);
    const int64_t step = narrow ? 1 : runtimeInt(op, op.arg("step"), 1);
    if (narrow)
        end = start + end;
    if (start < 0)
        start += n;
    if (end < 0)
        end += n;
    start = std::clamp<int64_t>(start, 0, n);
    end = std::clamp<int64_t>(end, start, n);
    if (step <= 0)
        op.cannot("slice with a step below 1");
    Dims out = x;
    if (start == 0 && end == n && step == 1) {
        op.output(0, out);
        return;
    }
    const int64_t m = (end - start + step - 1) / step;
    out[dim] = op.s.flow.addSpace(m);
    for (int64_t i = 0; i < m; ++i)
        op.s.flow.unite(op.s.flow.element(out[dim], i), op.s.flow.element(x[dim], start + i * step));
    if (op.s.flow.carrying(x[dim])) {
        if (step != 1 || !isConstant(startArg) || !isConstant(endArg))
            op.cannot(op.where() + " slices the channels with a step or bounds computed at run time",
                Reason::Kind::ConstantShape);
        if (startArg && startArg->kind != OpArgument::Kind::None && start > 0)
            addEdit(op, EditSite::Kind::Start, "start", -1, start, x[dim]);
        if (narrow)
            addEdit(op, EditSite::Kind::Length, "length", -1, end - start, x[dim], start);
        else if (end < n)
            addEdit(op, EditSite::Kind::End, "end", -1, end, x[dim]);
    } else {
        const int reason = op.s.addReason(
            Reason::Kind::Blocked, op.where() + " slices a dim that carries no channels there", op.node.id, op.kind());
        op.s.fix(x[dim], reason);
    }
    op.output(0, out);
}

// x[..., i, ...]: channel i is read and must stay; the index follows the pruning.
void select(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const auto dim = static_cast<size_t>(op.wrapDim(op.intArg("dim"), x.size()));
    const OpArgument* indexArg = op.arg("index");
    int64_t index = runtimeInt(op, indexArg, 0);
    const int64_t n = op.s.flow.size(x[dim]);
    if (index < 0)
        index += n;
    if (index < 0 || index >= n)
        op.cannot("select index out of range");
    if (op.s.flow.carrying(x[dim])) {
        if (!isConstant(indexArg))
            op.cannot(op.where() + " selects a channel by an index computed at run time");
        const int reason = op.s.addReason(Reason::Kind::Blocked,
            op.where() + " reads channel " + std::to_string(index) + " on its own", op.node.id, op.kind());
        op.s.fixIndex(x[dim], index, reason);
        if (index > 0)
            addEdit(op, EditSite::Kind::Start, "index", -1, index, x[dim]);
    }
    Dims out = x;
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(dim));
    op.output(0, out);
}

// Gathering along a dim (index_select, x[idx]): the indices picked are data, so that dim
// must not carry channels; the others keep theirs.
void indexSelect(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const auto dim = static_cast<size_t>(op.wrapDim(op.intArg("dim"), x.size()));
    if (op.s.flow.carrying(x[dim]))
        op.cannot(op.where() + " gathers channels by indices held in a tensor");
    Dims out = x;
    out[dim] = op.s.flow.addSpace(op.outputShape(0)[dim]);
    op.output(0, out);
}

void index(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const OpArgument* indices = op.arg("indices");
    if (!indices || indices->elements.empty())
        op.cannot("the indices of " + op.kind() + " are not known");
    size_t first = indices->elements.size(), count = 0;
    for (size_t k = 0; k < indices->elements.size(); ++k) {
        if (indices->elements[k].kind == OpArgument::Kind::None)
            continue;
        if (first == indices->elements.size())
            first = k;
        else if (k != first + count)
            op.cannot(op.where() + " indexes dims that are not next to each other");
        ++count;
    }
    if (count == 0 || first + count > x.size())
        op.cannot("the indices of " + op.kind() + " do not fit its input");
    for (size_t d = first; d < first + count; ++d)
        if (op.s.flow.carrying(x[d]))
            op.cannot(op.where() + " gathers channels by indices held in a tensor");
    const Shape shape = op.outputShape(0);
    const size_t rest = x.size() - first - count;
    if (shape.size() < first + rest)
        op.cannot("the result of " + op.kind() + " does not fit its input");
    const size_t gathered = shape.size() - first - rest;
    Dims out(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(first));
    for (size_t k = 0; k < gathered; ++k)
        out.push_back(op.s.flow.addSpace(shape[first + k]));
    out.insert(out.end(), x.begin() + static_cast<std::ptrdiff_t>(first + count), x.end());
    op.output(0, out);
}

void listItem(Op& op)
{
    const OpArgument& list = op.input(0);
    const std::vector<Dims> items = op.tensorList(list);
    int64_t k = runtimeInt(op, op.call.inputs.size() > 1 ? &op.call.inputs[1] : nullptr, 0);
    if (k < 0)
        k += static_cast<int64_t>(items.size());
    if (k < 0 || k >= static_cast<int64_t>(items.size()))
        op.cannot("list index out of range");
    op.output(0, items[static_cast<size_t>(k)]);
}

// list.append(t) mutates the list in place: later readers see t at its end.
void append(Op& op)
{
    const OpArgument& list = op.input(0);
    std::vector<Dims> items = op.tensorList(list);
    items.push_back(op.dims(op.input(1)));
    if (valueOf(list) >= 0)
        op.s.lists[valueOf(list)] = items;
    else if (list.local >= 0)
        op.s.localLists[list.local] = items;
    else
        op.cannot("append to a list that is not followed");
    for (size_t i = 0; i < op.call.outputs.size(); ++i)
        op.pieces(i, items);
}

// Padding grows dims from the last one backwards; an unpadded dim keeps its indices.
void pad(Op& op)
{
    const Dims x = op.dims(op.input(0));
    const OpArgument* padArg = op.arg("pad");
    if (!padArg || !padArg->known)
        op.cannot("the padding of " + op.kind() + " is not known");
    const std::vector<int64_t>& amounts = padArg->ints;
    for (const auto& p : op.listProvenance(*padArg))
        for (int space : p.spaces)
            if (op.s.flow.carrying(space))
                op.cannot(op.where() + " pads by an amount computed from channels");
    op.consume(*padArg);
    for (const auto& e : padArg->elements)
        op.consume(e);
    const Shape shape = op.outputShape(0);
    Dims out = x;
    for (size_t k = 0; 2 * k + 1 < amounts.size() && k < x.size(); ++k) {
        const size_t d = x.size() - 1 - k;
        if (amounts[2 * k] == 0 && amounts[2 * k + 1] == 0)
            continue;
        if (op.s.flow.carrying(x[d]))
            op.cannot(op.where() + " pads the channels");
        out[d] = op.s.flow.addSpace(shape[d]);
    }
    op.output(0, out);
}

// roll / flip move indices around inside a dim: fine on spatial dims, not on channels.
void roll(Op& op)
{
    const Dims x = op.dims(op.input(0));
    Dims out = x;
    for (int64_t d : op.intsArg("dims")) {
        const auto k = static_cast<size_t>(op.wrapDim(d, x.size()));
        if (op.s.flow.carrying(x[k]))
            op.cannot(op.where() + " moves channels to other positions");
        out[k] = op.s.flow.addSpace(op.s.flow.size(x[k]));
    }
    for (const auto& a : op.call.inputs)
        op.consume(a);
    op.output(0, out);
}

} // namespace

void addPieceRules(RuleTable& table)
{
    table["aten::cat"] = cat;
    table["aten::concat"] = cat;
    table["aten::stack"] = stack;
    table["aten::chunk"] = chunk;
    table["aten::unsafe_chunk"] = chunk;
    table["aten::split"] = split;
    table["aten::split_with_sizes"] = split;
    table["aten::unsafe_split"] = split;
    table["aten::unbind"] = unbind;
    table["aten::slice"] = slice;
    table["aten::narrow"] = slice;
    table["aten::select"] = select;
    table["aten::index_select"] = indexSelect;
    table["aten::index"] = index;
    table["aten::__getitem__"] = listItem;
    table["aten::append"] = append;
    table["aten::pad"] = pad;
    table["aten::constant_pad_nd"] = pad;
    table["aten::reflection_pad1d"] = pad;
    table["aten::reflection_pad2d"] = pad;
    table["aten::replication_pad1d"] = pad;
    table["aten::replication_pad2d"] = pad;
    table["aten::roll"] = roll;
    table["aten::flip"] = roll;
}

} // namespace prunescope::strict
