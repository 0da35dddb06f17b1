// SPDX-License-Identifier: MIT
#pragma once
// Where everything of the graph view goes: absolute rectangles of the visible nodes and
// module boxes, and the edge paths between them. Computed off the GUI thread.
#include <QPainterPath>
#include <QRectF>
#include <QString>
#include <QVector>

namespace prunescope::ui {

struct NodeGeometry {
    int node = -1;
    QRectF rect;
};

struct BoxGeometry {
    QString module;
    QRectF rect;
    bool expanded = false; // a frame around its content, or one collapsed item
    QRectF title; // where an expanded frame's title goes: no edge crosses it
};

struct EdgeGeometry {
    QString from; // visible item keys: "n:<node id>" or "m:<module path>"
    QString to;
    QVector<int> values; // the values (tensors) the edge carries
    QPainterPath path; // from the tail's border to the head's, curves flattened
};

struct GraphGeometry {
    QVector<NodeGeometry> nodes;
    QVector<BoxGeometry> boxes;
    QVector<EdgeGeometry> edges;
    QRectF bounds;
    int laidOutBoxes = 0; // boxes laid out by dot for this geometry (the rest came from the cache)
    QString error;
};

} // namespace prunescope::ui
