// SPDX-License-Identifier: MIT
// model.prune: the session's masks, fixed under the strict pruning groups, applied to
// the open model for real; what `prunescope-cli prune` does, plus the per-layer FLOPs of
// both models for the app's before/after view.
#include "serve_session.h"

#include "prune_masks.h"
#include "serve_params.h"

#include "prunescope/error.h"
#include "prunescope/prune_json.h"
#include "prunescope/pruner.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace prunescope::cli {

using nlohmann::json;

namespace {

// The fix takes this share of the request's progress, the pruner the rest.
constexpr double kFixShare = 0.05;

bool isFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    return !b.empty() && std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec)
        && std::filesystem::equivalent(a, b, ec);
}

} // namespace

json ServeSession::pruneModel(Call& call)
{
    requireMasks();
    const std::string path = requiredString(call.params, "path");
    const Strategy strategy = Strategy::parse(param<std::string>(call.params, "strategy").value_or("union"));
    PruneOptions options;
    if (const auto runs = param<int64_t>(call.params, "latency_runs")) {
        if (*runs < 0 || *runs > 10000)
            throw usage("parameter \"latency_runs\" must be 0..10000");
        options.latency_runs = static_cast<int>(*runs);
    }
    if (const auto it = call.params.find("tolerance"); it != call.params.end() && !it->is_null()) {
        if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 1)
            throw usage("parameter \"tolerance\" must be a number in 0..1");
        options.rtol = it->get<double>();
    }
    for (const std::string* input : { &m_opened.path, &m_maskPath })
        if (isFile(path, *input))
            throw usage(path + " is an input file (the model or its masks); write the pruned model elsewhere");

    call.progress.step("fix", 0.0);
    const OpGraph& graph = analyses().graph();
    refuseEmptiedLayers(m_masks, m_maskPath);
    const PlannedMasks planned = planFromMasks(graph, m_masks, strategy, m_maskPath);
    call.progress.throwIfCancelled();

    Progress pruning;
    pruning.cancelled = call.progress.cancelled;
    pruning.report = [&](const std::string& stage, double fraction) {
        call.progress.step(stage, kFixShare + fraction * (1.0 - kFixShare));
    };
    PruneReport report;
    // A cancel that arrives once the verified file is written is too late, and is not
    // undone: the write replaced whatever was at `path`, so removing the file would lose
    // both. The answer says it was written, and the app tells the user so.
    report.result = prunePlanned(*m_model, planned.plan, path, options, pruning);
    if (std::getenv("PRUNESCOPE_WORKER_CANCEL_AFTER_WRITE")) {
        // Test hook: the answer waits (up to a minute) for a cancel, so that a test can
        // show that a cancel after the write is not undone.
        const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        while (!(call.progress.cancelled && call.progress.cancelled()) && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    report.masks = PruneMasksInfo { m_maskPath, strategy.toString(), "strict", planned.conflicts, planned.notices, {} };
    // Both tables without masks, in the session's mode: the original as it is and the
    // pruned file as it is, so that a layer's change is what pruning bought there.
    PruneFlops flops;
    flops.before = m_plainFlops.count(m_settings.flops_mode) ? m_plainFlops.at(m_settings.flops_mode)
                                                             : countFlops(graph, m_settings.flops_mode);
    flops.after = countFlops(*report.result.pruned_graph, m_settings.flops_mode);
    report.flops = std::move(flops);
    json result = report;
    result["path"] = path;
    return result;
}

} // namespace prunescope::cli
