// SPDX-License-Identifier: MIT
// view / reshape / flatten / unflatten: which indices of the input become which of the
// output. Dims are matched into blocks of equal products; inside a block a dimension that
// carries channels is mapped index by index, and the sizes given to the op decide whether
// a pruned model can still take that shape.
#include "rules.h"

namespace prunescope::strict {

namespace {

SizeElement classify(const OpArgument& e)
{
    SizeElement r;
    if (e.known && e.ints.size() == 1)
        r.value = e.ints.front();
    if (e.value < 0 && e.local < 0) {
        if (!e.known || e.ints.size() != 1)
            r.kind = SizeElement::Kind::Opaque;
        else
            r.kind = r.value == -1 ? SizeElement::Kind::Infer : SizeElement::Kind::Constant;
        return r;
    }
    return r;
}

SizeElement fromProvenance(Op& op, const Provenance& p, int64_t value)
{
    SizeElement r;
    r.value = value;
    if (p.opaque) {
        r.kind = SizeElement::Kind::Opaque;
        return r;
    }
    for (int space : p.spaces)
        if (op.s.flow.carrying(space))
            r.reads.push_back(space);
    r.kind = r.reads.empty() ? SizeElement::Kind::Plain : SizeElement::Kind::Derived;
    return r;
}

// A scripted module's int attribute (ViT's self.hidden_dim): a constant of the model,
// read with GetAttr outside every node.
bool isAttribute(Op& op, const OpArgument& e)
{
    if (!e.parameter.empty() && e.kind == OpArgument::Kind::Int && e.known && e.ints.size() == 1)
        return true;
    if (e.value < 0 || !e.known || e.ints.size() != 1)
        return false;
    const GraphValue& v = op.s.graph.values[static_cast<size_t>(e.value)];
    return v.producer < 0 && v.model_input < 0;
}

std::string sizesText(const Shape& shape) { return shapeText(shape); }

class Reshape {
public:
    Reshape(Op& op, const Dims& x, const Shape& outShape, const std::vector<SizeElement>& sizes,
        const std::string& argument)
        : m_op(op)
        , m_s(op.s)
        , m_x(x)
        , m_shape(outShape)
        , m_sizes(sizes)
        , m_argument(argument)
        , m_out(outShape.size(), -1)
    {
    }

    Dims run()
    {
        if (!m_sizes.empty() && m_sizes.size() != m_shape.size())
            m_op.cannot("internal: " + m_op.kind() + " has " + std::to_string(m_sizes.size()) + " sizes for "
                + std::to_string(m_shape.size()) + " dims");
        std::vector<size_t> in, out;
        for (size_t i = 0; i < m_x.size(); ++i)
            if (m_s.flow.size(m_x[i]) != 1)
                in.push_back(i);
        for (size_t j = 0; j < m_shape.size(); ++j) {
            if (m_shape[j] != 1)
                out.push_back(j);
            else
                m_out[j] = m_s.flow.addSpace(1);
        }
        size_t a = 0, b = 0;
        while (a < in.size() || b < out.size()) {
            if (a >= in.size() || b >= out.size())
                m_op.cannot("internal: the sizes of " + m_op.kind() + " do not match");
            std::vector<size_t> blockIn { in[a++] }, blockOut { out[b++] };
            int64_t pin = m_s.flow.size(m_x[blockIn[0]]), pout = m_shape[blockOut[0]];
            while (pin != pout) {
                if (pin < pout) {
                    if (a >= in.size())
                        m_op.cannot("internal: the sizes of " + m_op.kind() + " do not match");
                    blockIn.push_back(in[a]);
                    pin *= m_s.flow.size(m_x[in[a++]]);
                } else {
                    if (b >= out.size())
                        m_op.cannot("internal: the sizes of " + m_op.kind() + " do not match");
                    blockOut.push_back(out[b]);
                    pout *= m_shape[out[b++]];
                }
            }
            block(blockIn, blockOut);
        }
        return m_out;
    }

private:
    SizeElement element(size_t j) const { return m_sizes.empty() ? SizeElement {} : m_sizes[j]; }

    int plainReason()
    {
        if (m_plainReason < 0)
            m_plainReason = m_s.addReason(Reason::Kind::Blocked,
                m_op.where() + " regroups dims that carry no channels there, so their indices are not followed",
                m_op.node.id, m_op.kind());
        return m_plainReason;
    }

    // A size for a dim whose length is the entries of `counted`: a constant one is edited
    // to the count kept, a computed one must follow it.
    void checkFollows(size_t j, int counted)
    {
        const SizeElement e = element(j);
        switch (e.kind) {
        case SizeElement::Kind::Infer: return;
        case SizeElement::Kind::Constant:
            addEdit(m_op, EditSite::Kind::KeptCount, m_argument, static_cast<int>(j), e.value, counted);
            return;
        case SizeElement::Kind::Derived:
            requireFollows(m_op, e, counted, "gives dim " + std::to_string(j) + " a size");
            return;
        case SizeElement::Kind::Plain:
            m_op.cannot(m_op.where() + " gives dim " + std::to_string(j) + " a size (" + std::to_string(e.value)
                    + ") computed from sizes that carry no channels, which fixes the channels there",
                Reason::Kind::ConstantShape);
        case SizeElement::Kind::Opaque:
            m_op.cannot(m_op.where() + " gives dim " + std::to_string(j) + " a size computed from tensor data");
        }
    }

    int64_t strideOf(const std::vector<size_t>& dims, size_t at, bool input) const
    {
        int64_t stride = 1;
        for (size_t k = at + 1; k < dims.size(); ++k)
            stride *= input ? m_s.flow.size(m_x[dims[k]]) : m_shape[dims[k]];
        return stride;
    }

    void block(const std::vector<size_t>& in, const std::vector<size_t>& out)
    {
        std::vector<size_t> carrying;
        for (size_t k = 0; k < in.size(); ++k)
            if (m_s.flow.carrying(m_x[in[k]]))
                carrying.push_back(k);
        if (carrying.empty()) {
            if (in.size() == 1 && out.size() == 1) {
                m_out[out[0]] = m_x[in[0]];
                return;
            }
            for (size_t i : in)
                m_s.fix(m_x[i], plainReason());
            for (size_t j : out) {
                m_out[j] = m_s.flow.addSpace(m_shape[j]);
                m_s.fix(m_out[j], plainReason());
            }
            return;
        }
        if (in.size() == 1 && out.size() == 1) {
            m_out[out[0]] = m_x[in[0]];
            checkFollows(out[0], m_x[in[0]]);
            return;
        }
        if (out.size() == 1)
            merge(in, out[0], carrying);
        else if (in.size() == 1)
            split(in[0], out);
        else
            m_op.cannot(m_op.where() + " regroups several dims at once, one of them carrying channels");
    }

    // Channel c becomes the features c*stride .. c*stride + stride-1 (flatten into a Linear).
    void merge(const std::vector<size_t>& in, size_t j, const std::vector<size_t>& carrying)
    {
        if (carrying.size() > 1)
            m_op.cannot(m_op.where() + " merges two dims that both carry channels");
        const size_t p = carrying[0];
        const int source = m_x[in[p]];
        const int64_t stride = strideOf(in, p, true), size = m_s.flow.size(source);
        const int merged = m_s.flow.addSpace(m_shape[j]);
        for (int64_t f = 0; f < m_shape[j]; ++f)
            m_s.flow.unite(m_s.flow.element(merged, f), m_s.flow.element(source, (f / stride) % size));
        for (size_t k = 0; k < in.size(); ++k)
            if (k != p)
                m_s.fix(m_x[in[k]], plainReason());
        m_out[j] = merged;
        checkFollows(j, merged);
    }

    // One dim split into factors: exactly one factor may follow the channels; the others
    // are fixed, so removing a unit removes the same index from every fixed slice
    // (ShuffleNet's channel_shuffle: both halves at the same positions).
    void split(size_t i, const std::vector<size_t>& out)
    {
        const int source = m_x[i];
        std::vector<size_t> follows;
        Shape sizes;
        for (size_t k = 0; k < out.size(); ++k) {
            const SizeElement e = element(out[k]);
            sizes.push_back(m_shape[out[k]]);
            if (e.kind == SizeElement::Kind::Opaque)
                m_op.cannot(m_op.where() + " splits channels with a size computed from tensor data");
            if (e.kind == SizeElement::Kind::Derived)
                requireFollows(m_op, e, source, "splits channels with a size");
            if (e.kind == SizeElement::Kind::Infer || e.kind == SizeElement::Kind::Derived)
                follows.push_back(k);
        }
        if (follows.empty())
            m_op.cannot(m_op.where() + " reshapes " + std::to_string(m_s.flow.size(source))
                    + " channels to the constant sizes " + sizesText(sizes) + ", so their count is fixed",
                Reason::Kind::ConstantShape);
        if (follows.size() > 1)
            m_op.cannot(m_op.where() + " splits channels into several sizes that all follow them");
        const size_t p = follows[0];
        const int64_t stride = strideOf(out, p, false);
        for (size_t k = 0; k < out.size(); ++k) {
            m_out[out[k]] = m_s.flow.addSpace(m_shape[out[k]]);
            if (k != p)
                m_s.fix(m_out[out[k]], plainReason());
        }
        m_op.record("channel split by view");
        const int target = m_out[out[p]];
        const int64_t n = m_s.flow.size(source), size = m_shape[out[p]];
        for (int64_t c = 0; c < n; ++c)
            m_s.flow.unite(m_s.flow.element(source, c), m_s.flow.element(target, (c / stride) % size));
    }

    Op& m_op;
    FlowState& m_s;
    const Dims& m_x;
    const Shape& m_shape;
    const std::vector<SizeElement>& m_sizes;
    std::string m_argument;
    Dims m_out;
    int m_plainReason = -1;
};

} // namespace

std::vector<SizeElement> sizeElements(Op& op, const OpArgument& sizes)
{
    std::vector<SizeElement> result;
    if (!sizes.elements.empty()) {
        for (const auto& e : sizes.elements) {
            SizeElement r = classify(e);
            if (isAttribute(op, e))
                r.kind = SizeElement::Kind::Constant;
            else if (e.value >= 0 || e.local >= 0)
                r = fromProvenance(op, op.provenance(e), r.value);
            result.push_back(r);
        }
    } else if (sizes.value < 0 && sizes.local < 0) {
        for (int64_t v : sizes.ints) {
            SizeElement r;
            r.value = v;
            r.kind = v == -1 ? SizeElement::Kind::Infer : SizeElement::Kind::Constant;
            result.push_back(r);
        }
    } else {
        const auto provenances = op.listProvenance(sizes);
        for (size_t k = 0; k < provenances.size(); ++k)
            result.push_back(fromProvenance(op, provenances[k], k < sizes.ints.size() ? sizes.ints[k] : 0));
    }
    op.consume(sizes);
    for (const auto& e : sizes.elements)
        op.consume(e);
    return result;
}

void reshapeTo(
    Op& op, const Dims& x, const Shape& outShape, const std::vector<SizeElement>& sizes, const std::string& argument)
{
    op.output(0, Reshape(op, x, outShape, sizes, argument).run());
}

} // namespace prunescope::strict
