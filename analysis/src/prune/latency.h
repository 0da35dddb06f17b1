// SPDX-License-Identifier: MIT
#pragma once
// CPU latency of the original and the pruned forward: the median of N timed runs after
// warm-up (the profiling executor optimises a graph on its first runs), with one thread
// and with every core. The two models' runs alternate, so that a change in the machine's
// load during the measurement falls on both alike.
#include "prunescope/progress.h"
#include "torch_pch.h"

namespace prunescope::detail {

struct Latency {
    double oneThreadMs = -1.0;
    double allThreadsMs = -1.0;
    int threads = 1;
};

struct LatencyPair {
    Latency before, after;
};

LatencyPair measureLatency(torch::jit::Module& before, torch::jit::Module& after, const std::vector<at::Tensor>& inputs,
    int runs, const Progress& progress);

} // namespace prunescope::detail
