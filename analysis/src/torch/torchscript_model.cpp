// Model::load: the one place that sequences libtorch work (open, inline, record shapes,
// build the graph), times each phase and turns failures into actionable errors.
#include "prunescope/model.h"

#include "call_inliner.h"
#include "graph_builder.h"
#include "load_errors.h"
#include "meta_parameters.h"
#include "module_tree.h"
#include "node_attributes.h"
#include "prunescope/crash_context.h"
#include "prunescope/error.h"
#include "shape_recorder.h"
#include "torch_pch.h"

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
    std::vector<std::string> warnings;
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

c10::ScalarType scalarType(const std::string& dtype)
{
    static const std::map<std::string, c10::ScalarType> types { { "float32", at::kFloat }, { "float64", at::kDouble },
        { "float16", at::kHalf }, { "bfloat16", at::kBFloat16 }, { "int64", at::kLong }, { "int32", at::kInt },
        { "int16", at::kShort }, { "int8", at::kChar }, { "uint8", at::kByte }, { "bool", at::kBool } };
    return types.at(dtype);
}

// Real inputs: ones for floating point (NNI's tests use torch.ones), zeros for integer
// and bool inputs so that they are valid indices for any embedding.
std::vector<at::Tensor> makeInputs(const std::vector<InputSpec>& specs, bool meta)
{
    std::vector<at::Tensor> tensors;
    for (const auto& spec : specs) {
        const auto type = scalarType(spec.dtype);
        auto options = at::TensorOptions().dtype(type);
        if (meta)
            tensors.push_back(at::empty(spec.shape, options.device(c10::kMeta)));
        else if (at::isFloatingType(type))
            tensors.push_back(at::ones(spec.shape, options));
        else
            tensors.push_back(at::zeros(spec.shape, options));
    }
    return tensors;
}

std::string specsText(const std::vector<InputSpec>& specs)
{
    std::string text;
    for (const auto& spec : specs)
        text += (text.empty() ? "" : ";") + spec.toString();
    return text;
}

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

const char* const kInputHint = "Pass the input the model expects with --input, e.g. --input 1,3,224,224 "
                               "(several inputs separated by ';', a dtype prefix such as int64:1,128 for "
                               "integer inputs).";

void checkInputCount(const std::string& path, const torch::jit::Method& forward, const std::vector<InputSpec>& specs)
{
    const auto& arguments = forward.function().getSchema().arguments();
    size_t required = 0, accepted = 0;
    std::string names;
    for (size_t i = 1; i < arguments.size(); ++i) {
        ++accepted;
        if (!arguments[i].default_value())
            ++required;
        names += (names.empty() ? "" : ", ") + arguments[i].name();
        if (arguments[i].type()->kind() != c10::TypeKind::TensorType && i <= specs.size())
            throw Error(ErrorKind::BadInput,
                path + ": forward's argument '" + arguments[i].name() + "' is of type "
                    + arguments[i].type()->annotation_str()
                    + ", and only tensor arguments can be given as shapes. Wrap the model in a module whose "
                      "forward takes tensors, then export it again.");
    }
    if (specs.size() < required || specs.size() > accepted) {
        std::ostringstream message;
        message << path << ": forward takes " << required << (required == accepted ? "" : " or more") << " input(s) ("
                << names << ") but " << specs.size() << " shape(s) were given (" << specsText(specs) << "). "
                << kInputHint;
        throw Error(ErrorKind::BadInput, message.str());
    }
}

// Names the op that failed, its module and the shapes it got.
std::string describeFailure(
    const ShapeRecorder& recorder, const CallTable& calls, const std::string& what, bool onMeta = false)
{
    const torch::jit::Node* node = recorder.lastEntered();
    const std::string cause = onMeta ? detail::metaFailureSummary(what) : detail::coreMessage(what);
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
const std::vector<std::string>& Model::warnings() const { return d->warnings; }

Model Model::load(const std::string& path, const LoadOptions& options, const Progress& progress)
{
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->inputs = options.inputs.empty() ? defaultInputSpecs() : options.inputs;
    PhaseClock clock(impl->timings);

    progress.step("load", 0.0);
    detail::checkModelFile(path);
    torch::jit::Module module;
    try {
        const CrashContextScope crashContext(path
            + ": libtorch crashed while reading this file, so it is damaged or "
              "was written by an incompatible PyTorch. Export or download it again.");
        module = torch::jit::load(path, c10::Device(c10::kCPU));
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
    checkInputCount(path, *forward, impl->inputs);
    auto graph = forward->graph()->copy();
    const CallTable calls = detail::inlineModuleCalls(*graph);
    ShapeRecorder recorder(graph);
    auto modules = detail::readModuleTree(module);
    clock.done("inline");
    progress.throwIfCancelled();

    progress.step("shapes", 0.5);
    WarningCollector warnings(impl->warnings);
    const CrashContextScope crashContext(path
        + ": libtorch crashed while running this model's forward pass, so the "
          "file is damaged or was written by an incompatible PyTorch. Export it again.");
    c10::Warning::WarningHandlerGuard warningGuard(&warnings);
    bool recorded = false;
    if (options.shape_mode != ShapeMode::Real) {
        try {
            detail::MetaParameters meta(module);
            recorder.run(module, makeInputs(impl->inputs, true));
            impl->shapeMode = "meta";
            recorded = true;
        } catch (const std::exception& e) {
            const std::string what = dynamic_cast<const c10::Error*>(&e)
                ? static_cast<const c10::Error&>(e).what_without_backtrace()
                : e.what();
            impl->metaFallbackReason = describeFailure(recorder, calls, what, true);
            if (options.shape_mode == ShapeMode::Meta)
                throw Error(ErrorKind::BadInput,
                    path + ": shapes could not be recorded on meta tensors " + impl->metaFallbackReason);
        }
    }
    if (!recorded) {
        uint64_t bytes = 0;
        for (const auto& spec : impl->inputs)
            bytes += inputBytes(spec);
        if (bytes > options.max_real_input_bytes)
            throw Error(ErrorKind::BadInput,
                path + ": this model needs a run on real tensors (" + impl->metaFallbackReason + "), and the inputs "
                    + specsText(impl->inputs) + " alone would take " + std::to_string(bytes >> 20)
                    + " MiB, more than the " + std::to_string(options.max_real_input_bytes >> 20)
                    + " MiB allowed. Give a smaller input shape with --input.");
        progress.throwIfCancelled();
        try {
            recorder.run(module, makeInputs(impl->inputs, false));
            impl->shapeMode = "real";
        } catch (const std::exception& e) {
            const std::string what = dynamic_cast<const c10::Error*>(&e)
                ? static_cast<const c10::Error&>(e).what_without_backtrace()
                : e.what();
            throw Error(ErrorKind::BadInput,
                path + ": the forward pass failed on the example input " + specsText(impl->inputs) + " "
                    + describeFailure(recorder, calls, what) + ". " + kInputHint);
        }
    }
    clock.done("shapes");
    progress.throwIfCancelled();

    progress.step("graph", 0.9);
    impl->graph = detail::buildOpGraph(*graph, calls, recorder, modules);
    impl->graph.model_path = path;
    impl->graph.modules = std::move(modules);
    attachCallsAndAttributes(impl->graph);
    clock.done("graph");
    progress.step("graph", 1.0);
    return Model(std::move(impl));
}

} // namespace prunescope
