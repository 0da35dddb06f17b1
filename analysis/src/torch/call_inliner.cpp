// SPDX-License-Identifier: MIT
#include "call_inliner.h"

#include "torch_pch.h"

namespace prunescope::detail {

using torch::jit::Block;
using torch::jit::Node;
using torch::jit::Value;

namespace {

const std::string kRootPath;

// Walks the prim::GetAttr chain that produced a module value back to the root `self`.
bool modulePathOf(const Value* value, const Value* self, std::string& path)
{
    if (value == self) {
        path.clear();
        return true;
    }
    const Node* node = value->node();
    if (node->kind() != c10::prim::GetAttr)
        return false;
    std::string parent;
    if (!modulePathOf(node->input(0), self, parent))
        return false;
    const std::string& name = node->s(c10::attr::name);
    path = parent.empty() ? name : parent + "." + name;
    return true;
}

// "forward", a trace's "forward1" (the module's second traced call), a script's
// "forward__0" (an overload: nn.LSTM).
bool isForward(const std::string& method)
{
    return method.rfind("forward", 0) == 0 && method.find_first_not_of("_0123456789", 7) == std::string::npos;
}

class Inliner {
public:
    Inliner(torch::jit::Graph& graph)
        : m_self(graph.inputs().at(0))
    {
    }

    void inlineBlock(Block* block, int context)
    {
        // Nodes copied in from a callee belong to that callee's call; they are visited
        // right after being inserted, so nested calls get inlined in turn.
        std::unordered_map<Node*, int> inserted;
        Node* node = block->nodes().front();
        while (node != block->return_node()) {
            auto found = inserted.find(node);
            const int owner = found == inserted.end() ? context : found->second;
            if (node->kind() == c10::prim::CallMethod || node->kind() == c10::prim::CallFunction) {
                torch::jit::GraphFunction* callee = nullptr;
                const int callContext = enterCall(node, owner, callee);
                if (callee) {
                    Node* before = node->prev();
                    Node* after = node->next();
                    m_table.origin.erase(node); // destroyed by the inlining
                    torch::jit::inlineCallTo(node, callee, callee->graph().get());
                    for (Node* n = before->next(); n != after; n = n->next())
                        inserted[n] = callContext;
                    recordOrigins(before->next(), after, callee->graph()->block());
                    node = before->next();
                    continue;
                }
            }
            m_table.owner[node] = owner;
            for (Block* sub : node->blocks())
                inlineBlock(sub, owner);
            node = node->next();
        }
    }

    CallTable take() { return std::move(m_table); }

private:
    // inlineCallTo copies the callee's nodes in order (blocks too), so the inserted range
    // and the callee's block pair up one to one.
    void recordOrigins(Node* first, Node* end, Block* source)
    {
        auto from = source->nodes().begin();
        for (Node* n = first; n != end && from != source->nodes().end(); n = n->next(), ++from) {
            Node* original = *from;
            if (n->kind() != original->kind() || n->blocks().size() != original->blocks().size())
                return; // not a copy after all: leave the rest without origins
            m_table.origin[n] = original;
            for (size_t b = 0; b < n->blocks().size(); ++b)
                recordOrigins(n->blocks()[b]->nodes().front(), n->blocks()[b]->return_node(), original->blocks()[b]);
        }
    }

    // Decides which call the callee's nodes belong to, and finds the callee's graph.
    int enterCall(Node* node, int owner, torch::jit::GraphFunction*& callee)
    {
        if (node->kind() == c10::prim::CallFunction) {
            auto functionType = node->input(0)->type()->cast<c10::FunctionType>();
            if (!functionType)
                return owner;
            callee = torch::jit::tryToGraphFunction(*functionType->function());
            if (callee)
                node->removeInput(0);
            return owner;
        }
        auto classType = node->input(0)->type()->cast<c10::ClassType>();
        if (!classType)
            return owner;
        callee = torch::jit::tryToGraphFunction(classType->getMethod(node->s(c10::attr::name)));
        // Only forward is a module call, as a trace records it: another method of a
        // submodule (RAFT's corr_block.index_pyramid, FloatFunctional's cat) runs in the
        // caller's scope.
        if (!classType->is_module() || !isForward(node->s(c10::attr::name)))
            return owner;
        std::string path;
        if (!modulePathOf(node->input(0), m_self, path))
            path = "<" + shortTypeName(classType->name() ? classType->name()->qualifiedName() : "module") + ">";
        // A module calling its own forward again stays in the same call.
        if (path == m_table.pathOf(owner))
            return owner;
        ModuleCall call;
        call.parent = owner;
        call.path = path;
        call.type = shortTypeName(classType->name() ? classType->name()->qualifiedName() : "");
        m_table.calls.push_back(std::move(call));
        return static_cast<int>(m_table.calls.size()) - 1;
    }

    const Value* m_self;
    CallTable m_table;
};

} // namespace

int CallTable::ownerOf(const Node* node) const
{
    auto found = owner.find(node);
    return found == owner.end() ? -1 : found->second;
}

const std::string& CallTable::pathOf(int call) const
{
    return call < 0 ? kRootPath : calls.at(static_cast<size_t>(call)).path;
}

CallTable inlineModuleCalls(torch::jit::Graph& graph)
{
    Inliner inliner(graph);
    inliner.inlineBlock(graph.block(), -1);
    return inliner.take();
}

std::string shortTypeName(const std::string& qualified)
{
    const auto dot = qualified.rfind('.');
    return dot == std::string::npos ? qualified : qualified.substr(dot + 1);
}

} // namespace prunescope::detail
