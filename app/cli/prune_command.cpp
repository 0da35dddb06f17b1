// SPDX-License-Identifier: MIT
// `prune`: fix the masks under the strict pruning groups, build the plan, remove the
// channels from the TorchScript module, verify the result on real tensors, and print
// what pruning bought.
#include "commands.h"
#include "mask_input.h"
#include "model_options.h"
#include "prune_masks.h"
#include "prune_table.h"

#include "prunescope/atomic_file.h"
#include "prunescope/error.h"
#include "prunescope/mask_io.h"
#include "prunescope/prune_json.h"
#include "prunescope/pruner.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

namespace prunescope::cli {

namespace {

struct PruneCommandOptions {
    ModelOptions model;
    std::string masks;
    std::string plan;
    std::string output;
    std::string fixedMasks;
    std::string strategy = "union";
    std::string json;
    int latencyRuns = 5;
    double rtol = 1e-4;
};

void checkPaths(const PruneCommandOptions& o)
{
    if (o.masks.empty() == o.plan.empty())
        throw Error(ErrorKind::Usage, "give the mask file (MASKS) or a pruning plan (--plan), not both or neither");
    for (const std::string* input : { &o.model.model, &o.masks })
        for (const std::string* output : { &o.output, &o.fixedMasks, &o.json })
            if (!input->empty() && !output->empty() && sameFile(*input, *output))
                throw Error(ErrorKind::Usage, *output + " is an input file; write the results elsewhere");
}

int runPrune(const PruneCommandOptions& o)
{
    checkPaths(o);
    const Strategy strategy = Strategy::parse(o.strategy);
    // The engine times its own phases; opening the model and fixing the masks come first.
    std::vector<PhaseTiming> before;
    auto start = std::chrono::steady_clock::now();
    auto lap = [&](const char* phase) {
        const auto now = std::chrono::steady_clock::now();
        before.push_back({ phase, std::chrono::duration<double, std::milli>(now - start).count() });
        start = now;
    };
    const Model model = o.model.open();
    lap("open");
    PrunePlan plan;
    PlannedMasks planned;
    if (!o.plan.empty()) {
        plan = readPrunePlan(o.plan);
    } else {
        const MaskSet masks = loadMasksFor(o.masks, model.graph());
        refuseEmptiedLayers(masks, o.masks);
        planned = planFromMasks(model.graph(), masks, strategy, o.masks);
        plan = planned.plan;
    }
    lap("fix");
    PruneOptions options;
    options.latency_runs = o.latencyRuns;
    options.rtol = o.rtol;
    PruneResult result = prunePlanned(model, plan, o.output, options);
    result.timings.insert(result.timings.begin(), before.begin(), before.end());
    // Written after the model: a failed prune leaves no file at all.
    if (!o.fixedMasks.empty())
        writeMasks(o.fixedMasks, planned.fixed, maskFormatForPath(o.fixedMasks));
    if (!o.json.empty()) {
        PruneReport report { result, std::nullopt, std::nullopt };
        if (!o.masks.empty())
            report.masks = PruneMasksInfo { o.masks, strategy.toString(), "strict", planned.conflicts, planned.notices,
                o.fixedMasks };
        writeFileAtomically(o.json, nlohmann::json(report).dump(1) + "\n");
    }
    if (!o.masks.empty())
        std::cout << "Masks fixed under the strict pruning groups (strategy " << strategy.toString()
                  << "): " << planned.conflicts << " group(s) whose masks disagreed or broke a rule\n";
    // The fixer notes every channel it keeps; a thousand-class head would fill the screen.
    const size_t shown = std::min<size_t>(planned.notices.size(), 8);
    for (size_t i = 0; i < shown; ++i)
        std::cout << "Note: " << planned.notices[i] << "\n";
    if (planned.notices.size() > shown)
        std::cout << "Note: ... and " << planned.notices.size() - shown << " more"
                  << (o.json.empty() ? " (--json lists them all)" : " (in " + o.json + ")") << "\n";
    if (!o.fixedMasks.empty())
        std::cout << "Wrote the masks applied to " << o.fixedMasks << "\n";
    if (plan.empty())
        std::cout << "Note: once fixed, the masks remove no channel (with union, a layer without a mask keeps the "
                     "channels of its whole group): the model written is the original's size\n";
    printPruneResult(std::cout, result);
    return kExitOk;
}

} // namespace

Command addPruneCommand(CLI::App& parent)
{
    auto o = std::make_shared<PruneCommandOptions>();
    CLI::App* command = parent.add_subcommand("prune",
        "Remove the masked channels for real: fix the masks under the strict pruning groups, slice the layers, "
        "verify on real tensors that the smaller model computes what the masked one does, and write it");
    o->model.addTo(*command);
    command->add_option("MASKS", o->masks, "Mask file: NNI's torch.save'd dict (.pth) or Prunescope's JSON");
    command->add_option("-o,--output", o->output, "The pruned TorchScript file")->required();
    command->add_option("--fixed-masks", o->fixedMasks,
        "Write the masks actually applied (every layer a group forced included); .json for JSON, NNI's format "
        "otherwise");
    command
        ->add_option("--strategy", o->strategy,
            "How conflicting masks are reconciled: union, intersection, majority, reference:<layer>")
        ->capture_default_str();
    command->add_option("--json", o->json, "Write the verification and the before/after figures as JSON");
    command->add_option("--plan", o->plan, "Apply this pruning plan (JSON, see the README) instead of masks");
    command->add_option("--latency-runs", o->latencyRuns, "Timed forward runs per model and thread setting; 0 skips")
        ->check(CLI::Range(0, 10000))
        ->capture_default_str();
    command->add_option("--tolerance", o->rtol, "Relative tolerance of the verification")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    return { command, [o] { return runPrune(*o); } };
}

} // namespace prunescope::cli
