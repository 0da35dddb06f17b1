#pragma once
// CPU latency of a module's forward: the median of N timed runs after warm-up (the
// profiling executor optimises a graph on its first runs), with one thread and with all.
#include "prunescope/progress.h"
#include "torch_pch.h"

namespace prunescope::detail {

struct Latency {
    double oneThreadMs = -1.0;
    double allThreadsMs = -1.0;
    int threads = 1;
};

Latency measureLatency(
    torch::jit::Module& module, const std::vector<at::Tensor>& inputs, int runs, const Progress& progress);

} // namespace prunescope::detail
