#pragma once
// The analysis report: everything `prunescope-cli analyze` computes for one model, and
// its JSON form ("prunescope-report/1", documented in the README). The GUI reads the
// same JSON from the engine worker.
#include "prunescope/dependency.h"
#include "prunescope/flops.h"
#include "prunescope/mask_conflict.h"
#include "prunescope/model.h"

#include <nlohmann/json_fwd.hpp>

namespace prunescope {

struct AnalysisOptions {
    PruneType prune_type = PruneType::Filter;
    FlopsMode flops_mode = FlopsMode::Default;
    const MaskSet* masks = nullptr; // checked against the graph by the caller
};

struct AnalysisReport {
    ChannelDependencyResult channel;
    LayerSets input_channel;
    std::vector<GroupDependency> groups;
    std::vector<UnsafeLayer> unsafe;
    FlopsResult flops;
    std::vector<PhaseTiming> timings; // the analyses' own phases
};

AnalysisReport analyze(const OpGraph& graph, const AnalysisOptions& options = {});

inline constexpr const char* kReportFormat = "prunescope-report/1";

nlohmann::json reportJson(const Model& model, const AnalysisReport& report);
nlohmann::json graphJson(const OpGraph& graph);
nlohmann::json modulesJson(const OpGraph& graph);
// {"mode", "total", "params", "model_params", "batch_size", "layers": [...], "uncounted": [...],
//  and with masks "masked_total", "effective_total", "effective_params"}
nlohmann::json flopsJson(const FlopsResult& flops);
// {"prune_dim", "prune_type", "conflicts", "sets": [{"kind", "index", "layers", "conflict", "skipped",
//  "notice"?, "disputed", "kept": {layer: [channels kept]}, "max_groups"?, ...}]}
nlohmann::json conflictReportJson(const ConflictReport& report);
// [{"kind", "set_index", "strategy", "changes": [{"layer", "created", "dim", "reenabled",
//   "newly_pruned", "sparsity_before", "sparsity_after"}]}]
nlohmann::json maskFixesJson(const std::vector<MaskFix>& fixes);

} // namespace prunescope
