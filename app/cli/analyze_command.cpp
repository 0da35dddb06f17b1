// SPDX-License-Identifier: MIT
#include "commands.h"
#include "mask_input.h"
#include "model_options.h"
#include "strict_summary.h"
#include "summary.h"

#include "prunescope/atomic_file.h"
#include "prunescope/pruning_groups.h"
#include "prunescope/report.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>
#include <memory>

namespace prunescope::cli {

namespace {

struct AnalyzeOptions {
    ModelOptions model;
    std::string pruneType = "filter";
    std::string flopsMode = "default";
    std::string rules = "nni";
    std::string masks;
    std::string csv;
    std::string json;
    bool timings = false;
    bool all = false;
};

int runAnalyze(const AnalyzeOptions& options)
{
    AnalysisOptions analysis;
    analysis.prune_type = parsePruneType(options.pruneType);
    analysis.flops_mode = parseFlopsMode(options.flopsMode);
    const LoadOptions loadOptions = options.model.loadOptions();
    const Model model = Model::load(options.model.model, loadOptions);
    const MaskSet masks = options.masks.empty() ? MaskSet {} : loadMasksFor(options.masks, model.graph());
    analysis.masks = options.masks.empty() ? nullptr : &masks;
    const AnalysisReport report = analyze(model.graph(), analysis);
    const bool strict = options.rules == "strict";
    StrictGroups groups;
    std::vector<RulesDifference> differences;
    double strictMs = 0;
    if (strict) {
        const auto start = std::chrono::steady_clock::now();
        groups = strictGroups(model.graph());
        strictMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        differences = rulesDifferences(model.graph(), groups, report.channel, report.unsafe);
    }
    // The NNI-format CSV stays NNI's whatever the rules.
    if (!options.csv.empty())
        writeFileAtomically(options.csv, dependencyCsv(report.channel));
    if (!options.json.empty()) {
        nlohmann::json j = reportJson(model, report);
        j["rules"] = options.rules;
        if (strict) {
            j["pruning_groups"] = groups;
            j["pruning_groups"]["differences"] = differences;
            j["timings"]["strict_groups"] = strictMs;
        }
        writeFileAtomically(options.json, j.dump(1) + "\n");
    }
    if (strict) {
        printStrictGroups(std::cout, model.graph(), groups, differences, options.all);
        if (options.timings)
            std::cout << "\nStrict groups took " << strictMs << " ms\n";
        return kExitOk;
    }
    SummaryOptions summary;
    summary.listSingletons = options.all;
    summary.timings = options.timings;
    printSummary(std::cout, model, report, summary);
    return kExitOk;
}

} // namespace

Command addAnalyzeCommand(CLI::App& parent)
{
    auto options = std::make_shared<AnalyzeOptions>();
    CLI::App* command = parent.add_subcommand("analyze",
        "Channel dependencies, group dependencies and layers not safe to prune (NNI v2.9's topology analysis)");
    options->model.addTo(*command);
    command
        ->add_option("--prune-type", options->pruneType,
            "Layers the channel dependency is about: filter "
            "(Conv2d, Linear, ConvTranspose2d) or batchnorm (BatchNorm2d)")
        ->check(CLI::IsMember({ "filter", "batchnorm" }, CLI::ignore_case))
        ->capture_default_str();
    command
        ->add_option(
            "--flops-mode", options->flopsMode, "FLOPs counting for the report: default, full (NNI) or extended")
        ->check(CLI::IsMember({ "default", "full", "extended" }))
        ->capture_default_str();
    command
        ->add_option("--rules", options->rules,
            "nni (NNI v2.9's dependency sets, the default) or strict (pruning groups that follow every channel "
            "index; beyond NNI)")
        ->check(CLI::IsMember({ "nni", "strict" }))
        ->capture_default_str();
    command->add_option("--masks", options->masks, "Pruning masks (NNI .pth or JSON): FLOPs with masks in the report");
    command->add_option("--csv", options->csv, "Write the channel dependency sets as NNI's CSV");
    command->add_option("--json", options->json, "Write the full report as JSON (format prunescope-report/1)");
    command->add_flag("--timings", options->timings, "Print the time each phase took");
    command->add_flag("--all", options->all, "List single-layer dependency sets too");
    return { command, [options] { return runAnalyze(*options); } };
}

} // namespace prunescope::cli
