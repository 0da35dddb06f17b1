// SPDX-License-Identifier: MIT
#pragma once
// The transitive reduction of a DAG: the fewest edges with the same reachability. A
// DenseNet block (every layer feeding every later one) reduces to a chain, which dot
// ranks in milliseconds instead of minutes, with the same ranks.
#include <QPair>
#include <QVector>

namespace prunescope::ui {

// `edges` as (from, to) pairs over nodes 0..n-1. Returns the edges to keep, in their
// original order; the input unchanged when the graph has a cycle.
QVector<QPair<int, int>> transitiveReduction(int n, const QVector<QPair<int, int>>& edges);

} // namespace prunescope::ui
