#pragma once
// Opening a TorchScript file and turning its forward pass into an OpGraph.
// libtorch stays behind the pimpl: including this header costs nothing.
#include "prunescope/input_spec.h"
#include "prunescope/op_graph.h"
#include "prunescope/progress.h"

#include <memory>
#include <string>
#include <vector>

namespace prunescope {

// How tensor shapes are recorded. Meta tensors carry shapes without data, so the
// forward costs the same whatever the input size; models whose control flow reads
// tensor values, or that use an op without a meta kernel, need real tensors.
enum class ShapeMode {
    Auto, // meta first, real tensors if that fails (per model, automatically)
    Meta, // meta only: fail rather than compute
    Real, // real tensors only
};

struct LoadOptions {
    std::vector<InputSpec> inputs = defaultInputSpecs();
    ShapeMode shape_mode = ShapeMode::Auto;
    // Refuse real-tensor runs whose inputs alone exceed this (bytes); meta runs are free.
    uint64_t max_real_input_bytes = uint64_t(2) << 30;
};

struct PhaseTiming {
    std::string phase; // "load", "inline", "shapes", "graph"
    double ms = 0.0;
    // The process's CPU time in the phase (all threads), or -1 when not measured. Only
    // `--timings` prints it (not in the JSON): on a busy machine the wall time of a long
    // phase also measures the neighbours, so the scale bench compares this one.
    double cpu_ms = -1.0;
};

class Model {
public:
    // Throws Error(BadModel) when the file is not a readable TorchScript archive and
    // Error(BadInput) when the forward fails on the given inputs; messages name the
    // file and the fix.
    static Model load(const std::string& path, const LoadOptions& options = {}, const Progress& progress = {});

    Model(Model&&) noexcept;
    Model& operator=(Model&&) noexcept;
    ~Model();

    const OpGraph& graph() const;
    const std::string& path() const;
    const std::vector<InputSpec>& inputs() const;
    const std::vector<PhaseTiming>& timings() const;
    // "meta" or "real"; when meta failed and real tensors were used, why.
    const std::string& shapeMode() const;
    const std::string& metaFallbackReason() const;
    // Warnings the model's own code raised while it ran (TorchScript's warnings.warn).
    const std::vector<std::string>& warnings() const;

private:
    struct Impl;
    explicit Model(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace prunescope
