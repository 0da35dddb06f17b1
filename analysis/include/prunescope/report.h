#pragma once
// The analysis report: everything `prunescope-cli analyze` computes for one model, and
// its JSON form ("prunescope-report/1", documented in the README). The GUI reads the
// same JSON from the engine worker.
#include "prunescope/dependency.h"
#include "prunescope/model.h"

#include <nlohmann/json_fwd.hpp>

namespace prunescope {

struct AnalysisReport {
    ChannelDependencyResult channel;
    LayerSets input_channel;
    std::vector<GroupDependency> groups;
    std::vector<UnsafeLayer> unsafe;
    std::vector<PhaseTiming> timings; // the analyses' own phases
};

AnalysisReport analyze(const OpGraph& graph, PruneType type = PruneType::Filter);

inline constexpr const char* kReportFormat = "prunescope-report/1";

nlohmann::json reportJson(const Model& model, const AnalysisReport& report);
nlohmann::json graphJson(const OpGraph& graph);
nlohmann::json modulesJson(const OpGraph& graph);

} // namespace prunescope
