// SPDX-License-Identifier: MIT
#pragma once
// The report's JSON from its parts: for a ReportDocument (json), and for a Model and its
// analyses (model_report.cpp, which needs the libtorch side's Model).
#include "prunescope/report.h"

#include <nlohmann/json.hpp>

namespace prunescope {

nlohmann::json reportJson(const ModelSummary& model, const std::string& generator, const std::vector<InputSpec>& inputs,
    const OpGraph& graph, const AnalysisReport& report, const std::vector<PhaseTiming>& modelTimings);

} // namespace prunescope
