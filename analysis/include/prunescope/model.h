// SPDX-License-Identifier: MIT
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
// forward costs the same whatever the input size; an op without a meta kernel runs
// alone on CPU zeros of its recorded shapes. Only models whose control flow or output
// sizes read tensor values need a whole run on real tensors.
enum class ShapeMode {
    Auto, // meta first, real tensors if the model reads values (per model, automatically)
    Meta, // meta only: fail rather than compute
    Real, // real tensors only
};

struct LoadOptions {
    std::vector<InputSpec> inputs = defaultInputSpecs();
    ShapeMode shape_mode = ShapeMode::Auto;
    // Refuse real-tensor runs whose inputs alone exceed this (bytes), and ops run on CPU
    // zeros (no meta kernel) whose inputs would; meta runs are free.
    uint64_t max_real_input_bytes = uint64_t(2) << 30;
};

// An op without a meta kernel whose shapes came from running it on CPU zeros.
struct FallbackOp {
    std::string op; // "aten::roll"
    int calls = 0;
    bool operator==(const FallbackOp& other) const { return op == other.op && calls == other.calls; }
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
    // On meta: the ops that ran on CPU zeros instead (empty on real tensors).
    const std::vector<FallbackOp>& fallbackOps() const;
    // Warnings the model's own code raised while it ran (TorchScript's warnings.warn).
    const std::vector<std::string>& warnings() const;
    // How many iterations of each loop the graph has as copies of their own (the k-th loop
    // of the inlined forward; empty: the default of one). A tool that rebuilds the graph
    // from the file, as the pruner does, peels the same to get the same nodes.
    const std::vector<int>& loopPeels() const;

private:
    struct Impl;
    explicit Model(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace prunescope
