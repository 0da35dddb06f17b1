// SPDX-License-Identifier: MIT
#pragma once
// The JSON form of the pruning plan and of a pruning's result (the `prune` command's
// --json report, "prunescope-prune/1", documented in the README). nlohmann finds these
// by argument-dependent lookup; from_json throws nlohmann::json::exception when a field is
// missing or of the wrong type.
#include "prunescope/prune_plan.h"
#include "prunescope/prune_report.h"
#include "prunescope/pruner.h"
#include "prunescope/strict_masks.h" // to_json of the plan and its parts

#include <nlohmann/json_fwd.hpp>

namespace prunescope {

inline constexpr const char* kPruneReportFormat = "prunescope-prune/1";

// Reading a plan back (to_json is strict_masks.h's): {"slices", "edits", "silenced"}.
void from_json(const nlohmann::json& j, TensorSlice& slice);
void from_json(const nlohmann::json& j, ConstantEdit& edit);
void from_json(const nlohmann::json& j, SilencedValue& value);
void from_json(const nlohmann::json& j, PrunePlan& plan);

void to_json(nlohmann::json& j, const OutputError& error);
void from_json(const nlohmann::json& j, OutputError& error);
void to_json(nlohmann::json& j, const Verification& verification);
void from_json(const nlohmann::json& j, Verification& verification);
// Latencies are written only when measured (they read back as -1 when absent).
void to_json(nlohmann::json& j, const ModelFigures& figures);
void from_json(const nlohmann::json& j, ModelFigures& figures);
// {"format", "model", "output", "verification", "before", "after", "timings": {phase: ms}, "notes"}
void to_json(nlohmann::json& j, const PruneResult& result);
void from_json(const nlohmann::json& j, PruneResult& result);
// {"input", "strategy", "rules", "conflicts", "notices", "fixed"?}
void to_json(nlohmann::json& j, const PruneMasksInfo& masks);
void from_json(const nlohmann::json& j, PruneMasksInfo& masks);
void to_json(nlohmann::json& j, const PruneFlops& flops); // {"before", "after"}: FLOPs results
void from_json(const nlohmann::json& j, PruneFlops& flops);
// The result's fields, then "masks" and "flops" when present.
void to_json(nlohmann::json& j, const PruneReport& report);
void from_json(const nlohmann::json& j, PruneReport& report);

// Reads a plan file written by to_json; throws Error(BadInput) naming the file.
PrunePlan readPrunePlan(const std::string& path);

} // namespace prunescope
