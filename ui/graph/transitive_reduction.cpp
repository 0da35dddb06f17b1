// SPDX-License-Identifier: MIT
#include "graph/transitive_reduction.h"

#include <QSet>

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
    // redundant when v is reachable from a successor of u that comes before v. That is
    // E * N/64 word operations: linear in the edges for a box's few hundred units.
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
    // Each kept edge once, at its first place in the input: one hash lookup per edge.
    QSet<QPair<int, int>> kept;
    for (int u = 0; u < n; ++u)
        for (size_t k = 0; k < successors[static_cast<size_t>(u)].size(); ++k)
            if (keep[static_cast<size_t>(u)][k])
                kept.insert({ u, successors[static_cast<size_t>(u)][k] });
    QVector<QPair<int, int>> result;
    result.reserve(kept.size());
    for (const auto& edge : edges)
        if (kept.remove(edge))
            result.push_back(edge);
    return result;
}

} // namespace prunescope::ui
