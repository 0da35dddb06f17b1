// SPDX-License-Identifier: MIT
#pragma once
// Physically pruning a model: apply a PrunePlan to its TorchScript module (smaller
// parameters and buffers under the same names, the constants that encode channel counts
// changed with them), prove on real tensors that the smaller model computes what the
// original computes with the removed channels silenced, measure what pruning bought, and
// only then write the file. libtorch stays behind this header.
#include "prunescope/model.h"
#include "prunescope/progress.h"
#include "prunescope/prune_plan.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace prunescope {

struct PruneOptions {
    // Two tensors agree when max |pruned - expected| <= rtol * max |expected| + atol.
    double rtol = 1e-4;
    double atol = 0.0; // outputs near zero must still agree relative to their own scale
    // Forward runs timed per model and thread setting (median reported); 0 skips latency.
    int latency_runs = 5;
};

// One tensor output of forward (tuples, lists and dicts flattened in order).
struct OutputError {
    int index = 0;
    Shape shape;
    double max_abs = 0.0; // max |pruned - original with removed channels silenced|
    double max_rel = 0.0; // max_abs / max |original|
};

struct Verification {
    bool passed = false;
    double max_abs = 0.0; // over all outputs
    double max_rel = 0.0;
    double rtol = 0.0;
    std::vector<OutputError> outputs;
    int values_compared = 0; // OpGraph tensors whose shapes (or values) were compared
};

// What one model costs, measured on the model itself.
struct ModelFigures {
    int64_t params = 0; // every parameter
    int64_t macs = 0; // extended mode, per sample
    uint64_t file_bytes = 0;
    double latency_ms_one_thread = -1.0; // median; -1 when not measured
    double latency_ms_all_threads = -1.0;
    int threads = 1; // what "all threads" is here
};

struct PruneResult {
    std::string model_path;
    std::string output_path;
    Verification verification;
    ModelFigures before;
    ModelFigures after;
    // "load", "probe", "silenced_run", "slice", "save", "verify", "measure", "write" (ms)
    std::vector<PhaseTiming> timings;
    std::vector<std::string> notes; // what the pruner did that the plan did not say (types copied, ...)
    // The pruned model's graph as the verification probed it (not in the JSON): per-layer
    // FLOPs of the pruned file without reading it again.
    std::shared_ptr<const OpGraph> pruned_graph;
};

// Prunes `original` (its file is read again: the Model keeps no libtorch state) by `plan`
// and writes `outputPath` atomically once the pruned model has passed verification.
// Throws Error(BadInput) naming the model file, the op or layer and what to do when the
// plan does not fit the model, the pruned forward fails or its outputs differ (nothing is
// written then), Error(Cancelled) when `progress` asks, Error(Usage) when the output
// cannot be written.
PruneResult prunePlanned(const Model& original, const PrunePlan& plan, const std::string& outputPath,
    const PruneOptions& options = {}, const Progress& progress = {});

} // namespace prunescope
