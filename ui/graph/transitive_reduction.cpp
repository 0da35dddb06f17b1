#include "graph/transitive_reduction.h"

#include <algorithm>
#include <vector>

namespace prunescope::ui {

QVector<QPair<int, int>> transitiveReduction(int n, const QVector<QPair<int, int>>& edges)
{
    std::vector<std::vector<int>> successors(static_cast<size_t>(n));
    std::vector<int> indegree(static_cast<size_t>(n), 0);
    for (const auto& [from, to] : edges) {
        if (from == to)
            continue;
        successors[static_cast<size_t>(from)].push_back(to);
        ++indegree[static_cast<size_t>(to)];
    }
    // Topological order (Kahn); a cycle leaves nodes out.
    std::vector<int> order, position(static_cast<size_t>(n), -1);
    for (int v = 0; v < n; ++v)
        if (indegree[static_cast<size_t>(v)] == 0)
            order.push_back(v);
    for (size_t i = 0; i < order.size(); ++i)
        for (int w : successors[static_cast<size_t>(order[i])])
            if (--indegree[static_cast<size_t>(w)] == 0)
                order.push_back(w);
    if (static_cast<int>(order.size()) != n)
        return edges;
    for (int i = 0; i < n; ++i)
        position[static_cast<size_t>(order[static_cast<size_t>(i)])] = i;

    // Reachability bitsets, filled from the last node backwards. An edge u->v is
    // redundant when v is reachable from a successor of u that comes before v.
    const size_t words = (static_cast<size_t>(n) + 63) / 64;
    std::vector<std::vector<uint64_t>> reach(static_cast<size_t>(n), std::vector<uint64_t>(words, 0));
    std::vector<std::vector<char>> keep(static_cast<size_t>(n));
    for (int i = n - 1; i >= 0; --i) {
        const int u = order[static_cast<size_t>(i)];
        auto& succ = successors[static_cast<size_t>(u)];
        std::sort(succ.begin(), succ.end(),
            [&](int a, int b) { return position[static_cast<size_t>(a)] < position[static_cast<size_t>(b)]; });
        succ.erase(std::unique(succ.begin(), succ.end()), succ.end());
        auto& mine = reach[static_cast<size_t>(u)];
        keep[static_cast<size_t>(u)].assign(succ.size(), 0);
        for (size_t k = 0; k < succ.size(); ++k) {
            const auto v = static_cast<size_t>(succ[k]);
            if (mine[v / 64] >> (v % 64) & 1)
                continue; // already reached through an earlier successor
            keep[static_cast<size_t>(u)][k] = 1;
            mine[v / 64] |= uint64_t(1) << (v % 64);
            for (size_t w = 0; w < words; ++w)
                mine[w] |= reach[v][w];
        }
    }
    QVector<QPair<int, int>> result;
    for (const auto& edge : edges) {
        const auto& succ = successors[static_cast<size_t>(edge.first)];
        const auto it = std::find(succ.begin(), succ.end(), edge.second);
        if (it != succ.end() && keep[static_cast<size_t>(edge.first)][static_cast<size_t>(it - succ.begin())]
            && !result.contains(edge))
            result.push_back(edge);
    }
    return result;
}

} // namespace prunescope::ui
