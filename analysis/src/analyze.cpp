#include "prunescope/report.h"

#include <chrono>

namespace prunescope {

AnalysisReport analyze(const OpGraph& graph, const AnalysisOptions& options)
{
    AnalysisReport report;
    auto start = std::chrono::steady_clock::now();
    auto lap = [&](const char* phase) {
        const auto now = std::chrono::steady_clock::now();
        report.timings.push_back({ phase, std::chrono::duration<double, std::milli>(now - start).count() });
        start = now;
    };
    report.channel = channelDependency(graph, options.prune_type);
    lap("channel_dependency");
    report.input_channel = inputChannelDependency(graph);
    lap("input_channel_dependency");
    report.groups = groupDependency(graph);
    lap("group_dependency");
    report.unsafe = notSafeToPrune(graph);
    lap("not_safe_to_prune");
    report.flops = countFlops(graph, options.flops_mode, options.masks);
    lap("flops");
    return report;
}

} // namespace prunescope
