// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsItem>
#include <QGraphicsScene>

namespace prunescope::ui {

// The opacity a dimmed node and a dimmed edge are drawn with (by the painter, not
// QGraphicsItem::setOpacity: see NodeItem::paint).
constexpr double kDimmedNodeOpacity = 0.22;
constexpr double kDimmedEdgeOpacity = 0.15;

// Repaints one graph item. The nodes and edges have no contents of their own (GraphLayer
// draws them) and Qt skips their updates: the scene repaints their area instead.
inline void repaintItem(QGraphicsItem& item)
{
    if (!(item.flags() & QGraphicsItem::ItemHasNoContents))
        item.update();
    else if (QGraphicsScene* scene = item.scene())
        scene->update(item.sceneBoundingRect());
}

// Sets one drawn property of a graph item; true when it changed. A caller restyling
// thousands of items passes repaint = false and updates their region once.
template <typename T> bool setDrawnState(QGraphicsItem& item, T& field, const T& value, bool repaint)
{
    if (field == value)
        return false;
    field = value;
    if (repaint)
        repaintItem(item);
    return true;
}

} // namespace prunescope::ui
