// SPDX-License-Identifier: MIT
#pragma once
// The engine worker's session (prunescope-cli serve) as the worker reports it: the open
// model, the analysis settings, the loaded masks and the history of their fixes. Every
// reply that changes it carries it whole, and the desktop app draws from it without a
// copy of its own; after a worker crash the app hands the last one to a fresh worker
// (session.restore), which rebuilds the same session. The protocol is in
// docs/protocol.md; the JSON form is in json_types.h.
#include "prunescope/dependency.h"
#include "prunescope/flops.h"
#include "prunescope/mask_conflict.h"
#include "prunescope/mask_state.h"
#include "prunescope/pruning_groups.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace prunescope {

inline constexpr const char* kServeProtocol = "prunescope-serve/2";

// Rule sets for the pruning analyses: "nni" (NNI v2.9's, the default) or "strict" (the
// strict pruning groups, pruning_groups.h).
bool knownRules(const std::string& rules);

struct SessionSettings {
    PruneType prune_type = PruneType::Filter;
    FlopsMode flops_mode = FlopsMode::Default;
    std::string rules = "nni";
    bool operator==(const SessionSettings& other) const;
};

struct OpenedModel {
    std::string path;
    std::string inputs; // as asked, in --input syntax; empty for the default
    std::string shape_mode = "auto"; // as asked: auto, meta or real
    std::string graph_id; // a fingerprint of the graph: equal ids, equal graphs
    bool operator==(const OpenedModel& other) const;
};

// One masks.fix request: what was asked (enough to redo it in a fresh worker).
struct FixRecord {
    int id = 0; // the worker's fix_id
    std::string strategy; // union, intersection, majority, reference:<layer>
    std::optional<ConflictSetRef> set; // one set, or every conflict
    size_t changes = 0; // layer masks it changed
    bool operator==(const FixRecord& other) const;
};

struct MaskSessionState {
    std::string path; // the file the masks were loaded from
    std::vector<FixRecord> applied; // oldest first
    std::vector<FixRecord> undone; // the next redo last
    std::vector<int> saved; // ids of the applied fixes when the masks were loaded or last saved
    std::string saved_path; // where they were last saved; empty before the first save
    size_t conflicts = 0; // sets in conflict now
    bool modified() const; // applied differs from saved: there is something to save
    bool operator==(const MaskSessionState& other) const;
};

struct SessionState {
    std::optional<OpenedModel> model;
    SessionSettings settings;
    std::optional<MaskSessionState> masks;
    bool operator==(const SessionState& other) const;
};

// What changed masks look like after a request: the layers whose masks changed (null:
// no mask any more), all of them when `all_layers`, and the conflicts now.
struct MaskUpdate {
    bool all_layers = false;
    std::map<std::string, std::optional<MaskLayerState>> layers;
    ConflictReport conflicts;
};

// The reply of every request that changes the session: the session, and of the results
// the app shows only those the request changed.
struct SessionUpdate {
    SessionState session;
    std::optional<ChannelDependencyResult> channel; // "channel_dependency"
    std::optional<FlopsResult> flops; // with the current masks, in the current mode
    std::optional<MaskUpdate> masks;
    // "pruning_groups": sent when the rules became strict (or the model changed under them).
    std::optional<StrictReport> strict;
};

} // namespace prunescope
