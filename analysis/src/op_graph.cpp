// SPDX-License-Identifier: MIT
#include "prunescope/op_graph.h"

#include <algorithm>
#include <unordered_map>

namespace prunescope {

const OpArgument* OpCall::input(const std::string& name) const
{
    for (const auto& arg : inputs)
        if (arg.name == name)
            return &arg;
    return nullptr;
}

int64_t OpNode::attr(const std::string& key, int64_t fallback) const
{
    auto found = attrs.find(key);
    return found == attrs.end() || found->second.empty() ? fallback : found->second.front();
}

bool ModuleInfo::isTorchNn() const { return qualified_type.rfind("__torch__.torch.nn.modules.", 0) == 0; }

int64_t ModuleParam::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

std::vector<int> OpGraph::predecessors(int node) const
{
    std::vector<int> result;
    for (int value : nodes[static_cast<size_t>(node)].inputs) {
        const int producer = values[static_cast<size_t>(value)].producer;
        if (producer >= 0)
            result.push_back(producer);
    }
    return result;
}

std::vector<int> OpGraph::successors(int node) const
{
    std::vector<int> result;
    for (int value : nodes[static_cast<size_t>(node)].outputs)
        for (int consumer : values[static_cast<size_t>(value)].consumers)
            result.push_back(consumer);
    return result;
}

const OpNode* OpGraph::findUnique(const std::string& unique_name) const
{
    for (const auto& node : nodes)
        if (node.unique_name == unique_name)
            return &node;
    return nullptr;
}

const ModuleInfo* OpGraph::module(const std::string& path) const
{
    for (const auto& m : modules)
        if (m.path == path)
            return &m;
    return nullptr;
}

std::vector<int> OpGraph::nniOrder() const
{
    // NNI builds one dict entry per leaf module in order of the module's first node,
    // emits all its calls together, then does the same for functions per scope.
    std::unordered_map<std::string, size_t> firstModule, firstScope;
    for (const auto& node : nodes) {
        auto& first = node.isModule() ? firstModule : firstScope;
        first.emplace(node.scope, first.size());
    }
    std::vector<int> order(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
        order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const OpNode& x = nodes[static_cast<size_t>(a)];
        const OpNode& y = nodes[static_cast<size_t>(b)];
        if (x.isModule() != y.isModule())
            return x.isModule();
        const auto& first = x.isModule() ? firstModule : firstScope;
        return first.at(x.scope) < first.at(y.scope);
    });
    return order;
}

int64_t OpGraph::totalParamCount() const { return modules.empty() ? 0 : modules.front().total_param_count; }

} // namespace prunescope
