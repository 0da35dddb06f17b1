// SPDX-License-Identifier: MIT
// The report of a loaded Model. Here, not beside the JSON code: Model lives in the
// libtorch half of the engine, and prunescope_graph stays free of it.
#include "prunescope/report.h"
#include "prunescope/version.h"
#include "json/report_parts.h"

namespace prunescope {

ModelSummary summarize(const Model& model)
{
    const OpGraph& graph = model.graph();
    return { model.path(), graph.modules.empty() ? "" : graph.modules.front().type, graph.totalParamCount(),
        model.shapeMode(), model.metaFallbackReason(), model.warnings(), model.fallbackOps() };
}

nlohmann::json reportJson(const Model& model, const AnalysisReport& report)
{
    return reportJson(summarize(model), std::string("prunescope ") + kVersion, model.inputs(), model.graph(), report,
        model.timings());
}

} // namespace prunescope
