// SPDX-License-Identifier: MIT
#pragma once
// FLOPs and parameter counts per layer and in total, as NNI v2.9's count_flops_params
// gives them (modes default and full), plus what NNI cannot give: MACs of every op
// with real arithmetic (mode extended) and the FLOPs left after pruning once removed
// filters also remove the next layers' input channels ("effective").
#include "prunescope/masks.h"
#include "prunescope/op_graph.h"

#include <string>
#include <vector>

namespace prunescope {

enum class FlopsMode {
    Default, // NNI: Conv1d/2d/3d, ConvTranspose1d/2d/3d, Linear, RNN/GRU/LSTM and cells
    Full, // NNI: also BatchNorm, LeakyReLU, AvgPool, AdaptiveAvgPool, Upsample; counts bias
    Extended, // ours: MACs of every conv, linear and matmul, over all positions/tokens
};

const char* flopsModeName(FlopsMode mode); // "default", "full", "extended"
FlopsMode parseFlopsMode(const std::string& text); // throws Error(Usage)

struct LayerFlops {
    int node = -1; // OpGraph node id
    std::string name; // module path (or op name in extended mode)
    std::string type; // module class or op kind
    Shape weight_shape;
    Shape input_shape;
    Shape output_shape;
    int64_t flops = 0; // per sample, for one execution of the node
    int64_t params = 0; // the module's parameters
    int call = 1; // 1-based call number of the module (NNI's #Call)
    // > 1 for a node in a scripted loop: it gets one row per execution (as NNI's hooks
    // fire once per call), each with that execution's share.
    int executions = 1;
    // With masks: NNI's number (remaining filters only) and ours after speedup.
    int64_t masked_flops = 0;
    int64_t effective_flops = 0;
    int64_t effective_params = 0;
    int64_t kept_out_channels = -1; // after speedup; -1 when not a channel layer
    int64_t out_channels = -1;
};

struct UncountedType {
    std::string type; // module class or op kind
    int calls = 0;
    int64_t params = 0;
};

struct FlopsResult {
    FlopsMode mode = FlopsMode::Default;
    std::vector<LayerFlops> layers; // NNI's order: the order modules ran
    int64_t total = 0; // NNI's "FLOPs total"
    int64_t params = 0; // NNI's "#Params total": counted modules only, each once
    int64_t model_params = 0; // every parameter of the model
    // Extended mode counts the whole batch and divides by this: the first input's dim 0,
    // or dim 1 when that input feeds a recurrent layer with batch_first=False.
    int64_t batch_size = 1;
    std::vector<UncountedType> uncounted; // has arithmetic or parameters, counted by no rule here
    bool masked = false;
    int64_t masked_total = 0;
    int64_t effective_total = 0;
    int64_t effective_params = 0; // counted modules after speedup
    bool hasMultiUse() const;
};

// `masks` may be null; layers it names must exist (checked by the caller, see
// validateMasks in mask_io.h).
FlopsResult countFlops(const OpGraph& graph, FlopsMode mode, const MaskSet* masks = nullptr);

} // namespace prunescope
