#include "loop_peeling.h"

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
        if (node->kind() == c10::prim::Loop && !node->outputs().empty())
            loops.push_back(node);
        for (Block* sub : node->blocks())
            collectLoops(sub, loops);
    }
}

} // namespace

void peelLoops(torch::jit::Graph& graph, CallTable& calls)
{
    std::vector<Node*> loops;
    collectLoops(graph.block(), loops);
    if (loops.empty())
        return;
    std::vector<Node*> all;
    preorder(graph.block(), all);
    std::unordered_set<const Node*> known(all.begin(), all.end());
    for (Node* loop : loops) {
        std::vector<Node*> body;
        preorder(loop->blocks()[0], body);
        Node* copy = torch::jit::PeelLoop(loop, 1);
        std::vector<Node*> copied;
        preorder(copy->blocks()[0], copied);
        // The copy is node for node the body as it was. Module calls made inside the body
        // become new calls of the same modules (a second call site, as a trace has one
        // per iteration); the calls around the loop stay what they are.
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
        for (size_t i = 0; i < copied.size() && i < body.size(); ++i) {
            const int c = calls.ownerOf(body[i]);
            calls.owner[copied[i]] = renamed.count(c) ? renamed[c] : c;
            known.insert(copied[i]);
        }
    }
    // What is left unknown is PeelLoop's own arithmetic on trip counts.
    all.clear();
    preorder(graph.block(), all);
    for (Node* node : all)
        if (!known.count(node))
            calls.synthetic.insert(node);
}

} // namespace prunescope::detail
