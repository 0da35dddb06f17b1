// SPDX-License-Identifier: MIT
#pragma once
// Graphviz dot, in process, for graphs of fixed-size boxes: the caller measures its
// items, dot places them and routes the edges. Graphviz itself stays behind this
// header (its headers define macros and C types we don't want everywhere).
#include <QPainterPath>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QVector>

namespace prunescope::ui {

struct LayoutInput {
    // First: alone on the first rank (a box's entry ports); Last: alone on the last.
    enum class Rank { Any, First, Last };
    struct Node {
        QString id;
        QSizeF size; // scene units (1 unit = 1 point = 1/72 inch)
        Rank rank = Rank::Any;
    };
    struct Edge {
        int from = -1; // indices into nodes
        int to = -1;
    };
    QVector<Node> nodes;
    QVector<Edge> edges; // multi-edges and self-loops are allowed
    bool leftToRight = false; // dot rankdir LR instead of TB
    double nodeSeparation = 18; // points (dot nodesep)
    double rankSeparation = 28; // points (dot ranksep)
    // Dense graphs (a DenseNet block: every layer feeds every later one) take dot
    // minutes to route spline by spline; without routing, edges come back as straight
    // segments and the caller draws its own curves.
    bool routeSplines = true;
};

struct LayoutResult {
    bool ok = false;
    QString error; // set when !ok
    // One per input node, in a top-left-origin, y-down system.
    QVector<QPointF> centers;
    // One per input edge: dot's spline, running from the tail's border to the head's
    // border (where dot would put the arrowhead's tip); empty if dot routed none.
    QVector<QPainterPath> edges;
    // Every node rectangle (centre +- size/2) and every edge path lies in
    // [0,w]x[0,h]. 0x0 for an empty input or a failure.
    QSizeF size;
};

// Thread-safe: Graphviz keeps global state, so calls are serialized. Other code in the
// process must not call Graphviz directly, or it would race with this.
LayoutResult layoutWithDot(const LayoutInput& input);

} // namespace prunescope::ui
