// SPDX-License-Identifier: MIT
// prunePlanned: the one place that sequences physical pruning (load, check the plan's
// view of the model, silenced run, slice, save, verify, measure, write) and times it.
#include "prunescope/pruner.h"

#include "forward_probe.h"
#include "latency.h"
#include "load_errors.h"
#include "module_surgery.h"
#include "plan_edits.h"
#include "prunescope/atomic_file.h"
#include "prunescope/crash_context.h"
#include "prunescope/error.h"
#include "prunescope/flops.h"
#include "torchscript_reader.h"
#include "value_taps.h"
#include "verifier.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <sstream>
#include <thread>

namespace prunescope {

using namespace detail;

namespace {

class Clock {
public:
    explicit Clock(std::vector<PhaseTiming>& out)
        : m_out(out)
    {
    }
    void done(const std::string& phase)
    {
        const auto now = std::chrono::steady_clock::now();
        m_out.push_back({ phase, std::chrono::duration<double, std::milli>(now - m_start).count() });
        m_start = now;
    }

private:
    std::vector<PhaseTiming>& m_out;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

torch::jit::Module loadModule(const std::string& path)
{
    checkModelFile(path);
    try {
        const CrashContextScope crash(path + ": libtorch crashed while reading this file again for pruning.");
        auto module = readTorchScript(path);
        module.eval();
        return module;
    } catch (const c10::Error& e) {
        throwNotTorchScript(path, e.what_without_backtrace());
    } catch (const std::exception& e) {
        throwNotTorchScript(path, e.what());
    }
}

ModelFigures figures(const OpGraph& graph, uint64_t bytes, const Latency& latency)
{
    ModelFigures f;
    f.params = graph.totalParamCount();
    f.macs = countFlops(graph, FlopsMode::Extended).total;
    f.file_bytes = bytes;
    f.latency_ms_one_thread = latency.oneThreadMs;
    f.latency_ms_all_threads = latency.allThreadsMs;
    f.threads = latency.threads;
    return f;
}

// The pruned model must take the same path through its forward as the original, or its
// tensors cannot be paired with the original's.
void checkSameStructure(const OpGraph& original, const OpGraph& pruned, const std::string& what)
{
    const size_t n = std::min(original.nodes.size(), pruned.nodes.size());
    for (size_t i = 0; i < n; ++i)
        if (original.nodes[i].unique_name != pruned.nodes[i].unique_name)
            throw Error(ErrorKind::BadInput,
                what + ": the pruned model's forward takes another path: it runs " + pruned.nodes[i].unique_name
                    + " where the original runs " + original.nodes[i].unique_name
                    + " (control flow that reads a channel count?). Leave the layers feeding it out of the masks.");
    if (original.nodes.size() != pruned.nodes.size() || original.values.size() != pruned.values.size())
        throw Error(ErrorKind::BadInput,
            what + ": the pruned model's forward runs " + std::to_string(pruned.nodes.size())
                + " ops where the original runs " + std::to_string(original.nodes.size())
                + " (control flow that reads a channel count?).");
}

std::string disagreementText(const OpGraph& graph, const Disagreement& d)
{
    const GraphValue& value = graph.values.at(static_cast<size_t>(d.value));
    std::string where = Verifier::producerName(graph, d.value);
    if (value.producer >= 0) {
        const std::string& scope = graph.nodes[static_cast<size_t>(value.producer)].scope;
        if (!scope.empty() && graph.nodes[static_cast<size_t>(value.producer)].kind == NodeKind::Function)
            where += " in module " + scope;
    }
    return "the first op whose output disagrees with the original's is " + where + ": its output " + value.debug_name
        + " " + d.detail;
}

// The silenced run of the original needs nothing the pruning makes, so it runs on a second
// thread while the module is sliced, saved, read back and run: on two cores that hides
// one of the two forwards. The destructor stops and joins it, so that an error on the
// calling thread never leaves it running.
class SilencedRun {
public:
    SilencedRun(Verifier& verifier, ValueTaps& taps, const std::vector<at::Tensor>& inputs, std::atomic<bool>& stop)
        : m_stop(stop)
        , m_thread([&, this] {
            const auto start = std::chrono::steady_clock::now();
            try {
                torch::NoGradGuard noGrad;
                verifier.runOriginal(taps, inputs, false, [this] { return m_stop.load(); });
            } catch (...) {
                m_error = std::current_exception();
            }
            m_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        })
    {
    }
    ~SilencedRun()
    {
        if (m_thread.joinable()) {
            m_stop = true;
            m_thread.join();
        }
    }
    SilencedRun(const SilencedRun&) = delete;
    SilencedRun& operator=(const SilencedRun&) = delete;

    // Joins; rethrows what the run threw. Returns how long it took (ms).
    double wait()
    {
        if (m_thread.joinable())
            m_thread.join();
        if (m_error)
            std::rethrow_exception(m_error);
        return m_ms;
    }

private:
    std::atomic<bool>& m_stop;
    std::exception_ptr m_error;
    double m_ms = 0.0;
    std::thread m_thread; // last: starts once the members above exist
};

} // namespace

PruneResult prunePlanned(const Model& original, const PrunePlan& plan, const std::string& outputPath,
    const PruneOptions& options, const Progress& progress)
{
    PruneResult result;
    result.model_path = original.path();
    result.output_path = outputPath;
    const std::string& path = original.path();
    const std::string failed = path + ": pruning failed, nothing was written to " + outputPath + ": ";
    Clock clock(result.timings);
    torch::NoGradGuard noGrad;

    progress.step("load", 0.0);
    torch::jit::Module module = loadModule(path);
    clock.done("load");
    progress.throwIfCancelled();

    progress.step("probe", 0.1);
    const ShapeMode mode = original.shapeMode() == "real" ? ShapeMode::Real : ShapeMode::Meta;
    auto before = probeForward(module, original.inputs(), original.loopPeels(), mode, path);
    checkSameGraph(original.graph(), before->opGraph, path);
    clock.done("probe");
    progress.throwIfCancelled();

    progress.step("slice", 0.2);
    std::unique_ptr<Verifier> checked;
    try {
        checked = std::make_unique<Verifier>(original.graph(), plan.silenced, options.rtol, options.atol);
    } catch (const Error& e) {
        throw Error(e.kind(), failed + e.what());
    }
    Verifier& verifier = *checked;
    const std::vector<at::Tensor> inputs = verificationInputs(original.inputs());
    ValueTaps beforeTaps(*before);
    std::atomic<bool> stop { false };
    const Verifier::Stop stopHere = [&] {
        if (progress.cancelled && progress.cancelled())
            stop = true;
        return stop.load();
    };
    auto silenced = std::make_unique<SilencedRun>(verifier, beforeTaps, inputs, stop);

    ModuleSurgery surgery(module);
    try {
        for (const auto& slice : plan.slices)
            surgery.slice(slice);
        applyConstantEdits(plan.edits, *before, surgery);
        surgery.refreshChannelConstants();
    } catch (const Error& e) {
        throw Error(e.kind(), failed + e.what());
    }
    if (surgery.typesCopied() > 0)
        result.notes.push_back(std::to_string(surgery.typesCopied())
            + " module class(es) copied, so that the constants changed (groups, view sizes, scripted layers' widths) "
              "belong to one instance only");
    clock.done("slice");
    progress.throwIfCancelled();

    progress.step("save", 0.45);
    std::ostringstream saved;
    surgery.result().save(saved);
    std::string bytes = saved.str();
    saved = {};
    clock.done("save");
    progress.throwIfCancelled();

    progress.step("verify", 0.55);
    torch::jit::Module pruned;
    try {
        std::istringstream in(bytes);
        pruned = torch::jit::load(in, c10::Device(c10::kCPU));
        pruned.eval();
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal,
            failed + "libtorch cannot read back the pruned model it saved: " + coreMessage(e.what()));
    }
    std::unique_ptr<ForwardProbe> after;
    try {
        after = probeForward(pruned, original.inputs(), original.loopPeels(), ShapeMode::Auto, "the pruned model");
    } catch (const Error& e) {
        throw Error(ErrorKind::BadInput,
            failed + e.what() + ". The plan does not fit this op: leave the layers feeding it out of the masks.");
    }
    checkSameStructure(original.graph(), after->opGraph, failed);
    ValueTaps afterTaps(*after);
    std::optional<Disagreement> disagreement;
    try {
        disagreement = verifier.runPruned(afterTaps, inputs, stopHere);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        const int last = afterTaps.lastValue();
        throw Error(ErrorKind::BadInput,
            failed + "the pruned model's forward failed on the verification input"
                + (last >= 0 ? " after " + Verifier::producerName(original.graph(), last) : std::string()) + ": "
                + coreMessage(e.what()));
    }
    if (disagreement)
        throw Error(ErrorKind::BadInput, failed + disagreementText(original.graph(), *disagreement));
    double silencedMs = 0.0;
    try {
        silencedMs = silenced->wait();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(ErrorKind::BadInput,
            failed + "the original model's forward failed on the verification input (seeded random values): "
                + coreMessage(e.what()));
    }
    silenced.reset();
    result.verification = verifier.compareOutputs();
    if (!result.verification.passed) {
        // Find the op: every tensor of both runs, compared (costs memory, only on failure).
        verifier.runOriginal(beforeTaps, inputs, true, stopHere);
        disagreement = verifier.runPruned(afterTaps, inputs, stopHere);
        std::ostringstream text;
        text << failed
             << "the pruned model's outputs differ from the original's with the removed channels silenced (max "
                "|difference| "
             << result.verification.max_abs << ", relative " << result.verification.max_rel << ", tolerance "
             << options.rtol << ")";
        if (disagreement)
            text << "; " << disagreementText(original.graph(), *disagreement);
        throw Error(ErrorKind::BadInput, text.str());
    }
    clock.done("verify");
    result.timings.push_back({ "silenced_run", silencedMs }); // beside slice, save and verify

    progress.step("measure", 0.8);
    std::error_code ec;
    const auto originalBytes = std::filesystem::file_size(path, ec);
    const LatencyPair latency = measureLatency(module, pruned, inputs, options.latency_runs, progress);
    result.before = figures(original.graph(), ec ? 0 : originalBytes, latency.before);
    result.after = figures(after->opGraph, bytes.size(), latency.after);
    result.pruned_graph = std::make_shared<const OpGraph>(after->opGraph);
    clock.done("measure");
    progress.throwIfCancelled();

    progress.step("write", 0.95);
    writeFileAtomically(outputPath, bytes);
    clock.done("write");
    progress.step("write", 1.0);
    return result;
}

} // namespace prunescope
