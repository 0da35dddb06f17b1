// SPDX-License-Identifier: MIT
// Model::load: the one place that sequences libtorch work (open, inline, record shapes,
// build the graph), times each phase and turns failures into actionable errors.
#include "prunescope/model.h"

#include "call_inliner.h"
#include "graph_builder.h"
#include "load_errors.h"
#include "loop_peeling.h"
#include "meta_fallback.h"
#include "meta_parameters.h"
#include "model_inputs.h"
#include "module_tree.h"
#include "node_attributes.h"
#include "prunescope/crash_context.h"
#include "prunescope/error.h"
#include "shape_recorder.h"
#include "torch_pch.h"
#include "torchscript_reader.h"
#include "torchvision_ops.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>

namespace prunescope {

using detail::CallTable;
using detail::ShapeRecorder;

struct Model::Impl {
    std::string path;
    std::vector<InputSpec> inputs;
    OpGraph graph;
    std::vector<PhaseTiming> timings;
    std::string shapeMode;
    std::string metaFallbackReason;
    std::vector<FallbackOp> fallbackOps;
    std::vector<std::string> warnings;
    std::vector<int> loopPeels;
};

namespace {

class PhaseClock {
public:
    explicit PhaseClock(std::vector<PhaseTiming>& out)
        : m_out(out)
    {
    }
    void done(const std::string& phase)
    {
        const auto now = std::chrono::steady_clock::now();
        const std::clock_t cpu = std::clock();
        m_out.push_back({ phase, std::chrono::duration<double, std::milli>(now - m_start).count(),
            1000.0 * static_cast<double>(cpu - m_cpuStart) / CLOCKS_PER_SEC });
        m_start = now;
        m_cpuStart = cpu;
    }

private:
    std::vector<PhaseTiming>& m_out;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::clock_t m_cpuStart = std::clock();
};

// Keeps the model's warnings (instead of libtorch printing them to stderr) so that they
// reach the report and the GUI.
class WarningCollector : public c10::WarningHandler {
public:
    explicit WarningCollector(std::vector<std::string>& out)
        : m_out(out)
    {
    }
    void process(const c10::SourceLocation&, const std::string& message, const bool) override
    {
        if (std::find(m_out.begin(), m_out.end(), message) == m_out.end())
            m_out.push_back(message);
    }

private:
    std::vector<std::string>& m_out;
};

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::string torchMessage(const std::exception& e)
{
    const auto* error = dynamic_cast<const c10::Error*>(&e);
    return error ? error->what_without_backtrace() : e.what();
}

// Names the op that failed, its module and the shapes it got.
std::string describeFailure(
    const ShapeRecorder& recorder, const CallTable& calls, const std::string& what, bool onMeta = false)
{
    const torch::jit::Node* node = recorder.lastEntered();
    const auto* fallback = detail::MetaFallbackScope::current();
    const std::string cause = fallback && !fallback->refusalText().empty() ? fallback->refusalText()
        : onMeta                                                           ? detail::metaFailureSummary(what)
                                                                           : detail::coreMessage(what);
    if (!node)
        return cause;
    std::ostringstream text;
    text << "at " << node->kind().toQualString();
    const int owner = calls.ownerOf(node);
    if (owner >= 0) {
        const auto& call = calls.calls[static_cast<size_t>(owner)];
        text << " in module " << call.path << " (" << call.type << ")";
    } else {
        text << " in the model's own forward";
    }
    std::string shapes;
    for (const torch::jit::Value* input : node->inputs()) {
        const auto* seen = recorder.observed(input);
        if (seen && seen->tensor)
            shapes += (shapes.empty() ? "" : ", ") + shapeText(seen->shape);
    }
    if (!shapes.empty())
        text << ", which got tensor(s) of shape " << shapes;
    text << ": " << cause;
    return text.str();
}

// The inlined forward, its loops peeled as `peels` says (loop_peeling.h), instrumented.
struct Prepared {
    std::shared_ptr<torch::jit::Graph> graph;
    CallTable calls;
    std::vector<torch::jit::Node*> loops;
    std::unique_ptr<ShapeRecorder> recorder;
};

Prepared prepare(const torch::jit::Method& forward, const std::vector<int>& peels)
{
    Prepared p;
    p.graph = forward.graph()->copy();
    p.calls = detail::inlineModuleCalls(*p.graph);
    p.loops = detail::peelLoops(*p.graph, p.calls, peels);
    p.recorder = std::make_unique<ShapeRecorder>(p.graph);
    return p;
}

} // namespace

Model::Model(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{
}
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

const OpGraph& Model::graph() const { return d->graph; }
const std::string& Model::path() const { return d->path; }
const std::vector<InputSpec>& Model::inputs() const { return d->inputs; }
const std::vector<PhaseTiming>& Model::timings() const { return d->timings; }
const std::string& Model::shapeMode() const { return d->shapeMode; }
const std::string& Model::metaFallbackReason() const { return d->metaFallbackReason; }
const std::vector<FallbackOp>& Model::fallbackOps() const { return d->fallbackOps; }
const std::vector<std::string>& Model::warnings() const { return d->warnings; }
const std::vector<int>& Model::loopPeels() const { return d->loopPeels; }

Model Model::load(const std::string& path, const LoadOptions& options, const Progress& progress)
{
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->inputs = options.inputs.empty() ? defaultInputSpecs() : options.inputs;
    PhaseClock clock(impl->timings);

    progress.step("load", 0.0);
    detail::ensureTorchvisionOps();
    detail::checkModelFile(path);
    torch::jit::Module module;
    try {
        const CrashContextScope crashContext(path
            + ": libtorch crashed while reading this file, so it is damaged or "
              "was written by an incompatible PyTorch. Export or download it again.");
        module = detail::readTorchScript(path);
    } catch (const c10::Error& e) {
        detail::throwNotTorchScript(path, e.what_without_backtrace());
    } catch (const std::exception& e) {
        detail::throwNotTorchScript(path, e.what());
    }
    module.eval();
    clock.done("load");
    progress.throwIfCancelled();

    progress.step("inline", 0.4);
    auto forward = module.find_method("forward");
    if (!forward)
        throw Error(ErrorKind::BadModel,
            path + ": the TorchScript module has no forward method, so there is no graph to analyse.");
    const auto& schema = forward->function().getSchema();
    Prepared prepared = prepare(*forward, {});
    auto modules = detail::readModuleTree(module);
    const std::string example = detail::exampleInput(schema, prepared.calls, modules);
    const std::string hint = detail::inputHint(example);
    detail::checkInputs(path, schema, impl->inputs, example);
    clock.done("inline");
    progress.throwIfCancelled();

    progress.step("shapes", 0.5);
    WarningCollector warnings(impl->warnings);
    const CrashContextScope crashContext(path
        + ": libtorch crashed while running this model's forward pass, so the "
          "file is damaged or was written by an incompatible PyTorch. Export it again.");
    c10::Warning::WarningHandlerGuard warningGuard(&warnings);

    // On meta: false when the model needs real tensors (the reason is kept).
    auto runOnMeta = [&](Prepared& p) {
        detail::MetaFallbackScope fallback(options.max_real_input_bytes);
        try {
            detail::MetaParameters meta(module);
            p.recorder->run(module, detail::makeInputs(schema, impl->inputs, true), true);
            impl->shapeMode = "meta";
            impl->fallbackOps.clear();
            for (const auto& use : fallback.ops())
                impl->fallbackOps.push_back({ use.op, use.calls });
            return true;
        } catch (const std::exception& e) {
            impl->metaFallbackReason = describeFailure(*p.recorder, p.calls, torchMessage(e), true);
            // A real run would need at least the memory this one op was refused.
            if (fallback.refusal() == detail::MetaFallbackScope::Refusal::TooLarge)
                throw Error(ErrorKind::BadInput,
                    path + ": shapes could not be recorded " + impl->metaFallbackReason
                        + ". Give a smaller input shape with --input.");
            if (options.shape_mode == ShapeMode::Meta)
                throw Error(ErrorKind::BadInput,
                    path + ": shapes could not be recorded on meta tensors " + impl->metaFallbackReason);
            return false;
        }
    };
    auto runOnRealTensors = [&](Prepared& p) {
        uint64_t bytes = 0;
        for (const auto& spec : impl->inputs)
            bytes += inputBytes(spec);
        if (bytes > options.max_real_input_bytes)
            throw Error(ErrorKind::BadInput,
                path + ": this model needs a run on real tensors (" + impl->metaFallbackReason + "), and the inputs "
                    + inputSpecsText(impl->inputs) + " alone would take " + std::to_string(bytes >> 20)
                    + " MiB, more than the " + std::to_string(options.max_real_input_bytes >> 20)
                    + " MiB allowed. Give a smaller input shape with --input.");
        progress.throwIfCancelled();
        try {
            p.recorder->run(module, detail::makeInputs(schema, impl->inputs, false), false);
            impl->shapeMode = "real";
        } catch (const std::exception& e) {
            throw Error(ErrorKind::BadInput,
                path + ": the forward pass failed on the example input " + inputSpecsText(impl->inputs) + " "
                    + describeFailure(*p.recorder, p.calls, torchMessage(e)) + ". " + hint);
        }
    };
    auto record = [&](Prepared& p, bool tryMeta) {
        if (!tryMeta || !runOnMeta(p))
            runOnRealTensors(p);
    };
    // Loops whose iterations differ in shape run again unrolled, each iteration counted
    // with its own shapes. A real run costs what PyTorch's forward costs (tens of seconds
    // for a detector on the CPU), so when meta tensors stopped partway, the loops that
    // meta run finished are unrolled before the real run: the FPN's and the RPN head's
    // loops over levels come before the first nonzero, and the second real run is then
    // needed only for a varying loop met after it.
    std::vector<int> peels;
    if (options.shape_mode == ShapeMode::Real || !runOnMeta(prepared)) {
        if (options.shape_mode != ShapeMode::Real) {
            peels = detail::unrollPlan(prepared.loops, *prepared.recorder, {});
            if (!peels.empty())
                prepared = prepare(*forward, peels);
        }
        runOnRealTensors(prepared);
    }
    if (const auto plan = detail::unrollPlan(prepared.loops, *prepared.recorder, peels); !plan.empty()) {
        progress.throwIfCancelled();
        Prepared unrolled = prepare(*forward, plan);
        record(unrolled, impl->shapeMode == "meta");
        prepared = std::move(unrolled);
        peels = plan;
    }
    impl->loopPeels = peels;
    clock.done("shapes");
    progress.throwIfCancelled();

    progress.step("graph", 0.9);
    impl->graph = detail::buildOpGraph(*prepared.graph, prepared.calls, *prepared.recorder, modules);
    impl->graph.model_path = path;
    impl->graph.modules = std::move(modules);
    attachCallsAndAttributes(impl->graph);
    clock.done("graph");
    progress.step("graph", 1.0);
    return Model(std::move(impl));
}

} // namespace prunescope
