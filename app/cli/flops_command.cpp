// SPDX-License-Identifier: MIT
#include "commands.h"
#include "flops_table.h"
#include "mask_input.h"
#include "model_options.h"

#include "prunescope/atomic_file.h"
#include "prunescope/json_types.h"
#include "prunescope/report.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace prunescope::cli {

namespace {

struct FlopsOptions {
    ModelOptions model;
    std::string mode = "default";
    std::string masks;
    std::string json;
    std::string csv;
};

int runFlops(const FlopsOptions& options)
{
    const FlopsMode mode = parseFlopsMode(options.mode);
    const Model model = options.model.open();
    const MaskSet masks = options.masks.empty() ? MaskSet {} : loadMasksFor(options.masks, model.graph());
    const FlopsResult result = countFlops(model.graph(), mode, options.masks.empty() ? nullptr : &masks);
    if (!options.json.empty())
        writeFileAtomically(options.json, nlohmann::json(result).dump(1) + "\n");
    if (!options.csv.empty())
        writeFileAtomically(options.csv, flopsCsv(result));
    printFlopsTable(std::cout, result);
    warnUncounted(std::cerr, result);
    return kExitOk;
}

} // namespace

Command addFlopsCommand(CLI::App& parent)
{
    auto options = std::make_shared<FlopsOptions>();
    CLI::App* command = parent.add_subcommand("flops",
        "FLOPs and parameters per layer and in total: NNI's count_flops_params (modes default, full) or MACs of "
        "every product over all positions and tokens (mode extended); with --masks, NNI's masked figure and "
        "the effective one after speedup");
    options->model.addTo(*command);
    command->add_option("--mode", options->mode, "default (NNI), full (NNI), extended (ours)")
        ->check(CLI::IsMember({ "default", "full", "extended" }))
        ->capture_default_str();
    command->add_option("--masks", options->masks, "Pruning masks: NNI's torch.save'd .pth or Prunescope's JSON");
    command->add_option("--json", options->json, "Write the per-layer results as JSON");
    command->add_option("--csv", options->csv, "Write the per-layer results as CSV");
    return { command, [options] { return runFlops(*options); } };
}

} // namespace prunescope::cli
