#include "latency.h"

#include <ATen/Parallel.h>
#include <algorithm>

#include <chrono>
#include <thread>

namespace prunescope::detail {

namespace {

double medianMs(torch::jit::Module& module, const std::vector<c10::IValue>& inputs, int runs, const Progress& progress)
{
    for (int i = 0; i < 2; ++i)
        module.forward(inputs);
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        progress.throwIfCancelled();
        const auto start = std::chrono::steady_clock::now();
        module.forward(inputs);
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    const size_t n = times.size();
    return n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
}

struct ThreadCount {
    int saved = at::get_num_threads();
    ~ThreadCount() { at::set_num_threads(saved); }
};

} // namespace

Latency measureLatency(
    torch::jit::Module& module, const std::vector<at::Tensor>& inputs, int runs, const Progress& progress)
{
    Latency latency;
    if (runs <= 0)
        return latency;
    const std::vector<c10::IValue> args(inputs.begin(), inputs.end());
    torch::NoGradGuard noGrad;
    const ThreadCount threads;
    // libtorch's OpenMP pool may start with one thread here; "all" means every core.
    latency.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(1);
    latency.oneThreadMs = medianMs(module, args, runs, progress);
    at::set_num_threads(latency.threads);
    latency.allThreadsMs = medianMs(module, args, runs, progress);
    return latency;
}

} // namespace prunescope::detail
