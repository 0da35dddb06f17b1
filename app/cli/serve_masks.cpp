// SPDX-License-Identifier: MIT
// The session's masks: loading, fixing, undo and redo, saving and the change report.
#include "serve_session.h"

#include "commands.h"
#include "mask_input.h"
#include "serve_params.h"

#include "prunescope/atomic_file.h"
#include "prunescope/json_types.h"
#include "prunescope/mask_io.h"
#include "prunescope/strict_masks.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace prunescope::cli {

using nlohmann::json;

namespace {

std::vector<std::string> changedLayers(const std::vector<MaskFix>& fixes)
{
    std::vector<std::string> names;
    for (const auto& fix : fixes)
        for (const auto& change : fix.changes)
            if (std::find(names.begin(), names.end(), change.layer) == names.end())
                names.push_back(change.layer);
    return names;
}

size_t changeCount(const std::vector<MaskFix>& fixes)
{
    size_t n = 0;
    for (const auto& fix : fixes)
        n += fix.changes.size();
    return n;
}

std::optional<ConflictSetRef> setParam(const json& params)
{
    const auto set = params.find("set");
    if (set == params.end() || set->is_null())
        return std::nullopt;
    return set->get<ConflictSetRef>();
}

std::string csvList(const std::vector<int64_t>& values)
{
    std::string text;
    for (int64_t v : values)
        text += (text.empty() ? "" : " ") + std::to_string(v);
    return "\"" + text + "\"";
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

} // namespace

void ServeSession::requireMasks() const
{
    if (!m_model)
        throw usage("no model is open: send \"open\" first");
    if (!m_masksLoaded)
        throw usage("no masks are loaded: send \"masks.load\" first");
}

void ServeSession::forgetMasks()
{
    m_masks.clear();
    m_maskPath.clear();
    m_masksLoaded = false;
    m_applied.clear();
    m_undone.clear();
    m_saved.clear();
    m_savedPath.clear();
    masksChanged();
}

void ServeSession::loadMaskFile(const std::string& path)
{
    MaskSet masks = loadMasksFor(path, analyses().graph());
    forgetMasks();
    m_masks = std::move(masks);
    m_maskPath = path;
    m_masksLoaded = true;
}

json ServeSession::loadMasks(Call& call)
{
    const std::string path = requiredString(call.params, "path");
    analyses();
    loadMaskFile(path);
    call.progress.throwIfCancelled();
    return json(update(false, true, std::vector<std::string> {}));
}

std::vector<MaskFix> ServeSession::computeFixes(
    const std::string& strategyText, const std::optional<ConflictSetRef>& set, MaskSet& masks)
{
    const Strategy strategy = Strategy::parse(strategyText);
    if (strictRules()) {
        // As fix-masks --rules strict: every group, or the one whose id is the set's index.
        if (conflicts().prune_dim != 0)
            throw usage(m_maskPath + " prunes input channels (dim 1); the strict rules fix filter masks (dim 0) only");
        StrictGroups groups = strict().groups;
        if (set) {
            const auto keep = std::find_if(
                groups.groups.begin(), groups.groups.end(), [&](const PruningGroup& g) { return g.id == set->index; });
            if (keep == groups.groups.end())
                throw usage("no strict pruning group has id " + std::to_string(set->index));
            PruningGroup only = *keep;
            groups.groups = { std::move(only) };
        }
        return fixMasksStrict(analyses().graph(), groups, masks, strategy).fixes;
    }
    if (!set)
        return fixMaskConflicts(analyses(), masks, strategy);
    // The sets of the masks as they are now: the cached report, when these are they.
    const ConflictReport report
        = &masks == &m_masks || masks == m_masks ? conflicts() : findConflicts(analyses(), masks);
    for (const auto& s : report.sets) {
        if (s.kind != set->kind || s.index != set->index)
            continue;
        MaskFix fix = fixConflictSet(analyses(), masks, s, strategy);
        fix.apply(masks);
        std::vector<MaskFix> fixes;
        if (!fix.empty())
            fixes.push_back(std::move(fix));
        return fixes;
    }
    throw usage(std::string("no ") + conflictKindName(set->kind) + " set with index " + std::to_string(set->index)
        + " has masks (see \"conflicts\" of masks.state for the sets)");
}

ServeSession::AppliedFix ServeSession::applyFix(
    int id, const std::string& strategy, const std::optional<ConflictSetRef>& set)
{
    // Fixed on a copy: a strategy that fails half-way (a reference layer missing from a
    // later set) leaves the current masks untouched.
    MaskSet fixed = m_masks;
    std::vector<MaskFix> fixes = computeFixes(strategy, set, fixed);
    m_masks = std::move(fixed);
    masksChanged();
    AppliedFix applied;
    applied.record = { id, strategy, set, changeCount(fixes) };
    applied.fixes = std::move(fixes);
    return applied;
}

json ServeSession::fixMasks(Call& call, bool apply)
{
    requireMasks();
    const std::string strategy = param<std::string>(call.params, "strategy").value_or("union");
    const std::optional<ConflictSetRef> set = setParam(call.params);
    if (!apply) {
        MaskSet fixed = m_masks;
        const std::vector<MaskFix> fixes = computeFixes(strategy, set, fixed);
        json layers = json::object();
        for (const auto& name : changedLayers(fixes))
            layers[name] = MaskLayerState::of(fixed.at(name));
        return { { "fixes", fixes }, { "layers", std::move(layers) } };
    }
    AppliedFix fix = applyFix(m_nextFixId++, strategy, set);
    const std::vector<std::string> changed = changedLayers(fix.fixes);
    json result = update(false, true, changed);
    result["fix_id"] = fix.record.id;
    result["fixes"] = fix.fixes;
    m_applied.push_back(std::move(fix));
    m_undone.clear(); // a new branch of history: what was undone cannot be redone on it
    result["session"] = state();
    return result;
}

json ServeSession::stepHistory(Call& call, bool redo)
{
    requireMasks();
    // Undo takes the most recently applied fix, redo the most recently undone one: LIFO
    // keeps each fix's "before" masks exactly what they were when it was made.
    auto& from = redo ? m_undone : m_applied;
    auto& to = redo ? m_applied : m_undone;
    const std::string what = redo ? "undone" : "applied";
    if (from.empty())
        throw usage("no " + what + " fix to " + (redo ? "redo" : "undo"));
    const int last = from.back().record.id;
    if (const auto id = param<int64_t>(call.params, "fix_id"); id && *id != last)
        throw usage("fix " + std::to_string(*id) + " is not the most recently " + what + " fix (" + std::to_string(last)
            + " is)");
    to.push_back(std::move(from.back()));
    from.pop_back();
    const auto& fixes = to.back().fixes;
    if (redo)
        for (const auto& fix : fixes)
            fix.apply(m_masks);
    else
        for (auto it = fixes.rbegin(); it != fixes.rend(); ++it)
            it->undo(m_masks);
    masksChanged();
    json result = update(false, true, changedLayers(fixes));
    result["fix_id"] = last;
    result["fixes"] = fixes;
    return result;
}

json ServeSession::saveMasks(Call& call)
{
    requireMasks();
    const std::string path = requiredString(call.params, "path");
    const auto format = param<std::string>(call.params, "format");
    if (sameFile(m_maskPath, path) && !param<bool>(call.params, "overwrite_input").value_or(false))
        throw usage(path
            + " is the file the masks were loaded from; save elsewhere, or pass \"overwrite_input\": "
              "true to replace it");
    writeMasks(path, m_masks,
        format ? choice<MaskFormat>(*format, "format", { { "nni", MaskFormat::Nni }, { "json", MaskFormat::Json } })
               : maskFormatForPath(path));
    m_saved.clear();
    for (const auto& f : m_applied)
        m_saved.push_back(f.record.id);
    m_savedPath = path;
    return { { "path", path }, { "session", state() } };
}

json ServeSession::exportChanges(Call& call) const
{
    requireMasks();
    const std::string path = requiredString(call.params, "path");
    const std::string format
        = param<std::string>(call.params, "format")
              .value_or(path.size() >= 4 && path.substr(path.size() - 4) == ".csv" ? "csv" : "json");
    std::string text;
    if (choice<bool>(format, "format", { { "csv", true }, { "json", false } })) {
        text = "fix,kind,set,strategy,layer,created,reenabled,newly_pruned,sparsity_before,sparsity_after\n";
        for (size_t f = 0; f < m_applied.size(); ++f)
            for (const auto& fix : m_applied[f].fixes)
                for (const auto& c : fix.changes)
                    text += std::to_string(f + 1) + "," + conflictKindName(fix.kind) + ","
                        + std::to_string(fix.set_index + 1) + "," + fix.strategy + "," + c.layer + ","
                        + (c.created ? "1" : "0") + "," + csvList(c.reenabled) + "," + csvList(c.newly_pruned) + ","
                        + number(c.sparsity_before) + "," + number(c.sparsity_after) + "\n";
    } else {
        json fixes = json::array();
        for (const auto& f : m_applied)
            fixes.push_back(f.fixes);
        text = json { { "masks", m_maskPath }, { "fixes", std::move(fixes) } }.dump(1) + "\n";
    }
    writeFileAtomically(path, text);
    return { { "path", path } };
}

json ServeSession::maskState()
{
    analyses();
    return json(update(false, true,
        m_masksLoaded ? std::optional<std::vector<std::string>>(std::vector<std::string> {}) : std::nullopt));
}

} // namespace prunescope::cli
