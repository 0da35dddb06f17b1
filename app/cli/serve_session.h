// SPDX-License-Identifier: MIT
#pragma once
// The engine worker's session and its request handling (`prunescope-cli serve`, protocol
// prunescope-serve/2, documented in docs/protocol.md). The desktop app runs libtorch in
// this separate process, so that a model that crashes it costs the worker, not the
// window; the worker owns the whole session (model, settings, masks, fix history) and
// every reply that changes it says what it is now. Analyses are cached per model and
// recomputed only when what they depend on changes.
//
// The class does no I/O of its own: lines go to an emitter, so it can be tested without
// pipes; serve_loop.h reads the requests and runs them one at a time.
#include "prunescope/flops.h"
#include "prunescope/graph_analyses.h"
#include "prunescope/mask_conflict.h"
#include "prunescope/model.h"
#include "prunescope/progress.h"
#include "prunescope/pruning_groups.h"
#include "prunescope/session_state.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace prunescope::cli {

class ServeSession {
public:
    using Emit = std::function<void(const nlohmann::json&)>;

    explicit ServeSession(Emit emit = {});
    ~ServeSession();
    void setEmitter(Emit emit) { m_emit = std::move(emit); }

    // Handles one parsed request; `cancelled` may become true while it runs (a "cancel"
    // for it). Never throws: failures become error lines. False once "shutdown" was handled.
    bool handle(const nlohmann::json& request, const std::atomic<bool>& cancelled);
    bool handle(const nlohmann::json& request); // never cancelled
    // A line that is no request at all, or a malformed "cancel": a usage error.
    void reject(const nlohmann::json& id, const std::string& message) const;
    // A request cancelled while it waited: its "cancelled" error.
    void cancelledBeforeStart(const nlohmann::json& id) const;

private:
    struct AppliedFix {
        FixRecord record;
        std::vector<MaskFix> fixes; // undone and redone as a whole
    };
    struct Call { // one request being handled
        nlohmann::json id;
        nlohmann::json params;
        Progress progress; // progress lines of this id; cancelled by a "cancel" for it
    };

    nlohmann::json dispatch(Call& call, const std::string& method);
    nlohmann::json open(Call& call);
    nlohmann::json restore(Call& call);
    nlohmann::json setSettings(Call& call);
    nlohmann::json loadMasks(Call& call);
    nlohmann::json fixMasks(Call& call, bool apply);
    nlohmann::json stepHistory(Call& call, bool redo); // masks.undo / masks.redo
    nlohmann::json saveMasks(Call& call);
    nlohmann::json exportChanges(Call& call) const;
    nlohmann::json exportReport(Call& call);
    nlohmann::json pruneModel(Call& call); // serve_prune.cpp
    nlohmann::json maskState();

    // Opening, shared by open and restore: loads into a temporary, so that a failure
    // leaves the session as it was.
    struct Opened;
    Opened loadModel(Call& call, const OpenedModel& request, const SessionSettings& settings, double share);
    void adopt(Opened opened);
    void loadMaskFile(const std::string& path);
    std::vector<MaskFix> computeFixes(
        const std::string& strategy, const std::optional<ConflictSetRef>& set, MaskSet& masks);
    AppliedFix applyFix(int id, const std::string& strategy, const std::optional<ConflictSetRef>& set);

    // Cached results; each is recomputed only after what it depends on changed.
    const FlopsResult& flops(); // current mode, current masks
    const ConflictReport& conflicts(); // current masks
    // The strict groups and their differences from NNI's (filter) sets: they depend on the
    // graph alone, so they are computed once per model.
    const StrictReport& strict(); // serve_strict.cpp
    ConflictReport strictConflicts(); // the current masks' under the strict groups
    bool strictRules() const { return m_settings.rules == "strict"; }
    SessionState state();
    SessionUpdate update(bool channel, bool flops, std::optional<std::vector<std::string>> changedLayers);
    void masksChanged();

    GraphAnalyses& analyses(); // throws Error(Usage) when no model is open
    void requireMasks() const;
    void forgetMasks();
    void progress(const nlohmann::json& id, const std::string& stage, double fraction) const;
    void emitError(const nlohmann::json& id, const char* kind, const std::string& message) const;
    void testHooks(Call& call, const std::string& method) const;

    Emit m_emit;
    std::optional<Model> m_model;
    std::unique_ptr<GraphAnalyses> m_analyses; // of m_model's graph
    OpenedModel m_opened;
    SessionSettings m_settings;
    bool m_masksLoaded = false;
    MaskSet m_masks;
    std::string m_maskPath;
    std::vector<AppliedFix> m_applied; // oldest first
    std::vector<AppliedFix> m_undone; // most recently undone last
    std::vector<int> m_saved; // applied ids at the last load or save
    std::string m_savedPath; // where the masks were last saved
    int m_nextFixId = 1;
    // Caches: FLOPs per mode without masks; with masks and conflicts for the masks as
    // they are now (cleared when they change).
    std::map<FlopsMode, FlopsResult> m_plainFlops;
    std::map<FlopsMode, FlopsResult> m_maskedFlops;
    std::optional<ConflictReport> m_conflicts;
    std::optional<StrictReport> m_strict; // of m_model, under either rules once asked for
};

} // namespace prunescope::cli
