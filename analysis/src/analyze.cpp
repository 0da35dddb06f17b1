// SPDX-License-Identifier: MIT
#include "prunescope/graph_analyses.h"
#include "prunescope/report.h"

#include <chrono>
#include <ctime>

namespace prunescope {

AnalysisReport analyze(GraphAnalyses& analyses, const AnalysisOptions& options, const Progress& progress)
{
    AnalysisReport report;
    auto start = std::chrono::steady_clock::now();
    std::clock_t cpuStart = std::clock();
    auto lap = [&](const char* phase) {
        const auto now = std::chrono::steady_clock::now();
        const std::clock_t cpu = std::clock();
        report.timings.push_back({ phase, std::chrono::duration<double, std::milli>(now - start).count(),
            1000.0 * static_cast<double>(cpu - cpuStart) / CLOCKS_PER_SEC });
        start = now;
        cpuStart = cpu;
        progress.throwIfCancelled();
    };
    progress.throwIfCancelled();
    report.channel = analyses.channel(options.prune_type);
    lap("channel_dependency");
    report.input_channel = analyses.inputChannel();
    lap("input_channel_dependency");
    report.groups = analyses.groups();
    lap("group_dependency");
    report.unsafe = analyses.unsafe();
    lap("not_safe_to_prune");
    report.flops = countFlops(analyses.graph(), options.flops_mode, options.masks);
    lap("flops");
    return report;
}

AnalysisReport analyze(const OpGraph& graph, const AnalysisOptions& options, const Progress& progress)
{
    GraphAnalyses analyses(graph);
    return analyze(analyses, options, progress);
}

} // namespace prunescope
