// `masks` (the conflict report) and `fix-masks` (fix and write a file the pruner loads).
#include "commands.h"
#include "mask_input.h"
#include "model_options.h"

#include "prunescope/atomic_file.h"
#include "prunescope/error.h"
#include "prunescope/graph_analyses.h"
#include "prunescope/json_types.h"
#include "prunescope/mask_io.h"
#include "prunescope/report.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

namespace prunescope::cli {

namespace {

struct MaskOptions {
    ModelOptions model;
    std::string masks;
    std::string strategy = "union";
    std::string output;
    std::string json;
    bool overwriteInput = false;
};

std::string ranges(const std::vector<int64_t>& channels)
{
    std::string text;
    for (size_t i = 0; i < channels.size();) {
        size_t j = i;
        while (j + 1 < channels.size() && channels[j + 1] == channels[j] + 1)
            ++j;
        text += (text.empty() ? "" : ",") + std::to_string(channels[i]);
        if (j > i)
            text += "-" + std::to_string(channels[j]);
        i = j + 1;
    }
    return text.empty() ? "none" : text;
}

std::string keptText(const std::vector<bool>& kept)
{
    std::vector<int64_t> indices;
    for (size_t i = 0; i < kept.size(); ++i)
        if (kept[i])
            indices.push_back(static_cast<int64_t>(i));
    return std::to_string(indices.size()) + "/" + std::to_string(kept.size()) + " kept: " + ranges(indices);
}

void printReport(std::ostream& out, const ConflictReport& report)
{
    out << "Masks prune " << (report.prune_dim == 0 ? "filters (dim 0)" : "input channels (dim 1)") << ", prune type "
        << pruneTypeName(report.prune_type) << "; " << report.conflicts() << " conflict(s) in " << report.sets.size()
        << " set(s) with masks\n";
    for (const auto& set : report.sets) {
        const bool group = set.kind == ConflictSet::Kind::Group;
        out << "\n"
            << (set.conflict         ? "CONFLICT "
                       : set.skipped ? "SKIPPED  "
                                     : "ok       ")
            << (group ? "group conv " : "set " + std::to_string(set.index + 1) + ": ");
        for (size_t i = 0; i < set.layers.size(); ++i)
            out << (i ? ", " : "") << set.layers[i];
        out << "\n";
        if (!set.notice.empty())
            out << "         " << set.notice << "\n";
        if (group) {
            out << "         filters must split into " << set.max_groups << " groups; pruned per group:";
            for (int64_t n : set.pruned_per_group)
                out << " " << n;
            out << "\n";
            continue;
        }
        for (const auto& [layer, kept] : set.kept)
            out << "         " << std::left << std::setw(28) << layer << " " << keptText(kept) << "\n";
        if (set.kept.size() < set.layers.size())
            out << "         (layers without a mask keep every channel)\n";
        if (set.conflict)
            out << "         kept by some layers but not all: " << ranges(set.disputed) << "\n";
    }
}

void printFixes(std::ostream& out, const std::vector<MaskFix>& fixes)
{
    if (fixes.empty()) {
        out << "No mask changed.\n";
        return;
    }
    for (const auto& fix : fixes)
        for (const auto& c : fix.changes)
            out << std::left << std::setw(28) << c.layer << " " << (c.created ? "(new mask) " : "") << "re-enabled "
                << ranges(c.reenabled) << "; newly pruned " << ranges(c.newly_pruned) << "; sparsity " << std::fixed
                << std::setprecision(3) << c.sparsity_before << " -> " << c.sparsity_after << "\n";
}

int runMasks(const MaskOptions& options)
{
    const Model model = options.model.open();
    const MaskSet masks = loadMasksFor(options.masks, model.graph());
    const ConflictReport report = findConflicts(model.graph(), masks);
    if (!options.json.empty())
        writeFileAtomically(options.json, nlohmann::json(report).dump(1) + "\n");
    printReport(std::cout, report);
    return kExitOk;
}

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    return std::filesystem::exists(b, ec) && std::filesystem::equivalent(a, b, ec);
}

int runFixMasks(const MaskOptions& options)
{
    const Strategy strategy = Strategy::parse(options.strategy);
    if (sameFile(options.masks, options.output) && !options.overwriteInput)
        throw Error(ErrorKind::Usage,
            "-o " + options.output
                + " is the input mask file; write the fixed masks elsewhere, "
                  "or pass --overwrite-input to replace it");
    const Model model = options.model.open();
    MaskSet masks = loadMasksFor(options.masks, model.graph());
    GraphAnalyses analyses(model.graph());
    const ConflictReport before = findConflicts(analyses, masks);
    const std::vector<MaskFix> fixes = fixMaskConflicts(analyses, masks, strategy);
    writeMasks(options.output, masks, maskFormatForPath(options.output));
    if (!options.json.empty()) {
        nlohmann::json report { { "strategy", strategy.toString() }, { "input", options.masks },
            { "output", options.output }, { "before", nlohmann::json(before) }, { "fixes", nlohmann::json(fixes) },
            { "after", nlohmann::json(findConflicts(analyses, masks)) } };
        writeFileAtomically(options.json, report.dump(1) + "\n");
    }
    std::cout << "Strategy " << strategy.toString() << ": " << before.conflicts() << " conflict(s) found\n";
    printFixes(std::cout, fixes);
    std::cout << "Wrote " << options.output << "\n";
    return kExitOk;
}

void addCommon(CLI::App& command, MaskOptions& options)
{
    options.model.addTo(command);
    command.add_option("MASKS", options.masks, "Mask file: NNI's torch.save'd dict (.pth) or Prunescope's JSON")
        ->required();
}

} // namespace

Command addMasksCommand(CLI::App& parent)
{
    auto options = std::make_shared<MaskOptions>();
    CLI::App* command = parent.add_subcommand("masks",
        "Report mask conflicts: dependency sets whose masks keep different channels, grouped convs whose kept "
        "filters do not split into their groups");
    addCommon(*command, *options);
    command->add_option("--json", options->json, "Write the conflict report as JSON");
    return { command, [options] { return runMasks(*options); } };
}

Command addFixMasksCommand(CLI::App& parent)
{
    auto options = std::make_shared<MaskOptions>();
    CLI::App* command = parent.add_subcommand("fix-masks",
        "Fix mask conflicts (group rule, then the chosen strategy on dependency sets) and write the fixed masks");
    addCommon(*command, *options);
    command
        ->add_option("--strategy", options->strategy,
            "union (NNI: keep a channel if any layer keeps it), intersection, majority, reference:<layer>")
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "Fixed masks; .json for JSON, NNI's torch format otherwise")
        ->required();
    command->add_option("--json", options->json, "Write a report of every change as JSON");
    command->add_flag("--overwrite-input", options->overwriteInput, "Allow -o to be the input mask file");
    return { command, [options] { return runFixMasks(*options); } };
}

} // namespace prunescope::cli
