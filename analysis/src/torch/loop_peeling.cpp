// SPDX-License-Identifier: MIT
#include "loop_peeling.h"

#include "shape_recorder.h"
#include "torch_pch.h"

#include <torch/csrc/jit/passes/loop_unrolling.h>

#include <map>
#include <set>
#include <unordered_set>

namespace prunescope::detail {

using torch::jit::Block;
using torch::jit::Node;

namespace {

void preorder(Block* block, std::vector<Node*>& out)
{
    for (Node* node : block->nodes()) {
        out.push_back(node);
        for (Block* sub : node->blocks())
            preorder(sub, out);
    }
}

void collectLoops(Block* block, std::vector<Node*>& loops)
{
    for (Node* node : block->nodes()) {
        if (node->kind() == c10::prim::Loop)
            loops.push_back(node);
        for (Block* sub : node->blocks())
            collectLoops(sub, loops);
    }
}

// One iteration of `loop` becomes a copy before it, its module calls new calls.
void peelOnce(Node* loop, CallTable& calls, std::unordered_set<const Node*>& known)
{
    std::vector<Node*> body;
    preorder(loop->blocks()[0], body);
    Node* copy = torch::jit::PeelLoop(loop, 1);
    std::vector<Node*> copied;
    preorder(copy->blocks()[0], copied);
    // The copy is node for node the body as it was. Module calls made inside the body
    // become new calls of the same modules (a second call site, as a trace has one per
    // iteration); the calls around the loop stay what they are.
    const int owner = calls.ownerOf(loop);
    std::set<int> outside;
    for (int c = owner; c >= 0; c = calls.calls[static_cast<size_t>(c)].parent)
        outside.insert(c);
    std::set<int> inside;
    for (Node* node : body)
        if (calls.ownerOf(node) >= 0 && !outside.count(calls.ownerOf(node)))
            inside.insert(calls.ownerOf(node));
    std::map<int, int> renamed;
    for (int c : inside) { // ids grow from parent to child
        ModuleCall call = calls.calls[static_cast<size_t>(c)];
        if (renamed.count(call.parent))
            call.parent = renamed[call.parent];
        renamed[c] = static_cast<int>(calls.calls.size());
        calls.calls.push_back(std::move(call));
    }
    calls.owner[copy] = owner;
    known.insert(copy);
    // A copy edits what the node it copies edits (the pruner's constants): same origin.
    auto copyOrigin = [&calls](const Node* from, const Node* to) {
        if (auto found = calls.origin.find(from); found != calls.origin.end())
            calls.origin[to] = found->second;
    };
    copyOrigin(loop, copy);
    for (size_t i = 0; i < copied.size() && i < body.size(); ++i) {
        const int c = calls.ownerOf(body[i]);
        calls.owner[copied[i]] = renamed.count(c) ? renamed[c] : c;
        known.insert(copied[i]);
        copyOrigin(body[i], copied[i]);
    }
}

} // namespace

// Loops over ints only (batch norm's size checks) have no edges worth a copy.
bool movesTensors(Node* loop)
{
    std::vector<Node*> body;
    preorder(loop->blocks()[0], body);
    for (const Node* node : body)
        for (const torch::jit::Value* output : node->outputs())
            if (output->type()->kind() == c10::TypeKind::TensorType)
                return true;
    return false;
}

std::vector<Node*> peelLoops(torch::jit::Graph& graph, CallTable& calls, const std::vector<int>& peels)
{
    std::vector<Node*> loops;
    collectLoops(graph.block(), loops);
    if (loops.empty())
        return loops;
    std::vector<Node*> all;
    preorder(graph.block(), all);
    std::unordered_set<const Node*> known(all.begin(), all.end());
    for (size_t k = 0; k < loops.size(); ++k) {
        const int times = k < peels.size() ? peels[k] : (movesTensors(loops[k]) ? 1 : 0);
        for (int i = 0; i < times; ++i)
            peelOnce(loops[k], calls, known);
    }
    // What is left unknown is PeelLoop's own arithmetic on trip counts.
    all.clear();
    preorder(graph.block(), all);
    for (Node* node : all)
        if (!known.count(node))
            calls.synthetic.insert(node);
    return loops;
}

std::vector<int> unrollPlan(const std::vector<Node*>& loops, const ShapeRecorder& recorder, std::vector<int> peels)
{
    bool changed = false;
    for (size_t k = peels.size(); k < loops.size(); ++k)
        peels.push_back(movesTensors(loops[k]) ? 1 : 0);
    for (size_t k = 0; k < loops.size(); ++k) {
        Node* loop = loops[k];
        const int remaining = recorder.runsOf(loop->blocks()[0]);
        // Inside a loop that ran several times, runs add up over its iterations.
        if (remaining < 2 || !recorder.finished(loop) || recorder.runsOf(loop->owningBlock()) != 1
            || peels[k] + remaining > kMaxUnrolled)
            continue;
        std::vector<Node*> body;
        preorder(loop->blocks()[0], body);
        bool varies = false;
        for (const Node* node : body)
            for (const torch::jit::Value* output : node->outputs())
                if (const Observation* seen = recorder.observed(output); seen && seen->varies)
                    varies = true;
        if (varies) {
            peels[k] += remaining;
            changed = true;
        }
    }
    return changed ? peels : std::vector<int> {};
}

} // namespace prunescope::detail
