// SPDX-License-Identifier: MIT
#include "flow_state.h"

#include <algorithm>

namespace prunescope::strict {

void Provenance::add(const Provenance& other)
{
    opaque = opaque || other.opaque;
    for (int space : other.spaces)
        if (std::find(spaces.begin(), spaces.end(), space) == spaces.end())
            spaces.push_back(space);
}

std::string shapeText(const Shape& shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

FlowState::FlowState(const OpGraph& g)
    : graph(g)
{
    values.resize(graph.values.size());
    valueKnown.assign(graph.values.size(), 0);
    valueProvenance.resize(graph.values.size());
    for (const auto& module : graph.modules)
        for (const auto& p : module.params)
            paramShapes[module.path.empty() ? p.name : module.path + "." + p.name] = p.shape;
}

Dims FlowState::fresh(const Shape& shape)
{
    Dims dims;
    dims.reserve(shape.size());
    for (int64_t size : shape)
        dims.push_back(flow.addSpace(size));
    return dims;
}

Shape FlowState::shapeOf(const Dims& dims) const
{
    Shape shape;
    shape.reserve(dims.size());
    for (int space : dims)
        shape.push_back(flow.size(space));
    return shape;
}

int FlowState::addReason(Reason::Kind kind, const std::string& text, int node, const std::string& op)
{
    reasons.push_back({ kind, text, node, op });
    return static_cast<int>(reasons.size()) - 1;
}

const Dims* FlowState::parameter(const std::string& path, const Shape& knownShape)
{
    auto found = params.find(path);
    if (found != params.end())
        return &found->second;
    Shape shape = knownShape;
    if (shape.empty()) {
        auto declared = paramShapes.find(path);
        if (declared == paramShapes.end())
            return nullptr;
        shape = declared->second;
    }
    Dims dims = fresh(shape);
    for (size_t d = 0; d < dims.size(); ++d)
        member(path, static_cast<int>(d), 1, dims[d]);
    return &params.emplace(path, std::move(dims)).first->second;
}

int FlowState::member(const std::string& parameter, int dim, int64_t groups, int space)
{
    auto key = std::make_tuple(parameter, dim, groups);
    auto found = memberIds.find(key);
    if (found != memberIds.end())
        return found->second;
    Member m;
    m.parameter = parameter;
    m.dim = dim;
    m.groups = groups;
    m.space = space;
    members.push_back(m);
    const int id = static_cast<int>(members.size()) - 1;
    memberIds.emplace(key, id);
    memberOfSpace.emplace(space, id);
    return id;
}

void FlowState::promote(int space, MemberRole role)
{
    auto found = memberOfSpace.find(space);
    if (found == memberOfSpace.end())
        return;
    Member& m = members[static_cast<size_t>(found->second)];
    // Filters outrank input columns, which outrank per-channel entries.
    if (role == MemberRole::OutChannels && m.role != MemberRole::OutChannels) {
        m.role = role;
        flow.markRootCapable(space, found->second);
    } else if (role == MemberRole::InChannels && m.role == MemberRole::PerChannel) {
        m.role = role;
    }
}

Op::Op(FlowState& state, const OpNode& n, const OpCall& c, int occ)
    : s(state)
    , node(n)
    , call(c)
    , occurrence(occ)
    , m_done(c.outputs.size(), 0)
{
}

std::string Op::where() const { return call.kind + " in '" + node.unique_name + "'"; }

void Op::cannot(const std::string& why, Reason::Kind kind) const { throw Blocked { why, kind }; }

const OpArgument* Op::arg(const std::string& name) const { return call.input(name); }

const OpArgument& Op::input(size_t i) const
{
    if (i >= call.inputs.size())
        cannot(call.kind + " has fewer arguments than its rule expects");
    return call.inputs[i];
}

bool Op::isTensor(const OpArgument& a) const { return a.kind == OpArgument::Kind::Tensor; }

int valueOf(const OpArgument& a) { return a.value >= 0 ? a.value : a.same_as; }

bool Op::present(const OpArgument* a) const
{
    if (!a || a->kind != OpArgument::Kind::Tensor)
        return false;
    if (!a->parameter.empty())
        return a->known || s.params.count(a->parameter) || s.paramShapes.count(a->parameter);
    return a->known || a->value >= 0 || a->constant_tensor;
}

bool Op::constantInts(const OpArgument& a, std::vector<int64_t>& out) const
{
    if (a.value < 0 && a.local < 0 && a.known) {
        out = a.ints;
        return true;
    }
    if (a.elements.empty())
        return false;
    out.clear();
    for (const auto& e : a.elements) {
        if (e.value >= 0 || e.local >= 0 || !e.known || e.ints.size() != 1)
            return false;
        out.push_back(e.ints.front());
    }
    return true;
}

bool Op::isScalarLike(const OpArgument& a) const
{
    if (a.kind == OpArgument::Kind::Int || a.kind == OpArgument::Kind::Float || a.kind == OpArgument::Kind::Bool)
        return true;
    if (a.kind != OpArgument::Kind::Tensor)
        return false;
    if (a.constant_tensor)
        return a.constant_shape.empty();
    if (valueOf(a) >= 0 && s.valueKnown[static_cast<size_t>(valueOf(a))])
        return s.values[static_cast<size_t>(valueOf(a))].empty();
    return a.known && a.shape.empty() && a.parameter.empty();
}

Dims Op::dims(const OpArgument& a)
{
    if (!a.parameter.empty()) {
        if (const Dims* d = s.parameter(a.parameter, a.known ? a.shape : Shape {}))
            return *d;
        cannot("the shape of parameter " + a.parameter + " is unknown");
    }
    if (valueOf(a) >= 0 && s.valueKnown[static_cast<size_t>(valueOf(a))])
        return s.values[static_cast<size_t>(valueOf(a))];
    if (a.local >= 0) {
        auto found = s.locals.find(a.local);
        if (found != s.locals.end())
            return found->second;
    }
    if (a.constant_tensor) {
        Dims d = s.fresh(a.constant_shape);
        const int reason = s.addReason(Reason::Kind::ConstantShape,
            "a constant tensor of shape " + shapeText(a.constant_shape) + " in the model's code meets it at " + where(),
            node.id, call.kind);
        for (int space : d)
            s.fix(space, reason);
        return d;
    }
    const Shape* shape = nullptr;
    if (valueOf(a) >= 0 && s.graph.values[static_cast<size_t>(valueOf(a))].has_shape)
        shape = &s.graph.values[static_cast<size_t>(valueOf(a))].shape;
    else if (a.known && a.kind == OpArgument::Kind::Tensor)
        shape = &a.shape;
    if (!shape)
        cannot("the shape of an input of " + call.kind + " was not recorded");
    // A tensor no rule has seen yet (made by an op outside every node): its indices are
    // its own, and fixed, since nothing says how they relate to the others.
    Dims d = s.fresh(*shape);
    const int reason = s.addReason(
        Reason::Kind::Blocked, "a tensor whose origin is not followed enters " + where(), node.id, call.kind);
    for (int space : d)
        s.fix(space, reason);
    if (valueOf(a) >= 0) {
        s.values[static_cast<size_t>(valueOf(a))] = d;
        s.valueKnown[static_cast<size_t>(valueOf(a))] = 1;
    } else if (a.local >= 0) {
        s.locals[a.local] = d;
    }
    return d;
}

std::vector<Dims> Op::tensorList(const OpArgument& a)
{
    // Elements, when the graph has them, are the list as the op read it (appends before
    // the read included); a list followed by value (an op's result, appended to by an
    // aten::append op of the graph) is what the walk has seen done to it.
    if (a.elements.empty() && valueOf(a) >= 0) {
        auto found = s.lists.find(valueOf(a));
        if (found != s.lists.end())
            return found->second;
    }
    if (a.elements.empty() && a.local >= 0) {
        auto found = s.localLists.find(a.local);
        if (found != s.localLists.end())
            return found->second;
    }
    if (a.elements.empty())
        cannot("the tensors of the list read by " + call.kind + " are not known");
    std::vector<Dims> list;
    for (const auto& element : a.elements)
        list.push_back(dims(element));
    // A list value built here may be appended to later (DenseNet's features).
    if (valueOf(a) >= 0)
        s.lists[valueOf(a)] = list;
    else if (a.local >= 0)
        s.localLists[a.local] = list;
    return list;
}

int64_t Op::intArg(const std::string& name) const
{
    // A dim or a count computed at run time (scripted code passes them through) is taken at
    // its recorded value.
    const OpArgument* a = arg(name);
    if (!a || !a->known || a->ints.size() != 1)
        cannot("argument '" + name + "' of " + call.kind + " is not known");
    return a->ints.front();
}

bool Op::hasInt(const std::string& name) const
{
    const OpArgument* a = arg(name);
    return a && a->known && a->ints.size() == 1;
}

std::vector<int64_t> Op::intsArg(const std::string& name) const
{
    const OpArgument* a = arg(name);
    if (!a || !a->known)
        cannot("argument '" + name + "' of " + call.kind + " is not known");
    return a->ints;
}

Shape Op::outputShape(size_t i) const
{
    if (i >= call.outputs.size() || !call.outputs[i].known || call.outputs[i].kind != OpArgument::Kind::Tensor)
        cannot("the output shape of " + call.kind + " was not recorded");
    return call.outputs[i].shape;
}

int64_t Op::wrapDim(int64_t dim, size_t rank) const
{
    const auto r = static_cast<int64_t>(rank);
    if (dim < 0)
        dim += r;
    if (dim < 0 || dim >= r)
        cannot("dim " + std::to_string(dim) + " out of range for " + call.kind);
    return dim;
}

void Op::output(size_t i, const Dims& d)
{
    if (i >= call.outputs.size())
        return;
    const OpArgument& out = call.outputs[i];
    // A rule that disagrees with the recorded shape is a bug on our side; better blocked
    // than wrong.
    if (out.known && out.kind == OpArgument::Kind::Tensor && out.shape != s.shapeOf(d))
        cannot("internal: the rule for " + call.kind + " gives " + shapeText(s.shapeOf(d)) + ", recorded "
            + shapeText(out.shape));
    if (out.value >= 0) {
        s.values[static_cast<size_t>(out.value)] = d;
        s.valueKnown[static_cast<size_t>(out.value)] = 1;
    } else if (out.local >= 0) {
        s.locals[out.local] = d;
    }
    m_done[i] = 1;
}

void Op::pieces(size_t i, const std::vector<Dims>& list)
{
    if (i >= call.outputs.size())
        return;
    const OpArgument& out = call.outputs[i];
    if (!out.elements.empty() && out.elements.size() != list.size())
        cannot("internal: " + call.kind + " gives " + std::to_string(list.size()) + " pieces, recorded "
            + std::to_string(out.elements.size()));
    for (size_t k = 0; k < out.elements.size(); ++k) {
        const OpArgument& piece = out.elements[k];
        if (piece.known && piece.shape != s.shapeOf(list[k]))
            cannot("internal: piece " + std::to_string(k) + " of " + call.kind + " has the wrong shape");
        if (piece.value >= 0) {
            s.values[static_cast<size_t>(piece.value)] = list[k];
            s.valueKnown[static_cast<size_t>(piece.value)] = 1;
        } else if (piece.local >= 0) {
            s.locals[piece.local] = list[k];
        }
    }
    if (out.value >= 0)
        s.lists[out.value] = list;
    else if (out.local >= 0)
        s.localLists[out.local] = list;
    m_done[i] = 1;
}

bool Op::outputDone(size_t i) const { return i < m_done.size() && m_done[i]; }

void Op::setProvenance(size_t i, const Provenance& p)
{
    if (i >= call.outputs.size())
        return;
    const OpArgument& out = call.outputs[i];
    if (out.value >= 0)
        s.valueProvenance[static_cast<size_t>(out.value)] = p;
    else if (out.local >= 0)
        s.localProvenance[out.local] = p;
}

Provenance Op::provenance(const OpArgument& a) const
{
    if (valueOf(a) >= 0)
        return s.valueProvenance[static_cast<size_t>(valueOf(a))];
    if (a.local >= 0) {
        auto found = s.localProvenance.find(a.local);
        if (found != s.localProvenance.end())
            return found->second;
        // Made by prim ops folded into this node (a traced NumToTensor of a size): from
        // the node's scalar inputs.
        Provenance p;
        for (int v : node.inputs)
            if (!s.graph.values[static_cast<size_t>(v)].has_shape
                || s.graph.values[static_cast<size_t>(v)].shape.empty())
                p.add(s.valueProvenance[static_cast<size_t>(v)]);
        return p;
    }
    return {}; // a constant
}

std::vector<Provenance> Op::listProvenance(const OpArgument& a) const
{
    if (!a.elements.empty()) {
        std::vector<Provenance> result;
        for (const auto& element : a.elements)
            result.push_back(provenance(element));
        return result;
    }
    if (valueOf(a) >= 0) {
        auto found = s.listProvenance.find(valueOf(a));
        if (found != s.listProvenance.end())
            return found->second;
        return std::vector<Provenance>(a.ints.size(), Provenance { {}, true });
    }
    return std::vector<Provenance>(a.ints.size()); // constants
}

bool Op::consumed(const OpArgument& a) const
{
    return std::find(m_consumed.begin(), m_consumed.end(), &a) != m_consumed.end();
}

} // namespace prunescope::strict
