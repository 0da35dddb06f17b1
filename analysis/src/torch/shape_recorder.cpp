// SPDX-License-Identifier: MIT
#include "shape_recorder.h"

#include "meta_fallback.h"
#include "meta_kernels.h"

#include <torch/library.h>

namespace prunescope::detail {

using torch::jit::Block;
using torch::jit::Node;
using torch::jit::Value;

namespace {

thread_local ShapeRecorder* t_recorder = nullptr;
thread_local bool t_onMeta = false;

const c10::Symbol kObserve = c10::Symbol::fromQualString("prunescope::observe");
const c10::Symbol kObserveInts = c10::Symbol::fromQualString("prunescope::observe_ints");
const c10::Symbol kObserveInt = c10::Symbol::fromQualString("prunescope::observe_int");
const c10::Symbol kObserveStr = c10::Symbol::fromQualString("prunescope::observe_str");
const c10::Symbol kRunDevice = c10::Symbol::fromQualString("prunescope::run_device");
const c10::Symbol kMark = c10::Symbol::fromQualString("prunescope::mark");

void observeTensor(const at::Tensor& tensor, int64_t id)
{
    if (t_recorder)
        t_recorder->onTensor(id, tensor);
}
void observeInt(int64_t value, int64_t id)
{
    if (t_recorder)
        t_recorder->onInts(id, { value });
}
void observeInts(at::IntArrayRef values, int64_t id)
{
    if (t_recorder)
        t_recorder->onInts(id, values.vec());
}
void observeStr(c10::string_view text, int64_t id)
{
    if (t_recorder)
        t_recorder->onString(id, std::string(text));
}
// A trace bakes the device it ran on into factory calls (new_zeros(..., device="cpu"));
// on a meta run those tensors must be meta too, or they cannot meet the others.
c10::Device runDevice(c10::Device device) { return t_onMeta && device.is_cpu() ? c10::Device(c10::kMeta) : device; }
void mark(int64_t id)
{
    if (t_recorder)
        t_recorder->onMark(id);
}

// Registered as catch-all kernels (plain def with a function) so that they run for
// meta tensors too.
TORCH_LIBRARY(prunescope, m)
{
    m.def("observe(Tensor t, int id) -> ()", observeTensor);
    m.def("observe_int(int v, int id) -> ()", observeInt);
    m.def("observe_ints(int[] v, int id) -> ()", observeInts);
    m.def("observe_str(str v, int id) -> ()", observeStr);
    m.def("run_device(Device d) -> Device", runDevice);
    m.def("mark(int id) -> ()", mark);
}

bool needsEntryMark(const Node* node)
{
    const auto kind = node->kind();
    return kind.is_aten() || kind == c10::prim::RaiseException;
}

struct RecorderScope {
    RecorderScope(ShapeRecorder* recorder, bool onMeta)
    {
        t_recorder = recorder;
        t_onMeta = onMeta;
    }
    ~RecorderScope()
    {
        t_recorder = nullptr;
        t_onMeta = false;
    }
};

bool isCpuDeviceConstant(const Value* value)
{
    if (value->node()->kind() != c10::prim::Constant || value->type()->kind() != c10::TypeKind::DeviceObjType)
        return false;
    const auto device = torch::jit::toIValue(value);
    return device && device->isDevice() && device->toDevice().is_cpu();
}

} // namespace

ShapeRecorder::ShapeRecorder(std::shared_ptr<torch::jit::Graph> graph)
    : m_graph(std::move(graph))
{
    ensureMetaKernels();
    ensureCommonMetaKernels();
    ensureMetaFallback();
    // Model inputs are observed from the stack in run(), under ids 0..n-1.
    for (size_t i = 1; i < m_graph->inputs().size(); ++i) {
        m_idOf[m_graph->inputs()[i]] = static_cast<int64_t>(m_valueOf.size());
        m_valueOf.push_back(m_graph->inputs()[i]);
    }
    instrumentBlock(m_graph->block());
    m_observations.resize(m_valueOf.size());
    m_markCount.resize(m_blockOf.size());
}

ShapeRecorder::~ShapeRecorder() = default;

bool ShapeRecorder::isInstrumentation(const Node* node)
{
    const auto kind = node->kind();
    return kind == kObserve || kind == kObserveInt || kind == kObserveInts || kind == kObserveStr || kind == kMark
        || kind == kRunDevice;
}

int64_t ShapeRecorder::addObserver(Value* value, Node* after)
{
    const auto& type = value->type();
    c10::Symbol op;
    if (type->kind() == c10::TypeKind::TensorType)
        op = kObserve;
    else if (type->kind() == c10::TypeKind::IntType)
        op = kObserveInt;
    else if (type->kind() == c10::TypeKind::ListType && type->containedType(0)->kind() == c10::TypeKind::IntType)
        op = kObserveInts;
    else if (type->kind() == c10::TypeKind::StringType)
        op = kObserveStr;
    else
        return -1;
    const auto id = static_cast<int64_t>(m_valueOf.size());
    m_valueOf.push_back(value);
    m_idOf[value] = id;
    torch::jit::WithInsertPoint guard(after->next());
    Value* idConstant = m_graph->insertConstant(id);
    m_graph->insertNode(m_graph->create(op, { value, idConstant }, 0));
    return id;
}

void ShapeRecorder::addMark(Node* before, int64_t id)
{
    torch::jit::WithInsertPoint guard(before);
    Value* idConstant = m_graph->insertConstant(id);
    m_graph->insertNode(m_graph->create(kMark, { idConstant }, 0));
}

void ShapeRecorder::redirectDevices(Node* node)
{
    for (size_t i = 0; i < node->inputs().size(); ++i) {
        Value* input = node->input(i);
        if (!isCpuDeviceConstant(input))
            continue;
        torch::jit::WithInsertPoint guard(node);
        Node* redirect = m_graph->insertNode(m_graph->create(kRunDevice, { input }, 1));
        redirect->output()->setType(c10::DeviceObjType::get());
        node->replaceInput(i, redirect->output());
    }
}

void ShapeRecorder::instrumentBlock(Block* block)
{
    const std::vector<Node*> nodes(block->nodes().begin(), block->nodes().end());
    for (Node* node : nodes) {
        // Uninitialized stands for a value on a path that raises; it holds no tensor.
        if (node->kind() == c10::prim::Constant || node->kind() == c10::prim::Uninitialized)
            continue;
        redirectDevices(node);
        if (needsEntryMark(node)) {
            const auto id = static_cast<int64_t>(m_blockOf.size());
            m_blockOf.push_back(nullptr);
            m_nodeOf.push_back(node);
            addMark(node, id);
        }
        for (Block* sub : node->blocks()) {
            const auto id = static_cast<int64_t>(m_blockOf.size());
            m_blockOf.push_back(sub);
            m_nodeOf.push_back(nullptr);
            m_blockMark[sub] = id;
            addMark(sub->nodes().front(), id);
            instrumentBlock(sub);
        }
        // Observers go right after the node, last output first so they end up in order.
        for (auto it = node->outputs().rbegin(); it != node->outputs().rend(); ++it)
            addObserver(*it, node);
        // A mark right after a loop tells a run that stopped inside it (a meta run at a
        // nonzero) from one that finished it.
        if (node->kind() == c10::prim::Loop) {
            const auto id = static_cast<int64_t>(m_blockOf.size());
            m_blockOf.push_back(nullptr);
            m_nodeOf.push_back(nullptr);
            m_loopExit[node] = id;
            addMark(node->next(), id);
        }
    }
}

void ShapeRecorder::clear()
{
    for (auto& observation : m_observations)
        observation = Observation {};
    std::fill(m_markCount.begin(), m_markCount.end(), 0);
    m_lastEntered = nullptr;
}

void ShapeRecorder::run(const torch::jit::Module& module, const std::vector<c10::IValue>& inputs, bool onMeta)
{
    clear();
    if (!m_code)
        m_code = std::make_unique<torch::jit::Code>(m_graph, "forward");
    torch::jit::Stack stack;
    stack.reserve(inputs.size() + 1);
    stack.emplace_back(module._ivalue());
    for (const auto& input : inputs)
        stack.emplace_back(input);
    for (size_t i = 0; i < inputs.size() && i + 1 < m_graph->inputs().size(); ++i) {
        const auto id = static_cast<int64_t>(i);
        if (inputs[i].isTensor())
            onTensor(id, inputs[i].toTensor());
        else if (inputs[i].isInt())
            onInts(id, { inputs[i].toInt() });
        else if (inputs[i].isIntList())
            onInts(id, inputs[i].toIntVector());
    }
    RecorderScope scope(this, onMeta);
    torch::NoGradGuard noGrad;
    torch::jit::InterpreterState state(*m_code);
    state.run(stack);
}

void ShapeRecorder::onTensor(int64_t id, const at::Tensor& tensor)
{
    auto& observation = m_observations.at(static_cast<size_t>(id));
    if (observation.count > 0 && tensor.defined() && tensor.sizes() != at::IntArrayRef(observation.shape))
        observation.varies = true;
    if (observation.count++ == 0) {
        observation.tensor = true;
        if (tensor.defined()) {
            observation.shape = tensor.sizes().vec();
            observation.dtype = c10::toString(tensor.scalar_type());
        }
    }
}

void ShapeRecorder::onInts(int64_t id, std::vector<int64_t> ints)
{
    auto& observation = m_observations.at(static_cast<size_t>(id));
    if (observation.count++ == 0)
        observation.ints = std::move(ints);
}

void ShapeRecorder::onString(int64_t id, const std::string& text)
{
    auto& observation = m_observations.at(static_cast<size_t>(id));
    if (observation.count++ == 0) {
        observation.is_string = true;
        observation.text = text;
    }
}

void ShapeRecorder::onMark(int64_t id)
{
    const auto index = static_cast<size_t>(id);
    ++m_markCount.at(index);
    if (m_nodeOf[index])
        m_lastEntered = m_nodeOf[index];
}

const Observation* ShapeRecorder::observed(const Value* value) const
{
    auto found = m_idOf.find(value);
    if (found == m_idOf.end())
        return nullptr;
    const auto& observation = m_observations[static_cast<size_t>(found->second)];
    return observation.count ? &observation : nullptr;
}

bool ShapeRecorder::finished(const Node* loop) const
{
    auto found = m_loopExit.find(loop);
    return found != m_loopExit.end() && m_markCount[static_cast<size_t>(found->second)] > 0;
}

int ShapeRecorder::runsOf(const Block* block) const
{
    if (block == m_graph->block())
        return 1;
    auto found = m_blockMark.find(block);
    return found == m_blockMark.end() ? 0 : m_markCount[static_cast<size_t>(found->second)];
}

} // namespace prunescope::detail
