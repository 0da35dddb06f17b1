// SPDX-License-Identifier: MIT
#include "struct_equal.h"

#include <map>
#include <tuple>

namespace prunescope::test {

namespace {

template <typename T, typename F> std::string each(const std::vector<T>& a, const std::vector<T>& b, F compare)
{
    if (a.size() != b.size())
        return "size " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    for (size_t i = 0; i < a.size(); ++i)
        if (std::string d = compare(a[i], b[i]); !d.empty())
            return "[" + std::to_string(i) + "]." + d;
    return {};
}

#define SAME(field)                                                                                                    \
    if (!(a.field == b.field))                                                                                         \
    return #field

std::string argument(const OpArgument& a, const OpArgument& b)
{
    SAME(name);
    SAME(kind);
    SAME(known);
    SAME(shape);
    SAME(ints);
    SAME(number);
    SAME(value);
    SAME(shapes);
    SAME(text);
    return {};
}

std::string call(const OpCall& a, const OpCall& b)
{
    SAME(kind);
    SAME(executions);

    if (auto d = each(a.inputs, b.inputs, argument); !d.empty())
        return "inputs" + d;
    if (auto d = each(a.outputs, b.outputs, argument); !d.empty())
        return "outputs" + d;
    return {};
}

std::string node(const OpNode& a, const OpNode& b)
{
    SAME(id);
    SAME(name);
    SAME(unique_name);
    SAME(kind);
    SAME(op_type);
    SAME(scope);
    SAME(call_index);
    SAME(executions);
    SAME(inputs);
    SAME(outputs);
    SAME(attrs);
    SAME(weight_shape);

    if (auto d = each(a.ops, b.ops, call); !d.empty())
        return "ops" + d;
    return {};
}

std::string value(const GraphValue& a, const GraphValue& b)
{
    SAME(id);
    SAME(debug_name);
    SAME(type);
    SAME(has_shape);
    SAME(shape);
    SAME(dtype);
    SAME(ints);
    SAME(has_ints);
    SAME(producer);
    SAME(model_input);
    SAME(model_output);
    SAME(consumers);
    return {};
}

std::string param(const ModuleParam& a, const ModuleParam& b)
{
    SAME(name);
    SAME(shape);
    SAME(dtype);
    SAME(buffer);
    return {};
}

std::string module(const ModuleInfo& a, const ModuleInfo& b)
{
    SAME(path);
    SAME(type);
    SAME(qualified_type);
    SAME(parent);
    SAME(children);
    SAME(leaf);
    SAME(own_param_count);
    SAME(total_param_count);
    SAME(calls);

    if (auto d = each(a.params, b.params, param); !d.empty())
        return "params" + d;
    return {};
}

std::string layerFlops(const LayerFlops& a, const LayerFlops& b)
{
    SAME(node);
    SAME(name);
    SAME(type);
    SAME(weight_shape);
    SAME(input_shape);
    SAME(output_shape);
    SAME(flops);
    SAME(params);
    SAME(call);
    SAME(executions);
    SAME(masked_flops);
    SAME(effective_flops);
    SAME(effective_params);
    SAME(kept_out_channels);
    SAME(out_channels);
    return {};
}

std::string uncounted(const UncountedType& a, const UncountedType& b)
{
    SAME(type);
    SAME(calls);
    SAME(params);
    return {};
}

std::string group(const GroupDependency& a, const GroupDependency& b)
{
    SAME(layer);
    SAME(max_groups);
    SAME(min_groups);
    return {};
}

std::string unsafe(const UnsafeLayer& a, const UnsafeLayer& b)
{
    SAME(layer);
    SAME(reshape_op);
    SAME(reshape_ops);
    SAME(path);
    SAME(reason);
    return {};
}

std::string conflictSet(const ConflictSet& a, const ConflictSet& b)
{
    SAME(kind);
    SAME(index);
    SAME(layers);
    SAME(prune_dim);
    SAME(conflict);
    SAME(skipped);
    SAME(notice);
    SAME(kept);
    SAME(disputed);
    SAME(max_groups);
    SAME(min_groups);
    SAME(pruned_per_group);
    return {};
}

std::map<std::string, double> timings(const std::vector<PhaseTiming>& list)
{
    std::map<std::string, double> byPhase;
    for (const auto& t : list)
        byPhase[t.phase] = t.ms;
    return byPhase;
}

#undef SAME

} // namespace

std::string differs(const OpGraph& a, const OpGraph& b)
{
    if (a.model_path != b.model_path)
        return "model_path";
    if (a.inputs != b.inputs || a.outputs != b.outputs)
        return "inputs/outputs";
    if (auto d = each(a.nodes, b.nodes, node); !d.empty())
        return "nodes" + d;
    if (auto d = each(a.values, b.values, value); !d.empty())
        return "values" + d;
    if (auto d = each(a.modules, b.modules, module); !d.empty())
        return "modules" + d;
    return {};
}

std::string differs(const FlopsResult& a, const FlopsResult& b)
{
    if (std::tie(a.mode, a.total, a.params, a.model_params, a.batch_size, a.masked, a.masked_total, a.effective_total,
            a.effective_params)
        != std::tie(b.mode, b.total, b.params, b.model_params, b.batch_size, b.masked, b.masked_total,
            b.effective_total, b.effective_params))
        return "totals";
    if (auto d = each(a.layers, b.layers, layerFlops); !d.empty())
        return "layers" + d;
    if (auto d = each(a.uncounted, b.uncounted, uncounted); !d.empty())
        return "uncounted" + d;
    return {};
}

std::string differs(const AnalysisReport& a, const AnalysisReport& b)
{
    if (a.channel.prune_type != b.channel.prune_type || a.channel.sets != b.channel.sets
        || a.channel.tied_by != b.channel.tied_by)
        return "channel";
    if (a.input_channel != b.input_channel)
        return "input_channel";
    if (auto d = each(a.groups, b.groups, group); !d.empty())
        return "groups" + d;
    if (auto d = each(a.unsafe, b.unsafe, unsafe); !d.empty())
        return "unsafe" + d;
    if (auto d = differs(a.flops, b.flops); !d.empty())
        return "flops." + d;
    if (timings(a.timings) != timings(b.timings))
        return "timings";
    return {};
}

std::string differs(const ConflictReport& a, const ConflictReport& b)
{
    if (a.prune_dim != b.prune_dim || a.prune_type != b.prune_type)
        return "prune_dim/prune_type";
    if (auto d = each(a.sets, b.sets, conflictSet); !d.empty())
        return "sets" + d;
    return {};
}

std::string differs(const ReportDocument& a, const ReportDocument& b)
{
    if (a.generator != b.generator)
        return "generator";
    if (!(a.model == b.model))
        return "model";
    if (!(a.inputs == b.inputs))
        return "inputs";
    if (auto d = differs(a.graph, b.graph); !d.empty())
        return "graph." + d;
    // The JSON keeps all phases in one object: compare them together.
    std::vector<PhaseTiming> all = a.model_timings, other = b.model_timings;
    all.insert(all.end(), a.analysis.timings.begin(), a.analysis.timings.end());
    other.insert(other.end(), b.analysis.timings.begin(), b.analysis.timings.end());
    if (timings(all) != timings(other))
        return "timings";
    AnalysisReport x = a.analysis, y = b.analysis;
    x.timings.clear();
    y.timings.clear();
    if (auto d = differs(x, y); !d.empty())
        return "analysis." + d;
    return {};
}

} // namespace prunescope::test
