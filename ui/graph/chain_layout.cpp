// SPDX-License-Identifier: MIT
#include "graph/chain_layout.h"

#include <algorithm>

namespace prunescope::ui {

namespace {

// The nodes in path order, or empty when the edges are not one path through all of them.
QVector<int> pathOrder(const LayoutInput& input)
{
    const int n = static_cast<int>(input.nodes.size());
    if (n == 0 || input.edges.size() != n - 1)
        return {};
    QVector<int> next(n, -1), indegree(n, 0);
    for (const auto& e : input.edges) {
        if (e.from < 0 || e.from >= n || e.to < 0 || e.to >= n || e.from == e.to || next[e.from] >= 0)
            return {};
        next[e.from] = e.to;
        ++indegree[e.to];
    }
    const auto start = std::find(indegree.begin(), indegree.end(), 0);
    if (start == indegree.end())
        return {};
    QVector<int> order;
    QVector<bool> seen(n, false);
    for (int v = static_cast<int>(start - indegree.begin()); v >= 0 && !seen[v]; v = next[v]) {
        seen[v] = true;
        order.push_back(v);
    }
    return order.size() == n ? order : QVector<int>();
}

} // namespace

bool isChain(const LayoutInput& input) { return !pathOrder(input).isEmpty(); }

LayoutResult layoutChain(const LayoutInput& input)
{
    const QVector<int> order = pathOrder(input);
    LayoutResult result;
    if (order.isEmpty())
        return result;
    // Across: every centre on the widest node's middle. Along: node after node, the
    // rank separation between them.
    const auto along = [&](const QSizeF& s) { return input.leftToRight ? s.width() : s.height(); };
    const auto across = [&](const QSizeF& s) { return input.leftToRight ? s.height() : s.width(); };
    double breadth = 0;
    for (const auto& node : input.nodes)
        breadth = std::max(breadth, across(node.size));
    const auto point = [&](double a, double c) { return input.leftToRight ? QPointF(a, c) : QPointF(c, a); };
    result.centers.resize(input.nodes.size());
    double position = 0;
    for (int k = 0; k < order.size(); ++k) {
        const double length = along(input.nodes[order[k]].size);
        result.centers[order[k]] = point(position + length / 2, breadth / 2);
        position += length + (k + 1 < order.size() ? input.rankSeparation : 0);
    }
    for (const auto& e : input.edges) {
        const double tailEnd = (input.leftToRight ? result.centers[e.from].x() : result.centers[e.from].y())
            + along(input.nodes[e.from].size) / 2;
        const double headStart = (input.leftToRight ? result.centers[e.to].x() : result.centers[e.to].y())
            - along(input.nodes[e.to].size) / 2;
        QPainterPath path(point(tailEnd, breadth / 2));
        path.lineTo(point(headStart, breadth / 2));
        result.edges.push_back(path);
    }
    result.size = input.leftToRight ? QSizeF(position, breadth) : QSizeF(breadth, position);
    result.ok = true;
    return result;
}

} // namespace prunescope::ui
