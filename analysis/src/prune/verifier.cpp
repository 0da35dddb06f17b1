// SPDX-License-Identifier: MIT
#include "verifier.h"

#include "prunescope/error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace prunescope::detail {

namespace {

std::string shapeText(at::IntArrayRef shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

at::Tensor indexTensor(const std::vector<int64_t>& indices)
{
    return at::tensor(indices, at::TensorOptions().dtype(at::kLong));
}

std::vector<int64_t> complement(const std::vector<int64_t>& removed, int64_t size)
{
    std::vector<int64_t> kept;
    size_t r = 0;
    for (int64_t i = 0; i < size; ++i) {
        while (r < removed.size() && removed[r] < i)
            ++r;
        if (r < removed.size() && removed[r] == i)
            continue;
        kept.push_back(i);
    }
    return kept;
}

struct Gap {
    double maxAbs = 0.0;
    double scale = 0.0;
};

// NaN where the original has NaN is agreement; elsewhere it is the largest difference.
Gap gap(const at::Tensor& expected, const at::Tensor& actual)
{
    const at::Tensor e = expected.to(at::kDouble), a = actual.to(at::kDouble);
    const at::Tensor bothNan = at::logical_and(at::isnan(e), at::isnan(a));
    at::Tensor diff = (a - e).abs().masked_fill(bothNan, 0.0);
    Gap g;
    if (diff.numel() == 0)
        return g;
    g.maxAbs = at::isnan(diff).any().item<bool>() ? INFINITY : diff.max().item<double>();
    g.scale = e.abs().masked_fill(at::isnan(e), 0.0).max().item<double>();
    return g;
}

// A cancel asked for inside the forward reaches us wrapped by the interpreter.
c10::IValue runStoppable(ValueTaps& taps, const std::vector<at::Tensor>& inputs, const Verifier::Stop& stop,
    const std::function<at::Tensor(int, const at::Tensor&)>& handler)
{
    const auto check = [&] {
        if (stop && stop())
            throw Error(ErrorKind::Cancelled, "cancelled");
    };
    try {
        return taps.run(inputs, [&](int value, const at::Tensor& tensor) {
            check();
            return handler(value, tensor);
        });
    } catch (const Error&) {
        throw;
    } catch (const std::exception&) {
        check();
        throw;
    }
}

} // namespace

Verifier::Verifier(const OpGraph& original, const std::vector<SilencedValue>& silenced, double rtol, double atol)
    : m_graph(original)
    , m_rtol(rtol)
    , m_atol(atol)
    , m_removals(original.values.size())
{
    for (const auto& s : silenced) {
        if (s.value < 0 || static_cast<size_t>(s.value) >= original.values.size())
            throw Error(ErrorKind::BadInput,
                "the pruning plan silences value " + std::to_string(s.value) + ", which the model's graph lacks");
        const GraphValue& value = original.values[static_cast<size_t>(s.value)];
        if (!value.has_shape || s.dim < 0 || static_cast<size_t>(s.dim) >= value.shape.size())
            throw Error(ErrorKind::BadInput,
                "the pruning plan silences dim " + std::to_string(s.dim) + " of " + value.debug_name + " (from "
                    + producerName(original, s.value) + "), which has no such dim");
        const int64_t size = value.shape[static_cast<size_t>(s.dim)];
        for (size_t i = 0; i < s.removed.size(); ++i)
            if (s.removed[i] < 0 || s.removed[i] >= size || (i && s.removed[i] <= s.removed[i - 1]))
                throw Error(ErrorKind::BadInput,
                    "the pruning plan silences indices of " + value.debug_name + " (from "
                        + producerName(original, s.value) + ") that are not ascending within 0.."
                        + std::to_string(size - 1));
        auto& removals = m_removals[static_cast<size_t>(s.value)];
        auto same = std::find_if(removals.begin(), removals.end(), [&](const Removal& r) { return r.dim == s.dim; });
        if (same == removals.end()) {
            removals.push_back({ s.dim, s.removed });
            continue;
        }
        std::vector<int64_t> merged;
        std::set_union(
            same->removed.begin(), same->removed.end(), s.removed.begin(), s.removed.end(), std::back_inserter(merged));
        same->removed = std::move(merged);
    }
    m_tapped.assign(original.values.size(), 0);
    m_shapes.assign(original.values.size(), {});
    for (size_t id = 0; id < original.values.size(); ++id) {
        const GraphValue& value = original.values[id];
        if (!value.has_shape || value.model_input >= 0)
            continue;
        m_tapped[id] = 1;
        m_shapes[id] = value.shape;
        for (const auto& r : m_removals[id])
            m_shapes[id][static_cast<size_t>(r.dim)] -= static_cast<int64_t>(r.removed.size());
    }
}

std::string Verifier::producerName(const OpGraph& graph, int value)
{
    const GraphValue& v = graph.values.at(static_cast<size_t>(value));
    if (v.producer < 0)
        return v.model_input >= 0 ? "the model's input " + std::to_string(v.model_input) : "value " + v.debug_name;
    const OpNode& node = graph.nodes.at(static_cast<size_t>(v.producer));
    return node.unique_name + " (" + node.op_type + ")";
}

at::Tensor Verifier::silence(int value, const at::Tensor& tensor) const
{
    at::Tensor result = tensor;
    for (const auto& r : m_removals[static_cast<size_t>(value)])
        if (!r.removed.empty() && r.dim < result.dim())
            result = result.index_fill(r.dim, indexTensor(r.removed), 0);
    return result;
}

at::Tensor Verifier::withoutRemoved(int value, const at::Tensor& tensor) const
{
    at::Tensor result = tensor;
    for (const auto& r : m_removals[static_cast<size_t>(value)])
        if (!r.removed.empty() && r.dim < result.dim())
            result = result.index_select(r.dim, indexTensor(complement(r.removed, result.size(r.dim))));
    return result;
}

void Verifier::runOriginal(ValueTaps& taps, const std::vector<at::Tensor>& inputs, bool keepValues, const Stop& stop)
{
    m_keepValues = keepValues;
    m_values.assign(keepValues ? m_graph.values.size() : 0, at::Tensor());
    std::vector<char> seen(m_graph.values.size(), 0);
    const c10::IValue result = runStoppable(taps, inputs, stop, [&](int value, const at::Tensor& tensor) {
        at::Tensor silenced = silence(value, tensor);
        const auto id = static_cast<size_t>(value);
        if (keepValues && !seen[id]) {
            seen[id] = 1;
            // Clone: an in-place op later in the forward may change the tensor we keep.
            at::Tensor expected = withoutRemoved(value, silenced);
            m_values[id] = expected.is_same(silenced) ? expected.clone() : expected;
        }
        return silenced;
    });
    m_originalOutputs.clear();
    for (const auto& t : flattenTensors(result))
        m_originalOutputs.push_back(t.clone());
}

std::optional<std::string> Verifier::differs(const at::Tensor& expected, const at::Tensor& actual) const
{
    if (expected.sizes() != actual.sizes())
        return "has shape " + shapeText(actual.sizes()) + ", expected " + shapeText(expected.sizes());
    const Gap g = gap(expected, actual);
    if (g.maxAbs <= m_rtol * g.scale + m_atol)
        return std::nullopt;
    std::ostringstream text;
    text << "differs: max |difference| " << g.maxAbs << " where the values reach " << g.scale;
    return text.str();
}

std::optional<Disagreement> Verifier::runPruned(
    ValueTaps& taps, const std::vector<at::Tensor>& inputs, const Stop& stop)
{
    std::optional<Disagreement> first;
    std::vector<char> checked(m_graph.values.size(), 0);
    m_compared = 0;
    const c10::IValue result = runStoppable(taps, inputs, stop, [&](int value, const at::Tensor& tensor) {
        const auto id = static_cast<size_t>(value);
        if (first || checked[id] || id >= m_tapped.size() || !m_tapped[id])
            return tensor;
        checked[id] = 1;
        ++m_compared;
        std::optional<std::string> problem;
        if (m_keepValues)
            problem = differs(m_values[id], tensor);
        else if (tensor.sizes().vec() != m_shapes[id])
            problem = "has shape " + shapeText(tensor.sizes()) + ", expected " + shapeText(m_shapes[id]);
        if (problem)
            first = Disagreement { value, *problem };
        return tensor;
    });
    m_prunedOutputs.clear();
    for (const auto& t : flattenTensors(result))
        m_prunedOutputs.push_back(t.clone());
    return first;
}

Verification Verifier::compareOutputs() const
{
    Verification v;
    v.rtol = m_rtol;
    v.passed = m_originalOutputs.size() == m_prunedOutputs.size();
    for (size_t i = 0; i < m_originalOutputs.size() && i < m_prunedOutputs.size(); ++i) {
        OutputError e;
        e.index = static_cast<int>(i);
        e.shape = m_prunedOutputs[i].sizes().vec();
        if (m_originalOutputs[i].sizes() != m_prunedOutputs[i].sizes()) {
            e.max_abs = e.max_rel = INFINITY;
            v.passed = false;
        } else {
            const Gap g = gap(m_originalOutputs[i], m_prunedOutputs[i]);
            e.max_abs = g.maxAbs;
            e.max_rel = g.scale > 0 ? g.maxAbs / g.scale : (g.maxAbs > 0 ? INFINITY : 0.0);
            if (g.maxAbs > m_rtol * g.scale + m_atol)
                v.passed = false;
        }
        v.max_abs = std::max(v.max_abs, e.max_abs);
        v.max_rel = std::max(v.max_rel, e.max_rel);
        v.outputs.push_back(std::move(e));
    }
    v.values_compared = m_compared;
    return v;
}

} // namespace prunescope::detail
