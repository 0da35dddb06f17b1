// SPDX-License-Identifier: MIT
#include "graph/graph_layer.h"

#include "graph/detail_level.h"
#include "graph/edge_item.h"
#include "graph/far_style.h"
#include "graph/item_state.h"
#include "graph/node_item.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <array>
#include <map>
#include <tuple>
#include <vector>

namespace prunescope::ui {

namespace {

// How far an item's drawing reaches past its node's box (the badge), in scene units.
constexpr double kReach = 10;

bool g_batching = true;

} // namespace

GraphLayer::GraphLayer(const QHash<int, NodeItem*>& nodes, const QList<EdgeItem*>& edges, const QRectF& bounds)
    : m_nodes(nodes)
    , m_edges(edges)
    , m_bounds(bounds)
{
    setFlag(ItemUsesExtendedStyleOption); // for the exposed rect: a scroll repaints a strip
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(1.5); // between the edges' and the nodes' own places (1 and 2)
}

void GraphLayer::setBatching(bool on) { g_batching = on; }

QPainterPath GraphLayer::shape() const { return {}; } // never hit: clicks and tooltips go to the items

void GraphLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    if (!g_batching || option->levelOfDetailFromTransform(painter->worldTransform()) >= kLevelForOutline) {
        paintEachItem(painter, option, widget);
        return;
    }
    const QRectF exposed = option->exposedRect.adjusted(-kReach, -kReach, kReach, kReach);
    if (painter->testRenderHint(QPainter::Antialiasing))
        painter->setRenderHint(QPainter::Antialiasing, false);
    paintEdges(painter, exposed);
    paintNodes(painter, exposed);
}

void GraphLayer::paintEachItem(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) const
{
    // As Qt draws items with contents: those under the exposed rect, from the scene's
    // index, bottom first (edges below nodes), each in its own coordinates and with the
    // painter's state as the layer got it.
    QStyleOptionGraphicsItem itemOption(*option);
    const QList<QGraphicsItem*> items
        = scene()->items(option->exposedRect, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder);
    for (QGraphicsItem* item : items) {
        if ((item->type() != NodeItem::Type && item->type() != EdgeItem::Type) || !item->isVisible())
            continue;
        painter->save();
        painter->setWorldTransform(item->sceneTransform(), true);
        itemOption.exposedRect = item->boundingRect();
        itemOption.state.setFlag(QStyle::State_Selected, item->isSelected());
        item->paint(painter, &itemOption, widget);
        painter->restore();
    }
}

void GraphLayer::paintEdges(QPainter* painter, const QRectF& exposed) const
{
    // As EdgeItem draws itself at this zoom: a hairline without its arrowhead, by
    // emphasis (dimmed, normal, lit) so that the pen and opacity change twice at most.
    // Polylines, not their segments as one drawLines: a dimmed edge's joints would be
    // blended twice.
    std::array<std::vector<const EdgeItem*>, 3> byLevel; // emphasis -1, 0, 1
    for (const EdgeItem* edge : m_edges)
        if (edge->isVisible() && exposed.intersects(edge->boundingRect().translated(edge->pos()))) {
            const int level = std::clamp(edge->emphasis(), -1, 1) + 1;
            byLevel[static_cast<size_t>(level)].push_back(edge);
        }
    const FarStyle& far = FarStyle::of(QApplication::palette());
    painter->setBrush(Qt::NoBrush);
    for (size_t level = 0; level < byLevel.size(); ++level) {
        const auto& edges = byLevel[level];
        if (edges.empty())
            continue;
        const int emphasis = static_cast<int>(level) - 1;
        painter->setOpacity(emphasis < 0 ? kDimmedEdgeOpacity : 1.0);
        painter->setPen(far.edgePen(emphasis));
        for (const EdgeItem* edge : edges) {
            const QPointF at = edge->pos();
            for (const QPolygonF& line : edge->lines())
                painter->drawPolyline(at.isNull() ? line : line.translated(at));
        }
    }
}

void GraphLayer::paintNodes(QPainter* painter, const QRectF& exposed) const
{
    // The frames and fills NodeItem would draw at this zoom (FarStyle chooses for both),
    // grouped by what the painter holds: a few dozen groups for ten thousand nodes.
    struct Fill {
        const QPen* pen;
        QBrush brush;
        std::vector<QRectF> rects;
    };
    // dimmed, pen, fill colour and style
    using FillKey = std::tuple<bool, const QPen*, QRgb, int>;
    std::map<FillKey, Fill> fills;
    std::map<std::pair<bool, int>, std::pair<QBrush, std::vector<QRectF>>> hatches; // dimmed, set
    std::array<std::vector<QRectF>, 2> badges; // not dimmed, dimmed
    const FarStyle& far = FarStyle::of(QApplication::palette());
    for (const NodeItem* node : m_nodes) {
        const QRectF rect = node->rect();
        if (!node->isVisible() || !exposed.intersects(rect))
            continue;
        const NodeLook& look = node->look();
        const bool dimmed = node->isDimmed();
        const QPen& pen = far.nodePen(look, node->isSelected());
        const QBrush brush = far.nodeBrush(look);
        const FillKey key { dimmed, &pen, brush.color().rgba(), brush.style() };
        auto it = fills.find(key);
        if (it == fills.end())
            it = fills.emplace(key, Fill { &pen, brush, {} }).first;
        it->second.rects.push_back(rect);
        if (QBrush hatch = FarStyle::nodeHatch(look); hatch.style() != Qt::NoBrush) {
            auto& [hatchBrush, rects] = hatches[{ dimmed, look.colorIndex }];
            hatchBrush = std::move(hatch);
            rects.push_back(rect);
        }
        if (look.unsafe)
            badges[dimmed ? 1 : 0].push_back(FarStyle::badgeRect(rect.size()).translated(rect.topLeft()));
    }
    for (const auto& [key, fill] : fills) {
        painter->setOpacity(std::get<0>(key) ? kDimmedNodeOpacity : 1.0);
        painter->setPen(*fill.pen);
        painter->setBrush(fill.brush);
        painter->drawRects(fill.rects.data(), static_cast<int>(fill.rects.size()));
    }
    painter->setPen(Qt::NoPen);
    for (const auto& [key, hatch] : hatches) {
        painter->setOpacity(key.first ? kDimmedNodeOpacity : 1.0);
        painter->setBrush(hatch.first);
        painter->drawRects(hatch.second.data(), static_cast<int>(hatch.second.size()));
    }
    painter->setBrush(FarStyle::badgeColor());
    for (size_t dimmed = 0; dimmed < badges.size(); ++dimmed) {
        painter->setOpacity(dimmed ? kDimmedNodeOpacity : 1.0);
        painter->drawRects(badges[dimmed].data(), static_cast<int>(badges[dimmed].size()));
    }
}

} // namespace prunescope::ui
