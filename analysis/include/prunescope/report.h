// SPDX-License-Identifier: MIT
#pragma once
// The analysis report: everything `prunescope-cli analyze` computes for one model, and
// its JSON form ("prunescope-report/1", documented in the README). The worker sends the
// same JSON to the desktop app, which reads it back into a ReportDocument.
#include "prunescope/dependency.h"
#include "prunescope/flops.h"
#include "prunescope/mask_conflict.h"
#include "prunescope/model.h"
#include "prunescope/progress.h"
#include "prunescope/pruning_groups.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace prunescope {

class GraphAnalyses;

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

// Every analysis, in turn; `progress` may stop it between two of them (Error(Cancelled)).
AnalysisReport analyze(const OpGraph& graph, const AnalysisOptions& options = {}, const Progress& progress = {});
// The same on analyses a caller keeps: results already computed are reused.
AnalysisReport analyze(GraphAnalyses& analyses, const AnalysisOptions& options = {}, const Progress& progress = {});

inline constexpr const char* kReportFormat = "prunescope-report/1";

// The report's "model" object.
struct ModelSummary {
    std::string path;
    std::string type; // the root module's class
    int64_t params = 0; // the whole model's
    std::string shape_mode; // "meta" or "real"
    std::string meta_fallback_reason;
    std::vector<std::string> warnings;
    std::vector<FallbackOp> fallback_ops; // ops without a meta kernel, run alone on CPU zeros
    bool operator==(const ModelSummary& other) const;
};

ModelSummary summarize(const Model& model);

// A whole report as one struct, for those who read one (the desktop app, tests).
struct ReportDocument {
    std::string generator; // "prunescope <version>"
    ModelSummary model;
    std::vector<InputSpec> inputs;
    OpGraph graph; // with its modules; model_path is model.path
    AnalysisReport analysis;
    // The JSON's "timings" object holds the model's phases and the analyses' in one
    // object, sorted by name: read back, load/inline/shapes/graph land here and the
    // others in analysis.timings.
    std::vector<PhaseTiming> model_timings;
    std::optional<StrictReport> strict; // "pruning_groups", in a report made under the strict rules
};

nlohmann::json reportJson(const Model& model, const AnalysisReport& report);
void to_json(nlohmann::json& j, const ReportDocument& report);
void from_json(const nlohmann::json& j, ReportDocument& report); // throws nlohmann::json::exception, Error

} // namespace prunescope
