// SPDX-License-Identifier: MIT
#include "forward_probe.h"

#include "load_errors.h"
#include "loop_peeling.h"
#include "meta_fallback.h"
#include "meta_parameters.h"
#include "model_inputs.h"
#include "module_tree.h"
#include "node_attributes.h"
#include "prunescope/error.h"
#include "prunescope/model.h"

#include <functional>
#include <sstream>

namespace prunescope::detail {

using torch::jit::Node;

namespace {

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::string errorText(const std::exception& e)
{
    const auto* c10Error = dynamic_cast<const c10::Error*>(&e);
    return coreMessage(c10Error ? c10Error->what_without_backtrace() : e.what());
}

std::string describeFailure(const ForwardProbe& probe, const std::exception& e)
{
    std::ostringstream text;
    const Node* node = probe.recorder->lastEntered();
    if (node) {
        text << "at " << node->kind().toQualString();
        const std::string& path = probe.modulePathOf(node);
        text << (path.empty() ? std::string(" in the model's own forward") : " in module " + path);
        std::string shapes;
        for (const torch::jit::Value* input : node->inputs())
            if (const auto* seen = probe.recorder->observed(input); seen && seen->tensor)
                shapes += (shapes.empty() ? "" : ", ") + shapeText(seen->shape);
        if (!shapes.empty())
            text << ", which got tensor(s) of shape " << shapes;
        text << ": ";
    }
    text << errorText(e);
    return text.str();
}

} // namespace

void pairCopiedNodes(torch::jit::Block* from, torch::jit::Block* to, std::unordered_map<const Node*, Node*>& map)
{
    auto a = from->nodes().begin();
    auto b = to->nodes().begin();
    for (; a != from->nodes().end() && b != to->nodes().end(); ++a, ++b) {
        if ((*a)->kind() != (*b)->kind() || (*a)->blocks().size() != (*b)->blocks().size())
            return;
        map[*a] = *b;
        for (size_t i = 0; i < (*a)->blocks().size(); ++i)
            pairCopiedNodes((*a)->blocks()[i], (*b)->blocks()[i], map);
    }
}

Node* ForwardProbe::originOf(const Node* inlined) const
{
    // The root forward's live nodes were merged into calls.origin by probeForward.
    auto found = calls.origin.find(inlined);
    return found == calls.origin.end() ? nullptr : found->second;
}

const std::string& ForwardProbe::modulePathOf(const Node* inlined) const
{
    return calls.pathOf(calls.ownerOf(inlined));
}

std::vector<at::Tensor> verificationInputs(const std::vector<InputSpec>& specs)
{
    auto generator = at::detail::createCPUGenerator(20240607);
    std::vector<at::Tensor> tensors;
    for (const auto& spec : specs) {
        const auto type = scalarType(spec.dtype);
        if (at::isFloatingType(type))
            tensors.push_back(at::randn(spec.shape, generator, at::TensorOptions().dtype(at::kFloat)).to(type));
        else
            tensors.push_back(at::zeros(spec.shape, at::TensorOptions().dtype(type)));
    }
    return tensors;
}

std::unique_ptr<ForwardProbe> probeForward(const torch::jit::Module& module, const std::vector<InputSpec>& inputs,
    const std::vector<int>& peels, ShapeMode mode, const std::string& what)
{
    auto probe = std::make_unique<ForwardProbe>();
    probe->module = module;
    auto forward = module.find_method("forward");
    if (!forward)
        throw Error(ErrorKind::BadModel, what + " has no forward method.");
    auto& original = *forward->graph();
    const auto& schema = forward->function().getSchema();
    probe->graph = original.copy();
    pairCopiedNodes(probe->graph->block(), original.block(), probe->rootOrigin);
    for (auto it = probe->rootOrigin.begin(); it != probe->rootOrigin.end();) {
        const auto kind = it->first->kind(); // calls are about to be inlined (destroyed)
        it = kind == c10::prim::CallMethod || kind == c10::prim::CallFunction ? probe->rootOrigin.erase(it) : ++it;
    }
    probe->calls = inlineModuleCalls(*probe->graph);
    // Loops peeled as the analysis peeled them (Model::loopPeels), or the graphs differ.
    // The root forward's origins join the inlined ones so that peeled copies get theirs.
    // Only nodes still in the graph: the inlining destroyed some (their addresses may be
    // reused by the peeled copies).
    std::vector<const Node*> live;
    std::function<void(torch::jit::Block*)> walk = [&](torch::jit::Block* block) {
        for (Node* node : block->nodes()) {
            live.push_back(node);
            for (torch::jit::Block* inner : node->blocks())
                walk(inner);
        }
    };
    walk(probe->graph->block());
    for (const Node* node : live)
        if (auto found = probe->rootOrigin.find(node); found != probe->rootOrigin.end())
            probe->calls.origin.emplace(node, found->second);
    peelLoops(*probe->graph, probe->calls, peels);
    probe->recorder = std::make_unique<ShapeRecorder>(probe->graph);
    auto modules = readModuleTree(module);

    bool recorded = false;
    std::string metaFailure;
    if (mode != ShapeMode::Real) {
        try {
            // Ops without a Meta kernel run alone on CPU zeros, as when the model was opened.
            MetaFallbackScope fallback(LoadOptions {}.max_real_input_bytes);
            MetaParameters meta(module);
            probe->recorder->run(module, makeInputs(schema, inputs, true), true);
            probe->shapeMode = "meta";
            recorded = true;
        } catch (const std::exception& e) {
            metaFailure = describeFailure(*probe, e);
            if (mode == ShapeMode::Meta)
                throw Error(ErrorKind::BadInput, what + ": the forward pass failed on meta tensors " + metaFailure);
        }
    }
    if (!recorded) {
        try {
            probe->recorder->run(module, makeInputs(schema, inputs, false), false);
            probe->shapeMode = "real";
        } catch (const std::exception& e) {
            throw Error(ErrorKind::BadInput, what + ": the forward pass failed " + describeFailure(*probe, e));
        }
    }
    probe->opGraph = buildOpGraph(*probe->graph, probe->calls, *probe->recorder, modules, &probe->trace);
    probe->opGraph.modules = std::move(modules);
    attachCallsAndAttributes(probe->opGraph);
    return probe;
}

void checkSameGraph(const OpGraph& expected, const OpGraph& actual, const std::string& what)
{
    auto fail = [&](const std::string& detail) {
        throw Error(ErrorKind::Internal,
            what + ": the pruner's graph of the model differs from the analysis's (" + detail
                + "), so the plan's ids cannot be trusted. This is a bug in Prunescope; please report it.");
    };
    if (expected.nodes.size() != actual.nodes.size() || expected.values.size() != actual.values.size())
        fail(std::to_string(actual.nodes.size()) + " nodes and " + std::to_string(actual.values.size())
            + " values against " + std::to_string(expected.nodes.size()) + " and "
            + std::to_string(expected.values.size()));
    for (size_t i = 0; i < expected.nodes.size(); ++i)
        if (expected.nodes[i].unique_name != actual.nodes[i].unique_name
            || expected.nodes[i].op_type != actual.nodes[i].op_type)
            fail("node " + std::to_string(i) + " is " + actual.nodes[i].unique_name + ", not "
                + expected.nodes[i].unique_name);
    for (size_t i = 0; i < expected.values.size(); ++i)
        if (expected.values[i].producer != actual.values[i].producer
            || expected.values[i].shape != actual.values[i].shape)
            fail("value " + std::to_string(i) + " (" + expected.values[i].debug_name + ")");
}

} // namespace prunescope::detail
