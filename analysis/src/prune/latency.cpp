// SPDX-License-Identifier: MIT
#include "latency.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace prunescope::detail {

namespace {

double median(std::vector<double> times)
{
    std::sort(times.begin(), times.end());
    const size_t n = times.size();
    return n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
}

double timeOnce(torch::jit::Module& module, const std::vector<c10::IValue>& inputs)
{
    const auto start = std::chrono::steady_clock::now();
    module.forward(inputs);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Medians of (before, after), runs alternating.
std::pair<double, double> medians(torch::jit::Module& before, torch::jit::Module& after,
    const std::vector<c10::IValue>& inputs, int runs, const Progress& progress)
{
    for (int i = 0; i < 2; ++i) {
        before.forward(inputs);
        after.forward(inputs);
    }
    std::vector<double> a, b;
    for (int i = 0; i < runs; ++i) {
        progress.throwIfCancelled();
        a.push_back(timeOnce(before, inputs));
        b.push_back(timeOnce(after, inputs));
    }
    return { median(a), median(b) };
}

struct ThreadCount {
    int saved = at::get_num_threads();
    ~ThreadCount() { at::set_num_threads(saved); }
};

} // namespace

LatencyPair measureLatency(torch::jit::Module& before, torch::jit::Module& after, const std::vector<at::Tensor>& inputs,
    int runs, const Progress& progress)
{
    LatencyPair result;
    if (runs <= 0)
        return result;
    const std::vector<c10::IValue> args(inputs.begin(), inputs.end());
    torch::NoGradGuard noGrad;
    const ThreadCount threads;
    // libtorch's OpenMP pool may start with one thread here; "all" means every core.
    const int all = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    result.before.threads = result.after.threads = all;
    at::set_num_threads(1);
    std::tie(result.before.oneThreadMs, result.after.oneThreadMs) = medians(before, after, args, runs, progress);
    at::set_num_threads(all);
    std::tie(result.before.allThreadsMs, result.after.allThreadsMs) = medians(before, after, args, runs, progress);
    return result;
}

} // namespace prunescope::detail
