// SPDX-License-Identifier: MIT
#include "summary.h"

#include <iomanip>

namespace prunescope::cli {

namespace {

std::string tensorText(const InputSpec& spec)
{
    std::string dims;
    for (size_t i = 0; i < spec.shape.size(); ++i)
        dims += (i ? "x" : "") + std::to_string(spec.shape[i]);
    return dims + " " + spec.dtype;
}

std::string inputsText(const std::vector<InputSpec>& inputs)
{
    std::vector<std::string> parts;
    for (const auto& spec : inputs) {
        if (!spec.is_list) {
            parts.push_back(tensorText(spec));
            continue;
        }
        std::vector<std::string> elements;
        for (const auto& element : spec.elements)
            elements.push_back(tensorText(element));
        parts.push_back("list [" + join(elements, ", ") + "]");
    }
    return join(parts, "; ");
}

} // namespace

std::string join(const std::vector<std::string>& items, const std::string& separator)
{
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : separator) + item;
    return text;
}

std::string withThousands(int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<size_t>(i), ",");
    return (value < 0 ? "-" : "") + digits;
}

void printSummary(std::ostream& out, const Model& model, const AnalysisReport& report, const SummaryOptions& options)
{
    const OpGraph& graph = model.graph();
    size_t moduleNodes = 0;
    for (const auto& node : graph.nodes)
        moduleNodes += node.isModule();
    const std::string rootType = graph.modules.empty() ? "?" : graph.modules.front().type;
    out << "Model   " << model.path() << " (" << rootType << ", " << withThousands(graph.totalParamCount())
        << " parameters)\n";
    out << "Input   " << inputsText(model.inputs()) << "; shapes recorded on " << model.shapeMode() << " tensors\n";
    if (!model.metaFallbackReason().empty())
        out << "        (meta tensors were not enough: " << model.metaFallbackReason() << ")\n";
    if (!model.fallbackOps().empty()) {
        std::vector<std::string> ops;
        for (const auto& op : model.fallbackOps())
            ops.push_back(op.op + (op.calls > 1 ? " x" + std::to_string(op.calls) : ""));
        out << "        (no meta kernel, run alone on CPU zeros: " << join(ops) << ")\n";
    }
    for (const auto& warning : model.warnings())
        out << "        model warning: " << warning << "\n";
    out << "Graph   " << graph.nodes.size() << " nodes: " << moduleNodes << " module calls, "
        << graph.nodes.size() - moduleNodes << " functional ops\n\n";

    const auto& sets = report.channel.sets;
    size_t multi = 0;
    for (const auto& set : sets)
        multi += set.size() > 1;
    out << "Channel dependency (prune type " << pruneTypeName(report.channel.prune_type) << "): " << sets.size()
        << " sets, " << multi << " with layers that must keep the same output channels\n";
    for (size_t i = 0; i < sets.size(); ++i) {
        if (sets[i].size() < 2 && !options.listSingletons)
            continue;
        out << "  Set " << std::left << std::setw(4) << i + 1 << join(sets[i]) << "\n";
        if (!report.channel.tied_by[i].empty())
            out << "           tied by " << join(report.channel.tied_by[i]) << "\n";
    }
    if (!options.listSingletons && sets.size() > multi)
        out << "  (" << sets.size() - multi << " single-layer sets not shown; --all lists them, --csv writes them)\n";

    out << "\nGroup dependency: ";
    std::vector<std::string> grouped;
    for (const auto& g : report.groups)
        if (g.max_groups > 1)
            grouped.push_back(g.layer + " (filters divisible by " + std::to_string(g.max_groups) + ")");
    if (grouped.empty())
        out << "no grouped convolutions constrain filter counts\n";
    else
        out << "\n  " << join(grouped, "\n  ") << "\n";

    out << "\nNot safe to prune: ";
    if (report.unsafe.empty())
        out << "none (no conv/linear output reaches a view or reshape)\n";
    else
        out << report.unsafe.size() << " layer(s)\n";
    for (const auto& u : report.unsafe)
        out << "  " << u.layer << ": " << u.reason << "\n";

    const FlopsResult& flops = report.flops;
    out << "\nFLOPs (" << flopsModeName(flops.mode) << "): " << withThousands(flops.total) << " per sample; "
        << "#Params of counted layers " << withThousands(flops.params) << " of " << withThousands(flops.model_params)
        << "\n";
    if (flops.masked)
        out << "  with masks: " << withThousands(flops.masked_total) << " by NNI's rule, "
            << withThousands(flops.effective_total) << " after speedup\n";

    if (options.timings) {
        out << "\nTimings (ms)" << std::string(21, ' ') << "wall      CPU\n";
        auto print = [&](const PhaseTiming& t) {
            out << "  " << std::left << std::setw(26) << t.phase << std::right << std::setw(9) << std::fixed
                << std::setprecision(1) << t.ms;
            if (t.cpu_ms >= 0)
                out << std::setw(9) << t.cpu_ms;
            out << "\n";
        };
        for (const auto& t : model.timings())
            print(t);
        for (const auto& t : report.timings)
            print(t);
    }
}

} // namespace prunescope::cli
