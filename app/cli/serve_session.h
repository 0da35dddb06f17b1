#pragma once
// The engine worker's state and request handling (`prunescope-cli serve`). The GUI runs
// libtorch in this separate process so that a model that crashes it costs the worker,
// not the window. The class does no I/O of its own: responses go to a callback, so it
// can be tested without pipes.
//
// Protocol prunescope-serve/1
// ---------------------------
// One JSON object per line on stdin:  {"id": <int>, "method": <string>, "params": {...}}
// ("params" optional). Each request gets zero or more progress lines, then exactly one
// final line, all on stdout, all carrying the request's "id":
//   {"id": N, "event": "progress", "stage": "load|inline|shapes|graph|analyze|...", "fraction": 0..1}
//   {"id": N, "result": {...}}                                        final, success
//   {"id": N, "error": {"kind": "usage|bad_model|bad_input|cancelled|internal", "message": "..."}}
// A line that is not JSON, not an object, has no integer "id" or names an unknown method
// gets an error of kind "usage" ("id" null when the request has none) and the worker
// keeps reading; blank lines are ignored. Engine errors keep their kind; any other
// exception is "internal". Requests are handled one at a time, in order.
//
// Methods (params; result):
//   hello        -; {"protocol": "prunescope-serve/1", "version"}
//   open         {"path", "inputs"? (CLI --input syntax), "shape_mode"? auto|meta|real,
//                 "prune_type"? filter|batchnorm, "flops_mode"? default|full|extended};
//                the full report (format prunescope-report/1, see README) plus
//                "worker": {"pid"}. Progress: the engine's load stages (fractions scaled
//                to 0..0.9), then "analyze". Loaded into a temporary first: on failure
//                the model open before stays open. Success forgets masks and fixes, and
//                makes prune_type/flops_mode current (omitted: filter/default).
//   analyze      {"prune_type"?, "flops_mode"?}; the full report of the open model,
//                FLOPs with the current masks if any. Given values become the current
//                ones (later FLOPs use that mode); omitted ones keep the current ones.
//   flops        {"mode"?}; flopsJson of the open model, with the current masks if any.
//   masks.load   {"path"}; {"path", "layers", "conflicts", "flops"}. Forgets earlier fixes.
//   masks.fix    {"strategy"? union|intersection|majority|reference:<layer> (default
//                union), "set"? {"kind": channel|group, "index"}}: one set, or every
//                conflict as fix-masks does when "set" is omitted; applied at once.
//                {"fix_id", "fixes" (maskFixesJson), "layers" (changed ones),
//                "conflicts", "flops"}. Every masks.fix gets a new fix_id (1, 2, ...),
//                even one that changes nothing, and clears the redo stack.
//   masks.preview  as masks.fix, nothing applied: {"fixes", "layers"}.
//   masks.undo   {"fix_id"?}: undoes the most recently applied fix (fix_id, if given,
//                must name it); result as masks.fix, "layers" with their restored state.
//   masks.redo   {"fix_id"?}: re-applies the most recently undone fix (LIFO; fix_id, if
//                given, must name it); result as masks.fix.
//   masks.save   {"path", "format"? nni|json (default by extension), "overwrite_input"?
//                bool}: refuses the file the masks were loaded from unless
//                overwrite_input; atomic write. {"path"}.
//   masks.state  -; {"path" (null without masks), "layers" (all), "applied": [fix ids
//                oldest first], "undone": [fix ids, next redo last], "conflicts",
//                "flops"}, for the GUI to resynchronise.
//   shutdown     -; {} then the worker exits with code 0 (as on end of input).
// "layers" maps a layer name to {"shape", "kept": [kept output channels (dim 0)],
// "kept_inputs": [kept input channels (dim 1), only for weights with > 1 dims],
// "structured": whether dim 0 is whole channels}, or to null when the layer has no
// mask any more (an undone fix had created it). Every method but hello and shutdown
// needs an open model; masks.fix/preview/undo/redo/save need loaded masks (else usage).
//
// Test hooks, for the GUI's crash-isolation tests: when the environment variable
// PRUNESCOPE_WORKER_ABORT names the method being handled, the worker emits one progress
// line {"stage": "test-abort", "fraction": 0} and calls std::abort(); when
// PRUNESCOPE_WORKER_HANG names it, it emits the same line and sleeps until killed.
#include "prunescope/dependency.h"
#include "prunescope/flops.h"
#include "prunescope/mask_conflict.h"
#include "prunescope/model.h"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace prunescope::cli {

inline constexpr const char* kServeProtocol = "prunescope-serve/1";

class ServeSession {
public:
    using Emit = std::function<void(const nlohmann::json&)>;

    explicit ServeSession(Emit emit);

    // Parses one input line and handles it; false once "shutdown" was handled.
    bool handleLine(const std::string& line);
    // Handles one parsed request. Never throws: failures become error responses.
    bool handle(const nlohmann::json& request);

private:
    // The fixes one masks.fix request applied, undone and redone as a whole.
    struct AppliedFix {
        int id = 0;
        std::vector<MaskFix> fixes;
    };

    nlohmann::json dispatch(const nlohmann::json& id, const std::string& method, const nlohmann::json& params);
    nlohmann::json open(const nlohmann::json& id, const nlohmann::json& params);
    nlohmann::json analyzeModel(const nlohmann::json& id, const nlohmann::json& params);
    nlohmann::json flops(const nlohmann::json& params) const;
    nlohmann::json loadMasks(const nlohmann::json& params);
    nlohmann::json fixMasks(const nlohmann::json& params, bool apply);
    nlohmann::json stepHistory(const nlohmann::json& params, bool redo); // masks.undo / masks.redo
    nlohmann::json saveMasks(const nlohmann::json& params) const;
    nlohmann::json maskState() const;

    const Model& model() const; // throws Error(Usage) when none is open
    void requireMasks() const; // throws Error(Usage) when no masks are loaded
    // The fixes a masks.fix/preview request asks for, applied to `masks` as they are made.
    std::vector<MaskFix> computeFixes(const nlohmann::json& params, MaskSet& masks) const;
    nlohmann::json fixResult(int fixId, const std::vector<MaskFix>& fixes) const;
    const MaskSet* currentMasks() const { return m_masksLoaded ? &m_masks : nullptr; }
    void forgetMasks();
    void progress(const nlohmann::json& id, const std::string& stage, double fraction) const;
    void emitError(const nlohmann::json& id, const char* kind, const std::string& message) const;
    void testHooks(const nlohmann::json& id, const std::string& method) const;

    Emit m_emit;
    std::optional<Model> m_model;
    PruneType m_pruneType = PruneType::Filter;
    FlopsMode m_flopsMode = FlopsMode::Default;
    bool m_masksLoaded = false;
    MaskSet m_masks;
    std::string m_maskPath;
    std::vector<AppliedFix> m_applied; // oldest first
    std::vector<AppliedFix> m_undone; // most recently undone last
    int m_nextFixId = 1;
};

} // namespace prunescope::cli
