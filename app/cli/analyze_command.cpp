#include "commands.h"
#include "model_options.h"
#include "summary.h"

#include "prunescope/atomic_file.h"
#include "prunescope/report.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace prunescope::cli {

namespace {

struct AnalyzeOptions {
    ModelOptions model;
    std::string pruneType = "filter";
    std::string csv;
    std::string json;
    bool timings = false;
    bool all = false;
};

int runAnalyze(const AnalyzeOptions& options)
{
    const PruneType pruneType = parsePruneType(options.pruneType);
    const LoadOptions loadOptions = options.model.loadOptions();
    const Model model = Model::load(options.model.model, loadOptions);
    const AnalysisReport report = analyze(model.graph(), pruneType);
    if (!options.csv.empty())
        writeFileAtomically(options.csv, dependencyCsv(report.channel));
    if (!options.json.empty())
        writeFileAtomically(options.json, reportJson(model, report).dump(1) + "\n");
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
    command->add_option("--prune-type", options->pruneType, "Layers the channel dependency is about: filter "
                                                            "(Conv2d, Linear, ConvTranspose2d) or batchnorm (BatchNorm2d)")
        ->check(CLI::IsMember({ "filter", "batchnorm" }, CLI::ignore_case))
        ->capture_default_str();
    command->add_option("--csv", options->csv, "Write the channel dependency sets as NNI's CSV");
    command->add_option("--json", options->json, "Write the full report as JSON (format prunescope-report/1)");
    command->add_flag("--timings", options->timings, "Print the time each phase took");
    command->add_flag("--all", options->all, "List single-layer dependency sets too");
    return { command, [options] { return runAnalyze(*options); } };
}

} // namespace prunescope::cli
