// SPDX-License-Identifier: MIT
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
#include "prunescope/strict_masks.h"

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
    std::string rules = "nni";
    std::string plan;
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

// "layer4.1.bn1 (per_channel), layer4.1.conv2 (in_channels)": one entry per module and role.
std::string forcedText(const std::vector<ForcedMember>& forced, size_t from, size_t to)
{
    std::string text;
    std::string last;
    for (size_t i = from; i < to; ++i) {
        const ForcedMember& f = forced[i];
        const auto dot = f.parameter.rfind('.');
        const std::string module = dot == std::string::npos ? f.parameter : f.parameter.substr(0, dot);
        const std::string entry = module + " (" + memberRoleName(f.role) + ")";
        if (entry == last)
            continue;
        text += (text.empty() ? "" : ", ") + entry;
        last = entry;
    }
    return text;
}

int runStrictFix(const MaskOptions& options, const Strategy& strategy, const Model& model, MaskSet& masks)
{
    const OpGraph& graph = model.graph();
    if (findConflicts(graph, masks).prune_dim != 0)
        throw Error(ErrorKind::BadInput,
            options.masks + " prunes input channels (dim 1); the strict rules fix filter masks (dim 0) only");
    const StrictGroups groups = strictGroups(graph);
    const StrictFix fix = fixMasksStrict(graph, groups, masks, strategy);
    PrunePlan plan;
    if (!options.plan.empty())
        plan = prunePlan(graph, groups, masks); // before writing anything: bad masks leave no file
    writeMasks(options.output, masks, maskFormatForPath(options.output));
    if (!options.plan.empty())
        writeFileAtomically(options.plan, nlohmann::json(plan).dump(1) + "\n");
    if (!options.json.empty()) {
        nlohmann::json report { { "rules", "strict" }, { "strategy", strategy.toString() }, { "input", options.masks },
            { "output", options.output }, { "conflicts", fix.conflicts }, { "fixes", nlohmann::json(fix.fixes) },
            { "forced", fix.forced }, { "notices", fix.notices } };
        writeFileAtomically(options.json, report.dump(1) + "\n");
    }
    std::cout << "Rules strict, strategy " << strategy.toString() << ": " << fix.conflicts
              << " group(s) whose masks disagree or break a rule\n";
    printFixes(std::cout, fix.fixes);
    for (size_t i = 0; i < fix.forced.size();) {
        size_t j = i;
        while (j < fix.forced.size() && fix.forced[j].group == fix.forced[i].group)
            ++j;
        std::cout << "Forced by the group of " << fix.forced[i].root << ": " << forcedText(fix.forced, i, j) << "\n";
        i = j;
    }
    for (const auto& notice : fix.notices)
        std::cout << "Note: " << notice << "\n";
    std::cout << "Wrote " << options.output << "\n";
    if (!options.plan.empty())
        std::cout << "Wrote the pruning plan " << options.plan << "\n";
    return kExitOk;
}

int runFixMasks(const MaskOptions& options)
{
    const Strategy strategy = Strategy::parse(options.strategy);
    if (sameFile(options.masks, options.output) && !options.overwriteInput)
        throw Error(ErrorKind::Usage,
            "-o " + options.output
                + " is the input mask file; write the fixed masks elsewhere, "
                  "or pass --overwrite-input to replace it");
    if (!options.plan.empty() && options.rules != "strict")
        throw Error(ErrorKind::Usage, "--plan needs --rules strict: the pruning plan follows the strict groups");
    const Model model = options.model.open();
    MaskSet masks = loadMasksFor(options.masks, model.graph());
    if (options.rules == "strict")
        return runStrictFix(options, strategy, model, masks);
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
    command
        ->add_option("--rules", options->rules,
            "nni (NNI v2.9's dependency sets, the default) or strict (the strict pruning groups; every layer a group "
            "forces gets a mask)")
        ->check(CLI::IsMember({ "nni", "strict" }))
        ->capture_default_str();
    command->add_option("--plan", options->plan,
        "With --rules strict: write the pruning plan (slices, constant edits, silenced values) of the fixed masks as "
        "JSON");
    return { command, [options] { return runFixMasks(*options); } };
}

} // namespace prunescope::cli
