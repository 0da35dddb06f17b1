// SPDX-License-Identifier: MIT
#pragma once
// The one item that draws the graph's nodes and edges. They are items of their own, for
// clicks, hover, tooltips and selection, but have no contents: Qt's painting of an item
// (its transform, the painter's state, the option, in stacking order out of the index)
// cost more than the drawing at a far zoom, where a whole expanded model of 10,000 ops
// is 22,000 items of a pixel or two, and every masks or highlight change repainted them
// all in the event that made it. Zoomed out this layer draws them in a few batched
// calls, in the looks their own paint() has there (FarStyle chooses for both); closer
// in, where a paint shows a few dozen, it calls each one's paint().
#include <QGraphicsItem>
#include <QHash>
#include <QList>

namespace prunescope::ui {

class NodeItem;
class EdgeItem;

class GraphLayer : public QGraphicsItem {
public:
    enum { Type = UserType + 5 };
    int type() const override { return Type; }
    // Draws the items of these containers (the scene's own, which outlive the layer).
    GraphLayer(const QHash<int, NodeItem*>& nodes, const QList<EdgeItem*>& edges, const QRectF& bounds);

    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // Off, the far zoom too is drawn by each item's paint(): the tests compare the two.
    static void setBatching(bool on);

private:
    void paintEachItem(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) const;
    void paintEdges(QPainter* painter, const QRectF& exposed) const;
    void paintNodes(QPainter* painter, const QRectF& exposed) const;

    const QHash<int, NodeItem*>& m_nodes;
    const QList<EdgeItem*>& m_edges;
    QRectF m_bounds;
};

} // namespace prunescope::ui
