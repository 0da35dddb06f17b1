// SPDX-License-Identifier: MIT
#pragma once
// The JSON form of the engine's plain structs: the one place where their field names
// are written. The CLI's reports, the worker protocol and the desktop app (which decodes
// the worker's replies into these same structs) all go through it. nlohmann finds the
// functions by argument-dependent lookup:
//     nlohmann::json j = flops;                    // to_json
//     auto back = j.get<prunescope::FlopsResult>(); // from_json
// from_json throws nlohmann::json::exception when a field is missing or of the wrong
// type; fields the README marks optional may be absent. Reading back what to_json wrote
// gives the same struct, except for what the JSON form leaves out on purpose (said at
// each type below).
#include "prunescope/dependency.h"
#include "prunescope/flops.h"
#include "prunescope/input_spec.h"
#include "prunescope/mask_conflict.h"
#include "prunescope/mask_state.h"
#include "prunescope/model.h"
#include "prunescope/op_graph.h"
#include "prunescope/session_state.h"

#include <nlohmann/json_fwd.hpp>

namespace prunescope {

// Names of the enums as the JSON writes them.
const char* nodeKindName(NodeKind kind); // "module", "function"
const char* conflictKindName(ConflictSet::Kind kind); // "channel", "group"
ConflictSet::Kind parseConflictKind(const std::string& text); // throws Error(Usage)

void to_json(nlohmann::json& j, const InputSpec& spec);
void from_json(const nlohmann::json& j, InputSpec& spec);
void to_json(nlohmann::json& j, const PhaseTiming& timing); // {"phase", "ms"}
void from_json(const nlohmann::json& j, PhaseTiming& timing);

// The graph: the report's "graph" object and its parts. Its "edges" are derived from the
// values (one per producer/consumer pair) and are not read back; the modules and the
// model's path sit beside the graph in a report (see report.h). A node's "ops" and a
// module's "parameters" may be absent (the worker's "view" reports leave them out).
void to_json(nlohmann::json& j, const OpArgument& arg);
void from_json(const nlohmann::json& j, OpArgument& arg);
void to_json(nlohmann::json& j, const OpCall& op);
void from_json(const nlohmann::json& j, OpCall& op);
void to_json(nlohmann::json& j, const OpNode& node);
void from_json(const nlohmann::json& j, OpNode& node);
void to_json(nlohmann::json& j, const GraphValue& value);
void from_json(const nlohmann::json& j, GraphValue& value);
void to_json(nlohmann::json& j, const ModuleParam& param);
void from_json(const nlohmann::json& j, ModuleParam& param);
void to_json(nlohmann::json& j, const ModuleInfo& module);
void from_json(const nlohmann::json& j, ModuleInfo& module);
void to_json(nlohmann::json& j, const OpGraph& graph); // {"nodes", "edges", "values", "inputs", "outputs"}
void from_json(const nlohmann::json& j, OpGraph& graph); // leaves modules and model_path alone

// The analyses.
void to_json(nlohmann::json& j, const ChannelDependencyResult& result); // {"prune_type", "sets", "tied_by"}
void from_json(const nlohmann::json& j, ChannelDependencyResult& result);
void to_json(nlohmann::json& j, const UnsafeLayer& layer);
void from_json(const nlohmann::json& j, UnsafeLayer& layer);
// The report's "group_dependency" object {layer: {"max_groups", "min_groups", "index"}}:
// "index" keeps NNI's dict order, which a JSON object does not.
nlohmann::json groupDependencyJson(const std::vector<GroupDependency>& groups);
std::vector<GroupDependency> groupDependencyFromJson(const nlohmann::json& j);

// FLOPs. Without masks the masked and effective figures equal the plain ones and are
// not written; a layer's "executions" is written when above 1.
void to_json(nlohmann::json& j, const UncountedType& type);
void from_json(const nlohmann::json& j, UncountedType& type);
void to_json(nlohmann::json& j, const FlopsResult& flops);
void from_json(const nlohmann::json& j, FlopsResult& flops);

// Masks: conflicts, fixes and the state of one layer's mask.
void to_json(nlohmann::json& j, const ConflictSet& set);
void from_json(const nlohmann::json& j, ConflictSet& set);
void to_json(nlohmann::json& j, const ConflictReport& report); // with the derived "conflicts" count
void from_json(const nlohmann::json& j, ConflictReport& report);
void to_json(nlohmann::json& j, const ConflictSetRef& ref); // {"kind", "index"}
void from_json(const nlohmann::json& j, ConflictSetRef& ref);
// A change is described, not carried: its masks (before, after) are not in the JSON, so
// a change read back has `created` and the channel lists but empty masks. Applying
// fixes is the engine's (the worker's) business.
void to_json(nlohmann::json& j, const MaskChange& change);
void from_json(const nlohmann::json& j, MaskChange& change);
void to_json(nlohmann::json& j, const MaskFix& fix);
void from_json(const nlohmann::json& j, MaskFix& fix);
void to_json(nlohmann::json& j, const MaskLayerState& state); // {"shape", "kept", "kept_inputs"?, "structured"}
void from_json(const nlohmann::json& j, MaskLayerState& state);

// The worker's session (session_state.h); settings use the request words ("filter",
// "batchnorm"), as a request's parameters do.
void to_json(nlohmann::json& j, const SessionSettings& settings);
void from_json(const nlohmann::json& j, SessionSettings& settings);
void to_json(nlohmann::json& j, const OpenedModel& model);
void from_json(const nlohmann::json& j, OpenedModel& model);
void to_json(nlohmann::json& j, const FixRecord& record);
void from_json(const nlohmann::json& j, FixRecord& record);
void to_json(nlohmann::json& j, const MaskSessionState& masks); // with the derived "modified"
void from_json(const nlohmann::json& j, MaskSessionState& masks);
void to_json(nlohmann::json& j, const SessionState& session);
void from_json(const nlohmann::json& j, SessionState& session);
void to_json(nlohmann::json& j, const MaskUpdate& update);
void from_json(const nlohmann::json& j, MaskUpdate& update);
// Written into the reply object `j` beside the request's own fields.
void to_json(nlohmann::json& j, const SessionUpdate& update);
void from_json(const nlohmann::json& j, SessionUpdate& update);

} // namespace prunescope
