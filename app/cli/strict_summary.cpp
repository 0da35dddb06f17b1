// SPDX-License-Identifier: MIT
#include "strict_summary.h"

#include "summary.h"

#include <iomanip>
#include <map>

namespace prunescope::cli {

namespace {

std::string memberName(const GroupMember& m)
{
    return (m.module.empty() ? "" : m.module + ".") + m.name + (m.dim ? "[dim " + std::to_string(m.dim) + "]" : "");
}

void printGroup(std::ostream& out, const PruningGroup& g, size_t index)
{
    const auto layers = g.layers();
    out << "  Group " << std::left << std::setw(4) << index + 1 << join(layers) << " (" << g.channels << " channels)\n";
    std::map<std::string, std::vector<std::string>> byRole;
    for (const auto& m : g.members)
        if (m.role != MemberRole::OutChannels || m.name != "weight")
            byRole[memberRoleName(m.role)].push_back(memberName(m));
    for (const auto& [role, names] : byRole)
        out << "             " << role << ": " << join(names) << "\n";
    if (!g.tied_by.empty())
        out << "             tied by " << join(g.tied_by) << "\n";
    for (const auto& c : g.constraints)
        out << "             constraint: " << c.reason << "\n";
    if (g.blocked()) {
        out << "             not prunable: " << g.blocked_reason << "\n";
    } else if (!g.fixed_units.empty()) {
        std::map<std::string, std::vector<int64_t>> byReason;
        for (size_t k = 0; k < g.fixed_units.size(); ++k)
            byReason[g.fixed_reasons[k]].push_back(g.fixed_units[k]);
        for (const auto& [reason, units] : byReason)
            out << "             channels " << unitRanges(units) << " must stay: " << reason << "\n";
    }
    for (const auto& note : g.notes)
        out << "             note: " << note << "\n";
}

} // namespace

std::string unitRanges(const std::vector<int64_t>& sorted)
{
    std::string text;
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] == sorted[j] + 1)
            ++j;
        text += (text.empty() ? "" : ",") + std::to_string(sorted[i]);
        if (j > i)
            text += "-" + std::to_string(sorted[j]);
        i = j + 1;
    }
    return text.empty() ? "none" : text;
}

void printStrictGroups(std::ostream& out, const OpGraph& graph, const StrictGroups& groups,
    const std::vector<RulesDifference>& differences, bool all)
{
    size_t multi = 0, blocked = 0;
    for (const auto& g : groups.groups) {
        multi += g.layers().size() > 1;
        blocked += g.blocked();
    }
    out << "Model   " << graph.model_path << "\n";
    out << "Strict pruning groups: " << groups.groups.size() << " groups, " << multi << " tying several layers, "
        << blocked << " not prunable\n";
    size_t hidden = 0;
    for (size_t i = 0; i < groups.groups.size(); ++i) {
        const PruningGroup& g = groups.groups[i];
        const bool plain = g.layers().size() < 2 && g.constraints.empty() && g.fixed_units.empty();
        if (plain && !all) {
            ++hidden;
            continue;
        }
        printGroup(out, g, i);
    }
    if (hidden)
        out << "  (" << hidden << " single-layer groups without constraints not shown; --all lists them)\n";

    out << "\nOps that stop channels: ";
    if (groups.blocked_ops.empty())
        out << "none\n";
    else
        out << groups.blocked_ops.size() << "\n";
    for (const auto& op : groups.blocked_ops)
        out << "  " << op.node << ": " << op.reason << (op.layers.empty() ? "" : "; fixes " + join(op.layers)) << "\n";

    out << "\nNot safe to prune (strict): ";
    if (groups.not_safe_to_prune.empty())
        out << "none (no constant of the model's code fixes a layer's channel count)\n";
    else
        out << groups.not_safe_to_prune.size() << " layer(s)\n";
    for (const auto& f : groups.not_safe_to_prune)
        out << "  " << f.layer << ": " << f.reason << "\n";

    out << "\nDifferences from NNI v2.9's channel dependency sets: ";
    if (differences.empty())
        out << "none\n";
    else
        out << differences.size() << "\n";
    for (const auto& d : differences)
        out << "  " << d.reason << "\n";
}

} // namespace prunescope::cli
