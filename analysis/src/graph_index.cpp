// SPDX-License-Identifier: MIT
#include "graph_index.h"

namespace prunescope {

GraphIndex::GraphIndex(const OpGraph& graph)
    : m_graph(graph)
    , m_nniOrder(graph.nniOrder())
{
    const size_t n = graph.nodes.size();
    m_predStart.reserve(n + 1);
    m_succStart.reserve(n + 1);
    m_predStart.push_back(0);
    m_succStart.push_back(0);
    for (size_t i = 0; i < n; ++i) {
        const OpNode& node = graph.nodes[i];
        for (int value : node.inputs) {
            const int producer = graph.values[static_cast<size_t>(value)].producer;
            if (producer >= 0) {
                m_preds.push_back(producer);
                m_topological = m_topological && producer < static_cast<int>(i);
            }
        }
        for (int value : node.outputs)
            for (int consumer : graph.values[static_cast<size_t>(value)].consumers)
                m_succs.push_back(consumer);
        m_predStart.push_back(static_cast<int>(m_preds.size()));
        m_succStart.push_back(static_cast<int>(m_succs.size()));
    }
    std::unordered_map<std::string, int> ids;
    m_nameId.reserve(n);
    for (const auto& node : graph.nodes)
        m_nameId.push_back(ids.emplace(node.name, static_cast<int>(ids.size())).first->second);
    m_nameCount = static_cast<int>(ids.size());
    m_modules.reserve(graph.modules.size());
    for (const auto& module : graph.modules)
        m_modules.emplace(module.path, &module);
}

const ModuleInfo* GraphIndex::module(const std::string& path) const
{
    const auto found = m_modules.find(path);
    return found == m_modules.end() ? nullptr : found->second;
}

LayerUnion::LayerUnion(int size)
    : m_parent(static_cast<size_t>(size))
{
    for (int i = 0; i < size; ++i)
        m_parent[static_cast<size_t>(i)] = i;
}

int LayerUnion::find(int x)
{
    int root = x;
    while (m_parent[static_cast<size_t>(root)] != root)
        root = m_parent[static_cast<size_t>(root)];
    while (m_parent[static_cast<size_t>(x)] != root) { // path compression
        const int next = m_parent[static_cast<size_t>(x)];
        m_parent[static_cast<size_t>(x)] = root;
        x = next;
    }
    return root;
}

void LayerUnion::unite(int a, int b)
{
    a = find(a);
    b = find(b);
    if (a != b)
        m_parent[static_cast<size_t>(b)] = a;
}

GraphWalker::GraphWalker(const GraphIndex& index)
    : m_index(index)
    , m_seen(static_cast<size_t>(index.size()), 0)
    , m_parent(static_cast<size_t>(index.size()), -1)
{
}

bool GraphWalker::visit(int node, int from)
{
    auto& seen = m_seen[static_cast<size_t>(node)];
    if (seen == m_stamp)
        return false;
    seen = m_stamp;
    m_parent[static_cast<size_t>(node)] = from;
    return true;
}

} // namespace prunescope
