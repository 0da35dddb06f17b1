// SPDX-License-Identifier: MIT
#pragma once
// What every analysis needs of a graph besides the graph itself, computed once: each
// node's producers and consumers as flat arrays, NNI's node order, and each prunable
// layer's number (one per module path, so that two calls of a module are one layer).
#include "prunescope/op_graph.h"

#include <unordered_map>
#include <vector>

namespace prunescope {

enum class Direction { Up, Down };

class GraphIndex {
public:
    struct Range {
        const int* first;
        const int* last;
        const int* begin() const { return first; }
        const int* end() const { return last; }
        bool empty() const { return first == last; }
    };

    explicit GraphIndex(const OpGraph& graph);

    const OpGraph& graph() const { return m_graph; }
    const OpNode& node(int id) const { return m_graph.nodes[static_cast<size_t>(id)]; }
    int size() const { return static_cast<int>(m_graph.nodes.size()); }
    // Producers of the node's inputs (NNI's find_predecessors), consumers of its outputs
    // (find_successors), in the order OpGraph::predecessors/successors give them.
    Range predecessors(int node) const { return range(m_predStart, m_preds, node); }
    Range successors(int node) const { return range(m_succStart, m_succs, node); }
    Range next(int node, Direction direction) const
    {
        return direction == Direction::Up ? predecessors(node) : successors(node);
    }
    const std::vector<int>& nniOrder() const { return m_nniOrder; }
    // True when every node comes after its producers: the analyses then need one pass.
    bool topological() const { return m_topological; }
    // Same number for nodes of the same name (module path), -1 never: 0..layerCount()-1.
    int nameId(int node) const { return m_nameId[static_cast<size_t>(node)]; }
    int nameCount() const { return m_nameCount; }
    const ModuleInfo* module(const std::string& path) const;

private:
    static Range range(const std::vector<int>& start, const std::vector<int>& items, int node)
    {
        const auto i = static_cast<size_t>(node);
        return { items.data() + start[i], items.data() + start[i + 1] };
    }

    const OpGraph& m_graph;
    std::vector<int> m_predStart, m_preds, m_succStart, m_succs;
    std::vector<int> m_nniOrder;
    std::vector<int> m_nameId;
    int m_nameCount = 0;
    bool m_topological = true;
    std::unordered_map<std::string, const ModuleInfo*> m_modules;
};

// Union-find over the numbers of GraphIndex::nameId.
class LayerUnion {
public:
    explicit LayerUnion(int size);
    int find(int x);
    void unite(int a, int b);

private:
    std::vector<int> m_parent;
};

// Breadth-first searches that reuse their bookkeeping: each search costs what it visits,
// not the size of the graph.
class GraphWalker {
public:
    explicit GraphWalker(const GraphIndex& index);
    // From `starts`, visiting each node once. `stop(node)` ends the walk at a node,
    // `collect(node)` makes it a result; results come in the order they are reached.
    template <typename Collect, typename Stop, typename Starts>
    std::vector<int> search(const Starts& starts, Direction direction, Collect collect, Stop stop);
    // The node the last search reached `node` from; -1 for a start.
    int parentOf(int node) const { return m_parent[static_cast<size_t>(node)]; }

private:
    bool visit(int node, int from);

    const GraphIndex& m_index;
    std::vector<unsigned> m_seen;
    std::vector<int> m_parent;
    std::vector<int> m_queue;
    unsigned m_stamp = 0;
};

template <typename Collect, typename Stop, typename Starts>
std::vector<int> GraphWalker::search(const Starts& starts, Direction direction, Collect collect, Stop stop)
{
    ++m_stamp;
    m_queue.clear();
    for (int start : starts)
        if (visit(start, -1))
            m_queue.push_back(start);
    std::vector<int> found;
    for (size_t head = 0; head < m_queue.size(); ++head) {
        const int current = m_queue[head];
        const OpNode& node = m_index.node(current);
        if (collect(node))
            found.push_back(current);
        if (stop(node))
            continue;
        for (int n : m_index.next(current, direction))
            if (visit(n, current))
                m_queue.push_back(n);
    }
    return found;
}

} // namespace prunescope
